package e2e

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/web"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// startSearchServer is startServer with the full-text index beside the workspace, as serve
// runs it.
func startSearchServer(t *testing.T) *server {
	t.Helper()
	return startServerWith(t, func(ws *workspace.Workspace) []web.Option {
		idx, err := search.Open(context.Background(), ws.Dir(), ws.Store, search.Options{Progress: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() }) // after the server stops: cleanups run last-in first-out
		return []web.Option{web.WithSearch(idx)}
	})
}

// comboState is what the combobox tells assistive technology, as one line.
const comboState = `(function(){var i=document.getElementById('zoekvraag'), l=document.getElementById(i.getAttribute('aria-controls'));
var a=i.getAttribute('aria-activedescendant'), o=a&&document.getElementById(a);
return [i.getAttribute('role'), i.getAttribute('aria-expanded'), l ? l.getAttribute('role') : 'no listbox', l && l.hidden ? 'hidden' : 'shown',
  o ? o.textContent + (o.getAttribute('aria-selected') === 'true' ? ' (selected)' : '') : 'none'].join(' | ')})()`

// TestTitlePicker types in the search box on /zoeken: titles appear as a listbox, arrow keys
// move through them, Escape closes, Enter opens the chosen page; axe checks the open list.
func TestTitlePicker(t *testing.T) {
	srv := startSearchServer(t)
	save(t, srv, "portraits/sam.md", "---\ntitle: Sam schaamt zich\nteam: ons-team\n---\nSam zegt weinig.\n")
	ctx := newBrowser(t)
	axe := axeSource(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zoeken"), chromedp.WaitVisible(chromedp.CSS("#zoekvraag"))); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, comboState); s != "combobox | false | listbox | hidden | none" {
		t.Fatalf("before typing: %s", s)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), "scha")); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.getElementById('zoekvraag').getAttribute('aria-expanded') === 'true'`)
	options := editorEval[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll('#zoekvraag-suggesties [role=option]'), function(o){return o.textContent})`)
	t.Logf("suggestions for scha: %q", options)
	at := -1
	for i, o := range options {
		if o == "Schaamte (thema)" {
			at = i
		}
	}
	if at < 0 || !strings.Contains(strings.Join(options, ","), "Sam schaamt zich (portret)") {
		t.Fatalf("suggestions for scha: %q", options)
	}
	if s := editorEval[string](t, ctx, `document.querySelector('#zoekvraag ~ [role=status]').textContent`); !strings.Contains(s, "titels gevonden") && !strings.Contains(s, "titel gevonden") {
		t.Errorf("live region: %q", s)
	}
	checkAccessibility(t, ctx, axe, "/zoeken with the title suggestions open")

	// Down moves to the first suggestion; Escape closes the list and keeps what was typed.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, comboState); s != "combobox | true | listbox | shown | "+options[0]+" (selected)" {
		t.Errorf("after arrow down: %s", s)
	}
	checkAccessibility(t, ctx, axe, "/zoeken with a suggestion highlighted")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, comboState); s != "combobox | false | listbox | hidden | none" {
		t.Errorf("after Escape: %s", s)
	}
	if v := editorEval[string](t, ctx, `document.getElementById('zoekvraag').value`); v != "scha" {
		t.Errorf("Escape changed the text to %q", v)
	}
	// Down opens the list again on the first suggestion; more downs reach Schaamte, up and
	// down again stay on it; Enter opens its page.
	keys := strings.Repeat(kb.ArrowDown, at+1) + kb.ArrowUp + kb.ArrowDown
	if at == 0 {
		keys = kb.ArrowDown + kb.ArrowDown + kb.ArrowUp // past the first and back
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), keys)); err != nil {
		t.Fatal(err)
	}
	if s := editorEval[string](t, ctx, comboState); s != "combobox | true | listbox | shown | Schaamte (thema) (selected)" {
		t.Fatalf("on Schaamte: %s", s)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), kb.Enter)); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `location.pathname === '/themes/schaamte'`)

	// Enter without a highlighted suggestion searches, as the form does without JavaScript.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/zoeken"), chromedp.WaitVisible(chromedp.CSS("#zoekvraag")),
		chromedp.SendKeys(chromedp.CSS("#zoekvraag"), "schaamte")); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `document.getElementById('zoekvraag').getAttribute('aria-expanded') === 'true'`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#zoekvraag"), kb.Enter)); err != nil {
		t.Fatal(err)
	}
	editorWait(t, ctx, `location.pathname === '/zoeken' && location.search.indexOf('vraag=') >= 0 && location.search.indexOf('schaamte') < 0 && document.getElementById('resultaten') !== null`)
}

// TestMoreLikeInBrowser opens a portrait whose themes other pages share: "Meer zoals dit"
// lists them with the shared themes, and axe finds nothing serious on the page.
func TestMoreLikeInBrowser(t *testing.T) {
	srv := startSearchServer(t)
	save(t, srv, "portraits/sam.md", "---\ntitle: Sam, 11 jaar\nteam: ons-team\n---\nSam [[schaamte|schaamt zich]] en zoekt [[rust]].\n")
	save(t, srv, "portraits/noor.md", "---\ntitle: Noor, 12 jaar\nteam: ons-team\n---\nNoor kent [[schaamte]] en [[rust]].\n")
	ctx := newBrowser(t)
	axe := axeSource(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/portraits/sam"), chromedp.WaitVisible(chromedp.CSS("#meer-kop"))); err != nil {
		t.Fatal(err)
	}
	first := editorEval[string](t, ctx, `document.querySelector('.more-like-list li').textContent`)
	if !strings.Contains(first, "Noor, 12 jaar") || !strings.Contains(first, "Gedeelde thema's: Rust, Schaamte") {
		t.Errorf("first item of Meer zoals dit: %q", first)
	}
	checkAccessibility(t, ctx, axe, "a portrait with Meer zoals dit")
}
