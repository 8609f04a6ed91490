package teams

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// The new-page template and Prompts say the same: the editor shows the template's questions
// and the team page shows Prompts.
func TestTemplateMatchesPrompts(t *testing.T) {
	tmpl := string(template)
	for _, p := range Prompts {
		want := fmt.Sprintf("## %d. %s\n_%s_\n", p.Number, p.Title, p.Question)
		if !strings.Contains(tmpl, want) {
			t.Errorf("template.md lacks %q", want)
		}
		if len(p.Asks) == 0 {
			t.Errorf("prompt %d has no smaller questions", p.Number)
		}
	}
	sh := ReadSheet(template)
	if sh.Filled() != 0 || len(sh.OwnRules) != 0 || sh.Composition.Text != "" || len(sh.Other) != 0 {
		t.Errorf("an empty template reads as filled in: %+v", sh)
	}
	for i, a := range sh.Answers {
		if a.Heading == "" || a.Prompt.Number != i {
			t.Errorf("answer %d: %+v", i, a)
		}
	}
}

// The starter page explains every rule and leaves "Onze afspraak: …" open.
func TestStarterPageIsAnEmptyWorksheet(t *testing.T) {
	data, err := Library.ReadFile("library/ons-team.md")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _, err := wiki.Split(data)
	if err != nil {
		t.Fatal(err)
	}
	sh := ReadSheet(body)
	if sh.Filled() != 0 || len(sh.OwnRules) != 0 || sh.Composition.Text != "" {
		t.Errorf("the starter page reads as filled in: %d answers, rules %q, composition %q", sh.Filled(), sh.OwnRules, sh.Composition.Text)
	}
	if !strings.HasPrefix(sh.Intro, "Welkom!") || !strings.Contains(sh.Answers[1].Explain, "kwetsbaar") ||
		!strings.Contains(sh.Composition.Explain, "Wie coördineert") || !strings.Contains(sh.OwnExplain, "Wat hebben jullie nog meer nodig?") {
		t.Errorf("explanations lost: intro %q, 1 %q, composition %q, own %q", sh.Intro, sh.Answers[1].Explain, sh.Composition.Explain, sh.OwnExplain)
	}
	if len(sh.Other) != 0 {
		t.Errorf("unknown sections in the starter page: %+v", sh.Other)
	}
}

func TestReadSheet(t *testing.T) {
	body := "Ons team van De Springplank.\n\n" +
		"## 1. Veiligheid en vertrouwen\n_Wat blijft binnen het team? Hoe maken we het veilig om iets te zeggen?_\n" +
		"Wat hier gezegd wordt, blijft hier.\n\nWe noemen geen achternamen.\n\n" +
		"## Verwachtingen\nIedereen komt met eigen woorden.\n_Onze afspraak:_ We vragen door als een woord vaag is.\n" +
		"## 3) Autonomie, macht en keuzes\n**Onze afspraak:**\n- De leerling leest het portret als eerste.\n" +
		"## 2. Openheid en schaamte\n_Onze afspraak:_ …\n" +
		"## Onze eigen spelregels\nWat hebben jullie nog meer nodig?\n\n1. We beginnen op tijd.\n2. Telefoons gaan weg,\n   ook die van de coördinator.\n3. …\n- Koffie mag.\n" +
		"## Wie zitten er in het team?\n_Onze afspraak:_ Wij met z'n vieren; de ouders schuiven aan.\n" +
		"## Afspraken met de ouders\nZe krijgen alles te lezen.\n```\n## geen kopje\n```\n" +
		"## 1. Veiligheid, nog een keer\nDubbel.\n"
	sh := ReadSheet([]byte(body))
	if sh.Intro != "Ons team van De Springplank.\n" {
		t.Errorf("intro %q", sh.Intro)
	}
	for _, tt := range []struct {
		n                      int
		heading, explain, text string
	}{
		{0, "", "", ""},
		{1, "1. Veiligheid en vertrouwen", "", "Wat hier gezegd wordt, blijft hier.\n\nWe noemen geen achternamen.\n"},
		{2, "2. Openheid en schaamte", "", ""},
		{3, "3) Autonomie, macht en keuzes", "", "- De leerling leest het portret als eerste.\n"},
		{4, "", "", ""},
		{5, "Verwachtingen", "Iedereen komt met eigen woorden.\n", "We vragen door als een woord vaag is.\n"},
	} {
		a := sh.Answers[tt.n]
		if a.Heading != tt.heading || a.Explain != tt.explain || a.Text != tt.text {
			t.Errorf("answer %d = {%q %q %q}, want {%q %q %q}", tt.n, a.Heading, a.Explain, a.Text, tt.heading, tt.explain, tt.text)
		}
	}
	if sh.Filled() != 3 {
		t.Errorf("Filled = %d, want 3", sh.Filled())
	}
	wantRules := []string{"We beginnen op tijd.", "Telefoons gaan weg, ook die van de coördinator.", "Koffie mag."}
	if !slices.Equal(sh.OwnRules, wantRules) || sh.OwnExplain != "Wat hebben jullie nog meer nodig?\n" {
		t.Errorf("own rules %q, explain %q", sh.OwnRules, sh.OwnExplain)
	}
	if sh.Composition.Text != "Wij met z'n vieren; de ouders schuiven aan.\n" {
		t.Errorf("composition %q", sh.Composition.Text)
	}
	wantOther := []Section{
		{"Afspraken met de ouders", "Ze krijgen alles te lezen.\n```\n## geen kopje\n```\n"},
		{"1. Veiligheid, nog een keer", "Dubbel.\n"},
	}
	if !slices.Equal(sh.Other, wantOther) {
		t.Errorf("other sections %q", sh.Other)
	}
}

func TestReadSheetEmpty(t *testing.T) {
	sh := ReadSheet(nil)
	if sh.Intro != "" || sh.Filled() != 0 || len(sh.Answers) != len(Prompts) {
		t.Errorf("empty body: %+v", sh)
	}
}
