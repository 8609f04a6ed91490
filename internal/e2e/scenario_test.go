package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const portraitText = "Sam lacht veel op het plein.\n\nThuis is het stil. Hij schaamt zich snel ([[schaamte]]).\n\nOp zaterdag voetbalt hij bij de club om de hoek.\n"

// text returns the visible text of the page's main content.
func text(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openEditor opens the editor as the person of ctx (who, signed in): two people can first
// both open the editor, then both save.
func openEditor(t *testing.T, ctx context.Context, url, who string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/bewerken"), chromedp.WaitVisible(chromedp.CSS("#tekst"))); err != nil {
		t.Fatalf("%s opens the editor: %v", who, err)
	}
}

func replaceInEditor(t *testing.T, ctx context.Context, old, new string) {
	t.Helper()
	cur, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#tekst")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cur, old) {
		t.Fatalf("editor does not contain %q:\n%s", old, cur)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#tekst"), strings.Replace(cur, old, new, 1)),
		chromedp.Click(chromedp.CSS("form.edit-form button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	waitForNotice(t, ctx)
}

// waitForNotice waits until the browser has left a form for a page that reports the result.
// A check that runs while the page navigates fails; it is simply tried again.
func waitForNotice(t *testing.T, ctx context.Context) {
	t.Helper()
	const done = `!location.pathname.endsWith("/bewerken") && !location.pathname.endsWith("/geschiedenis") && document.querySelector("main .notice") !== null`
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](done)); err == nil && ok {
			return
		}
	}
	t.Fatalf("no result after submitting:\n%s", text(t, ctx))
}

// TestTeamWorkflow is what two team members do: create a portrait that links a theme, edit it
// at the same time (the server merges), and put an old version back.
func TestTeamWorkflow(t *testing.T) {
	srv := startServer(t)
	anna, bob := newBrowser(t), newBrowser(t)

	// Anna creates a portrait with a link to a theme.
	err := chromedp.Do(anna,
		chromedp.Navigate(srv.URL+"/nieuw/portrait"),
		chromedp.WaitVisible(chromedp.CSS("#veld-titel")),
		chromedp.SetValue(chromedp.CSS("#veld-titel"), "Sam (groep 7)"),
		chromedp.SetValue(chromedp.CSS("#tekst"), portraitText),
		chromedp.Click(chromedp.CSS("form.new-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`a.wikilink[href="/themes/schaamte"]`)),
	)
	if err != nil {
		t.Fatalf("create portrait: %v\n%s", err, text(t, anna))
	}
	loc, _ := chromedp.Run(anna, chromedp.Location())
	if !strings.HasSuffix(loc, "/portraits/sam-groep-7") && !strings.Contains(loc, "/portraits/sam-groep-7?") {
		t.Fatalf("after create the browser is at %s", loc)
	}
	page := srv.URL + "/portraits/sam-groep-7"
	// The theme page now shows where it is used, with the sentence.
	if err := chromedp.Do(anna, chromedp.Navigate(srv.URL+"/themes/schaamte"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, anna); !strings.Contains(got, "Hij schaamt zich snel") {
		t.Errorf("theme page shows no backlink sentence:\n%s", got)
	}

	// Both open the editor on the same version; Anna saves first, Bob second.
	openEditor(t, anna, page, "Anna")
	openEditor(t, bob, page, "Bob")
	replaceInEditor(t, anna, "Sam lacht veel op het plein.", "Sam lacht veel op het plein, vooral met Noor.")
	replaceInEditor(t, bob, "bij de club om de hoek.", "bij de club om de hoek, als keeper.")
	got := text(t, bob)
	if !strings.Contains(got, "samengevoegd") {
		t.Errorf("Bob is not told his save was merged:\n%s", got)
	}
	if !strings.Contains(got, "vooral met Noor") || !strings.Contains(got, "als keeper") {
		t.Fatalf("the merged page lacks one of the two edits:\n%s", got)
	}

	// Anna puts the first version back from the history.
	if err := chromedp.Do(anna, chromedp.Navigate(page+"/geschiedenis"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	hist, _ := srv.WS.Store.History("portraits/sam-groep-7.md")
	first := hist[len(hist)-1].Commit
	if err := chromedp.Do(anna,
		chromedp.Click(chromedp.CSS(`form[action$="/terugzetten"]:has(input[value="`+first+`"]) button[type=submit]`))); err != nil {
		t.Fatal(err)
	}
	waitForNotice(t, anna)
	got = text(t, anna)
	if !strings.Contains(got, "Sam lacht veel op het plein.") || strings.Contains(got, "vooral met Noor") || strings.Contains(got, "als keeper") {
		t.Fatalf("after restoring the first version:\n%s", got)
	}
	log, err := srv.WS.Store.Log(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) < 5 || !strings.Contains(log[0].Message, "teruggezet") {
		t.Errorf("restore is not a new commit on top: %+v", log[0])
	}
	hist, _ = srv.WS.Store.History("portraits/sam-groep-7.md")
	authors := map[string]bool{}
	for _, r := range hist {
		authors[srv.display(r.Author)] = true // commits carry an account id; the name is looked up
	}
	if !authors["Anna"] || !authors["Bob"] {
		t.Errorf("history authors: %v", authors)
	}
}
