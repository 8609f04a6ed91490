package wiki

import (
	"errors"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in, front, body string
		bodyLine              int
		err                   error
	}{
		{"simple", "---\ntitle: A\n---\nHallo\n", "title: A\n", "Hallo\n", 4, nil},
		{"empty front", "---\n---\nTekst", "", "Tekst", 3, nil},
		{"crlf", "---\r\ntitle: A\r\n---\r\nHallo\r\n", "title: A\r\n", "Hallo\r\n", 4, nil},
		{"bom", "\xef\xbb\xbf---\ntitle: A\n---\n", "title: A\n", "", 4, nil},
		{"no body newline", "---\ntitle: A\n---", "title: A\n", "", 4, nil},
		{"dashes in body", "---\na: 1\nb: 2\n---\nx\n---\ny\n", "a: 1\nb: 2\n", "x\n---\ny\n", 5, nil},
		{"missing", "title: A\n", "", "", 0, ErrNoFrontMatter},
		{"empty file", "", "", "", 0, ErrNoFrontMatter},
		{"not closed", "---\ntitle: A\n", "", "", 0, ErrOpenFrontMatter},
		{"four dashes", "----\ntitle: A\n---\n", "", "", 0, ErrNoFrontMatter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, err := Split([]byte(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got (%q, %q, %d), want (%q, %q, %d)", front, body, line, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestJoinSplitRoundTrip(t *testing.T) {
	in := Join([]byte("title: A"), []byte("Tekst\n"))
	front, body, _, err := Split(in)
	if err != nil || string(front) != "title: A\n" || string(body) != "Tekst\n" {
		t.Fatalf("round trip: %q %q %v", front, body, err)
	}
}
