package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// TestPortraitEditorAndTeamOverview marks a punctum by selecting a sentence, ticks life
// domains and records the recognition in a real browser, then checks the file, the portrait
// page and the team overview; axe checks the editor, the portrait, the team page and the
// overview.
func TestPortraitEditorAndTeamOverview(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	axe := axeSource(t)
	anna := store.Author{Name: "Anna", Email: "anna@leefwereld.invalid"}
	for path, text := range map[string]string{
		"portraits/sam.md": "---\ntitle: Sam, 11 jaar\nteam: ons-team\nstatus: besproken\n---\n" +
			"Sam fietst elke ochtend alleen naar school. Hij bewaart zijn zwemdiploma in zijn **schooltas**.\n\n" +
			"In de klas zegt hij weinig, want hij [[schaamte|schaamt zich]] voor zijn lezen. Thuis zoekt hij [[rust]].\n",
		"portraits/moeder-van-sam.md": "---\ntitle: Moeder van Sam\nteam: ons-team\nsubject: ouder\n---\nZe zoekt [[rust]] en [[verbondenheid]].\n",
	} {
		r, _ := wiki.RefFromPath(path)
		if _, _, err := srv.WS.Save(r, []byte(text), "", anna, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portraits/sam/bewerken"), chromedp.WaitVisible(chromedp.CSS("#tekst"))); err != nil {
		t.Fatal(err)
	}
	checkAccessibility(t, ctx, axe, "portrait editor")
	// The punctum: select a sentence in the text, and the button copies it without Markdown.
	editorEval[int](t, ctx, `(function(){var a=document.getElementById('tekst'); var i=a.value.indexOf('Hij bewaart'); var j=a.value.indexOf('.', i)+1; a.focus(); a.setSelectionRange(i, j); return 1})()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button[data-punctum-from]"))); err != nil {
		t.Fatal(err)
	}
	if p := editorEval[string](t, ctx, `document.getElementById('veld-punctum').value`); p != "Hij bewaart zijn zwemdiploma in zijn schooltas." {
		t.Errorf("punctum field: %q", p)
	}
	// An interview question goes into the text at the cursor.
	if n := editorEval[int](t, ctx, `document.querySelectorAll('.interview .question-insert').length`); n < 40 {
		t.Errorf("%d buttons beside the questions", n)
	}
	editorEval[int](t, ctx, `(function(){var a=document.getElementById('tekst'); a.setSelectionRange(a.value.length, a.value.length); return 1})()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.interview-variant[data-variant="jongere"] details[open] li:first-child .question-insert`))); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, `document.getElementById('tekst').value`); !strings.HasSuffix(s, "Thuis zoekt hij [[rust]].\n\n_Waar word je blij van?_\n") {
		t.Errorf("question not put at the end of the text: %q", s[max(0, len(s)-120):])
	}
	// Two domains, the recognition, then save with the keyboard's Enter on the name field.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#domein-school")), chromedp.Click(chromedp.CSS("#domein-gezin")),
		chromedp.Click(chromedp.CSS("#status-herkend")),
		chromedp.SendKeys(chromedp.CSS("#herkend-door"), "Sam"),
		chromedp.SendKeys(chromedp.CSS("#herkend-op"), "21-11-2026"),
		chromedp.SendKeys(chromedp.CSS("#herkend-opmerking"), "Ja, dat ben ik."),
		chromedp.Click(chromedp.CSS("form.edit-form button[type=submit]")),
	); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `location.pathname === '/portraits/sam' && document.querySelector('.recognition--herkend') !== null`)
	f, err := srv.WS.Store.Read("portraits/sam.md", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"status: herkend\n", "punctum: Hij bewaart zijn zwemdiploma in zijn schooltas.\n",
		"domains:\n  - school\n  - gezin\n", "recognized:\n  by: Sam\n  on: 2026-11-21\n  remarks: Ja, dat ben ik.\n", "_Waar word je blij van?_"} {
		if !strings.Contains(string(f.Content), want) {
			t.Errorf("file lacks %q:\n%s", want, f.Content)
		}
	}
	page := text(t, ctx)
	for _, want := range []string{"Herkend door Sam op 21 november 2026.", "Staat in dit portret", "Nog niet in dit portret"} {
		if !strings.Contains(page, want) {
			t.Errorf("portrait page lacks %q", want)
		}
	}
	checkAccessibility(t, ctx, axe, "portrait")

	// A wrong date comes back with a Dutch error that gets the focus, and the typed text.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portraits/sam/bewerken"), chromedp.WaitVisible(chromedp.CSS("#herkend-op"))); err != nil {
		t.Fatal(err)
	}
	editorEval[int](t, ctx, `document.getElementById('herkend-op').value = '31-02-2026'; 1`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.edit-form button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.activeElement && document.activeElement.id === 'fouten'`)
	if s := editorEval[string](t, ctx, `document.getElementById('fouten').textContent + '|' + document.getElementById('herkend-op').value`); !strings.Contains(s, "is geen datum") || !strings.HasSuffix(s, "|31-02-2026") {
		t.Errorf("error view: %q", s)
	}
	checkAccessibility(t, ctx, axe, "portrait editor with an error")

	for _, path := range []string{"/teams/ons-team", "/teams/ons-team/overzicht"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		checkAccessibility(t, ctx, axe, path)
	}
	// The overview: rust is in both portraits, so it is the first theme column.
	first := editorEval[string](t, ctx, `document.querySelector('.overview thead th.overview-theme').textContent`)
	if first != "Rust" {
		t.Errorf("first column %q, want Rust", first)
	}
}
