package wiki

import (
	"bytes"
	"errors"
)

// ErrNoFrontMatter means a page file does not start with a "---" line.
var ErrNoFrontMatter = errors.New("wiki: no front matter")

// ErrOpenFrontMatter means the closing "---" line is missing.
var ErrOpenFrontMatter = errors.New("wiki: front matter not closed")

// Split separates a page file into its front matter and its Markdown body. bodyLine is the
// 1-based line of the file on which the body starts, so positions in the body can be reported
// as lines of the file. A byte-order mark and Windows line ends are accepted.
func Split(data []byte) (front, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, ok := cutLine(data)
	if !ok && len(first) == 0 || string(trimCR(first)) != "---" {
		return nil, nil, 0, ErrNoFrontMatter
	}
	start := len(data) - len(rest)
	line := 2
	for pos := start; pos < len(data) || pos == start; {
		l, next, more := cutLine(data[pos:])
		if string(trimCR(l)) == "---" {
			return data[start:pos], data[len(data)-len(next):], line + 1, nil
		}
		if !more {
			break
		}
		pos = len(data) - len(next)
		line++
	}
	return nil, nil, 0, ErrOpenFrontMatter
}

// Join builds a page file from front matter (YAML, ending in a newline) and a body.
func Join(front, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(front)
	if len(front) > 0 && front[len(front)-1] != '\n' {
		b.WriteByte('\n')
	}
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes()
}

// cutLine returns the first line of b (without "\n"), the rest, and whether a "\n" was found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

func trimCR(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\r")) }
