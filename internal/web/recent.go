package web

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

const (
	recentPerPage  = 50 // commits per page of "recente wijzigingen" and in the feed
	recentMaxPaths = 10 // pages listed per commit; the starter library alone touches dozens
	// recentMaxScan bounds the commits one page of the list looks through for ones the reader
	// may see, so a small team in a busy workspace still gets an answer at once; "oudere
	// wijzigingen" continues where it stopped.
	recentMaxScan = 2000
)

// recentPath is one page (or attachment) a commit changed.
type recentPath struct {
	Label   string // the page's title, or "bijlage foto.png"
	Kind    string // "betekenisthema", "leefwereldportret" … or "bijlage"
	URL     string // "" when it no longer exists
	DiffURL string // what this commit changed in the page; "" for attachments and gone pages
}

// recentItem is one commit.
type recentItem struct {
	Commit, Short string
	When          time.Time
	ISO           string
	Author        string
	Message       string
	// Hidden says the message is left out: the commit also changed files the reader may not
	// read, and a message often names what it changed.
	Hidden bool
	Paths  []recentPath
	More   int // changed paths not listed
}

type recentView struct {
	Base
	Items []recentItem
	Older string // ?voor= for the next page; "" on the last page
	First bool   // this is the newest page
}

// recent lists what changed in the whole workspace, newest first, 50 commits a page;
// ?voor=COMMIT continues after that commit.
func (s *Server) recent(c *fiber.Ctx) error {
	s = s.as(c)
	items, older, err := s.recentItems(c.Query("voor"))
	if err != nil {
		return err
	}
	return s.render(c, "recent", recentView{Base: s.base(c, "Recente wijzigingen"), Items: items, Older: older,
		First: c.Query("voor") == ""})
}

// recentItems is one page of the log as the reader may see it: the commits after `before`
// ("" = from the newest) that changed something they may read, and the hash to continue after
// ("" when there is nothing older).
func (s *Server) recentItems(before string) ([]recentItem, string, error) {
	if err := s.links.Sync(); err != nil {
		return nil, "", err
	}
	log, err := s.ws.Store.Log(0)
	if err != nil {
		return nil, "", fmt.Errorf("web: recent: %w", err)
	}
	start := 0
	if before != "" {
		before = strings.ToLower(before)
		if !isCommitHash(before) {
			return nil, "", &Error{Status: fiber.StatusBadRequest, Code: "bad-revision",
				Message: "Dit adres klopt niet helemaal. Begin opnieuw bij de nieuwste wijzigingen."}
		}
		start = -1
		for i, cm := range log {
			if strings.HasPrefix(cm.Hash, before) {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, "", &Error{Status: fiber.StatusNotFound, Code: "unknown-revision",
				Message: "Deze wijziging kennen we niet. Begin opnieuw bij de nieuwste wijzigingen."}
		}
	}
	end := start
	var items []recentItem
	for ; end < len(log) && len(items) < recentPerPage && end-start < recentMaxScan; end++ {
		it, ok, err := s.recentItem(log[end])
		if err != nil {
			return nil, "", err
		}
		if ok {
			items = append(items, it)
		}
	}
	older := ""
	if end < len(log) && end > start {
		older = log[end-1].Hash
	}
	return items, older, nil
}

// recentItem describes one commit for the reader; ok is false when it changed nothing they
// may read (then it is left out, message and all).
func (s *Server) recentItem(cm store.Commit) (it recentItem, ok bool, err error) {
	it = recentItem{Commit: cm.Hash, Short: cm.Hash[:min(7, len(cm.Hash))], When: cm.Author.When,
		ISO: cm.Author.When.Format(time.RFC3339), Author: s.authorName(cm.Author), Message: strings.TrimSpace(cm.Message)}
	paths, err := s.ws.Store.Changed(cm.Hash)
	if err != nil {
		return it, false, fmt.Errorf("web: recent %s: %w", it.Short, err)
	}
	shown := 0
	for _, p := range paths {
		if !s.mayReadPath(p) {
			it.Hidden = true
			continue
		}
		if shown++; shown > recentMaxPaths {
			it.More++
			continue
		}
		it.Paths = append(it.Paths, s.recentPath(p, cm.Hash))
	}
	if it.Hidden {
		it.Message = ""
	}
	return it, shown > 0 || len(paths) == 0, nil
}

// mayReadPath reports whether the reader may read a file of the repository: a page by the
// policy, an attachment by its pages, anything else (no pupil's data lives there) yes.
func (s *Server) mayReadPath(p string) bool {
	if ref, err := wiki.RefFromPath(p); err == nil && ref.Path() == p {
		if info, ok := s.links.Page(ref); ok {
			return s.rd.mayRead(info)
		}
		return s.canRead(ref)
	}
	if parts := strings.Split(p, "/"); len(parts) == 3 && parts[0] == "media" {
		_, ok := s.mediaOwners(wiki.Slug(parts[1]))
		return ok
	}
	return s.rd.who.SignedIn()
}

// recentPath describes a changed path; titles come from the link index (the page as it is now).
func (s *Server) recentPath(p, commit string) recentPath {
	if ref, err := wiki.RefFromPath(p); err == nil && ref.Path() == p {
		rp := recentPath{Label: s.links.Title(ref), Kind: ref.Kind.Label()}
		if s.links.Exists(ref) {
			rp.URL = ref.URL()
			rp.DiffURL = ref.URL() + "/verschil?naar=" + commit
		}
		return rp
	}
	if parts := strings.Split(p, "/"); len(parts) == 3 && parts[0] == "media" {
		return recentPath{Label: parts[2], Kind: "bijlage", URL: "/media/" + parts[1] + "/" + url.PathEscape(parts[2])}
	}
	return recentPath{Label: p, Kind: "bestand"}
}
