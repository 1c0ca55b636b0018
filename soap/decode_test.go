package soap

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func decodeString(t *testing.T, op *Operation, body string, result any) error {
	t.Helper()
	doc, err := parseEnvelope(strings.NewReader(body), false)
	require.NoError(t, err)
	return decodeResult(doc, op, result)
}

const envStart = `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:order" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>`
const envEnd = `</SOAP-ENV:Body></SOAP-ENV:Envelope>`

func TestDecodePHPPlaceOrderResponse(t *testing.T) {
	body, err := os.ReadFile("testdata/php-placeOrder-response.xml")
	require.NoError(t, err)
	var got *testOrder
	require.NoError(t, decodeString(t, rpcOp("placeOrder"), string(body), &got))
	require.Equal(t, &testOrder{
		RefNo:    new("9001"),
		Currency: "USD",
		Items:    testOrderItemArray{{Code: new("P1"), Quantity: 2, PriceOptions: testStringArray{"a=1", "b"}}},
		Total:    new(12.5),
	}, got)
}

func TestDecodeInlineHref(t *testing.T) {
	body := envStart + `<ns1:r><return xsi:type="ns1:Order"><Items SOAP-ENC:arrayType="ns1:OrderItem[2]" xsi:type="ns1:OrderItemArray"><item xsi:type="ns1:OrderItem" id="ref1"><Code xsi:type="xsd:string">P1</Code><Quantity xsi:type="xsd:int">2</Quantity><PriceOptions xsi:nil="true"/></item><item href="#ref1"/></Items></return></ns1:r>` + envEnd
	var got testOrder
	require.NoError(t, decodeString(t, rpcOp("r"), body, &got))
	require.Len(t, got.Items, 2)
	require.Equal(t, got.Items[0], got.Items[1])
	require.Equal(t, "P1", *got.Items[1].Code)
	require.Nil(t, got.Items[0].PriceOptions)
}

func TestDecodeBodyLevelMultiRef(t *testing.T) {
	// Axis-style: the result and its members are references to multiRef
	// elements that follow the response element in the Body.
	body := envStart + `<ns1:rResponse><return href="#id0"/></ns1:rResponse>` +
		`<multiRef id="id0" xsi:type="ns1:Order"><Currency>EUR</Currency><Items xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="ns1:OrderItem[1]"><Items href="#id1"/></Items></multiRef>` +
		`<multiRef id="id1" xsi:type="ns1:OrderItem"><Code>X</Code><Quantity>3</Quantity></multiRef>` + envEnd
	var got testOrder
	require.NoError(t, decodeString(t, rpcOp("r"), body, &got))
	require.Equal(t, "EUR", got.Currency)
	require.Equal(t, testOrderItemArray{{Code: new("X"), Quantity: 3}}, got.Items)
}

