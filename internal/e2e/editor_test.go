package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// editorEval runs a script in the page and returns its value.
func editorEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// editorWait polls a script until it is true; a check during a navigation fails and is tried again.
func editorWait(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waited in vain for %s\n%s", js, text(t, ctx))
}

// TestEditorEnhancements checks what app.js adds to the editor: the Markdown toolbar, the
// preview in a panel, focus on the error summary with a link that selects the line, and the
// live address of a new page; and runs axe on the error and conflict views.
func TestEditorEnhancements(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	axe := axeSource(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/themes/schaamte/bewerken"), chromedp.WaitVisible(chromedp.CSS("#tekst"))); err != nil {
		t.Fatal(err)
	}
	if n := editorEval[int](t, ctx, `document.querySelectorAll('.md-toolbar button').length`); n != 5 {
		t.Errorf("toolbar buttons: %d, want 5", n)
	}
	// "Vet" around a selected word, then the preview in the panel, without leaving the page.
	editorEval[int](t, ctx, `(function(){var a=document.getElementById('tekst'); var i=a.value.indexOf('Schaamte is'); a.setSelectionRange(i, i+8); return 1})()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".md-toolbar button:first-child")), chromedp.Click(chromedp.CSS("button[data-preview]"))); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.querySelector('#voorbeeld-paneel section') !== null`)
	if p := editorEval[string](t, ctx, `document.getElementById('voorbeeld-paneel').innerHTML`); !strings.Contains(p, "<strong>Schaamte</strong> is") {
		t.Errorf("preview panel: %.300s", p)
	}

	// Invalid front matter: the summary gets the focus; its link selects the line.
	editorEval[int](t, ctx, `document.getElementById('tekst').value = document.getElementById('tekst').value.replace('group: zelf', 'group: zelf\nkleur: rood'); 1`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.edit-form button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.getElementById('fouten') !== null && document.activeElement && document.activeElement.id === 'fouten'`)
	checkAccessibility(t, ctx, axe, "edit form with errors")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#fouten a[data-line]"))); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, `(function(){var a=document.getElementById('tekst'); return document.activeElement.id + ':' + a.value.slice(a.selectionStart, a.selectionEnd)})()`); s != "tekst:kleur: rood" {
		t.Errorf("focus and selection after the line link: %q", s)
	}

	// A conflict: someone else changes the same line while the editor is open.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/themes/schaamte/bewerken"), chromedp.WaitVisible(chromedp.CSS("#tekst"))); err != nil {
		t.Fatal(err)
	}
	f, err := srv.WS.Store.Read("themes/schaamte.md", "")
	if err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(string(f.Content), "Schaamte is het gevoel", "Schaamte is vaak het gevoel", 1)
	if _, _, err := srv.WS.Save(wiki.Ref{Kind: wiki.Theme, Slug: "schaamte"}, []byte(other), f.Blob, store.Author{Name: "Bob", Email: "bob@leefwereld.invalid"}, ""); err != nil {
		t.Fatal(err)
	}
	editorEval[int](t, ctx, `document.getElementById('tekst').value = document.getElementById('tekst').value.replace('Schaamte is het gevoel', 'Schaamte is soms het gevoel'); 1`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.edit-form button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.querySelector('.hunk--conflict') !== null`)
	checkAccessibility(t, ctx, axe, "conflict")

	// A new page: the address shows while the title is typed; the preview stays on the page.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/nieuw/portrait"), chromedp.WaitVisible(chromedp.CSS("#veld-titel")),
		chromedp.SendKeys(chromedp.CSS("#veld-titel"), "Één ding, Sam")); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, `document.getElementById('adres-voorbeeld').textContent`); s != "Het adres wordt /portraits/een-ding-sam" {
		t.Errorf("live address: %q", s)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button[data-preview]"))); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.querySelector('#voorbeeld-paneel section') !== null`)
	if p := editorEval[string](t, ctx, `document.getElementById('voorbeeld-paneel').innerHTML`); !strings.Contains(p, "Voorbeeld: Één ding, Sam") {
		t.Errorf("preview of a new page: %.300s", p)
	}
	if u := editorEval[string](t, ctx, `location.pathname`); u != "/nieuw/portrait" {
		t.Errorf("the preview left the page for %s", u)
	}
}
