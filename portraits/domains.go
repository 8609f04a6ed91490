package portraits

import "github.com/leefwereld/leefwereld/internal/wiki"

// Domain is one part of "het hele plaatje": a field of daily life a portrait can cover. The
// method asks the team to look at the whole picture (housing, school, work, family,
// relationships, friends, organisations, the government, help), so a portrait that says nothing
// about one of them shows a blind spot, not a fault.
type Domain string

// CheckValue restricts a domain to the ones in Domains.
func (d Domain) CheckValue() error { return wiki.OneOf(string(d), DomainValues()...) }

// DomainInfo is how the product names a domain, and a question that opens it up in a talk.
type DomainInfo struct {
	Domain   Domain
	Label    string   // the name in the editor and on the portrait
	About    string   // what belongs to it, in a few words
	Question Question // one question to ask when the domain is still empty
}

// Domains lists the life domains in the order the method names them.
var Domains = []DomainInfo{
	{"wonen", "Wonen", "het huis, een eigen plek, de buurt",
		Question{"Hoe is het bij jou thuis? Heb je een eigen plek?", "Hoe wonen jullie? Is er genoeg ruimte en rust in huis?"}},
	{"school", "School", "de klas, de pauze, leraren, de weg erheen",
		Question{"Hoe gaat het op school, in de klas en in de pauze?", "Hoe gaat het met je kind op school? En hoe is jouw contact met school?"}},
	{"werk", "Werk", "een bijbaan of stage, het werk van de ouders",
		Question{"Heb je een bijbaan of stage? Wat voor werk doen je ouders?", "Heb je werk? Hoe past dat bij het gezin?"}},
	{"gezin", "Gezin en familie", "ouders, broers en zussen, opa en oma",
		Question{"Wie horen er bij je gezin en je familie? Hoe gaat het thuis?", "Wie horen er bij het gezin? Hoe gaat het tussen jullie?"}},
	{"relaties", "Liefde en relaties", "verliefd zijn, een vriend of vriendin, een partner",
		Question{"Is er iemand op wie je verliefd bent, of met wie je gaat?", "Heb je een partner? Hoe gaat het tussen jullie, ook als ouders?"}},
	{"vrienden", "Vrienden", "vrienden, de groep, vrienden online",
		Question{"Wie zijn je vrienden? Wat doen jullie samen?", "Heeft je kind vrienden? En heb jij mensen om mee af te spreken?"}},
	{"organisaties", "Clubs en organisaties", "sportclub, vereniging, kerk of moskee, buurthuis",
		Question{"Zit je op een club, of ga je naar een kerk, moskee of buurthuis?", "Hoort het gezin ergens bij: een club, een geloofsgemeenschap, een buurthuis?"}},
	{"overheid", "Contact met de overheid", "gemeente, leerplicht, politie, uitkering",
		Question{"Heb je weleens te maken met de gemeente, leerplicht of de politie?", "Heb je te maken met de gemeente, een uitkering, leerplicht of de politie? Hoe gaat dat?"}},
	{"hulp", "Hulp en zorg", "jeugdzorg, huisarts, therapie, schuldhulp",
		Question{"Praat je met iemand van jeugdzorg, een dokter of een andere hulpverlener?", "Welke hulpverleners kennen jullie? Hoe is dat contact?"}},
}

// DomainValues are the values the domains field accepts, in order.
func DomainValues() []string {
	out := make([]string, len(Domains))
	for i, d := range Domains {
		out[i] = string(d.Domain)
	}
	return out
}

// DomainLabel is the name of a domain; an unknown value is shown as it is.
func DomainLabel(d Domain) string {
	for _, info := range Domains {
		if info.Domain == d {
			return info.Label
		}
	}
	return string(d)
}

// Coverage splits the domains into the ones a portrait covers and the ones it does not, both in
// the order of Domains, so the team sees at a glance what the portrait leaves out.
func Coverage(covered []Domain) (in, out []DomainInfo) {
	has := make(map[Domain]bool, len(covered))
	for _, d := range covered {
		has[d] = true
	}
	for _, info := range Domains {
		if has[info.Domain] {
			in = append(in, info)
		} else {
			out = append(out, info)
		}
	}
	return in, out
}