func TestDecodeLenient(t *testing.T) {
	// Other prefixes, no xsi:type, unknown elements, differently named
	// items, numbers as "2.0" and "2.50", booleans as "1".
	body := `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><m:resp xmlns:m="urn:x"><out><Unknown><Deep>1</Deep></Unknown><Currency>USD</Currency><Items><OrderItem><Quantity>2.0</Quantity><PriceOptions><string>a</string></PriceOptions></OrderItem></Items><Total>2.50</Total><NewField>ignored</NewField></out></m:resp></e:Body></e:Envelope>`
	var got testOrder
	require.NoError(t, decodeString(t, rpcOp("r"), body, &got))
	require.Equal(t, testOrder{
		Currency: "USD",
		Items:    testOrderItemArray{{Quantity: 2, PriceOptions: testStringArray{"a"}}},
		Total:    new(2.5),
	}, got)

	var b struct {
		A bool  `soap:"A"`
		B *bool `soap:"B"`
		C bool  `soap:"c"`
	}
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><x><A>1</A><B>TRUE</B><C>true</C></x></r>`+envEnd, &b))
	require.True(t, b.A)
	require.True(t, *b.B)
	require.True(t, b.C, "names match ignoring case when no exact match exists")
}

func TestDecodeRejectsBadNumbers(t *testing.T) {
	var got testOrder
	err := decodeString(t, rpcOp("r"), envStart+`<r><return><Items><item><Quantity>abc</Quantity></item></Items></return></r>`+envEnd, &got)
	require.ErrorContains(t, err, `Items[0]: Quantity: invalid integer "abc"`)
}

func TestDecodeGenericAny(t *testing.T) {
	body := envStart + `<r><return xsi:type="SOAP-ENC:Struct"><n xsi:type="xsd:int">7</n><f xsi:type="xsd:double">1.5</f><b xsi:type="xsd:boolean">true</b><s>x</s><z xsi:nil="true"/>` +
		`<l SOAP-ENC:arrayType="xsd:string[2]"><item>a</item><item>b</item></l><rep>1</rep><rep>2</rep>` +
		`<m xmlns:ns2="http://xml.apache.org/xml-soap" xsi:type="ns2:Map"><item><key>k</key><value xsi:type="xsd:int">1</value></item></m></return></r>` + envEnd
	var got any
	require.NoError(t, decodeString(t, rpcOp("r"), body, &got))
	require.Equal(t, map[string]any{
		"n": int64(7), "f": 1.5, "b": true, "s": "x", "z": nil,
		"l": []any{"a", "b"}, "rep": []any{"1", "2"}, "m": map[string]any{"k": int64(1)},
	}, got)
}

func TestDecodeMissingResultIsAnError(t *testing.T) {
	var got string
	require.ErrorContains(t, decodeString(t, rpcOp("r"), envStart+`<ns1:rResponse/>`+envEnd, &got), "holds no result")
	require.ErrorContains(t, decodeString(t, rpcOp("r"), envStart+envEnd, &got), "Body is empty")
}

func TestDecodeReferenceCyclesAndBombs(t *testing.T) {
	var cyc any
	err := decodeString(t, rpcOp("r"), envStart+`<r><return id="a"><x href="#a"/></return></r>`+envEnd, &cyc)
	require.Error(t, err)

	// Each level refers twice to the next: 2^40 elements if expanded.
	var b strings.Builder
	b.WriteString(envStart + `<r><return href="#l0"/></r>`)
	for i := range 40 {
		fmt.Fprintf(&b, `<m id="l%d"><a href="#l%d"/><b href="#l%d"/></m>`, i, i+1, i+1)
	}
	b.WriteString(`<m id="l40">leaf</m>` + envEnd)
	var bomb any
	require.ErrorContains(t, decodeString(t, rpcOp("r"), b.String(), &bomb), "expand beyond")
}

func TestParseLatin1ByDeclaration(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><r><return>Caf` + "\xe9" + `</return></r></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	doc, err := parseEnvelope(bytes.NewReader(body), false)
	require.NoError(t, err)
	var s string
	require.NoError(t, decodeResult(doc, rpcOp("r"), &s))
	require.Equal(t, "Café", s)
}

func TestFaultParsing(t *testing.T) {
	body, err := os.ReadFile("testdata/php-fault.xml")
	require.NoError(t, err)
	doc, err := parseEnvelope(bytes.NewReader(body), false)
	require.NoError(t, err)
	f := faultFrom(doc.body)
	require.NotNil(t, f)
	require.Equal(t, "AUTHENTICATION_FAILED", f.Code)
	require.Equal(t, "Authentication failed", f.String)

	doc, err = parseEnvelope(strings.NewReader(envStart+`<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>boom</faultstring><detail><e:info xmlns:e="urn:e">x</e:info></detail></SOAP-ENV:Fault>`+envEnd), false)
	require.NoError(t, err)
	f = faultFrom(doc.body)
	require.Equal(t, "Server", f.Code)
	require.Contains(t, f.Detail, `info xmlns="urn:e">x</info>`)
}

// A simple value where a structure or an array is expected, or child elements
// where a simple value is expected, is an error rather than a zero value.
// Empty elements, white space, nils and references stay accepted.
func TestDecodeShapeMismatchIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name, ret string
		into      func() any
		want      string
	}{
		{"text into struct", `<return xsi:type="xsd:boolean">false</return>`, func() any { return new(*testOrder) }, "found text where a structure"},
		{"text into struct value", `<return>x</return>`, func() any { return new(testOrder) }, "found text where a structure"},
		{"text into SOAP array", `<return><Items>3</Items></return>`, func() any { return new(testOrder) }, "Items: found text where an array"},
		{"text into slice result", `<return>a,b</return>`, func() any { return new([]string) }, "found text where an array"},
		{"text into plain slice field as SOAP array", `<return><Tags xsi:type="SOAP-ENC:Array">a</Tags></return>`, func() any { return new(plainSlices) }, "Tags: found text where an array"},
		{"elements into string", `<return><Currency><a>USD</a></Currency></return>`, func() any { return new(testOrder) }, "Currency: found child elements where a simple value"},
		{"elements into int", `<return><Items><item><Quantity><v>2</v></Quantity></item></Items></return>`, func() any { return new(testOrder) }, "Items[0]: Quantity: found child elements"},
		{"elements into bool", `<return><x>1</x></return>`, func() any { return new(bool) }, "found child elements"},
		{"elements into string result", `<return><x>s</x></return>`, func() any { return new(string) }, "found child elements"},
		{"elements into bytes", `<return><x>AA==</x></return>`, func() any { return new([]byte) }, "found child elements"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeString(t, rpcOp("r"), envStart+`<r>`+tc.ret+`</r>`+envEnd, tc.into())
			require.ErrorContains(t, err, tc.want)
		})
	}

	// Leniency that matters.
	var o *testOrder
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><return xsi:type="ns1:Order"/></r>`+envEnd, &o))
	require.Equal(t, &testOrder{}, o)
	o = nil
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+"<r><return>\n  <Items/><Currency>\n</Currency>\n</return></r>"+envEnd, &o))
	require.Equal(t, &testOrder{Items: testOrderItemArray{}, Currency: "\n"}, o)
	o = nil
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><return xsi:nil="true"/></r>`+envEnd, &o))
	require.Nil(t, o)
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><return href="#o"/></r><m id="o"><Items href="#i"/></m><m id="i" SOAP-ENC:arrayType="ns1:OrderItem[0]"/>`+envEnd, &o))
	require.Equal(t, &testOrder{Items: testOrderItemArray{}}, o)
	var s []string
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+"<r><return> </return></r>"+envEnd, &s))
	require.Empty(t, s)
}

