package merge

import (
	"bytes"
	"strings"
	"testing"
)

// lines builds a text from lines, each ending in "\n".
func lines(ls ...string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

func TestMerge(t *testing.T) {
	base := lines("# Schaamte", "", "Sam vertelt thuis niets.", "", "Hij sport graag.", "", "Einde.")
	tests := []struct {
		name         string
		base, mine   string
		theirs, want string
		clean        bool
		kinds        []Kind // expected kinds of the changed hunks, in order
	}{
		{name: "nothing changed", base: base, mine: base, theirs: base, want: base, clean: true},
		{name: "only mine", base: base,
			mine:   lines("# Schaamte", "", "Sam vertelt thuis weinig.", "", "Hij sport graag.", "", "Einde."),
			theirs: base,
			want:   lines("# Schaamte", "", "Sam vertelt thuis weinig.", "", "Hij sport graag.", "", "Einde."),
			clean:  true, kinds: []Kind{MineChanged}},
		{name: "only theirs", base: base, mine: base,
			theirs: lines("# Schaamte", "", "Sam vertelt thuis niets.", "", "Hij judoot graag.", "", "Einde."),
			want:   lines("# Schaamte", "", "Sam vertelt thuis niets.", "", "Hij judoot graag.", "", "Einde."),
			clean:  true, kinds: []Kind{TheirsChanged}},
		{name: "different paragraphs", base: base,
			mine:   lines("# Schaamte", "", "Sam vertelt thuis weinig.", "", "Hij sport graag.", "", "Einde."),
			theirs: lines("# Schaamte", "", "Sam vertelt thuis niets.", "", "Hij judoot graag.", "", "Einde."),
			want:   lines("# Schaamte", "", "Sam vertelt thuis weinig.", "", "Hij judoot graag.", "", "Einde."),
			clean:  true, kinds: []Kind{MineChanged, TheirsChanged}},
		{name: "same change both sides", base: base,
			mine:   lines("# Schaamte", "", "Sam zwijgt.", "", "Hij sport graag.", "", "Einde."),
			theirs: lines("# Schaamte", "", "Sam zwijgt.", "", "Hij sport graag.", "", "Einde."),
			want:   lines("# Schaamte", "", "Sam zwijgt.", "", "Hij sport graag.", "", "Einde."),
			clean:  true, kinds: []Kind{BothSame}},
		{name: "same line differently", base: base,
			mine:   lines("# Schaamte", "", "Sam zwijgt.", "", "Hij sport graag.", "", "Einde."),
			theirs: lines("# Schaamte", "", "Sam praat niet.", "", "Hij sport graag.", "", "Einde."),
			clean:  false, kinds: []Kind{Conflicting}},
		{name: "adjacent lines conflict", base: lines("a", "b", "c", "d"),
			mine: lines("a", "B", "c", "d"), theirs: lines("a", "b", "C", "d"),
			clean: false, kinds: []Kind{Conflicting}},
		{name: "one unchanged line between is clean", base: lines("a", "b", "c", "d"),
			mine: lines("A", "b", "c", "d"), theirs: lines("a", "b", "C", "d"),
			want: lines("A", "b", "C", "d"), clean: true, kinds: []Kind{MineChanged, TheirsChanged}},
		{name: "both append differently", base: lines("a"),
			mine: lines("a", "mijn"), theirs: lines("a", "hun"),
			clean: false, kinds: []Kind{Conflicting}},
		{name: "insert at start and append at end", base: lines("a", "b", "c"),
			mine: lines("begin", "a", "b", "c"), theirs: lines("a", "b", "c", "eind"),
			want: lines("begin", "a", "b", "c", "eind"), clean: true, kinds: []Kind{MineChanged, TheirsChanged}},
		{name: "delete vs edit elsewhere", base: lines("a", "b", "c", "d", "e"),
			mine: lines("a", "c", "d", "e"), theirs: lines("a", "b", "c", "d", "E"),
			want: lines("a", "c", "d", "E"), clean: true, kinds: []Kind{MineChanged, TheirsChanged}},
		{name: "delete vs edit same line", base: lines("a", "b", "c"),
			mine: lines("a", "c"), theirs: lines("a", "B", "c"),
			clean: false, kinds: []Kind{Conflicting}},
		{name: "empty base, both create differently", base: "",
			mine: lines("x"), theirs: lines("y"), clean: false, kinds: []Kind{Conflicting}},
		{name: "empty base, both create the same", base: "",
			mine: lines("x"), theirs: lines("x"), want: lines("x"), clean: true, kinds: []Kind{BothSame}},
		{name: "missing final newline on one side", base: "a\nb\nc",
			mine: "a\nb\nc\n", theirs: "A\nb\nc",
			want: "A\nb\nc\n", clean: true, kinds: []Kind{TheirsChanged, MineChanged}},
		{name: "everything deleted by mine, theirs untouched", base: lines("a", "b"),
			mine: "", theirs: lines("a", "b"), want: "", clean: true, kinds: []Kind{MineChanged}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hunks, clean := Merge([]byte(tt.base), []byte(tt.mine), []byte(tt.theirs))
			if clean != tt.clean {
				t.Fatalf("clean = %v, want %v; hunks %+v", clean, tt.clean, hunks)
			}
			if clean && string(got) != tt.want {
				t.Errorf("merged = %q, want %q", got, tt.want)
			}
			if !clean && got != nil {
				t.Errorf("merged = %q for a conflict, want nil", got)
			}
			var kinds []Kind
			for _, h := range hunks {
				if h.Kind != Unchanged {
					kinds = append(kinds, h.Kind)
				}
				if h.Conflict != (h.Kind == Conflicting) {
					t.Errorf("hunk %+v: Conflict flag disagrees with kind", h)
				}
			}
			if !equalKinds(kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v", kinds, tt.kinds)
			}
			checkCover(t, hunks, tt.base, tt.mine, tt.theirs)
		})
	}
}

