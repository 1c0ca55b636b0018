package soap

import "encoding/xml"

// Types shaped like the ones cmd/regen writes for PHP's mini WSDL
// (urn:order: Order, OrderItem, OrderItemArray, StringArray).

const testNS = "urn:order"

type testStringArray []string

func (testStringArray) SOAPType() xml.Name     { return xml.Name{Space: testNS, Local: "StringArray"} }
func (testStringArray) SOAPItemType() xml.Name { return xml.Name{Space: NamespaceXSD, Local: "string"} }

type testOrderItem struct {
	Code         *string         `soap:"Code"`
	Quantity     int             `soap:"Quantity"`
	PriceOptions testStringArray `soap:"PriceOptions"`
}

func (testOrderItem) SOAPType() xml.Name { return xml.Name{Space: testNS, Local: "OrderItem"} }

type testOrderItemArray []testOrderItem

func (testOrderItemArray) SOAPType() xml.Name {
	return xml.Name{Space: testNS, Local: "OrderItemArray"}
}
func (testOrderItemArray) SOAPItemType() xml.Name { return xml.Name{Space: testNS, Local: "OrderItem"} }

type testOrder struct {
	RefNo    *string            `soap:"RefNo"`
	Currency string             `soap:"Currency"`
	Items    testOrderItemArray `soap:"Items"`
	Total    *float64           `soap:"Total"`
}

func (testOrder) SOAPType() xml.Name { return xml.Name{Space: testNS, Local: "Order"} }

type testAlgo string

func (testAlgo) SOAPType() xml.Name { return xml.Name{Space: testNS, Local: "Algo"} }

func rpcOp(name string) *Operation {
	return &Operation{
		Name:    name,
		Action:  testNS + "#" + name,
		Style:   RPC,
		Use:     Encoded,
		Wrapper: xml.Name{Space: testNS, Local: name},
		Session: &Param{Name: xml.Name{Local: "sessionID"}},
	}
}

func param(name string, v any) Param { return Param{Name: xml.Name{Local: name}, Value: v} }

type testAnyArray []any

func (testAnyArray) SOAPType() xml.Name     { return xml.Name{Space: testNS, Local: "AnyTypeArray"} }
func (testAnyArray) SOAPItemType() xml.Name { return xml.Name{Space: NamespaceXSD, Local: "anyType"} }

// plainSlices has plain (non-Array) slice fields: repeated elements in
// literal use, SOAP-ENC arrays in encoded use.
type plainSlices struct {
	Tags   []string         `soap:"Tags"`
	Nums   []int            `soap:"Nums"`
	Longs  []int64          `soap:"Longs"`
	Prices []float64        `soap:"Prices"`
	Flags  []bool           `soap:"Flags"`
	Items  []*testOrderItem `soap:"Items"`
	Algos  []testAlgo       `soap:"Algos"`
	Any    []any            `soap:"Any"`
	Dates  []string         `soap:"Dates,type=dateTime"`
	Empty  []string         `soap:"Empty"`
	Nil    []string         `soap:"Nil"`
}
