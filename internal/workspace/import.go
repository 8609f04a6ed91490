package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// MaxAttachment is the largest attachment accepted, by import and (later) by upload.
const MaxAttachment = 20 << 20

// ImportResult says what an import committed.
type ImportResult struct {
	Commit      string
	Pages       int
	Attachments int
	Skipped     []string // hidden files and folders (".git", ".DS_Store"), never imported
}

// Import reads a folder laid out like a workspace (portraits/, themes/, frames/, cases/, teams/,
// media/) and commits it as one commit. When any file is invalid nothing is committed and every
// problem is returned, so the user can fix them all in one go.
func (w *Workspace) Import(src string, author store.Author, message string) (ImportResult, wiki.Problems, error) {
	var res ImportResult
	pages, media, settings := map[string][]byte{}, map[string][]byte{}, map[string][]byte{}
	var probs wiki.Problems
	bad := func(p, code, format string, args ...any) {
		probs = append(probs, wiki.Problem{Severity: wiki.Error, Code: code, File: p, Message: fmt.Sprintf(format, args...)})
	}
	err := filepath.WalkDir(src, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, full)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(d.Name(), ".") {
			res.Skipped = append(res.Skipped, rel)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			bad(rel, "file.type", "is geen gewoon bestand (bijvoorbeeld een snelkoppeling) en wordt niet ingelezen")
			return nil
		}
		switch kind := importKind(rel); kind {
		case "page":
			data, err := os.ReadFile(full)
			pages[rel] = data
			return err
		case "settings":
			data, err := os.ReadFile(full)
			if err != nil {
				return err
			}
			_, ps := ParseSettings(data)
			probs = append(probs, ps...)
			settings[rel] = data // committed as is, beside the pages
			return nil
		case "media":
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Size() > MaxAttachment {
				bad(rel, "file.too-large", "de bijlage is %d MB; het maximum is %d MB", info.Size()>>20, MaxAttachment>>20)
				return nil
			}
			data, err := os.ReadFile(full)
			media[rel] = data
			return err
		default:
			bad(rel, "file.unknown", "%s", kind)
			return nil
		}
	})
	if err != nil {
		return res, nil, fmt.Errorf("workspace: import %q: %w", src, err)
	}
	existing := map[string]bool{}
	if err := w.Store.Walk("", func(e store.Entry) error { existing[e.Path] = true; return nil }); err != nil {
		return res, nil, fmt.Errorf("workspace: import %q: %w", src, err)
	}
	_, pageProbs := checkPages(pages, func(r wiki.Ref) bool { return existing[r.Path()] })
	probs = append(probs, pageProbs...)
	sortProblems(probs)
	if probs.HasErrors() {
		return res, probs, probs.Err()
	}
	if message == "" {
		message = fmt.Sprintf("%d pagina's en %d bijlagen ingelezen", len(pages), len(media))
	}
	c, err := w.Store.Update(author, message, func(tx *store.Tx) error {
		for _, set := range []map[string][]byte{pages, media, settings} {
			for p, data := range set {
				if err := tx.Put(p, data); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrNoChange) {
		return res, probs, fmt.Errorf("workspace: import %q: %w", src, err)
	}
	res.Commit, res.Pages, res.Attachments = c.Hash, len(pages), len(media)
	return res, probs, nil
}

// importKind says whether a relative path is a page, an attachment, or else why it is not
// accepted (a Dutch sentence).
func importKind(rel string) string {
	if rel == SettingsPath {
		return "settings"
	}
	parts := strings.Split(rel, "/")
	if parts[0] == "media" {
		if len(parts) != 3 {
			return "bijlagen horen in media/<korte naam van de pagina>/<bestand>"
		}
		if _, err := wiki.ParseSlug(parts[1]); err != nil {
			return "de map " + parts[1] + " in media/ is geen geldige korte naam: " + err.Error()
		}
		return "media"
	}
	if _, ok := wiki.ParseKind(parts[0]); !ok || len(parts) == 1 {
		return "dit bestand hoort niet in een werkplek: alleen portraits/, themes/, frames/, cases/, teams/, media/ en " + SettingsPath + " worden ingelezen"
	}
	if _, err := wiki.RefFromPath(rel); err != nil {
		return err.Error()
	}
	return "page"
}
