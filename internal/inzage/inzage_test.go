package inzage_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	nethtml "golang.org/x/net/html"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/golden"
	"github.com/leefwereld/leefwereld/internal/inzage"
	"github.com/leefwereld/leefwereld/internal/inzage/inzagetest"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// at is when the test bundles are made: in winter, in the Netherlands' time zone.
var at = time.Date(2027, 1, 15, 10, 30, 0, 0, time.FixedZone("CET", 3600))

// fixture builds the shared workspace once per test and opens it.
func fixture(t *testing.T) *workspace.Workspace {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	inzagetest.Build(t, data)
	w, err := workspace.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// bundle collects and writes a bundle and reads the zip back.
func bundle(t *testing.T, w *workspace.Workspace, opt inzage.Options) (map[string][]byte, []*zip.File, []byte) {
	t.Helper()
	b, err := inzage.Collect(w.Store, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files, zr.File, buf.Bytes()
}

func options() inzage.Options {
	return inzage.Options{Casus: inzagetest.Casus, By: "Bea Beheer", At: at}
}

func TestBundleEntries(t *testing.T) {
	w := fixture(t)
	_, entries, first := bundle(t, w, options())
	var listing strings.Builder
	for _, f := range entries {
		fmt.Fprintln(&listing, f.Name)
		if !f.Modified.Equal(at) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, at)
		}
	}
	golden.Check(t, filepath.Join("testdata", "entries.golden"), listing.String())
	_, _, second := bundle(t, w, options())
	if !bytes.Equal(first, second) {
		t.Error("two bundles of the same workspace at the same time differ")
	}
}

func TestBundleHoldsWhatIsAboutThePupil(t *testing.T) {
	w := fixture(t)
	files, _, _ := bundle(t, w, options())
	all := func(ext string) string {
		var b strings.Builder
		for name, data := range files {
			if strings.HasSuffix(name, ext) {
				b.Write(data)
			}
		}
		return b.String()
	}
	md, pages := all(".md"), html.UnescapeString(all(".html"))
	for _, s := range inzagetest.PortraitSentences {
		if !strings.Contains(md, s) {
			t.Errorf("no Markdown file holds %q", s)
		}
		if !strings.Contains(pages, s) {
			t.Errorf("no HTML file holds %q", s)
		}
	}
	if got := files[inzagetest.Attachment]; !bytes.Contains(got, []byte("NOOR-PAARD-PIXELS")) {
		t.Errorf("%s: %q", inzagetest.Attachment, got)
	}
	index := html.UnescapeString(string(files["index.html"]))
	casus := html.UnescapeString(string(files["cases/noor-groep-6.html"]))
	for _, s := range []string{"Schaamte", "Noor vertelt op school niets over thuis", "Verantwoordelijkheid",
		"Ze zorgt 's ochtends voor haar broertje", "Rust", "Bea Beheer", "15 januari 2027, 10:30",
		"Samen sterk", "Eén volwassene die blijft", "oma-van-noor"} {
		if !strings.Contains(index, s) {
			t.Errorf("index.html lacks %q", s)
		}
	}
	for _, s := range []string{"Noor vertelt op school niets over thuis", "Later beginnen op dinsdag", "Rustig de dag beginnen",
		"portret delen met de schoolarts", "1 oktober 2027", "ingetrokken", "1 augustus 2029"} {
		if !strings.Contains(casus, s) {
			t.Errorf("the casus's HTML lacks %q", s)
		}
	}
	if readme := string(files["LEESMIJ.txt"]); !strings.Contains(readme, "Gemaakt door: Bea Beheer") ||
		!strings.Contains(readme, "Gemaakt op: 15 januari 2027, 10:30") || !strings.Contains(readme, "index.html") {
		t.Errorf("LEESMIJ.txt:\n%s", readme)
	}
	if got := string(files["leeslog.txt"]); !strings.Contains(got, "Er is nog geen leeslog") {
		t.Errorf("leeslog.txt without a view log: %q", got)
	}

	var consent struct {
		Casus   string
		Consent []struct{ By, For, Date, Until, Withdrawn, State string }
	}
	if err := json.Unmarshal(files["toestemming.json"], &consent); err != nil {
		t.Fatal(err)
	}
	if consent.Casus != inzagetest.Casus || len(consent.Consent) != 2 ||
		consent.Consent[0].State != inzage.ConsentValid || consent.Consent[0].Until != "2027-10-01" ||
		consent.Consent[1].State != inzage.ConsentWithdrawn || consent.Consent[1].Withdrawn != "2026-12-01" {
		t.Errorf("toestemming.json: %+v", consent)
	}
	if got := html.UnescapeString(string(files["toestemming.html"])); !strings.Contains(got, "foto's in het portret") {
		t.Errorf("toestemming.html lacks the second record:\n%s", got)
	}

	var history []struct {
		Path     string
		Versions []struct{ Commit, Date, Author, Op, Message string }
	}
	if err := json.Unmarshal(files["geschiedenis.json"], &history); err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]string{}
	for _, h := range history {
		for _, v := range h.Versions {
			byPath[h.Path] = append(byPath[h.Path], v.Author+": "+v.Op+": "+v.Message)
		}
	}
	wantHist := map[string][]string{
		"portraits/noor.md":     {"Karim: gewijzigd: Portret aangevuld na huisbezoek", "Anna de Vries: nieuw: Gesprek met Noor verwerkt"},
		inzagetest.Attachment:   {"Anna de Vries: nieuw: Tekening van Noor toegevoegd"},
		"cases/noor-groep-6.md": {"Anna de Vries: nieuw: Nieuwe pagina cases/noor-groep-6.md"},
	}
	for p, want := range wantHist {
		if got := strings.Join(byPath[p], " | "); !strings.Contains(got, want[0]) || !strings.Contains(got, want[len(want)-1]) || len(byPath[p]) != len(want) {
			t.Errorf("history of %s: %q, want %q", p, got, want)
		}
	}
	if _, ok := byPath["frames/samen-sterk.md"]; ok {
		t.Error("the history lists the other team's frame")
	}
	geschiedenis := html.UnescapeString(string(files["geschiedenis.html"]))
	for _, m := range inzagetest.Messages {
		if !strings.Contains(geschiedenis, m) {
			t.Errorf("geschiedenis.html lacks %q", m)
		}
	}
}

