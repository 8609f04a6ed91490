package dutch

import (
	"slices"
	"testing"
)

// same asserts that every word of a group meets on one stem.
func TestStemFamilies(t *testing.T) {
	a := Default()
	families := []struct {
		rule  string
		words []string
	}{
		{"irregular plural (exception)", []string{"kind", "kinderen", "kinders"}},
		{"diminutive -je", []string{"kind", "kindje", "kindjes"}},
		{"diminutive -je", []string{"huis", "huisje", "huisjes", "huizen"}},
		{"diminutive -tje", []string{"broer", "broertje", "broers"}},
		{"diminutive -tje after vowel", []string{"auto", "autootje", "auto's"}},
		{"diminutive -pje", []string{"boom", "boompje", "bomen"}},
		{"diminutive -etje", []string{"bal", "balletje", "ballen"}},
		{"doubled consonant", []string{"gezin", "gezinnen"}},
		{"doubled consonant", []string{"klas", "klassen"}},
		{"plural -s after a vowel", []string{"ruzie", "ruzies"}},
		{"plural 's", []string{"opa", "opa's", "opa’s"}},
		{"verb -t / noun (exception)", []string{"schaamte", "schamen", "schaamt", "schaam", "beschaamd"}},
		{"verb -t", []string{"vertrouwen", "vertrouwt", "vertrouw"}},
		{"participle -d", []string{"vertrouwen", "vertrouwd"}},
		{"participle ge-t", []string{"pesten", "gepest", "pest"}},
		{"participle ge-t", []string{"straf", "straffen", "gestraft"}},
		{"past -de", []string{"huilen", "huilde", "huilt"}},
		{"v/f alternation", []string{"durven", "durf", "durft"}},
		{"z/s alternation", []string{"verhuizen", "verhuis", "verhuisd"}},
		{"adjective -e", []string{"boos", "boze"}},
		{"-heid", []string{"eenzaam", "eenzaamheid"}},
		{"strong verb (exception)", []string{"lezen", "las", "lazen", "gelezen", "leest"}},
		{"diacritics", []string{"geïnteresseerd", "geinteresseerd"}},
		{"diacritics", []string{"ideeën", "ideeen"}},
	}
	for _, f := range families {
		want := a.Stem(Fold(f.words[0]))
		for _, w := range f.words[1:] {
			if got := a.Stem(Fold(w)); got != want {
				t.Errorf("%s: %s → %q, %s → %q; want the same stem", f.rule, f.words[0], want, w, got)
			}
		}
	}
}

// distinct asserts that rules do not merge words that mean different things.
func TestStemKeepsApart(t *testing.T) {
	a := Default()
	pairs := [][2]string{
		{"rust", "rus"},                  // -t is only stripped when the rest is known
		{"angst", "angs"},                // idem
		{"meisje", "meis"},               // lexicalized diminutive
		{"gezin", "zin"},                 // ge- only for participles ending in -t/-d
		{"kind", "kin"},                  // no -d stripping of known words
		{"zelfvertrouwen", "vertrouwen"}, // a compound keeps its own stem; parts go elsewhere
	}
	for _, p := range pairs {
		if a.Stem(p[0]) == a.Stem(p[1]) {
			t.Errorf("%s and %s both stem to %q", p[0], p[1], a.Stem(p[0]))
		}
	}
	if a.Stem("meisjes") != a.Stem("meisje") {
		t.Errorf("meisjes → %q, meisje → %q", a.Stem("meisjes"), a.Stem("meisje"))
	}
}

func TestParts(t *testing.T) {
	a := Default()
	cases := []struct {
		word string
		want []string // words whose stems the parts must be
	}{
		{"zelfvertrouwen", []string{"zelf", "vertrouwen"}},
		{"gezinsleven", []string{"gezin", "leven"}},
		{"kinderopvang", []string{"kind", "opvang"}},
		{"schoolplein", []string{"school", "plein"}},
		{"buikpijn", []string{"buik", "pijn"}},
		{"faalangst", []string{"falen", "angst"}},
		{"voetbalveld", []string{"voetbal", "veld"}},
		{"ouderavond", []string{"ouder", "avond"}},
		{"verlangen", nil},   // ver- is a prefix, not a part
		{"beslissen", nil},   // not a compound
		{"eenzaamheid", nil}, // a suffix is not a part
		{"verantwoordelijkheid", nil},
	}
	for _, c := range cases {
		var want []string
		for _, w := range c.want {
			want = append(want, a.Stem(w))
		}
		if got := a.Parts(c.word); !slices.Equal(got, want) {
			t.Errorf("Parts(%s) = %q, want %q", c.word, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Geïnteresseerd": "geinteresseerd", "ÉÉN": "een",
		"ideeën": "ideeen", "opa’s": "opa's", "Zoë": "zoe", "ĳs": "ijs", "plain": "plain"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersionStable(t *testing.T) {
	if Default().Version() != New(vocabulary()).Version() {
		t.Fatal("Version differs between two analyzers over the same vocabulary")
	}
}
