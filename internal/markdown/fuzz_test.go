package markdown

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/markdown/xsscorpus"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"golang.org/x/net/html"
)

var (
	safeID    = regexp.MustCompile(`^(h-[\p{Ll}\p{N}-]+|fn:[0-9]+|fnref[0-9]*:[0-9]+)$`)
	safeClass = regexp.MustCompile(`^(wikilink( wikilink--new)?|footnote-ref|footnote-backref|footnotes)$`)
	// urlAttrs hold URLs; text attributes (alt, title) may quote "javascript:" harmlessly.
	urlAttrs = map[string]bool{"href": true, "src": true, "cite": true, "action": true,
		"formaction": true, "poster": true, "background": true, "data": true, "xlink:href": true}
	// controls are what browsers skip inside a URL scheme ("java\tscript:").
	controls = regexp.MustCompile(`[\x00-\x20\x7f]`)
)

// checkSafe fails t if html could run script, carries an event handler or an id/class we do
// not emit, loads media from outside /media/, or is not a fixed point of the policy.
func checkSafe(t testing.TB, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("output contains <script:\n%s", out)
	}
	// What a browser's parser builds from it (foreign content, entities, broken tags).
	if problems := xsscorpus.Check(out); len(problems) > 0 {
		t.Fatalf("unsafe as a browser parses it: %s\n%s", strings.Join(problems, "; "), out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("tokenizer: %v", z.Err())
			}
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "svg", "math":
			t.Fatalf("forbidden element <%s> in:\n%s", tok.Data, out)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(controls.ReplaceAllString(a.Val, ""))
			switch {
			case strings.HasPrefix(key, "on"):
				t.Fatalf("event attribute %s=%q in:\n%s", a.Key, a.Val, out)
			case urlAttrs[key] && (strings.Contains(val, "javascript:") || strings.Contains(val, "vbscript:")):
				t.Fatalf("script URL in %s=%q in:\n%s", a.Key, a.Val, out)
			case key == "style":
				t.Fatalf("style attribute in:\n%s", out)
			case key == "id" && !safeID.MatchString(a.Val):
				t.Fatalf("unexpected id %q in:\n%s", a.Val, out)
			case key == "class" && !safeClass.MatchString(a.Val):
				t.Fatalf("unexpected class %q in:\n%s", a.Val, out)
			case key == "src" && a.Val != "" && !strings.HasPrefix(a.Val, "/media/"):
				t.Fatalf("src outside /media/: %q in:\n%s", a.Val, out)
			case key == "href" && !allowedScheme(val):
				t.Fatalf("href with a scheme we do not allow: %q in:\n%s", a.Val, out)
			}
		}
	}
	if again := policy.Sanitize(out); again != out {
		t.Fatalf("policy is not a fixed point:\n--- once\n%s\n--- twice\n%s", out, again)
	}
}

// allowedScheme reports whether a (lower-case) href is relative or http, https or mailto.
func allowedScheme(href string) bool {
	i := strings.IndexAny(href, ":/?#")
	if i < 0 || href[i] != ':' {
		return true // relative
	}
	switch href[:i] {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// goldenSeeds adds every golden input and every hostile sample to the fuzz corpus.
func goldenSeeds(f *testing.F) {
	for _, s := range xsscorpus.Samples {
		f.Add(s.Markdown)
	}
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
}

func FuzzRender(f *testing.F) {
	goldenSeeds(f)
	for _, s := range []string{
		"[[x|a]]", "[[themes/x]]", "`[[x]]`", "[a [[b]]](c)", "![a [[b]]](/media/x/y.png)",
		"# {#id}", "<a href=javascript:x>y</a>", "[x](javascript&#58;alert(1))", "[^1]\n\n[^1]: x",
		"| a |\n|---|\n| [[x\\|y]] |", "- [x] t", "www.x.nl/<script>",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := r.Render([]byte(src), testResolve)
		if err != nil {
			t.Fatal(err)
		}
		checkSafe(t, doc.HTML)
		for _, h := range doc.Headings {
			if !safeID.MatchString(h.ID) || !strings.HasPrefix(h.ID, "h-") {
				t.Fatalf("heading id %q", h.ID)
			}
		}
		for _, l := range doc.Links {
			if _, err := wiki.ParseTarget(l.Target.String()); err != nil {
				t.Fatalf("link with invalid target %q", l.Target)
			}
			if !l.Ref.Kind.Valid() || l.Line < 1 {
				t.Fatalf("link %+v", l)
			}
		}
		x := Extract([]byte(src))
		if x.Text != doc.Text || len(x.Links) != len(doc.Links) || len(x.Headings) != len(doc.Headings) {
			t.Fatalf("Extract and Render disagree")
		}
	})
}

func FuzzRewriteLinks(f *testing.F) {
	goldenSeeds(f)
	for _, s := range []string{
		"[[schaamte]] en [[themes/schaamte|x]] en [[theme/schaamte]]", "`[[schaamte]]` [[schaamte]]",
		"[^1]\n\n[^1]: [[schaamte]]\n\n[[schaamte]]", "| [[schaamte\\|s]] |\n|--|\n| [[ schaamte ]] |",
	} {
		f.Add(s)
	}
	pairs := [][2]wiki.Ref{
		{{Kind: wiki.Theme, Slug: "schaamte"}, {Kind: wiki.Theme, Slug: "schaamte-en-schuld"}},
		{{Kind: wiki.Theme, Slug: "schaamte"}, {Kind: wiki.Frame, Slug: "schaamte"}},
		{{Kind: wiki.Portrait, Slug: "sam"}, {Kind: wiki.Case, Slug: "sam-groep-7"}},
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range pairs {
			from, to := p[0], p[1]
			// A workspace in which from is the only page: then a bare link is always
			// unambiguous, and the round trip must give back the original.
			only := func(r wiki.Ref) Resolver {
				return func(t wiki.Target) (wiki.Ref, bool) {
					return wiki.Resolve(t, func(x wiki.Ref) bool { return x == r })
				}
			}
			out, changed := RewriteLinks([]byte(src), from, to, only(from))
			if changed != !bytes.Equal(out, []byte(src)) {
				t.Fatalf("changed=%v but output differs=%v", changed, !bytes.Equal(out, []byte(src)))
			}
			toBefore := false
			for _, l := range Extract([]byte(src)).Links {
				if l.Target.Slug == to.Slug {
					toBefore = true
				}
			}
			if toBefore {
				continue
			}
			back, _ := RewriteLinks(out, to, from, only(to))
			// Targets are case-insensitive and rewritten in lower case, so [[Schaamte]] comes back
			// as [[schaamte]]; compare without case.
			if !bytes.Equal(bytes.ToLower(back), bytes.ToLower([]byte(src))) {
				t.Fatalf("round trip %v→%v→%v:\n--- src\n%q\n--- there\n%q\n--- back\n%q", from, to, from, src, out, back)
			}
		}
	})
}
