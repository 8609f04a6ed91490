package purge

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// Due is a casus whose retention period has passed.
type Due struct {
	Slug  wiki.Slug
	Until time.Time // the last day it may be kept
	// From says where Until comes from: "keep-until", or "closed" (Closed + Years).
	From   string
	Closed time.Time
	Years  int // the workspace's retention after closing (leefwereld.yaml, retention-years)
}

// Undecided is a casus whose retention cannot be computed, and why (Dutch).
type Undecided struct {
	Slug wiki.Slug
	Why  string
}

// Retention lists, for a day, the casussen that may no longer be kept (oldest first) and
// those that are closed but have no date to count from.
func Retention(data string, today time.Time) ([]Due, []Undecided, error) {
	w, err := workspace.Open(data)
	if err != nil {
		return nil, nil, fmt.Errorf("purge: retention: %w", err)
	}
	defer w.Close()
	return RetentionWith(w.Store, today)
}

// RetentionWith is Retention on a store the caller has open (the server's beheer page).
func RetentionWith(s *store.Store, today time.Time) ([]Due, []Undecided, error) {
	settings, err := workspace.ReadSettings(s, "")
	if err != nil {
		return nil, nil, fmt.Errorf("purge: retention: %w", err)
	}
	entries, err := s.List(wiki.Case.Folder(), "")
	if err != nil {
		return nil, nil, fmt.Errorf("purge: retention: %w", err)
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var due []Due
	var undecided []Undecided
	for _, e := range entries {
		ref, err := wiki.RefFromPath(e.Path)
		if err != nil || !strings.HasSuffix(e.Path, ".md") {
			continue
		}
		d, u, err := retentionOf(s, ref, e, day, int(settings.RetentionYears))
		if err != nil {
			return nil, nil, err
		}
		if d != nil {
			due = append(due, *d)
		}
		if u != nil {
			undecided = append(undecided, *u)
		}
	}
	sort.SliceStable(due, func(i, j int) bool {
		if !due[i].Until.Equal(due[j].Until) {
			return due[i].Until.Before(due[j].Until)
		}
		return due[i].Slug < due[j].Slug
	})
	return due, undecided, nil
}

func retentionOf(s *store.Store, ref wiki.Ref, e store.Entry, day time.Time, years int) (*Due, *Undecided, error) {
	data, err := s.ReadBlob(e.Blob)
	if err != nil {
		return nil, nil, fmt.Errorf("purge: retention: %w", err)
	}
	pg, _ := workspace.Parse(e.Path, data)
	if pg == nil {
		return nil, &Undecided{ref.Slug, "de pagina is niet te lezen"}, nil
	}
	m := pg.Meta.(*cases.Meta)
	var until, closedOn time.Time
	from := "keep-until"
	switch {
	case m.KeepUntil != "":
		if until = m.KeepUntil.Time(); until.IsZero() {
			return nil, &Undecided{ref.Slug, "keep-until is geen geldige datum (JJJJ-MM-DD)"}, nil
		}
	case m.Closed != "":
		closed := m.Closed.Time()
		if closed.IsZero() {
			return nil, &Undecided{ref.Slug, "closed is geen geldige datum (JJJJ-MM-DD)"}, nil
		}
		until, from, closedOn = closed.AddDate(years, 0, 0), "closed", closed
	case m.Status == "afgerond":
		return nil, &Undecided{ref.Slug, "afgerond, maar zonder closed en zonder keep-until"}, nil
	default:
		return nil, nil, nil // still open: kept as long as the team works on it
	}
	if !day.After(until) {
		return nil, nil, nil
	}
	return &Due{Slug: ref.Slug, Until: until, From: from, Closed: closedOn, Years: years}, nil, nil
}
