package web

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

var (
	inputRe    = regexp.MustCompile(`<input ([^>]*)>`)
	attrRe     = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
	textareaAn = regexp.MustCompile(`(?s)<textarea id="[^"]*" name="([^"]+)"[^>]*>\n?(.*?)</textarea>`)
)

// editForm reads the edit form of a page as a browser would submit it: hidden and text
// fields, ticked checkboxes and radio buttons, and textareas; without the CSRF token, which
// a.post adds.
func browserForm(t *testing.T, body string) url.Values {
	t.Helper()
	start := strings.Index(body, `<form class="edit-form"`)
	end := strings.Index(body[max(start, 0):], "</form>")
	if start < 0 || end < 0 {
		t.Fatalf("no edit form in:\n%.2000s", body)
	}
	form := body[start : start+end]
	vals := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(form, -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(m[1], -1) {
			attrs[a[1]] = html.UnescapeString(a[2])
		}
		_, checked := attrs["checked"]
		switch {
		case attrs["name"] == "" || attrs["name"] == "_csrf":
		case (attrs["type"] == "checkbox" || attrs["type"] == "radio") && !checked:
		default:
			vals.Add(attrs["name"], attrs["value"])
		}
	}
	for _, m := range textareaAn.FindAllStringSubmatch(form, -1) {
		vals.Set(m[1], html.UnescapeString(m[2]))
	}
	return vals
}

// message is the newest commit message of a page.
func (a *testApp) message(path string) string {
	a.t.Helper()
	hist, err := a.ws.Store.History(path)
	if err != nil || len(hist) == 0 {
		a.t.Fatalf("history of %s: %v", path, err)
	}
	return hist[0].Message
}

func TestPortraitEditorShowsFieldsAndTopics(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	_, body := a.get("/portraits/sam/bewerken")
	mustContain(t, "editor", body,
		`<legend>Het punctum</legend>`,
		`<textarea id="veld-punctum" name="punctum" rows="2" lang="nl" spellcheck="true" aria-describedby="punctum-uitleg">Hij bewaart zijn zwemdiploma in zijn schooltas.</textarea>`,
		`data-punctum-from="tekst" data-punctum-to="veld-punctum">Dit is het punctum</button>`,
		`<input type="checkbox" id="domein-school" name="domein" value="school">`,
		`<label for="domein-gezin">Gezin en familie <span class="hint-text">(ouders, broers en zussen, opa en oma)</span></label>`,
		`<input type="radio" id="status-besproken" name="status" value="besproken" checked>`,
		`<legend>Herkent de persoon zich hierin?</legend>`, `name="herkend-door"`, `name="herkend-op"`,
		// The questions for a pupil come first, the ones for a parent are folded away.
		`<h2 id="gesprek-kop">Onderwerpen voor het gesprek</h2>`,
		`<div class="interview-variant" data-variant="jongere">`, `<summary>Bekijk ook de vragen met een ouder</summary>`,
		`<li data-question>Waar word je blij van?</li>`, `<summary>Mensen om je heen</summary>`,
		`<dd data-question>Hoe is het bij jou thuis? Heb je een eigen plek?</dd>`,
	)
	if strings.Index(body, `data-variant="jongere"`) > strings.Index(body, `data-variant="ouder"`) {
		t.Error("the pupil's questions do not come first for a pupil's portrait")
	}
	// A portrait of a parent starts with the questions for a parent.
	mother := strings.Replace(strings.Replace(samPortrait, "subject: jongere", "subject: ouder", 1), "title: Sam, 11 jaar", "title: Moeder van Sam", 1)
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Portrait, Slug: "moeder-van-sam"}, []byte(mother), "", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/portraits/moeder-van-sam/bewerken")
	if i, j := strings.Index(body, `data-variant="ouder"`), strings.Index(body, `data-variant="jongere"`); i < 0 || j < 0 || i > j {
		t.Error("the parent's questions do not come first for a parent's portrait")
	}
	mustContain(t, "parent", body, `<summary>Bekijk ook de vragen met een leerling</summary>`,
		`<li data-question>Waar maak je je zorgen over, voor je kind of voor jezelf?</li>`)
	// Other kinds have no portrait fields; a team has its six spelregels beside the text.
	_, body = a.get("/teams/ons-team/bewerken")
	if strings.Contains(body, `name="portret-velden"`) || strings.Contains(body, "Onderwerpen voor het gesprek") {
		t.Error("portrait fields on a team's editor")
	}
	mustContain(t, "team editor", body, `<dt>1. Veiligheid en vertrouwen</dt>`, `<li>Wat mag naar buiten, en wat niet?</li>`)
}

