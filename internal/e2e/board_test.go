package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// The Lina casus, step by step: each step adds front matter to the casus and writes the pages
// it names. The frames rest on the chosen themes (one also on a theme the casus did not
// choose); the actions serve the frames.
var (
	linaHead = "---\ntitle: Lina (groep 6)\nteam: ons-team\n"
	linaBody = "---\nLina komt vaak te laat en zegt weinig in de kring.\n"
	linaWat  = "portraits: [lina]\n"
	linaWaar = `themes:
  - {slug: veiligheid, why: Thuis weet ze niet wat er komt}
  - {slug: vertrouwen, why: Ze vertelt alleen iets aan de conciërge}
  - {slug: erbij-horen, why: In de pauze staat ze alleen}
  - {slug: plezier, why: Bij het tekenen lacht ze}
`
	linaHoe         = "frames: [lina-een-volwassene, lina-erbij-horen]\n"
	linaOrganiseren = `actions:
  - {what: Elke ochtend even bij de conciërge, who: mentor, where: school, when: 2027-03-01, frame: lina-een-volwassene, status: bezig}
  - {what: Tekenclub op woensdag, who: moeder, where: vrije tijd, frame: lina-erbij-horen}
  - {what: Samen met een maatje naar de pauze, who: mentor, where: school, frame: lina-erbij-horen, status: gepland}
`
	linaPages = map[string]string{
		"portraits/lina.md": "---\ntitle: Lina, 9 jaar\nteam: ons-team\ncases: [lina-groep-6]\nstatus: herkend\n" +
			"recognized: {by: Lina, on: 2027-01-20}\npunctum: Ze draagt altijd de sleutel van thuis om haar nek.\n---\nLina fietst alleen naar school.\n",
		"frames/lina-een-volwassene.md": "---\ntitle: Eén volwassene die blijft\nteam: ons-team\nthemes: [veiligheid, vertrouwen]\nstatus: gekozen\n---\nEr is elke dag iemand die op haar let.\n",
		"frames/lina-erbij-horen.md": "---\ntitle: Erbij horen door iets samen te doen\nteam: ons-team\nthemes: [erbij-horen, plezier, zelfvertrouwen]\n" +
			"combines: [lina-een-volwassene]\nstatus: voorgesteld\n---\nLina hoort erbij omdat ze iets samen doet, niet omdat ze iets bewijst.\n",
	}
)

