package wiki

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const editPage = `---
title: Casus Sam # gekozen door het team
team: ons-team
themes:
  - schaamte
  - {slug: angst, why: "hij slaapt slecht"}
portraits: [sam-thuis]
---
De tekst blijft *precies* zo.
`

func TestEditFront(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *Front) error
		want string // the front matter after the edit
	}{
		{"set a new key", func(f *Front) error { return f.Set("status", "afgerond") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\nstatus: afgerond\n"},
		{"replace a value keeps its comment", func(f *Front) error { return f.Set("title", "Casus S.") },
			"title: Casus S. # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\n"},
		{"a short-form item gets a second key", func(f *Front) error { return f.Set("themes[0].why", "hij kijkt weg") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - slug: schaamte\n    why: hij kijkt weg\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\n"},
		{"a flow item stays on one line", func(f *Front) error { return f.Set("themes[1].why", "bang in het donker") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: bang in het donker}\nportraits: [sam-thuis]\n"},
		{"append to a flow list", func(f *Front) error { return f.Append("portraits", "sam-school") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis, sam-school]\n"},
		{"append makes a missing list; dates stay unquoted", func(f *Front) error {
			return f.Append("actions", struct {
				What string `yaml:"what"`
				When Date   `yaml:"when"`
			}{"samen fietsen", "2026-12-01"})
		},
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\nactions:\n  - what: samen fietsen\n    when: 2026-12-01\n"},
		{"remove a list item", func(f *Front) error { return f.Remove("themes[0]") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\n"},
		{"an empty value removes the key", func(f *Front) error { return f.Set("themes[1].why", "") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst}\nportraits: [sam-thuis]\n"},
		{"removing what is not there is no error", func(f *Front) error { return f.Remove("recognized.by") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\n"},
		{"a nested key under a missing parent", func(f *Front) error { return f.Set("recognized.by", "Sam") },
			"title: Casus Sam # gekozen door het team\nteam: ons-team\nthemes:\n  - schaamte\n  - {slug: angst, why: \"hij slaapt slecht\"}\nportraits: [sam-thuis]\nrecognized:\n  by: Sam\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := EditFront([]byte(editPage), tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			front, body, _, err := Split(out)
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.want {
				t.Errorf("front matter:\n%s\nwant:\n%s", front, tt.want)
			}
			if string(body) != "De tekst blijft *precies* zo.\n" {
				t.Errorf("body changed: %q", body)
			}
		})
	}
}

func TestEditFrontRead(t *testing.T) {
	_, err := EditFront([]byte(editPage), func(f *Front) error {
		for path, want := range map[string]string{
			"themes[0].slug": "schaamte", "themes[1].slug": "angst", "themes[1].why": "hij slaapt slecht",
			"team": "ons-team", "themes[7].slug": "", "nothing": "",
		} {
			if got := f.String(path); got != want {
				t.Errorf("String(%q) = %q, want %q", path, got, want)
			}
		}
		if n := f.Len("themes"); n != 2 {
			t.Errorf("Len(themes) = %d", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEditFrontRefuses(t *testing.T) {
	tests := []struct {
		name string
		page string
		edit func(f *Front) error
	}{
		{"index past the end", editPage, func(f *Front) error { return f.Set("themes[5].why", "x") }},
		{"append to a scalar", editPage, func(f *Front) error { return f.Append("team", "x") }},
		{"bad path", editPage, func(f *Front) error { return f.Set("themes[x]", "x") }},
		{"no front matter", "just text\n", func(f *Front) error { return nil }},
		{"front matter is a list", "---\n- a\n---\n", func(f *Front) error { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if out, err := EditFront([]byte(tt.page), tt.edit); err == nil {
				t.Fatalf("no error; got\n%s", out)
			}
		})
	}
	_, err := EditFront([]byte(editPage), func(f *Front) error { return f.Set("themes[5].why", "x") })
	if !errors.Is(err, ErrPath) {
		t.Errorf("err = %v, want ErrPath", err)
	}
}

// TestEditFrontKeepsLibrary proves an edit leaves everything it did not touch as written: every
// starter page and template comes back byte for byte after setting and removing a key.
func TestEditFrontKeepsLibrary(t *testing.T) {
	files, _ := filepath.Glob("../../*/library/*.md")
	templates, _ := filepath.Glob("../../*/template.md")
	if len(files) < 40 {
		t.Fatalf("found only %d library pages", len(files))
	}
	for _, name := range append(files, templates...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("---")) {
			continue
		}
		out, err := EditFront(data, func(f *Front) error {
			if err := f.Set("zz-tijdelijk", "x"); err != nil {
				return err
			}
			return f.Remove("zz-tijdelijk")
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s changed:\n%s", name, out)
		}
	}
}

func FuzzEditFront(f *testing.F) {
	f.Add([]byte(editPage), "themes[0].why", "x")
	f.Add([]byte("---\ntitle: a\n---\n"), "a.b[0]", "")
	f.Add([]byte("---\n---\n"), "status", "open")
	f.Fuzz(func(t *testing.T, page []byte, path, value string) {
		out, err := EditFront(page, func(fr *Front) error { return fr.Set(path, value) })
		if err != nil {
			return
		}
		_, body, _, err := Split(out)
		if err != nil {
			t.Fatalf("result does not split: %v\n%s", err, out)
		}
		_, wantBody, _, _ := Split(page)
		if !bytes.Equal(body, wantBody) {
			t.Fatalf("body changed: %q → %q", wantBody, body)
		}
		if value != "" && utf8.ValidString(value) && !strings.ContainsAny(path, "[]") {
			if _, err := EditFront(out, func(fr *Front) error {
				if got := fr.String(path); got != value && !strings.Contains(path, "..") {
					t.Errorf("String(%q) after Set = %q, want %q", path, got, value)
				}
				return nil
			}); err != nil {
				t.Fatalf("result does not parse: %v\n%s", err, out)
			}
		}
	})
}
