package soap

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrOutcomeUnknown is matched (with errors.Is) by every error returned after
// the request may have reached the server but before a SOAP answer was read:
// a timeout or a lost connection after sending, a response that is not SOAP,
// too large, or cannot be decoded. Such a call may have run; replaying it may
// run it twice.
var ErrOutcomeUnknown = errors.New("soap: the request may have been processed; the outcome is unknown")

// ErrResponseTooLarge is matched by the error for a response body larger than
// the client's limit.
var ErrResponseTooLarge = errors.New("soap: response body exceeds the size limit")

// TransportError is a failure to send the request or to read the response.
type TransportError struct {
	Operation string
	// RequestSent is true when the whole request had been written to the
	// connection before the failure.
	RequestSent bool
	Err         error
}

func (e *TransportError) Error() string {
	when := "before the request was sent"
	if e.RequestSent {
		when = "after the request was sent"
	}
	return fmt.Sprintf("soap: %s: transport failed %s: %v", e.Operation, when, e.Err)
}

// Unwrap returns the underlying error, so that context.DeadlineExceeded and
// context.Canceled stay matchable.
func (e *TransportError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown when the request had been sent.
func (e *TransportError) Is(target error) bool {
	return target == ErrOutcomeUnknown && e.RequestSent
}

// HTTPError is an HTTP response that is not a SOAP envelope (an HTML error
// page from a proxy, an empty 502), or a non-2xx response without a fault.
type HTTPError struct {
	Operation   string
	StatusCode  int
	ContentType string
	// Excerpt is the start of the body, at most 256 bytes, with control
	// characters and runs of white space folded to single spaces.
	Excerpt string
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("soap: %s: HTTP %d", e.Operation, e.StatusCode)
	if e.ContentType != "" {
		msg += " (" + e.ContentType + ")"
	}
	if e.Excerpt == "" {
		return msg + " with an empty body"
	}
	return msg + " with a body that is not a SOAP response: " + e.Excerpt
}

// Is matches ErrOutcomeUnknown: the server may have run the call.
func (e *HTTPError) Is(target error) bool { return target == ErrOutcomeUnknown }

// ResponseError is a SOAP response that could not be read: too large, not
// well-formed, or not of the expected shape.
type ResponseError struct {
	Operation string
	Err       error
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("soap: %s: reading the response: %v", e.Operation, e.Err)
}

// Unwrap returns the underlying error.
func (e *ResponseError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown: the server answered, but what it said is lost.
func (e *ResponseError) Is(target error) bool { return target == ErrOutcomeUnknown }

const maxExcerpt = 256

// excerpt folds white space and control characters in b and cuts it to
// maxExcerpt bytes on a rune boundary.
func excerpt(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxExcerpt {
		cut := maxExcerpt
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
