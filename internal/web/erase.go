package web

import (
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// eraseView is the confirmation page of an erasure: what goes, what stays, the export first,
// and the form that asks for the casus's slug.
type eraseView struct {
	Base
	Ref      wiki.Ref
	Label    string // the casus's title for a beheerder who may read it, else its path
	Erased   []purge.Line
	Earlier  bool // attachments the pages had before go too
	Kept     []purge.Kept
	Mentions []string
	Digest   string // what the beheerder saw; the erasure stops if it would now erase otherwise
	// NeedsExport: the casus is in the workspace now, so there is an export to make first
	// (a casus deleted earlier is only in the history, and has none).
	NeedsExport bool
	Exported    bool      // this session downloaded the casus's inzage bundle
	ExportedAt  time.Time // when, the last time
	InzageURL   string
	CanErase    bool   // the server holds the data directory's lock (WithDataLock)
	Error       string // why the last try erased nothing
	Typed       string // what was typed in the confirmation field
}

// Ready reports whether the erase button is there: the export came first, if there is one.
func (v eraseView) Ready() bool { return v.CanErase && (!v.NeedsExport || v.Exported) }

const (
	msgManageErase = "Alleen een beheerder kan een casus wissen. Vraag het aan een beheerder van de school."
	msgPlanChanged = "Wat er gewist wordt, is veranderd sinds je deze pagina opende. Hieronder staat hoe het nu is. Kijk het na en bevestig opnieuw. Er is niets gewist."
)

// erasePlan plans erasing the casus with the server's own store, for the confirmation page.
func (s *Server) erasePlan(ref wiki.Ref) (*purge.Plan, error) {
	p, err := purge.PlanWith(s.ws.Store, s.ws.Dir(), ref, true)
	if err != nil {
		return nil, eraseError(err)
	}
	return p, nil
}

// eraseError turns what purge says into what the beheerder reads; nil for an error that is
// not one of purge's refusals.
func eraseError(err error) error {
	switch {
	case errors.Is(err, purge.ErrNotFound):
		return &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Deze casus staat niet in de werkplek en ook niet in de geschiedenis. Er is niets te wissen.", Err: err}
	case errors.Is(err, purge.ErrAmbiguous):
		return &Error{Status: fiber.StatusConflict, Code: "ambiguous",
			Message: "Wissen kan zo niet: " + strings.TrimPrefix(err.Error(), "purge: ambiguous: ") + ". Er is niets gewist.", Err: err}
	case errors.Is(err, purge.ErrUnsupported):
		return &Error{Status: fiber.StatusConflict, Code: "unsupported",
			Message: "De repository heeft andere takken, tags of geleende objecten. Die houden de oude geschiedenis vast; ruim ze eerst op (zie de handleiding bij leefwereld purge). Er is niets gewist.", Err: err}
	case errors.Is(err, purge.ErrChanged):
		return &Error{Status: fiber.StatusConflict, Code: "changed",
			Message: "Iemand veranderde de werkplek terwijl het wissen werd voorbereid. Er is niets gewist; probeer het opnieuw.", Err: err}
	}
	return err
}

// eraseViewOf fills the confirmation page for a plan.
func (s *Server) eraseViewOf(c *fiber.Ctx, ref wiki.Ref, p *purge.Plan) (eraseView, error) {
	v := eraseView{Ref: ref, Label: ref.Path(), Kept: p.Kept, Mentions: p.Mentions, Digest: p.Digest(),
		NeedsExport: p.Now(ref.Path()), InzageURL: ref.URL() + "/inzage", CanErase: s.maint.lock != nil}
	v.Erased, v.Earlier = p.Lines()
	if s.canRead(ref) && s.links.Exists(ref) {
		v.Label = s.links.Title(ref)
	}
	var err error
	if v.ExportedAt, v.Exported, err = s.exported(c, ref); err != nil {
		return v, err
	}
	v.Base = s.base(c, "Casus wissen: "+v.Label)
	return v, nil
}

// exported reports when this browser session last downloaded the casus's inzage bundle, from
// the inzage log: the export that the erasure asks for first.
func (s *Server) exported(c *fiber.Ctx, ref wiki.Ref) (time.Time, bool, error) {
	acc, ok := accountOf(c)
	ses, live := sessionOf(c)
	if !ok || !live {
		return time.Time{}, false, nil
	}
	views, err := s.accounts.Views([]string{ref.Path()})
	if err != nil {
		return time.Time{}, false, err
	}
	var last time.Time
	for _, v := range views {
		if v.Who == acc.ID && v.What == viewInzage && !v.At.Before(ses.Created) && v.At.After(last) {
			last = v.At
		}
	}
	return last, !last.IsZero(), nil
}

// eraseForm answers GET /cases/:slug/wissen: for a beheerder, what erasing the casus takes
// away (from the workspace and from every commit), the export to make first, and the form.
func (s *Server) eraseForm(c *fiber.Ctx) error {
	s = s.as(c)
	_, v, err := s.eraseRequest(c)
	if err != nil {
		return err
	}
	return s.render(c, "erase", v)
}

// eraseRequest checks that a beheerder asks, and reads the casus's erasure plan into its page.
func (s *Server) eraseRequest(c *fiber.Ctx) (wiki.Ref, eraseView, error) {
	ref, err := s.manageCase(c, msgManageErase)
	if err != nil {
		return ref, eraseView{}, err
	}
	p, err := s.erasePlan(ref)
	if err != nil {
		return ref, eraseView{}, err
	}
	v, err := s.eraseViewOf(c, ref, p)
	return ref, v, err
}

// errPlanChanged: the erasure would now take something else than the beheerder confirmed.
var errPlanChanged = errors.New("web: the plan changed since it was confirmed")

// eraseApply answers POST /cases/:slug/wissen (fields plan and bevestig): the same erasure as
// `leefwereld purge --casus SLUG` (purge.Erase), in the server's own process, after the
// beheerder typed the slug, downloaded the export in this session and saw exactly this plan.
// Any refusal shows the page again and erases nothing. Afterwards the tombstone commit and
// purge.log say that data was erased, by whom and when; the server log says the same.
func (s *Server) eraseApply(c *fiber.Ctx) error {
	s = s.as(c)
	ref, v, err := s.eraseRequest(c)
	if err != nil {
		return err
	}
	v.Typed = c.FormValue("bevestig")
	refuse := func(status int, msg string) error {
		v.Error = msg
		return s.render(c.Status(status), "erase", v)
	}
	switch {
	case strings.TrimSpace(v.Typed) != string(ref.Slug):
		return refuse(fiber.StatusUnprocessableEntity, "Je typte niet de korte naam van de casus. Er is niets gewist.")
	case v.NeedsExport && !v.Exported:
		return refuse(fiber.StatusConflict, "Download eerst de export (de inzage) en bewaar die. Daarna kun je wissen. Er is niets gewist.")
	case c.FormValue("plan") != v.Digest:
		return refuse(fiber.StatusConflict, msgPlanChanged)
	case !v.CanErase:
		return refuse(fiber.StatusServiceUnavailable, "Deze server kan niet wissen. Stop de server en gebruik leefwereld purge op de server. Er is niets gewist.")
	}
	acc, _ := accountOf(c)
	by, email := acc.Author() // the pseudonymous id, as every commit of an account
	done, err := s.maint.erase(purge.Erasure{Target: ref, Related: true, By: by, Email: email, Now: s.now(),
		Confirm: func(now *purge.Plan) error {
			if now.Digest() != v.Digest {
				return errPlanChanged
			}
			return nil
		},
		Forget: func(paths []string) error {
			_, err := s.accounts.ForgetPaths(paths)
			return err
		}})
	if done.Result.Line != "" {
		log.Printf("web: %s", done.Result.Line) // that, by whom (an id) and when; never what
	}
	switch {
	case err == nil:
		return c.Redirect("/beheer/bewaartermijn?gewist=1", fiber.StatusSeeOther)
	case errors.Is(err, purge.ErrForget):
		log.Printf("web: erase: %s", scrub(err.Error()))
		return c.Redirect("/beheer/bewaartermijn?gewist=log", fiber.StatusSeeOther)
	case errors.Is(err, errPlanChanged):
		// Shown with the server as it is now: the erasure has opened everything again.
		return s.maint.srv.as(c).eraseChanged(c, ref, v.Typed)
	case errors.Is(err, errLockBusy):
		return refuse(fiber.StatusConflict, errLockBusy.Message)
	}
	if e := eraseError(err); e != err {
		return e
	}
	return fmt.Errorf("web: erase: %w", err)
}

// eraseChanged shows the confirmation again with the plan as it is now.
func (s *Server) eraseChanged(c *fiber.Ctx, ref wiki.Ref, typed string) error {
	p, err := s.erasePlan(ref)
	if err != nil {
		return err
	}
	v, err := s.eraseViewOf(c, ref, p)
	if err != nil {
		return err
	}
	v.Typed = typed
	v.Error = msgPlanChanged
	return s.render(c.Status(fiber.StatusConflict), "erase", v)
}
