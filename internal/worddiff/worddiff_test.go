package worddiff

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// check verifies that spans cover a and b in order, that Equal spans really are equal, and
// returns the number of edits.
func check(t *testing.T, a, b []string, sp []Span) int {
	t.Helper()
	ai, bi, edits := 0, 0, 0
	for i, s := range sp {
		if s.A0 != ai || s.B0 != bi {
			t.Fatalf("span %d %+v does not continue at %d,%d: %+v", i, s, ai, bi, sp)
		}
		if i > 0 && sp[i-1].Op == s.Op {
			t.Fatalf("spans %d and %d have the same op: %+v", i-1, i, sp)
		}
		if i > 0 && sp[i-1].Op == Insert && s.Op == Delete {
			t.Fatalf("insert before delete at %d: %+v", i, sp)
		}
		switch s.Op {
		case Equal:
			if !reflect.DeepEqual(a[s.A0:s.A1], b[s.B0:s.B1]) {
				t.Fatalf("equal span %+v differs", s)
			}
		case Delete:
			if s.B0 != s.B1 {
				t.Fatalf("delete with b range: %+v", s)
			}
			edits += s.A1 - s.A0
		case Insert:
			if s.A0 != s.A1 {
				t.Fatalf("insert with a range: %+v", s)
			}
			edits += s.B1 - s.B0
		}
		ai, bi = s.A1, s.B1
	}
	if ai != len(a) || bi != len(b) {
		t.Fatalf("spans end at %d,%d, want %d,%d", ai, bi, len(a), len(b))
	}
	return edits
}

// lcs is the textbook dynamic programme, to check that Diff is minimal.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestDiffTable(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		want       string // ops as letters: = - +
	}{
		{"both empty", "", "", ""},
		{"all new", "", "abc", "+"},
		{"all gone", "abc", "", "-"},
		{"same", "abc", "abc", "="},
		{"middle changed", "abxcd", "abycd", "=-+="},
		{"insert at start", "bc", "abc", "+="},
		{"delete at end", "abc", "ab", "=-"},
		{"interleaved", "axbycz", "abc", "=-=-=-"},
		{"replace all", "abc", "xyz", "-+"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := strings.Split(tc.a, ""), strings.Split(tc.b, "")
			if tc.a == "" {
				a = nil
			}
			if tc.b == "" {
				b = nil
			}
			sp := Diff(a, b)
			check(t, a, b, sp)
			var got strings.Builder
			for _, s := range sp {
				got.WriteByte("=-+"[s.Op])
			}
			if got.String() != tc.want {
				t.Errorf("ops %q, want %q (%+v)", got.String(), tc.want, sp)
			}
		})
	}
}

func TestDiffIsMinimalOnRandomInput(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	alphabet := []string{"a", "b", "c", "d"}
	gen := func() []string {
		s := make([]string, r.Intn(14))
		for i := range s {
			s[i] = alphabet[r.Intn(len(alphabet))]
		}
		return s
	}
	for i := 0; i < 3000; i++ {
		a, b := gen(), gen()
		edits := check(t, a, b, Diff(a, b))
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%v → %v: %d edits, minimum is %d", a, b, edits, want)
		}
	}
}

func TestDiffLimitFallsBackToReplaceAll(t *testing.T) {
	a := strings.Split("p abcdefgh q", "")
	b := strings.Split("p ijklmnop q", "")
	sp := DiffLimit(a, b, 3)
	check(t, a, b, sp)
	want := []Span{{Equal, 0, 2, 0, 2}, {Delete, 2, 10, 2, 2}, {Insert, 10, 10, 2, 10}, {Equal, 10, 12, 10, 12}}
	if !reflect.DeepEqual(sp, want) {
		t.Errorf("got %+v", sp)
	}
}

func TestDiffLargeRewriteIsBounded(t *testing.T) {
	a, b := make([]string, 20000), make([]string, 20000)
	for i := range a {
		a[i], b[i] = "oud", "nieuw"
	}
	sp := Diff(a, b)
	if len(sp) != 2 || sp[0].Op != Delete || sp[1].Op != Insert {
		t.Errorf("got %+v", sp)
	}
}

func TestTokens(t *testing.T) {
	for in, want := range map[string][]string{
		"":                          nil,
		"Sam zo'n  ouder-kind.":     {"Sam", " ", "zo'n", "  ", "ouder-kind", "."},
		"één, twee":                 {"één", ",", " ", "twee"},
		"[[schaamte|schaamt zich]]": {"[", "[", "schaamte", "|", "schaamt", " ", "zich", "]", "]"},
		"- a -b 'c'":                {"-", " ", "a", " ", "-", "b", " ", "'", "c", "'"},
	} {
		got := Tokens(in)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
		if strings.Join(got, "") != in {
			t.Errorf("Tokens(%q) does not join back", in)
		}
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		wantOld  []Seg
		wantNew  []Seg
		similar  bool
	}{
		{
			"Sam gaat graag naar school.", "Sam gaat niet graag naar de club.",
			[]Seg{{Equal, "Sam gaat graag naar "}, {Delete, "school"}, {Equal, "."}},
			[]Seg{{Equal, "Sam gaat "}, {Insert, "niet "}, {Equal, "graag naar "}, {Insert, "de club"}, {Equal, "."}},
			true,
		},
		{
			// the space between two changed words is part of the change
			"de hond blaft", "het paard blaft",
			[]Seg{{Delete, "de hond"}, {Equal, " blaft"}},
			[]Seg{{Insert, "het paard"}, {Equal, " blaft"}},
			true,
		},
		{
			"helemaal iets anders", "niets hetzelfde hier",
			[]Seg{{Delete, "helemaal iets anders"}},
			[]Seg{{Insert, "niets hetzelfde hier"}},
			false,
		},
	} {
		o, n := Words(tc.old, tc.new)
		if !reflect.DeepEqual(o, tc.wantOld) || !reflect.DeepEqual(n, tc.wantNew) {
			t.Errorf("Words(%q, %q)\n old %+v\n new %+v", tc.old, tc.new, o, n)
		}
		if got := Similar(o, n); got != tc.similar {
			t.Errorf("Similar(%q, %q) = %v", tc.old, tc.new, got)
		}
	}
}
