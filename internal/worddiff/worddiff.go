// Package worddiff compares two sequences (the lines of two versions of a page, or the words
// of two versions of one line) and says what stayed, what went and what came.
//
// It exists for the history view: a reader wants to see which words changed inside a changed
// line, not only that the line changed. The algorithm is Myers' O((N+M)·D) diff, with the
// common prefix and suffix trimmed first and a bound on D, so a page that was rewritten
// from top to bottom costs a bounded amount of work and is shown as "all old, all new".
package worddiff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op says what happened to a run of elements.
type Op int

const (
	Equal  Op = iota // in both versions
	Delete           // only in the old version
	Insert           // only in the new version
)

func (o Op) String() string {
	switch o {
	case Delete:
		return "weg"
	case Insert:
		return "nieuw"
	}
	return "gelijk"
}

// Span is a run of elements with one Op: a[A0:A1] (empty for an Insert) and b[B0:B1] (empty
// for a Delete). Spans come in order and cover both sequences completely; adjacent spans
// never have the same Op, and a Delete comes before the Insert it sits beside.
type Span struct {
	Op             Op
	A0, A1, B0, B1 int
}

// MaxEdits is the D bound of Diff: when two sequences differ in more elements than this, the
// differing middle is reported as one Delete and one Insert.
const MaxEdits = 2000

// Diff compares a and b.
func Diff[T comparable](a, b []T) []Span {
	return DiffLimit(a, b, MaxEdits)
}

// DiffLimit is Diff with its own bound on the number of edits.
func DiffLimit[T comparable](a, b []T, limit int) []Span {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out spans
	out.add(Equal, 0, pre, 0, pre)
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if edits, ok := myers(ma, mb, limit); ok {
		for _, e := range edits {
			out.add(e.Op, e.A0+pre, e.A1+pre, e.B0+pre, e.B1+pre)
		}
	} else {
		out.add(Delete, pre, len(a)-suf, pre, pre)
		out.add(Insert, len(a)-suf, len(a)-suf, pre, len(b)-suf)
	}
	out.add(Equal, len(a)-suf, len(a), len(b)-suf, len(b))
	return out
}

// spans collects runs, merging a run into the previous one when it has the same Op.
type spans []Span

func (s *spans) add(op Op, a0, a1, b0, b1 int) {
	if a0 == a1 && b0 == b1 {
		return
	}
	if n := len(*s); n > 0 && (*s)[n-1].Op == op {
		(*s)[n-1].A1, (*s)[n-1].B1 = a1, b1
		return
	}
	*s = append(*s, Span{op, a0, a1, b0, b1})
}

// myers finds a shortest edit script from a to b, or reports false when it needs more than
// limit edits. It keeps the frontier of every step (only the diagonals reached so far), so
// memory is O(D²) rather than O((N+M)·D).
func myers[T comparable](a, b []T, limit int) ([]Span, bool) {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil, true
	}
	maxD := min(n+m, limit)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	end := -1
	for d := 0; d <= maxD && end < 0; d++ {
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				end = d
				break
			}
		}
	}
	if end < 0 {
		return nil, false
	}
	// Walk back from (n, m), collecting single steps in reverse.
	type step struct {
		op   Op
		x, y int // position before the step
	}
	var steps []step
	x, y := n, m
	for d := end; d > 0; d-- {
		prev := trace[d] // the frontier before step d, diagonals -d..d at index k+d
		at := func(k int) int { return prev[k+d] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// The single edit of step d goes from (px, py) to (sx, sy); a snake of equal
		// elements then follows diagonal k up to (x, y).
		sx, op := px+1, Delete
		if pk == k+1 {
			sx, op = px, Insert
		}
		for x > sx {
			steps = append(steps, step{Equal, x - 1, y - 1})
			x--
			y--
		}
		steps = append(steps, step{op, px, py})
		x, y = px, py
	}
	for x > 0 && y > 0 {
		steps = append(steps, step{Equal, x - 1, y - 1})
		x--
		y--
	}
	var out spans
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		switch s.op {
		case Equal:
			out.add(Equal, s.x, s.x+1, s.y, s.y+1)
		case Delete:
			out.add(Delete, s.x, s.x+1, s.y, s.y)
		case Insert:
			out.add(Insert, s.x, s.x, s.y, s.y+1)
		}
	}
	return orderDeletesFirst(out), true
}

