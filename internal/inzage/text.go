package inzage

import (
	"fmt"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// day writes a front-matter date as "15 januari 2027".
func day(d wiki.Date) string { return d.Dutch() }

func dayOf(t time.Time) string { return wiki.DutchDay(t) }

// moment writes "3 maart 2027, 10:30" in the time zone the bundle was made in.
func (c *collector) moment(t time.Time) string {
	return wiki.DutchMoment(t.In(c.opt.At.Location()))
}

// who is the name the bundle shows for a commit's author.
func (c *collector) who(a store.Author) string {
	if c.opt.Name != nil {
		if n := strings.TrimSpace(c.opt.Name(a)); n != "" {
			return n
		}
	}
	if n := strings.TrimSpace(a.Name); n != "" {
		return n
	}
	return "onbekend"
}

// Consent states, judged on the day the bundle is made. They are part of toestemming.json.
const (
	ConsentValid     = "geldig"
	ConsentExpired   = "verlopen"
	ConsentWithdrawn = "ingetrokken"
	ConsentNotYet    = "nog niet ingegaan"
)

// consentState says whether a consent record holds on the bundle's day.
func consentState(r cases.Consent, at time.Time) string {
	today := at.Format(wiki.DateLayout) // dates are JJJJ-MM-DD, so they compare as strings
	switch {
	case r.Withdrawn != "" && string(r.Withdrawn) <= today:
		return ConsentWithdrawn
	case r.Until != "" && string(r.Until) < today:
		return ConsentExpired
	case r.Date != "" && string(r.Date) > today:
		return ConsentNotYet
	}
	return ConsentValid
}

// opLabel is what a version did to a file, as a whole sentence part.
func opLabel(r store.Revision) string {
	switch r.Op {
	case store.OpNew:
		return "nieuw gemaakt"
	case store.OpDeleted:
		return "verwijderd"
	case store.OpRenamed:
		return "hernoemd (was " + r.OldPath + ")"
	}
	return "veranderd"
}

// readme is LEESMIJ.txt: what the bundle is, for a parent, in plain words.
func (c *collector) readme(b *Bundle, col *collected) string {
	var w strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&w, format+"\n", args...) }
	line("INZAGE: WAT WE HEBBEN VASTGELEGD OVER %s", strings.ToUpper(b.Title))
	line("")
	line("Je vroeg ons: wat hebben jullie over mijn kind vastgelegd? In deze map vind je")
	line("alles wat het team daarover heeft opgeschreven in Leefwereld.")
	line("")
	line("Gemaakt op: %s", c.moment(c.opt.At))
	line("Gemaakt door: %s", c.by())
	if col.team != "" {
		line("Team: %s", col.team)
	}
	line("")
	line("HOE BEGIN JE?")
	line("Pak het zip-bestand eerst uit. Open dan het bestand index.html. Het opent in")
	line("je internetbrowser, ook zonder internet. Daar staat alles op een rij, met")
	line("links naar de pagina's.")
	line("")
	line("WAT ZIT ERIN?")
	line("- cases: de casus. Daarin staat waar het team zich zorgen over maakt en wat het")
	line("  team wil doen.")
	if len(col.portraits) > 0 {
		line("- portraits: de portretten. Een portret beschrijft het dagelijks leven van je")
		line("  kind of van het gezin, zo veel mogelijk in hun eigen woorden.")
	}
	if len(col.frames) > 0 {
		line("- frames: de richting die het team heeft gekozen. Dit is nog geen plan, maar")
		line("  een manier van kijken: waar werken we naartoe?")
	}
	if hasMedia(col) {
		line("- media: bijlagen bij de pagina's, zoals foto's of geluidsopnames.")
	}
	line("- toestemming.html: voor welke dingen er toestemming is gegeven, door wie, tot")
	line("  wanneer, en of die is ingetrokken. toestemming.json is hetzelfde, voor een")
	line("  computer.")
	line("- geschiedenis.html: wie elke pagina wanneer heeft veranderd, met de korte")
	line("  uitleg die erbij is geschreven. geschiedenis.json is hetzelfde, voor een")
	line("  computer.")
	line("- leeslog.txt: wie de pagina's heeft bekeken, als dat wordt bijgehouden.")
	line("")
	line("Elke pagina zit er twee keer in:")
	line("- als .html: om te lezen en af te drukken;")
	line("- als .md: de tekst precies zoals het team hem heeft opgeslagen. Die open je")
	line("  met elk programma voor tekst, zoals Kladblok.")
	line("")
	line("WAT ZIT ER NIET IN?")
	line("- De uitleg bij de betekenisthema's, zoals 'schaamte' of 'veiligheid'. Die uitleg")
	line("  is algemeen en gaat niet over je kind. Je ziet wel welke thema's het team koos")
	line("  en waarom.")
	if len(col.left) > 0 {
		line("- Frames van andere teams en voorbeelden uit de bibliotheek. Die tekst is")
		line("  algemeen. Je ziet wel welke het team gebruikt.")
	}
	line("")
	line("KLOPT ER IETS NIET?")
	line("Heb je vragen, of staat er iets in dat niet klopt? Neem dan contact op met de")
	line("school. Je mag vragen om iets te verbeteren of te laten wissen.")
	return w.String()
}

// by is who made the bundle, as the bundle names them.
func (c *collector) by() string {
	if s := strings.TrimSpace(c.opt.By); s != "" {
		return s
	}
	return "onbekend"
}

func hasMedia(col *collected) bool {
	for _, p := range col.all() {
		if len(p.media) > 0 {
			return true
		}
	}
	return false
}
