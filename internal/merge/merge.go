// Package merge is a line-based three-way merge (diff3) for page texts.
//
// It exists because two people may edit the same page at the same time: the
// store merges their saves when the edits touch different parts of the page
// and reports a conflict, with both sides, when they do not. It never
// produces conflict markers; a conflict is data for the user interface.
package merge

import (
	"bytes"
	"strings"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// Kind says who changed a region of the text.
type Kind int

const (
	// Unchanged: base, mine and theirs agree.
	Unchanged Kind = iota
	// MineChanged: only mine changed the region; the merge takes mine.
	MineChanged
	// TheirsChanged: only theirs changed the region; the merge takes theirs.
	TheirsChanged
	// BothSame: both sides made the identical change; the merge takes it once.
	BothSame
	// Conflicting: both sides changed the region differently (or next to each
	// other); there is no merged text for it.
	Conflicting
)

// String names the kind for logs and tests.
func (k Kind) String() string {
	switch k {
	case Unchanged:
		return "unchanged"
	case MineChanged:
		return "mine"
	case TheirsChanged:
		return "theirs"
	case BothSame:
		return "both"
	default:
		return "conflict"
	}
}

// Hunk is one region of the text, in order. Concatenating Mine (or Theirs,
// or Base) of all hunks gives back that whole version, so a web page can show
// the text region by region and ask the user only about the conflicting ones.
// Lines keep their trailing "\n" (the last line may lack it).
type Hunk struct {
	Kind     Kind
	Conflict bool     // Kind == Conflicting
	Base     []string // the region in the common ancestor
	Mine     []string // the region in my version
	Theirs   []string // the region in their version
	// BaseLine, MineLine and TheirsLine are the 0-based index of the region's
	// first line in each version.
	BaseLine, MineLine, TheirsLine int
}

// Merged returns the hunk's merged lines; nil for a conflict.
func (h Hunk) Merged() []string {
	switch h.Kind {
	case Unchanged:
		return h.Base
	case MineChanged, BothSame:
		return h.Mine
	case TheirsChanged:
		return h.Theirs
	}
	return nil
}

// Merge merges mine and theirs, two edits of base. clean reports whether
// every region merged; then merged is the result. When not clean, merged is
// nil: the caller must not store anything half-merged. hunks always cover
// the whole text. Changes that overlap or touch (no unchanged line between
// them) are a conflict unless they are identical, the same rule git follows.
func Merge(base, mine, theirs []byte) (merged []byte, hunks []Hunk, clean bool) {
	b, m, t := SplitLines(base), SplitLines(mine), SplitLines(theirs)
	dm := lcs.DiffLines(b, m)
	dt := lcs.DiffLines(b, t)

	clean = true
	var out bytes.Buffer
	emit := func(h Hunk) {
		hunks = append(hunks, h)
		if h.Conflict {
			clean = false
			return
		}
		for _, l := range h.Merged() {
			out.WriteString(l)
		}
	}

	pos := 0           // next base line not yet covered by a hunk
	offM, offT := 0, 0 // line offset of mine/theirs relative to base, before pos
	i, j := 0, 0
	for i < len(dm) || j < len(dt) {
		// Start a region at the earliest pending change of either side and
		// grow it while changes of either side start inside or right at its end.
		var lo int
		switch {
		case j >= len(dt) || (i < len(dm) && dm[i].Start <= dt[j].Start):
			lo = dm[i].Start
		default:
			lo = dt[j].Start
		}
		hi := lo
		i0, j0 := i, j
		for {
			switch {
			case i < len(dm) && dm[i].Start <= hi:
				hi = max(hi, dm[i].End)
				i++
				continue
			case j < len(dt) && dt[j].Start <= hi:
				hi = max(hi, dt[j].End)
				j++
				continue
			}
			break
		}
		if lo > pos {
			emit(Hunk{Kind: Unchanged, Base: b[pos:lo], Mine: b[pos:lo], Theirs: b[pos:lo],
				BaseLine: pos, MineLine: pos + offM, TheirsLine: pos + offT})
		}
		mineRegion, newOffM := side(b, m, dm[i0:i], lo, hi, offM)
		theirsRegion, newOffT := side(b, t, dt[j0:j], lo, hi, offT)
		h := Hunk{Base: b[lo:hi], Mine: mineRegion, Theirs: theirsRegion,
			BaseLine: lo, MineLine: lo + offM, TheirsLine: lo + offT}
		switch {
		case i0 == i:
			h.Kind = TheirsChanged
		case j0 == j:
			h.Kind = MineChanged
		case equal(mineRegion, theirsRegion):
			h.Kind = BothSame
		default:
			h.Kind, h.Conflict = Conflicting, true
		}
		emit(h)
		pos, offM, offT = hi, newOffM, newOffT
	}
	if pos < len(b) {
		emit(Hunk{Kind: Unchanged, Base: b[pos:], Mine: b[pos:], Theirs: b[pos:],
			BaseLine: pos, MineLine: pos + offM, TheirsLine: pos + offT})
	}
	if !clean {
		return nil, hunks, false
	}
	return out.Bytes(), hunks, true
}

// side returns one side's version of base[lo:hi] given that side's changes
// inside the region, and the side's line offset after the region.
func side(base, other []string, diffs []lcs.Diff, lo, hi, off int) ([]string, int) {
	if len(diffs) == 0 {
		return base[lo:hi], off
	}
	// The changes map base[lo:hi] onto a contiguous run of the other side.
	start := lo + off
	end := start
	cur := lo
	for _, d := range diffs {
		end += (d.Start - cur) + (d.ReplEnd - d.ReplStart)
		off += (d.ReplEnd - d.ReplStart) - (d.End - d.Start)
		cur = d.End
	}
	end += hi - cur
	return other[start:end], off
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SplitLines splits text after every "\n"; a last line without "\n" is kept
// as it is, so joining the lines gives back the text exactly.
func SplitLines(text []byte) []string {
	if len(text) == 0 {
		return nil
	}
	n := bytes.Count(text, []byte{'\n'})
	if text[len(text)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	s := string(text)
	for len(s) > 0 {
		k := strings.IndexByte(s, '\n') + 1
		if k == 0 {
			k = len(s)
		}
		lines = append(lines, s[:k])
		s = s[k:]
	}
	return lines
}