// orderDeletesFirst swaps an Insert that is directly followed by a Delete, so readers always
// see what went before what came. Both touch the same spot, so the swap keeps the spans valid.
func orderDeletesFirst(s spans) spans {
	for i := 0; i+1 < len(s); i++ {
		if s[i].Op == Insert && s[i+1].Op == Delete {
			ins, del := s[i], s[i+1]
			s[i] = Span{Delete, del.A0, del.A1, ins.B0, ins.B0}
			s[i+1] = Span{Insert, del.A1, del.A1, ins.B0, ins.B1}
		}
	}
	// Swapping can put two spans of one Op side by side; merge them.
	var out spans
	for _, sp := range s {
		out.add(sp.Op, sp.A0, sp.A1, sp.B0, sp.B1)
	}
	return out
}

// Tokens splits a line into words (letters, digits and marks, with an apostrophe or hyphen
// inside a word kept in it: "zo'n", "ouder-kindgesprek"), runs of white space, and single
// other characters (punctuation, symbols). Joining the tokens gives back the line.
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		j := i + w
		switch {
		case isWord(r):
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if isWord(r2) {
					j += w2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' {
					if r3, w3 := utf8.DecodeRuneInString(s[j+w2:]); j+w2 < len(s) && isWord(r3) {
						j += w2 + w3
						continue
					}
				}
				break
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += w2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// Seg is a piece of one version of a line: Equal text, or text that was deleted (in the old
// line) or inserted (in the new line).
type Seg struct {
	Op   Op
	Text string
}

// changed marks, inside Words, white space that counts as changed on both sides.
const changed Op = -1

// Words compares two versions of a line word by word and returns each version as segments.
// White space between two changes counts as changed too, so "de hond" → "het paard" reads as
// one changed phrase instead of two changed words with a space between them.
func Words(old, new string) (oldSegs, newSegs []Seg) {
	a, b := Tokens(old), Tokens(new)
	sp := Diff(a, b)
	for i, s := range sp {
		if s.Op == Equal && i > 0 && i < len(sp)-1 && allSpace(a[s.A0:s.A1]) {
			sp[i].Op = changed
		}
	}
	var os, ns segs
	for _, s := range sp {
		switch s.Op {
		case Equal:
			os.add(Equal, strings.Join(a[s.A0:s.A1], ""))
			ns.add(Equal, strings.Join(b[s.B0:s.B1], ""))
		case changed:
			os.add(Delete, strings.Join(a[s.A0:s.A1], ""))
			ns.add(Insert, strings.Join(b[s.B0:s.B1], ""))
		case Delete:
			os.add(Delete, strings.Join(a[s.A0:s.A1], ""))
		case Insert:
			ns.add(Insert, strings.Join(b[s.B0:s.B1], ""))
		}
	}
	return os, ns
}

type segs []Seg

func (s *segs) add(op Op, text string) {
	if text == "" {
		return
	}
	if n := len(*s); n > 0 && (*s)[n-1].Op == op {
		(*s)[n-1].Text += text
		return
	}
	*s = append(*s, Seg{op, text})
}

func allSpace(toks []string) bool {
	for _, t := range toks {
		if strings.TrimSpace(t) != "" {
			return false
		}
	}
	return true
}

// Similar reports whether two lines share enough words to be shown as one changed line with
// word highlights, rather than one line removed and another added: at least a third of the
// visible characters of the shorter line is unchanged.
func Similar(oldSegs, newSegs []Seg) bool {
	var same, oldLen, newLen int
	for _, s := range oldSegs {
		n := visible(s.Text)
		oldLen += n
		if s.Op == Equal {
			same += n
		}
	}
	for _, s := range newSegs {
		newLen += visible(s.Text)
	}
	shorter := min(oldLen, newLen)
	return shorter == 0 || 3*same >= shorter
}

func visible(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
