package web

import (
	"errors"
	"log"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Error is an error with what the user should see: an HTTP status, a stable code for scripts
// and a Dutch message. Handlers return it; handleError renders it.
type Error struct {
	Status   int
	Code     string
	Message  string
	Problems wiki.Problems // for invalid pages: every problem, with file, line and field
	Detail   fiber.Map     // extra fields of the JSON body (a conflict's both sides); HTML ignores it
	Err      error         // the cause, for the server log only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// toError maps any error to what the user sees; this is the one place where errors get a status.
func toError(err error) *Error {
	var e *Error
	var fe *fiber.Error
	var inv *wiki.InvalidError
	var conflict *store.ConflictError
	var query *search.QueryError
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &inv):
		return &Error{Status: fiber.StatusUnprocessableEntity, Code: "invalid",
			Message: "De pagina is niet opgeslagen: de kop klopt nog niet. Hieronder staat wat er mis is.", Problems: inv.Problems, Err: err}
	case errors.As(err, &conflict):
		return &Error{Status: fiber.StatusConflict, Code: "conflict",
			Message: conflictMessage(conflict.Reason), Detail: conflictDetail(conflict), Err: err}
	case errors.As(err, &query):
		return &Error{Status: fiber.StatusBadRequest, Code: "bad-query", Message: query.Message, Err: err}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Deze pagina bestaat (nog) niet.", Err: err}
	case errors.Is(err, store.ErrInvalid):
		return &Error{Status: fiber.StatusBadRequest, Code: "bad-request", Message: "Dit adres of deze versie klopt niet.", Err: err}
	case errors.As(err, &fe):
		switch fe.Code {
		case fiber.StatusNotFound:
			return &Error{Status: fe.Code, Code: "not-found", Message: "Deze pagina bestaat niet.", Err: err}
		case fiber.StatusRequestEntityTooLarge:
			return &Error{Status: fe.Code, Code: "too-large", Message: "Dit bestand is te groot. Het maximum is 20 MB.", Err: err}
		case fiber.StatusMethodNotAllowed:
			return &Error{Status: fe.Code, Code: "method", Message: "Dat kan op dit adres niet.", Err: err}
		}
		if fe.Code < 500 {
			return &Error{Status: fe.Code, Code: "bad-request", Message: "Dit verzoek klopt niet.", Err: err}
		}
	}
	return &Error{Status: fiber.StatusInternalServerError, Code: "internal",
		Message: "Er ging iets mis aan onze kant. Er is niets verloren gegaan; probeer het zo nog eens.", Err: err}
}

// handleError is fiber's error handler: JSON for the API, an HTML page for people.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	e := toError(err)
	if e.Status >= 500 {
		log.Printf("web: %s %s: %s", c.Method(), c.Route().Path, scrub(err.Error())) // the route pattern: no slugs in logs
	}
	if isAPI(c) {
		body := fiber.Map{"code": e.Code, "message": e.Message}
		if len(e.Problems) > 0 {
			body["problems"] = apiProblems(e.Problems) // with severity, which wiki.Problem's JSON leaves out
		}
		for k, v := range e.Detail {
			if _, taken := body[k]; !taken {
				body[k] = v
			}
		}
		return c.Status(e.Status).JSON(body)
	}
	title := "Er ging iets mis"
	if e.Status == fiber.StatusNotFound {
		title = "Niet gevonden"
	}
	return s.render(c.Status(e.Status), "error", errorView{Base: s.base(c, title), Error: e})
}

// pupilPath finds the paths of team pages and attachments in a message: their slugs are a
// pupil's pseudonym, and a log is kept and copied around more carelessly than the repository.
var pupilPath = regexp.MustCompile(`\b(portraits|cases|frames|teams|media)/[^\s:"'(),]+`)

// scrub makes a message fit for the server log: the folder of a team page stays, its slug goes.
func scrub(msg string) string { return pupilPath.ReplaceAllString(msg, "$1/…") }

type errorView struct {
	Base
	Error *Error
}
