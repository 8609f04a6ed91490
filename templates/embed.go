// Package templates holds the HTML templates, embedded in the binary and parsed once at start,
// so a broken template stops the server at boot instead of on a user's request.
package templates

import "embed"

// FS holds every template file.
//
//go:embed *.html
var FS embed.FS
