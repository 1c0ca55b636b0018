package soap

import (
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/internal/xmlcanon"
)

func requireSameXML(t *testing.T, want, got []byte) {
	t.Helper()
	w, err := xmlcanon.Canonical(want)
	require.NoError(t, err)
	g, err := xmlcanon.Canonical(got)
	require.NoError(t, err, "output is not well-formed XML:\n%s", got)
	require.Equal(t, w, g)
}

func TestEncodeLoginMatchesPHP(t *testing.T) {
	want, err := os.ReadFile("testdata/php-login-request.xml")
	require.NoError(t, err)
	op := rpcOp("login")
	op.Session = nil
	got, err := EncodeRequest(op, []Param{
		param("merchantCode", "M"), param("date", "2010-05-13 12:12:12"),
		param("hash", "abc"), param("algo", "sha256"),
	})
	require.NoError(t, err)
	requireSameXML(t, want, got)
}

func TestEncodePlaceOrderMatchesPHP(t *testing.T) {
	want, err := os.ReadFile("testdata/php-placeOrder-request.xml")
	require.NoError(t, err)
	order := &testOrder{
		Currency: "USD",
		Items:    testOrderItemArray{{Code: new("P1"), Quantity: 2, PriceOptions: testStringArray{"a=1", "b"}}},
	}
	got, err := EncodeRequest(rpcOp("placeOrder"), []Param{param("sessionID", "sess-123"), param("Order", order)})
	require.NoError(t, err)
	requireSameXML(t, want, got)
}

func TestEncodeSendsZeroValuesAndNils(t *testing.T) {
	got, err := EncodeRequest(rpcOp("placeOrder"), []Param{param("Order", &testOrder{
		Items: testOrderItemArray{{Quantity: 0}},
	})})
	require.NoError(t, err)
	c, err := xmlcanon.Canonical(got)
	require.NoError(t, err)
	require.Contains(t, c, `{}Currency {http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}string"`)
	require.Contains(t, c, `{}Quantity {http://www.w3.org/2001/XMLSchema-instance}type="{http://www.w3.org/2001/XMLSchema}int" text="0"`)
	require.Contains(t, c, `{}RefNo {http://www.w3.org/2001/XMLSchema-instance}nil="true"`)
	require.Contains(t, c, `{}PriceOptions {http://www.w3.org/2001/XMLSchema-instance}nil="true"`)
}

func TestEncodeTypedSimpleValuesAndAny(t *testing.T) {
	got, err := EncodeRequest(rpcOp("x"), []Param{
		param("algo", testAlgo("sha3-256")),
		param("extra", map[string]any{"b": []any{int64(1), "two"}, "a": 1.5, "n": nil}),
		param("bin", []byte("bytes")),
		{Name: xml.Name{Local: "when"}, Type: "dateTime", Value: "2024-01-02T03:04:05"},
		{Name: xml.Name{Local: "skipped"}, OmitEmpty: true, Value: (*string)(nil)},
	})
	require.NoError(t, err)
	s := string(got)
	require.Contains(t, s, `<algo xsi:type="ns1:Algo">sha3-256</algo>`)
	require.Contains(t, s, `<extra xsi:type="SOAP-ENC:Struct"><a xsi:type="xsd:double">1.5</a><b SOAP-ENC:arrayType="xsd:anyType[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:long">1</item><item xsi:type="xsd:string">two</item></b><n xsi:nil="true"/></extra>`)
	require.Contains(t, s, `<bin xsi:type="xsd:base64Binary">Ynl0ZXM=</bin>`)
	require.Contains(t, s, `<when xsi:type="xsd:dateTime">2024-01-02T03:04:05</when>`)
	require.NotContains(t, s, "skipped")
}

func TestEncodeLiteralHasNoTypes(t *testing.T) {
	op := &Operation{Name: "getOrder", Style: Document, Use: Literal, Wrapper: xml.Name{Space: "urn:lit", Local: "getOrder"}}
	got, err := EncodeRequest(op, []Param{
		{Name: xml.Name{Space: "urn:lit", Local: "refNo"}, Value: "R1"},
		{Name: xml.Name{Space: "urn:lit", Local: "note"}, Value: (*string)(nil)},
	})
	require.NoError(t, err)
	s := string(got)
	require.Contains(t, s, `<ns1:getOrder><ns1:refNo>R1</ns1:refNo><ns1:note xsi:nil="true"/></ns1:getOrder>`)
	require.NotContains(t, s, "encodingStyle")
}

func TestEncodeEscapesText(t *testing.T) {
	got, err := EncodeRequest(rpcOp("x"), []Param{param("s", `a<b>&"c"`)})
	require.NoError(t, err)
	c, err := xmlcanon.Canonical(got)
	require.NoError(t, err)
	require.Contains(t, c, `text="a<b>&\"c\""`)
}

