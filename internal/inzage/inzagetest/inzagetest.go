// Package inzagetest builds the workspace the inzage tests bundle: one casus with its portraits,
// the team's own frame, a frame of another team shared on its board, a starter-library frame,
// consent records, an attachment and several commits, beside a casus about another pupil. The
// inzage package and the command's tests share it.
package inzagetest

import (
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// Casus is the slug of the casus to bundle.
const Casus = "noor-groep-6"

// PortraitSentences are every sentence of the portraits about Noor (their final versions): each
// must be in the bundle.
var PortraitSentences = []string{
	"Noor staat elke ochtend om zes uur op om haar broertje aan te kleden.",
	"Op school zit ze het liefst bij het raam, waar ze de fietsenstalling kan zien.",
	`"Ik ben niet lui, ik ben moe."`,
	"Ze tekent graag paarden.",
	"Haar vader werkt in ploegendienst bij de haven.",
	"Hij wil graag dat Noor op zwemles gaat.",
	"Thuis slapen Noor en haar broertje samen op een kamer.",
}

// Outside are sentences that must not be in the bundle: the other team's frame, and the pages
// about another pupil.
var Outside = []string{
	"Kinderen helpen elkaar in de klas met lezen.",
	"Sam bouwt hutten in het bos achter de sporthal.",
	"Sam wil later boswachter worden.",
	"SAM-TEKENING-PIXELS",
}

// Attachment is the picture in Noor's portrait.
const Attachment = "media/noor/paard.png"

// ExternalLink is the website Noor's portrait links to: it must be text in the bundle, not a link.
const ExternalLink = "https://example.org/bieb"

// Authors of the fixture's commits.
var (
	Anna  = store.Author{Name: "Anna de Vries", Email: "anna@school.invalid"}
	Karim = store.Author{Name: "Karim", Email: "karim@school.invalid"}
)

// Messages are commit messages about Noor's pages; each must be in the bundle's history.
var Messages = []string{"Gesprek met Noor verwerkt", "Portret aangevuld na huisbezoek", "Tekening van Noor toegevoegd"}

const noorV1 = `---
title: Noor, 10 jaar
team: ons-team
cases: [noor-groep-6]
subject: jongere
status: besproken
---
## Een gewone dag
Noor staat elke ochtend om zes uur op om haar broertje aan te kleden.
`

const noorV2 = `---
title: Noor, 10 jaar
team: ons-team
cases: [noor-groep-6]
subject: jongere
status: herkend
recognized: {by: Noor, on: 2026-10-02, remarks: "Ja, dat ben ik."}
punctum: "Ze draagt altijd de sjaal van haar oma."
domains: [school, gezin]
---
## Een gewone dag
Noor staat elke ochtend om zes uur op om haar broertje aan te kleden.
Op school zit ze het liefst bij het raam, waar ze de fietsenstalling kan zien.

## Wat ze zelf zegt
"Ik ben niet lui, ik ben moe." Ze tekent graag paarden.

![Tekening van een paard](/media/noor/paard.png)

Ze leent boeken bij de [bibliotheek](https://example.org/bieb) en zwijgt over thuis, uit [[schaamte]]. Zie ook [[vader-van-noor]] en [[sam]].
`

const vader = `---
title: Vader van Noor
team: ons-team
subject: ouder
---
Haar vader werkt in ploegendienst bij de haven. Hij wil graag dat Noor op zwemles gaat.
`

const thuis = `---
title: Noor thuis
team: ons-team
cases: [noor-groep-6]
subject: gezin
---
Thuis slapen Noor en haar broertje samen op een kamer.
`

const ownFrame = `---
title: Rustig de dag beginnen
team: ons-team
themes: [rust, verantwoordelijkheid]
status: gekozen
---
Noor begint de schooldag zonder haast, en mag even bijkomen voor de les begint.
`

const otherFrame = `---
title: Samen sterk
team: ander-team
themes: [verbondenheid]
visibility: gedeeld
---
Kinderen helpen elkaar in de klas met lezen.
`

const otherTeam = `---
title: Ander team
kind: team
---
Het team van de andere locatie.
`

const casus = `---
title: Noor (groep 6)
team: ons-team
status: open
portraits: [noor, vader-van-noor, oma-van-noor]
themes:
  - {slug: schaamte, why: Noor vertelt op school niets over thuis}
  - {slug: verantwoordelijkheid, why: "Ze zorgt 's ochtends voor haar broertje"}
  - rust
frames: [rustig-de-dag-beginnen, samen-sterk, een-volwassene-die-blijft]
actions:
  - {what: Later beginnen op dinsdag, who: mentor, where: school, when: 2026-11-01, frame: rustig-de-dag-beginnen, status: bezig}
consent:
  - {by: vader, for: portret delen met de schoolarts, date: 2026-10-01, until: 2027-10-01}
  - {by: moeder, for: foto's in het portret, date: 2026-10-01, withdrawn: 2026-12-01}
keep-until: 2029-08-01
---
## Waar maken we ons zorgen over?
Noor komt vaak te laat en valt in de klas in slaap.
`

const sam = `---
title: Sam, 11 jaar
team: ons-team
cases: [sam-groep-7]
---
Sam bouwt hutten in het bos achter de sporthal.

![hut](/media/sam/hut.png)
`

const samCase = `---
title: Sam (groep 7)
team: ons-team
portraits: [sam]
frames: [samen-sterk]
---
Sam wil later boswachter worden.
`

// Build makes the workspace in data and closes it.
func Build(t testing.TB, data string) {
	t.Helper()
	w, err := workspace.Create(data)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	when := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	step := 0
	at := func(a store.Author) store.Author {
		step++
		a.When = when.Add(time.Duration(step) * 24 * time.Hour)
		return a
	}
	save := func(a store.Author, path, content, msg string) {
		t.Helper()
		ref, err := wiki.RefFromPath(path)
		if err != nil {
			t.Fatal(err)
		}
		base := ""
		if f, err := w.Store.Read(path, ""); err == nil {
			base = f.Blob
		}
		if _, probs, err := w.Save(ref, []byte(content), base, at(a), msg); err != nil {
			t.Fatalf("save %s: %v %v", path, err, probs)
		}
	}
	attach := func(a store.Author, dir, name, data, msg string) {
		t.Helper()
		if _, _, err := w.Store.Attach(dir, name, []byte(data), at(a), msg); err != nil {
			t.Fatal(err)
		}
	}
	save(Anna, "teams/ander-team.md", otherTeam, "")
	save(Karim, "frames/samen-sterk.md", otherFrame, "")
	save(Anna, "portraits/noor.md", noorV1, Messages[0])
	save(Karim, "portraits/vader-van-noor.md", vader, "")
	save(Anna, "frames/rustig-de-dag-beginnen.md", ownFrame, "")
	save(Anna, "cases/noor-groep-6.md", casus, "")
	save(Karim, "portraits/sam.md", sam, "")
	attach(Karim, "media/sam", "hut.png", "\x89PNG\r\n\x1a\nSAM-TEKENING-PIXELS", "")
	save(Karim, "cases/sam-groep-7.md", samCase, "")
	attach(Anna, "media/noor", "paard.png", "\x89PNG\r\n\x1a\nNOOR-PAARD-PIXELS", Messages[2])
	save(Karim, "portraits/noor.md", noorV2, Messages[1])
	save(Anna, "portraits/noor-thuis.md", thuis, "")
}
