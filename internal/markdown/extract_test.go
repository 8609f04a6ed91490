package markdown

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestExtractLinks(t *testing.T) {
	theme := func(s string) wiki.Target { return wiki.Target{Kind: wiki.Theme, Slug: wiki.Slug(s)} }
	bare := func(s string) wiki.Target { return wiki.Target{Slug: wiki.Slug(s)} }
	tests := []struct {
		name string
		src  string
		want []Link
	}{
		{"bare", "Sam [[schaamte]] zich.",
			[]Link{{Target: bare("schaamte"), Label: "schaamte", Sentence: "Sam schaamte zich.", Line: 1}}},
		{"kind and label", "Intro.\n\nHij wil [[theme/veiligheid| zich veilig voelen ]]. Daarna niets.",
			[]Link{{Target: theme("veiligheid"), Label: "zich veilig voelen", Sentence: "Hij wil zich veilig voelen.", Line: 3}}},
		{"folder form", "[[portraits/sam]]",
			[]Link{{Target: wiki.Target{Kind: wiki.Portrait, Slug: "sam"}, Label: "sam", Sentence: "sam", Line: 1}}},
		{"several on one line, sentence each",
			"Eerst [[a]] hier. Dan [[b|B]] daar! En [[c]]? Ja.",
			[]Link{
				{Target: bare("a"), Label: "a", Sentence: "Eerst a hier.", Line: 1},
				{Target: bare("b"), Label: "B", Sentence: "Dan B daar!", Line: 1},
				{Target: bare("c"), Label: "c", Sentence: "En c?", Line: 1},
			}},
		{"soft break joins a sentence over lines",
			"Een zin die\nover [[twee]] regels loopt. En\nnog [[een]].",
			[]Link{
				{Target: bare("twee"), Label: "twee", Sentence: "Een zin die over twee regels loopt.", Line: 2},
				{Target: bare("een"), Label: "een", Sentence: "En nog een.", Line: 3},
			}},
		{"abbreviations do not split", "Sam schaamt zich, bijv. op school, o.a. bij [[gym]]. Dhr. J. de Vries zag het.",
			[]Link{{Target: bare("gym"), Label: "gym", Sentence: "Sam schaamt zich, bijv. op school, o.a. bij gym.", Line: 1}}},
		{"same label twice: the link's own sentence", "Over schaamte. Echt [[schaamte]] dus.",
			[]Link{{Target: bare("schaamte"), Label: "schaamte", Sentence: "Echt schaamte dus.", Line: 1}}},
		{"markup and URLs left out of the sentence", "Zie **[[sam]]** en [de site](https://x.nl) en https://y.nl.",
			[]Link{{Target: bare("sam"), Label: "sam", Sentence: "Zie sam en de site en .", Line: 1}}},
		{"in list, quote, heading, table, footnote",
			"# Over [[kop]]\n\n- punt [[lijst]]\n\n> citaat [[quote]]\n\n| a |\n|---|\n| [[cel\\|Cel]] |\n\nNoot[^1].\n\n[^1]: In de noot [[noot]].",
			[]Link{
				{Target: bare("kop"), Label: "kop", Sentence: "Over kop", Line: 1},
				{Target: bare("lijst"), Label: "lijst", Sentence: "punt lijst", Line: 3},
				{Target: bare("quote"), Label: "quote", Sentence: "citaat quote", Line: 5},
				{Target: bare("cel"), Label: "Cel", Sentence: "Cel", Line: 9},
				{Target: bare("noot"), Label: "noot", Sentence: "In de noot noot.", Line: 13},
			}},
		{"not links: code, link text, image alt, invalid targets",
			"`[[a]]` [x [[b]]](/y) ![[[c]]](/media/x/y.png) [[javascript:x]] [[]]\n\n```\n[[d]]\n```\n\n    [[e]]",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract([]byte(tt.src)).Links
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract(%q).Links =\n%+v\nwant\n%+v", tt.src, got, tt.want)
			}
		})
	}
}

