package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the query language: a search box is not a programming language, and input from
// the web is untrusted.
const (
	maxQueryBytes = 1000
	maxClauses    = 32
	maxDepth      = 4
)

// QueryError is a query the parser cannot read. Message is plain Dutch for the user (the API
// answers 400 with it); Pos is the byte offset in the query where the problem is, or -1.
type QueryError struct {
	Message string `json:"message"`
	Pos     int    `json:"pos"`
}

func (e *QueryError) Error() string { return "search: query: " + e.Message }

func qerr(pos int, format string, args ...any) *QueryError {
	return &QueryError{Message: fmt.Sprintf(format, args...), Pos: pos}
}

// The syntax, in the words of the help text:
//
//	woorden           pages with (most of) these words, in any form: ruzie finds ruzies
//	"twee woorden"    these words in this order
//	-woord, -"…"      without this word or phrase
//	veld:waarde       soort:portret thema:schaamte team:de-boog status:herkend stap:hoe
//	                  titel:sam auteur:"Anna de Vries" (English names work too)
//	a OF b            either (OR also works); ( … ) groups
//
// A grammar in brief:  or := and { ("OF"|"OR") and } ;  and := unary { unary } ;
// unary := ["-"] ( "(" or ")" | field ":" value | phrase | word ).

// node is one element of a parsed query.
type node interface{ isNode() }

type (
	wordNode   struct{ text string }
	phraseNode struct{ text string }
	fieldNode  struct {
		field, value string // field is canonical (see fields)
		phrase       bool   // value was quoted
	}
	// orNode holds alternatives; each is a sequence of clauses that all apply.
	orNode struct{ alts [][]clause }
)

func (wordNode) isNode()   {}
func (phraseNode) isNode() {}
func (fieldNode) isNode()  {}
func (orNode) isNode()     {}

type clause struct {
	neg bool
	n   node
}

// fields maps what users may write before a colon (Dutch first) to the canonical field.
var fields = map[string]string{
	"soort": "kind", "kind": "kind", "type": "kind",
	"thema": "theme", "themas": "theme", "thema's": "theme", "theme": "theme", "themes": "theme",
	"team":   "team",
	"status": "status",
	"stap":   "step", "step": "step",
	"titel": "title", "title": "title",
	"auteur": "author", "author": "author", "door": "author",
}

type parser struct {
	src     string
	pos     int
	depth   int
	clauses int
}

// parseQuery reads the user's text into alternatives of clauses. An empty text gives an empty
// orNode (match everything the filters allow).
func parseQuery(text string) (orNode, error) {
	if len(text) > maxQueryBytes {
		return orNode{}, qerr(maxQueryBytes, "Je zoekvraag is te lang (meer dan %d tekens). Maak hem korter.", maxQueryBytes)
	}
	text = strings.ToValidUTF8(text, " ")
	p := &parser{src: text}
	n, err := p.or()
	if err != nil {
		return orNode{}, err
	}
	if p.skipSpace(); p.pos < len(p.src) { // only a stray ")" stops the top level early
		return orNode{}, qerr(p.pos, "Er staat een haakje ) zonder haakje ( ervoor.")
	}
	return n, nil
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !isSpace(r) {
			return
		}
		p.pos += n
	}
}

// peekOr reports whether the next token is the OR operator.
func (p *parser) peekOr() (int, bool) {
	for _, op := range []string{"OF", "OR"} {
		rest := p.src[p.pos:]
		if strings.HasPrefix(rest, op) {
			after := rest[len(op):]
			if after == "" {
				return len(op), true
			}
			r, _ := utf8.DecodeRuneInString(after)
			if isSpace(r) || r == '(' || r == '"' || r == '-' {
				return len(op), true
			}
		}
	}
	return 0, false
}

func (p *parser) or() (orNode, error) {
	var out orNode
	for {
		start := p.pos
		seq, err := p.and()
		if err != nil {
			return orNode{}, err
		}
		p.skipSpace()
		n, isOr := p.peekOr()
		if isOr && len(seq) == 0 {
			return orNode{}, qerr(p.pos, "Zet OF tussen twee zoekwoorden, zoals: pesten OF ruzie.")
		}
		if len(seq) > 0 || len(out.alts) > 0 {
			if len(seq) == 0 {
				return orNode{}, qerr(start, "Zet OF tussen twee zoekwoorden, zoals: pesten OF ruzie.")
			}
			out.alts = append(out.alts, seq)
		}
		if !isOr {
			return out, nil
		}
		p.pos += n
	}
}

