package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// dirSnapshot hashes every file under a data directory but the lock file, to prove that a
// refused purge changed nothing.
func dirSnapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == datadir.FileName {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string][32]byte) {
	t.Helper()
	for p, h := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s disappeared", p)
		} else if a != h {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

// Purge deletes the search index by name: it must be the search package's directory.
func TestPurgeDeletesTheSearchIndex(t *testing.T) {
	if purge.SearchIndexDir != search.DirName {
		t.Errorf("purge deletes %q, the search index lives in %q", purge.SearchIndexDir, search.DirName)
	}
}

func TestPurgeCasus(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), true)
	code, out, errOut := run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes", "--by", "Anna de Vries")
	if code != exitOK {
		t.Fatalf("purge: %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "gegevens gewist uit de hele geschiedenis door Anna de Vries") {
		t.Errorf("output: %q", out)
	}
	for _, s := range append(purgetest.Secrets, purgetest.Names...) {
		if strings.Contains(out+errOut, s) {
			t.Errorf("the output names %q: %s", s, out)
		}
	}
	f.ProveErased(t)
	// Once erased, it is gone: a second run finds nothing.
	code, _, errOut = run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes")
	if code != exitError || !strings.Contains(errOut, "er is geen casus") {
		t.Errorf("second purge: %d %q", code, errOut)
	}
}

func TestPurgeOnePage(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	code, out, errOut := run(t, "purge", "--data", f.Data, "--page", "frames/tekenen-als-taal", "--yes")
	if code != exitOK {
		t.Fatalf("purge: %d\n%s%s", code, out, errOut)
	}
	repo := f.Repo()
	if purgetest.Contains(t, repo, "Tekenen mag weer gezien worden") {
		t.Error("the frame's text is still in the repository")
	}
	if !purgetest.Contains(t, repo, "Lotte verstopt haar tekeningen") {
		t.Error("--page erased more than the page")
	}
	purgetest.Fsck(t, repo)
}

func TestPurgeRefusals(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	before := dirSnapshot(t, f.Data)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown casus", []string{"--casus", "bestaat-niet", "--yes"}, exitError, `er is geen casus "bestaat-niet"`},
		{"unknown page", []string{"--page", "portraits/niemand", "--yes"}, exitError, "er is geen leefwereldportret"},
		{"no confirmation without a terminal", []string{"--casus", purgetest.Casus}, exitError, "bevestig met --yes"},
		{"neither", []string{"--yes"}, exitUsage, "geef --casus of --page op"},
		{"both", []string{"--casus", "a", "--page", "cases/a"}, exitUsage, "niet allebei"},
		{"bad slug", []string{"--casus", "Lotte!"}, exitUsage, "korte naam"},
		{"bad page", []string{"--page", "lotte"}, exitUsage, "SOORT/SLUG"},
		{"bad kind", []string{"--page", "pupils/lotte"}, exitUsage, "onbekende soort"},
		{"bad name", []string{"--casus", "x", "--by", "a <b>"}, exitUsage, "--by"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"purge", "--data", f.Data}, tt.args...)...)
			if code != tt.code || !strings.Contains(out+errOut, tt.want) {
				t.Errorf("exit %d, output %q; want %d and %q", code, out+errOut, tt.code, tt.want)
			}
		})
	}
	code, _, errOut := run(t, "purge", "--data", filepath.Join(t.TempDir(), "leeg"), "--casus", "x", "--yes")
	if code != exitError || !strings.Contains(errOut, "staat geen werkplek") {
		t.Errorf("no workspace: %d %q", code, errOut)
	}
	sameSnapshot(t, before, dirSnapshot(t, f.Data))
}

func TestPurgeConfirmation(t *testing.T) {
	old := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	defer func() { stdinIsTerminal = old }()
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	before := dirSnapshot(t, f.Data)
	purgeWith := func(answer string) (int, string, string) {
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(answer), Stdout: &out, Stderr: &errb}
		code := m.Run(context.Background(), []string{"purge", "--data", f.Data, "--casus", purgetest.Casus, "--by", "Anna"})
		return code, out.String(), errb.String()
	}
	for _, answer := range []string{"", "lotte\n", "ja\n"} {
		code, out, errOut := purgeWith(answer)
		if code != exitError || !strings.Contains(errOut, "niet bevestigd") {
			t.Errorf("answer %q: %d %q", answer, code, errOut)
		}
		if !strings.Contains(out, "Typ de korte naam van de casus om te bevestigen:") ||
			!strings.Contains(out, "portraits/lotte.md") || !strings.Contains(out, "frames/samen-spelen.md: wordt ook gebruikt") ||
			!strings.Contains(out, "portraits/sam.md") {
			t.Errorf("the confirmation does not show the plan:\n%s", out)
		}
		if !strings.Contains(out, "media/lotte/ (bijlagen)") || !strings.Contains(out, "portraits/lotje.md (eerdere naam)") ||
			!strings.Contains(out, "eerder hadden") || strings.Contains(out, "media/lotte-groep-5") {
			t.Errorf("the confirmation shows attachments and former names wrongly:\n%s", out)
		}
	}
	sameSnapshot(t, before, dirSnapshot(t, f.Data))
	code, out, errOut := purgeWith(purgetest.Casus + "\n")
	if code != exitOK {
		t.Fatalf("confirmed purge: %d %s%s", code, out, errOut)
	}
	f.ProveErased(t)
}

