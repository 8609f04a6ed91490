package markdown

import "testing"

// TestPolicy feeds HTML straight to the second layer, as if the first had a bug.
func TestPolicy(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"wikilink classes", `<a href="/themes/x" class="wikilink wikilink--new">x</a>`,
			`<a href="/themes/x" class="wikilink wikilink--new">x</a>`},
		{"other classes", `<a href="/x" class="btn wikilink">x</a><p class="wikilink">y</p>`,
			`<a href="/x">x</a><p>y</p>`},
		{"heading id", `<h2 id="h-één-zoë">x</h2>`, `<h2 id="h-één-zoë">x</h2>`},
		{"footnotes", `<sup id="fnref1:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>` +
			`<div class="footnotes" role="doc-endnotes"><ol><li id="fn:2">n</li></ol></div>`,
			`<sup id="fnref1:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>` +
				`<div class="footnotes" role="doc-endnotes"><ol><li id="fn:2">n</li></ol></div>`},
		{"other roles", `<a href="/x" role="button">x</a><div role="dialog">y</div>`, `<a href="/x">x</a><div>y</div>`},
		{"checkbox", `<input checked="" disabled="" type="checkbox">`, `<input checked="" disabled="" type="checkbox">`},
		{"other inputs", `<input type="text" value="x" name="csrf"><input type="checkbox" checked="checked" onclick="x()">`,
			`<input type="checkbox">`},
		{"media image", `<img src="/media/sam/a.jpg" alt="a">`, `<img src="/media/sam/a.jpg" alt="a">`},
		{"outside image", `<img src="https://tracker.example/p.gif" alt="a">`, `<img src="" alt="a">`},
		{"data image", `<img src="data:image/png;base64,AAAA" alt="a">`, `<img alt="a">`},
		{"traversal image", `<img src="/media/../etc/passwd">`, `<img src="">`},
		{"audio", `<audio controls=""><source src="/media/s/a.mp3" type="audio/mpeg">x</audio>`,
			`<audio controls=""><source src="/media/s/a.mp3" type="audio/mpeg">x</audio>`},
		{"audio elsewhere", `<audio controls="" autoplay="" src="https://x/a.mp3"><source src="//x/a.mp3" type="text/html"></audio>`,
			`<audio controls=""></audio>`},
		{"source traversal", `<audio controls=""><source src="/media/%2e%2e/x.mp3"><source src="/media/../x.mp3"><source src="javascript:alert(1)"></audio>`,
			`<audio controls=""></audio>`},
		{"external link", `<a href="https://example.org" rel="nofollow noopener noreferrer">x</a>`,
			`<a href="https://example.org" rel="nofollow noopener noreferrer">x</a>`},
		{"external link without rel", `<a href="https://example.org">x</a>`,
			`<a href="https://example.org" rel="nofollow noreferrer">x</a>`},
		{"no target", `<a href="https://example.org" target="_blank">x</a>`,
			`<a href="https://example.org" rel="nofollow noreferrer">x</a>`},
		{"internal link has no rel", `<a href="/themes/x">x</a>`, `<a href="/themes/x">x</a>`},
		{"schemes", `<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a><a href="ftp://x">c</a><a href="mailto:a@b.nl">d</a>`,
			`abc<a href="mailto:a@b.nl">d</a>`},
		{"script", `<script>alert(1)</script><p onclick="x">y</p>`, `<p>y</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := policy.Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}
