package web

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
)

// portraitForm is the part of a portrait's editor that changes its front matter through form
// fields: the punctum, the life domains and the recognition. Each field also carries the value
// it showed when the form was drawn (Was), so a save writes only what the writer changed in a
// field, and a change typed into the text itself is never undone by a field nobody touched.
type portraitForm struct {
	Punctum  string
	Domains  []domainChoice
	Status   string
	Statuses []statusChoice
	By       string
	On       string // as the writer typed it; shown as DD-MM-JJJJ
	Remarks  string
	Was      portraitValues
}

// portraitValues are the field values as plain text, to compare what was shown with what came
// back. Domains are joined with commas in the order of portraits.Domains.
type portraitValues struct {
	Punctum, Domains, Status, By, On, Remarks string
}

type domainChoice struct {
	Value, Label, About string
	Checked             bool
}

type statusChoice struct {
	Value, Label string
	Checked      bool
}

// statusLabels explain the three steps of a portrait in the recognition form.
var statusLabels = []statusChoice{
	{Value: string(portraits.Concept), Label: "Concept: nog niet besproken"},
	{Value: string(portraits.Besproken), Label: "Besproken in het team"},
	{Value: string(portraits.Herkend), Label: "Herkend: de persoon herkent zich erin"},
}

// portraitFields marks a posted form that holds the portrait's fields: an unticked checkbox
// sends nothing, so without this mark a form without the fields would clear the domains.
const portraitFields = "portret-velden"

// valuesOf reads the fields' values from a portrait's text; a text that cannot be read gives
// empty fields (the writer sees the errors when saving).
func valuesOf(ref wiki.Ref, text string) (portraitValues, portraits.Subject) {
	page, _ := wiki.Parse(portraits.Schema, ref, []byte(text))
	if page == nil {
		return portraitValues{Status: string(portraits.Concept)}, "jongere"
	}
	m, _ := page.Meta.(*portraits.Meta)
	if m == nil {
		return portraitValues{Status: string(portraits.Concept)}, "jongere"
	}
	v := portraitValues{Punctum: m.Punctum, Status: string(m.Status)}
	if v.Status == "" {
		v.Status = string(portraits.Concept)
	}
	var ds []string
	for _, d := range m.Domains {
		ds = append(ds, string(d))
	}
	v.Domains = joinDomains(ds)
	if r := m.Recognized; r != nil {
		v.By, v.On, v.Remarks = r.By, fieldDay(r.On), r.Remarks
	}
	return v, m.Subject
}

// newPortraitForm draws the fields with values v, which are also what they "were".
func newPortraitForm(v portraitValues) *portraitForm {
	f := &portraitForm{Was: v}
	f.set(v)
	return f
}

// set fills the fields with v.
func (f *portraitForm) set(v portraitValues) {
	f.Punctum, f.Status, f.By, f.On, f.Remarks = v.Punctum, v.Status, v.By, v.On, v.Remarks
	checked := strings.Split(v.Domains, ",")
	f.Domains = f.Domains[:0]
	for _, d := range portraits.Domains {
		f.Domains = append(f.Domains, domainChoice{Value: string(d.Domain), Label: d.Label, About: d.About,
			Checked: slices.Contains(checked, string(d.Domain))})
	}
	f.Statuses = slices.Clone(statusLabels)
	for i := range f.Statuses {
		f.Statuses[i].Checked = f.Statuses[i].Value == v.Status
	}
}

// values are the fields as they stand now.
func (f *portraitForm) values() portraitValues {
	var ds []string
	for _, d := range f.Domains {
		if d.Checked {
			ds = append(ds, d.Value)
		}
	}
	return portraitValues{Punctum: f.Punctum, Domains: joinDomains(ds), Status: f.Status, By: f.By, On: f.On, Remarks: f.Remarks}
}

// portraitFormFromPost reads the fields from a posted form; nil when the form did not have
// them (a script posting only the text).
func portraitFormFromPost(c *fiber.Ctx) *portraitForm {
	if c.FormValue(portraitFields) != "1" {
		return nil
	}
	was := portraitValues{
		Punctum: c.FormValue("was-punctum"), Domains: c.FormValue("was-domeinen"), Status: c.FormValue("was-status"),
		By: c.FormValue("was-herkend-door"), On: c.FormValue("was-herkend-op"), Remarks: c.FormValue("was-herkend-opmerking"),
	}
	var ds []string
	args := c.Request().PostArgs()
	for _, v := range args.PeekMulti("domein") {
		ds = append(ds, string(v))
	}
	now := portraitValues{
		Punctum: oneLine(c.FormValue("punctum")), Domains: joinDomains(ds), Status: strings.TrimSpace(c.FormValue("status")),
		By: oneLine(c.FormValue("herkend-door")), On: strings.TrimSpace(c.FormValue("herkend-op")),
		Remarks: strings.TrimSpace(formText(c, "herkend-opmerking")),
	}
	f := &portraitForm{Was: was}
	f.set(now)
	// A domain the form does not offer (made up by hand) stays visible as it came, so the
	// error about it makes sense.
	for _, d := range ds {
		if !slices.Contains(portraits.DomainValues(), d) {
			f.Domains = append(f.Domains, domainChoice{Value: d, Label: d, Checked: true})
		}
	}
	return f
}

