// The end-to-end test of doc-literal-bare.wsdl: copied by TestEndToEnd into
// a temporary module beside the package generated from the WSDL.

package e2e

import (
	"context"
	"testing"

	gen "example.com/e2e/gen/docliteralbare"
)

func TestDocLiteralBare(t *testing.T) {
	ctx := context.Background()
	c := gen.NewClient(newCaller(t, gen.Operations()))

	// submitOrder: the part's element of a named type is the parameter; the
	// output element's type is the result. priority is a qualified element
	// ref in an unqualified schema.
	conf, err := c.SubmitOrder(ctx, &gen.OrderRequest{
		Customer: "ACME & Co",
		Line:     []gen.Line{{Sku: "A", Qty: 2}, {Sku: "B", Qty: 3}},
		Express:  ptr(true),
		Priority: ptr(5),
	})
	must(t, "submitOrder", err)
	equal(t, "submitOrder result", conf, &gen.Confirmation{OrderNumber: 1002, Lines: 5, Note: "for ACME & Co prio 5", Eta: ptr("2024-02-03")})
	conf, err = c.SubmitOrder(ctx, &gen.OrderRequest{Customer: "Solo", Line: []gen.Line{{Sku: "C", Qty: 1}}})
	must(t, "submitOrder minimal", err)
	equal(t, "submitOrder minimal result", conf, &gen.Confirmation{OrderNumber: 1001, Lines: 1, Note: "for Solo prio none"})

	// echo: simple-typed elements both ways.
	reply, err := c.Echo(ctx, "héllo <&>")
	must(t, "echo", err)
	equal(t, "echo result", reply, "echo: héllo <&>")
}
