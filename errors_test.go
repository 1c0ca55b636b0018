package twocheckout

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/soap"
)

func TestEveryDocumentedCodeHasASentinel(t *testing.T) {
	data, err := os.ReadFile("wsdl/catalog/error-codes.json")
	require.NoError(t, err)
	var cat struct{ Codes []struct{ Code string } }
	require.NoError(t, json.Unmarshal(data, &cat))
	var want []ErrorCode
	for _, c := range cat.Codes {
		want = append(want, ErrorCode(c.Code))
	}
	require.ElementsMatch(t, want, documentedErrorCodes)

	for _, code := range documentedErrorCodes {
		err := fmt.Errorf("wrapped: %w", &APIError{Operation: "x", Code: string(code)})
		for _, other := range documentedErrorCodes {
			require.Equal(t, code == other, errors.Is(err, other), "%s vs %s", code, other)
		}
	}
	// The names the docs and users reach for.
	for _, c := range []ErrorCode{ErrAuthenticationFailed, ErrInvalidPartner, ErrProductNotFound, ErrInvalidProduct, ErrEmptyCart} {
		require.Contains(t, documentedErrorCodes, c)
	}
}

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
	require.ErrorIs(t, err, ErrInvalidProduct)

	// Other errors keep their chain but lose the secrets in their text.
	te := &soap.TransportError{Operation: "getOrder", RequestSent: true, Err: errors.New("proxy echoed sess-0123456789")}
	err = r.wrap("getOrder", te)
	require.NotContains(t, err.Error(), "sess-0123456789")
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var got *soap.TransportError
	require.True(t, errors.As(err, &got))
}
