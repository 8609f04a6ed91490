package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// run runs one command in-process and returns its exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// head returns the workspace's current commit.
func head(t *testing.T, data string) string {
	t.Helper()
	s, err := store.Open(filepath.Join(data, workspace.RepoDir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestInit(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	code, out, _ := run(t, "init", "--data", data)
	if code != exitOK || !strings.Contains(out, "Nieuwe werkplek gemaakt") {
		t.Fatalf("init: %d %q", code, out)
	}
	before := head(t, data)
	code, _, errOut := run(t, "init", "--data", data)
	if code != exitError || !strings.Contains(errOut, "staat al een werkplek") {
		t.Fatalf("second init: %d %q", code, errOut)
	}
	if after := head(t, data); after != before {
		t.Errorf("second init moved HEAD from %s to %s", before, after)
	}
}

func TestStarterLibraryIsValid(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := run(t, "init", "--data", data); code != exitOK {
		t.Fatal(errOut)
	}
	code, out, _ := run(t, "check", "--data", data)
	if code != exitOK {
		t.Fatalf("check on the starter library: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "0 fouten, 0 meldingen") {
		t.Errorf("the starter library has errors or dangling links:\n%s", out)
	}
	w, err := workspace.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	themes, _ := w.Store.List("themes", "")
	frames, _ := w.Store.List("frames", "")
	teams, _ := w.Store.List("teams", "")
	if len(themes) < 35 || len(frames) < 8 || len(teams) < 1 {
		t.Errorf("starter library has %d themes, %d frames, %d teams", len(themes), len(frames), len(teams))
	}
	log, _ := w.Store.Log(10)
	if len(log) != 1 {
		t.Errorf("a new workspace has %d commits, want 1", len(log))
	}
}

const validPortrait = "---\ntitle: Sam, 11 jaar\nteam: ons-team\nstatus: concept\n---\nSam schaamt zich snel ([[schaamte]]).\n"

func TestImport(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "init", "--data", data)
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"portraits/sam.md":       validPortrait,
		"cases/sam-groep-7.md":   "---\ntitle: Sam (groep 7)\nteam: ons-team\nportraits: [sam]\nthemes: [schaamte, veiligheid, trots]\n---\n",
		"media/sam/tekening.png": "\x89PNG\r\n\x1a\n",
		".git/config":            "[core]\n",
		".DS_Store":              "x",
	})
	before := head(t, data)
	code, out, errOut := run(t, "import", "--data", data, "--author", "Anna de Vries", src)
	if code != exitOK {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "2 pagina's en 1 bijlagen ingelezen") {
		t.Errorf("output: %s", out)
	}
	w, _ := workspace.Open(data)
	defer w.Close()
	log, _ := w.Store.Log(5)
	if len(log) != 2 || log[1].Hash != before || log[0].Author.Name != "Anna de Vries" {
		t.Errorf("import is not one commit by its author on top of %s: %+v", before, log)
	}
	f, err := w.Store.Read("portraits/sam.md", "")
	if err != nil || string(f.Content) != validPortrait {
		t.Errorf("imported page: %q %v", f.Content, err)
	}
	if _, err := w.Store.Read(".DS_Store", ""); err == nil {
		t.Error("a hidden file was imported")
	}
}

func TestImportInvalidCommitsNothing(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "init", "--data", data)
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"portraits/sam.md":   validPortrait,
		"portraits/bob.md":   "---\ntitle: Bob\nteam: ons-team\nkleur: blauw\n---\n",
		"themes/leeg.md":     "---\nkind: theme\n---\n",
		"frames/Fout.md":     "---\ntitle: X\n---\n",
		"notities.txt":       "los bestand",
		"cases/c.md":         "---\ntitle: C\nteam: ons-team\nactions: [{what: x, when: morgen}]\n---\n",
		"themes/geen-kop.md": "Alleen tekst\n",
	})
	before := head(t, data)
	code, out, errOut := run(t, "import", "--data", data, src)
	if code != exitError {
		t.Fatalf("import of invalid files: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		`portraits/bob.md:4: fout: kleur: onbekend veld "kleur"`,
		`themes/leeg.md:2: fout: title: het veld "title" ontbreekt of is leeg`,
		`frames/Fout.md: fout:`,
		`notities.txt: fout: dit bestand hoort niet in een werkplek`,
		`cases/c.md:4: fout: actions[0].when: "morgen" is geen datum`,
		`themes/geen-kop.md: fout: de pagina moet beginnen met een kop`,
		"er is niets ingelezen",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q in:\n%s", want, errOut)
		}
	}
	if after := head(t, data); after != before {
		t.Errorf("invalid import moved HEAD from %s to %s", before, after)
	}
	w, _ := workspace.Open(data)
	defer w.Close()
	if _, err := w.Store.Read("portraits/sam.md", ""); err == nil {
		t.Error("the valid page of an invalid import was committed")
	}
}

