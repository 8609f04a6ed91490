// Package dutch is the language part of Leefwereld's search: how a Dutch word written by a
// teacher becomes the key the index stores, and which parts a compound is made of.
//
// A word goes through these rules, in this order (each one is tested in its own table):
//
//  1. Fold: lowercase, no diacritics (geïnteresseerd = geinteresseerd), no "'s" (opa's = opa).
//  2. Stop words (Snowball's Dutch list minus "zelf") are dropped by the analyzer.
//  3. Exceptions: irregular forms map to their lemma (kinderen → kind, las → lezen,
//     schaamte → schamen).
//  4. Diminutives lose -je, -tje, -pje, -etje (huisje → huis, boompje → boom, balletje → bal),
//     except words that are diminutives only in form (meisje, beetje).
//  5. Verb and plural endings the Snowball stemmer leaves on (-t, -d, -de, -te, -den, -ten,
//     -end, -s, and ge-…-t/-d participles) and the verbal noun's -ing are removed, but only
//     when what remains is a word we know (the vocabulary): schaamt → schaam, vertrouwt →
//     vertrouw, ruzies → ruzie, gepest → pest, scheiding → scheid(en); rust stays rust
//     because "rus" is not in the vocabulary, and leerling stays because "leerl" is not.
//  6. The Snowball Dutch stemmer, then two repairs of its output: a doubled final consonant
//     is undoubled (gezinnen → gezinn → gezin, klassen → klas) and a final v or z becomes
//     f or s (durven → durv → durf, huizen → huiz → huis), as in the singular.
//
// The vocabulary is the embedded starter library plus a curated list of words from school
// and youth care (woorden.txt). It is fixed per build, so an index never depends on what a
// workspace happens to contain; a change to it changes Version and the index is rebuilt.
package dutch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/teams"
	"github.com/leefwereld/leefwereld/themes"
)

// rulesVersion changes whenever a rule in this package changes meaning.
const rulesVersion = "4"

//go:embed woorden.txt
var curated []byte

// Analyzer stems words and splits compounds against a fixed vocabulary. It is safe for
// concurrent use; results are cached per word because a corpus repeats its words.
type Analyzer struct {
	known map[string]bool // snowball stems (step 6) of every vocabulary word
	parts map[string]bool // full stems of vocabulary words of 4+ letters: allowed compound parts
	words []string        // the vocabulary, sorted, for Version

	mu        sync.RWMutex
	stemCache map[string]string
	partCache map[string][]string
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
)

// Default is the analyzer built from the embedded vocabulary.
func Default() *Analyzer {
	defaultOnce.Do(func() {
		words := vocabulary()
		defaultA = New(words)
	})
	return defaultA
}

// New builds an analyzer over a vocabulary of (unfolded) words.
func New(vocab []string) *Analyzer {
	a := &Analyzer{known: map[string]bool{}, parts: map[string]bool{},
		stemCache: map[string]string{}, partCache: map[string][]string{}}
	seen := map[string]bool{}
	for _, w := range vocab {
		w = TrimApostrophe(Fold(w))
		if len(w) < 3 || IsStop(w) || seen[w] {
			continue
		}
		seen[w] = true
		a.words = append(a.words, w)
		a.known[snowball(w)] = true
		if l, ok := exceptions[w]; ok {
			a.known[snowball(l)] = true
		}
	}
	for _, l := range exceptions {
		a.known[snowball(l)] = true
	}
	sort.Strings(a.words)
	for _, w := range a.words {
		if len(w) >= 4 {
			a.parts[a.Stem(w)] = true
		}
	}
	return a
}

// Version identifies the rules and the vocabulary; the index stores it and rebuilds when it
// changes, because stems written with other rules would no longer meet the query's.
func (a *Analyzer) Version() string {
	h := sha256.New()
	h.Write([]byte(rulesVersion))
	for _, w := range a.words {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	keys := make([]string, 0, len(exceptions))
	for k := range exceptions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte(k + "=" + exceptions[k] + "\x00"))
	}
	return rulesVersion + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// Known reports whether a folded word belongs to the vocabulary (after stemming).
func (a *Analyzer) Known(w string) bool { return a.known[snowball(w)] }

// Stem returns the index key of one folded word (rules 3 to 6).
func (a *Analyzer) Stem(w string) string {
	w = TrimApostrophe(w)
	a.mu.RLock()
	s, ok := a.stemCache[w]
	a.mu.RUnlock()
	if ok {
		return s
	}
	s = a.stem(w)
	a.mu.Lock()
	if len(a.stemCache) > 200_000 { // a bound for pathological input; real corpora stay far below
		a.stemCache = map[string]string{}
	}
	a.stemCache[w] = s
	a.mu.Unlock()
	return s
}

func (a *Analyzer) stem(w string) string {
	if l, ok := exceptions[w]; ok {
		return snowball(l)
	}
	if !isWord(w) {
		return w // numbers, codes, mixed scripts: leave as typed
	}
	if s := strings.TrimSuffix(w, "s"); lexicalized[s] {
		return snowball(s) // meisjes → meisje
	}
	if base, ok := a.undiminish(w); ok {
		if l, ok := exceptions[base]; ok {
			return snowball(l)
		}
		w = base
	}
	if s, ok := a.stripEnding(w); ok {
		return s
	}
	return snowball(w)
}

