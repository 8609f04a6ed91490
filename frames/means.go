package frames

import (
	"strings"
	"unicode"
)

// means are words for a programme or a kind of help: the answer to "hoe organiseren we dat?"
// (step 4), not a direction (step 3). A word matches on its own or as the end of a compound,
// so "faalangsttraining" is found by "training".
var means = []string{
	"training", "cursus", "therapie", "behandeling", "begeleiding", "hulpverlening", "jeugdhulp",
	"coaching", "interventie", "programma", "traject", "medicatie", "verwijzing", "doorverwijzing",
	"aanmelding", "huiswerkklas", "psycholoog", "psychiater", "maatschappelijk werk", "rots en water",
	"time-out", "zorgteam", "wijkteam", "ggz",
}

// Means lists the means-words in text, each once, in the order they first appear. Lines that
// are a template's prompts (a line in italics, `_…_`) are skipped: they are not the team's words.
func Means(text string) []string {
	var kept []string
	for _, line := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "_") && strings.HasSuffix(t, "_") {
			continue
		}
		kept = append(kept, line)
	}
	words := strings.FieldsFunc(strings.ToLower(strings.Join(kept, " ")), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	var found []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			found = append(found, w)
		}
	}
	for i, w := range words {
		if negated(words[max(0, i-3):i]) {
			continue // "geen programma of vorm van hulp" says what the frame is not
		}
		for _, m := range means {
			parts := strings.Fields(m)
			if len(parts) > 1 {
				if i+len(parts) <= len(words) && strings.Join(words[i:i+len(parts)], " ") == m {
					add(m)
				}
				continue
			}
			if w == m || (strings.HasSuffix(w, m) && len(w) > len(m)+2) {
				add(w)
			}
		}
	}
	return found
}

// negated reports whether the words before a means-word deny it.
func negated(before []string) bool {
	for _, w := range before {
		if w == "geen" || w == "niet" || w == "zonder" {
			return true
		}
	}
	return false
}
