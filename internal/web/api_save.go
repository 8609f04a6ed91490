package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/merge"
	"github.com/leefwereld/leefwereld/internal/store"
)

// maxAPIBody is the largest JSON body PUT accepts: far above any real page (a long portrait
// is some tens of kilobytes), far below what would hurt the server.
const maxAPIBody = 2 << 20

// maxAuthorLen keeps an author name a name.
const maxAuthorLen = 100

// apiSaveRequest is the JSON body of PUT /api/pages/:kind/:slug. Text is a pointer so a
// missing text is told apart from an empty one.
type apiSaveRequest struct {
	Text    *string `json:"text"`
	Base    string  `json:"base"`
	Message string  `json:"message"`
	Author  string  `json:"author"`
}

// apiSaveResponse is the JSON of a successful PUT.
type apiSaveResponse struct {
	Revision  string       `json:"revision"`
	Commit    string       `json:"commit"`
	Merged    bool         `json:"merged"`
	Unchanged bool         `json:"unchanged"`
	Problems  []apiProblem `json:"problems"`
}

var hexHash = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// badRequest is a 400 with a Dutch message for a script's author.
func badRequest(code, msg string, err error) *Error {
	return &Error{Status: fiber.StatusBadRequest, Code: code, Message: msg, Err: err}
}

// apiSavePage answers PUT /api/pages/:kind/:slug: the whole file, the revision it started from
// and a message. The store merges with what others saved meanwhile; a real conflict is a 409
// with both sides and nothing committed.
//
// The commit's author is the account of the token or session (pseudonymous, as every commit);
// the body's author field is still checked, so scripts keep their answers, but not used.
func (s *Server) apiSavePage(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := apiRef(c)
	if err != nil {
		return err
	}
	req, err := decodeSaveRequest(c)
	if err != nil {
		return err
	}
	switch author := strings.TrimSpace(req.Author); {
	case utf8.RuneCountInString(author) > maxAuthorLen:
		return badRequest("bad-author", fmt.Sprintf("De naam in author is te lang: hoogstens %d tekens.", maxAuthorLen), nil)
	case strings.ContainsAny(author, "<>") || strings.ContainsFunc(author, unicode.IsControl):
		return badRequest("bad-author", "De naam in author mag geen < of > en geen regeleinden bevatten.", nil)
	}
	s.syncLinks()
	if err := s.mayWrite(ref, []byte(*req.Text)); err != nil {
		return err
	}
	res, probs, err := s.ws.Save(ref, []byte(*req.Text), strings.ToLower(req.Base), s.author(c), strings.TrimSpace(req.Message))
	if err != nil {
		return fmt.Errorf("web: api save: %w", err)
	}
	if err := s.links.Sync(); err != nil {
		log.Printf("web: api save: link index: %s", scrub(err.Error())) // the commit stands; the next Sync catches up
	}
	status := fiber.StatusOK
	if req.Base == "" && !res.Unchanged {
		status = fiber.StatusCreated // an empty base saves only a page that did not exist
		c.Location("/api/pages/" + string(ref.Kind) + "/" + string(ref.Slug))
	}
	return c.Status(status).JSON(apiSaveResponse{Revision: res.Blob, Commit: res.Commit, Merged: res.Merged,
		Unchanged: res.Unchanged, Problems: apiProblems(probs)})
}

