package wiki

import (
	"strings"
	"testing"
)

func TestParseSlug(t *testing.T) {
	for _, s := range []string{"a", "schaamte", "sam-groep-7", "x1-2y", strings.Repeat("a", MaxSlugLen)} {
		if _, err := ParseSlug(s); err != nil {
			t.Errorf("ParseSlug(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "..", "../x", "a/b", "-a", "a-", "a--b", "Schaamte", "één", "a b", "a.md", strings.Repeat("a", MaxSlugLen+1)} {
		if _, err := ParseSlug(s); err == nil {
			t.Errorf("ParseSlug(%q) accepted", s)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]Slug{
		"Schaamte":                   "schaamte",
		"Één ding over Zoë":          "een-ding-over-zoe",
		"Sam (groep 7)":              "sam-groep-7",
		"  Gezien   worden!  ":       "gezien-worden",
		"Geïnteresseerd & betrokken": "geinteresseerd-betrokken",
		"Straße":                     "strasse",
		"ĳsbeer":                     "ijsbeer",
		"???":                        "",
		"../../etc/passwd":           "etc-passwd",
	}
	for in, want := range tests {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Slugify(strings.Repeat("ab ", 100)); len(got) > MaxSlugLen || got.CheckValue() != nil {
		t.Errorf("long title gives invalid slug %q", got)
	}
}

func TestRefFromPath(t *testing.T) {
	r, err := RefFromPath("themes/schaamte.md")
	if err != nil || r != (Ref{Theme, "schaamte"}) || r.Path() != "themes/schaamte.md" || r.URL() != "/themes/schaamte" {
		t.Fatalf("RefFromPath = %v, %v", r, err)
	}
	for _, p := range []string{"theme/schaamte.md", "themes/schaamte.txt", "themes/Schaamte.md", "themes/a/b.md", "schaamte.md", "media/x/y.md", "themes/../x.md"} {
		if _, err := RefFromPath(p); err == nil {
			t.Errorf("RefFromPath(%q) accepted", p)
		}
	}
}

func TestParseTargetAndResolve(t *testing.T) {
	existing := map[Ref]bool{{Portrait, "sam"}: true, {Theme, "schaamte"}: true, {Case, "schaamte"}: true}
	exists := func(r Ref) bool { return existing[r] }
	tests := []struct {
		in    string
		want  Ref
		found bool
	}{
		{"schaamte", Ref{Theme, "schaamte"}, true},
		{"sam", Ref{Portrait, "sam"}, true},
		{" cases/schaamte ", Ref{Case, "schaamte"}, true},
		{"Schaamte", Ref{Theme, "schaamte"}, true},
		{"Portraits/Sam", Ref{Portrait, "sam"}, true},
		{"case/schaamte", Ref{Case, "schaamte"}, true},
		{"nieuw-thema", Ref{Theme, "nieuw-thema"}, false},
		{"frames/sam", Ref{Frame, "sam"}, false},
	}
	for _, tt := range tests {
		tg, err := ParseTarget(tt.in)
		if err != nil {
			t.Fatalf("ParseTarget(%q): %v", tt.in, err)
		}
		if got, found := Resolve(tg, exists); got != tt.want || found != tt.found {
			t.Errorf("Resolve(%q) = %v %v, want %v %v", tt.in, got, found, tt.want, tt.found)
		}
	}
	for _, bad := range []string{"", "javascript:alert(1)", "../etc", "onbekend/x", "themes/", "a|b", "themes/x/y"} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) accepted", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ncolor: rood\nitems: [a, {slug: b}]\n---\nTekst\n"))
	f.Add([]byte("---\ntitle: &a [x]\nslugs: *a\n---\n"))
	f.Add([]byte("---\n: : :\n---"))
	schema := Schema{Kind: Theme, New: func() Meta { return &testMeta{} }}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := Parse(schema, Ref{Theme, "x"}, data)
		if p == nil && len(probs) == 0 {
			t.Fatal("no page and no problem")
		}
		for _, pr := range probs {
			if pr.Message == "" || pr.Code == "" {
				t.Fatalf("problem without code or message: %+v", pr)
			}
		}
		if p != nil && !probs.HasErrors() && p.Title() == "" {
			t.Fatal("valid page without title")
		}
	})
}
