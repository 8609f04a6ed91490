package web

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// restore puts an old version of a page back as a new commit; history is never rewritten.
// The old text must still pass today's rules for its kind: a page that would not save now is
// not put back either, and nothing is committed.
func (s *Server) restore(c *fiber.Ctx) error {
	s = s.as(c)
	ref, _, r, data, err := s.oldVersion(c, c.FormValue("versie"), &Error{Status: fiber.StatusUnprocessableEntity, Code: "deleted-revision",
		Message: "In deze versie was de pagina verwijderd, dus er is niets om terug te zetten. Kies een andere versie in de geschiedenis."})
	if err != nil {
		return err
	}
	if _, probs := workspace.Parse(ref.Path(), data); probs.HasErrors() {
		return &Error{Status: fiber.StatusUnprocessableEntity, Code: "invalid-revision",
			Message:  "Deze oude versie kan niet terug: de gegevens bovenaan passen niet bij de regels van nu. Er is niets veranderd. Hieronder staat wat er niet klopt; je kunt de pagina ook gewoon bewerken.",
			Problems: probs.Errors()}
	}
	if err := s.mayWrite(ref, data); err != nil {
		return err
	}
	author := s.author(c)
	msg := strings.TrimSpace(c.FormValue("bericht"))
	if msg == "" {
		msg = ref.Path() + " teruggezet naar versie " + r.Short
	}
	var res store.SaveResult
	if r.Path == ref.Path() {
		res, err = s.ws.Store.Restore(ref.Path(), r.Commit, author, msg)
	} else {
		// The version is from before a rename: its text sits under the old path, so it
		// is saved over the page's current one.
		base := ""
		if f, ferr := s.ws.Store.Read(ref.Path(), ""); ferr == nil {
			base = f.Blob
		}
		res, _, err = s.ws.Save(ref, data, base, author, msg)
	}
	if err != nil {
		return fmt.Errorf("web: restore %s: %w", ref, err)
	}
	if err := s.links.Sync(); err != nil {
		return err
	}
	// The page view turns the flag into a sentence (its notices map); the query holds no text.
	flag := "teruggezet"
	if res.Unchanged {
		flag = "al-gelijk"
	}
	return c.Redirect(ref.URL()+"?"+flag+"=1", fiber.StatusSeeOther)
}
