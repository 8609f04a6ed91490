package teams

import "embed"

// Library is the starter content a new workspace gets in its first commit.
//
//go:embed library/*.md
var Library embed.FS
