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
