package core

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/tco-go/twocheckout/soap"
)

// ErrOutcomeUnknown is matched by errors for calls that may have run on the
// server although no answer was read (a timeout or lost connection after the
// request was sent, an answer that is not SOAP). Such calls are never
// replayed: look the outcome up instead (an order by its ExternalReference,
// for example).
var ErrOutcomeUnknown = soap.ErrOutcomeUnknown

// ErrorCode is a 2Checkout error code. Each documented code has a constant
// (ErrAuthenticationFailed, ErrInvalidProduct, ...) that errors.Is matches
// against an *APIError with that code.
type ErrorCode string

func (c ErrorCode) Error() string { return "twocheckout: error code " + string(c) }

// APIError is a fault returned by the 2Checkout API: the call reached the
// server and was refused.
type APIError struct {
	// Operation is the API method that was called ("placeOrder").
	Operation string
	// Code is the API's error code ("INVALID_PRODUCT"), the SOAP faultcode.
	Code string
	// Message is the API's message, with secrets removed.
	Message string
	// HTTPStatus is the HTTP status the fault came with.
	HTTPStatus int
}

func (e *APIError) Error() string {
	return fmt.Sprintf("twocheckout: %s: %s: %s", e.Operation, e.Code, e.Message)
}

// Is matches the ErrorCode constant of the error's code.
func (e *APIError) Is(target error) bool {
	c, ok := target.(ErrorCode)
	return ok && strings.EqualFold(string(c), e.Code)
}

// redactor removes secrets from error text: the secret key, login hashes,
// session IDs and anything shaped like a card number.
type redactor struct {
	secrets func() []string
}

var cardNumber = regexp.MustCompile(`\d(?:[ -]?\d){12,18}`)

func (r redactor) clean(s string) string {
	for _, secret := range r.secrets() {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return cardNumber.ReplaceAllString(s, "[redacted]")
}

// redactedError keeps an error's chain for errors.Is and errors.As while
// giving it a message without secrets.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// with returns a redactor that also removes extra.
func (r redactor) with(extra ...string) redactor {
	return redactor{secrets: func() []string { return append(r.secrets(), extra...) }}
}

// wrap turns a fault into an *APIError and removes secrets from any other
// error's message, and from the excerpt of an *soap.HTTPError in place.
func (r redactor) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if ce, ok := err.(*changedError); ok {
		return &changedError{cause: r.wrap(op, ce.cause)}
	}
	var he *soap.HTTPError
	if errors.As(err, &he) {
		he.Excerpt = r.clean(he.Excerpt)
	}
	var f *soap.Fault
	if errors.As(err, &f) {
		return &APIError{Operation: cmp.Or(f.Operation, op), Code: f.Code, Message: r.clean(f.String), HTTPStatus: f.HTTPStatus}
	}
	msg := err.Error()
	if clean := r.clean(msg); clean != msg {
		return &redactedError{msg: clean, err: err}
	}
	return err
}

// notSent marks the error of a step taken before a call was sent (a login,
// a partner selection, a cart step before placeOrder): the call itself did
// not run, so the error never matches ErrOutcomeUnknown, even when the step
// that failed lost its own answer. It matches everything else its cause
// matches (error codes, context errors) and errors.As reaches the cause.
type notSent struct{ err error }

// NotSent wraps err as the failure of a step before the call was sent.
func NotSent(err error) error {
	if err == nil {
		return nil
	}
	return &notSent{err: err}
}

func (e *notSent) Error() string { return e.err.Error() }

// Is matches what the cause matches, except ErrOutcomeUnknown.
func (e *notSent) Is(target error) bool {
	return target != ErrOutcomeUnknown && errors.Is(e.err, target)
}

// As finds target in the cause's chain.
func (e *notSent) As(target any) bool { return errors.As(e.err, target) }
