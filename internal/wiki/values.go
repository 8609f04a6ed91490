package wiki

import (
	"fmt"
	"strings"
	"time"
)

// DateLayout is how dates are written in front matter.
const DateLayout = "2006-01-02"

// Date is a calendar day written JJJJ-MM-DD. It stays a string so a page round-trips unchanged.
type Date string

// CheckValue accepts an empty date (not filled in) or a real day.
func (d Date) CheckValue() error {
	if d == "" {
		return nil
	}
	if _, err := time.Parse(DateLayout, string(d)); err != nil {
		return fmt.Errorf("%q is geen datum; schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-20", string(d))
	}
	return nil
}

// Time returns the day as a time at midnight UTC; the zero time when empty or invalid.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// CheckValue makes a slug in front matter (a typed link) a checked value.
func (s Slug) CheckValue() error {
	_, err := ParseSlug(string(s))
	return err
}

// CheckValue accepts a kind ("theme") in front matter.
func (k Kind) CheckValue() error {
	if k.Valid() {
		return nil
	}
	return OneOf(string(k), "portrait", "theme", "frame", "case", "team")
}

// OneOf checks an enumerated value; an empty value means "not filled in" and is accepted, so
// the kind can apply its default.
func OneOf(v string, allowed ...string) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%q kan hier niet; kies uit: %s", v, strings.Join(allowed, ", "))
}

// months are the Dutch month names, for dates people read.
var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
	"september", "oktober", "november", "december"}

// Dutch writes the date as people read it: "15 januari 2027". A date that does not parse
// stays as written, and "" stays "".
func (d Date) Dutch() string {
	t := d.Time()
	if t.IsZero() {
		return string(d)
	}
	return DutchDay(t)
}

// DutchDay writes the day of t: "15 januari 2027".
func DutchDay(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// DutchMoment writes t to the minute, in t's own time zone: "3 maart 2027, 10:30".
func DutchMoment(t time.Time) string {
	return fmt.Sprintf("%s, %02d:%02d", DutchDay(t), t.Hour(), t.Minute())
}