func TestPortraitFieldsSave(t *testing.T) {
	t.Parallel() // each test has its own workspace
	for _, tc := range []struct {
		name    string
		change  func(v url.Values)
		want    []string // in the file
		notWant []string
		message string
	}{
		{"punctum from a sentence", func(v url.Values) {
			v.Set("punctum", "Op het voetbalveld is hij de trots van het team.")
		}, []string{"punctum: Op het voetbalveld is hij de trots van het team.\n"}, []string{"zwemdiploma in zijn schooltas.\"\n"},
			"portraits/sam.md bijgewerkt: punctum gemarkeerd"},
		{"domains", func(v url.Values) {
			v["domein"] = []string{"vrienden", "school", "gezin"}
		}, []string{"domains:\n  - school\n  - gezin\n  - vrienden\n"}, nil,
			"portraits/sam.md bijgewerkt: het hele plaatje: school, gezin en familie, vrienden"},
		{"recognised", func(v url.Values) {
			v.Set("status", "herkend")
			v.Set("herkend-door", "Sam")
			v.Set("herkend-op", "21-11-2026")
			v.Set("herkend-opmerking", "Ja, dat ben ik.\r\nAlleen voetbal vind ik niet meer leuk.")
		}, []string{"status: herkend\n", "recognized:\n  by: Sam\n  on: 2026-11-21\n  remarks: |-\n    Ja, dat ben ik.\n    Alleen voetbal vind ik niet meer leuk.\n"},
			[]string{"status: besproken"}, "portraits/sam.md bijgewerkt: status herkend; herkenning vastgelegd"},
		{"discussed, own message", func(v url.Values) {
			v.Set("status", "concept")
			v.Set("bericht", "Terug naar concept")
		}, []string{"status: concept\n"}, nil, "Terug naar concept"},
		{"clear punctum", func(v url.Values) { v.Set("punctum", "  ") }, nil, []string{"punctum"},
			"portraits/sam.md bijgewerkt: punctum weggehaald"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := newTestApp(t)
			withSam(t, a)
			_, body := a.get("/portraits/sam/bewerken")
			form := browserForm(t, body)
			tc.change(form)
			resp, body := a.post("/portraits/sam/bewerken", form)
			if resp.StatusCode != 303 || resp.Header.Get("Location") != "/portraits/sam?opgeslagen=1" {
				t.Fatalf("save: %d %s\n%.3000s", resp.StatusCode, resp.Header.Get("Location"), body)
			}
			got := a.content("portraits/sam.md")
			mustContain(t, "file", got, tc.want...)
			for _, nw := range tc.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("file still has %q:\n%s", nw, got)
				}
			}
			// Everything the fields do not hold is as it was: the other keys and the text.
			_, samBody, _, _ := wiki.Split([]byte(samPortrait))
			mustContain(t, "rest of the file", got, "title: Sam, 11 jaar\nkind: portrait\nteam: ons-team\ncases: [sam-groep-7]\nsubject: jongere\n",
				"horizon: minder ruzie thuis\n", "---\n"+string(samBody))
			if !strings.HasSuffix(got, string(samBody)) {
				t.Errorf("the text changed:\n%s", got)
			}
			if m := a.message("portraits/sam.md"); m != tc.message {
				t.Errorf("commit message %q, want %q", m, tc.message)
			}
		})
	}
}

// A field nobody touched does not undo what the writer typed in the text, and the fields work
// on top of the normal save: a change made meanwhile by someone else is merged.
func TestPortraitFieldsKeepTextEditsAndMerge(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	_, body := a.get("/portraits/sam/bewerken")
	form := browserForm(t, body)
	// Meanwhile someone else adds a line at the end.
	other := samPortrait + "\nZijn oma woont om de hoek.\n"
	f, _ := a.ws.Store.Read("portraits/sam.md", "")
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, []byte(other), f.Blob, fixedAuthor, "oma"); err != nil {
		t.Fatal(err)
	}
	// The writer changes the punctum in the text, and ticks two domains.
	form.Set("tekst", strings.Replace(form.Get("tekst"), `punctum: "Hij bewaart zijn zwemdiploma in zijn schooltas."`, `punctum: "Hij fietst alleen."`, 1))
	form["domein"] = []string{"school", "wonen"}
	resp, body := a.post("/portraits/sam/bewerken", form)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/portraits/sam?samengevoegd=1" {
		t.Fatalf("save: %d %s\n%.3000s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	got := a.content("portraits/sam.md")
	mustContain(t, "merged", got, `punctum: "Hij fietst alleen."`, "domains:\n  - wonen\n  - school\n", "Zijn oma woont om de hoek.")
}

