package wiki

import (
	"fmt"
	"strings"
)

// Severity says how much a Problem matters.
type Severity int

const (
	// Error makes a page invalid: it is not saved or imported.
	Error Severity = iota
	// Warning is allowed but reported, e.g. a link to a page that does not exist yet.
	Warning
	// Hint is the method speaking: a rule of thumb, never a reason to refuse a save.
	Hint
)

// String is the Dutch word shown before the message.
func (s Severity) String() string {
	switch s {
	case Error:
		return "fout"
	case Warning:
		return "let op"
	default:
		return "tip"
	}
}

// Class is an ASCII name for the severity, for CSS classes and JSON.
func (s Severity) Class() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "hint"
	}
}

// Problem is one finding about one page. Code is stable for tooling ("frontmatter.unknown-key",
// "case.few-themes"); Message is plain Dutch for people.
type Problem struct {
	Severity Severity `json:"-"`
	Code     string   `json:"code"`
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`
	Field    string   `json:"field,omitempty"`
	Message  string   `json:"message"`
}

// String renders "themes/x.md:3: fout: related[0].slug: message", the form the CLI prints.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	fmt.Fprintf(&b, ": %s: ", p.Severity)
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of findings; as an error it stands for its errors only.
type Problems []Problem

// Errors returns only the problems of severity Error.
func (ps Problems) Errors() Problems { return ps.only(Error) }

// Hints returns only the method hints.
func (ps Problems) Hints() Problems { return ps.only(Hint) }

// Warnings returns only the warnings.
func (ps Problems) Warnings() Problems { return ps.only(Warning) }

func (ps Problems) only(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// HasErrors reports whether any problem is an Error.
func (ps Problems) HasErrors() bool { return len(ps.Errors()) > 0 }

// Err returns the errors as an error value, or nil when there are none.
func (ps Problems) Err() error {
	if errs := ps.Errors(); len(errs) > 0 {
		return &InvalidError{Problems: errs}
	}
	return nil
}

// InvalidError is returned when a page (or a set of pages) cannot be saved because of errors.
type InvalidError struct{ Problems Problems }

func (e *InvalidError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