func TestDecodeIntegerOverflow(t *testing.T) {
	var x struct {
		I  int64   `soap:"I"`
		U  uint64  `soap:"U"`
		U8 uint8   `soap:"U8"`
		F  float32 `soap:"F"`
	}
	for _, tc := range []struct{ body, want string }{
		{`<I>9223372036854775808</I>`, "invalid integer"},
		{`<I>-9223372036854775809</I>`, "invalid integer"},
		{`<I>9223372036854775808.0</I>`, "invalid integer"},
		{`<I>9.3e18</I>`, "invalid integer"},
		{`<I>1e19</I>`, "invalid integer"},
		{`<U>18446744073709551616</U>`, "invalid integer"},
		{`<U>-1</U>`, "overflows"},
		{`<U8>256</U8>`, "overflows uint8"},
		{`<F>1e39</F>`, "overflows float32"},
	} {
		err := decodeString(t, rpcOp("r"), envStart+`<r><x>`+tc.body+`</x></r>`+envEnd, &x)
		require.ErrorContains(t, err, tc.want, tc.body)
	}
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><x><I>-9223372036854775808</I><U>18446744073709551615</U><U8>255</U8><F>INF</F></x></r>`+envEnd, &x))
	require.Equal(t, int64(math.MinInt64), x.I)
	require.Equal(t, uint64(math.MaxUint64), x.U)
	require.Equal(t, uint8(255), x.U8)
	require.True(t, math.IsInf(float64(x.F), 1))

	var g any
	err := decodeString(t, rpcOp("r"), envStart+`<r><return xsi:type="xsd:long">9223372036854775808</return></r>`+envEnd, &g)
	require.ErrorContains(t, err, "invalid integer")
}

// A repeated name whose first value is itself a list keeps that list as one
// value.
func TestDecodeGenericRepeatedLists(t *testing.T) {
	var got any
	require.NoError(t, decodeString(t, rpcOp("r"), envStart+`<r><return>`+
		`<rep SOAP-ENC:arrayType="xsd:int[2]"><item xsi:type="xsd:int">1</item><item xsi:type="xsd:int">2</item></rep><rep xsi:type="xsd:int">3</rep>`+
		`<one SOAP-ENC:arrayType="xsd:int[1]"><item xsi:type="xsd:int">4</item></one>`+
		`</return></r>`+envEnd, &got))
	require.Equal(t, map[string]any{
		"rep": []any{[]any{int64(1), int64(2)}, int64(3)},
		"one": []any{int64(4)},
	}, got)
}

// Only a Fault in a SOAP envelope namespace (or in none) is a SOAP fault.
func TestFaultNamespace(t *testing.T) {
	for _, tc := range []struct {
		fault string
		want  bool
	}{
		{`<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>boom</faultstring></SOAP-ENV:Fault>`, true},
		{`<Fault><faultcode>Server</faultcode><faultstring>boom</faultstring></Fault>`, true},
		{`<env:Fault xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text>boom</env:Text></env:Reason></env:Fault>`, true},
		{`<app:Fault xmlns:app="urn:app"><faultcode>Server</faultcode><faultstring>boom</faultstring></app:Fault>`, false},
		{`<Fault xmlns="urn:app"><faultcode>Server</faultcode></Fault>`, false},
	} {
		doc, err := parseEnvelope(strings.NewReader(envStart+tc.fault+envEnd), false)
		require.NoError(t, err)
		f := faultFrom(doc.body)
		if tc.want {
			require.NotNil(t, f, tc.fault)
			require.Equal(t, "boom", f.String)
		} else {
			require.Nil(t, f, tc.fault)
		}
	}
	// A document/literal response element called Fault is a result.
	var got struct {
		Code string `soap:"faultcode"`
	}
	c := serve(t, reply(200, "text/xml", envStart+`<app:Fault xmlns:app="urn:app"><faultcode>OK</faultcode></app:Fault>`+envEnd))
	op := &Operation{Name: "x", Style: Document, Use: Literal, WholeResponse: true}
	require.NoError(t, c.Call(context.Background(), op, nil, &got))
	require.Equal(t, "OK", got.Code)
}