// TestConflictSides checks that a conflict hunk carries both sides' text, which
// the editor shows to the user.
func TestConflictSides(t *testing.T) {
	base := lines("intro", "", "oud", "", "slot")
	mine := lines("intro", "", "mijn versie", "", "slot")
	theirs := lines("intro", "", "hun versie", "", "slot")
	_, hunks, clean := Merge([]byte(base), []byte(mine), []byte(theirs))
	if clean {
		t.Fatal("want a conflict")
	}
	var c *Hunk
	for i := range hunks {
		if hunks[i].Conflict {
			c = &hunks[i]
		}
	}
	if c == nil {
		t.Fatal("no conflict hunk")
	}
	if strings.Join(c.Base, "") != "oud\n" || strings.Join(c.Mine, "") != "mijn versie\n" || strings.Join(c.Theirs, "") != "hun versie\n" {
		t.Errorf("conflict hunk = %+v", *c)
	}
	if c.BaseLine != 2 || c.MineLine != 2 || c.TheirsLine != 2 {
		t.Errorf("line numbers = %d %d %d, want 2 2 2", c.BaseLine, c.MineLine, c.TheirsLine)
	}
}

func TestSplitLines(t *testing.T) {
	for _, s := range []string{"", "a", "a\n", "a\nb", "\n\n", "a\r\nb\r\n"} {
		if got := strings.Join(SplitLines([]byte(s)), ""); got != s {
			t.Errorf("SplitLines(%q) joined = %q", s, got)
		}
	}
	if n := len(SplitLines([]byte("a\nb"))); n != 2 {
		t.Errorf("len = %d, want 2", n)
	}
}

// checkCover asserts the hunks, concatenated per side, give back each version.
func checkCover(t *testing.T, hunks []Hunk, base, mine, theirs string) {
	t.Helper()
	var b, m, th strings.Builder
	nb, nm, nt := 0, 0, 0
	for _, h := range hunks {
		if h.BaseLine != nb || h.MineLine != nm || h.TheirsLine != nt {
			t.Errorf("hunk at lines %d/%d/%d, want %d/%d/%d", h.BaseLine, h.MineLine, h.TheirsLine, nb, nm, nt)
		}
		nb += len(h.Base)
		nm += len(h.Mine)
		nt += len(h.Theirs)
		b.WriteString(strings.Join(h.Base, ""))
		m.WriteString(strings.Join(h.Mine, ""))
		th.WriteString(strings.Join(h.Theirs, ""))
	}
	if b.String() != base || m.String() != mine || th.String() != theirs {
		t.Errorf("hunks do not cover the versions:\nbase %q\nmine %q\ntheirs %q", b.String(), m.String(), th.String())
	}
}

func equalKinds(a, b []Kind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzMerge(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n")
	f.Add("", "x\n", "y")
	f.Add("# T\n\np\n\nq\n", "# T\n\np2\n\nq\n", "# T\n\np\n\nq\nr\n")
	f.Add("a\nb", "a\nb\n", "b\na\n")
	f.Fuzz(func(t *testing.T, base, x, y string) {
		b, bx, by := []byte(base), []byte(x), []byte(y)
		if got, h, ok := Merge(b, bx, b); !ok || !bytes.Equal(got, bx) {
			t.Fatalf("merge(base, x, base) = %q, %v; want %q", got, ok, x)
		} else {
			checkCover(t, h, base, x, base)
		}
		if got, _, ok := Merge(b, b, by); !ok || !bytes.Equal(got, by) {
			t.Fatalf("merge(base, base, y) = %q, %v; want %q", got, ok, y)
		}
		if got, _, ok := Merge(b, bx, bx); !ok || !bytes.Equal(got, bx) {
			t.Fatalf("merge(base, x, x) = %q, %v; want %q", got, ok, x)
		}
		got, h, ok := Merge(b, bx, by)
		checkCover(t, h, base, x, y)
		if ok {
			// A clean merge is made only of the versions' own lines.
			var want strings.Builder
			for _, hk := range h {
				want.WriteString(strings.Join(hk.Merged(), ""))
			}
			if string(got) != want.String() {
				t.Fatalf("merged text %q does not match its hunks %q", got, want.String())
			}
		} else if got != nil {
			t.Fatalf("conflict returned text %q", got)
		}
	})
}
