package store

import (
	"fmt"
	"path"
	"strings"
)

// maxStem bounds a file name's length before the extension.
const maxStem = 80

// Attach stores an attachment under dir (e.g. "media/sam") with a safe
// version of name; if that name is taken it becomes name-2.ext, name-3.ext …
// It returns the path used.
func (s *Store) Attach(dir, name string, data []byte, author Author, message string) (string, Commit, error) {
	dir, err := checkDir(dir)
	if err != nil {
		return "", Commit{}, err
	}
	safe := SafeFileName(name)
	stem, ext := splitExt(safe)
	var p string
	c, err := s.Update(author, message, func(tx *Tx) error {
		for n := 1; ; n++ {
			cand := safe
			if n > 1 {
				cand = fmt.Sprintf("%s-%d%s", stem, n, ext)
			}
			p = joinPath(dir, cand)
			_, i, err := tx.find(p)
			if err != nil {
				return err
			}
			if i < 0 {
				break
			}
		}
		if message == "" {
			tx.SetMessage("Bijlage " + p + " toegevoegd")
		}
		return tx.Put(p, data)
	})
	if err != nil {
		return "", Commit{}, err
	}
	return p, c, nil
}

// SafeFileName turns an uploaded file name into one that is safe in a URL, on
// every file system and in git: lowercase [a-z0-9._-], accents dropped, no
// leading dot, no "..", the extension kept. It never returns "".
func SafeFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	stem, ext := splitExt(strings.ToLower(name))
	stem = clean(stem, true)
	ext = clean(strings.TrimPrefix(ext, "."), false)
	if len(stem) > maxStem {
		stem = strings.TrimRight(stem[:maxStem], ".-_")
	}
	if stem == "" {
		stem = "bestand"
	}
	if ext == "" {
		return stem
	}
	if len(ext) > 16 {
		ext = ext[:16]
	}
	return stem + "." + ext
}

// splitExt splits "foto.jpg" into "foto" and ".jpg".
func splitExt(name string) (string, string) {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i], name[i:]
	}
	return name, ""
}

// clean keeps [a-z0-9] (and, in a stem, single . _ -), folding accents and
// turning everything else into "-".
func clean(s string, stem bool) string {
	var b strings.Builder
	last := byte('-') // so leading separators are dropped
	for _, r := range s {
		var repl string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			repl = string(r)
		case stem && (r == '.' || r == '_' || r == '-'):
			repl = string(r)
		default:
			if f, ok := fold[r]; ok {
				repl = f
			} else if stem {
				repl = "-"
			}
		}
		for i := 0; i < len(repl); i++ {
			c := repl[i]
			sep := c == '.' || c == '_' || c == '-'
			if sep && (last == '-' || last == '.' || last == '_') {
				continue // no runs of separators, hence no ".."
			}
			b.WriteByte(c)
			last = c
		}
	}
	return strings.TrimRight(b.String(), ".-_")
}

// fold maps the accented letters Dutch (and its neighbours) use to ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", 'ĳ': "ij",
}
