// The end-to-end test of doc-literal-wrapped.wsdl: copied by TestEndToEnd
// into a temporary module beside the package generated from the WSDL.

package e2e

import (
	"context"
	"testing"

	gen "example.com/e2e/gen/docliteralwrapped"
)

func product(code string, i int, availability gen.Availability) *gen.Product {
	p := &gen.Product{
		Code:         code,
		Name:         "Widget " + code,
		Price:        &gen.Money{Amount: 12.5 + float64(i), Currency: "EUR"},
		Availability: availability,
	}
	for n := 1; n <= i; n++ {
		p.Tags = append(p.Tags, "t"+string(rune('0'+n)))
	}
	return p
}

func TestDocLiteralWrapped(t *testing.T) {
	ctx := context.Background()
	c := gen.NewClient(newCaller(t, gen.Operations()))

	// login: a wrapper whose single child is a string.
	tok, err := c.Login(ctx, "ann", "p&ss")
	must(t, "login", err)
	equal(t, "login token", tok, "T:ann:p&ss")

	// getProduct: a JAX-WS style wrapper (a named type), a sessionID child,
	// an optional child left out and sent, and a single struct child back,
	// which may be missing.
	p, err := c.GetProduct(ctx, "W-1", nil)
	must(t, "getProduct", err)
	equal(t, "getProduct result", p, product("W-1", 0, gen.AvailabilityBackorder))
	p, err = c.GetProduct(ctx, "W-1", ptr("de"))
	must(t, "getProduct with locale", err)
	want := product("W-1", 0, gen.AvailabilityBackorder)
	want.Description = ptr("desc:de")
	equal(t, "getProduct with locale result", p, want)
	p, err = c.GetProduct(ctx, "missing", nil)
	must(t, "getProduct of a missing product", err)
	equal(t, "getProduct of a missing product result", p, (*gen.Product)(nil))

	// searchProducts: a repeated enum child sent, a repeated struct child
	// back, decoded from the response wrapper itself; zero results too.
	ps, err := c.SearchProducts(ctx, "q", []gen.Availability{gen.AvailabilityInStock, gen.AvailabilityDiscontinued}, ptr(3))
	must(t, "searchProducts", err)
	equal(t, "searchProducts result", ps, []gen.Product{
		*product("q-0", 0, gen.AvailabilityInStock),
		*product("q-1", 1, gen.AvailabilityDiscontinued),
		*product("q-2", 2, gen.AvailabilityInStock),
	})
	ps, err = c.SearchProducts(ctx, "r", nil, nil)
	must(t, "searchProducts defaults", err)
	equal(t, "searchProducts defaults result", ps, []gen.Product{
		*product("r-0", 0, gen.AvailabilityInStock),
		*product("r-1", 1, gen.AvailabilityInStock),
	})
	ps, err = c.SearchProducts(ctx, "none", nil, ptr(0))
	must(t, "searchProducts none", err)
	equal(t, "searchProducts none result", len(ps), 0)

	// getDigitalProduct: two children back (the whole wrapper), one of a
	// complexContent extension.
	d, err := c.GetDigitalProduct(ctx, "D-1")
	must(t, "getDigitalProduct", err)
	base := product("D-1", 1, gen.AvailabilityInStock)
	equal(t, "getDigitalProduct result", d, &gen.GetDigitalProductResponse{
		Product: &gen.DigitalProduct{
			Code: base.Code, Name: base.Name, Price: base.Price, Tags: base.Tags,
			Availability: base.Availability, Description: ptr("digital"),
			DownloadURL: "https://dl.example/D-1?a=1&b=2", SizeBytes: ptr(int64(1 << 40)),
		},
		FetchedAt: "2024-01-02T03:04:05Z",
	})

	// updateStock: a repeated child of an anonymous type and an element ref.
	n, err := c.UpdateStock(ctx, []gen.UpdateStockLine{{Code: "A", Quantity: 2}, {Code: "B", Quantity: 5}}, nil)
	must(t, "updateStock", err)
	equal(t, "updateStock result", n, 7)
	n, err = c.UpdateStock(ctx, []gen.UpdateStockLine{{Code: "A", Quantity: 1}}, ptr("hey"))
	must(t, "updateStock with note", err)
	equal(t, "updateStock with note result", n, 3001)

	// ping: an empty response wrapper; the optional message arrives.
	must(t, "ping", c.Ping(ctx, nil))
	must(t, "ping hello", c.Ping(ctx, ptr("hello")))
	wantFault(t, c.Ping(ctx, ptr("boom")), "unexpected ping message")
}
