// Package golden compares a test's output with a file under testdata/, and rewrites the file
// instead when the test run is given -update. Every package's golden tests use it, so the flag
// and the message are the same everywhere. Only tests import it.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current output")

// Updating reports whether this run rewrites golden files.
func Updating() bool { return *update }

// Check compares got with file (a path, usually under testdata/), or writes got to it with
// -update. Read every rewritten file before committing it: it is the expected output.
func Check(t testing.TB, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -run '%s' -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update and review the diff):\n%s", file, got)
	}
}
