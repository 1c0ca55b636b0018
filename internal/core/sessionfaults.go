package core

import (
	"errors"
	"strings"

	"github.com/tco-go/twocheckout/soap"
)

// sessionFaultCodes are the fault codes taken to mean that the server
// rejected the session itself (expired, unknown or never started), so that
// the call did not run. 2Checkout documents no such code (see wsdl/NOTES.md):
// these are guesses at the obvious names, backed up by the message check
// below, and should be confirmed against the sandbox. Keep every such rule
// here.
var sessionFaultCodes = map[string]bool{
	"INVALID_SESSION":     true,
	"SESSION_EXPIRED":     true,
	"SESSION_NOT_STARTED": true,
	"EXPIRED_SESSION":     true,
}

// sessionFaultPhrases are lower-case message fragments that, next to the word
// "session", mark a rejected session whatever the code. They are few on
// purpose: a message match replays a call, so "invalid payment session" must
// not match.
var sessionFaultPhrases = []string{"expired", "not started"}

// SessionRejected reports whether f says the session was not accepted.
func SessionRejected(f *soap.Fault) bool {
	if sessionFaultCodes[strings.ToUpper(f.Code)] {
		return true
	}
	msg := strings.ToLower(f.String)
	if !strings.Contains(msg, "session") {
		return false
	}
	for _, p := range sessionFaultPhrases {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// RejectedByCode reports whether err is an API error whose code says the
// session was not accepted; unlike Rejected it ignores the message.
func RejectedByCode(err error) bool {
	var e *APIError
	return errors.As(err, &e) && sessionFaultCodes[strings.ToUpper(e.Code)]
}

// Rejected reports whether err is an API error saying the session was not
// accepted.
func Rejected(err error) bool {
	var e *APIError
	return errors.As(err, &e) && SessionRejected(&soap.Fault{Code: e.Code, String: e.Message})
}
