package gittree

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func TestRoundTripAndRefusals(t *testing.T) {
	h := plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
	buf := Append(nil, "media", filemode.Dir, h)
	buf = Append(buf, "schaamte.md", filemode.Regular, h)
	if want := "40000 media\x00"; string(buf[:len(want)]) != want {
		t.Fatalf("encoding: %q", buf)
	}
	var got []string
	if err := Parse(buf, func(name string, mode filemode.FileMode, hash plumbing.Hash) {
		got = append(got, name+" "+mode.String()+" "+hash.String())
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "media 0040000 "+h.String() || got[1] != "schaamte.md 0100644 "+h.String() {
		t.Errorf("parsed %q", got)
	}
	for _, bad := range []string{"100644", "100644 a\x00short", "1x0644 a\x00" + string(h[:])} {
		if err := Parse([]byte(bad), func(string, filemode.FileMode, plumbing.Hash) {}); err == nil {
			t.Errorf("%q parsed without an error", bad)
		}
	}
}
