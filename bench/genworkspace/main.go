// Command genworkspace writes a generated workspace folder for benchmarks: portraits, casussen
// and frames in realistic Dutch, linked to the starter library's themes. The output is
// deterministic for a given -seed, so runs can be compared.
//
//	go run ./bench/genworkspace -n 10000 -out /tmp/ws
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var themeSlugs = []string{"veiligheid", "vertrouwen", "duidelijkheid", "onzekerheid", "angst", "spanning", "rust",
	"zelfbeeld", "zelfvertrouwen", "identiteit", "schaamte", "trots", "gezien-worden", "waardering", "weerbaarheid",
	"verbondenheid", "eenzaamheid", "erbij-horen", "loyaliteit", "betrokkenheid", "steun-en-troost", "verlies",
	"autonomie", "macht", "machteloosheid", "invloed", "keuzes-maken", "verantwoordelijkheid", "rechtvaardigheid",
	"ambitie", "hoop", "motivatie", "plezier", "verlangen", "moed", "verwachtingen",
	"openheid", "vergeving", "straf", "frustratie"}

var names = []string{"Sam", "Noor", "Daan", "Aya", "Milan", "Sara", "Finn", "Lina", "Youssef", "Emma", "Bram", "Ilse", "Mo", "Zoë", "Jesse"}

var sentences = []string{
	"%s komt 's ochtends vaak te laat en zegt dan niets.",
	"Thuis is het druk: er zijn drie kinderen en mama werkt in ploegen.",
	"Op het voetbalveld is %s een ander kind, vrolijk en fel.",
	"In de klas kijkt %s veel naar buiten en schrijft weinig op.",
	"Met opa gaat %s op zaterdag vissen; dat is het fijnste moment van de week.",
	"Als de juf iets vraagt, kleurt %s rood en haalt de schouders op.",
	"De kinderen op het plein laten %s vaak alleen staan.",
	"%s wil later dierenarts worden, maar denkt dat dat toch niet lukt.",
	"Over de ruzies thuis wil %s niet praten.",
	"Als het te veel wordt, trekt %s de capuchon over het hoofd.",
	"Sinds de verhuizing mist %s de oude buurt en de vrienden daar.",
	"Papa belt elke zondag, maar komt de laatste tijd niet meer langs.",
	"In de pauze zit %s het liefst in de bibliotheek met een stripboek.",
	"De mentor merkt dat %s opleeft als er ruimte is om iets te maken.",
}

func main() {
	n := flag.Int("n", 10000, "number of pages")
	out := flag.String("out", "", "output folder (must not exist)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		log.Fatal("genworkspace: -out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("genworkspace: %s exists", *out)
	}
	r := rand.New(rand.NewPCG(*seed, 42))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	write := func(p, content string) {
		full := filepath.Join(*out, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("teams/team-bench.md", "---\ntitle: Benchteam\nkind: team\nmembers: [{name: Mentor, role: mentor}]\n---\nBenchmarkteam.\n")
	// Per casus: two portraits, one frame and the casus page itself.
	for i := 0; i*4 < *n; i++ {
		name := pick(names)
		caseSlug := fmt.Sprintf("casus-%05d", i)
		p1, p2, fr := fmt.Sprintf("portret-%05d", i), fmt.Sprintf("portret-ouder-%05d", i), fmt.Sprintf("frame-%05d", i)
		themes := []string{pick(themeSlugs), pick(themeSlugs), pick(themeSlugs), pick(themeSlugs)}
		themes = dedupe(themes)
		body := func() string {
			var b strings.Builder
			for p := 0; p < 4; p++ {
				for s := 0; s < 5; s++ {
					line := strings.ReplaceAll(pick(sentences), "%s", name)
					if s == 2 {
						line += fmt.Sprintf(" Dat heeft te maken met [[%s]].", pick(themes))
					}
					b.WriteString(line + " ")
				}
				b.WriteString("\n\n")
			}
			return b.String()
		}
		write("portraits/"+p1+".md", fmt.Sprintf("---\ntitle: %s (%d)\nkind: portrait\nteam: team-bench\ncases: [%s]\nstatus: besproken\n---\n%s", name, i, caseSlug, body()))
		write("portraits/"+p2+".md", fmt.Sprintf("---\ntitle: Ouder van %s (%d)\nkind: portrait\nteam: team-bench\ncases: [%s]\nsubject: ouder\n---\n%s", name, i, caseSlug, body()))
		write("frames/"+fr+".md", fmt.Sprintf("---\ntitle: Werken aan %s\nkind: frame\nteam: team-bench\nthemes: [%s]\nstatus: verkend\n---\nWe werken aan [[%s]] zodat %s weer ruimte voelt.\n", themes[0], strings.Join(themes[:2], ", "), themes[0], name))
		write("cases/"+caseSlug+".md", fmt.Sprintf("---\ntitle: %s (casus %d)\nkind: case\nteam: team-bench\nportraits: [%s, %s]\nthemes: [%s]\nframes: [%s]\nactions:\n  - {what: Gesprek met de mentor, who: mentor, where: school, frame: %s}\n---\nWe maken ons zorgen over %s.\n", name, i, p1, p2, strings.Join(themes, ", "), fr, fr, name))
	}
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