func (p *parser) and() ([]clause, error) {
	var seq []clause
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] == ')' {
			return seq, nil
		}
		if _, isOr := p.peekOr(); isOr {
			return seq, nil
		}
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		if c.n == nil {
			continue // a word of punctuation only
		}
		p.clauses++
		if p.clauses > maxClauses {
			return nil, qerr(p.pos, "Je zoekvraag heeft te veel woorden. Gebruik er hooguit %d.", maxClauses)
		}
		seq = append(seq, c)
	}
}

func (p *parser) unary() (clause, error) {
	neg := false
	start := p.pos
	if p.src[p.pos] == '-' {
		neg = true
		p.pos++
		if p.pos >= len(p.src) {
			return clause{}, qerr(start, "Na een minteken hoort een woord, zoals -pesten.")
		}
		if r, _ := utf8.DecodeRuneInString(p.src[p.pos:]); isSpace(r) || r == ')' || r == '-' {
			return clause{}, qerr(start, "Na een minteken hoort een woord, zoals -pesten.")
		}
	}
	n, err := p.primary()
	if err != nil {
		return clause{}, err
	}
	if n == nil && neg {
		return clause{}, qerr(start, "Na een minteken hoort een woord, zoals -pesten.")
	}
	return clause{neg: neg, n: n}, nil
}

func (p *parser) primary() (node, error) {
	start := p.pos
	switch p.src[p.pos] {
	case '(':
		if p.depth >= maxDepth {
			return nil, qerr(start, "Er staan te veel haakjes in elkaar.")
		}
		p.depth++
		p.pos++
		inner, err := p.or()
		if err != nil {
			return nil, err
		}
		p.depth--
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ')' {
			return nil, qerr(start, "Er staat een haakje ( zonder haakje ) erna.")
		}
		p.pos++
		if len(inner.alts) == 0 {
			return nil, qerr(start, "Tussen de haakjes staat niets.")
		}
		return inner, nil
	case '"':
		s, err := p.quoted()
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		return phraseNode{s}, nil
	}
	w := p.word()
	if i := strings.IndexByte(w, ':'); i > 0 {
		if f, ok := fields[strings.ToLower(w[:i])]; ok {
			value := w[i+1:]
			name := w[:i]
			if value == "" && p.pos < len(p.src) && p.src[p.pos] == '"' {
				s, err := p.quoted()
				if err != nil {
					return nil, err
				}
				if strings.TrimSpace(s) == "" {
					return nil, qerr(start, "Na %q hoort een waarde, zoals %s.", name+":", example(f))
				}
				return validateField(start, name, fieldNode{field: f, value: s, phrase: true})
			}
			if value == "" {
				return nil, qerr(start, "Na %q hoort een waarde, zoals %s.", name+":", example(f))
			}
			return validateField(start, name, fieldNode{field: f, value: value})
		}
	}
	if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return nil, nil
	}
	return wordNode{w}, nil
}

// word reads up to the next space, quote or parenthesis.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if isSpace(r) || r == '"' || r == '(' || r == ')' {
			break
		}
		p.pos += n
	}
	if p.pos == start { // cannot happen for well-formed callers; never loop forever
		p.pos++
	}
	return p.src[start:p.pos]
}

// quoted reads a "…" string starting at the quote.
func (p *parser) quoted() (string, error) {
	start := p.pos
	end := strings.IndexByte(p.src[p.pos+1:], '"')
	if end < 0 {
		return "", qerr(start, "Er mist een aanhalingsteken: zet woorden die bij elkaar horen tussen twee \"-tekens, zoals \"ruzie thuis\".")
	}
	s := p.src[p.pos+1 : p.pos+1+end]
	p.pos += end + 2
	return s, nil
}

func example(field string) string {
	switch field {
	case "kind":
		return "soort:portret"
	case "theme":
		return "thema:schaamte"
	case "team":
		return "team:zorgteam"
	case "status":
		return "status:herkend"
	case "step":
		return "stap:hoe"
	case "title":
		return "titel:sam"
	default:
		return "auteur:anna"
	}
}
