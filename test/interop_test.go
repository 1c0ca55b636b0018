package test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/gen/soap60"
	"github.com/tco-go/twocheckout/test/phpserver"
)

const (
	merchantCode = "AVANGATE"
	secretKey    = "SECRET_KEY"
)

func startSOAP60(t *testing.T) *phpserver.Server {
	t.Helper()
	requirePHP(t)
	return phpserver.Start(t, phpserver.Options{WSDL: "wsdl/soap-6.0.wsdl", MerchantCode: merchantCode, SecretKey: secretKey})
}

func newClient(t *testing.T, srv *phpserver.Server, algo twocheckout.HashAlgo, secret string) *twocheckout.Client {
	t.Helper()
	c, err := twocheckout.New(twocheckout.Config{MerchantCode: merchantCode, SecretKey: secret, Algo: algo, Endpoint: srv.URL})
	require.NoError(t, err)
	return c
}

// Login with each algorithm; PHP verifies the HMAC itself and refuses a bad
// one with AUTHENTICATION_FAILED.
func TestLoginEachAlgoVerifiedByPHP(t *testing.T) {
	srv := startSOAP60(t)
	for _, algo := range []twocheckout.HashAlgo{twocheckout.MD5, twocheckout.SHA256, twocheckout.SHA3_256} {
		t.Run(string(algo), func(t *testing.T) {
			srv.Reset()
			id, err := newClient(t, srv, algo, secretKey).SessionID(context.Background())
			require.NoError(t, err)
			require.Len(t, id, 32)
			calls := srv.Calls()
			require.Len(t, calls, 1)
			require.Equal(t, "login", calls[0].Op)
			want := `"` + string(algo) + `"`
			if algo == twocheckout.MD5 {
				want = "null" // three arguments: no algo part
			}
			require.JSONEq(t, want, string(calls[0].Args[3]))
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		_, err := newClient(t, srv, twocheckout.SHA256, "WRONG_SECRET_KEY").SessionID(context.Background())
		var apiErr *twocheckout.APIError
		require.True(t, errors.As(err, &apiErr), "%v", err)
		require.Equal(t, "login", apiErr.Operation)
		require.Equal(t, "AUTHENTICATION_FAILED", apiErr.Code)
		require.ErrorIs(t, err, twocheckout.ErrorCode("AUTHENTICATION_FAILED"))
		require.NotContains(t, err.Error(), "WRONG_SECRET_KEY")
	})
}

func testOrder() *soap60.Order {
	return &soap60.Order{
		Currency:          new("USD"),
		Country:           new("US"),
		Language:          new(""),
		ExternalReference: new("ext-42"),
		Items: soap60.OrderItemArray{
			{
				Code: new("P1"), Quantity: new(2), PurchaseType: new(soap60.OrderItemPurchaseTypeProduct),
				PriceOptions: soap60.PriceOptionsArray{{Name: new("Users"), Options: soap60.OrderPriceOptionArray{{Value: new("5-10")}, {Value: new("11-20")}}}},
				Price:        &soap60.OrderPrice{Amount: new(12.5), Type: new("CUSTOM")},
			},
			{Code: new("P2"), Quantity: new(0)},
		},
		BillingDetails: &soap60.BillingDetails{FirstName: new("Ana"), LastName: new("Pop"), Email: new("ana@example.com"), CountryCode: new("RO")},
		Promotions:     soap60.StringArray{"SPRING", ""},
	}
}

// decodeArg decodes what PHP received into a Go value of the same type as
// what was sent, so that the two compare field by field.
func decodeArg[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// placeOrder round trip: nested arrays and nulls reach PHP intact, and an
// answer in which PHP repeats one item object (id/href) decodes to two equal
// items.
func TestPlaceOrderRoundTrip(t *testing.T) {
	srv := startSOAP60(t)
	client := newClient(t, srv, twocheckout.SHA256, secretKey)
	sent := testOrder()

	answer := map[string]any{
		"RefNo": "9001", "Currency": "USD", "Status": "AUTHRECEIVED", "OrderDate": nil,
		"Items": []any{
			map[string]any{"Code": "P1", "Quantity": 2, "PriceOptions": nil, "Price": map[string]any{"Amount": phpserver.Float(12), "Type": "CUSTOM"}},
			phpserver.Same(0),
		},
		"Promotions": []string{},
	}
	srv.SetResponse("placeOrder", answer)
	got, err := client.PlaceOrder(context.Background(), sent)
	require.NoError(t, err)

	calls := srv.Calls()
	require.Equal(t, []string{"login", "placeOrder"}, []string{calls[0].Op, calls[1].Op})
	id, err := client.SessionID(context.Background())
	require.NoError(t, err)
	require.JSONEq(t, `"`+id+`"`, string(calls[1].Args[0]), "the session ID goes first")
	require.Equal(t, sent, decodeArg[*soap60.Order](t, calls[1].Args[1]), "what PHP decoded is what Go sent")

	item := soap60.OrderItem{Code: new("P1"), Quantity: new(2), Price: &soap60.OrderPrice{Amount: new(12.0), Type: new("CUSTOM")}}
	require.Equal(t, "9001", *got.RefNo)
	require.Equal(t, "AUTHRECEIVED", *got.Status)
	require.Nil(t, got.OrderDate)
	require.Equal(t, soap60.OrderItemArray{item, item}, got.Items, "the href item decodes like the first")
	require.NotNil(t, got.Promotions)
	require.Empty(t, got.Promotions)
}

func TestGetOrder(t *testing.T) {
	srv := startSOAP60(t)
	client := newClient(t, srv, twocheckout.SHA256, secretKey)
	srv.SetResponse("getOrder", map[string]any{"RefNo": "9001", "ExternalReference": "ext-42", "Currency": "EUR", "RecurringEnabled": true})
	got, err := client.GetOrder(context.Background(), "9001", nil)
	require.NoError(t, err)
	require.Equal(t, "ext-42", *got.ExternalReference)
	require.Equal(t, "EUR", *got.Currency)
	require.True(t, *got.RecurringEnabled)
	calls := srv.Calls()
	require.Equal(t, "getOrder", calls[len(calls)-1].Op)
	require.JSONEq(t, `"9001"`, string(calls[len(calls)-1].Args[1]))
	require.JSONEq(t, `null`, string(calls[len(calls)-1].Args[2]))
}

// A fault from PHP becomes an *APIError with the operation, code and message.
func TestFaultBecomesTypedError(t *testing.T) {
	srv := startSOAP60(t)
	client := newClient(t, srv, twocheckout.SHA256, secretKey)
	srv.SetFault("getOrder", "INVALID_REFERENCE", "Invalid order reference 9001")
	_, err := client.GetOrder(context.Background(), "9001", nil)
	var apiErr *twocheckout.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	require.Equal(t, twocheckout.APIError{Operation: "getOrder", Code: "INVALID_REFERENCE", Message: "Invalid order reference 9001", HTTPStatus: 500}, *apiErr)
	require.ErrorIs(t, err, twocheckout.ErrorCode("INVALID_REFERENCE"))
	require.False(t, errors.Is(err, twocheckout.ErrOutcomeUnknown))
	id, _ := client.SessionID(context.Background())
	require.False(t, strings.Contains(err.Error(), id), "no session ID in errors")
}
