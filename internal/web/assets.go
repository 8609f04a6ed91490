package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/static"
)

// assets serves the embedded static files under content-hashed names, so browsers may cache
// them for a year and still get a new file the moment it changes.
type assets struct {
	urls  map[string]string // "style.css" → "/static/style.1a2b3c4d.css"
	files map[string][]byte // "style.1a2b3c4d.css" → content
}

func loadAssets() (*assets, error) {
	a := &assets{urls: map[string]string{}, files: map[string][]byte{}}
	err := fs.WalkDir(static.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := fs.ReadFile(static.FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(p)
		hashed := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.urls[p] = "/static/" + hashed
		a.files[hashed] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: load assets: %w", err)
	}
	return a, nil
}

// url is the template function that names an asset; an unknown name fails at boot.
func (a *assets) url(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("web: unknown asset %q", name)
	}
	return u, nil
}

// serve answers /static/<hashed name>.
func (a *assets) serve(c *fiber.Ctx) error {
	name := c.Params("file")
	data, ok := a.files[name]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderContentType, mime.TypeByExtension(path.Ext(name)))
	return c.Send(data)
}
