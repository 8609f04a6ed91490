package markdown

import (
	"net/url"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the second layer: whatever goldmark emits passes through it. Built once; a built
// bluemonday policy is safe for concurrent use.
var policy = newPolicy()

// mediaSrc is a /media/ path whose segments never start with "." or "%" (so no "..", "%2e%2e").
var mediaSrc = regexp.MustCompile(`^/media/([\p{L}\p{N}_~-][\p{L}\p{N}._~%-]*/)*[\p{L}\p{N}_~-][\p{L}\p{N}._~%-]*$`)

// newPolicy is bluemonday's UGC policy plus a small allowlist for exactly what our first layer
// emits, every value anchored. Note that UGCPolicy already allows id (unanchored pattern) and
// title on every element and href/src under its URL rules; bluemonday cannot take an
// allowance back, so the fuzz test checks that every id we emit has one of our shapes.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()

	// Wiki links carry a class so CSS can mark links to pages that do not exist yet.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^wikilink( wikilink--new)?$`)).OnElements("a")
	// Heading ids from headingIDs, prefixed so they cannot clobber the app's own ids.
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^h-[\p{Ll}\p{N}-]+$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6")

	// Footnotes: goldmark's extension ties reference and note together with these ids...
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^fnref[0-9]*:[0-9]+$`)).OnElements("sup")
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^fn:[0-9]+$`)).OnElements("li")
	// ...styles them with these classes...
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^footnote-(ref|backref)$`)).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^footnotes$`)).OnElements("div")
	// ...and gives screen readers these DPUB-ARIA roles.
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|backlink)$`)).OnElements("a")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-endnotes$`)).OnElements("div")

	// Task lists: a read-only checkbox, ticked or not.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")

	// Audio attachments play in the page with the browser's own controls.
	p.AllowAttrs("controls").Matching(regexp.MustCompile(`^$`)).OnElements("audio")
	// bluemonday does not treat <source> as linkable (no URL check, no RewriteSrc), so its src
	// is anchored here: /media/ and path segments that cannot be "." or "..".
	p.AllowAttrs("src").Matching(mediaSrc).OnElements("source")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^audio/(mpeg|mp4|ogg|wav)$`)).OnElements("source")
	// img/audio/source src only from /media/: UGC allows any http(s) src and bluemonday cannot
	// narrow an existing allowance, so anything else is emptied (no external requests).
	p.RewriteSrc(func(u *url.URL) {
		if !isMediaURL(u) {
			*u = url.URL{}
		}
	})

	// Links: UGC already allows only http, https, mailto and relative URLs. Links to another
	// host get nofollow noopener noreferrer (the first layer writes all three; bluemonday
	// would add noopener only with target="_blank", which we never add). Internal links (wiki
	// links, #footnotes, /media/) stay without rel.
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener noreferrer$`)).OnElements("a")
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}