// TestBundleLeavesOutWhatIsNotAboutThePupil: no other team's frame, no other pupil, no theme or
// starter-library text — only names and the team's own "why".
func TestBundleLeavesOutWhatIsNotAboutThePupil(t *testing.T) {
	w := fixture(t)
	files, _, _ := bundle(t, w, options())
	outside := append([]string{}, inzagetest.Outside...)
	for _, slug := range []string{"schaamte", "verantwoordelijkheid", "rust", "verbondenheid"} {
		f, err := w.Store.Read("themes/"+slug+".md", "")
		if err != nil {
			t.Fatal(err)
		}
		outside = append(outside, bodyLines(t, f.Content)...)
	}
	lib, err := frames.Library.ReadFile("library/een-volwassene-die-blijft.md")
	if err != nil {
		t.Fatal(err)
	}
	outside = append(outside, bodyLines(t, lib)...)
	if len(outside) < 20 {
		t.Fatalf("only %d lines to look for; the fixture changed", len(outside))
	}
	for name, data := range files {
		text := html.UnescapeString(string(data))
		for _, s := range outside {
			if strings.Contains(text, s) {
				t.Errorf("%s holds %q", name, s)
			}
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "themes/") || strings.HasPrefix(name, "teams/") || strings.Contains(name, "sam") ||
			strings.Contains(name, "samen-sterk") || strings.Contains(name, "een-volwassene") {
			t.Errorf("the bundle holds %s", name)
		}
	}
}

// bodyLines are the lines of a page's body long enough to be its own text, without Markdown
// list and heading markers.
func bodyLines(t *testing.T, data []byte) []string {
	t.Helper()
	_, body, _, err := wiki.Split(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(body), "\n") {
		l = strings.TrimSpace(strings.TrimLeft(l, "#-* "))
		if len(l) >= 30 && !strings.Contains(l, "[[") && !strings.Contains(l, "**") && !strings.Contains(l, "_") {
			out = append(out, l)
		}
	}
	return out
}

var attrURL = regexp.MustCompile(`(?i)\b(href|src|action|srcset|poster|data)\s*=\s*"([^"]*)"`)

// TestBundleHTMLIsSelfContained: no script, and every address in an attribute is a file in the
// bundle (or a place in the same file); a website the team linked to is shown as text.
func TestBundleHTMLIsSelfContained(t *testing.T) {
	w := fixture(t)
	files, _, _ := bundle(t, w, options())
	n := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		n++
		lower := strings.ToLower(string(data))
		for _, bad := range []string{"<script", "javascript:", "@import", "url(", "<link", "<iframe", "<object", "<embed"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if !strings.Contains(string(data), `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`) {
			t.Errorf("%s has no content security policy", name)
		}
		z := nethtml.NewTokenizer(bytes.NewReader(data))
		for tt := z.Next(); tt != nethtml.ErrorToken; tt = z.Next() {
			tok := z.Token()
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					t.Errorf("%s: <%s %s=%q>", name, tok.Data, a.Key, a.Val)
				}
				if !attrURL.MatchString(a.Key + `="` + a.Val + `"`) {
					continue
				}
				checkLocal(t, files, name, tok.Data, a.Val)
			}
		}
	}
	if n < 8 {
		t.Errorf("only %d HTML files", n)
	}
	noor := string(files["portraits/noor.html"])
	if !strings.Contains(noor, `<img src="../media/noor/paard.png"`) {
		t.Errorf("the picture is not taken from the bundle:\n%s", noor)
	}
	if !strings.Contains(noor, `bibliotheek</span> (`+inzagetest.ExternalLink+`)`) {
		t.Errorf("the website is not shown as text:\n%s", noor)
	}
	if !strings.Contains(noor, `<a href="../portraits/vader-van-noor.html"`) {
		t.Errorf("the link to the other portrait does not point into the bundle:\n%s", noor)
	}
}

