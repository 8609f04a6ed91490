package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

func TestReindex(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := run(t, "init", "--data", data); code != exitOK {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "reindex", "--data", data)
	if code != exitOK || !strings.Contains(out, "zoekindex klaar") || !strings.Contains(out, "Zoekindex opnieuw opgebouwd") {
		t.Fatalf("reindex: %d %q %q", code, out, errOut)
	}

	// While another process (here: an open index in this one) holds the index, refuse.
	w, err := workspace.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	idx, err := search.Open(context.Background(), data, w.Store, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, "reindex", "--data", data)
	if code != exitError || !strings.Contains(errOut, "in gebruik") || !strings.Contains(errOut, "Stop de server eerst") {
		t.Fatalf("reindex while held: %d %q", code, errOut)
	}
	idx.Close()

	if code, _, errOut := run(t, "reindex", "--data", filepath.Join(t.TempDir(), "none")); code != exitError || !strings.Contains(errOut, "geen werkplek") {
		t.Fatalf("reindex without a workspace: %d %q", code, errOut)
	}
	if code, _, _ := run(t, "reindex", "--data", data, "extra"); code != exitUsage {
		t.Fatalf("reindex with an argument: %d", code)
	}
}
