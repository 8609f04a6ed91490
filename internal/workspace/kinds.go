// Package workspace is a Leefwereld workspace: a git store of pages with the rules of the five
// kinds on top. Every write goes through here so nothing invalid reaches the repository; the
// web server and the CLI share it.
package workspace

import (
	"io/fs"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
	"github.com/leefwereld/leefwereld/themes"
)

// schemas maps each kind to its package's description of it.
var schemas = map[wiki.Kind]wiki.Schema{
	wiki.Portrait: portraits.Schema,
	wiki.Theme:    themes.Schema,
	wiki.Frame:    frames.Schema,
	wiki.Case:     cases.Schema,
	wiki.Team:     teams.Schema,
}

// Schema returns the description of a kind.
func Schema(k wiki.Kind) wiki.Schema { return schemas[k] }

// starter is the content of a new workspace: each embedded library lands in its kind's folder.
var starter = []struct {
	kind wiki.Kind
	fsys fs.FS
}{
	{wiki.Theme, themes.Library},
	{wiki.Frame, frames.Library},
	{wiki.Team, teams.Library},
}

// Parse reads one page file by its repository path. A path outside the kinds' folders is an
// error problem, like any other.
func Parse(path string, data []byte) (*wiki.Page, wiki.Problems) {
	ref, err := wiki.RefFromPath(path)
	if err != nil {
		return nil, wiki.Problems{{Severity: wiki.Error, Code: "file.path", File: path, Message: err.Error()}}
	}
	return wiki.Parse(schemas[ref.Kind], ref, data)
}
