package regen

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The test WSDLs in testdata differ from wsdl/*.wsdl in everything the live
// WSDL might: names of messages, parts, arrays and prefixes, namespaces, and
// style (rpc/encoded, document/literal wrapped and bare). These tests pin the
// model regen reads from each; TestEndToEnd proves the generated code
// against PHP's SoapServer.

const (
	nsShopTypes = "urn:shop:types"
	nsShop      = "urn:shop:service"
	nsCatalog   = "http://example.com/catalog/schema"
	nsOrders    = "urn:example:orders"
)

func generate(t *testing.T, cfg Config) (*Service, map[string][]byte) {
	t.Helper()
	svc, files, err := Generate(context.Background(), cfg)
	require.NoError(t, err)
	return svc, files
}

// signature summarizes an operation: its Go method, what the soap.Operation
// says about it, and the wire name of each parameter.
func signature(op *Operation) string {
	var params []string
	for _, p := range op.Params {
		params = append(params, p.GoName+" "+p.GoType)
	}
	s := fmt.Sprintf("%s(%s)", op.GoName, strings.Join(params, ", "))
	if op.Result != "" {
		s += " " + op.Result
	}
	if op.Session != nil {
		s += " +session"
	}
	if op.WholeResponse {
		s += " +whole"
	}
	return s
}

func signatures(svc *Service) []string {
	var out []string
	for _, op := range svc.Operations {
		out = append(out, signature(op))
	}
	return out
}

func operation(t *testing.T, svc *Service, goName string) *Operation {
	t.Helper()
	for _, op := range svc.Operations {
		if op.GoName == goName {
			return op
		}
	}
	t.Fatalf("no operation %s", goName)
	return nil
}

func typeNamed(t *testing.T, svc *Service, goName string) *Type {
	t.Helper()
	for _, ty := range svc.Types {
		if ty.GoName == goName {
			return ty
		}
	}
	t.Fatalf("no type %s", goName)
	return nil
}

func typeNames(svc *Service) []string {
	var out []string
	for _, ty := range svc.Types {
		out = append(out, ty.GoName)
	}
	return out
}

// fields summarizes a struct's fields as "GoName GoType tag".
func fields(ty *Type) []string {
	var out []string
	for _, f := range ty.Fields {
		out = append(out, f.GoName+" "+f.GoType+" "+f.Tag())
	}
	return out
}

func paramNames(op *Operation) []xml.Name {
	var out []xml.Name
	for _, p := range op.Params {
		out = append(out, p.Name)
	}
	return out
}

func TestRPCEncodedVariant(t *testing.T) {
	svc, _ := generate(t, Config{WSDL: "testdata/rpc-encoded-variant.wsdl"})
	assert.Empty(t, svc.Warnings)
	assert.Equal(t, "rpcencodedvariant", svc.Package)
	assert.Equal(t, "ShopService", svc.Name)
	assert.Equal(t, nsShop, svc.Namespace)
	// The SOAP 1.1 port, although the SOAP 1.2 binding and port come first.
	assert.Equal(t, "https://shop.example/soap/", svc.Endpoint)
	assert.Equal(t, "A shop service in rpc/encoded style, named unlike ours.", svc.Doc)

	// Every operation of the binding, whatever order binding and portType
	// list them in; output parts not called "return"; a leading sessionID
	// left to the caller; two output parts in a struct decoded from the
	// whole response; tco:nillable parts as pointers.
	assert.Equal(t, []string{
		"AddItems(orderRef int64, items ArrayOfOrderItem) ArrayOfOrderItem +session",
		"GetOrder(orderRef int64) *Order +session",
		"ListTags(prefix string, limit *int) ArrayOfString +session",
		"Login(merchantCode string, hash string, algo *string) string",
		"Logout() +session",
		"PlaceOrder(order *Order, dryRun *bool) *PlaceOrderResult +session +whole",
	}, signatures(svc))
	for _, op := range svc.Operations {
		assert.True(t, op.RPC && op.Encoded, op.Name)
		// The SOAP 1.1 binding's action and body namespace, not the 1.2 ones.
		assert.Equal(t, "urn:shop:service#"+op.Name, op.Action)
		assert.Equal(t, xml.Name{Space: nsShop, Local: op.Name}, op.Wrapper)
		for _, p := range op.Params {
			assert.Empty(t, p.Name.Space, "rpc parts are unqualified")
		}
		if op.Session != nil {
			assert.Equal(t, xml.Name{Local: "sessionID"}, op.Session.Name)
			assert.Equal(t, "string", op.Session.GoType)
		}
	}
	assert.Equal(t, "Opens a session.", operation(t, svc, "Login").Doc)
	assert.Equal(t, []xml.Name{{Local: "merchantCode"}, {Local: "hash"}, {Local: "algo"}}, paramNames(operation(t, svc, "Login")))

	assert.Equal(t, []string{"Address", "ArrayOfOrderItem", "ArrayOfString", "Order", "OrderItem", "OrderStatus", "PlaceOrderResult"}, typeNames(svc))

	// Arrays: one declared with an inner sequence, one with wsdl:arrayType;
	// items from the schema's namespace and from XML Schema.
	items := typeNamed(t, svc, "ArrayOfOrderItem")
	assert.Equal(t, ArrayType, items.Kind)
	assert.Equal(t, "OrderItem", items.Elem)
	assert.Equal(t, xml.Name{Space: nsShopTypes, Local: "OrderItem"}, items.Item)
	assert.Equal(t, xml.Name{Space: nsShopTypes, Local: "ArrayOfOrderItem"}, items.XMLName)
	strs := typeNamed(t, svc, "ArrayOfString")
	assert.Equal(t, ArrayType, strs.Kind)
	assert.Equal(t, "string", strs.Elem)
	assert.Equal(t, xml.Name{Space: nsXSD, Local: "string"}, strs.Item)

	status := typeNamed(t, svc, "OrderStatus")
	assert.Equal(t, SimpleType, status.Kind)
	assert.Equal(t, "string", status.Elem)
	assert.Equal(t, "is the state of an order.", status.Doc)
	assert.Equal(t, []EnumValue{
		{GoName: "OrderStatusNEW", Value: "NEW"},
		{GoName: "OrderStatusPAID", Value: "PAID"},
		{GoName: "OrderStatusFraudNotRecognized", Value: "FRAUD / NOT_RECOGNIZED"},
		{GoName: "OrderStatusRefundPending", Value: "refund-pending"},
	}, status.Enum)

	order := typeNamed(t, svc, "Order")
	assert.Equal(t, xml.Name{Space: nsShopTypes, Local: "Order"}, order.XMLName)
	assert.Equal(t, []string{
		`OrderRef int64 soap:"OrderRef"`,
		`Status OrderStatus soap:"Status"`,
		`Placed string soap:"Placed,type=dateTime"`,
		`ShipTo *Address soap:"ShipTo"`,
		`Items ArrayOfOrderItem soap:"Items"`,
		`Tags ArrayOfString soap:"Tags"`,
		`Total float64 soap:"Total"`,
		`Paid bool soap:"Paid"`,
		`Note *string soap:"Note"`,
		`Coupon *int soap:"Coupon"`,
	}, fields(order))
	assert.Equal(t, []string{
		`Street string soap:"Street"`,
		`City string soap:"City"`,
		`PostalCode *string soap:"PostalCode"`,
	}, fields(typeNamed(t, svc, "Address")))
	assert.Equal(t, []string{
		`OrderRef int64 soap:"orderRef"`,
		`Status OrderStatus soap:"status"`,
	}, fields(typeNamed(t, svc, "PlaceOrderResult")))
}

func TestDocLiteralWrapped(t *testing.T) {
	svc, files := generate(t, Config{WSDL: "testdata/doc-literal-wrapped.wsdl"})
	assert.Empty(t, svc.Warnings)
	assert.Equal(t, "docliteralwrapped", svc.Package)
	assert.Equal(t, "https://catalog.example/soap", svc.Endpoint)

	// Wrapper children are the parameters; optional ones (minOccurs="0")
	// are pointers left out when nil, repeated ones slices. A single child
	// back is the result (found by name in the whole response, so that it
	// may be missing or repeat); several make the wrapper the result; none,
	// no result.
	assert.Equal(t, []string{
		"GetDigitalProduct(code string) *GetDigitalProductResponse +session +whole",
		"GetProduct(code string, locale *string) *Product +session +whole",
		"Login(user string, password string) string +whole",
		"Ping(message *string)",
		"SearchProducts(query string, availability []Availability, limit *int) []Product +session +whole",
		"UpdateStock(line []UpdateStockLine, auditNote *string) int +session +whole",
	}, signatures(svc))
	// A single child is decoded by name from the whole response.
	assert.Equal(t, nsCatalog+" product", operation(t, svc, "GetProduct").ResultTag)
	assert.Equal(t, nsCatalog+" product", operation(t, svc, "SearchProducts").ResultTag)
	assert.Equal(t, nsCatalog+" token", operation(t, svc, "Login").ResultTag)
	assert.Empty(t, operation(t, svc, "GetDigitalProduct").ResultTag)
	for _, op := range svc.Operations {
		assert.False(t, op.RPC || op.Encoded, op.Name)
		assert.Equal(t, "http://example.com/catalog/"+op.Name, op.Action)
		assert.Equal(t, xml.Name{Space: nsCatalog, Local: op.Name}, op.Wrapper)
		if op.Session != nil {
			assert.Equal(t, xml.Name{Space: nsCatalog, Local: "sessionID"}, op.Session.Name)
		}
		// elementFormDefault="qualified": every child is in the namespace.
		for _, p := range op.Params {
			assert.Equal(t, nsCatalog, p.Name.Space, op.Name+" "+p.Name.Local)
		}
	}
	search := operation(t, svc, "SearchProducts")
	assert.Equal(t, []bool{false, true, true}, []bool{search.Params[0].OmitEmpty, search.Params[1].OmitEmpty, search.Params[2].OmitEmpty})

	// Local complexTypes are declared once each, named after where they
	// are; the wrappers themselves are not types.
	assert.Equal(t, []string{"Availability", "DigitalProduct", "GetDigitalProductResponse", "GetProductRequest", "Money", "Product", "UpdateStockLine"}, typeNames(svc))
	assert.Equal(t, xml.Name{Space: nsCatalog, Local: "getDigitalProductResponse"}, typeNamed(t, svc, "GetDigitalProductResponse").XMLName)
	assert.Equal(t, []string{
		`Code string soap:"` + nsCatalog + ` code"`,
		`Quantity int soap:"` + nsCatalog + ` quantity"`,
	}, fields(typeNamed(t, svc, "UpdateStockLine")))

	// complexContent extension: the base's elements first.
	assert.Equal(t, []string{
		`Code string soap:"` + nsCatalog + ` code"`,
		`Name string soap:"` + nsCatalog + ` name"`,
		`Price *Money soap:"` + nsCatalog + ` price"`,
		`Tags []string soap:"` + nsCatalog + ` tags,omitempty"`,
		`Availability Availability soap:"` + nsCatalog + ` availability"`,
		`Description *string soap:"` + nsCatalog + ` description,omitempty"`,
		`DownloadURL string soap:"` + nsCatalog + ` downloadURL,type=anyURI"`,
		`SizeBytes *int64 soap:"` + nsCatalog + ` sizeBytes,omitempty"`,
	}, fields(typeNamed(t, svc, "DigitalProduct")))

	assert.Equal(t, []EnumValue{
		{GoName: "AvailabilityInStock", Value: "IN_STOCK"},
		{GoName: "AvailabilityBackorder", Value: "BACKORDER"},
		{GoName: "AvailabilityDiscontinued", Value: "discontinued"},
	}, typeNamed(t, svc, "Availability").Enum)

	ops := string(files["operations.go"])
	assert.Contains(t, ops, `opSearchProducts    = soap.Operation{Name: "searchProducts", Action: "http://example.com/catalog/searchProducts", Style: soap.Document, Use: soap.Literal, Wrapper: xml.Name{Space: "http://example.com/catalog/schema", Local: "searchProducts"}, Session: &soap.Param{Name: xml.Name{Space: "http://example.com/catalog/schema", Local: "sessionID"}}, WholeResponse: true}`)
	assert.Contains(t, ops, `{Name: xml.Name{Space: "http://example.com/catalog/schema", Local: "auditNote"}, OmitEmpty: true, Value: auditNote}`)
}

func TestDocLiteralBare(t *testing.T) {
	svc, _ := generate(t, Config{WSDL: "testdata/doc-literal-bare.wsdl"})
	// The schema's default namespace is XML Schema: "string" is xsd:string.
	assert.Empty(t, svc.Warnings)
	assert.Equal(t, []string{
		"Echo(text string) string +whole",
		"SubmitOrder(order *OrderRequest) *Confirmation +whole",
	}, signatures(svc))
	for _, op := range svc.Operations {
		assert.Zero(t, op.Wrapper, "bare: the part's element is the parameter")
	}
	assert.Equal(t, []xml.Name{{Space: nsOrders, Local: "Order"}}, paramNames(operation(t, svc, "SubmitOrder")))
	assert.Equal(t, []xml.Name{{Space: nsOrders, Local: "EchoText"}}, paramNames(operation(t, svc, "Echo")))

	assert.Equal(t, []string{"Confirmation", "Line", "OrderRequest"}, typeNames(svc))
	// Unqualified schema: local elements have no namespace, but the global
	// element that OrderRequest refers to has.
	assert.Equal(t, []string{
		`Customer string soap:"customer"`,
		`Line []Line soap:"line"`,
		`Express *bool soap:"express,omitempty"`,
		`Priority *int soap:"` + nsOrders + ` priority,omitempty"`,
	}, fields(typeNamed(t, svc, "OrderRequest")))
	assert.Equal(t, []string{
		`OrderNumber int64 soap:"orderNumber"`,
		`Lines int soap:"lines"`,
		`Note string soap:"note"`,
		`Eta *string soap:"eta,type=date,omitempty"`,
	}, fields(typeNamed(t, svc, "Confirmation")))
}

// quirksWSDL packs the cases the test WSDLs do not: prefixes declared on
// <types> and on a message, an array that names no item type, enumeration
// constants that would collide with a type or with each other, numeric
// enumerations, simple types derived from others, text-only complexTypes
// (simpleContent), parameters named like Go keywords or like the packages the
// generated code uses, and a local complexType reached from two operations.
const quirksWSDL = `<?xml version="1.0"?>
<definitions name="Quirks" targetNamespace="urn:quirks"
  xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema">
 <types xmlns:q="urn:quirks:types" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/">
  <xsd:schema targetNamespace="urn:quirks:types">
   <xsd:complexType name="Bag">
    <xsd:complexContent><xsd:restriction base="enc:Array"/></xsd:complexContent>
   </xsd:complexType>
   <xsd:complexType name="Thing">
    <xsd:sequence>
     <xsd:element name="color" type="q:Color"/>
     <xsd:element name="level" type="q:Level"/>
     <xsd:element name="bag" type="q:Bag"/>
     <xsd:element name="small" type="q:SmallLevel"/>
     <xsd:element name="price" type="q:Price"/>
     <xsd:element name="weight" minOccurs="0">
      <xsd:complexType><xsd:simpleContent><xsd:extension base="xsd:double"><xsd:attribute name="unit" type="xsd:string"/></xsd:extension></xsd:simpleContent></xsd:complexType>
     </xsd:element>
    </xsd:sequence>
   </xsd:complexType>
   <xsd:simpleType name="SmallLevel">
    <xsd:restriction base="q:Level"><xsd:enumeration value="1"/></xsd:restriction>
   </xsd:simpleType>
   <xsd:complexType name="Price">
    <xsd:simpleContent><xsd:extension base="xsd:decimal"><xsd:attribute name="currency" type="xsd:string"/></xsd:extension></xsd:simpleContent>
   </xsd:complexType>
   <xsd:complexType name="ColorRed"><xsd:sequence><xsd:element name="x" type="xsd:int"/></xsd:sequence></xsd:complexType>
   <xsd:simpleType name="Color">
    <xsd:restriction base="xsd:string">
     <xsd:enumeration value="Red"/>
     <xsd:enumeration value="red"/>
    </xsd:restriction>
   </xsd:simpleType>
   <xsd:simpleType name="Level">
    <xsd:restriction base="xsd:int">
     <xsd:enumeration value="007"/>
     <xsd:enumeration value="+2"/>
     <xsd:enumeration value="high"/>
    </xsd:restriction>
   </xsd:simpleType>
   <xsd:element name="find">
    <xsd:complexType><xsd:sequence><xsd:element name="by" minOccurs="0">
     <xsd:complexType><xsd:sequence><xsd:element name="key" type="xsd:string"/></xsd:sequence></xsd:complexType>
    </xsd:element></xsd:sequence></xsd:complexType>
   </xsd:element>
   <xsd:element name="findResponse">
    <xsd:complexType><xsd:sequence><xsd:element name="thing" type="q:Thing"/></xsd:sequence></xsd:complexType>
   </xsd:element>
  </xsd:schema>
 </types>
 <message name="putIn" xmlns:t="urn:quirks:types">
  <part name="xml" type="xsd:string"/>
  <part name="type" type="t:Thing"/>
  <part name="range" type="t:Bag"/>
  <part name="context" type="xsd:int"/>
 </message>
 <message name="putOut"><part name="ok" type="xsd:boolean"/></message>
 <message name="findIn" xmlns:t="urn:quirks:types"><part name="parameters" element="t:find"/></message>
 <message name="findOut" xmlns:t="urn:quirks:types"><part name="parameters" element="t:findResponse"/></message>
 <portType name="P">
  <operation name="put"><input message="putIn"/><output message="putOut"/></operation>
  <operation name="find"><input message="findIn"/><output message="findOut"/></operation>
  <operation name="findAgain"><input message="findIn"/><output message="findOut"/></operation>
 </portType>
 <binding name="B" type="P" xmlns:tns="urn:quirks">
  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="put"><soap:operation soapAction=""/>
   <input><soap:body use="encoded" namespace="urn:quirks" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
   <output><soap:body use="encoded" namespace="urn:quirks" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output>
  </operation>
  <operation name="find"><soap:operation soapAction="" style="document"/>
   <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
  </operation>
  <operation name="findAgain"><soap:operation soapAction="" style="document"/>
   <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
  </operation>
 </binding>
 <service name="S"><port name="Port" binding="B"><soap:address location="http://quirks.example/"/></port></service>
</definitions>
`

func TestQuirks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quirks.wsdl")
	require.NoError(t, os.WriteFile(path, []byte(quirksWSDL), 0o644))
	svc, files := generate(t, Config{WSDL: path})

	assert.Equal(t, []string{
		"Find(by *FindBy) *Thing +whole",
		"FindAgain(by *FindBy) *Thing +whole",
		"Put(xml_ string, type_ *Thing, range_ Bag, context_ int) bool",
	}, signatures(svc))
	put := operation(t, svc, "Put")
	assert.Equal(t, []xml.Name{{Local: "xml"}, {Local: "type"}, {Local: "range"}, {Local: "context"}}, paramNames(put))
	assert.True(t, put.RPC && put.Encoded)
	find := operation(t, svc, "Find")
	assert.False(t, find.RPC || find.Encoded, "style=document on the operation overrides the binding's rpc")
	assert.Equal(t, xml.Name{Space: "urn:quirks:types", Local: "find"}, find.Wrapper)
	assert.Equal(t, "thing", find.ResultTag, "an unqualified child")

	// Types resolved through prefixes declared on <types> and on <message>.
	assert.Equal(t, []string{"Bag", "Color", "ColorRed", "FindBy", "Level", "Price", "SmallLevel", "Thing"}, typeNames(svc))
	bag := typeNamed(t, svc, "Bag")
	assert.Equal(t, ArrayType, bag.Kind)
	assert.Equal(t, "any", bag.Elem)
	assert.Contains(t, string(files["types.go"]), "// FindBy is the local type of the element by.\n")
	assert.Equal(t, []string{
		`Color Color soap:"color"`,
		`Level Level soap:"level"`,
		`Bag Bag soap:"bag"`,
		`Small SmallLevel soap:"small"`,
		`Price Price soap:"price"`,
		`Weight *float64 soap:"weight,omitempty"`,
	}, fields(typeNamed(t, svc, "Thing")))
	// Derived simple types keep their base's Go type; text-only
	// complexTypes are their text (the runtime has no attributes).
	small := typeNamed(t, svc, "SmallLevel")
	assert.Equal(t, SimpleType, small.Kind)
	assert.Equal(t, "int", small.Elem)
	assert.Equal(t, []EnumValue{{GoName: "SmallLevelX1", Value: "1"}}, small.Enum)
	price := typeNamed(t, svc, "Price")
	assert.Equal(t, SimpleType, price.Kind)
	assert.Equal(t, "float64", price.Elem)

	// The type keeps its name; the constant gets another one.
	assert.Equal(t, StructType, typeNamed(t, svc, "ColorRed").Kind)
	assert.Equal(t, []EnumValue{{GoName: "ColorRed2", Value: "Red"}, {GoName: "ColorRed3", Value: "red"}}, typeNamed(t, svc, "Color").Enum)
	assert.Equal(t, []EnumValue{{GoName: "LevelX7", Value: "7"}, {GoName: "LevelX2", Value: "2"}}, typeNamed(t, svc, "Level").Enum)
	assert.ElementsMatch(t, []string{
		`Level: enumeration value "high" is not a int: no constant`,
		`Price: simpleContent attributes are ignored`,
		`Thing.weight: simpleContent attributes are ignored`,
	}, svc.Warnings)
	assert.Contains(t, string(files["types.go"]), "\tLevelX7 Level = 7\n")
}

// TestDeterministic generates every WSDL twice: the bytes must not differ
// (map order must not leak into the output).
func TestDeterministic(t *testing.T) {
	wsdls, err := filepath.Glob("testdata/*.wsdl")
	require.NoError(t, err)
	root := moduleRoot(t)
	more, err := filepath.Glob(filepath.Join(root, "wsdl", "*.wsdl"))
	require.NoError(t, err)
	wsdls = append(wsdls, more...)
	require.GreaterOrEqual(t, len(wsdls), 5)
	for _, w := range wsdls {
		t.Run(filepath.Base(w), func(t *testing.T) {
			svc1, first := generate(t, Config{WSDL: w})
			for range 3 {
				svc2, again := generate(t, Config{WSDL: w})
				require.Equal(t, first, again)
				require.Equal(t, svc1.Warnings, svc2.Warnings)
			}
		})
	}
}

// TestCommittedGenIsFresh regenerates gen/ from wsdl/*.wsdl as cmd/regen does
// (from the module root, with wsdl/catalog/NAME.json as docs) and compares
// with the committed files.
func TestCommittedGenIsFresh(t *testing.T) {
	root := moduleRoot(t)
	t.Chdir(root)
	wsdls, err := filepath.Glob(filepath.Join("wsdl", "*.wsdl"))
	require.NoError(t, err)
	require.NotEmpty(t, wsdls)
	slices.Sort(wsdls)
	for _, w := range wsdls {
		cfg := Config{WSDL: w}
		base := strings.TrimSuffix(filepath.Base(w), filepath.Ext(w))
		if c := filepath.Join("wsdl", "catalog", base+".json"); fileExists(c) {
			cfg.Docs = c
		}
		svc, files := generate(t, cfg)
		dir := filepath.Join("gen", svc.Package)
		for name, want := range files {
			got, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err, "gen/ lacks a file regen generates: run make regen")
			if !bytes.Equal(got, want) {
				t.Errorf("%s/%s differs from a fresh regen of %s: run make regen", dir, name, w)
			}
		}
		old, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, f := range old {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			if _, ok := files[filepath.Base(f)]; !ok && bytes.HasPrefix(data, []byte(Header)) {
				t.Errorf("%s is generated but regen no longer generates it: run make regen", f)
			}
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// minimalWSDL has no schema types at all: the generated types.go must not
// import what it does not use.
const minimalWSDL = `<?xml version="1.0"?>
<definitions name="Minimal" targetNamespace="urn:minimal"
  xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:tns="urn:minimal"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema">
 <message name="echoRequest"><part name="text" type="xsd:string"/></message>
 <message name="echoResponse"><part name="text" type="xsd:string"/></message>
 <message name="empty"/>
 <portType name="P">
  <operation name="echo"><input message="tns:echoRequest"/><output message="tns:echoResponse"/></operation>
  <operation name="poke"><input message="tns:empty"/><output message="tns:empty"/></operation>
 </portType>
 <binding name="B" type="tns:P">
  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="echo"><soap:operation soapAction="echo"/>
   <input><soap:body use="literal" namespace="urn:minimal"/></input><output><soap:body use="literal" namespace="urn:minimal"/></output>
  </operation>
  <operation name="poke"><soap:operation soapAction="poke"/>
   <input><soap:body use="literal" namespace="urn:minimal"/></input><output><soap:body use="literal" namespace="urn:minimal"/></output>
  </operation>
 </binding>
 <service name="S"><port name="Port" binding="tns:B"><soap:address location="http://minimal.example/"/></port></service>
</definitions>
`

// TestGeneratedCodeCompiles builds and vets, in a temporary module, the
// packages generated from the test WSDLs and from quirksWSDL and
// minimalWSDL, whose names (parameters called xml or type, constants that
// collide with types) and shapes (no types at all) the compiler must accept.
// TestEndToEnd runs the test WSDLs' code too, but only where PHP is.
func TestGeneratedCodeCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: runs the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: the go command is not in PATH")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	writeModule(t, dir, root)
	inline := t.TempDir()
	wsdls, err := filepath.Glob("testdata/*.wsdl")
	require.NoError(t, err)
	for name, text := range map[string]string{"quirks.wsdl": quirksWSDL, "minimal.wsdl": minimalWSDL} {
		p := filepath.Join(inline, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		wsdls = append(wsdls, p)
	}
	for _, w := range wsdls {
		svc, files := generate(t, Config{WSDL: w})
		pkg := filepath.Join(dir, "gen", svc.Package)
		require.NoError(t, os.MkdirAll(pkg, 0o755))
		for name, data := range files {
			require.NoError(t, os.WriteFile(filepath.Join(pkg, name), data, 0o644))
		}
	}
	out, err := runGo(goBin, dir, nestedGoFlags(t, goBin), nil, "vet", "./...")
	require.NoError(t, err, "go vet of the generated packages:\n%s", out)
}
