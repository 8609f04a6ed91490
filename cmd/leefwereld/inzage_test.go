package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/inzage/inzagetest"
)

func TestInzage(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	inzagetest.Build(t, data)
	out := filepath.Join(t.TempDir(), "noor.zip")
	code, stdout, errOut := run(t, "inzage", "--data", data, "--casus", inzagetest.Casus, "--out", out, "--by", "Bea Beheer")
	if code != exitOK || !strings.Contains(stdout, "Inzage gemaakt: "+out) {
		t.Fatalf("inzage: %d %q %q", code, stdout, errOut)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	zr.Close()
	for _, want := range []string{"index.html", "LEESMIJ.txt", "cases/noor-groep-6.md", "portraits/noor.html", inzagetest.Attachment} {
		if !names[want] {
			t.Errorf("the zip lacks %s: %v", want, names)
		}
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: a file about a child is for its owner only", fi.Mode().Perm())
	}

	// Never overwritten: the second run refuses and leaves the file as it was.
	before, _ := os.ReadFile(out)
	code, _, errOut = run(t, "inzage", "--data", data, "--casus", inzagetest.Casus, "--out", out)
	if code != exitError || !strings.Contains(errOut, "bestaat al") || !strings.Contains(errOut, "niets geschreven") {
		t.Errorf("over an existing file: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Error("an existing file was changed")
	}
}

func TestInzageDefaultName(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	inzagetest.Build(t, data)
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, errOut := run(t, "inzage", "--data", data, "--casus", inzagetest.Casus)
	if code != exitOK {
		t.Fatalf("inzage: %d %q %q", code, stdout, errOut)
	}
	want := "inzage-" + inzagetest.Casus + "-" + time.Now().Format("2006-01-02") + ".zip"
	if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
		// Around midnight the day may have turned between the command and this check.
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "inzage-"+inzagetest.Casus+"-") {
			t.Errorf("no %s in %s: %v", want, dir, entries)
		}
	}
}

func TestInzageRefusals(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	inzagetest.Build(t, data)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown casus", []string{"--data", data, "--casus", "bestaat-niet"}, exitError, `er is geen casus "bestaat-niet" in deze werkplek; er is niets geschreven`},
		{"a portrait is not a casus", []string{"--data", data, "--casus", "noor"}, exitError, `er is geen casus "noor"`},
		{"no casus", []string{"--data", data}, exitUsage, "geef met --casus op"},
		{"not a slug", []string{"--data", data, "--casus", "Noor groep 6"}, exitUsage, "--casus"},
		{"a name with a line break", []string{"--data", data, "--casus", inzagetest.Casus, "--by", "a\nb"}, exitUsage, "--by moet een naam zijn"},
		{"no workspace", []string{"--data", filepath.Join(t.TempDir(), "leeg"), "--casus", inzagetest.Casus}, exitError, "staat geen werkplek"},
		{"an argument too many", []string{"--data", data, "--casus", inzagetest.Casus, "extra"}, exitUsage, "onverwacht argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "inzage.zip")
			code, stdout, errOut := run(t, append([]string{"inzage", "--out", out}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("something was written: %v", entries)
			}
		})
	}
}

// TestInzageDuringPurge: inzage reads under the shared lock, so it refuses while a purge holds
// the data directory, and writes nothing.
func TestInzageDuringPurge(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	inzagetest.Build(t, data)
	lock, err := datadir.Lock(data, true)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	dir := t.TempDir()
	code, _, errOut := run(t, "inzage", "--data", data, "--casus", inzagetest.Casus, "--out", filepath.Join(dir, "x.zip"))
	if code != exitError || !strings.Contains(errOut, "worden nu gegevens gewist") {
		t.Errorf("during a purge: %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("something was written: %v", entries)
	}
}
