package wiki

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Front is a page's front matter as a YAML node tree. Forms change pages through it instead of
// re-encoding the typed Meta, so the keys, comments, order and styles a person wrote by hand
// stay as they were: only the values a form touched change.
//
// Paths are the field paths problems use: "status", "themes[2].why", "recognized.by".
type Front struct {
	root *yaml.Node // the top-level mapping
}

// ErrPath is returned for a path that names no value, or goes through a value of the wrong shape.
var ErrPath = errors.New("wiki: no such field")

// EditFront applies fn to the front matter of a page file and returns the new file. The body is
// kept byte for byte. Whether the result is a valid page is for the caller to check with Parse.
func EditFront(data []byte, fn func(f *Front) error) ([]byte, error) {
	front, body, _, err := Split(data)
	if err != nil {
		return nil, fmt.Errorf("wiki: edit: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		return nil, fmt.Errorf("wiki: edit: %w", err)
	}
	if doc.Kind == 0 { // empty front matter
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("wiki: edit: the front matter is not a list of keys")
	}
	if err := fn(&Front{root: doc.Content[0]}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2) // the indent of our templates and starter library
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("wiki: edit: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("wiki: edit: encode: %w", err)
	}
	return Join(buf.Bytes(), body), nil
}

// Set puts v at path: a string, number, bool, slice or struct (encoded with its yaml tags).
// Parents that do not exist yet are made. An empty string or nil removes the key instead, so
// clearing a form field leaves no empty key behind.
func (f *Front) Set(path string, v any) error {
	if v == nil || v == "" {
		return f.Remove(path)
	}
	n, err := encode(v)
	if err != nil {
		return fmt.Errorf("wiki: set %s: %w", path, err)
	}
	slot, err := f.slot(path, true)
	if err != nil {
		return err
	}
	keepComments(n, *slot)
	*slot = n
	return nil
}

// Append adds v at the end of the list at path, making the list when it is missing.
func (f *Front) Append(path string, v any) error {
	n, err := encode(v)
	if err != nil {
		return fmt.Errorf("wiki: append %s: %w", path, err)
	}
	slot, err := f.slot(path, true)
	if err != nil {
		return err
	}
	switch {
	case *slot == nil || isNull(*slot):
		*slot = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}}
	case (*slot).Kind == yaml.SequenceNode:
		if (*slot).Style&yaml.FlowStyle != 0 && n.Kind != yaml.ScalarNode {
			n.Style |= yaml.FlowStyle // a struct in a one-line list stays on that line
		}
		(*slot).Content = append((*slot).Content, n)
	default:
		return fmt.Errorf("wiki: append %s: %w (not a list)", path, ErrPath)
	}
	return nil
}

// Remove deletes the key or list item at path. A path that is already absent is no error.
func (f *Front) Remove(path string) error {
	parentPath, last := splitLast(path)
	parent, err := f.node(parentPath)
	if errors.Is(err, ErrPath) {
		return nil
	}
	if err != nil {
		return err
	}
	if i, isIndex := last.index(); isIndex {
		if parent.Kind != yaml.SequenceNode {
			return fmt.Errorf("wiki: remove %s: %w", path, ErrPath)
		}
		if i < len(parent.Content) {
			parent.Content = append(parent.Content[:i], parent.Content[i+1:]...)
		}
		return nil
	}
	if parent.Kind != yaml.MappingNode {
		return fmt.Errorf("wiki: remove %s: %w", path, ErrPath)
	}
	for i := 0; i+1 < len(parent.Content); i += 2 {
		if parent.Content[i].Value == last.key {
			parent.Content = append(parent.Content[:i], parent.Content[i+2:]...)
			return nil
		}
	}
	return nil
}

// Len is the number of items in the list at path; 0 when it is missing.
func (f *Front) Len(path string) int {
	n, err := f.node(path)
	if err != nil || n.Kind != yaml.SequenceNode {
		return 0
	}
	return len(n.Content)
}

