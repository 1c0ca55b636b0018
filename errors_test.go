package twocheckout

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
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
