package twocheckout

import (
	"github.com/tco-go/twocheckout/internal/core"
)

// ErrOutcomeUnknown is matched by errors for calls that may have run on the
// server although no answer was read (a timeout or lost connection after the
// request was sent, an answer that is not SOAP). Such calls are never
// replayed: look the outcome up instead (an order by its ExternalReference,
// for example). context.DeadlineExceeded and context.Canceled stay matchable
// too.
var ErrOutcomeUnknown = core.ErrOutcomeUnknown

// APIError is a fault returned by the 2Checkout API: the call reached the
// server and was refused. Its fields are Operation ("placeOrder"), Code
// ("INVALID_PRODUCT"), Message (secrets removed) and HTTPStatus.
type APIError = core.APIError

// ErrorCode is a 2Checkout error code. Each documented code has a constant
// (ErrAuthenticationFailed, ErrInvalidProduct, ...) that errors.Is matches
// against an *APIError with that code.
type ErrorCode = core.ErrorCode
