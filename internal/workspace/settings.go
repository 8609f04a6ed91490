package workspace

import (
	"errors"
	"fmt"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// SettingsPath is the workspace's settings file, at the root of the repository: it is
// versioned like the pages, so the history shows who changed a setting and when.
const SettingsPath = "leefwereld.yaml"

// Settings are the choices a school makes for its whole workspace.
type Settings struct {
	// RetentionYears is how long a casus is kept after it was closed, when it has no
	// keep-until of its own.
	RetentionYears Years `yaml:"retention-years"`
}

// DefaultSettings apply when the file is absent, and to every key it leaves out.
var DefaultSettings = Settings{RetentionYears: 2}

// Years is a number of years between 1 and 30.
type Years int

// CheckValue keeps a retention period sensible: at least a year, at most thirty.
func (y Years) CheckValue() error {
	if y < 1 || y > 30 {
		return fmt.Errorf("%d jaar kan niet; kies een bewaartermijn van 1 tot 30 jaar", y)
	}
	return nil
}

// ParseSettings reads a settings file strictly: an unknown key or a wrong value is an error
// naming the line, in Dutch, like a page's front matter.
func ParseSettings(data []byte) (Settings, wiki.Problems) {
	s := DefaultSettings
	c := wiki.NewCheck(SettingsPath)
	c.Decode(data, 1, &s)
	return s, c.Problems
}

// ReadSettings reads the settings at a revision ("" = the latest) of a store; the defaults
// when there is no settings file. A file with errors is an error: a wrong number must not
// quietly become two years.
func ReadSettings(st *store.Store, rev string) (Settings, error) {
	f, err := st.Read(SettingsPath, rev)
	if errors.Is(err, store.ErrNotFound) {
		return DefaultSettings, nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("workspace: settings: %w", err)
	}
	s, probs := ParseSettings(f.Content)
	if err := probs.Err(); err != nil {
		return Settings{}, fmt.Errorf("workspace: settings: %w", err)
	}
	return s, nil
}
