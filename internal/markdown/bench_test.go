package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// benchSentences read like a portrait written by a team; {} marks where a wiki link goes.
var benchSentences = []string{
	"Sam is elf jaar en zit in groep 7 van basisschool De Springplank.",
	"Op school is hij stil, maar op het voetbalveld praat hij honderduit met zijn vrienden.",
	"Zijn moeder vertelt dat hij thuis weinig over school zegt en vooral over {} praat.",
	"De mentor ziet dat Sam zich terugtrekt zodra er in de klas hardop wordt voorgelezen.",
	"Volgens de intern begeleider speelt {} hierbij een grote rol, bijv. bij het voorlezen.",
	"Sam zegt zelf: \"Ik wil gewoon niet dat ze me uitlachen.\"",
	"In gesprekken met het zorgteam kwam naar voren dat {} en {} nauw met elkaar samenhangen.",
	"Zijn oma woont sinds kort bij het gezin in, wat thuis voor meer onrust zorgt.",
	"Na schooltijd gaat hij twee keer per week naar de judoclub, waar hij zich op zijn gemak voelt.",
	"De leerkracht merkt dat hij beter meedoet als hij van tevoren weet wat er gaat gebeuren.",
	"We willen samen met Sam en zijn ouders kijken hoe {} op school meer ruimte kan krijgen.",
	"Het is belangrijk dat dit portret door Sam herkend wordt voordat we verder gaan.",
}

var benchTargets = []string{
	"schaamte", "themes/veiligheid|zich veilig voelen", "zelfvertrouwen", "portraits/sam|Sam",
	"ontspanning", "frames/zelfvertrouwen-via-sport|sport als ingang", "erbij-horen", "theme/openheid",
}

// benchPage builds a ~2,000-word Dutch portrait with headings, a list, a table and ~20 wiki links.
func benchPage() string {
	var b strings.Builder
	b.WriteString("# Leefwereldportret van Sam\n\n")
	link, words := 0, 0
	for section := 1; words < 2000; section++ {
		fmt.Fprintf(&b, "## Gesprek %d: wat vertelt Sam?\n\n", section)
		for p := 0; p < 3 && words < 2000; p++ {
			for s := range 6 {
				sent := benchSentences[(section*7+p*3+s)%len(benchSentences)]
				for strings.Contains(sent, "{}") {
					l := "[[" + benchTargets[link%len(benchTargets)] + "]]"
					if link >= 20 {
						l = "dit"
					}
					sent = strings.Replace(sent, "{}", l, 1)
					link++
				}
				words += len(strings.Fields(sent))
				b.WriteString(sent)
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		b.WriteString("- Wat gaat goed: *sport* en **vrienden**\n- Wat is lastig: voorlezen in de klas\n\n")
		b.WriteString("| Wie | Wat |\n|---|---|\n| mentor | gesprek plannen |\n| ouders | judo bespreken |\n\n")
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	src := []byte(benchPage())
	r := New()
	doc, err := r.Render(src, testResolve)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(src, testResolve); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(strings.Fields(doc.Text))), "words")
	b.ReportMetric(float64(len(doc.Links)), "links")
}

func BenchmarkExtract(b *testing.B) {
	src := []byte(benchPage())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(src)
	}
}
