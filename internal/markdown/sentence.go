package markdown

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are Dutch short forms whose full stop does not end a sentence. Forms with an
// inner dot (o.a., d.w.z., i.p.v.) and single-letter initials (J. de Vries) are recognised
// without a list.
var abbreviations = map[string]bool{
	"bijv": true, "bv": true, "vb": true, "enz": true, "etc": true, "ca": true, "dhr": true,
	"mevr": true, "mw": true, "dr": true, "drs": true, "mr": true, "ir": true, "ing": true,
	"prof": true, "nr": true, "blz": true, "zgn": true, "evt": true, "incl": true, "excl": true,
	"resp": true, "vgl": true, "ong": true, "afd": true, "tel": true,
}

// sentenceBounds returns the end offsets of every sentence in s but the last. A sentence ends
// after ".", "!", "?" or "…" (with any closing quotes or brackets) that is followed by a space
// and then not by a lower-case letter, unless the "." ends an abbreviation; a line break
// (a Markdown hard break) always ends one. Simple on purpose: the result is shown as context,
// and erring towards a longer sentence is harmless.
func sentenceBounds(s string) []int {
	var bounds []int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			bounds = append(bounds, i+size)
			i += size
			continue
		case !isTerminal(r):
			i += size
			continue
		}
		j := i
		dots := 0
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isTerminal(r2) {
				break
			}
			if r2 == '.' {
				dots++
			}
			j += sz
		}
		for j < len(s) && strings.ContainsRune(`"')]»”’`, rune(s[j])) {
			j++
		}
		end := j
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		switch {
		case end == len(s):
		case j == end: // "12.5", "www.x.nl", "?!x": no space after
		case r == '.' && dots == 1 && isAbbreviation(s[:i]):
		case startsLower(s[j:]):
		default:
			bounds = append(bounds, end)
		}
		i = end
	}
	return bounds
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// isAbbreviation reports whether the word that ends s is an abbreviation.
func isAbbreviation(s string) bool {
	word := s[strings.LastIndexAny(s, " \t\n(\"'")+1:]
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") {
		return true
	}
	if n := utf8.RuneCountInString(word); n == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r)
	}
	return abbreviations[strings.ToLower(word)]
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// sentenceAt returns the trimmed sentence of s that contains byte offset off.
func sentenceAt(s string, bounds []int, off int) string {
	i := sort.SearchInts(bounds, off+1)
	start, end := 0, len(s)
	if i > 0 {
		start = bounds[i-1]
	}
	if i < len(bounds) {
		end = bounds[i]
	}
	return strings.TrimSpace(s[start:end])
}