func TestEncodeRejectsCycles(t *testing.T) {
	type loop struct {
		Next any `soap:"Next"`
	}
	l := &loop{}
	l.Next = l
	_, err := EncodeRequest(rpcOp("x"), []Param{param("l", l)})
	require.ErrorContains(t, err, "nested deeper")
}

func TestEncodeRejectsUnsupported(t *testing.T) {
	_, err := EncodeRequest(rpcOp("x"), []Param{param("c", make(chan int))})
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "cannot encode"), err.Error())
}

// Items of an anyType array carry their own types, as PHP's SoapClient
// writes them (found by the every-operation interop test: 17 arrived as "17").
func TestEncodeAnyTypeArrayItemsKeepTheirTypes(t *testing.T) {
	got, err := EncodeRequest(rpcOp("x"), []Param{param("a", testAnyArray{"s", int64(17), 1.5, true})})
	require.NoError(t, err)
	require.Contains(t, string(got), `<a SOAP-ENC:arrayType="xsd:anyType[4]" xsi:type="ns1:AnyTypeArray"><item xsi:type="xsd:string">s</item><item xsi:type="xsd:long">17</item><item xsi:type="xsd:double">1.5</item><item xsi:type="xsd:boolean">true</item></a>`)
}

// Map keys become element names: a key that is not a name is refused rather
// than written as markup.
func TestEncodeRejectsMapKeysThatAreNotNames(t *testing.T) {
	for _, key := range []string{
		"a><injected>1</injected><b", "", "1a", ".a", "-a", "a b", "ns:a", "a&b", `a"`, "a\x00", "\xff", "\u00aa",
	} {
		_, err := EncodeRequest(rpcOp("x"), []Param{param("extra", map[string]any{"ok": 1, key: 1})})
		require.ErrorContains(t, err, "is not a valid XML element name", "%q", key)
		_, err = EncodeRequest(&Operation{Name: "x", Use: Literal}, []Param{param("extra", map[string]string{key: "v"})})
		require.ErrorContains(t, err, "is not a valid XML element name", "%q", key)
	}
	// Nested maps are checked too.
	_, err := EncodeRequest(rpcOp("x"), []Param{param("extra", map[string]any{"a": map[string]int{"<x/>": 1}})})
	require.ErrorContains(t, err, "extra.a: map key")

	got, err := EncodeRequest(rpcOp("x"), []Param{param("extra", map[string]any{"_a.b-c9": 1, "Straße": "x", "名前": true})})
	require.NoError(t, err)
	requireWellFormed(t, got)
	require.Contains(t, string(got), `<Straße xsi:type="xsd:string">x</Straße><_a.b-c9 xsi:type="xsd:int">1</_a.b-c9><名前 xsi:type="xsd:boolean">true</名前>`)
}

func requireWellFormed(t *testing.T, b []byte) {
	t.Helper()
	_, err := xmlcanon.Canonical(b)
	require.NoError(t, err, "not well-formed:\n%s", b)
}