// isWord reports whether w is made of letters only (rules are for words, not codes).
func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(w) > 0
}

// known3 reports whether x is a vocabulary word of at least three letters after stemming.
func (a *Analyzer) known3(x string) bool {
	if len(x) < 3 {
		return false
	}
	s := snowball(x)
	return len(s) >= 3 && a.known[s]
}

// undiminish applies rule 4. It returns the base word and whether w was a diminutive.
func (a *Analyzer) undiminish(w string) (string, bool) {
	s := strings.TrimSuffix(w, "s") // plural of a diminutive: huisjes
	if !strings.HasSuffix(s, "je") || len(s) < 5 || lexicalized[s] {
		return w, false
	}
	base := s[:len(s)-2] // huisje → huis
	switch {
	case strings.HasSuffix(s, "etje") && len(s) >= 7 && doubled(s[:len(s)-4]):
		return s[:len(s)-5], true // balletje → bal, mannetje → man
	case strings.HasSuffix(s, "etje") && a.known3(s[:len(s)-4]):
		return s[:len(s)-4], true // bloemetje → bloem
	case strings.HasSuffix(s, "tje"):
		b := s[:len(s)-3]
		if a.known3(base) && !a.known3(b) {
			return base, true // hartje → hart
		}
		if a.known3(b) || endsVowel(b) || strings.HasSuffix(b, "w") {
			return undoubleVowel(b), true // broertje → broer, autootje → auto
		}
		if longVowelBefore(b) {
			return b, true // stoeltje → stoel
		}
		return base, true
	case strings.HasSuffix(s, "pje"):
		b := s[:len(s)-3]
		if strings.HasSuffix(b, "m") && (a.known3(b) || (!a.known3(base) && longVowelBefore(b))) {
			return b, true // boompje → boom; lampje stays lamp
		}
		return base, true
	}
	return base, true
}

// endings of rule 5, longest first so that -den is tried before -d.
var endings = []string{"ende", "end", "ing", "den", "ten", "de", "te", "t", "d", "s"}

// stripEnding applies rule 5 and returns the stem when it applied.
func (a *Analyzer) stripEnding(w string) (string, bool) {
	try := func(x string) (string, bool) {
		for _, e := range endings {
			if r, ok := strings.CutSuffix(x, e); ok && a.known3(r) {
				return snowball(r), true
			}
		}
		if a.known3(x) {
			return snowball(x), true
		}
		return "", false
	}
	if r, ok := strings.CutPrefix(w, "ge"); ok && len(r) >= 4 && (strings.HasSuffix(r, "t") || strings.HasSuffix(r, "d")) {
		if s, ok := try(r); ok {
			return s, true // gepest → pest, gestraft → straf
		}
	}
	for _, e := range endings {
		if r, ok := strings.CutSuffix(w, e); ok && a.known3(r) {
			return snowball(r), true
		}
	}
	return "", false
}

// snowball is rule 6: the stock Snowball Dutch stemmer plus two repairs of its output.
func snowball(w string) string {
	env := snowballstem.NewEnv(w)
	dutch.Stem(env)
	s := env.Current()
	if n := len(s); n >= 3 && doubled(s) {
		s = s[:n-1] // gezinn → gezin
	}
	if n := len(s); n >= 3 {
		switch s[n-1] {
		case 'v':
			s = s[:n-1] + "f" // durv → durf
		case 'z':
			s = s[:n-1] + "s" // huiz → huis
		}
	}
	return s
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// doubled reports whether s ends in the same consonant twice.
func doubled(s string) bool {
	n := len(s)
	return n >= 2 && s[n-1] == s[n-2] && !isVowel(s[n-1]) && s[n-1] >= 'a' && s[n-1] <= 'z'
}

func endsVowel(s string) bool { return s != "" && isVowel(s[len(s)-1]) }

// undoubleVowel turns a spelled-out long vowel at the end back (autoo → auto), as the
// diminutive doubled it; "ee" stays (zee, idee).
func undoubleVowel(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && strings.IndexByte("aou", s[n-1]) >= 0 {
		return s[:n-1]
	}
	return s
}

// longVowelBefore reports whether the last consonant of s follows a long vowel (two vowel
// letters: oe, aa, eu, ui …), as in stoel, boom, deur.
func longVowelBefore(s string) bool {
	n := len(s)
	return n >= 3 && !isVowel(s[n-1]) && isVowel(s[n-2]) && isVowel(s[n-3])
}

// vocabulary is the embedded word list plus every word of the starter library.
func vocabulary() []string {
	var words []string
	sc := bufio.NewScanner(bytes.NewReader(curated))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		words = append(words, strings.Fields(line)...)
	}
	for _, fsys := range []fs.FS{themes.Library, frames.Library, teams.Library} {
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			words = append(words, Words(string(data))...)
			return nil
		})
	}
	return words
}

// Words splits text into its words (letters only), lowercased and folded.
func Words(text string) []string {
	return strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
}
