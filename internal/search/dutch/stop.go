package dutch

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
)

// stopWords is Snowball's Dutch stop list (the one bleve's nl analyzer uses), folded, minus
// "zelf": the method groups themes under "zelf" and compounds such as zelfvertrouwen and
// zelfbeeld are searched by that part.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(nl.DutchStopWords))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			m[Fold(w)] = true
		}
	}
	delete(m, "zelf")
	return m
}()

// IsStop reports whether a folded word is too common to search for.
func IsStop(w string) bool { return stopWords[w] }

// StopWords returns the stop list, for the bleve stop filter.
func StopWords() []string {
	out := make([]string, 0, len(stopWords))
	for w := range stopWords {
		out = append(out, w)
	}
	return out
}
