package soap

import (
	"bytes"
	"os"
	"testing"
)

func benchOrder() *testOrder {
	items := make(testOrderItemArray, 50)
	for i := range items {
		items[i] = testOrderItem{Code: new("PRODUCT"), Quantity: i, PriceOptions: testStringArray{"a=1", "b"}}
	}
	return &testOrder{Currency: "USD", Items: items, Total: new(12.5)}
}

func BenchmarkEncodePlaceOrder50Items(b *testing.B) {
	order := benchOrder()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodeRequest(rpcOp("placeOrder"), []Param{param("sessionID", "s"), param("Order", order)}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePlaceOrder50Items(b *testing.B) {
	req, err := EncodeRequest(rpcOp("placeOrderResponse"), []Param{param("return", benchOrder())})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(req)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := parseEnvelope(bytes.NewReader(req), false)
		if err != nil {
			b.Fatal(err)
		}
		var o *testOrder
		if err := decodeResult(doc, rpcOp("x"), &o); err != nil || len(o.Items) != 50 {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePHPResponse(b *testing.B) {
	body, err := os.ReadFile("testdata/php-placeOrder-response.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := parseEnvelope(bytes.NewReader(body), false)
		if err != nil {
			b.Fatal(err)
		}
		var o *testOrder
		if err := decodeResult(doc, rpcOp("x"), &o); err != nil {
			b.Fatal(err)
		}
	}
}
