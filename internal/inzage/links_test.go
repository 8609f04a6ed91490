package inzage

import (
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestLocalize(t *testing.T) {
	inBundle := map[string]string{
		"/portraits/sam":      "portraits/sam.html",
		"/media/sam/foto.png": "media/sam/foto.png",
		"/media/sam/stem.mp3": "media/sam/stem.mp3",
	}
	local := func(p string) (string, bool) { e, ok := inBundle[p]; return e, ok }
	tests := []struct {
		name, md, want string
	}{
		{"a page in the bundle", "Zie [[sam]].", `<p>Zie <a href="../portraits/sam.html" class="wikilink">sam</a>.</p>`},
		{"a theme stays text", "Uit [[schaamte|schaamt zich]].", `<p>Uit <span class="link-buiten">schaamt zich</span>.</p>`},
		{"a website is shown, not linked", "[de bieb](https://example.org/bieb)", `<p><span class="link-buiten">de bieb</span> (https://example.org/bieb)</p>`},
		{"a bare address is not repeated", "Zie https://example.org nu.", `<p>Zie <span class="link-buiten">https://example.org</span> nu.</p>`},
		{"mail", "[mail](mailto:a@b.invalid)", `<p><span class="link-buiten">mail</span> (a@b.invalid)</p>`},
		{"a picture in the bundle", "![foto](/media/sam/foto.png)", `<p><img src="../media/sam/foto.png" alt="foto"></p>`},
		{"a picture elsewhere in the workspace loses its source", "![foto](/media/lotte/foto.png)", `<p><img alt="foto"></p>`},
		{"sound", "![stem](/media/sam/stem.mp3)", `<p><audio controls=""><source src="../media/sam/stem.mp3" type="audio/mpeg">stem</audio></p>`},
		{"a footnote stays in the file", "Tekst[^1]\n\n[^1]: Noot.", `href="#fn:1"`},
		{"an outside picture is a link, so text", "![x](https://example.org/x.png)", `<span class="link-buiten">x</span> (https://example.org/x.png)`},
		{"escaped text stays escaped", "[<b>&amp;</b>](https://example.org/?a=1&b=2)", `(https://example.org/?a=1&amp;b=2)`},
	}
	md := markdown.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The pages of the bundle exist; everything else does not.
			d, err := md.Render([]byte(tt.md), func(tg wiki.Target) (wiki.Ref, bool) {
				return wiki.Resolve(tg, func(r wiki.Ref) bool { _, ok := inBundle[r.URL()]; return ok })
			})
			if err != nil {
				t.Fatal(err)
			}
			got := localize(d.HTML, "../", local)
			if !strings.Contains(got, tt.want) {
				t.Errorf("localize(%q)\n got %s\nwant %s", d.HTML, got, tt.want)
			}
		})
	}
}

func TestConsentState(t *testing.T) {
	day := time.Date(2027, 1, 15, 23, 30, 0, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		c    cases.Consent
		want string
	}{
		{cases.Consent{By: "moeder", For: "x"}, ConsentValid},
		{cases.Consent{By: "moeder", For: "x", Date: "2027-01-15", Until: "2027-01-15"}, ConsentValid},
		{cases.Consent{By: "moeder", For: "x", Until: "2027-01-14"}, ConsentExpired},
		{cases.Consent{By: "moeder", For: "x", Date: "2027-01-16"}, ConsentNotYet},
		{cases.Consent{By: "moeder", For: "x", Withdrawn: "2027-01-15"}, ConsentWithdrawn},
		{cases.Consent{By: "moeder", For: "x", Withdrawn: "2027-01-16"}, ConsentValid},
		{cases.Consent{By: "moeder", For: "x", Until: "2026-01-01", Withdrawn: "2025-06-01"}, ConsentWithdrawn},
	}
	for _, tt := range tests {
		if got := consentState(tt.c, day); got != tt.want {
			t.Errorf("%+v on %s: %q, want %q", tt.c, day, got, tt.want)
		}
	}
}
