package themes

import (
	"reflect"
	"strings"
	"testing"
)

// Every angle finds its heading and question in the template: the editor's prompts and the
// theme view's invitations depend on it.
func TestAnglesComeFromTheTemplate(t *testing.T) {
	all := append([]*Angle{AspectsAngle, DynamicsAngle, SourcesAngle}, Dynamics...)
	for _, a := range append(all, Sources...) {
		if a.Heading == "" || a.Question == "" {
			t.Errorf("angle %s: heading %q, question %q", a.Key, a.Heading, a.Question)
		}
	}
	if got := Sources[2].Invitation(); got != "Nog niets bij kunst: welk schilderij, lied, boek of welke film past hierbij?" {
		t.Errorf("invitation for kunst: %q", got)
	}
	if got := Dynamics[0].Invitation(); !strings.HasPrefix(got, "Nog niets ingevuld. Wat laat het groeien") {
		t.Errorf("invitation for a dynamic: %q", got)
	}
}

// A page made from the template has no research yet: every angle is empty, and the rest keeps
// the other sections.
func TestTemplateIsEmptyResearch(t *testing.T) {
	r := ParseResearch(template)
	for key, text := range r.parts {
		t.Errorf("angle %s is not empty: %q", key, text)
	}
	rest := string(r.Rest)
	for _, want := range []string{"## Wat is het?", "## Hoe zie je het?", "## Om over door te praten"} {
		if !strings.Contains(rest, want) {
			t.Errorf("rest lacks %q:\n%s", want, rest)
		}
	}
	for _, gone := range []string{"Wat zit erachter", "Bronnen", "### ", "Welke kanten"} {
		if strings.Contains(rest, gone) {
			t.Errorf("rest still holds %q:\n%s", gone, rest)
		}
	}
}

func TestParseResearch(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       map[string]string
		rest       string
	}{
		{
			name: "sections by heading",
			body: "Intro.\n\n## Wat zit erachter?\nAlgemeen.\n\n### Wat maakt het groter?\nGeld.\n\n### Een beetje of heel veel?\nVeel is zwaar.\n\n" +
				"## Bronnen en ideeën\n### Kunst (een lied)\nHet lied.\n\n### Citaten\n> Een citaat.\n\n## Om over door te praten\n- Vraag?\n",
			want: map[string]string{"dynamiek": "Algemeen.\n", "groter-kleiner": "Geld.\n", "intensiteit": "Veel is zwaar.\n",
				"kunst": "Het lied.\n", "citaten": "> Een citaat.\n"},
			rest: "Intro.\n\n## Om over door te praten\n- Vraag?\n",
		},
		{
			name: "a source at level 2, in another order",
			body: "## Kunst\nDe schreeuw.\n## Lees ook\n[[openheid]]\n",
			want: map[string]string{"kunst": "De schreeuw.\n"},
			rest: "## Lees ook\n[[openheid]]\n",
		},
		{
			name: "an unknown sub-heading stays in its section; a deeper known one is not an angle",
			body: "## Bronnen en ideeën\nAlgemeen.\n### Muziek\nEen lied.\n### Kunst\nEen film.\n#### Citaten\nNog steeds kunst.\n",
			want: map[string]string{"bronnen": "Algemeen.\n### Muziek\nEen lied.\n", "kunst": "Een film.\n#### Citaten\nNog steeds kunst.\n"},
		},
		{
			name: "an unknown heading at the same level ends an angle",
			body: "## Bronnen en ideeën\n### Kunst\nEen film.\n## Nog iets\nTekst.\n",
			want: map[string]string{"kunst": "Een film.\n"},
			rest: "## Nog iets\nTekst.\n",
		},
		{
			name: "list items of the first template",
			body: "## Bronnen en ideeën\n_Verzamel wat je helpt om het thema beter te snappen:_\n" +
				"- _Wetenschap (een goed handboek werkt vaak beter dan één los onderzoek):_\n" +
				"- _Kunst (een schilderij, lied, film, boek):_ De schreeuw van Munch\n" +
				"  en een lied van Typhoon.\n" +
				"- Citaten: \"Schaamte maakt stil.\"\n" +
				"- Een boek dat ik nog moet lezen.\n",
			want: map[string]string{"kunst": "De schreeuw van Munch\nen een lied van Typhoon.\n",
				"citaten": "\"Schaamte maakt stil.\"\n", "bronnen": "- Een boek dat ik nog moet lezen.\n"},
		},
		{
			name: "headings in fenced code are text",
			body: "## Kunst\n```\n## Citaten\n```\nNa de code.\n",
			want: map[string]string{"kunst": "```\n## Citaten\n```\nNa de code.\n"},
		},
		{
			name: "a heading with closing hashes and leading spaces",
			body: "  ### Filosofie ###\nSartre.\n",
			want: map[string]string{"filosofie": "Sartre.\n"},
		},
		{
			name: "words that only start alike are not an angle",
			body: "## Kunstgrepen\nTekst.\n## Ervaringen van ouders\nMeer.\n",
			rest: "## Kunstgrepen\nTekst.\n## Ervaringen van ouders\nMeer.\n",
		},
		{
			name: "an italic line that is not the template's prompt is content",
			body: "## Citaten\n_Wie zich schaamt, verstopt zich._\n",
			want: map[string]string{"citaten": "_Wie zich schaamt, verstopt zich._\n"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ParseResearch([]byte(tt.body))
			got := map[string]string{}
			for k, v := range r.parts {
				got[k] = string(v)
			}
			if tt.want == nil {
				tt.want = map[string]string{}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parts:\n got %q\nwant %q", got, tt.want)
			}
			if string(r.Rest) != tt.rest {
				t.Errorf("rest:\n got %q\nwant %q", r.Rest, tt.rest)
			}
			for k := range tt.want {
				if !r.Filled(k) || len(r.Text(k)) == 0 {
					t.Errorf("Filled(%s) false", k)
				}
			}
		})
	}
}

// The starter library keeps working: its "Wat zit erachter?" prose is the dynamics text.
func TestLibraryPageResearch(t *testing.T) {
	data, err := Library.ReadFile("library/schaamte.md")
	if err != nil {
		t.Fatal(err)
	}
	r := ParseResearch(data)
	if !strings.HasPrefix(string(r.Text("dynamiek")), "Schaamte en [[openheid]] trekken aan elkaar.") {
		t.Errorf("dynamics: %q", r.Text("dynamiek"))
	}
	for _, key := range []string{"wetenschap", "filosofie", "kunst", "synoniemen"} {
		if !r.Filled(key) {
			t.Errorf("the library's schaamte has nothing under %s", key)
		}
	}
	if r.Filled("eigen-ervaring") {
		t.Error("eigen ervaring is for the team to fill in")
	}
	if strings.Contains(string(r.Rest), "trekken aan elkaar") || strings.Contains(string(r.Rest), "Masaccio") || !strings.Contains(string(r.Rest), "## Hoe zie je het?") {
		t.Errorf("rest:\n%s", r.Rest)
	}
}
