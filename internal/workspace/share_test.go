package workspace

import (
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// TestSharingAFrameOfACasusNeedsTheBoard: editing a casus's frame to visibility: gedeeld is
// refused (the board asks for the consent); a frame no casus uses may be shared by hand, and a
// frame that is shared already stays editable.
func TestSharingAFrameOfACasusNeedsTheBoard(t *testing.T) {
	w := newWorkspace(t)
	frame := func(vis string) []byte {
		return []byte("---\ntitle: Fouten mogen\nteam: ons-team\nthemes: [schaamte]\nvisibility: " + vis + "\n---\nTekst.\n")
	}
	save := func(ref wiki.Ref, data []byte) (wiki.Problems, error) {
		base := ""
		if f, err := w.Store.Read(ref.Path(), ""); err == nil {
			base = f.Blob
		}
		_, probs, err := w.Save(ref, data, base, anna, "")
		return probs, err
	}
	f := wiki.Ref{Kind: wiki.Frame, Slug: "fouten-mogen"}
	if _, err := save(f, frame("team")); err != nil {
		t.Fatal(err)
	}
	// Not on any casus yet: a general idea may be shared by hand.
	if _, err := save(f, frame("gedeeld")); err != nil {
		t.Fatalf("a frame of no casus: %v", err)
	}
	if _, err := save(f, frame("team")); err != nil {
		t.Fatal(err)
	}
	casus := "---\ntitle: Casus S.\nteam: ons-team\nframes: [fouten-mogen]\n---\n"
	if _, err := save(wiki.Ref{Kind: wiki.Case, Slug: "s"}, []byte(casus)); err != nil {
		t.Fatal(err)
	}
	before := mustHead(t, w)
	probs, err := save(f, frame("gedeeld"))
	if err == nil || len(probs.Errors()) != 1 || probs.Errors()[0].Code != "frame.share-needs-consent" ||
		probs.Errors()[0].Line != 5 || !strings.Contains(probs.Errors()[0].Message, `casus "Casus S."`) {
		t.Fatalf("shared by hand: %v %v", err, probs)
	}
	if mustHead(t, w) != before {
		t.Fatal("the refused save committed")
	}
	// Shared on the board (as flow does, straight into git): later edits keep it shared.
	if _, err := w.Store.Update(anna, "gedeeld op het bord", func(tx *store.Tx) error { return tx.Put(f.Path(), frame("gedeeld")) }); err != nil {
		t.Fatal(err)
	}
	if _, err := save(f, []byte(strings.Replace(string(frame("gedeeld")), "Tekst.", "Betere tekst.", 1))); err != nil {
		t.Errorf("editing a shared frame: %v", err)
	}
}
