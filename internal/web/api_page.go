package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/gofiber/fiber/v2"
	"go.yaml.in/yaml/v3"

	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// apiPage is the JSON of GET /api/pages/:kind/:slug. Field names are a contract (README,
// "JSON API"): add fields, never rename them.
type apiPage struct {
	Kind     wiki.Kind      `json:"kind"`
	Slug     wiki.Slug      `json:"slug"`
	Path     string         `json:"path"`
	URL      string         `json:"url"`
	Title    string         `json:"title"`
	Meta     map[string]any `json:"meta"`
	Body     string         `json:"body"`
	Text     string         `json:"text"`
	Revision string         `json:"revision"`
	Commit   string         `json:"commit"`
	Problems []apiProblem   `json:"problems"`
}

// apiProblem is a wiki.Problem as the API shows it: with its severity, which wiki.Problem
// leaves out of its own JSON.
type apiProblem struct {
	Code     string `json:"code"`
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
	Severity string `json:"severity"` // error | warning | hint
}

// apiProblems converts problems for JSON; never nil, so scripts always get an array.
func apiProblems(ps wiki.Problems) []apiProblem {
	out := make([]apiProblem, 0, len(ps))
	for _, p := range ps {
		out = append(out, apiProblem{Code: p.Code, File: p.File, Line: p.Line, Field: p.Field,
			Message: p.Message, Severity: p.Severity.Class()})
	}
	return out
}

// apiRef reads :kind and :slug. The kind may be written as kind or folder ("theme" or
// "themes"), like a wiki link.
func apiRef(c *fiber.Ctx) (wiki.Ref, error) {
	kind, ok := wiki.ParseKind(c.Params("kind"))
	if !ok {
		return wiki.Ref{}, &Error{Status: fiber.StatusBadRequest, Code: "bad-kind",
			Message: "Deze soort pagina kennen we niet. Gebruik theme, portrait, frame, case of team (of de map: themes, portraits …)."}
	}
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return wiki.Ref{}, &Error{Status: fiber.StatusBadRequest, Code: "bad-slug",
			Message: "Dit adres van een pagina klopt niet: " + err.Error(), Err: err}
	}
	return wiki.Ref{Kind: kind, Slug: slug}, nil
}

// apiGetPage answers GET /api/pages/:kind/:slug[?rev=<commit>]: the page as stored, its front
// matter as JSON, and the blob hash a later PUT sends back as its base.
func (s *Server) apiGetPage(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := apiRef(c)
	if err != nil {
		return err
	}
	s.syncLinks()
	if !s.canRead(ref) { // another team's page answers as one that does not exist
		return fmt.Errorf("web: api page %s: %w", ref, store.ErrNotFound)
	}
	f, err := s.ws.Store.Read(ref.Path(), c.Query("rev"))
	if err != nil {
		return fmt.Errorf("web: api page: %w", err)
	}
	if err := s.recordView(c, ref, viewAPI); err != nil {
		return err
	}
	out := apiPage{Kind: ref.Kind, Slug: ref.Slug, Path: ref.Path(), URL: ref.URL(), Title: string(ref.Slug),
		Meta: map[string]any{}, Text: string(f.Content), Revision: f.Blob, Commit: f.Commit}
	page, probs := workspace.Parse(ref.Path(), f.Content)
	if page != nil {
		if t := strings.TrimSpace(page.Title()); t != "" {
			out.Title = t
		}
		out.Body = string(page.Body)
		probs = append(probs, s.linkWarnings(page)...)
	}
	if front, _, _, err := wiki.Split(f.Content); err == nil {
		out.Meta = frontMatterJSON(front)
	}
	out.Problems = apiProblems(probs)
	return c.JSON(out)
}

// linkWarnings are the warnings a save reports about links to pages that do not exist yet,
// checked against the link index instead of git.
func (s *Server) linkWarnings(page *wiki.Page) wiki.Problems {
	if err := s.links.Sync(); err != nil {
		return nil // warnings are a courtesy; the page itself was read fine
	}
	var probs wiki.Problems
	file := page.Ref.Path()
	for _, l := range page.Meta.Links() {
		if l.Ref.Slug == "" || !l.Ref.Kind.Valid() || s.links.Exists(l.Ref) {
			continue
		}
		probs = append(probs, wiki.Problem{Severity: wiki.Warning, Code: "link.missing", File: file,
			Line: page.Pos(l.Field).Line, Field: l.Field,
			Message: fmt.Sprintf("verwijst naar %s, maar die pagina bestaat nog niet", l.Ref)})
	}
	for _, l := range markdown.Extract(page.Body).Links {
		if _, found := s.links.Resolve(l.Target); !found {
			probs = append(probs, wiki.Problem{Severity: wiki.Warning, Code: "link.missing", File: file,
				Line:    page.BodyLine + l.Line - 1,
				Message: fmt.Sprintf("de link [[%s]] wijst naar een pagina die nog niet bestaat", l.Target)})
		}
	}
	return probs
}

// frontMatterJSON turns YAML front matter into JSON values as written: keys as in the file,
// dates as the text JJJJ-MM-DD (not a time), numbers and booleans as JSON ones. A front matter
// that is not a mapping (only on a broken page) gives {}.
func frontMatterJSON(front []byte) map[string]any {
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil || len(doc.Content) == 0 {
		return map[string]any{}
	}
	budget := maxMetaNodes
	m, ok := nodeJSON(doc.Content[0], &budget).(map[string]any)
	if !ok {
		return map[string]any{}
	}
	return m
}

// maxMetaNodes bounds the values one front matter expands to, so YAML aliases cannot make a
// small page into a huge answer.
const maxMetaNodes = 10000

// nodeJSON converts one YAML node; budget counts down the nodes still allowed.
func nodeJSON(n *yaml.Node, budget *int) any {
	if *budget--; *budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeJSON(n.Content[i+1], budget)
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			l = append(l, nodeJSON(c, budget))
		}
		return l
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return nodeJSON(n.Alias, budget)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err == nil {
				if f, ok := v.(float64); !ok || !(math.IsInf(f, 0) || math.IsNaN(f)) {
					return v
				}
			}
		}
		return n.Value // strings, dates (!!timestamp) and whatever JSON cannot hold, as written
	}
	return nil
}
