package e2e

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/web"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// TestEraseInBrowser walks the beheerder's way from the retention list to an erased casus:
// export first (the erase link appears only after it), then the confirmation with the slug
// typed, then the list again with its notice; axe checks each page.
func TestEraseInBrowser(t *testing.T) {
	srv := startServerWith(t, func(ws *workspace.Workspace) []web.Option {
		lock, err := datadir.Lock(ws.Dir(), false) // as serve holds it
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { lock.Unlock() })
		idx, err := search.Open(context.Background(), ws.Dir(), ws.Store, search.Options{Progress: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() })
		return []web.Option{web.WithDataLock(lock), web.WithSearch(idx)}
	})
	save(t, srv, "portraits/mila.md", "---\ntitle: Mila, 12 jaar\nteam: ons-team\ncases: [mila-groep-8]\n---\nMila bouwt hutten in het bos achter de school.\n")
	save(t, srv, "cases/mila-groep-8.md", "---\ntitle: Mila (groep 8)\nteam: ons-team\nportraits: [mila]\nstatus: afgerond\nclosed: 2020-06-30\n---\nAfgerond.\n")
	ctx := newBrowser(t) // Anna, beheerder of ons-team
	axe := axeSource(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Click(chromedp.CSS(`nav.account-nav a[href="/beheer/bewaartermijn"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.retention-table")),
	)
	if err != nil {
		t.Fatalf("retention page: %v", err)
	}
	if got := text(t, ctx); !strings.Contains(got, "Mila (groep 8)") || !strings.Contains(got, "Kan nadat je de export") {
		t.Errorf("retention page:\n%s", got)
	}
	checkAccessibility(t, ctx, axe, "the retention page")
	// The export, as the link downloads it (the browser sends the session cookie).
	status := awaited[int](t, ctx, `fetch("/cases/mila-groep-8/inzage").then(r => r.blob().then(() => r.status))`)
	if status != 200 {
		t.Fatalf("export: %d", status)
	}
	err = chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/cases/mila-groep-8/wissen"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/cases/mila-groep-8/wissen"]`)),
		chromedp.WaitVisible(chromedp.CSS("#bevestig")),
	)
	if err != nil {
		t.Fatalf("to the confirmation: %v\n%s", err, text(t, ctx))
	}
	if got := text(t, ctx); !strings.Contains(got, "portraits/mila.md") || !strings.Contains(got, "Je hebt de export in deze sessie gedownload") {
		t.Errorf("confirmation:\n%s", got)
	}
	checkAccessibility(t, ctx, axe, "the erase confirmation")
	// A wrong slug first: the page says so, nothing erased, the form stays.
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#bevestig"), "mila"),
		chromedp.Click(chromedp.CSS(`form.erase-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#fouten")),
	)
	if err != nil {
		t.Fatalf("wrong slug: %v", err)
	}
	checkAccessibility(t, ctx, axe, "the erase confirmation with an error")
	eval[string](t, ctx, `document.getElementById("bevestig").value = ""`)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#bevestig"), "mila-groep-8"),
		chromedp.Click(chromedp.CSS(`form.erase-form button[type=submit]`)),
	)
	if err != nil {
		t.Fatalf("erase: %v\n%s", err, text(t, ctx))
	}
	// Wait for the page the erasure leads to; the confirmation page itself may hold a notice.
	editorWait(t, ctx, `location.pathname === "/beheer/bewaartermijn" && document.querySelector("p.notice") !== null`)
	if got := text(t, ctx); !strings.Contains(got, "De casus is gewist") || strings.Contains(got, "Mila (groep 8)") {
		t.Errorf("after the erasure:\n%s", got)
	}
	if loc := eval[string](t, ctx, "location.pathname + location.search"); loc != "/beheer/bewaartermijn?gewist=1" {
		t.Errorf("after the erasure at %s", loc)
	}
	checkAccessibility(t, ctx, axe, "the retention page after an erasure")
	if status := awaited[int](t, ctx, `fetch("/cases/mila-groep-8").then(r => r.status)`); status != 404 {
		t.Errorf("the casus after the erasure: %d", status)
	}
	if status := awaited[int](t, ctx, `fetch("/themes/schaamte").then(r => r.status)`); status != 200 {
		t.Errorf("a page that stays: %d", status)
	}
}

// awaited evaluates a script whose value is a promise (a fetch) and waits for it.
func awaited[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
