package teams

import (
	"regexp"
	"strconv"
	"strings"
)

// Prompt is one of the spelregels a team agrees on before it portrays anyone: "rules about
// making rules". The wording is ours; the six subjects are the method's.
type Prompt struct {
	Number   int
	Title    string
	Question string   // the question under the heading in template.md
	Asks     []string // smaller questions that help the team talk it through
}

// Prompts are the six spelregels, numbered as the method numbers them (0 to 5).
var Prompts = []Prompt{
	{0, "Herkenbaar portret", "Hoe zorgen we dat de leerling of ouder zich herkent in wat we schrijven?", []string{
		"Hoe checken we of iemand zich herkent in het portret?",
		"Wat doen we als we het onderling niet eens zijn over wat we zien?",
		"Hebben we de goede mensen in het team?",
	}},
	{1, "Veiligheid en vertrouwen", "Wat blijft binnen het team? Hoe maken we het veilig om iets te zeggen?", []string{
		"Wat mag naar buiten, en wat niet?",
		"Hoe gaan we om met wat iemand ons in vertrouwen vertelt?",
	}},
	{2, "Openheid en schaamte", "Hoe praten we over fouten, zonder te oordelen?", []string{
		"Wat doen we als iemand iets onhandigs zegt?",
		"Hoe blijven we nieuwsgierig, in plaats van meteen te oordelen?",
	}},
	{3, "Autonomie, macht en keuzes", "Wie heeft hier macht? Hoe wil de leerling het eigen verhaal vertellen?", []string{
		"Hoe zeggen we hardop wie er meer te zeggen heeft?",
		"Wat mag de leerling zelf beslissen over het portret?",
	}},
	{4, "Plek en sfeer", "Waar en hoe praten we, zodat het prettig voelt?", []string{
		"Waar voelt de leerling of de ouder zich thuis?",
		"Wat doen we om het gesprek rustig te houden?",
	}},
	{5, "Verwachtingen", "Wie doet wat? Bedoelen we hetzelfde met dezelfde woorden?", []string{
		"Wat verwachten we van elkaar?",
		"Hoe checken we dat een woord voor iedereen hetzelfde betekent?",
	}},
}

// CompositionAsks help a team talk about who takes part.
var CompositionAsks = []string{
	"Wie doen er mee? Denk ook aan de leerling, de ouders of iemand uit hun omgeving.",
	"Met hoeveel mensen zijn we? Is dat te veel of te weinig voor een open gesprek?",
	"Wie heeft al ervaring met deze manier van werken?",
	"Is iedereen er altijd bij? Hoe houden we elkaar op de hoogte?",
	"Wie coördineert?",
}

// Sheet is a team page's body read as the spelregels worksheet: per prompt what the team wrote,
// the team's own rules, what it says about who takes part, and whatever else the page holds.
// Nothing in the body is dropped except the template's own questions and empty placeholders.
type Sheet struct {
	Intro       string   // Markdown before the first heading
	Answers     []Answer // one per Prompt, in the order of Prompts
	OwnExplain  string   // Markdown in the "eigen spelregels" section that is not a rule
	OwnRules    []string // the team's own lines, as Markdown, placeholders left out
	Composition Answer   // the "wie zitten er in het team" section; its Prompt is zero
	Other       []Section
}

// Answer is one prompt with what the page says about it.
type Answer struct {
	Prompt  Prompt
	Heading string // the heading as the team wrote it; "" when the page has no section for it
	Explain string // Markdown before "Onze afspraak:" (the starter page explains each rule)
	Text    string // Markdown of the team's agreement; "" when not filled in yet
}

// Section is a part of the page the worksheet does not know.
type Section struct {
	Heading string
	Text    string
}

var (
	numberedHeading = regexp.MustCompile(`^(\d+)\s*[.):]\s*`)
	agreementLine   = regexp.MustCompile(`(?i)^[_*]*\s*onze afspraak\s*:?\s*[_*]*\s*:?\s*`)
	listItem        = regexp.MustCompile(`^(\d+[.)]|[-*+])\s+`)
	fence           = regexp.MustCompile("^(```|~~~)")
)