// decodeSaveRequest reads the body strictly: JSON only, known fields only, one value, text
// present, base a full hash. Each mistake gets its own Dutch sentence.
func decodeSaveRequest(c *fiber.Ctx) (apiSaveRequest, error) {
	var req apiSaveRequest
	if mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); err != nil || mt != fiber.MIMEApplicationJSON {
		return req, badRequest("content-type", "Stuur de pagina als JSON, met de kop Content-Type: application/json.", err)
	}
	if enc := c.Get(fiber.HeaderContentEncoding); enc != "" && !strings.EqualFold(enc, "identity") {
		return req, badRequest("content-encoding", "Stuur de JSON zonder compressie (zonder Content-Encoding).", nil)
	}
	body := c.Request().Body() // raw: c.Body() would unpack a compressed body of any size
	if len(body) > maxAPIBody {
		return req, &Error{Status: fiber.StatusRequestEntityTooLarge, Code: "too-large",
			Message: fmt.Sprintf("Dit verzoek is te groot. Een pagina mag met alles erbij hoogstens %d MB zijn.", maxAPIBody>>20)}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, badRequest("bad-json", jsonMistake(err), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return req, badRequest("bad-json", "Na het JSON-object staat nog meer tekst. Stuur één object.", err)
	}
	if req.Text == nil {
		return req, badRequest("missing-text", "Het veld text ontbreekt: stuur de hele pagina, met de kop tussen de --- regels.", nil)
	}
	if req.Base != "" && !hexHash.MatchString(req.Base) {
		return req, badRequest("bad-base", "Het veld base moet de revision zijn die je bij het ophalen kreeg (40 tekens 0-9 en a-f), of leeg voor een nieuwe pagina.", nil)
	}
	return req, nil
}

// jsonMistake says in Dutch what is wrong with a JSON body.
func jsonMistake(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("De JSON klopt niet (rond teken %d). Controleer aanhalingstekens, komma's en haakjes.", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("Het veld %s moet tekst zijn.", typ.Field)
	case errors.As(err, &typ):
		return "Stuur één JSON-object, met de velden text, base, message en author."
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "De JSON is leeg of houdt te vroeg op."
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf("Het veld %s kennen we niet. Je mag text, base, message en author sturen.",
			strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return "De JSON klopt niet."
}

// conflictMessage explains a conflict in Dutch, per reason.
func conflictMessage(reason string) string {
	switch reason {
	case store.ReasonExists:
		return "Er bestaat al een pagina met dit adres. Er is niets opgeslagen. Wil je die pagina veranderen? Haal hem eerst op en stuur zijn revision mee als base."
	case store.ReasonDeleted:
		return "Deze pagina is intussen verwijderd of hernoemd. Er is niets opgeslagen; je tekst is bewaard."
	case store.ReasonUnknownBase:
		return "De versie waar je mee begon, kennen we niet. Er is niets opgeslagen; je tekst is bewaard."
	case store.ReasonInvalid:
		return "Iemand anders heeft deze pagina intussen ook veranderd, en samen zou de kop niet meer kloppen. Er is niets opgeslagen; je tekst is bewaard."
	}
	return "Iemand anders heeft deze pagina intussen ook veranderd. Er is niets opgeslagen; je tekst is bewaard."
}

// apiHunk is one region of a conflicting edit, in order; lines keep their "\n".
type apiHunk struct {
	Kind       string   `json:"kind"` // unchanged | mine | theirs | both | conflict
	Conflict   bool     `json:"conflict"`
	Base       []string `json:"base"`
	Mine       []string `json:"mine"`
	Theirs     []string `json:"theirs"`
	BaseLine   int      `json:"base_line"` // 0-based index of the region's first line
	MineLine   int      `json:"mine_line"`
	TheirsLine int      `json:"theirs_line"`
}

// conflictDetail is what a 409 adds to the JSON error: both sides, so a script can show them
// or retry with theirs_revision as its base. Base and theirs are null when unknown or deleted.
func conflictDetail(ce *store.ConflictError) fiber.Map {
	text := func(b []byte) any {
		if b == nil {
			return nil
		}
		return string(b)
	}
	hunks := make([]apiHunk, 0, len(ce.Hunks))
	for _, h := range ce.Hunks {
		hunks = append(hunks, apiHunk{Kind: h.Kind.String(), Conflict: h.Kind == merge.Conflicting,
			Base: nonNil(h.Base), Mine: nonNil(h.Mine), Theirs: nonNil(h.Theirs),
			BaseLine: h.BaseLine, MineLine: h.MineLine, TheirsLine: h.TheirsLine})
	}
	return fiber.Map{"reason": ce.Reason, "base": text(ce.Base), "mine": string(ce.Mine), "theirs": text(ce.Theirs),
		"theirs_revision": ce.TheirsBlob, "hunks": hunks}
}

func nonNil(lines []string) []string {
	if lines == nil {
		return []string{}
	}
	return lines
}