func TestRetention(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run(t, "init", "--data", data)
	src := t.TempDir()
	casus := func(title, extra string) string {
		return "---\ntitle: " + title + "\nteam: ons-team\n" + extra + "---\n"
	}
	writeFiles(t, src, map[string]string{
		"cases/a-bewaren.md":    casus("A", "keep-until: 2026-01-31\n"),
		"cases/b-afgerond.md":   casus("B", "status: afgerond\nclosed: 2023-06-30\n"),
		"cases/c-open.md":       casus("C", ""),
		"cases/d-nog-niet.md":   casus("D", "keep-until: 2026-02-01\n"),
		"cases/e-recent.md":     casus("E", "status: afgerond\nclosed: 2025-01-01\n"),
		"cases/f-zonder.md":     casus("F", "status: afgerond\n"),
		"cases/g-voorrang.md":   casus("G", "status: afgerond\nclosed: 2020-01-01\nkeep-until: 2030-01-01\n"),
		"cases/h-vandaag-ok.md": casus("H", "status: afgerond\nclosed: 2024-02-01\n"),
	})
	if code, out, errOut := run(t, "import", "--data", data, src); code != exitOK {
		t.Fatalf("import: %s%s", out, errOut)
	}
	code, out, errOut := run(t, "retention", "--data", data, "--today", "2026-02-01")
	if code != exitOK {
		t.Fatalf("retention: %d %s%s", code, out, errOut)
	}
	// Sorted by date: b (2025-06-30), a (2026-01-31). d and h may be kept through today.
	ib, ia := strings.Index(out, "b-afgerond"), strings.Index(out, "a-bewaren")
	if ib < 0 || ia < 0 || ib > ia {
		t.Errorf("want b-afgerond then a-bewaren:\n%s", out)
	}
	for _, want := range []string{"2025-06-30", "afgerond 2023-06-30 + 2 jaar", "2026-01-31",
		"leefwereld purge --data " + data + " --casus a-bewaren", "f-zonder: afgerond, maar zonder closed en zonder keep-until"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	for _, not := range []string{"c-open", "d-nog-niet", "e-recent", "g-voorrang", "h-vandaag-ok"} {
		if strings.Contains(out, not) {
			t.Errorf("%s is listed but may still be kept:\n%s", not, out)
		}
	}
	code, out, _ = run(t, "retention", "--data", data, "--today", "2020-01-01")
	if code != exitOK || !strings.Contains(out, "Geen casussen") {
		t.Errorf("nothing due: %d %s", code, out)
	}
	if code, _, errOut := run(t, "retention", "--data", data, "--today", "1-2-2026"); code != exitUsage || !strings.Contains(errOut, "JJJJ-MM-DD") {
		t.Errorf("bad date: %d %s", code, errOut)
	}

	// The workspace's own retention (leefwereld.yaml): with 3 years, b (closed 2023-06-30) may
	// still be kept on 2026-02-01; a broken setting stops the list instead of guessing.
	settings := t.TempDir()
	writeFiles(t, settings, map[string]string{"leefwereld.yaml": "retention-years: 3\n"})
	if code, out, errOut := run(t, "import", "--data", data, settings); code != exitOK {
		t.Fatalf("import settings: %s%s", out, errOut)
	}
	code, out, _ = run(t, "retention", "--data", data, "--today", "2026-02-01")
	if code != exitOK || strings.Contains(out, "b-afgerond") || !strings.Contains(out, "a-bewaren") {
		t.Errorf("with 3 years:\n%s", out)
	}
	code, out, _ = run(t, "retention", "--data", data, "--today", "2026-07-01")
	if code != exitOK || !strings.Contains(out, "afgerond 2023-06-30 + 3 jaar") {
		t.Errorf("with 3 years, later:\n%s", out)
	}
	w, err := workspace.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Store.Update(store.Author{Name: "Test"}, "hand edit", func(tx *store.Tx) error {
		return tx.Put("leefwereld.yaml", []byte("retention-years: nul\n"))
	})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "retention", "--data", data); code != exitError || !strings.Contains(errOut, "retention-years") {
		t.Errorf("broken setting: %d %s", code, errOut)
	}
}

