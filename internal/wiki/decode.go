package wiki

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ValueChecker is implemented by field types whose values are restricted (enumerations, dates,
// slugs). The decoder calls it after decoding a value; the error is a Dutch sentence for users.
type ValueChecker interface{ CheckValue() error }

// ShortForm is implemented by struct types that may also be written as one scalar, such as a
// casus theme written as `- schaamte` instead of `- {slug: schaamte}`.
type ShortForm interface{ FromShort(s string) error }

// Pos is where a value stands in the page file (1-based).
type Pos struct{ Line, Column int }

// Check collects the problems of one page. Field paths look like "themes[2].why"; the decoder
// records the position of every field it saw, so later checks can point at the right line.
type Check struct {
	File     string
	Problems Problems
	// Body is the page's Markdown, for hints that read the text (a frame that names a means).
	Body []byte
	pos  map[string]Pos // where a field's key (or list item) stands: for messages
	vals map[string]Pos // where a scalar value stands: for rewriting it in place
}

// NewCheck starts a check of the named file.
func NewCheck(file string) *Check {
	return &Check{File: file, pos: map[string]Pos{}, vals: map[string]Pos{}}
}

// Pos returns the position of a field, or of its closest parent that has one.
func (c *Check) Pos(field string) Pos {
	for f := field; ; {
		if p, ok := c.pos[f]; ok {
			return p
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			return Pos{}
		}
		f = f[:i]
	}
}

// ValuePos returns where the scalar value of a field stands, e.g. the slug in `themes: [a, b]`.
// A struct written in its short form (`- schaamte` for `- {slug: schaamte}`) has its one
// scalar under the parent's path, which is found as well.
func (c *Check) ValuePos(field string) (Pos, bool) {
	if p, ok := c.vals[field]; ok {
		return p, true
	}
	if i := strings.LastIndexByte(field, '.'); i > 0 {
		p, ok := c.vals[field[:i]]
		return p, ok
	}
	return Pos{}, false
}

// Add records a problem at the field's line.
func (c *Check) Add(sev Severity, code, field, format string, args ...any) {
	c.Problems = append(c.Problems, Problem{
		Severity: sev, Code: code, File: c.File, Line: c.Pos(field).Line, Field: field,
		Message: fmt.Sprintf(format, args...),
	})
}

// Error records an error: the page is invalid.
func (c *Check) Error(code, field, format string, args ...any) {
	c.Add(Error, code, field, format, args...)
}

// Hint records a method hint.
func (c *Check) Hint(code, field, format string, args ...any) {
	c.Add(Hint, code, field, format, args...)
}

// Decode reads YAML front matter strictly into dst (a pointer to a struct). line is the file
// line on which the front matter starts, so problems name lines of the file, not of the YAML.
// It reports every problem it finds instead of stopping at the first.
func (c *Check) Decode(front []byte, line int, dst any) {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		l, msg := yamlSyntax(err)
		c.Problems = append(c.Problems, Problem{Severity: Error, Code: "frontmatter.syntax", File: c.File,
			Line: l + line - 1, Message: "de kop van de pagina is geen geldige YAML: " + msg})
		return
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1} // empty front matter
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 && doc.Content[0].Tag != "!!null" {
		root = doc.Content[0]
	}
	d := decoder{c: c, offset: line - 1}
	d.value(root, reflect.ValueOf(dst).Elem(), "")
}

type decoder struct {
	c      *Check
	offset int
}

