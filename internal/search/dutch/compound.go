package dutch

import "strings"

// Minimum lengths for compound splitting: shorter pieces split too much by accident
// (ver+langen, be+slissen).
const (
	minCompound = 7
	minPart     = 4
)

// linkers are the letters Dutch puts between the parts of a compound:
// gezin+s+leven, kind+er+opvang, pann+e+koek, boek+en+kast.
var linkers = []string{"", "s", "e", "en", "er"}

// prefixes are never a part of their own: ver+langen is not a compound.
var prefixes = map[string]bool{"ver": true, "ont": true, "her": true, "mis": true, "aan": true,
	"uit": true, "toe": true, "bij": true, "weg": true, "mee": true, "over": true, "onder": true,
	"door": true, "voor": true, "achter": true, "tegen": true, "terug": true, "samen": true}

// Parts splits a folded compound into the stems of its parts (zelfvertrouwen → zelf, vertrouw;
// gezinsleven → gezin, lef). The rightmost part — the head, which carries the meaning in Dutch
// — is the longest vocabulary word that ends the compound; the rest must be a vocabulary word
// too (after dropping a linking s, e, en or er) or split further. A word that is not a
// compound yields nil. The index puts these parts in a field of their own with a lower boost,
// so "vertrouwen" finds zelfvertrouwen, below pages that say vertrouwen itself.
func (a *Analyzer) Parts(w string) []string {
	w = TrimApostrophe(w)
	if len(w) < minCompound || !isWord(w) {
		return nil
	}
	a.mu.RLock()
	p, ok := a.partCache[w]
	a.mu.RUnlock()
	if ok {
		return p
	}
	p = a.split(w, 0)
	a.mu.Lock()
	if len(a.partCache) > 200_000 {
		a.partCache = map[string][]string{}
	}
	a.partCache[w] = p
	a.mu.Unlock()
	return p
}

func (a *Analyzer) split(w string, depth int) []string {
	if depth > 3 {
		return nil
	}
	for i := minPart - 1; i <= len(w)-minPart; i++ {
		head := w[i:]
		hs := a.Stem(head)
		if !a.parts[hs] {
			continue
		}
		left := w[:i]
		for _, l := range linkers {
			m, ok := strings.CutSuffix(left, l)
			if !ok || len(m) < 3 {
				continue
			}
			if prefixes[m] {
				continue
			}
			if ms := a.Stem(m); a.parts[ms] || (len(m) == 3 && a.known[ms] && !IsStop(m)) {
				return []string{ms, hs}
			}
		}
		if len(left) >= minCompound {
			if sub := a.split(left, depth+1); sub != nil {
				return append(sub, hs)
			}
		}
	}
	return nil
}
