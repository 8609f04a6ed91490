package flow

import (
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

var today = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestConsentAndSharing(t *testing.T) {
	ws := newBoard(t)
	apply(t, ws, mentor, ChooseTheme{Theme: "schaamte"})
	apply(t, ws, mentor, MakeFrame{Title: "Fouten mogen", Themes: []wiki.Slug{"schaamte"}})

	// Sharing needs a consent first.
	if _, err := Apply(ws, "s-groep-7", ib, ShareFrame{Frame: "fouten-mogen", Consent: 0, Today: today}); !isKind(err, Invalid) || !strings.Contains(err.Error(), "leg hem dan eerst vast") {
		t.Fatalf("share without consent: %v", err)
	}
	res := apply(t, ws, ib, AddConsent{By: "moeder", For: "frames delen als inspiratie", Until: "2027-07-31", Today: today})
	if res.Message != `Casus S. (groep 7): toestemming vastgelegd van moeder voor "frames delen als inspiratie"` {
		t.Errorf("message %q", res.Message)
	}
	res = apply(t, ws, ib, ShareFrame{Frame: "fouten-mogen", Consent: 0, Today: today})
	if want := `Casus S. (groep 7): frame "Fouten mogen" gedeeld met andere teams, met toestemming van moeder voor "frames delen als inspiratie" (2026-11-23)`; res.Message != want {
		t.Errorf("share message %q", res.Message)
	}
	frame, _ := page(t, ws, wiki.Frame, "fouten-mogen")
	if v := frame.Meta.(*frames.Meta).Visibility; v != "gedeeld" {
		t.Errorf("visibility %q", v)
	}
	// Withdrawn consent: the record stays, with the day; sharing on it is refused.
	apply(t, ws, ib, UnshareFrame{Frame: "fouten-mogen"})
	apply(t, ws, ib, WithdrawConsent{Index: 0, By: "moeder", For: "frames delen als inspiratie", Today: today})
	casus, _ := page(t, ws, wiki.Case, "s-groep-7")
	cs := casus.Meta.(*cases.Meta).Consent
	if len(cs) != 1 || cs[0].Withdrawn != "2026-11-23" || cs[0].Until != "2027-07-31" {
		t.Errorf("consent after withdrawal: %+v", cs)
	}
	if _, err := Apply(ws, "s-groep-7", ib, ShareFrame{Frame: "fouten-mogen", Consent: 0, Today: today}); !isKind(err, Invalid) || !strings.Contains(err.Error(), "geldt vandaag niet") {
		t.Errorf("share on withdrawn consent: %v", err)
	}
	for _, tt := range []struct {
		ch   Change
		kind ErrorKind
		msg  string
	}{
		{AddConsent{By: "", For: "x", Today: today}, Invalid, "wie toestemming gaf"},
		{AddConsent{By: "vader", For: "x", Until: "2026-01-01", Today: today}, Invalid, "voordat ze begint"},
		{AddConsent{By: "vader", For: "x", Date: "gisteren", Today: today}, Invalid, "geen datum"},
		{WithdrawConsent{Index: 0, By: "moeder", For: "frames delen als inspiratie", Today: today}, Conflict, "al ingetrokken"},
		{WithdrawConsent{Index: 0, By: "vader", For: "iets", Today: today}, Conflict, "intussen veranderd"},
		{ShareFrame{Frame: "onbekend", Consent: 0, Today: today}, NotFound, "staat niet op dit bord"},
	} {
		before, _ := ws.Store.Head()
		_, err := Apply(ws, "s-groep-7", ib, tt.ch)
		if !isKind(err, tt.kind) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%+v: %v", tt.ch, err)
		}
		if after, _ := ws.Store.Head(); after != before {
			t.Errorf("%+v committed", tt.ch)
		}
	}
}