// TestPurgeBinary runs the real binary: purge refuses while a server holds the data
// directory, and a purge killed at each step leaves a whole repository that the next run
// (or the next server start) completes.
func TestPurgeBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "leefwereld")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	t.Run("refuses while the server runs", func(t *testing.T) {
		f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
		stop := startServer(t, bin, f.Data)
		// Only the repository: the running server may write its own files meanwhile.
		before := dirSnapshot(t, f.Repo())
		code, _, errOut := run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes")
		if code != exitError || !strings.Contains(errOut, "stop eerst de server") {
			t.Errorf("purge next to a server: %d %q", code, errOut)
		}
		sameSnapshot(t, before, dirSnapshot(t, f.Repo()))
		for _, name := range []string{purge.JournalFile, purge.LogFile} {
			if _, err := os.Stat(filepath.Join(f.Data, name)); err == nil {
				t.Errorf("a refused purge wrote %s", name)
			}
		}
		stop()
		// And the other way round: no server starts while purge holds the directory.
		l, err := datadir.Lock(f.Data, true)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Unlock()
		code, _, errOut = run(t, "serve", "--data", f.Data, "--addr", "127.0.0.1:0")
		if code != exitError || !strings.Contains(errOut, "wordt nu gewist") {
			t.Errorf("serve during a purge: %d %q", code, errOut)
		}
	})

	for _, point := range []string{"objects-written", "branch-moved", "pruning", "pruned"} {
		t.Run("killed at "+point, func(t *testing.T) {
			f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), true)
			repo := f.Repo()
			old := strings.TrimSpace(purgetest.Git(t, repo, "rev-parse", "main"))
			cmd := exec.Command(bin, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes", "--by", "Anna")
			cmd.Env = append(os.Environ(), purge.CrashEnv+"="+point)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
				t.Fatalf("want exit 3 at %s, got %v\n%s", point, err, out)
			}
			purgetest.Fsck(t, repo)
			head := strings.TrimSpace(purgetest.Git(t, repo, "rev-parse", "main"))
			casus := strings.Contains(purgetest.Git(t, repo, "ls-tree", "-r", "--name-only", "main"), "cases/lotte-groep-5.md")
			if point == "objects-written" {
				if head != old || !casus || !purgetest.Contains(t, repo, purgetest.Secrets[0]) {
					t.Fatalf("before the branch moved, the repository must be as it was (head %s, was %s)", head, old)
				}
			} else if head == old || casus || !strings.HasPrefix(purgetest.Git(t, repo, "log", "-1", "--format=%s", "main"), "Gegevens gewist") {
				t.Fatalf("after the branch moved, main must be the purged history")
			}
			// The next run finishes (or redoes) it.
			cmd = exec.Command(bin, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes", "--by", "Anna")
			out, err = cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("second run: %v\n%s", err, out)
			}
			want := "afgemaakt"
			if point == "objects-written" {
				want = "teruggedraaid"
			}
			if !strings.Contains(string(out), want) {
				t.Errorf("second run says %q, want %q", out, want)
			}
			f.ProveErased(t)
			if log, _ := os.ReadFile(filepath.Join(f.Data, purge.LogFile)); bytes.Count(log, []byte("\n")) != 1 {
				t.Errorf("purge.log has %q, want exactly one line", log)
			}
		})
	}

	t.Run("the server finishes an interrupted purge", func(t *testing.T) {
		f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), true)
		cmd := exec.Command(bin, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes")
		cmd.Env = append(os.Environ(), purge.CrashEnv+"=branch-moved")
		if err := cmd.Run(); err == nil {
			t.Fatal("purge did not stop")
		}
		out := startServer(t, bin, f.Data)()
		if !strings.Contains(out, "afgemaakt") {
			t.Errorf("server output: %s", out)
		}
		if purge.Pending(f.Data) || purgetest.Contains(t, f.Repo(), purgetest.Secrets[0]) {
			t.Error("the server did not finish the purge")
		}
		purgetest.Fsck(t, f.Repo())
	})
}

// startServer runs `leefwereld serve` on data until the returned function stops it; that
// function returns what the server printed.
func startServer(t *testing.T, bin, data string) func() string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The reader owns seen until it hits EOF (the server exited); only then is seen read.
	var seen strings.Builder
	sc := bufio.NewScanner(stdout)
	ready, eof := make(chan bool, 1), make(chan struct{})
	go func() {
		defer close(eof)
		for sc.Scan() {
			seen.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "draait op") {
				ready <- true
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			<-eof
			cmd.Wait()
			t.Fatalf("serve stopped: %s", seen.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-eof
		cmd.Wait()
		t.Fatal("serve did not start")
	}
	stopped := false
	stop := func() string {
		if !stopped {
			stopped = true
			cmd.Process.Signal(os.Interrupt)
			<-eof
			cmd.Wait()
		}
		return seen.String()
	}
	t.Cleanup(func() { stop() })
	return stop
}
