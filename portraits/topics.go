package portraits

// Variant is who the writer talks with: the questions differ for a pupil and for a parent.
type Variant string

// The two variants of every interview question.
const (
	ForPupil  Variant = "jongere"
	ForParent Variant = "ouder"
)

// VariantFor picks the questions that fit the portrait's subject: a parent or a family is
// asked as a parent; a pupil, a group, a professional or the writer as a pupil is, in "je".
func VariantFor(s Subject) Variant {
	if s == "ouder" || s == "gezin" {
		return ForParent
	}
	return ForPupil
}

// Other is the variant the writer did not start with, for "bekijk ook de vragen voor …".
func (v Variant) Other() Variant {
	if v == ForParent {
		return ForPupil
	}
	return ForParent
}

// Label names the variant for the editor ("met een leerling").
func (v Variant) Label() string {
	if v == ForParent {
		return "met een ouder"
	}
	return "met een leerling"
}

// Question is one open question, worded for a pupil and for a parent.
type Question struct {
	Pupil  string
	Parent string
}

// For returns the wording for a variant.
func (q Question) For(v Variant) string {
	if v == ForParent {
		return q.Parent
	}
	return q.Pupil
}

// Topic is one of the method's interview topics: a group of questions to pick from. There is
// no score for how many are asked; a talk follows the person, not the list.
type Topic struct {
	Key       string // stable, for anchors and tests
	Title     string
	About     string
	Questions []Question
}

// FirstTalk is a short set for a first conversation.
var FirstTalk = []Question{
	{"Waar word je blij van?", "Waar word je blij van, thuis en met je kind?"},
	{"Waar ben je bang voor?", "Waar maak je je zorgen over, voor je kind of voor jezelf?"},
	{"Hoe ziet een gewone dag voor jou eruit?", "Hoe ziet een gewone dag bij jullie thuis eruit?"},
	{"Wat ging er de afgelopen maand goed? En wat was moeilijk?", "Wat ging er de afgelopen maand goed in het gezin? En wat was zwaar?"},
	{"Wie zijn belangrijk voor je?", "Wie zijn belangrijk voor je, en voor je kind?"},
}

// Topics are the method's interview topics, in our own words.
var Topics = []Topic{
	{"dagelijks-leven", "Dagelijks leven", "een doordeweekse dag, het weekend, plekken en spullen die ertoe doen", []Question{
		{"Vertel eens over gisteren, van opstaan tot slapen.", "Hoe ging gisteren bij jullie thuis, van de ochtend tot de avond?"},
		{"Wat doe je in het weekend?", "Hoe ziet een weekend eruit in jullie gezin?"},
		{"Waar ben je het liefst? En waar liever niet?", "Op welke plekken voelt je kind zich thuis? En jij?"},
		{"Heb je iets dat veel voor je betekent? Wat is daar bijzonder aan?", "Is er iets in huis dat veel betekent voor jou of je kind?"},
		{"Ben je vaak thuis, of ben je veel onderweg?", "Zijn jullie vaak thuis, of veel onderweg?"},
	}},
	{"houding", "Houding in het leven", "hoop, angst, trots, schaamte, wensen voor later, hoe iemand leert", []Question{
		{"Waar hoop je op, voor later?", "Wat hoop je voor je kind, en voor jezelf?"},
		{"Waar ben je trots op? Is er ook iets waar je je voor schaamt?", "Waar ben je trots op als ouder? Is er iets waar je liever niet over praat?"},
		{"Wat verwacht je van anderen? En wat geef jij hen?", "Wat verwacht je van school en van andere mensen? Wat kun jij zelf geven?"},
		{"Hoe leer je iets nieuws het best?", "Hoe leert je kind het best, denk je? En hoe leer jij?"},
	}},
	{"zingeving", "Zingeving", "geloof, wat echt belangrijk is, goed en fout, een motto", []Question{
		{"Wat vind je echt belangrijk in het leven?", "Wat wil je je kind het liefst meegeven?"},
		{"Speelt geloof of een andere overtuiging een rol bij jou?", "Speelt geloof of een levensovertuiging een rol in jullie gezin?"},
		{"Heb je een zin die je vaak tegen jezelf zegt?", "Is er een zin of spreuk die bij jullie gezin past?"},
		{"Wanneer vind je iets eerlijk, en wanneer niet?", "Wanneer vind je iets eerlijk? Wanneer voel je onrecht?"},
	}},
	{"problematiek", "Wat er moeilijk is", "lastige dingen, hoe iemand ermee omgaat, wat die van hulp verwacht", []Question{
		{"Wat vind je op dit moment moeilijk?", "Wat is er op dit moment moeilijk, voor je kind of voor het gezin?"},
		{"Wat doe je als iets even niet lukt?", "Hoe gaan jullie ermee om als het thuis niet lukt?"},
		{"Wie helpt je dan? Helpt dat ook echt?", "Welke hulp hebben jullie al gehad? Wat hielp, en wat niet?"},
		{"Wat zou je willen dat er verandert?", "Wat hoop je dat school of een hulpverlener voor jullie doet?"},
	}},
	{"kijk", "Hoe iemand kijkt", "hoe iemand naar zichzelf, naar anderen en naar de wereld kijkt; talenten en grenzen", []Question{
		{"Hoe zou je jezelf beschrijven aan iemand die je niet kent?", "Hoe zou je je kind beschrijven aan iemand die het niet kent?"},
		{"Waar ben je goed in? Wat lukt minder goed?", "Waar is je kind goed in? Waar loopt het tegenaan?"},
		{"Hoe denk je dat anderen naar je kijken?", "Hoe denk je dat school naar jullie gezin kijkt?"},
		{"Hoe is de wereld om je heen: vriendelijk, streng, oneerlijk?", "Helpt de wereld om jullie heen, of zit die jullie in de weg?"},
	}},
	{"emoties", "Gevoelens", "welke gevoelens vaak komen, wat blij of verdrietig maakt, wat helpt als het te veel wordt", []Question{
		{"Welk gevoel heb je vaak?", "Welke gevoelens zie je vaak bij je kind? En bij jezelf?"},
		{"Wanneer word je boos of verdrietig?", "Wanneer wordt je kind boos of verdrietig?"},
		{"Wat doe je als het je te veel wordt?", "Wat doet je kind als het te veel wordt? En wat doe jij dan?"},
		{"Wat helpt je om weer rustig te worden?", "Wat helpt om thuis de rust terug te krijgen?"},
	}},
	{"netwerk", "Mensen om je heen", "vrienden, wie belangrijk is, wie je vertrouwt, bij wie je terechtkunt, helden", []Question{
		{"Wie is je beste vriend of vriendin?", "Met wie gaat je kind graag om?"},
		{"Bij wie kun je terecht als je raad of troost nodig hebt?", "Bij wie kun jij terecht als je raad of steun nodig hebt?"},
		{"Wie vertrouw je echt?", "Wie vertrouw je echt, in de familie of daarbuiten?"},
		{"Heb je een voorbeeld, iemand naar wie je opkijkt?", "Naar wie kijkt je kind op, denk je?"},
	}},
	{"media", "Media en informatie", "waar iemand dingen te weten komt, sociale media, wat er online gebeurt", []Question{
		{"Welke apps of sites gebruik je het meest?", "Hoe gebruikt je kind de telefoon en sociale media?"},
		{"Waar zoek je iets op als je iets wilt weten?", "Waar haal jij informatie vandaan, over opvoeden of over school?"},
		{"Gebeurt er online weleens iets dat je raakt, leuk of naar?", "Maak je je zorgen over wat je kind online meemaakt?"},
	}},
}
