package flow

import (
	"testing"
)

// BenchmarkApply measures one board change end to end: read the casus under the write lock,
// edit its front matter, validate, commit. Statuses alternate so every run is a real commit.
func BenchmarkApply(b *testing.B) {
	ws := newBoard(b)
	for _, ch := range []Change{ChooseTheme{Theme: "schaamte"}, ChooseTheme{Theme: "rust"}, ChooseTheme{Theme: "angst"},
		AddPortrait{Title: "S. thuis"}, AddAction{What: "Bellen met moeder"}} {
		if _, err := Apply(ws, "s-groep-7", mentor, ch); err != nil {
			b.Fatal(err)
		}
	}
	statuses := []string{"bezig", "gepland"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Apply(ws, "s-groep-7", mentor, ActionStatus{Index: 0, What: "Bellen met moeder", Status: statuses[i%2]}); err != nil {
			b.Fatal(err)
		}
	}
}