func (d *decoder) fail(n *yaml.Node, field, code, format string, args ...any) {
	d.c.Problems = append(d.c.Problems, Problem{Severity: Error, Code: code, File: d.c.File,
		Line: n.Line + d.offset, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, field string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	at := Pos{n.Line + d.offset, n.Column}
	if _, ok := d.c.pos[field]; !ok && field != "" {
		d.c.pos[field] = at
	}
	if n.Kind == yaml.ScalarNode {
		d.c.vals[field] = at
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value keeps the zero value; required fields are checked afterwards
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), field)
		return
	case reflect.Struct:
		if n.Kind == yaml.ScalarNode {
			if sf, ok := v.Addr().Interface().(ShortForm); ok {
				if err := sf.FromShort(n.Value); err != nil {
					d.fail(n, field, "frontmatter.bad-value", "%s", err)
				}
				return
			}
		}
		if n.Kind != yaml.MappingNode {
			d.fail(n, field, "frontmatter.type", "hier horen velden (sleutel: waarde), maar er staat %s", nodeWord(n))
			return
		}
		d.mapping(n, v, field)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, field, "frontmatter.type", "hier hoort een lijst, bijvoorbeeld [a, b], maar er staat %s", nodeWord(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", field, i))
		}
		v.Set(s)
	default:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, field, "frontmatter.type", "hier hoort %s, maar er staat %s", typeWord(v.Type()), nodeWord(n))
			return
		}
		d.scalar(n, v, field)
	}
	if vc, ok := v.Addr().Interface().(ValueChecker); ok {
		if err := vc.CheckValue(); err != nil {
			d.fail(n, field, "frontmatter.bad-value", "%s", err)
		}
	}
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, field string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if err != nil || n.Tag != "!!bool" {
			d.fail(n, field, "frontmatter.type", "hier hoort true of false, geen %q", n.Value)
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil {
			d.fail(n, field, "frontmatter.type", "hier hoort een heel getal, geen %q", n.Value)
			return
		}
		v.SetInt(i)
	default:
		panic("wiki: front matter field of unsupported type " + v.Type().String())
	}
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, field string) {
	fields := structFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		path := key.Value
		if field != "" {
			path = field + "." + key.Value
		}
		idx, ok := fields.index[key.Value]
		if !ok {
			d.fail(key, path, "frontmatter.unknown-key", "onbekend veld %q; hier kun je gebruiken: %s",
				key.Value, strings.Join(fields.names, ", "))
			continue
		}
		if seen[key.Value] {
			d.fail(key, path, "frontmatter.duplicate", "het veld %q staat er twee keer", key.Value)
			continue
		}
		seen[key.Value] = true
		d.c.pos[path] = Pos{key.Line + d.offset, key.Column}
		d.value(val, v.FieldByIndex(idx), path)
	}
	for _, name := range fields.required {
		if !seen[name] || v.FieldByIndex(fields.index[name]).IsZero() {
			path := name
			if field != "" {
				path = field + "." + name
			}
			d.fail(n, path, "frontmatter.missing", "het veld %q ontbreekt of is leeg", name)
		}
	}
}

type fieldSet struct {
	index    map[string][]int
	names    []string
	required []string
}

// structFields lists the YAML keys of a struct, following `yaml:",inline"` embedding, and the
// ones tagged `lw:"required"`.
func structFields(t reflect.Type) fieldSet {
	fs := fieldSet{index: map[string][]int{}}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			idx := append(append([]int{}, prefix...), i)
			if strings.Contains(opts, "inline") {
				walk(f.Type, idx)
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			fs.index[name] = idx
			fs.names = append(fs.names, name)
			if f.Tag.Get("lw") == "required" {
				fs.required = append(fs.required, name)
			}
		}
	}
	walk(t, nil)
	return fs
}

func nodeWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "een groep velden"
	case yaml.SequenceNode:
		return "een lijst"
	default:
		return fmt.Sprintf("de waarde %q", n.Value)
	}
}

func typeWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true of false"
	case reflect.Int, reflect.Int64:
		return "een getal"
	default:
		return "tekst"
	}
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlSyntax pulls the line and the message out of a YAML parser error, which is English; the
// caller wraps it in a Dutch sentence.
func yamlSyntax(err error) (int, string) {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 1, strings.TrimPrefix(err.Error(), "yaml: ")
	}
	l, _ := strconv.Atoi(m[1])
	return l, m[2]
}
