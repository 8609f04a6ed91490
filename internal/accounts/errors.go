package accounts

import (
	"errors"
	"fmt"
)

// Error is a problem the person at the keyboard can act on. Its message is Dutch (B1, "je") and
// safe to show as it is; Code is stable, so the web layer can pick an HTTP status from it.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Is lets errors.Is(err, ErrNotFound) match any Error with the same code, whatever its message.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code
}

func problem(code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// The kinds of Error, for errors.Is. Their messages are examples; returned errors say more.
var (
	ErrNotFound       = &Error{Code: "not-found", Message: "dit account bestaat niet"}
	ErrExists         = &Error{Code: "exists", Message: "er is al een account met deze naam"}
	ErrBadName        = &Error{Code: "bad-name", Message: "deze naam kan niet"}
	ErrBadDisplay     = &Error{Code: "bad-display", Message: "deze weergavenaam kan niet"}
	ErrBadRole        = &Error{Code: "bad-role", Message: "deze rol bestaat niet"}
	ErrBadTeam        = &Error{Code: "bad-team", Message: "deze teamnaam kan niet"}
	ErrBadPassword    = &Error{Code: "bad-password", Message: "dit wachtwoord kan niet"}
	ErrBadLogin       = &Error{Code: "bad-login", Message: msgBadLogin}
	ErrDisabled       = &Error{Code: "disabled", Message: msgDisabled}
	ErrLastBeheerder  = &Error{Code: "last-beheerder", Message: msgLastBeheerder}
	ErrNoSession      = &Error{Code: "no-session", Message: msgNoSession}
	ErrBadToken       = &Error{Code: "bad-token", Message: msgBadToken}
	ErrSetupInvalid   = &Error{Code: "setup-invalid", Message: msgSetupInvalid}
	ErrSetupDone      = &Error{Code: "setup-done", Message: msgSetupDone}
	ErrSessionUnknown = &Error{Code: "session-unknown", Message: "deze sessie bestaat niet (meer)"}
	ErrTokenUnknown   = &Error{Code: "token-unknown", Message: "deze toegangssleutel bestaat niet (meer)"}
)

const (
	msgBadLogin      = "De naam of het wachtwoord klopt niet."
	msgDisabled      = "Dit account is uitgezet. Vraag een beheerder om het weer aan te zetten."
	msgLastBeheerder = "Dit is de laatste beheerder. Maak eerst iemand anders beheerder."
	msgNoSession     = "Je bent niet meer ingelogd. Log opnieuw in."
	msgBadToken      = "Deze toegangssleutel is onbekend of ingetrokken."
	msgSetupInvalid  = "Deze inrichtingslink is verlopen of al gebruikt. Start de server opnieuw voor een nieuwe link."
	msgSetupDone     = "Er zijn al accounts. Een inrichtingslink is niet meer nodig: log in, of vraag een beheerder om een account."
)
