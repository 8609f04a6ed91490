package web

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// searchSlots keep the questions people type in the search box on the server, so the address
// of a results page carries a random handle (?vraag=…) instead of the question: a search for a
// pupil's name ends up in no browser history, bookmark or log. A handle belongs to the account
// that made it and lasts a few hours; after that the page asks to search again.
type searchSlots struct {
	mu    sync.Mutex
	slots map[string]searchSlot
	order []string // oldest first, to drop the oldest when full
	now   func() time.Time
}

type searchSlot struct {
	owner   string
	query   string
	expires time.Time
}

const (
	searchSlotLife = 4 * time.Hour
	maxSearchSlots = 20000 // a few MB at most; the oldest go first
)

func newSearchSlots() *searchSlots {
	return &searchSlots{slots: map[string]searchSlot{}, now: time.Now}
}

var slotEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// put keeps a question for its owner and returns its handle.
func (s *searchSlots) put(owner, query string) string {
	var b [15]byte
	_, _ = rand.Read(b[:])
	id := strings.ToLower(slotEncoding.EncodeToString(b[:]))
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 && (len(s.slots) >= maxSearchSlots || s.now().After(s.slots[s.order[0]].expires)) {
		delete(s.slots, s.order[0])
		s.order = s.order[1:]
	}
	s.slots[id] = searchSlot{owner: owner, query: query, expires: s.now().Add(searchSlotLife)}
	s.order = append(s.order, id)
	return id
}

// get returns the question behind a handle, only for its owner and only while it lasts.
func (s *searchSlots) get(owner, id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.slots[id]
	if !ok || sl.owner != owner || s.now().After(sl.expires) {
		return "", false
	}
	return sl.query, true
}

// ownerOf is whose handles a request may use: the signed-in account.
func ownerOf(c *fiber.Ctx) string {
	if a, ok := accountOf(c); ok {
		return a.ID
	}
	return ""
}

// searchPost answers POST /zoeken: keep the question, then show the results at an address
// that holds only its handle.
func (s *Server) searchPost(c *fiber.Ctx) error {
	q := strings.TrimSpace(c.FormValue("q"))
	if q == "" {
		return c.Redirect("/zoeken", fiber.StatusSeeOther)
	}
	return c.Redirect("/zoeken?vraag="+s.searches.put(ownerOf(c), q), fiber.StatusSeeOther)
}
