package purge

import "testing"

func TestTermsScrub(t *testing.T) {
	tm := &terms{}
	for _, s := range []string{"lotte-groep-5", "Lotte (groep 5)", "Zoë, 9 jaar", "tekenen-als-taal", "Tekenen als taal"} {
		tm.add(s)
	}
	tm.addNames("Lotte (groep 5)")
	tm.addNames("Moeder van Lotte")
	tm.addNames("zoe-van-dijk")
	tm.addNames("Mo, 12 jaar")
	tests := []struct {
		msg  string
		hits bool
	}{
		{"Gesprek met Lotte verwerkt", true},
		{"gesprek met LOTTE", true},
		{"cases/lotte-groep-5.md bijgewerkt", true},
		{"Nieuwe pagina portraits/zoe.md", true},
		{"Zoë vertelde over thuis", true},   // accents do not hide a name
		{"Zoe vertelde over thuis", true},   // nor does typing without them
		{"Mo heeft een nieuwe fiets", true}, // two-letter names count
		{"Frame Tekenen als taal aangepast", true},
		{"Van Dijk belde", true},                 // a family name from a slug
		{"Lottemarkt in de stad", false},         // whole words only
		{"Moeder belde over het rapport", false}, // describing words are not names
		{"groep 5 gaat op kamp", false},
		{"themes/trots.md bijgewerkt", false},
		{"samen spelen", false},
	}
	for _, tt := range tests {
		got, hit := tm.scrub(tt.msg + "\n")
		if hit != tt.hits {
			t.Errorf("scrub(%q) hit = %v, want %v", tt.msg, hit, tt.hits)
		}
		if hit && got != NeutralMessage+"\n" {
			t.Errorf("scrub(%q) = %q", tt.msg, got)
		}
		if !hit && got != tt.msg+"\n" {
			t.Errorf("scrub(%q) changed a message that names nothing: %q", tt.msg, got)
		}
	}
}
