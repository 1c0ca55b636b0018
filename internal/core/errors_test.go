package core

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/soap"
)

func TestFaultsBecomeAPIErrorsWithoutSecrets(t *testing.T) {
	r := redactor{secrets: func() []string { return []string{"SECRET_KEY", "sess-0123456789", "abcdef0123456789hash", ""} }}
	err := r.wrap("placeOrder", &soap.Fault{
		Code:       "INVALID_PRODUCT",
		String:     "session sess-0123456789 with key SECRET_KEY, hash abcdef0123456789hash, card 4111 1111 1111 1111 / 4111111111111111",
		HTTPStatus: 500,
	})
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, "placeOrder", apiErr.Operation)
	require.Equal(t, "INVALID_PRODUCT", apiErr.Code)
	for _, secret := range []string{"SECRET_KEY", "sess-0123456789", "abcdef0123456789hash", "4111"} {
		require.NotContains(t, err.Error(), secret)
	}
	require.ErrorIs(t, err, ErrorCode("INVALID_PRODUCT"))

	// Other errors keep their chain but lose the secrets in their text.
	te := &soap.TransportError{Operation: "getOrder", RequestSent: true, Err: errors.New("proxy echoed sess-0123456789")}
	err = r.wrap("getOrder", te)
	require.NotContains(t, err.Error(), "sess-0123456789")
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var got *soap.TransportError
	require.True(t, errors.As(err, &got))
}
