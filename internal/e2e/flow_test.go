package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// boardStep clicks a link on the board, fills the form it opens and submits it, then waits
// until the browser is back on the board with the "bijgewerkt" notice.
func boardStep(t *testing.T, ctx context.Context, link string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	markPage(t, ctx)
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS(link)),
		chromedp.WaitVisible(chromedp.CSS("form.board-form")),
	}
	actions = append(actions, fill...)
	actions = append(actions, chromedp.Click(chromedp.CSS("form.board-form button[type=submit]")))
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v\n%s", link, err, text(t, ctx))
	}
	waitForBoard(t, ctx)
}

// markPage marks the document in the browser, so waitForBoard can tell a new page from it.
func markPage(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[int](t, ctx, "window.lwOld = 1")
}

// waitForBoard waits for the board page after a change, and fails with the page's text when
// the change was refused.
func waitForBoard(t *testing.T, ctx context.Context) {
	t.Helper()
	const done = `!window.lwOld && location.search.includes("bijgewerkt=1") && document.querySelector("main .notice") !== null && document.querySelector(".board") !== null`
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](done)); err == nil && ok {
			return
		}
	}
	t.Fatalf("not back on the board:\n%s", text(t, ctx))
}

// TestFourStepsByClicking: a mentor walks one fictional casus through wat, waar, hoe and
// organiseren on the board, with clicks and typing only, and the board shows every tie.
func TestFourStepsByClicking(t *testing.T) {
	srv := startServer(t)
	save(t, srv, "cases/joep-groep-5.md", "---\ntitle: Joep (groep 5)\nteam: ons-team\n---\nJoep is sinds de herfst vaak boos op het plein.\n")
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/cases/joep-groep-5"), chromedp.WaitVisible(chromedp.CSS(".board"))); err != nil {
		t.Fatal(err)
	}
	set := func(sel, v string) chromedp.Action[chromedp.Void] { return chromedp.SetValue(chromedp.CSS(sel), v) }
	click := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

	// 1. Wat: a portrait, discussed in the team.
	boardStep(t, ctx, `a[href$="/bord/portret"]`, set("#veld-titel", "Joep op het plein"))
	markPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#status-bord-portret-joep-op-het-plein"), "besproken"),
		click(`#bord-portret-joep-op-het-plein .card__form button`)); err != nil {
		t.Fatal(err)
	}
	waitForBoard(t, ctx)

	// 2. Waar: three themes, one new to the library, each with why.
	boardStep(t, ctx, `a[href$="/bord/thema"]`, set("#veld-thema", "Erbij horen"), set("#veld-waarom", "In de pauze speelt hij alleen."))
	boardStep(t, ctx, `a[href$="/bord/thema"]`, set("#veld-thema", "Frustratie"), set("#veld-waarom", "Hij schopt tegen het hek als hij verliest."))
	boardStep(t, ctx, `a[href$="/bord/thema"]`, set("#veld-thema", "Kunnen meedoen"), click(`input[name="nieuw"]`))

	// 3. Hoe: a frame from two chosen themes, then chosen.
	boardStep(t, ctx, `a[href$="/bord/frame"]`, set("#veld-titel", "Joep hoort erbij op het plein"),
		click(`input[name="themas"][value="erbij-horen"]`), click(`input[name="themas"][value="kunnen-meedoen"]`))
	markPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#status-bord-frame-joep-hoort-erbij-op-het-plein"), "gekozen"),
		click(`#bord-frame-joep-hoort-erbij-op-het-plein .card__form button`)); err != nil {
		t.Fatal(err)
	}
	waitForBoard(t, ctx)

	// 4. Organiseren: an action for that frame, from the frame's card.
	boardStep(t, ctx, `#bord-frame-joep-hoort-erbij-op-het-plein a[href*="/bord/actie?frame="]`,
		set("#veld-wat", "Samen met de gymleraar een pauzespel kiezen"), set("#veld-wie", "gymleraar"), set("#veld-waar", "school"))

	// The board shows every tie, at both ends.
	ties := eval[map[string][]string](t, ctx, boardTies)
	want := map[string][]string{
		"bord-thema-erbij-horen":                   {"F1>#bord-frame-joep-hoort-erbij-op-het-plein"},
		"bord-thema-kunnen-meedoen":                {"F1>#bord-frame-joep-hoort-erbij-op-het-plein"},
		"bord-thema-frustratie":                    nil,
		"bord-frame-joep-hoort-erbij-op-het-plein": {"T1>#bord-thema-erbij-horen", "T3>#bord-thema-kunnen-meedoen", "A1>#bord-actie-1"},
		"bord-actie-1":                             {"F1>#bord-frame-joep-hoort-erbij-op-het-plein"},
	}
	for card, w := range want {
		if strings.Join(ties[card], " ") != strings.Join(w, " ") {
			t.Errorf("%s shows ties %v, want %v", card, ties[card], w)
		}
	}
	got := text(t, ctx)
	for _, s := range []string{"In de pauze speelt hij alleen.", "besproken", "gekozen", "gymleraar"} {
		if !strings.Contains(got, s) {
			t.Errorf("board lacks %q", s)
		}
	}

	// Every step was a commit by the mentor, and the casus is still a plain, valid file.
	log, err := srv.WS.Store.Log(20)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range log {
		if strings.HasPrefix(c.Message, "Joep (groep 5): ") && srv.display(c.Author) == "Anna" {
			n++
		}
	}
	if n != 8 {
		t.Errorf("%d board commits by the mentor, want 8: %+v", n, log)
	}
	f, err := srv.WS.Store.Read("cases/joep-groep-5.md", "")
	if err != nil {
		t.Fatal(err)
	}
	page, probs := workspace.Parse(f.Path, f.Content)
	if probs.HasErrors() {
		t.Fatalf("casus has errors: %v", probs)
	}
	if m := page.Meta.(*cases.Meta); len(m.Themes) != 3 || len(m.Actions) != 1 || m.Actions[0].Frame != "joep-hoort-erbij-op-het-plein" {
		t.Errorf("casus front matter: %+v", m)
	}
	checkAccessibility(t, ctx, axeSource(t), "the board with its change controls")
}