func TestRenderResolvesLinks(t *testing.T) {
	doc, err := New().Render([]byte("[[schaamte]] [[sam]] [[frames/sam]] [[nieuw]]"), testResolve)
	if err != nil {
		t.Fatal(err)
	}
	type res struct {
		ref    string
		exists bool
	}
	var got []res
	for _, l := range doc.Links {
		got = append(got, res{l.Ref.String(), l.Exists})
	}
	want := []res{{"themes/schaamte", true}, {"portraits/sam", true}, {"frames/sam", false}, {"themes/nieuw", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if !strings.Contains(doc.HTML, `<a href="/themes/nieuw" class="wikilink wikilink--new">nieuw</a>`) {
		t.Errorf("missing page not marked:\n%s", doc.HTML)
	}
}

func TestRenderNilAndBadResolver(t *testing.T) {
	r := New()
	doc, err := r.Render([]byte("[[sam]]"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p><a href="/themes/sam" class="wikilink wikilink--new">sam</a></p>` + "\n"; doc.HTML != want {
		t.Errorf("nil resolver: %q, want %q", doc.HTML, want)
	}
	if l := doc.Links[0]; l.Ref != (wiki.Ref{Kind: wiki.Theme, Slug: "sam"}) || l.Exists {
		t.Errorf("nil resolver: link %+v", l)
	}
	// A resolver bug must not turn into an href like "//evil.example".
	bad := func(wiki.Target) (wiki.Ref, bool) { return wiki.Ref{Slug: "evil.example"}, true }
	doc, err = r.Render([]byte("[[sam]]"), bad)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.HTML, `href="/themes/sam"`) || doc.Links[0].Exists {
		t.Errorf("bad resolver answer was used: %s %+v", doc.HTML, doc.Links)
	}
}

func TestExtractText(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"paragraphs", "Een *twee*\ndrie.\n\nVier **vijf**.", "Een twee drie.\n\nVier vijf."},
		{"wiki links as label", "Sam [[schaamte|schaamt zich]] en [[themes/veiligheid]].", "Sam schaamt zich en veiligheid."},
		{"no URLs", "[tekst](https://x.nl) <https://y.nl> www.z.nl ![alt](/media/a/b.png)", "tekst alt"},
		{"no raw HTML", "a <b>vet</b> c\n\n<div>\nweg\n</div>\n\nd", "a vet c\n\nd"},
		{"escapes and entities", `\*geen nadruk\* &amp; &#233;`, "*geen nadruk* & é"},
		{"code kept", "`x  y`\n\n```go\nfunc main() {}\n```", "x y\n\nfunc main() {}"},
		{"headings, lists, tables", "# Kop\n\n- een\n- [x] twee\n\n| a | b |\n|---|---|\n| c | d |",
			"Kop\n\neen\n\ntwee\n\na\tb\n\nc\td"},
		{"footnotes without markers", "Tekst[^1].\n\n[^1]: Noot.", "Tekst.\n\nNoot."},
		{"hard break", "een\\\ntwee", "een\ntwee"},
		{"literal non-links", "[[Hoofd letter]] en [x [[y]]](/z)", "[[Hoofd letter]] en x [[y]]"},
		{"capitals are a link, shown as written", "[[Hoofdletter]] en [[themes/Rust]]", "Hoofdletter en Rust"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract([]byte(tt.src)).Text; got != tt.want {
				t.Errorf("Text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	src := "## Één ding over Zoë\n\n## Één ding over Zoë\n\n# Over [[schaamte|Schaamte]]\n\n### Main\n\n#\n"
	want := []Heading{
		{2, "Één ding over Zoë", "h-één-ding-over-zoë"},
		{2, "Één ding over Zoë", "h-één-ding-over-zoë-2"},
		{1, "Over Schaamte", "h-over-schaamte"},
		{3, "Main", "h-main"},
		{1, "", "h-kop"},
	}
	if got := Extract([]byte(src)).Headings; !reflect.DeepEqual(got, want) {
		t.Errorf("Headings =\n%+v\nwant\n%+v", got, want)
	}
}

func TestHeadingIDs(t *testing.T) {
	ids := newHeadingIDs()
	for _, tt := range []struct{ in, want string }{
		{"Één ding over Zoë", "h-één-ding-over-zoë"},
		{"Één ding over Zoë", "h-één-ding-over-zoë-2"},
		{"Één ding over Zoë 2", "h-één-ding-over-zoë-2-2"}, // "-2" is taken
		{"  Ideeën & coördinatie!  ", "h-ideeën-coördinatie"},
		{"Cafe\u0301 (NFD)", "h-café-nfd"}, // decomposed é is composed first
		{"---", "h-kop"},
		{"", "h-kop-2"},
		{"İstanbul ĲSSELMEER", "h-istanbul-ĳsselmeer"},
		{strings.Repeat("a", 100), "h-" + strings.Repeat("a", maxIDRunes)},
	} {
		if got := string(ids.Generate([]byte(tt.in), 0)); got != tt.want {
			t.Errorf("Generate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := string(ids.Generate([]byte("x"), 0)); got != "h-x" {
		t.Errorf("first x: %q", got)
	}
	for i := 2; i <= 20000; i++ { // O(n): a page of equal headings must not hang the renderer
		if got, want := string(ids.Generate([]byte("x"), 0)), "h-x-"+strconv.Itoa(i); got != want {
			t.Fatalf("duplicate %d: %q, want %q", i, got, want)
		}
	}
	ids.Put([]byte("h-gezet"))
	if got := string(ids.Generate([]byte("gezet"), 0)); got != "h-gezet-2" {
		t.Errorf("after Put: %q", got)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Een. Twee! Drie? Vier", []string{"Een.", "Twee!", "Drie?", "Vier"}},
		{"Zie bijv. de map. Klaar.", []string{"Zie bijv. de map.", "Klaar."}},
		{"Dat is o.a. waar. En d.w.z. ook.", []string{"Dat is o.a. waar.", "En d.w.z. ook."}},
		{"Groep 7. Hij is 11.5 jaar.", []string{"Groep 7.", "Hij is 11.5 jaar."}},
		{"Dhr. Jansen en J. de Vries kwamen.", []string{"Dhr. Jansen en J. de Vries kwamen."}},
		{`Ze zei: "Nee!" Toen ging ze.`, []string{`Ze zei: "Nee!"`, "Toen ging ze."}},
		{"Wacht… Nu.", []string{"Wacht…", "Nu."}},
		{"Wat?! Echt.", []string{"Wat?!", "Echt."}},
		{"kleine letter. na punt", []string{"kleine letter. na punt"}},
		{"regel\nbreuk", []string{"regel", "breuk"}},
		{"", []string{""}},
	}
	for _, tt := range tests {
		b := sentenceBounds(tt.in)
		var got []string
		start := 0
		for _, e := range append(b, len(tt.in)) {
			got = append(got, strings.TrimSpace(tt.in[start:e]))
			start = e
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConcurrentRender is meant for go test -race: one Renderer, many goroutines.
func TestConcurrentRender(t *testing.T) {
	r := New()
	src := []byte(benchPage())
	want, err := r.Render(src, testResolve)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				got, err := r.Render(src, testResolve)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent render differs (err %v)", err)
					return
				}
				if x := Extract(src); x.Text != want.Text {
					t.Errorf("concurrent extract differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}
