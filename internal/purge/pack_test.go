package purge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/store"
)

func TestDelta(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return b
	}
	big := random(200_000) // longer than one 64 KiB copy
	cases := [][2][]byte{
		{[]byte("abc"), []byte("abc")},
		{[]byte("aaaa"), []byte("aa")},
		{[]byte("aa"), []byte("aaaa")},
		{big, append(append(append([]byte{}, big[:70_000]...), random(300)...), big[70_100:]...)},
		{big, big[1000:]},
		{big, append(append([]byte{}, big...), 0)},
		{random(5000), random(6000)},
	}
	for i := 0; i < 200; i++ {
		base := random(1 + r.IntN(3000))     // a base is a tree we wrote: never empty
		target := append([]byte{1}, base...) // a tree is never empty
		at := r.IntN(len(target) + 1)
		cut := min(r.IntN(60), len(target)-at)
		target = append(append(append([]byte{}, target[:at]...), random(r.IntN(60))...), target[at+cut:]...)
		cases = append(cases, [2][]byte{base, target})
	}
	for i, c := range cases {
		d := appendDelta(nil, c[0], c[1])
		got, err := packfile.PatchDelta(c[0], d)
		if err != nil || !bytes.Equal(got, c[1]) {
			t.Fatalf("case %d (%d → %d bytes): %v", i, len(c[0]), len(c[1]), err)
		}
	}
	if d := appendDelta(nil, cases[3][0], cases[3][1]); len(d) > 400 {
		t.Errorf("a one-place change of 200 kB costs %d bytes", len(d))
	}
}

func TestOffsetEncoding(t *testing.T) {
	for _, n := range []int64{1, 127, 128, 16511, 16512, 1 << 20, 1<<40 + 12345} {
		b := appendOffset(nil, n)
		// git's decoding, as in packfile.c
		c := b[0]
		v := int64(c & 0x7f)
		for i := 1; c&0x80 != 0; i++ {
			v++
			c = b[i]
			v = v<<7 + int64(c&0x7f)
		}
		if v != n {
			t.Errorf("offset %d decodes as %d", n, v)
		}
	}
}

// The new history is written as deltas where that pays, and git reads every one of them back
// (git fsck --full resolves each delta and checks each object's hash).
func TestPurgePackHasDeltas(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	s, err := store.Open(f.Repo())
	if err != nil {
		t.Fatal(err)
	}
	page := func(i, v int) []byte {
		return []byte(fmt.Sprintf("---\ntitle: Kind %d\nteam: ons-team\n---\nVersie %d.\n", i, v))
	}
	a := store.Author{Name: "Anna"}
	_, err = s.Update(a, "", func(tx *store.Tx) error {
		for i := 0; i < 60; i++ {
			if err := tx.Put(fmt.Sprintf("portraits/kind-%02d.md", i), page(i, 0)); err != nil {
				return err
			}
		}
		return nil
	})
	for v := 1; v <= 5 && err == nil; v++ {
		_, err = s.Update(a, "", func(tx *store.Tx) error { return tx.Put(fmt.Sprintf("portraits/kind-%02d.md", v*7), page(v*7, v)) })
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	purgeCasus(t, f.Data, purgetest.Casus)
	packs, _ := filepath.Glob(filepath.Join(f.Repo(), "objects", "pack", "pack-*.idx"))
	if len(packs) != 1 {
		t.Fatalf("%d packs", len(packs))
	}
	out := purgetest.Git(t, f.Repo(), "verify-pack", "-v", packs[0])
	if !strings.Contains(out, "chain length = 1") {
		t.Errorf("no deltas in the new pack:\n%s", out)
	}
	purgetest.Fsck(t, f.Repo())
}