func TestPortraitFieldsBadInput(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	for _, tc := range []struct {
		name   string
		change func(v url.Values)
		wants  []string
	}{
		{"no such day", func(v url.Values) {
			v.Set("status", "herkend")
			v.Set("herkend-door", "Sam")
			v.Set("herkend-op", "31-02-2026")
			v.Set("herkend-opmerking", "Ja, dat ben ik.")
		}, []string{`&#34;31-02-2026&#34; is geen datum. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 21-11-2026.`, `href="#herkend-op"`,
			`name="herkend-op" type="text" inputmode="numeric" value="31-02-2026"`, `value="Sam"`, `>Ja, dat ben ik.</textarea>`,
			`<input type="radio" id="status-herkend" name="status" value="herkend" checked>`}},
		{"not a date at all", func(v url.Values) {
			v.Set("herkend-door", "Sam")
			v.Set("herkend-op", "gisteren")
		}, []string{`&#34;gisteren&#34; is geen datum.`, `value="gisteren"`}},
		{"herkend without who", func(v url.Values) { v.Set("status", "herkend") },
			[]string{"Je kiest herkend. Schrijf dan ook op wie het portret herkende.", `href="#herkend-door"`}},
		{"a remark without who", func(v url.Values) { v.Set("herkend-opmerking", "Klopt wel.") },
			[]string{"Schrijf op wie het portret herkende, of maak de datum en de opmerking leeg.", ">Klopt wel.</textarea>"}},
		{"unknown domain", func(v url.Values) { v["domein"] = []string{"school", "thuissituatie"} },
			[]string{"&#34;thuissituatie&#34; is geen leefgebied dat we kennen.", `value="thuissituatie" checked`, `value="school" checked`}},
		{"unknown status", func(v url.Values) { v.Set("status", "klaar") },
			[]string{"Kies hoe ver het portret is: concept, besproken of herkend."}},
		{"broken front matter with a changed field", func(v url.Values) {
			v.Set("tekst", strings.Replace(v.Get("tekst"), "cases: [sam-groep-7]", "cases: [sam-groep-7", 1))
			v.Set("punctum", "Een nieuw punctum.")
		}, []string{"De gegevens bovenaan de tekst kloppen nog niet", "cases: [sam-groep-7\n", ">Een nieuw punctum.</textarea>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := a.head()
			_, body := a.get("/portraits/sam/bewerken")
			form := browserForm(t, body)
			form.Set("tekst", strings.Replace(form.Get("tekst"), "Sam fietst", "Mijn nieuwe zin. Sam fietst", 1))
			tc.change(form)
			resp, body := a.post("/portraits/sam/bewerken", form)
			if resp.StatusCode != 422 {
				t.Fatalf("status %d, want 422\n%.2000s", resp.StatusCode, body)
			}
			mustContain(t, tc.name, body, append(tc.wants, "Er is nog niets opgeslagen", "Mijn nieuwe zin. Sam fietst")...)
			if a.head() != head {
				t.Error("something was committed")
			}
			// The form as shown again still holds what was posted: saving it unchanged gives
			// the same refusal, never a save of half of it.
			again := browserForm(t, body)
			if again.Get("tekst") != form.Get("tekst") || again.Get("herkend-op") != form.Get("herkend-op") ||
				again.Get("was-status") != form.Get("was-status") {
				t.Errorf("the form changed on the way back:\n%v\n%v", again, form)
			}
		})
	}
}

// A form without the portrait's fields (a script that posts only the text) leaves the front
// matter as the text has it.
func TestPortraitSaveWithoutFields(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	f, _ := a.ws.Store.Read("portraits/sam.md", "")
	text := strings.Replace(samPortrait, "status: besproken\n", "status: besproken\ndomains: [school]\n", 1)
	resp, _ := a.post("/portraits/sam/bewerken", url.Values{"tekst": {text}, "base": {f.Blob}})
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if got := a.content("portraits/sam.md"); got != text {
		t.Errorf("file:\n%s\nwant\n%s", got, text)
	}
	if m := a.message("portraits/sam.md"); m != "portraits/sam.md bijgewerkt" {
		t.Errorf("message %q", m)
	}
}

