package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// themeSeed is a casus with a portrait that names schaamte, a frame resting on it, and a new
// theme that says it makes schaamte stronger.
var themeSeed = map[string]string{
	"cases/sam-groep-7.md": "---\ntitle: Sam (groep 7)\nteam: ons-team\nportraits: [sam]\nthemes:\n  - {slug: schaamte, why: Sam vertelt thuis niets}\n---\nHet team maakt zich zorgen.\n",
	"portraits/sam.md":     "---\ntitle: Sam, 11 jaar\nteam: ons-team\ncases: [sam-groep-7]\n---\nIn de klas zegt hij weinig, want hij [[schaamte|schaamt zich]] voor zijn lezen.\n",
	"frames/samen-lezen.md": "---\ntitle: Samen lezen zonder publiek\nteam: ons-team\nthemes: [schaamte, zelfvertrouwen]\nstatus: verkend\n---\n" +
		"Lezen mag oefenen zijn, zonder dat de klas meekijkt.\n",
	"themes/pesten.md": "---\ntitle: Pesten\nrelated:\n  - {slug: schaamte, how: versterkt, note: \"wie gepest wordt, gaat zich schamen\"}\n---\nPesten is steeds opnieuw iemand pijn doen.\n",
}

func themeEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestThemePageInBrowser opens a theme page in a real browser: the relation drawing is there,
// scales to the column, its nodes are links you can reach with the keyboard and that open the
// theme; the evidence and inspiration show; the page passes axe, also for a theme that has
// only invitations, and still shows its drawing when printed.
func TestThemePageInBrowser(t *testing.T) {
	srv := startServer(t)
	for path, text := range themeSeed {
		ref, err := wiki.RefFromPath(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, probs, err := srv.WS.Save(ref, []byte(text), "", store.Author{Name: "Anna", Email: "anna@leefwereld.invalid"}, ""); err != nil || probs.HasErrors() {
			t.Fatalf("save %s: %v %v", path, err, probs)
		}
	}
	ctx := newBrowser(t)
	axe := axeSource(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/themes/schaamte"), chromedp.WaitVisible(chromedp.CSS(".theme-graph svg"))); err != nil {
		t.Fatal(err)
	}
	checkAccessibility(t, ctx, axe, "/themes/schaamte")

	// The drawing is drawn: it has a size, fits the column, and has a node per related theme.
	box := themeEval[map[string]float64](t, ctx, `(function(){var s=document.querySelector('.theme-graph svg').getBoundingClientRect();
	  var col=document.querySelector('.theme-graph').getBoundingClientRect();
	  return {w:s.width,h:s.height,col:col.width,nodes:document.querySelectorAll('.theme-graph svg a').length,
	    items:document.querySelectorAll('.relation-groups li').length}})()`)
	if box["w"] < 300 || box["h"] < 150 || box["w"] > box["col"]+1 {
		t.Errorf("drawing %vx%v in a column of %v", box["w"], box["h"], box["col"])
	}
	if box["nodes"] < 5 || box["items"] < box["nodes"] {
		t.Errorf("%v nodes, %v list items", box["nodes"], box["items"])
	}
	body := text(t, ctx)
	for _, want := range []string{"Onderzoek", "Nog niets bij eigen ervaring", "De verdrijving uit het paradijs", "Wordt sterker door", "Pesten", "wie gepest wordt, gaat zich schamen",
		"Gekozen in deze casus: Sam vertelt thuis niets", "In de klas zegt hij weinig, want hij schaamt zich voor zijn lezen.",
		"Samen lezen zonder publiek", "Maakt sterker: een dikke groene lijn."} {
		if !strings.Contains(body, want) {
			t.Errorf("theme page lacks %q", want)
		}
	}

	// The nodes are in the tab order, and one opens its theme.
	focused := themeEval[string](t, ctx, `(function(){var a=document.querySelector('.theme-graph svg a[href="/themes/pesten"]');a.focus();
	  return document.activeElement===a?a.getAttribute('href'):String(document.activeElement&&document.activeElement.tagName)})()`)
	if focused != "/themes/pesten" {
		t.Fatalf("graph link does not take focus: %s", focused)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); err == nil && p == "/themes/pesten" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Enter on a graph node did not open the theme")
		}
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".theme-graph svg"))); err != nil {
		t.Fatal(err)
	}
	if body := text(t, ctx); !strings.Contains(body, "Maakt sterker") || !strings.Contains(body, "Schaamte") {
		t.Errorf("pesten does not show its relation to schaamte:\n%s", body)
	}
	checkAccessibility(t, ctx, axe, "/themes/pesten")

	// A theme made from the template: invitations only, and it passes axe too.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/nieuw/theme"), chromedp.WaitVisible(chromedp.CSS("#veld-titel")),
		chromedp.SetValue(chromedp.CSS("#veld-titel"), "Verveling"), chromedp.Click(chromedp.CSS(`form.new-form button[type=submit]:not([name])`)),
		chromedp.WaitVisible(chromedp.CSS("#onderzoek-kop"))); err != nil {
		t.Fatal(err)
	}
	if body := text(t, ctx); !strings.Contains(body, "Nog niets bij eigen ervaring") || !strings.Contains(body, "nog geen verwante thema's") {
		t.Errorf("new theme:\n%s", body)
	}
	checkAccessibility(t, ctx, axe, "/themes/verveling")

	// On a phone the drawing shrinks with the column; printed, it is still there.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(srv.URL+"/themes/schaamte"),
		chromedp.WaitVisible(chromedp.CSS(".theme-graph svg"))); err != nil {
		t.Fatal(err)
	}
	if w := themeEval[float64](t, ctx, `document.querySelector('.theme-graph svg').getBoundingClientRect().width`); w > 390 || w < 200 {
		t.Errorf("drawing is %vpx wide on a 390px screen", w)
	}
	if wide := themeEval[[]string](t, ctx, `(function(){var out=[];document.querySelectorAll('.research *, .relations *, .evidence *, .inspiration *').forEach(function(e){
	    if(e.getBoundingClientRect().right>window.innerWidth+1)out.push(e.tagName+'.'+e.className)});return out})()`); len(wide) > 0 {
		t.Errorf("on a phone these parts stick out to the right: %v", wide)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if w := themeEval[float64](t, ctx, `document.querySelector('.theme-graph svg').getBoundingClientRect().width`); w < 200 {
		t.Errorf("printed drawing is %vpx wide", w)
	}
}
