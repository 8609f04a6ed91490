package xsscorpus

import (
	"strings"
	"testing"
)

// TestCheckCatches feeds Check markup that could run script: each must be reported, or a
// clean corpus run means nothing.
func TestCheckCatches(t *testing.T) {
	for _, in := range []string{
		`<script>alert(1)</script>`,
		`<p>x<SCRIPT>alert(1)</SCRIPT></p>`,
		`<img src="x" onerror="alert(1)">`,
		`<div OnMouseOver="alert(1)">x</div>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="jav&#x61;script:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="java&#9;script:alert(1)">x</a>`,
		`<a href=" JaVaScRiPt:alert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<img srcset="/a.png 1x, javascript:alert(1) 2x">`,
		`<button formaction="javascript:alert(1)">x</button>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		`<math><mi>x</mi></math>`,
		`<p style="color:red">x</p>`,
		`<iframe srcdoc="x"></iframe>`,
		`<object data="x"></object>`, `<embed src="x">`, `<base href="/">`, `<form action="/x"></form>`,
		`<meta http-equiv="refresh" content="0">`, `<link rel="stylesheet" href="/x.css">`, `<style>p{}</style>`,
		`<table><tr><td><iframe></iframe></td></tr></table>`,
	} {
		if got := Check(in); len(got) == 0 {
			t.Errorf("Check(%s) found nothing", in)
		}
	}
}

// TestCheckPasses leaves what the pipeline may emit alone.
func TestCheckPasses(t *testing.T) {
	for _, in := range []string{
		`<p><a href="/themes/x" class="wikilink">x</a> <a href="#fn:1">1</a> <a href="https://example.org/?q=javascript:x">y</a></p>`,
		`<a href="mailto:juf@school.nl">m</a> <a href="//example.org/">p</a> <a href="%6Aavascript:alert(1)">r</a>`,
		`<img src="/media/sam/a.png" alt="javascript:alert(1)" title="onerror">`,
		`<a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">x</a>`,
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1)</p>`,
		`<input type="checkbox" checked disabled><audio controls><source src="/media/s/a.mp3" type="audio/mpeg"></audio>`,
	} {
		if got := Check(in); len(got) != 0 {
			t.Errorf("Check(%s): %s", in, strings.Join(got, "; "))
		}
	}
}

func TestSamplesHaveUniqueNames(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Samples {
		if s.Name == "" || seen[s.Name] || strings.TrimSpace(s.Markdown) == "" {
			t.Errorf("sample %q: empty or used twice", s.Name)
		}
		seen[s.Name] = true
	}
	if len(Samples) < 30 {
		t.Errorf("only %d samples", len(Samples))
	}
}

// TestCheckPage allows the layout's own elements and nothing like them from elsewhere.
func TestCheckPage(t *testing.T) {
	layout := `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/static/style.abc.css">` +
		`<script src="/static/app.abc.js" defer></script></head><body><form method="post" action="/uitloggen"><button>x</button></form>%s</body></html>`
	ours := `<p><a href="/themes/x">x</a></p><figure><svg xmlns="http://www.w3.org/2000/svg" class="graph"><title>t</title>` +
		`<defs><marker id="m"><path d="M0 0"/></marker></defs><a href="/themes/y"><g class="graph-node"><rect x="1"/><text>y</text></g></a></svg></figure>`
	if got := CheckPage(strings.Replace(layout, "%s", ours, 1)); len(got) != 0 {
		t.Errorf("the layout itself: %s", strings.Join(got, "; "))
	}
	for _, in := range []string{
		`<script>alert(1)</script>`, `<script src="//evil.example/static/x.js"></script>`, `<script src="/static/x.js">alert(1)</script>`,
		`<link rel="stylesheet" href="//evil.example/x.css">`, `<meta http-equiv="refresh" content="0">`,
		`<form action="javascript:alert(1)"></form>`, `<form action="//evil.example/"></form>`, `<form action="/x" onsubmit="alert(1)"></form>`,
		`<img src="x" onerror="alert(1)">`, `<base href="/">`, `<svg></svg>`,
		`<svg class="graph"><script>alert(1)</script></svg>`, `<svg class="graph"><a href="javascript:alert(1)">x</a></svg>`,
		`<svg class="graph"><foreignObject><p>x</p></foreignObject></svg>`, `<svg class="graph" onload="alert(1)"></svg>`,
		`<svg class="graph"><g onmouseover="alert(1)"></g></svg>`, `<svg class="grafiek"><rect/></svg>`,
	} {
		if got := CheckPage(strings.Replace(layout, "%s", in, 1)); len(got) == 0 {
			t.Errorf("CheckPage found nothing in %s", in)
		}
	}
}
