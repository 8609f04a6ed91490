package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/worddiff"
)

// diffContext is how many unchanged lines stay visible around a change; longer stretches
// fold into one "n regels hetzelfde" row (unless the reader asks for the whole text).
const diffContext = 3

// seg is a piece of a line in a diff: plain, or a deleted or inserted run of words.
type seg struct {
	Text     string
	Del, Ins bool
}

// diffCell is one side of a line in the side-by-side view. Kind is "gelijk", "weg", "nieuw",
// or "leeg" for the empty side next to a line that only exists on the other side.
type diffCell struct {
	No   int
	Kind string
	Segs []seg
}

// diffRow is one row of the side-by-side table; Gap > 0 is a folded run of unchanged lines.
type diffRow struct {
	Old, New diffCell
	Gap      int
}

// inlineRow is one row of the line-by-line view.
type inlineRow struct {
	OldNo, NewNo int
	Kind         string
	Segs         []seg
	Gap          int
}

type diffView struct {
	Base
	URL, PageTitle   string
	From, To         revItem
	Inline, Full     bool
	Rows             []diffRow
	Lines            []inlineRow
	Removed, Added   int
	Same, Folded     bool
	SideURL, LineURL string // the same comparison in the other layout
	FullURL          string // the same comparison without folding
	Compare          compareForm
}

// diff compares two versions of a page: ?van=COMMIT&naar=COMMIT (either may be left out:
// naar defaults to the newest version, van to the version before naar), side by side or,
// with &weergave=regels, line under line; words that changed inside a line are marked.
func (s *Server) diff(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := lookRef(c)
	if err != nil {
		return err
	}
	revs, err := s.revisions(ref)
	if err != nil {
		return err
	}
	if err := s.recordView(c, ref, viewDiff); err != nil {
		return err
	}
	to := 0
	if q := c.Query("naar"); q != "" {
		if to, err = findRevision(revs, q); err != nil {
			return err
		}
	}
	from := to + 1 // the version before; past the end means "the page did not exist yet"
	if q := c.Query("van"); q != "" {
		if from, err = findRevision(revs, q); err != nil {
			return err
		}
	}
	var oldText []byte
	fromRev := revItem{Op: "nog niet gemaakt"}
	if from < len(revs) {
		fromRev = revs[from]
		if oldText, err = s.revText(fromRev); err != nil {
			return err
		}
	}
	newText, err := s.revText(revs[to])
	if err != nil {
		return err
	}
	inline := c.Query("weergave") == "regels"
	full := c.Query("volledig") == "1"
	v := diffView{URL: ref.URL(), PageTitle: s.lookTitle(ref, revs), From: fromRev, To: revs[to], Inline: inline, Full: full}
	v.Base = s.base(c, "Verschil tussen twee versies van "+v.PageTitle)
	rows := diffLines(splitDiffLines(string(oldText)), splitDiffLines(string(newText)))
	for _, r := range rows {
		if r.Old.Kind == "weg" {
			v.Removed++
		}
		if r.New.Kind == "nieuw" {
			v.Added++
		}
	}
	v.Same = v.Removed == 0 && v.Added == 0
	if !full {
		rows = foldRows(rows, diffContext)
	}
	for _, r := range rows {
		if r.Gap > 0 {
			v.Folded = true
		}
	}
	if inline {
		v.Lines = inlineRows(rows)
	} else {
		v.Rows = rows
	}
	q := "?van=" + fromRev.Commit + "&naar=" + revs[to].Commit
	if fromRev.Commit == "" {
		q = "?naar=" + revs[to].Commit
	}
	v.SideURL = ref.URL() + "/verschil" + q
	v.LineURL = v.SideURL + "&weergave=regels"
	v.FullURL = v.SideURL
	if inline {
		v.FullURL = v.LineURL
	}
	v.FullURL += "&volledig=1"
	fromIdx := min(from, len(revs)-1)
	weergave := ""
	if inline {
		weergave = "regels"
	}
	v.Compare = newCompareForm(ref.URL(), revs, fromIdx, to, weergave)
	return s.render(c, "diff", v)
}

