package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"
)

// headingIDPrefix keeps ids made from user text out of the app's own namespace: a heading
// "Main" becomes "h-main" and cannot clobber the layout's id="main" (or window.main).
const headingIDPrefix = "h-"

// maxIDRunes keeps fragment URLs short; headings are rarely longer.
const maxIDRunes = 64

// headingIDs is our parser.IDs: goldmark's own drops every non-ASCII byte ("Één" → "n"), which
// mangles Dutch. One table per parse, so duplicates are counted per document.
type headingIDs struct {
	used map[string]bool
	next map[string]int // next suffix to try per base, so n equal headings cost O(n)
}

var _ parser.IDs = (*headingIDs)(nil)

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, next: map[string]int{}} }

// Generate makes a unique id from a heading's plain text: NFC, lower case, letters (\p{Ll}
// after lowering) and digits kept, every other run of characters one "-". "Één ding over Zoë"
// becomes "h-één-ding-over-zoë"; the second one "h-één-ding-over-zoë-2". Letters without case
// (Arabic, CJK) do not match the policy's \p{Ll} and are dropped; an empty result is "h-kop".
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	b.WriteString(headingIDPrefix)
	n, dash := 0, false
	for _, r := range norm.NFC.String(string(value)) {
		r = unicode.ToLower(r)
		if !unicode.Is(unicode.Ll, r) && !unicode.IsNumber(r) {
			dash = true
			continue
		}
		if n >= maxIDRunes {
			break
		}
		if dash && n > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
		n++
	}
	if n == 0 {
		b.WriteString("kop")
	}
	base := b.String()
	id := base
	if s.used[id] {
		i := max(s.next[base], 2)
		for ; s.used[base+"-"+strconv.Itoa(i)]; i++ {
		}
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id that is already taken.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
