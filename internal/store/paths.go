package store

import (
	"fmt"
	"strings"
)

// checkPath accepts a slash-separated relative path that git fsck and every
// file system accept and that cannot climb out of its folder.
func checkPath(p string) error {
	if p == "" || len(p) > 1024 {
		return fmt.Errorf("store: path %q: %w", p, ErrInvalid)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.EqualFold(seg, ".git") ||
			strings.ContainsAny(seg, "\x00\\") {
			return fmt.Errorf("store: path %q: %w", p, ErrInvalid)
		}
	}
	return nil
}

// checkDir is checkPath for a folder; "" (and "/") is the root.
func checkDir(d string) (string, error) {
	d = strings.Trim(d, "/")
	if d == "" {
		return "", nil
	}
	return d, checkPath(d)
}

func splitPath(p string) (dir, name string) {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i], p[i+1:]
	}
	return "", p
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
