// The end-to-end test of rpc-encoded-variant.wsdl: copied by TestEndToEnd
// into a temporary module beside the package generated from the WSDL.

package e2e

import (
	"context"
	"testing"

	gen "example.com/e2e/gen/rpcencodedvariant"
)

func TestRPCEncodedVariant(t *testing.T) {
	ctx := context.Background()
	c := gen.NewClient(newCaller(t, gen.Operations()))

	// login: no session; a nillable part sent as nil and as a value; a fault.
	tok, err := c.Login(ctx, "M1", "h4sh", nil)
	must(t, "login", err)
	equal(t, "login token", tok, "sess:M1:h4sh:nil")
	tok, err = c.Login(ctx, "M1", "h4sh", ptr("sha3-256"))
	must(t, "login", err)
	equal(t, "login token", tok, "sess:M1:h4sh:sha3-256")
	_, err = c.Login(ctx, "bad", "x", nil)
	wantFault(t, err, "AUTH_FAILED")

	// getOrder: a struct with a nested struct, an array of structs (declared
	// with an inner sequence), an array of xsd:string (wsdl:arrayType), an
	// enum and nil and non-nil nillable scalars, from PHP.
	order, err := c.GetOrder(ctx, 42)
	must(t, "getOrder", err)
	equal(t, "getOrder result", order, &gen.Order{
		OrderRef: 42,
		Status:   gen.OrderStatusFraudNotRecognized,
		Placed:   "2024-05-06T07:08:09Z",
		ShipTo:   &gen.Address{Street: `1 Rue <&> "Test"`, City: "Zürich"},
		Items: gen.ArrayOfOrderItem{
			{SKU: "A-1", Quantity: 2, UnitPrice: 9.5},
			{SKU: "B-2", Quantity: 1, UnitPrice: 0.25, Discount: ptr(1.5)},
		},
		Tags:   gen.ArrayOfString{"x", "y"},
		Total:  19.25,
		Paid:   true,
		Coupon: ptr(7),
	})

	// placeOrder: two output parts; the order PHP received comes back
	// unchanged from getOrder.
	sent := &gen.Order{
		OrderRef: 1001,
		Status:   gen.OrderStatusRefundPending,
		Placed:   "2025-12-31T23:59:59+01:00",
		ShipTo:   &gen.Address{Street: "Main St", City: "Bucharest", PostalCode: ptr("010101")},
		Items: gen.ArrayOfOrderItem{
			{SKU: "X", Quantity: 3, UnitPrice: 1.25, Discount: ptr(0.5)},
			{SKU: "Y&Z", Quantity: 1, UnitPrice: 100},
		},
		Tags:  gen.ArrayOfString{"gift"},
		Total: 103.75,
		Note:  ptr("leave at the door"),
	}
	placed, err := c.PlaceOrder(ctx, sent, nil)
	must(t, "placeOrder", err)
	equal(t, "placeOrder result", placed, &gen.PlaceOrderResult{OrderRef: 1002, Status: gen.OrderStatusRefundPending})
	placed, err = c.PlaceOrder(ctx, sent, ptr(true))
	must(t, "placeOrder dryRun", err)
	equal(t, "placeOrder dryRun result", placed, &gen.PlaceOrderResult{OrderRef: 1002, Status: gen.OrderStatusNEW})
	back, err := c.GetOrder(ctx, 1001)
	must(t, "getOrder of the placed order", err)
	equal(t, "placed order as PHP got it", back, sent)

	sent2 := &gen.Order{OrderRef: 1003, Status: gen.OrderStatusPAID, ShipTo: &gen.Address{}, Items: gen.ArrayOfOrderItem{}, Paid: true, Coupon: ptr(0)}
	placed, err = c.PlaceOrder(ctx, sent2, ptr(false))
	must(t, "placeOrder empty", err)
	equal(t, "placeOrder empty result", placed, &gen.PlaceOrderResult{OrderRef: 1004, Status: gen.OrderStatusPAID})
	back, err = c.GetOrder(ctx, 1003)
	must(t, "getOrder of the empty order", err)
	equal(t, "empty order as PHP got it", back, sent2)

	// addItems: an array of structs both ways.
	items, err := c.AddItems(ctx, 7, gen.ArrayOfOrderItem{{SKU: "A", Quantity: 1, UnitPrice: 2}, {SKU: "B", Quantity: 5, UnitPrice: 0.1, Discount: ptr(0.01)}})
	must(t, "addItems", err)
	equal(t, "addItems result", items, gen.ArrayOfOrderItem{{SKU: "7/A", Quantity: 2, UnitPrice: 2}, {SKU: "7/B", Quantity: 10, UnitPrice: 0.1, Discount: ptr(0.01)}})

	// listTags: an array of xsd:string, full and empty.
	tags, err := c.ListTags(ctx, "p", nil)
	must(t, "listTags", err)
	equal(t, "listTags result", tags, gen.ArrayOfString{"p-S-123", "p-all"})
	tags, err = c.ListTags(ctx, "p", ptr(3))
	must(t, "listTags limit", err)
	equal(t, "listTags limit result", tags, gen.ArrayOfString{"p-S-123", "p-3"})
	tags, err = c.ListTags(ctx, "none", nil)
	must(t, "listTags none", err)
	equal(t, "listTags none result", len(tags), 0)

	// logout: no output parts.
	must(t, "logout", c.Logout(ctx))
}
