package portraits

import (
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestDomainsField(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"two domains", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\ndomains: [school, gezin]\n", nil},
		{"every domain", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\ndomains: [" + strings.Join(DomainValues(), ", ") + "]\n", nil},
		{"unknown domain", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\ndomains: [school, thuissituatie]\n", []string{"frontmatter.bad-value"}},
		{"not a list", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\ndomains: {school: ja}\n", []string{"frontmatter.type"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}

func TestCoverage(t *testing.T) {
	for _, tt := range []struct {
		name    string
		covered []Domain
		in      []Domain
	}{
		{"none", nil, nil},
		{"order of the method, not of the file", []Domain{"vrienden", "school", "school"}, []Domain{"school", "vrienden"}},
		{"unknown values are not counted", []Domain{"wonen", "maan"}, []Domain{"wonen"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in, out := Coverage(tt.covered)
			var got []Domain
			for _, d := range in {
				got = append(got, d.Domain)
			}
			if !slices.Equal(got, tt.in) {
				t.Errorf("in = %v, want %v", got, tt.in)
			}
			if len(in)+len(out) != len(Domains) {
				t.Errorf("%d in + %d out, want %d together", len(in), len(out), len(Domains))
			}
			for _, d := range out {
				if slices.Contains(tt.in, d.Domain) {
					t.Errorf("%s both in and out", d.Domain)
				}
			}
		})
	}
}

func TestDomainLabel(t *testing.T) {
	if got := DomainLabel("gezin"); got != "Gezin en familie" {
		t.Errorf("gezin: %q", got)
	}
	if got := DomainLabel("maan"); got != "maan" {
		t.Errorf("unknown: %q", got)
	}
}

func TestVariantFor(t *testing.T) {
	want := map[string]Variant{"jongere": ForPupil, "ouder": ForParent, "gezin": ForParent,
		"groep": ForPupil, "professional": ForPupil, "zelf": ForPupil, "": ForPupil}
	for s, v := range want {
		if got := VariantFor(Subject(s)); got != v {
			t.Errorf("VariantFor(%q) = %s, want %s", s, got, v)
		}
		if got := VariantFor(Subject(s)).Other(); got == v {
			t.Errorf("Other of %s is itself", v)
		}
	}
	q := Question{Pupil: "a", Parent: "b"}
	if q.For(ForPupil) != "a" || q.For(ForParent) != "b" {
		t.Errorf("Question.For mixes up the variants")
	}
	if Subjects[0] != "jongere" || VariantFor(Subject(Subjects[1])) != ForParent {
		t.Errorf("subjects changed order; check VariantFor")
	}
}

// Every question is written for both a pupil and a parent, as a full sentence, and no two
// questions in the editor say the same thing.
func TestTopicsAreComplete(t *testing.T) {
	seen := map[string]string{}
	check := func(where string, q Question) {
		t.Helper()
		for _, v := range []Variant{ForPupil, ForParent} {
			s := q.For(v)
			if s == "" || !strings.ContainsAny(s[len(s)-1:], "?.") || strings.ToUpper(s[:1]) != s[:1] {
				t.Errorf("%s (%s): %q is not a full question", where, v, s)
			}
			if prev, dup := seen[s]; dup {
				t.Errorf("%s repeats %q from %s", where, s, prev)
			}
			seen[s] = where
		}
	}
	if len(FirstTalk) != 5 {
		t.Errorf("the short set has %d questions, the method names 5", len(FirstTalk))
	}
	for i, q := range FirstTalk {
		check("eerste gesprek "+string(rune('1'+i)), q)
	}
	if len(Topics) != 8 {
		t.Errorf("%d topics, the method names 8", len(Topics))
	}
	keys := map[string]bool{}
	for _, tp := range Topics {
		if keys[tp.Key] || tp.Key == "" || tp.Title == "" || tp.About == "" || len(tp.Questions) < 3 {
			t.Errorf("topic %+v: empty or repeated key, title or about, or fewer than 3 questions", tp.Key)
		}
		keys[tp.Key] = true
		for _, q := range tp.Questions {
			check(tp.Key, q)
		}
	}
	for _, d := range Domains {
		if d.Label == "" || d.About == "" {
			t.Errorf("domain %s without label or description", d.Domain)
		}
		check("domein "+string(d.Domain), d.Question)
		if err := d.Domain.CheckValue(); err != nil {
			t.Errorf("domain %s: %v", d.Domain, err)
		}
	}
}