// save writes a page as Anna, on top of the version that is there.
func save(t *testing.T, srv *server, path, text string) {
	t.Helper()
	ref, err := wiki.RefFromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	base := ""
	if f, err := srv.WS.Store.Read(path, ""); err == nil {
		base = f.Blob
	} else if !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if _, probs, err := srv.WS.Save(ref, []byte(text), base, store.Author{Name: "Anna", Email: "anna@leefwereld.invalid"}, ""); err != nil {
		t.Fatalf("save %s: %v %v", path, err, probs)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// boardTies lists, per card on the board, the ties it shows: "F1>#bord-frame-x".
const boardTies = `(function(){var out={};document.querySelectorAll('.board .card[id]').forEach(function(c){
  out[c.id]=Array.prototype.map.call(c.querySelectorAll('a.tie'),function(a){return a.textContent.trim().split(' ')[0]+'>'+a.getAttribute('href')});
});return out})()`

// columnTexts is the text of each column, by its id.
const columnTexts = `(function(){var out={};document.querySelectorAll('.board__col').forEach(function(c){out[c.id]=c.innerText});return out})()`

// TestCaseBoardInBrowser walks one casus through the four steps and checks, in a real
// browser, that the board shows each step and every tie at both ends; that it works without
// JavaScript, stacks on a narrow screen, prints on A4 landscape, and passes axe.
func TestCaseBoardInBrowser(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	axe := axeSource(t)
	url := srv.URL + "/cases/lina-groep-6"
	open := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".board"))); err != nil {
			t.Fatalf("open the board: %v", err)
		}
	}

	// Step by step: each column fills when its step is done.
	front := linaHead
	for _, step := range []struct {
		add    string
		pages  []string
		column string
		wants  []string
	}{
		{linaWat, []string{"portraits/lina.md"}, "bord-wat", []string{"Lina, 9 jaar", "herkend", "Herkend door Lina op 20 januari 2027", "sleutel van thuis"}},
		{linaWaar, nil, "bord-waar", []string{"T1", "Veiligheid", "Waarom hier: Thuis weet ze niet wat er komt", "T4", "Plezier", "Nog geen frame rust op dit thema."}},
		{linaHoe, []string{"frames/lina-een-volwassene.md", "frames/lina-erbij-horen.md"}, "bord-hoe",
			[]string{"F1", "Eén volwassene die blijft", "gekozen", "F2", "voorgesteld", "Zelfvertrouwen (geen thema van deze casus)", "Nog geen actie voor dit frame."}},
		{linaOrganiseren, nil, "bord-organiseren", []string{"A1", "Elke ochtend even bij de conciërge", "1 maart 2027", "A3", "vrije tijd", "Hoort bij: F2"}},
	} {
		for _, p := range step.pages {
			save(t, srv, p, linaPages[p])
		}
		front += step.add
		save(t, srv, "cases/lina-groep-6.md", front+linaBody)
		open()
		cols := eval[map[string]string](t, ctx, columnTexts)
		for _, w := range step.wants {
			if !strings.Contains(cols[step.column], w) {
				t.Errorf("after step %s, the column lacks %q:\n%s", step.column, w, cols[step.column])
			}
		}
	}
	if got := text(t, ctx); strings.Contains(got, "Nog geen frame rust op dit thema.") || strings.Contains(got, "Nog geen actie voor dit frame.") {
		t.Errorf("with every step done, a theme or a frame is still shown as loose:\n%s", got)
	}

	// Every tie, at both ends, as the browser shows it.
	want := map[string][]string{
		"bord-portret-lina":              {},
		"bord-thema-veiligheid":          {"F1>#bord-frame-lina-een-volwassene"},
		"bord-thema-vertrouwen":          {"F1>#bord-frame-lina-een-volwassene"},
		"bord-thema-erbij-horen":         {"F2>#bord-frame-lina-erbij-horen"},
		"bord-thema-plezier":             {"F2>#bord-frame-lina-erbij-horen"},
		"bord-frame-lina-een-volwassene": {"T1>#bord-thema-veiligheid", "T2>#bord-thema-vertrouwen", "A1>#bord-actie-1"},
		"bord-frame-lina-erbij-horen": {"T3>#bord-thema-erbij-horen", "T4>#bord-thema-plezier", "F1>#bord-frame-lina-een-volwassene",
			"A2>#bord-actie-2", "A3>#bord-actie-3"},
		"bord-actie-1": {"F1>#bord-frame-lina-een-volwassene"},
		"bord-actie-2": {"F2>#bord-frame-lina-erbij-horen"},
		"bord-actie-3": {"F2>#bord-frame-lina-erbij-horen"},
	}
	got := eval[map[string][]string](t, ctx, boardTies)
	for id, ties := range want {
		if g := got[id]; !slices.Equal(g, ties) && !(len(g) == 0 && len(ties) == 0) {
			t.Errorf("%s shows ties %v, want %v", id, g, ties)
		}
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Errorf("cards on the board: %v", slices.Sorted(maps.Keys(got)))
	}
	// A badge looks the same at both ends: the same label, shape and tone.
	same := eval[[]string](t, ctx, `(function(){var bad=[];document.querySelectorAll('.board a.tie').forEach(function(a){
  var far=document.querySelector(a.getAttribute('href')+' .card__title .badge'), near=a.querySelector('.badge');
  if(!far||far.className!==near.className||far.textContent!==near.textContent){bad.push(a.getAttribute('href'))}});return bad})()`)
	if len(same) > 0 {
		t.Errorf("badges that differ from the item they point at: %v", same)
	}

	// Tabbing to a frame lights up its themes and actions (app.js); the rest stays as it is.
	// A headless window has no focus of its own, so focus events need the emulation.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#bord-frame-lina-een-volwassene .card__title a`))); err != nil {
		t.Fatal(err)
	}
	lit := eval[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll('.board .is-tied'),function(c){return c.id})`)
	if want := []string{"bord-thema-veiligheid", "bord-thema-vertrouwen", "bord-frame-lina-erbij-horen", "bord-actie-1"}; !slices.Equal(slices.Sorted(slices.Values(lit)), slices.Sorted(slices.Values(want))) {
		t.Errorf("focus on F1 lights up %v, want %v", lit, want)
	}
	// Leaving the board puts everything back.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#zoek-q`))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.board .is-tied, .board .is-source').length`); n != 0 {
		t.Errorf("%d items stay lit after the focus left the board", n)
	}
	checkAccessibility(t, ctx, axe, "casus board")

	// Four columns side by side on a wide screen; one below the other on a narrow one (or 200% zoom).
	lefts := `Array.prototype.map.call(document.querySelectorAll('.board__col'),function(c){return Math.round(c.getBoundingClientRect().left)})`
	if l := eval[[]int](t, ctx, lefts); len(slices.Compact(slices.Sorted(slices.Values(l)))) != 4 {
		t.Errorf("wide screen: column positions %v, want four columns side by side", l)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(600, 900)); err != nil {
		t.Fatal(err)
	}
	if l := eval[[]int](t, ctx, lefts); len(slices.Compact(slices.Sorted(slices.Values(l)))) != 1 {
		t.Errorf("narrow screen: column positions %v, want them stacked", l)
	}
	if w := eval[bool](t, ctx, `document.documentElement.scrollWidth <= window.innerWidth`); !w {
		t.Error("narrow screen: the page scrolls sideways")
	}
	checkAccessibility(t, ctx, axe, "casus board, narrow")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	// On paper (as the browser's print dialog does it, with the page sizes the style sheet
	// asks for): the board fits one A4 landscape page, the rest is upright. The same holds for
	// the print view with the portraits and frames.
	yes := true
	for _, path := range []string{"/cases/lina-groep-6", "/cases/lina-groep-6/afdrukken"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(".board"))); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
		if err != nil {
			t.Fatal(err)
		}
		sizes := pageSizes(pdf.Data)
		if len(sizes) < 2 || sizes[0] != "landscape" || slices.Contains(sizes[1:], "landscape") || slices.Contains(sizes, "?") {
			t.Errorf("%s printed as %v, want one landscape page with the board, then upright pages", path, sizes)
		}
	}

	// Without JavaScript the board and its ties read the same.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	open()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`#bord-frame-lina-een-volwassene .card__title a`))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.board .is-tied, .board .is-source').length`); n != 0 {
		t.Fatal("app.js still runs; this part checks the board without JavaScript")
	}
	if g := eval[map[string][]string](t, ctx, boardTies); !maps.EqualFunc(g, got, slices.Equal) {
		t.Errorf("without JavaScript the ties differ: %v", g)
	}
	cols := eval[map[string]string](t, ctx, columnTexts)
	mustShow := map[string]string{"bord-hoe": "Rust op: T1 Veiligheid, T2 Vertrouwen", "bord-waar": "Frames die hierop rusten: F2 Erbij horen door iets samen te doen",
		"bord-organiseren": "Hoort bij: F1 Eén volwassene die blijft"}
	for col, w := range mustShow {
		if !strings.Contains(cols[col], w) {
			t.Errorf("without JavaScript %s lacks %q:\n%s", col, w, cols[col])
		}
	}
}

// pageSizes reads the orientation of each page from a PDF's MediaBox entries, in order.
func pageSizes(pdf []byte) []string {
	var out []string
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("/MediaBox ["))
		if i < 0 {
			return out
		}
		rest = rest[i+len("/MediaBox ["):]
		var x0, y0, w, h float64
		if _, err := fmt.Sscan(string(rest[:min(len(rest), 60)]), &x0, &y0, &w, &h); err != nil {
			out = append(out, "?")
			continue
		}
		if w > h {
			out = append(out, "landscape")
		} else {
			out = append(out, "portrait")
		}
	}
}