// joinDomains writes domains in the method's order, each once; unknown values go last.
func joinDomains(ds []string) string {
	var out []string
	for _, v := range portraits.DomainValues() {
		if slices.Contains(ds, v) {
			out = append(out, v)
		}
	}
	for _, d := range ds {
		if d = strings.TrimSpace(d); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return strings.Join(out, ",")
}

// applyPortraitForm writes the fields the writer changed into the front matter of f.Text.
// It returns what changed, in words for the commit message, or the errors in the fields; on
// an error the text is left as it was, so nothing is lost.
func applyPortraitForm(f *editForm) (changes []string, errs []formError) {
	p := f.Portrait
	if p == nil {
		return nil, nil
	}
	now, was := p.values(), p.Was
	recChanged := now.By != was.By || now.On != was.On || now.Remarks != was.Remarks
	statusChanged := now.Status != was.Status
	if now.Domains != was.Domains {
		for _, d := range strings.Split(now.Domains, ",") {
			if d != "" && portraits.Domain(d).CheckValue() != nil {
				errs = append(errs, formError{Target: "domein-" + portraits.DomainValues()[0],
					Message: fmt.Sprintf("%q is geen leefgebied dat we kennen. Kies uit de lijst.", d)})
			}
		}
	}
	if statusChanged && portraits.Status(now.Status).CheckValue() != nil || statusChanged && now.Status == "" {
		errs = append(errs, formError{Target: "status-concept",
			Message: "Kies hoe ver het portret is: concept, besproken of herkend."})
	}
	on := ""
	if recChanged || statusChanged {
		var ok bool
		if on, ok = parseDay(now.On); !ok {
			errs = append(errs, formError{Target: "herkend-op",
				Message: fmt.Sprintf("%q is geen datum. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 21-11-2026.", now.On)})
		}
		switch {
		case now.By == "" && now.Status == string(portraits.Herkend):
			errs = append(errs, formError{Target: "herkend-door",
				Message: "Je kiest herkend. Schrijf dan ook op wie het portret herkende."})
		case now.By == "" && (now.On != "" || now.Remarks != ""):
			errs = append(errs, formError{Target: "herkend-door",
				Message: "Schrijf op wie het portret herkende, of maak de datum en de opmerking leeg."})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	edits := func(fr *wiki.Front) error {
		if now.Punctum != was.Punctum {
			if err := fr.Set("punctum", now.Punctum); err != nil {
				return err
			}
			changes = append(changes, either(now.Punctum != "", "punctum gemarkeerd", "punctum weggehaald"))
		}
		if now.Domains != was.Domains {
			var ds []string
			if now.Domains != "" {
				ds = strings.Split(now.Domains, ",")
			}
			if err := setList(fr, "domains", ds); err != nil {
				return err
			}
			var labels []string
			for _, d := range ds {
				labels = append(labels, strings.ToLower(portraits.DomainLabel(portraits.Domain(d))))
			}
			changes = append(changes, either(len(ds) > 0, "het hele plaatje: "+strings.Join(labels, ", "), "geen leefgebieden meer aangevinkt"))
		}
		if statusChanged {
			if err := fr.Set("status", now.Status); err != nil {
				return err
			}
			changes = append(changes, "status "+now.Status)
		}
		if recChanged {
			if now.By == "" && on == "" && now.Remarks == "" {
				if err := fr.Remove("recognized"); err != nil {
					return err
				}
				changes = append(changes, "herkenning weggehaald")
				return nil
			}
			for _, kv := range [][2]string{{"by", now.By}, {"on", on}, {"remarks", now.Remarks}} {
				if err := fr.Set("recognized."+kv[0], kv[1]); err != nil {
					return err
				}
			}
			changes = append(changes, "herkenning vastgelegd")
		}
		return nil
	}
	if now == was {
		return nil, nil
	}
	text, err := wiki.EditFront([]byte(f.Text), edits)
	if err != nil {
		return nil, []formError{{Target: "tekst", Message: "De gegevens bovenaan de tekst kloppen nog niet, daarom konden we de velden onder de tekst niet verwerken. " +
			"Herstel eerst de regels tussen de twee regels ---, of zet de velden terug."}}
	}
	f.Text = string(text)
	p.Was = now // the text holds these values now
	if now.On != "" {
		p.On = fieldDay(wiki.Date(on))
		p.Was.On = p.On
	}
	return changes, nil
}

// either picks one of two phrases for the commit message.
func either(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// setList writes a list of values, or removes the key when the list is empty.
func setList(fr *wiki.Front, key string, vals []string) error {
	if len(vals) == 0 {
		return fr.Remove(key)
	}
	return fr.Set(key, vals)
}

// portraitMessage is the commit message for a save that changed fields, when the writer gave
// none: the page and what changed, in words.
func portraitMessage(ref wiki.Ref, changes []string) string {
	if len(changes) == 0 {
		return ""
	}
	return ref.Path() + " bijgewerkt: " + strings.Join(changes, "; ")
}

var dayFirst = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)

// parseDay reads a day as people type it, 21-11-2026 or 2026-11-21, and returns it as
// JJJJ-MM-DD; "" is no day at all and fine.
func parseDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		s = fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
	}
	t, err := time.Parse(wiki.DateLayout, s)
	if err != nil {
		return "", false
	}
	return t.Format(wiki.DateLayout), true
}

// fieldDay shows a front-matter date as DD-MM-JJJJ in a field; anything else as it is.
func fieldDay(d wiki.Date) string {
	t := d.Time()
	if t.IsZero() {
		return string(d)
	}
	return t.Format("02-01-2006")
}

// portraitEditor fills in the portrait's fields and picks the interview questions that fit
// its subject; the fields come from the posted form c, or from the text when c is nil (the
// editor opened). For other kinds it does nothing.
func portraitEditor(f *editForm, c *fiber.Ctx) {
	if f.Ref.Kind != wiki.Portrait {
		return
	}
	v, subject := valuesOf(f.Ref, f.Text)
	if c != nil {
		f.Portrait = portraitFormFromPost(c)
	}
	if f.Portrait == nil {
		f.Portrait = newPortraitForm(v)
	}
	f.Prompts = promptsForSubject(subject)
}