func TestCheckReportsErrorsAndHints(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "init", "--data", data)
	w, _ := workspace.Open(data)
	// Bypass validation, as a hand edit pushed into the repository would.
	_, err := w.Store.Update(store.Author{Name: "Test"}, "hand edit", func(tx *store.Tx) error {
		tx.Put("frames/los.md", []byte("---\ntitle: Los\nteam: ons-team\nstatus: losgelaten\nthemes: [rust]\n---\n"))
		tx.Put("cases/c.md", []byte("---\ntitle: C\nteam: ons-team\nthemes: [rust, onbekend-thema]\n---\nZie [[nergens]].\n"))
		return tx.Put("themes/kapot.md", []byte("---\ntitle: Kapot\nrelated: zelfbeeld\n---\n"))
	})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "check", "--data", data)
	if code != exitError {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		"themes/kapot.md:3: fout: related: hier hoort een lijst",
		"frames/los.md:4: tip: status: dit frame is losgelaten; schrijf kort op waarom (reason)",
		"cases/c.md:4: let op: themes[1].slug: verwijst naar themes/onbekend-thema",
		"cases/c.md:6: let op: de link [[nergens]]",
		"cases/c.md:4: tip: themes: er staan 2 thema's",
		"[case.few-themes]\n", "[frame.no-reason]\n", "[link.missing]\n",
		"1 fouten, 2 meldingen",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, exitUsage, "Gebruik:"},
		{[]string{"help"}, exitOK, "leefwereld import"},
		{[]string{"verwijder"}, exitUsage, `onbekende opdracht "verwijder"`},
		{[]string{"check", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"import", "--data", "x"}, exitUsage, "geef precies één map op"},
		{[]string{"check", "--data", "/bestaat/niet"}, exitError, "staat geen werkplek"},
		{[]string{"version"}, exitOK, "leefwereld "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.want) {
				t.Errorf("exit %d, output %q; want %d and %q", code, out+errOut, tt.code, tt.want)
			}
		})
	}
}

func TestServe(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan string, 1)
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &out, Started: func(a string) { started <- a }}
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}) }()
	var addr string
	select {
	case addr = <-started:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, out.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	// A browser with cookies, as a person has.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	get := func(path, want string) string {
		t.Helper()
		resp, err := browser.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %.200s", path, resp.StatusCode, body)
		}
		return string(body)
	}
	get("/healthz", `"status":"ok"`)
	// Private by default: without an account the API says so and a page asks to log in.
	if resp, err := http.Get("http://" + addr + "/api/search?q=schamen"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous API call: %v %v", resp, err)
	}
	get("/", "<h1>Inloggen</h1>")
	// No accounts yet: the console shows a one-time link; the first beheerder is made there.
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/inrichten/[a-z2-7]+`).FindString(out.String())
	if link == "" {
		t.Fatalf("no set-up link on the console:\n%s", out.String())
	}
	if strings.Contains(link, "?") {
		t.Errorf("the set-up token is in a query string: %s", link)
	}
	get(strings.TrimPrefix(link, "http://"+addr), "Leefwereld inrichten")
	resp, err := browser.PostForm(link, url.Values{"naam": {"anna"}, "weergavenaam": {"Anna de Vries"},
		"wachtwoord": {"een lang genoeg wachtwoord"}, "wachtwoord2": {"een lang genoeg wachtwoord"}, "schrijver": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Welkom!") || !strings.Contains(string(body), "Anna de Vries") {
		t.Fatalf("set-up: %d %.300s", resp.StatusCode, body)
	}
	// Signed in: the full-text engine is wired in — "schamen" is no title, but the Dutch
	// analysis finds the theme.
	get("/api/search?q=schamen", `"slug":"schaamte"`)
	home := get("/", "Veiligheid en houvast")
	if css := regexp.MustCompile(`/static/style\.[0-9a-f]+\.css`).FindString(home); css == "" {
		t.Error("home links no hashed stylesheet")
	} else {
		get(css, "--accent")
	}
	// The link works once.
	if resp, err := browser.Get(link); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("the set-up link after use: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(out.String(), "Leefwereld is gestopt.") {
			t.Errorf("serve stopped with %d: %s", code, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !workspace.Exists(data) {
		t.Error("serve did not create the workspace")
	}
}

// TestServeStopsOnSIGINT runs the real binary, as a user would, and interrupts it.
func TestServeStopsOnSIGINT(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "leefwereld")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--data", filepath.Join(dir, "data"), "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	var seen string
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(seen, "draait op") && time.Now().Before(deadline) {
		n, err := stdout.Read(buf)
		seen += string(buf[:n])
		if err != nil {
			break
		}
	}
	if !strings.Contains(seen, "draait op") {
		cmd.Process.Kill()
		t.Fatalf("server did not start: %q", seen)
	}
	cmd.Process.Signal(syscall.SIGINT)
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGINT: %v", err)
	}
	if !strings.Contains(string(rest), "gestopt") {
		t.Errorf("no goodbye after SIGINT: %q", rest)
	}
}

func TestCommandsWaitForNoPurge(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "init", "--data", data)
	lock, err := datadir.Lock(data, true) // as a running purge holds it
	if err != nil {
		t.Fatal(err)
	}
	before := head(t, data)
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"portraits/sam.md": validPortrait})
	for _, args := range [][]string{{"check", "--data", data}, {"import", "--data", data, src}} {
		code, _, errOut := run(t, args...)
		if code != exitError || !strings.Contains(errOut, "worden nu gegevens gewist") {
			t.Errorf("%v during a purge: %d %q", args, code, errOut)
		}
	}
	lock.Unlock()
	if head(t, data) != before {
		t.Error("a command changed the repository during a purge")
	}
	if code, _, errOut := run(t, "check", "--data", data); code != exitOK {
		t.Errorf("check after the purge: %d %s", code, errOut)
	}
}