// Clearing every recognition field takes the key away; the fields come back filled from the
// file, the date as people write it.
func TestPortraitRecognitionRoundTrip(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	_, body := a.get("/portraits/sam/bewerken")
	form := browserForm(t, body)
	form.Set("status", "herkend")
	form.Set("herkend-door", "Sam en zijn moeder")
	form.Set("herkend-op", "2026-11-21")
	if resp, body := a.post("/portraits/sam/bewerken", form); resp.StatusCode != 303 {
		t.Fatalf("save: %d\n%.2000s", resp.StatusCode, body)
	}
	_, body = a.get("/portraits/sam/bewerken")
	form = browserForm(t, body)
	if form.Get("herkend-op") != "21-11-2026" || form.Get("was-herkend-op") != "21-11-2026" || form.Get("herkend-door") != "Sam en zijn moeder" {
		t.Errorf("fields after save: %v", form)
	}
	_, view := a.get("/portraits/sam")
	mustContain(t, "view", view, `<section class="recognition recognition--herkend"`,
		"<strong>Ja.</strong> Herkend door Sam en zijn moeder op 21 november 2026.", "Herkenning aanpassen")
	form.Set("status", "besproken")
	form.Set("herkend-door", "")
	form.Set("herkend-op", "")
	if resp, body := a.post("/portraits/sam/bewerken", form); resp.StatusCode != 303 {
		t.Fatalf("clear: %d\n%.2000s", resp.StatusCode, body)
	}
	if got := a.content("portraits/sam.md"); strings.Contains(got, "recognized") || !strings.Contains(got, "status: besproken\n") {
		t.Errorf("after clearing:\n%s", got)
	}
	if m := a.message("portraits/sam.md"); m != "portraits/sam.md bijgewerkt: status besproken; herkenning weggehaald" {
		t.Errorf("message %q", m)
	}
}

func TestPortraitViewShowsDomainsAndRecognition(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	_, body := a.get("/portraits/sam")
	mustContain(t, "nothing ticked", body, `<h2 id="plaatje-kop">Het hele plaatje</h2>`,
		"Nog niet aangevinkt welke delen van het leven in dit portret staan.", `href="/portraits/sam/bewerken#domeinen">Aanvinken wat erin staat</a>`,
		"<strong>Nog niet.</strong> Het team heeft het portret besproken.", `href="/portraits/sam/bewerken#herkenning">Herkenning vastleggen</a>`)
	if strings.Contains(body, "Dit portret is nog niet herkend door wie erin staat") {
		t.Error("the recognition is said twice: as a tip and in its own section")
	}
	f, _ := a.ws.Store.Read("portraits/sam.md", "")
	text := strings.Replace(samPortrait, "status: besproken\n", "status: herkend\nrecognized: {by: Sam, on: 2026-11-21, remarks: \"Ja, dat ben ik.\"}\ndomains: [vrienden, school]\n", 1)
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, []byte(text), f.Blob, fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/portraits/sam")
	mustContain(t, "ticked", body, "<h3>Staat in dit portret</h3>", "<li>School</li>\n<li>Vrienden</li>",
		"<h3>Nog niet in dit portret</h3>", "<li>Wonen</li>", "<li>Hulp en zorg</li>",
		`<blockquote class="recognition-remarks"><p>Ja, dat ben ik.</p></blockquote>`)
	covered := body[strings.Index(body, "Staat in dit portret"):strings.Index(body, "Nog niet in dit portret")]
	if strings.Contains(covered, "Wonen") {
		t.Error("a domain that is not ticked is listed as covered")
	}
}

// A conflict in the text keeps the fields as the writer set them; saving the form from the
// conflict view then goes through with both.
func TestPortraitFieldsThroughAConflict(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	_, body := a.get("/portraits/sam/bewerken")
	form := browserForm(t, body)
	f, _ := a.ws.Store.Read("portraits/sam.md", "")
	other := strings.Replace(samPortrait, "Sam fietst elke ochtend alleen naar school.", "Sam loopt elke ochtend naar school.", 1)
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, []byte(other), f.Blob, fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	form.Set("tekst", strings.Replace(form.Get("tekst"), "Sam fietst elke ochtend alleen naar school.", "Sam fietst elke ochtend met zijn broer naar school.", 1))
	form["domein"] = []string{"school"}
	form.Set("herkend-door", "Sam")
	resp, body := a.post("/portraits/sam/bewerken", form)
	if resp.StatusCode != 409 {
		t.Fatalf("status %d, want 409\n%.2000s", resp.StatusCode, body)
	}
	again := browserForm(t, body)
	if again.Get("herkend-door") != "Sam" || strings.Join(again["domein"], ",") != "school" || again.Get("was-domeinen") != "school" {
		t.Errorf("fields in the conflict view: %v", again)
	}
	if !strings.Contains(again.Get("tekst"), "domains:\n  - school\n") {
		t.Errorf("the text in the conflict view lacks the fields:\n%s", again.Get("tekst"))
	}
	if resp, body := a.post("/portraits/sam/bewerken", again); resp.StatusCode != 303 {
		t.Fatalf("second save: %d\n%.2000s", resp.StatusCode, body)
	}
	mustContain(t, "after the conflict", a.content("portraits/sam.md"), "domains:\n  - school\n", "recognized:\n  by: Sam\n",
		"Sam fietst elke ochtend met zijn broer naar school.")
}