// String is the scalar at path, "" when it is missing or not a scalar. A struct written in
// its short form (`- schaamte`) answers for its "slug".
func (f *Front) String(path string) string {
	n, err := f.node(path)
	if errors.Is(err, ErrPath) {
		if p, last := splitLast(path); last.key == shortKey {
			n, err = f.node(p)
		}
	}
	if err != nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// shortKey is the key a struct written as one scalar stands for: every short form in our
// kinds (a casus theme, a theme relation) is a slug.
const shortKey = "slug"

// step is one part of a path: a key or a list index.
type step struct {
	key string
	idx int // -1 for a key
}

func (s step) index() (int, bool) { return s.idx, s.idx >= 0 }

func parsePath(path string) ([]step, error) {
	var steps []step
	for _, part := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" && rest == "" {
			return nil, fmt.Errorf("wiki: path %q: %w", path, ErrPath)
		}
		if key != "" {
			steps = append(steps, step{key: key, idx: -1})
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 0 {
				return nil, fmt.Errorf("wiki: path %q: %w", path, ErrPath)
			}
			steps = append(steps, step{idx: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return steps, nil
}

func splitLast(path string) (string, step) {
	steps, err := parsePath(path)
	if err != nil || len(steps) == 0 {
		return path, step{key: path, idx: -1}
	}
	last := steps[len(steps)-1]
	cut := len(path)
	if _, isIndex := last.index(); isIndex {
		cut = strings.LastIndexByte(path, '[')
	} else {
		cut -= len(last.key)
		if cut > 0 {
			cut-- // the dot
		}
	}
	return path[:cut], last
}

// node finds the value at path ("" is the whole mapping).
func (f *Front) node(path string) (*yaml.Node, error) {
	if path == "" {
		return f.root, nil
	}
	slot, err := f.slot(path, false)
	if err != nil {
		return nil, err
	}
	if *slot == nil {
		return nil, fmt.Errorf("wiki: %s: %w", path, ErrPath)
	}
	return *slot, nil
}

// slot finds where the value at path is held, so it can be read or replaced. With create,
// missing keys are added (as null values) and a short-form scalar becomes a mapping.
func (f *Front) slot(path string, create bool) (**yaml.Node, error) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, err
	}
	cur := &f.root
	for si, st := range steps {
		n := *cur
		if n == nil || isNull(n) {
			if !create {
				return nil, fmt.Errorf("wiki: %s: %w", path, ErrPath)
			}
			n = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			*cur = n
		}
		if i, isIndex := st.index(); isIndex {
			if n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return nil, fmt.Errorf("wiki: %s: %w", path, ErrPath)
			}
			cur = &n.Content[i]
			continue
		}
		if n.Kind == yaml.ScalarNode && si > 0 && create {
			// `- schaamte` gets a second key: write it out as {slug: schaamte, …}.
			short := *n
			short.HeadComment, short.LineComment, short.FootComment = "", "", ""
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: n.Style & yaml.FlowStyle,
				LineComment: n.LineComment, HeadComment: n.HeadComment, FootComment: n.FootComment,
				Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: shortKey}, &short}}
			*cur = m
			n = m
		}
		if n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("wiki: %s: %w", path, ErrPath)
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == st.key {
				cur = &n.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			if !create {
				return nil, fmt.Errorf("wiki: %s: %w", path, ErrPath)
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: st.key}, nil)
			cur = &n.Content[len(n.Content)-1]
		}
	}
	return cur, nil
}

// encode turns a Go value into a node. Dates stay unquoted, as people write them.
func encode(v any) (*yaml.Node, error) {
	if s, ok := v.(string); ok && !utf8.ValidString(s) {
		return nil, errors.New("de tekst is geen geldige UTF-8")
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	var plainDates func(*yaml.Node)
	plainDates = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && isDate(n.Value) {
			n.Tag, n.Style = "", 0
		}
		for _, c := range n.Content {
			plainDates(c)
		}
	}
	plainDates(&n)
	return &n, nil
}

func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && Date(s).CheckValue() == nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// keepComments carries a replaced value's comments over to its new value.
func keepComments(n, old *yaml.Node) {
	if old == nil {
		return
	}
	n.HeadComment, n.LineComment, n.FootComment = old.HeadComment, old.LineComment, old.FootComment
	if old.Kind == n.Kind && old.Kind != yaml.ScalarNode {
		n.Style |= old.Style & yaml.FlowStyle
	}
}
