package search

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Fragment shape: a window of about fragWidth bytes that starts fragLead bytes before its
// first match.
const (
	fragWidth = 180
	fragLead  = 50
	maxSpans  = 256
)

type span struct{ start, end int }

// locations collects where the query matched the stored text. Matches in the compound-parts
// field carry the offsets of the whole compound in the same text, so "vertrouwen" marks
// zelfvertrouwen too; a match in the pairs field spans both words and what lies between.
func locations(dm *bsearch.DocumentMatch) []span {
	var out []span
	for _, field := range []string{fText, fParts, fTextPairs} {
		for _, locs := range dm.Locations[field] {
			for _, l := range locs {
				out = append(out, span{int(l.Start), int(l.End)})
			}
		}
	}
	return out
}

// fragments returns up to n pieces of the plain text around the matches, HTML-escaped,
// with each match in <mark>…</mark>, in text order. Without matches (a title-only match,
// or a search by filters) it returns the opening of the text.
func fragments(text string, spans []span, n int) []string {
	if text == "" {
		return nil
	}
	spans = cleanSpans(text, spans)
	if len(spans) == 0 {
		end := snapEnd(text, min(len(text), fragWidth))
		return []string{render(text, 0, end, nil)}
	}
	type window struct {
		start, end int
		score      float64
		first      int // index of the first span inside
	}
	var windows []window
	for i, s := range spans {
		start := snapStart(text, max(0, s.start-fragLead))
		end := snapEnd(text, min(len(text), start+fragWidth))
		if end < s.end {
			end = s.end
		}
		distinct := map[string]bool{}
		count := 0
		for _, t := range spans[i:] {
			if t.end > end {
				break
			}
			if t.start >= start {
				distinct[strings.ToLower(text[t.start:t.end])] = true
				count++
			}
		}
		windows = append(windows, window{start, end, float64(len(distinct)) + 0.1*float64(count), i})
	}
	sort.SliceStable(windows, func(i, j int) bool { return windows[i].score > windows[j].score })
	var chosen []window
	for _, w := range windows {
		if len(chosen) == n {
			break
		}
		overlaps := false
		for _, c := range chosen {
			if w.start < c.end && c.start < w.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			chosen = append(chosen, w)
		}
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].start < chosen[j].start })
	out := make([]string, 0, len(chosen))
	for _, w := range chosen {
		out = append(out, render(text, w.start, w.end, spans))
	}
	return out
}

// cleanSpans keeps valid spans on rune boundaries, sorted, without overlaps.
func cleanSpans(text string, spans []span) []span {
	var ok []span
	for _, s := range spans {
		if s.start >= 0 && s.start < s.end && s.end <= len(text) &&
			utf8.RuneStart(text[s.start]) && (s.end == len(text) || utf8.RuneStart(text[s.end])) {
			ok = append(ok, s)
		}
	}
	sort.Slice(ok, func(i, j int) bool {
		if ok[i].start != ok[j].start {
			return ok[i].start < ok[j].start
		}
		return ok[i].end > ok[j].end
	})
	out := ok[:0]
	for _, s := range ok {
		if len(out) > 0 && s.start < out[len(out)-1].end {
			continue
		}
		out = append(out, s)
		if len(out) == maxSpans {
			break
		}
	}
	return out
}

// render escapes text[start:end], marks the spans inside it and folds runs of white space
// (the plain text separates blocks with blank lines) into one space.
func render(text string, start, end int, spans []span) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	cur := start
	for _, s := range spans {
		if s.start < start || s.end > end {
			continue
		}
		b.WriteString(html.EscapeString(squash(text[cur:s.start])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		cur = s.end
	}
	b.WriteString(html.EscapeString(squash(text[cur:end])))
	if end < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

func squash(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r == '\n' || r == '\t' || r == '\r' }) < 0 {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// snapStart moves i forward to the start of a word (at most 20 bytes), on a rune boundary.
func snapStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for j := i; j < len(text) && j < i+20; j++ {
		if text[j-1] == ' ' || text[j-1] == '\n' {
			return j
		}
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// snapEnd moves i back to the end of a word (at most 20 bytes), on a rune boundary.
func snapEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for j := i; j > 0 && j > i-20; j-- {
		if text[j] == ' ' || text[j] == '\n' {
			return j
		}
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