// checkLocal fails unless ref, found in file name, is a place in that file or a bundle entry.
func checkLocal(t *testing.T, files map[string][]byte, name, tag, ref string) {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || strings.HasPrefix(u.Path, "/") {
		t.Errorf("%s: <%s> points outside the bundle: %q", name, tag, ref)
		return
	}
	if u.Path == "" {
		return // #fragment in the same file
	}
	target := path.Clean(path.Join(path.Dir(name), u.Path))
	if _, ok := files[target]; !ok {
		t.Errorf("%s: <%s> points to %q, which is not in the bundle", name, tag, target)
	}
}

// viewLog is a view log kept in memory, as the accounts work will keep one on disk.
type viewLog []inzage.View

func (l viewLog) Views(paths []string) ([]inzage.View, error) {
	var out []inzage.View
	for _, v := range l {
		for _, p := range paths {
			if v.Path == p {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

type brokenLog struct{}

func (brokenLog) Views([]string) ([]inzage.View, error) { return nil, errors.New("schijf kapot") }

func TestBundleViewLogAndNames(t *testing.T) {
	w := fixture(t)
	log := viewLog{
		{At: time.Date(2027, 1, 3, 8, 0, 0, 0, time.UTC), Who: "Karim", Path: "portraits/noor.md", What: "afgedrukt"},
		{At: time.Date(2027, 1, 2, 8, 0, 0, 0, time.UTC), Who: "Anna de Vries", Path: "cases/noor-groep-6.md"},
		{At: time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC), Who: "Karim", Path: "portraits/sam.md"},
	}
	opt := options()
	opt.Views = log
	opt.Name = func(a store.Author) string {
		if a.Name == "Karim" {
			return "Karim (jongerenwerker)"
		}
		return ""
	}
	files, _, _ := bundle(t, w, opt)
	want := "wanneer\twie\twat\tbestand\n" +
		"2 januari 2027, 09:00\tAnna de Vries\tbekeken\tcases/noor-groep-6.md\n" +
		"3 januari 2027, 09:00\tKarim\tafgedrukt\tportraits/noor.md\n"
	if got := string(files["leeslog.txt"]); !strings.HasSuffix(got, want) {
		t.Errorf("leeslog.txt:\n%s\nwant it to end with:\n%s", got, want)
	}
	if got := html.UnescapeString(string(files["geschiedenis.html"])); !strings.Contains(got, "Karim (jongerenwerker)") ||
		!strings.Contains(got, "Anna de Vries") {
		t.Errorf("geschiedenis.html does not use the names given:\n%s", got)
	}

	opt.Views = brokenLog{}
	if _, err := inzage.Collect(w.Store, opt); err == nil || !strings.Contains(err.Error(), "schijf kapot") {
		t.Errorf("a failing view log: %v", err)
	}
}

// TestBundleOfAnUnreadableCasus: a casus file whose front matter cannot be read is still
// bundled, whole, with a note that its data could not be read.
func TestBundleOfAnUnreadableCasus(t *testing.T) {
	w := fixture(t)
	_, err := w.Store.Update(inzagetest.Anna, "", func(tx *store.Tx) error {
		return tx.Put("cases/kapot.md", []byte("Geen kop, wel tekst over Kim.\n\n[[noor]]\n"))
	})
	if err != nil {
		t.Fatal(err)
	}
	opt := options()
	opt.Casus = "kapot"
	files, _, _ := bundle(t, w, opt)
	got := string(files["cases/kapot.html"])
	if !strings.Contains(got, "Geen kop, wel tekst over Kim.") || !strings.Contains(got, "niet te lezen") {
		t.Errorf("cases/kapot.html:\n%s", got)
	}
	if string(files["cases/kapot.md"]) != "Geen kop, wel tekst over Kim.\n\n[[noor]]\n" {
		t.Errorf("cases/kapot.md: %q", files["cases/kapot.md"])
	}
	for name := range files {
		if strings.HasPrefix(name, "portraits/") || strings.HasPrefix(name, "frames/") {
			t.Errorf("an unreadable casus names no pages, but the bundle holds %s", name)
		}
	}
	if !strings.Contains(got, `<span class="link-buiten">noor</span>`) {
		t.Errorf("a link to a page outside the bundle is not text:\n%s", got)
	}
}

func TestCollectRefuses(t *testing.T) {
	w := fixture(t)
	for _, slug := range []wiki.Slug{"bestaat-niet", "sam", "Noor groep 6", "", "../cases/noor-groep-6"} {
		opt := options()
		opt.Casus = slug
		if _, err := inzage.Collect(w.Store, opt); !errors.Is(err, inzage.ErrNotFound) {
			t.Errorf("casus %q: %v, want ErrNotFound", slug, err)
		}
	}
	opt := options()
	opt.At = time.Time{}
	if _, err := inzage.Collect(w.Store, opt); err == nil {
		t.Error("no time: no error")
	}
}

func TestFileName(t *testing.T) {
	if got := inzage.FileName("noor-groep-6", at); got != "inzage-noor-groep-6-2027-01-15.zip" {
		t.Errorf("FileName: %q", got)
	}
}
