package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReflowAt320 is WCAG 1.4.10: at 320 CSS pixels wide (a phone, or 400% zoom on a laptop)
// no main view scrolls sideways. Wide content of its own (a table, the relation graph) may
// scroll inside its box, but never the page.
func TestReflowAt320(t *testing.T) {
	srv := startServer(t)
	save(t, srv, "cases/lina-groep-6.md", linaHead+linaWat+linaWaar+linaHoe+linaOrganiseren+linaBody)
	for p, text := range linaPages {
		save(t, srv, p, text)
	}
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 800, DeviceScaleFactor: 1, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	const overflow = `(function(){var w=document.documentElement.clientWidth;var out=[];
  document.querySelectorAll('body *').forEach(function(e){var r=e.getBoundingClientRect();
    if(r.right>w+1&&!e.closest('.overview-scroll,.table-scroll,svg,pre')){out.push(e.tagName.toLowerCase()+(e.className&&e.className.baseVal===undefined?'.'+String(e.className).split(' ').join('.'):'')+' '+Math.round(r.right))}});
  return {scroll: document.documentElement.scrollWidth, width: w, wide: out.slice(0,5)}})()`
	type result struct {
		Scroll int      `json:"scroll"`
		Width  int      `json:"width"`
		Wide   []string `json:"wide"`
	}
	for _, path := range []string{"/", "/themes", "/themes/schaamte", "/cases/lina-groep-6", "/cases/lina-groep-6/bord/actie",
		"/portraits/lina", "/nieuw/portrait", "/themes/schaamte/bewerken", "/zoeken?q=schaamte", "/recent", "/teams/ons-team"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		r := eval[result](t, ctx, overflow)
		if r.Scroll > r.Width {
			t.Errorf("%s scrolls sideways at 320px: %d > %d; too wide: %v", path, r.Scroll, r.Width, r.Wide)
		}
	}
}