// In encoded use a plain slice is a SOAP-ENC array (PHP's ext/soap keeps only
// one of several repeated elements); in literal use it stays repeated
// elements. The decoder reads both forms back.
func TestEncodePlainSlices(t *testing.T) {
	v := &plainSlices{
		Tags:   []string{"a", "b"},
		Nums:   []int{1, 2},
		Longs:  []int64{3},
		Prices: []float64{1.5},
		Flags:  []bool{true, false},
		Items:  []*testOrderItem{{Code: new("P1"), Quantity: 2}, nil},
		Algos:  []testAlgo{"sha256"},
		Any:    []any{"s", int64(1)},
		Dates:  []string{"2024-01-02T03:04:05"},
		Empty:  []string{},
	}
	got, err := EncodeRequest(rpcOp("x"), []Param{param("v", v), param("ids", []int{7, 8})})
	require.NoError(t, err)
	requireWellFormed(t, got)
	s := string(got)
	for _, want := range []string{
		`<Tags SOAP-ENC:arrayType="xsd:string[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:string">a</item><item xsi:type="xsd:string">b</item></Tags>`,
		`<Nums SOAP-ENC:arrayType="xsd:int[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:int">1</item><item xsi:type="xsd:int">2</item></Nums>`,
		`<Longs SOAP-ENC:arrayType="xsd:long[1]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:long">3</item></Longs>`,
		`<Prices SOAP-ENC:arrayType="xsd:double[1]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:double">1.5</item></Prices>`,
		`<Flags SOAP-ENC:arrayType="xsd:boolean[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:boolean">true</item><item xsi:type="xsd:boolean">false</item></Flags>`,
		`<Items SOAP-ENC:arrayType="ns1:OrderItem[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="ns1:OrderItem"><Code xsi:type="xsd:string">P1</Code><Quantity xsi:type="xsd:int">2</Quantity><PriceOptions xsi:nil="true"/></item><item xsi:nil="true"/></Items>`,
		`<Algos SOAP-ENC:arrayType="ns1:Algo[1]" xsi:type="SOAP-ENC:Array"><item xsi:type="ns1:Algo">sha256</item></Algos>`,
		`<Any SOAP-ENC:arrayType="xsd:anyType[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:string">s</item><item xsi:type="xsd:long">1</item></Any>`,
		`<Dates SOAP-ENC:arrayType="xsd:dateTime[1]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:dateTime">2024-01-02T03:04:05</item></Dates>`,
		`<Empty SOAP-ENC:arrayType="xsd:string[0]" xsi:type="SOAP-ENC:Array"></Empty>`,
		`<Nil xsi:nil="true"/>`,
		`<ids SOAP-ENC:arrayType="xsd:int[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:int">7</item><item xsi:type="xsd:int">8</item></ids>`,
	} {
		require.Contains(t, s, want)
	}

	// The decoder reads the arrays back into the plain slices.
	start := strings.Index(s, `<v xsi:type="SOAP-ENC:Struct">`) + len(`<v xsi:type="SOAP-ENC:Struct">`)
	end := strings.Index(s, `</v>`)
	var back plainSlices
	require.NoError(t, decodeString(t, rpcOp("x"), envStart+`<ns1:xResponse><return>`+s[start:end]+`</return></ns1:xResponse>`+envEnd, &back))
	require.Equal(t, *v, back)

	// Literal use keeps repeated elements, and a nil slice occurs zero times.
	lit := &Operation{Name: "x", Use: Literal, Wrapper: xml.Name{Local: "x"}}
	got, err = EncodeRequest(lit, []Param{param("v", &plainSlices{Tags: []string{"a", "b"}})})
	require.NoError(t, err)
	require.Contains(t, string(got), `<v><Tags>a</Tags><Tags>b</Tags></v>`)
}

// Text that XML 1.0 cannot carry is refused, naming the element but not the
// value (which may be a secret), instead of being replaced with U+FFFD.
func TestEncodeRejectsTextXMLCannotCarry(t *testing.T) {
	const secret = "s3cret"
	for _, bad := range []string{"\x00", "\x01", "\x1f", "\x7f\x0b", "\uFFFE", "\uFFFF", "\xff", "\xc3", "\xed\xa0\x80"} {
		_, err := EncodeRequest(rpcOp("x"), []Param{param("Order", &testOrder{Currency: secret + bad})})
		require.ErrorContains(t, err, "Order.Currency: the text holds a character that XML 1.0 cannot carry", "%q", bad)
		require.NotContains(t, err.Error(), secret)
		_, err = EncodeRequest(&Operation{Name: "x", Use: Literal}, []Param{param("password", secret+bad)})
		require.ErrorContains(t, err, "password: the text holds a character", "%q", bad)
		require.NotContains(t, err.Error(), secret)
		_, err = EncodeRequest(rpcOp("x"), []Param{param("extra", map[string]any{"k": secret + bad})})
		require.ErrorContains(t, err, "extra.k: the text holds", "%q", bad)
	}
	// Tab, newline, carriage return, U+FFFD itself and astral characters
	// are text; DEL (U+007F) is allowed by XML 1.0.
	ok := "a\tb\nc\rd \uFFFD \U0001F600 \u007f \uE000"
	got, err := EncodeRequest(rpcOp("x"), []Param{param("s", ok)})
	require.NoError(t, err)
	var env struct {
		Body struct {
			X struct {
				S string `xml:"s"`
			} `xml:"x"`
		} `xml:"Body"`
	}
	require.NoError(t, xml.Unmarshal(got, &env))
	require.Equal(t, ok, env.Body.X.S)
}

func TestEncodeRejectsUintOverflowingLong(t *testing.T) {
	_, err := EncodeRequest(rpcOp("x"), []Param{param("n", uint64(1<<63))})
	require.ErrorContains(t, err, "overflows xsd:long")
	got, err := EncodeRequest(rpcOp("x"), []Param{param("n", uint64(1<<63-1)), {Name: xml.Name{Local: "u"}, Type: "unsignedLong", Value: uint64(1 << 63)}})
	require.NoError(t, err)
	require.Contains(t, string(got), `<n xsi:type="xsd:long">9223372036854775807</n><u xsi:type="xsd:unsignedLong">9223372036854775808</u>`)
}
