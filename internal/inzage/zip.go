package inzage

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"strings"
)

// stored are attachment types that are compressed already; deflating them again only costs time.
var stored = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true,
	".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".opus": true}

// Write writes the bundle as a zip: entries sorted by name, each with the bundle's time and
// the same mode, so the same bundle gives the same bytes.
func (b *Bundle) Write(w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, name := range b.Files() {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: b.at}
		if stored[strings.ToLower(path.Ext(name))] {
			h.Method = zip.Store
		}
		h.SetMode(0o644)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("inzage: zip %s: %w", name, err)
		}
		if _, err := f.Write(b.files[name]); err != nil {
			return fmt.Errorf("inzage: zip %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("inzage: zip: %w", err)
	}
	return nil
}