// ReadSheet reads a team page's body as the worksheet. Headings of level 2 ("## ") divide it; a
// heading that starts with 0 to 5 or names a prompt's title is that prompt's section.
func ReadSheet(body []byte) Sheet {
	var sh Sheet
	sh.Answers = make([]Answer, len(Prompts))
	for i, p := range Prompts {
		sh.Answers[i].Prompt = p
	}
	heading, lines := "", []string(nil)
	first := true
	flush := func() {
		defer func() { lines = nil }()
		if first {
			sh.Intro = markdown(dropItalic(lines))
			return
		}
		switch n, kind := classify(heading); kind {
		case promptSection:
			a := &sh.Answers[n]
			if a.Heading != "" { // the same prompt twice: keep the second as a section of its own
				sh.Other = append(sh.Other, Section{heading, markdown(lines)})
				return
			}
			a.Heading = heading
			a.Explain, a.Text = splitAgreement(lines)
		case ownSection:
			sh.OwnExplain, sh.OwnRules = ownRules(lines)
		case compositionSection:
			sh.Composition.Heading = heading
			sh.Composition.Explain, sh.Composition.Text = splitAgreement(lines)
		default:
			sh.Other = append(sh.Other, Section{heading, markdown(lines)})
		}
	}
	inFence := false
	for _, line := range strings.Split(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n") {
		if fence.MatchString(strings.TrimSpace(line)) {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "## ") {
			flush()
			first = false
			heading = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[3:]), "#"))
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return sh
}

// Filled is how many of the six prompts have an agreement written down.
func (sh Sheet) Filled() int {
	n := 0
	for _, a := range sh.Answers {
		if a.Text != "" {
			n++
		}
	}
	return n
}

type sectionKind int

const (
	otherSection sectionKind = iota
	promptSection
	ownSection
	compositionSection
)

// classify tells which part of the worksheet a heading is.
func classify(heading string) (int, sectionKind) {
	h := strings.ToLower(heading)
	if m := numberedHeading.FindStringSubmatch(h); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n < len(Prompts) {
			return n, promptSection
		}
	}
	switch {
	case strings.Contains(h, "eigen spelregels") || strings.Contains(h, "eigen regels") || strings.Contains(h, "eigen afspraken"):
		return 0, ownSection
	case strings.Contains(h, "wie zitten") || strings.Contains(h, "samenstelling") || strings.Contains(h, "wie doen er mee"):
		return 0, compositionSection
	}
	for _, p := range Prompts {
		if strings.Contains(h, strings.ToLower(p.Title)) {
			return p.Number, promptSection
		}
	}
	return 0, otherSection
}

// splitAgreement separates the explanation from the agreement: what follows "Onze afspraak:"
// is the agreement. Without that line, everything but the template's italic question is.
func splitAgreement(lines []string) (explain, text string) {
	for i, l := range lines {
		if loc := agreementLine.FindStringIndex(strings.TrimSpace(l)); loc != nil {
			rest := append([]string{strings.TrimSpace(l)[loc[1]:]}, lines[i+1:]...)
			return markdown(lines[:i]), markdown(dropItalic(rest))
		}
	}
	return "", markdown(dropItalic(lines))
}

// ownRules picks the list items of the "eigen spelregels" section; other lines explain.
func ownRules(lines []string) (explain string, rules []string) {
	var rest []string
	for _, l := range dropItalic(lines) {
		t := strings.TrimSpace(l)
		if m := listItem.FindStringIndex(t); m != nil {
			if item := strings.TrimSpace(t[m[1]:]); !placeholder(item) {
				rules = append(rules, item)
			}
			continue
		}
		if len(rules) > 0 && t != "" && strings.HasPrefix(l, " ") {
			rules[len(rules)-1] += " " + t // a rule that goes on on the next line
			continue
		}
		rest = append(rest, l)
	}
	return markdown(rest), rules
}

// dropItalic leaves out lines that are one italic sentence: the template's questions.
func dropItalic(lines []string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if len(t) > 2 && t[0] == '_' && t[len(t)-1] == '_' && !strings.Contains(t[1:len(t)-1], "_") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// markdown joins lines and returns "" when nothing but placeholders is left.
func markdown(lines []string) string {
	var kept []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if m := listItem.FindStringIndex(t); m != nil && placeholder(t[m[1]:]) {
			continue
		}
		if placeholder(t) && t != "" {
			continue
		}
		kept = append(kept, l)
	}
	s := strings.TrimSpace(strings.Join(kept, "\n"))
	if s == "" {
		return ""
	}
	return s + "\n"
}

// placeholder reports whether a bit of text is only a mark to be filled in ("…", "...").
func placeholder(s string) bool {
	return strings.Trim(strings.TrimSpace(s), "….-_ ") == ""
}
