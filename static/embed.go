// Package static holds the stylesheet, scripts and icons, embedded so the product works offline
// and the browser never has to ask another server for anything.
package static

import "embed"

// FS holds every static file.
//
//go:embed *.css *.js
var FS embed.FS
