package purge

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NeutralMessage replaces every commit message that names an erased page or pupil.
const NeutralMessage = "Wijziging aan verwijderde gegevens"

// terms are the words and phrases that make a commit message name what is erased: the slugs
// and titles the pages ever had, and the names in the titles of casussen and portraits (a
// message says "Gesprek met Lotte", not "Lotte (groep 5)"). A message that contains one as a
// whole word, ignoring capitals and accents, is replaced as a whole: cutting out only the name
// would leave the rest of the sentence, which may say just as much.
type terms struct {
	list []string // normalised, longest first
}

func (t *terms) add(s string) {
	s = normalize(strings.TrimSpace(s))
	if s == "" {
		return
	}
	for _, have := range t.list {
		if have == s {
			return
		}
	}
	t.list = append(t.list, s)
	sort.SliceStable(t.list, func(i, j int) bool { return len(t.list[i]) > len(t.list[j]) })
}

// addNames adds the words of a title or slug that can be a name: not a number, not one of the
// words that describe a pupil without naming them ("groep", "moeder", "jaar" …).
func (t *terms) addNames(s string) {
	for _, w := range strings.FieldsFunc(normalize(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 2 && !notAName[w] {
			t.add(w)
		}
	}
}

// scrub returns the neutral message when msg names a term, keeping git's trailing newline.
func (t *terms) scrub(msg string) (string, bool) {
	if !t.matches(msg) {
		return msg, false
	}
	return NeutralMessage + "\n", true
}

func (t *terms) matches(s string) bool {
	n := normalize(s)
	for _, term := range t.list {
		if containsWord(n, term) {
			return true
		}
	}
	return false
}

// containsWord reports whether term occurs in s with no letter or digit right before or after.
func containsWord(s, term string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], term)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(term)
		if !wordRuneBefore(s, i) && !wordRuneAt(s, j) {
			return true
		}
		from = i + 1
	}
}

func wordRuneBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r := []rune(s[:i])
	return isWordRune(r[len(r)-1])
}

func wordRuneAt(s string, j int) bool {
	for _, r := range s[j:] {
		return isWordRune(r)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// normalize lowercases and drops accents (Zoë → zoe), so a name matches however it is typed.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// notAName lists words in titles and slugs of casussen and portraits that describe rather
// than name (the README's examples: "Sam (groep 7)", "Sam, 11 jaar", "moeder-van-sam").
// Two-letter Dutch words are here too, since two-letter names (Mo, Jo) must still count.
var notAName = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		aan af al als bij dat de die dit door en er een het hij ik in is je jij ja ook of om op
		over te tot uit van voor we wij ze zij zo na nu na met naar niet maar
		groep klas jaar jaar jarig jarige leerjaar mavo havo vwo vmbo brugklas basisschool school
		moeder vader mama papa ouder ouders gezin familie broer broertje zus zusje zoon dochter
		oma opa tante oom pleegouder pleegouders pleegmoeder pleegvader stiefmoeder stiefvader
		kind kinderen jongen meisje leerling jongere casus portret frame thuis mentor juf meester
		en-of eerste tweede derde nieuw nieuwe oud oude
	`) {
		notAName[w] = true
	}
}