// splitDiffLines cuts a text into lines without their line ends; an empty text has no lines.
func splitDiffLines(text string) []string {
	if text == "" {
		return nil
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// diffLines lines two texts up side by side. Inside a changed block, the n-th removed line
// faces the n-th added line; when the two share enough words, the words that changed are
// marked, else the whole lines are.
func diffLines(a, b []string) []diffRow {
	var rows []diffRow
	sp := worddiff.Diff(a, b)
	for i := 0; i < len(sp); i++ {
		s := sp[i]
		if s.Op == worddiff.Equal {
			for k := 0; k < s.A1-s.A0; k++ {
				line := []seg{{Text: a[s.A0+k]}}
				rows = append(rows, diffRow{Old: diffCell{s.A0 + k + 1, "gelijk", line}, New: diffCell{s.B0 + k + 1, "gelijk", line}})
			}
			continue
		}
		dels, ins := s, worddiff.Span{Op: worddiff.Insert, A0: s.A1, A1: s.A1, B0: s.B0, B1: s.B0}
		if s.Op == worddiff.Insert {
			dels, ins = worddiff.Span{Op: worddiff.Delete, A0: s.A0, A1: s.A0, B0: s.B0, B1: s.B0}, s
		} else if i+1 < len(sp) && sp[i+1].Op == worddiff.Insert {
			ins = sp[i+1]
			i++
		}
		nd, ni := dels.A1-dels.A0, ins.B1-ins.B0
		for k := 0; k < max(nd, ni); k++ {
			var r diffRow
			switch {
			case k < nd && k < ni:
				oldLine, newLine := a[dels.A0+k], b[ins.B0+k]
				os, ns := worddiff.Words(oldLine, newLine)
				if worddiff.Similar(os, ns) {
					r.Old, r.New = diffCell{Segs: toSegs(os)}, diffCell{Segs: toSegs(ns)}
				} else {
					r.Old, r.New = diffCell{Segs: wholeLine(oldLine, true)}, diffCell{Segs: wholeLine(newLine, false)}
				}
				r.Old.No, r.Old.Kind = dels.A0+k+1, "weg"
				r.New.No, r.New.Kind = ins.B0+k+1, "nieuw"
			case k < nd:
				r.Old = diffCell{dels.A0 + k + 1, "weg", wholeLine(a[dels.A0+k], true)}
				r.New = diffCell{Kind: "leeg"}
			default:
				r.Old = diffCell{Kind: "leeg"}
				r.New = diffCell{ins.B0 + k + 1, "nieuw", wholeLine(b[ins.B0+k], false)}
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func toSegs(ws []worddiff.Seg) []seg {
	out := make([]seg, len(ws))
	for i, w := range ws {
		out[i] = seg{Text: w.Text, Del: w.Op == worddiff.Delete, Ins: w.Op == worddiff.Insert}
	}
	return out
}

// wholeLine marks a whole line as removed or added. An empty line still gets a mark, so a
// screen reader says that an empty line went or came.
func wholeLine(text string, del bool) []seg {
	return []seg{{Text: text, Del: del, Ins: !del}}
}

// foldRows keeps ctx unchanged rows around every change and folds the rest into Gap rows.
func foldRows(rows []diffRow, ctx int) []diffRow {
	changed := make([]bool, len(rows))
	for i, r := range rows {
		changed[i] = r.Old.Kind != "gelijk"
	}
	keep := make([]bool, len(rows))
	for i := range rows {
		if !changed[i] {
			continue
		}
		for j := max(0, i-ctx); j <= min(len(rows)-1, i+ctx); j++ {
			keep[j] = true
		}
	}
	var out []diffRow
	for i := 0; i < len(rows); {
		if keep[i] {
			out = append(out, rows[i])
			i++
			continue
		}
		j := i
		for j < len(rows) && !keep[j] {
			j++
		}
		if j-i == 1 { // folding one line saves nothing
			out = append(out, rows[i])
		} else {
			out = append(out, diffRow{Gap: j - i})
		}
		i = j
	}
	return out
}

// inlineRows turns side-by-side rows into one column: within each changed block, first the
// removed lines, then the added ones, as a unified diff reads.
func inlineRows(rows []diffRow) []inlineRow {
	var out, adds []inlineRow
	flush := func() {
		out = append(out, adds...)
		adds = adds[:0]
	}
	for _, r := range rows {
		switch {
		case r.Gap > 0:
			flush()
			out = append(out, inlineRow{Gap: r.Gap})
		case r.Old.Kind == "gelijk":
			flush()
			out = append(out, inlineRow{OldNo: r.Old.No, NewNo: r.New.No, Kind: "gelijk", Segs: r.Old.Segs})
		default:
			if r.Old.Kind == "weg" {
				out = append(out, inlineRow{OldNo: r.Old.No, Kind: "weg", Segs: r.Old.Segs})
			}
			if r.New.Kind == "nieuw" {
				adds = append(adds, inlineRow{NewNo: r.New.No, Kind: "nieuw", Segs: r.New.Segs})
			}
		}
	}
	flush()
	return out
}
