package themes

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Angle is one way of researching a theme, as the method lists them: a heading in the page's
// text with a fixed name, so a team can write it by hand and the theme view can still find it.
type Angle struct {
	Key      string
	Heading  string // as the template writes it
	Question string // the template's question under the heading: the invitation when it is empty
	Group    string // the Angle it sits under ("dynamiek", "bronnen"); "" for a group itself
	Source   bool   // one of the ways to look for ideas (wetenschap … synoniemen)
	aliases  []string
}

// Invitation is the sentence the theme view shows for an angle nobody wrote anything under.
func (a Angle) Invitation() string {
	if a.Source {
		return fmt.Sprintf("Nog niets bij %s: %s", lowerFirst(a.Heading), lowerFirst(a.Question))
	}
	return "Nog niets ingevuld. " + a.Question
}

// The angles, in the order of the template. Headings and questions come from template.md, so
// the editor's prompts and the theme view's invitations say the same; aliases are the
// headings (as slugs) a team may write instead.
var (
	AspectsAngle  = &Angle{Key: "kanten", aliases: []string{"welke-kanten", "kanten", "aspecten"}}
	DynamicsAngle = &Angle{Key: "dynamiek", aliases: []string{"wat-zit-erachter", "wat-zit-er-achter", "dynamiek"}}
	SourcesAngle  = &Angle{Key: "bronnen", aliases: []string{"bronnen"}}
	// Dynamics are the sub-questions of "Wat zit erachter?": causes and intensity.
	Dynamics = []*Angle{
		{Key: "groter-kleiner", Group: "dynamiek", aliases: []string{"wat-maakt-het-groter", "wat-maakt-het-kleiner", "groter-of-kleiner", "groter-en-kleiner"}},
		{Key: "overgang", Group: "dynamiek", aliases: []string{"waar-gaat-het-in-over", "waar-gaat-het-over-in", "waarin-gaat-het-over", "gaat-over-in"}},
		{Key: "intensiteit", Group: "dynamiek", aliases: []string{"een-beetje-of-heel-veel", "een-beetje-of-veel", "intensiteit", "hoe-sterk"}},
	}
	// Sources are the ways to look for ideas about a theme.
	Sources = []*Angle{
		{Key: "wetenschap", aliases: []string{"wetenschap"}},
		{Key: "filosofie", aliases: []string{"filosofie"}},
		{Key: "kunst", aliases: []string{"kunst"}},
		{Key: "eigen-ervaring", aliases: []string{"eigen-ervaring", "eigen-ervaringen"}},
		{Key: "andere-situaties", aliases: []string{"andere-situaties", "andere-situatie"}},
		{Key: "citaten", aliases: []string{"citaten", "citaat", "uitspraken"}},
		{Key: "synoniemen", aliases: []string{"synoniemen", "synoniem", "woorden-die-erop-lijken"}},
	}
)

// angles is every angle, for matching headings.
var angles = func() []*Angle {
	for _, a := range Sources {
		a.Group, a.Source = "bronnen", true
	}
	all := append([]*Angle{AspectsAngle, DynamicsAngle, SourcesAngle}, Dynamics...)
	all = append(all, Sources...)
	fillFromTemplate(all, template)
	return all
}()

// fillFromTemplate takes each angle's heading and question from the template.
func fillFromTemplate(all []*Angle, tmpl []byte) {
	var cur *Angle
	for _, line := range strings.Split(string(tmpl), "\n") {
		line = strings.TrimSpace(line)
		if level, text, ok := atxHeading(line); ok {
			cur = nil
			if a := match(all, text, level); a != nil {
				a.Heading, cur = text, a
			}
			continue
		}
		if cur != nil && cur.Question == "" && isItalicLine(line) {
			cur.Question = strings.TrimSpace(line[1 : len(line)-1])
		}
	}
}

// placeholders are the template's italic prompt lines: text a page made from the template
// still holds when nobody wrote anything. The older template's lines count too, so pages made
// with it show their empty angles as empty.
var placeholders = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(string(template), "\n") {
		if line = strings.TrimSpace(line); isItalicLine(line) || strings.HasPrefix(line, "- _") {
			m[line] = true
		}
	}
	for _, line := range []string{
		"_Spiritueel, emotioneel, cognitief, motivationeel, fysiek, sociaal, contextueel: welke springen eruit?_",
		"_Wat maakt het groter of kleiner? Waar gaat het in over? Wat doet een beetje, en wat doet heel veel?_",
		"_Verzamel wat je helpt om het thema beter te snappen:_",
	} {
		m[line] = true
	}
	return m
}()

// Research is a theme page's text taken apart: the sections about the angles, and the rest.
type Research struct {
	Rest  []byte            // the text outside the angles' sections, to show as the page's text
	parts map[string][]byte // per angle key, its text without the template's prompts
}

// Text is what the page says under an angle; nil when nothing (or only the template's
// prompt) is written there.
func (r Research) Text(key string) []byte { return r.parts[key] }

// Filled reports whether the page says something under an angle.
func (r Research) Filled(key string) bool { return len(r.parts[key]) > 0 }

