package dutch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes diacritics, so that teachers who type without them
// (geinteresseerd, een, ideeen) find text written with them (geïnteresseerd, één, ideeën).
// Curly apostrophes become straight ones and the ligature ĳ becomes ij.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r == '’' || r == '‘' || r == '`' || r == '´':
			b.WriteByte('\'')
		case r == 'ĳ' || r == 'Ĳ':
			b.WriteString("ij")
		case r == 'ß':
			b.WriteString("ss")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// TrimApostrophe drops a possessive or plural "'s" (opa's → opa, auto's → auto) and loose
// apostrophes around a word ('s ochtends → s, which the caller drops as too short).
func TrimApostrophe(w string) string {
	if i := strings.IndexByte(w, '\''); i >= 0 {
		w = w[:i] + strings.TrimPrefix(w[i:], "'s")
		w = strings.ReplaceAll(w, "'", "")
	}
	return w
}
