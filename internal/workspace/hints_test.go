package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// hintCases has, for every hint code of the method, a page that should get it and a near miss
// that should not. TestEveryHintHasACase fails when a kind gains a hint without a row here.
var hintCases = []struct {
	code, path, hit, miss string
}{
	{"case.few-themes", "cases/sam.md",
		"title: Sam\nteam: t\nthemes: [schaamte, angst]\n",
		"title: Sam\nteam: t\nthemes: [schaamte, angst, rust]\n"},
	{"case.many-themes", "cases/sam.md",
		"title: Sam\nteam: t\nthemes: [a, b, c, d, e, f, g, h, i, j, k]\n",
		"title: Sam\nteam: t\nthemes: [a, b, c, d, e, f, g, h, i, j]\n"},
	{"case.abstract-theme", "cases/sam.md",
		"title: Sam\nteam: t\nthemes: [welbevinden, schaamte, angst]\n",
		"title: Sam\nteam: t\nthemes: [rust, schaamte, angst]\n"},
	{"case.actions-too-soon", "cases/sam.md",
		"title: Sam\nteam: t\nthemes: [schaamte, angst, rust]\nframes: [f]\nactions: [{what: bellen, frame: f}]\n",
		"title: Sam\nteam: t\nportraits: [p]\nthemes: [schaamte, angst, rust]\nframes: [f]\nactions: [{what: bellen, frame: f}]\n"},
	{"case.action-no-frame", "cases/sam.md",
		"title: Sam\nteam: t\nportraits: [p]\nthemes: [schaamte, angst, rust]\nactions: [{what: bellen}]\n",
		"title: Sam\nteam: t\nportraits: [p]\nthemes: [schaamte, angst, rust]\nframes: [f]\nactions: [{what: bellen, frame: f}]\n"},
	{"case.action-frame-elsewhere", "cases/sam.md",
		"title: Sam\nteam: t\nportraits: [p]\nthemes: [schaamte, angst, rust]\nframes: [f]\nactions: [{what: bellen, frame: g}]\n",
		"title: Sam\nteam: t\nportraits: [p]\nthemes: [schaamte, angst, rust]\nframes: [f, g]\nactions: [{what: bellen, frame: g}]\n"},
	{"case.closed-date", "cases/sam.md",
		"title: Sam\nteam: t\nstatus: afgerond\n",
		"title: Sam\nteam: t\nstatus: afgerond\nclosed: 2026-06-30\n"},
	{"frame.no-themes", "frames/rust.md",
		"title: Rust in de ochtend\nteam: t\n",
		"title: Rust in de ochtend\nteam: t\nthemes: [rust]\n"},
	{"frame.no-reason", "frames/rust.md",
		"title: Rust in de ochtend\nteam: t\nthemes: [rust]\nstatus: losgelaten\n",
		"title: Rust in de ochtend\nteam: t\nthemes: [rust]\nstatus: losgelaten\nreason: het paste niet bij het gezin\n"},
	{"frame.names-means", "frames/rust.md",
		"title: Faalangsttraining voor Sam\nteam: t\nthemes: [angst]\n",
		"title: Sam durft fouten te maken\nteam: t\nthemes: [angst]\n"},
	{"portrait.not-recognized", "portraits/sam.md",
		"title: Sam thuis\nteam: t\nstatus: besproken\n",
		"title: Sam thuis\nteam: t\nstatus: herkend\nrecognized: {by: Sam, on: 2026-11-02}\n"},
	{"portrait.recognized-missing", "portraits/sam.md",
		"title: Sam thuis\nteam: t\nstatus: herkend\n",
		"title: Sam thuis\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\n"},
	{"team.coordinator-not-member", "teams/t.md",
		"title: Team\nmembers: [{name: Ans}]\ncoordinator: Bo\n",
		"title: Team\nmembers: [{name: Ans}, {name: Bo}]\ncoordinator: Bo\n"},
	{"theme.abstract", "themes/welbevinden.md",
		"title: Welbevinden\n",
		"title: Rust\n"},
}

func TestHints(t *testing.T) {
	for _, tc := range hintCases {
		t.Run(tc.code, func(t *testing.T) {
			codes := func(front string) map[string]wiki.Problem {
				_, probs := Parse(tc.path, []byte("---\n"+front+"---\nTekst.\n"))
				if probs.HasErrors() {
					t.Fatalf("page has errors: %v", probs.Errors())
				}
				out := map[string]wiki.Problem{}
				for _, p := range probs.Hints() {
					out[p.Code] = p
				}
				return out
			}
			got, ok := codes(tc.hit)[tc.code]
			if !ok {
				t.Fatalf("no %s hint for\n%s", tc.code, tc.hit)
			}
			if strings.TrimSpace(got.Message) == "" || got.Field == "" {
				t.Errorf("hint lacks a message or a field: %+v", got)
			}
			if _, ok := codes(tc.miss)[tc.code]; ok {
				t.Errorf("%s hint on the near miss\n%s", tc.code, tc.miss)
			}
		})
	}
}

// TestFrameMeansInText: the means may also be in the text, but a template's prompt is not the
// team's writing.
func TestFrameMeansInText(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"We melden Sam aan bij het wijkteam.\n", true},
		{"Sam krijgt schoolmaatschappelijk werk.\n", false}, // "maatschappelijk werk" only as two words
		{"Sam krijgt maatschappelijk werk.\n", true},
		{"_Noem geen training of therapie: dat is stap 4._\n", false},
		{"Sam voelt zich veilig bij zijn trainer.\n", false},
		{"Dit is een richting, geen regel of programma.\n", false},
		{"Geen training, maar wel een gesprek met een psycholoog.\n", true},
	} {
		_, probs := Parse("frames/f.md", []byte("---\ntitle: Veilig thuis\nteam: t\nthemes: [veiligheid]\n---\n"+tc.body))
		got := false
		for _, p := range probs.Hints() {
			got = got || p.Code == "frame.names-means"
		}
		if got != tc.want {
			t.Errorf("%q: names-means = %v, want %v", tc.body, got, tc.want)
		}
	}
}

// TestEveryHintHasACase reads the kind packages' sources for hint codes.
func TestEveryHintHasACase(t *testing.T) {
	re := regexp.MustCompile(`c\.Hint\("([a-z.-]+)"`)
	var inCode []string
	for _, dir := range []string{"cases", "frames", "portraits", "teams", "themes"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllSubmatch(src, -1) {
				inCode = append(inCode, string(m[1]))
			}
		}
	}
	tested := map[string]bool{}
	for _, tc := range hintCases {
		tested[tc.code] = true
	}
	sort.Strings(inCode)
	if len(inCode) < 10 {
		t.Fatalf("found only %d hint codes in the kind packages: %v", len(inCode), inCode)
	}
	for _, code := range inCode {
		if !tested[code] {
			t.Errorf("hint %s has no row in hintCases", code)
		}
	}
}

// TestStarterFramesFollowTheMethod: the example frames are what teams copy, so they get none
// of the method's frame hints.
func TestStarterFramesFollowTheMethod(t *testing.T) {
	entries, err := fs.ReadDir(frames.Library, "library")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no starter frames: %v", err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(frames.Library, "library/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		_, probs := Parse("frames/"+e.Name(), data)
		for _, p := range probs {
			t.Errorf("%s", p)
		}
	}
}