// ParseResearch splits a theme page's body into the angles' sections and the rest. A heading
// is an angle's when its words start like one of the angle's names ("## Kunst (een lied)",
// "### Citaten"), at level 2 or 3. A section runs to the next heading of the same or a
// higher level, or to the next angle; a sub-heading it does not know stays inside it. Under
// "Bronnen en ideeën", a list item such as "- Kunst: De schreeuw van Munch" counts for its
// source too, as the first template wrote them. Fenced code is never a heading.
func ParseResearch(body []byte) Research {
	type open struct {
		key   string
		level int
	}
	var stack []open
	var rest bytes.Buffer
	parts := map[string]*bytes.Buffer{}
	fence := ""
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64*1024), len(body)+1)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if f := fenceOf(trimmed); f != "" && f[0] == fence[0] && len(f) >= len(fence) && strings.Trim(trimmed, f[:1]) == "" {
				fence = ""
			}
		} else if f := fenceOf(trimmed); f != "" {
			fence = f
		} else if level, text, ok := atxHeading(line); ok {
			for len(stack) > 0 && stack[len(stack)-1].level >= level {
				stack = stack[:len(stack)-1]
			}
			if a := match(angles, text, level); a != nil {
				stack = append(stack, open{a.Key, level})
				continue
			}
		}
		if len(stack) == 0 {
			rest.WriteString(line)
			rest.WriteByte('\n')
			continue
		}
		key := stack[len(stack)-1].key
		if parts[key] == nil {
			parts[key] = &bytes.Buffer{}
		}
		parts[key].WriteString(line)
		parts[key].WriteByte('\n')
	}
	r := Research{Rest: rest.Bytes(), parts: map[string][]byte{}}
	if b := parts[SourcesAngle.Key]; b != nil {
		parts[SourcesAngle.Key] = bytes.NewBuffer(sourceItems(b.Bytes(), parts))
	}
	for key, b := range parts {
		if text := clean(b.Bytes()); len(text) > 0 {
			r.parts[key] = text
		}
	}
	return r
}

// sourceItems moves list items that name a source ("- Kunst: …", "- _Kunst (een lied):_ …")
// out of the general text of "Bronnen en ideeën" into that source's text, and returns what is
// left. An item with nothing after its label is a prompt and is dropped.
func sourceItems(text []byte, parts map[string]*bytes.Buffer) []byte {
	var left bytes.Buffer
	lines := strings.Split(string(text), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		a, content, ok := sourceItem(line)
		if !ok {
			left.WriteString(line)
			left.WriteByte('\n')
			continue
		}
		// Lines indented under the item belong to it.
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "  ") && strings.TrimSpace(lines[i+1]) != "" {
			i++
			content += "\n" + strings.TrimSpace(lines[i])
		}
		if strings.TrimSpace(content) == "" {
			continue
		}
		if parts[a.Key] == nil {
			parts[a.Key] = &bytes.Buffer{}
		}
		parts[a.Key].WriteString(content)
		parts[a.Key].WriteString("\n\n")
	}
	return left.Bytes()
}

// sourceItem reads "- Label: content" where Label names a source; emphasis around the label is
// allowed ("- _Kunst (een lied):_ De schreeuw").
func sourceItem(line string) (*Angle, string, bool) {
	if !strings.HasPrefix(line, "- ") && !strings.HasPrefix(line, "* ") {
		return nil, "", false
	}
	item := strings.TrimLeft(line[2:], " _*")
	label, content, ok := strings.Cut(item, ":")
	if !ok {
		return nil, "", false
	}
	a := match(Sources, label, 3)
	if a == nil {
		return nil, "", false
	}
	return a, strings.TrimSpace(strings.TrimLeft(content, "_* ")), true
}

// clean drops the template's prompt lines and the blank lines around the text.
func clean(text []byte) []byte {
	var out []string
	for _, line := range strings.Split(string(text), "\n") {
		if placeholders[strings.TrimSpace(line)] {
			continue
		}
		out = append(out, line)
	}
	s := strings.Trim(strings.Join(out, "\n"), "\n")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []byte(s + "\n")
}

// match finds the angle a heading names, at level 2 or 3.
func match(all []*Angle, text string, level int) *Angle {
	if level < 2 || level > 3 {
		return nil
	}
	slug := string(wiki.Slugify(text))
	for _, a := range all {
		for _, alias := range a.aliases {
			if slug == alias || strings.HasPrefix(slug, alias+"-") {
				return a
			}
		}
	}
	return nil
}

// atxHeading reads "## Text" (up to three spaces before it, closing #s dropped).
func atxHeading(line string) (level int, text string, ok bool) {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return 0, "", false
	}
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return 0, "", false
	}
	text = strings.TrimSpace(s[level:])
	text = strings.TrimSpace(strings.TrimRight(text, "#"))
	return level, text, true
}

// fenceOf returns the fence a line opens or closes ("```", "~~~~"), or "".
func fenceOf(trimmed string) string {
	for _, c := range []string{"`", "~"} {
		n := len(trimmed) - len(strings.TrimLeft(trimmed, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}

func isItalicLine(line string) bool {
	return len(line) > 2 && line[0] == '_' && line[len(line)-1] == '_'
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
