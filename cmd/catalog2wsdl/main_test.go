package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The parsed form of a generated WSDL, enough to assert on.
type xDefinitions struct {
	XMLName         xml.Name   `xml:"http://schemas.xmlsoap.org/wsdl/ definitions"`
	Name            string     `xml:"name,attr"`
	TargetNamespace string     `xml:"targetNamespace,attr"`
	Attrs           []xml.Attr `xml:",any,attr"`
	Documentation   string     `xml:"http://schemas.xmlsoap.org/wsdl/ documentation"`
	Types           struct {
		Schema xSchema `xml:"http://www.w3.org/2001/XMLSchema schema"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ types"`
	Messages []xMessage `xml:"http://schemas.xmlsoap.org/wsdl/ message"`
	PortType struct {
		Name       string `xml:"name,attr"`
		Operations []struct {
			Name          string `xml:"name,attr"`
			Documentation string `xml:"http://schemas.xmlsoap.org/wsdl/ documentation"`
			Input         struct {
				Message string `xml:"message,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/ input"`
			Output struct {
				Message string `xml:"message,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/ output"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ portType"`
	Binding struct {
		Name        string `xml:"name,attr"`
		Type        string `xml:"type,attr"`
		SOAPBinding struct {
			Style     string `xml:"style,attr"`
			Transport string `xml:"transport,attr"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ binding"`
		Operations []struct {
			Name      string `xml:"name,attr"`
			Operation struct {
				SOAPAction string `xml:"soapAction,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ operation"`
			Input  xIO `xml:"http://schemas.xmlsoap.org/wsdl/ input"`
			Output xIO `xml:"http://schemas.xmlsoap.org/wsdl/ output"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ operation"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ binding"`
	Service struct {
		Name string `xml:"name,attr"`
		Port struct {
			Name    string `xml:"name,attr"`
			Binding string `xml:"binding,attr"`
			Address struct {
				Location string `xml:"location,attr"`
			} `xml:"http://schemas.xmlsoap.org/wsdl/soap/ address"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ port"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ service"`
}

type xIO struct {
	Body xBody `xml:"http://schemas.xmlsoap.org/wsdl/soap/ body"`
}

type xBody struct {
	Use           string `xml:"use,attr"`
	Namespace     string `xml:"namespace,attr"`
	EncodingStyle string `xml:"encodingStyle,attr"`
}

type xSchema struct {
	TargetNamespace string `xml:"targetNamespace,attr"`
	Import          struct {
		Namespace string `xml:"namespace,attr"`
	} `xml:"http://www.w3.org/2001/XMLSchema import"`
	SimpleTypes  []xSimpleType  `xml:"http://www.w3.org/2001/XMLSchema simpleType"`
	ComplexTypes []xComplexType `xml:"http://www.w3.org/2001/XMLSchema complexType"`
}

type xSimpleType struct {
	Name        string `xml:"name,attr"`
	Restriction struct {
		Base   string `xml:"base,attr"`
		Values []struct {
			Value string `xml:"value,attr"`
		} `xml:"http://www.w3.org/2001/XMLSchema enumeration"`
	} `xml:"http://www.w3.org/2001/XMLSchema restriction"`
}

type xComplexType struct {
	Name     string `xml:"name,attr"`
	Sequence *struct {
		Elements []xElement `xml:"http://www.w3.org/2001/XMLSchema element"`
	} `xml:"http://www.w3.org/2001/XMLSchema sequence"`
	Content *struct {
		Array xArray `xml:"http://www.w3.org/2001/XMLSchema restriction"`
	} `xml:"http://www.w3.org/2001/XMLSchema complexContent"`
}

type xArray struct {
	Base      string `xml:"base,attr"`
	Attribute struct {
		Ref       string `xml:"ref,attr"`
		ArrayType string `xml:"http://schemas.xmlsoap.org/wsdl/ arrayType,attr"`
	} `xml:"http://www.w3.org/2001/XMLSchema attribute"`
}

type xElement struct {
	Name       string       `xml:"name,attr"`
	Type       string       `xml:"type,attr"`
	Nillable   string       `xml:"nillable,attr"`
	Annotation *xAnnotation `xml:"http://www.w3.org/2001/XMLSchema annotation"`
}

type xAnnotation struct {
	Documentation string `xml:"http://www.w3.org/2001/XMLSchema documentation"`
}

type xMessage struct {
	Name  string `xml:"name,attr"`
	Parts []struct {
		Name     string `xml:"name,attr"`
		Type     string `xml:"type,attr"`
		Nillable string `xml:"urn:tco-go:wsdl nillable,attr"`
	} `xml:"http://schemas.xmlsoap.org/wsdl/ part"`
}

func (d *xDefinitions) simple(name string) *xSimpleType {
	for i := range d.Types.Schema.SimpleTypes {
		if d.Types.Schema.SimpleTypes[i].Name == name {
			return &d.Types.Schema.SimpleTypes[i]
		}
	}
	return nil
}

func (d *xDefinitions) complex(name string) *xComplexType {
	for i := range d.Types.Schema.ComplexTypes {
		if d.Types.Schema.ComplexTypes[i].Name == name {
			return &d.Types.Schema.ComplexTypes[i]
		}
	}
	return nil
}

func (d *xDefinitions) message(name string) *xMessage {
	for i := range d.Messages {
		if d.Messages[i].Name == name {
			return &d.Messages[i]
		}
	}
	return nil
}

// testCatalog has objects (one empty, one read-only field), arrays of objects,
// primitives and enums, enums on fields and parameters (with a duplicate value
// and characters to escape), optional scalar parameters, a void return, an
// operation without parameters and one whose enum name needs the Enum suffix.
const testCatalog = `{
  "service": "test-1.0",
  "endpoint": "https://example.test/soap/",
  "wsdl": "https://example.test/soap/?wsdl",
  "coverage_notes": ["a note"],
  "operations": [
    {"name": "placeOrder", "area": "orders", "summary": "Places an <order> & returns it.",
     "params": [
       {"name": "sessionID", "type": "string", "optional": false, "nillable": false},
       {"name": "Order", "type": "Order"},
       {"name": "Currency", "type": "string", "optional": true},
       {"name": "Test", "type": "int", "nillable": true},
       {"name": "Extra", "type": "any", "optional": true},
       {"name": "Items", "type": "OrderItem[]", "optional": true},
       {"name": "Codes", "type": "string[]", "optional": true}
     ],
     "returns": "Order", "errors": ["INVALID_ORDER"], "error_messages": ["bad"],
     "source": "https://example.test/doc", "confidence": "documented"},
    {"name": "login", "area": "auth", "summary": "Logs in.",
     "params": [
       {"name": "merchantCode", "type": "string"},
       {"name": "algo", "type": "string", "optional": true, "enum": ["sha256", "sha3-256", "sha256"]}
     ],
     "returns": "string", "errors": [], "source": "s", "confidence": "sample-only"},
    {"name": "deleteThings", "area": "x", "summary": "Deletes.",
     "params": [
       {"name": "sessionID", "type": "string"},
       {"name": "Reasons", "type": "string[]", "optional": true, "enum": ["A", "B \"quoted\""]},
       {"name": "scores", "type": "double[]"}
     ],
     "returns": "void", "errors": [], "source": "s", "confidence": "inferred"},
    {"name": "ping", "area": "x", "summary": "", "params": [], "returns": "",
     "errors": [], "source": "s", "confidence": "inferred"},
    {"name": "getEmpty", "area": "x", "summary": "Gets nothing.", "params": [{"name": "Kind", "type": "string", "enum": ["K"]}],
     "returns": "Empty[]", "errors": [], "source": "s", "confidence": "inferred"}
  ],
  "types": [
    {"name": "Order", "source": "s", "fields": [
      {"name": "RefNo", "type": "string", "nillable": true, "readOnly": true},
      {"name": "Status", "type": "string", "nillable": true, "enum": ["OPEN", "FRAUD / NOT_RECOGNIZED", "OPEN"]},
      {"name": "Items", "type": "OrderItem[]", "nillable": true},
      {"name": "Total", "type": "double"},
      {"name": "Flags", "type": "boolean[]"},
      {"name": "Locks", "type": "string[]", "enum": ["L1", "L2"]},
      {"name": "Blob", "type": "base64", "nillable": true},
      {"name": "Id", "type": "long"},
      {"name": "Whatever", "type": "any[]"},
      {"name": "Nothing", "type": "Empty"}
    ]},
    {"name": "OrderItem", "source": "s", "fields": [
      {"name": "Code", "type": "string"},
      {"name": "Quantity", "type": "int[]"}
    ]},
    {"name": "Empty", "source": "s", "fields": []},
    {"name": "GetEmptyKind", "source": "s", "fields": []}
  ]
}`

var testConfig = Config{Name: "TestSvc", Namespace: "urn:test", Location: "https://example.test/soap/?a=1&b=2", Source: "wsdl/catalog/test.json"}

func generateTest(t *testing.T, catalog string) ([]byte, Stats, *xDefinitions) {
	t.Helper()
	cat, err := ParseCatalog([]byte(catalog))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	out, st, err := Generate(cat, testConfig)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	var d xDefinitions
	if err := xml.Unmarshal(out, &d); err != nil {
		t.Fatalf("generated WSDL does not parse: %v\n%s", err, out)
	}
	return out, st, &d
}

func TestGenerateStructure(t *testing.T) {
	out, st, d := generateTest(t, testCatalog)

	if want := (Stats{Operations: 5, Objects: 4, Enums: 5, Arrays: 9, Renamed: st.Renamed}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if len(st.Renamed) != 1 || !strings.HasPrefix(st.Renamed[0], "getEmpty.Kind -> GetEmptyKindEnum") {
		t.Errorf("renamed = %q", st.Renamed)
	}
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n<definitions ")) || !bytes.HasSuffix(out, []byte("</definitions>\n")) {
		t.Errorf("bad prolog or ending")
	}

	// definitions and namespaces
	if d.Name != "TestSvc" || d.TargetNamespace != "urn:test" {
		t.Errorf("definitions name=%q targetNamespace=%q", d.Name, d.TargetNamespace)
	}
	ns := map[string]string{}
	for _, a := range d.Attrs {
		if a.Name.Space == "xmlns" {
			ns[a.Name.Local] = a.Value
		}
	}
	for prefix, want := range map[string]string{"soap": nsSOAP, "soapenc": nsSOAPEnc, "wsdl": nsWSDL, "tns": "urn:test", "xsd": nsXSD, "tco": nsTCO} {
		if ns[prefix] != want {
			t.Errorf("xmlns:%s = %q, want %q", prefix, ns[prefix], want)
		}
	}
	if !strings.Contains(d.Documentation, "cmd/catalog2wsdl") || !strings.Contains(d.Documentation, "wsdl/catalog/test.json") {
		t.Errorf("documentation = %q", d.Documentation)
	}
	sc := d.Types.Schema
	if sc.TargetNamespace != "urn:test" || sc.Import.Namespace != nsSOAPEnc {
		t.Errorf("schema targetNamespace=%q import=%q", sc.TargetNamespace, sc.Import.Namespace)
	}

	// Children of the schema in document order: import, then enums, arrays
	// and objects, each group sorted by name.
	var order struct {
		Types struct {
			Schema struct {
				Children []struct {
					XMLName xml.Name
					Name    string `xml:"name,attr"`
				} `xml:",any"`
			} `xml:"http://www.w3.org/2001/XMLSchema schema"`
		} `xml:"http://schemas.xmlsoap.org/wsdl/ types"`
	}
	if err := xml.Unmarshal(out, &order); err != nil {
		t.Fatal(err)
	}
	var children []string
	for _, c := range order.Types.Schema.Children {
		children = append(children, c.XMLName.Local+" "+c.Name)
	}
	wantChildren := []string{"import "}
	for _, n := range []string{"DeleteThingsReasons", "GetEmptyKindEnum", "LoginAlgo", "OrderLocks", "OrderStatus"} {
		wantChildren = append(wantChildren, "simpleType "+n)
	}
	for _, n := range []string{
		"AnyTypeArray", "BooleanArray", "DeleteThingsReasonsArray", "DoubleArray", "EmptyArray", "IntArray", "OrderItemArray", "OrderLocksArray", "StringArray",
		"Empty", "GetEmptyKind", "Order", "OrderItem",
	} {
		wantChildren = append(wantChildren, "complexType "+n)
	}
	if !reflect.DeepEqual(children, wantChildren) {
		t.Errorf("schema children = %q\nwant %q", children, wantChildren)
	}

	// Enums
	enums := []struct {
		name, base string
		values     []string
	}{
		{"LoginAlgo", "xsd:string", []string{"sha256", "sha3-256"}},
		{"OrderStatus", "xsd:string", []string{"OPEN", "FRAUD / NOT_RECOGNIZED"}},
		{"OrderLocks", "xsd:string", []string{"L1", "L2"}},
		{"DeleteThingsReasons", "xsd:string", []string{"A", `B "quoted"`}},
		{"GetEmptyKindEnum", "xsd:string", []string{"K"}},
	}
	for _, e := range enums {
		s := d.simple(e.name)
		if s == nil {
			t.Errorf("enum %s missing", e.name)
			continue
		}
		var vals []string
		for _, v := range s.Restriction.Values {
			vals = append(vals, v.Value)
		}
		if s.Restriction.Base != e.base || !reflect.DeepEqual(vals, e.values) {
			t.Errorf("enum %s: base %q values %q, want %q %q", e.name, s.Restriction.Base, vals, e.base, e.values)
		}
	}

	// Arrays
	arrays := map[string]string{
		"AnyTypeArray":             "xsd:anyType[]",
		"BooleanArray":             "xsd:boolean[]",
		"DeleteThingsReasonsArray": "tns:DeleteThingsReasons[]",
		"DoubleArray":              "xsd:double[]",
		"EmptyArray":               "tns:Empty[]",
		"IntArray":                 "xsd:int[]",
		"OrderItemArray":           "tns:OrderItem[]",
		"OrderLocksArray":          "tns:OrderLocks[]",
		"StringArray":              "xsd:string[]",
	}
	for name, item := range arrays {
		c := d.complex(name)
		if c == nil || c.Content == nil {
			t.Errorf("array %s missing", name)
			continue
		}
		a := c.Content.Array
		if c.Sequence != nil || a.Base != "soapenc:Array" || a.Attribute.Ref != "soapenc:arrayType" || a.Attribute.ArrayType != item {
			t.Errorf("array %s = %+v, want items %s", name, a, item)
		}
	}
	for _, unused := range []string{"LongArray", "Base64BinaryArray", "OrderArray", "LoginAlgoArray"} {
		if d.complex(unused) != nil {
			t.Errorf("unused array %s written", unused)
		}
	}

	// Objects
	objects := map[string][]xElement{
		"Order": {
			{Name: "RefNo", Type: "xsd:string", Nillable: "true", Annotation: &xAnnotation{readOnly}},
			{Name: "Status", Type: "tns:OrderStatus", Nillable: "true"},
			{Name: "Items", Type: "tns:OrderItemArray", Nillable: "true"},
			{Name: "Total", Type: "xsd:double"},
			{Name: "Flags", Type: "tns:BooleanArray"},
			{Name: "Locks", Type: "tns:OrderLocksArray"},
			{Name: "Blob", Type: "xsd:base64Binary", Nillable: "true"},
			{Name: "Id", Type: "xsd:long"},
			{Name: "Whatever", Type: "tns:AnyTypeArray"},
			{Name: "Nothing", Type: "tns:Empty"},
		},
		"OrderItem": {
			{Name: "Code", Type: "xsd:string"},
			{Name: "Quantity", Type: "tns:IntArray"},
		},
		"Empty":        nil,
		"GetEmptyKind": nil,
	}
	for name, want := range objects {
		c := d.complex(name)
		if c == nil || c.Sequence == nil || c.Content != nil {
			t.Errorf("object %s missing or without sequence", name)
			continue
		}
		if !reflect.DeepEqual(c.Sequence.Elements, want) {
			t.Errorf("object %s elements = %+v\nwant %+v", name, c.Sequence.Elements, want)
		}
	}
	if !bytes.Contains(out, []byte(`<xsd:complexType name="Empty">`+"\n    <xsd:sequence/>\n")) {
		t.Errorf("empty object is not written as an empty sequence")
	}

	// Messages, sorted by operation name.
	type p struct{ name, typ, nillable string }
	messages := []struct {
		name  string
		parts []p
	}{
		{"deleteThingsRequest", []p{{"sessionID", "xsd:string", ""}, {"Reasons", "tns:DeleteThingsReasonsArray", ""}, {"scores", "tns:DoubleArray", ""}}},
		{"deleteThingsResponse", nil},
		{"getEmptyRequest", []p{{"Kind", "tns:GetEmptyKindEnum", ""}}},
		{"getEmptyResponse", []p{{"return", "tns:EmptyArray", ""}}},
		{"loginRequest", []p{{"merchantCode", "xsd:string", ""}, {"algo", "tns:LoginAlgo", "true"}}},
		{"loginResponse", []p{{"return", "xsd:string", ""}}},
		{"pingRequest", nil},
		{"pingResponse", nil},
		{"placeOrderRequest", []p{
			{"sessionID", "xsd:string", ""}, {"Order", "tns:Order", ""}, {"Currency", "xsd:string", "true"},
			{"Test", "xsd:int", "true"}, {"Extra", "xsd:anyType", ""}, {"Items", "tns:OrderItemArray", ""},
			{"Codes", "tns:StringArray", ""},
		}},
		{"placeOrderResponse", []p{{"return", "tns:Order", ""}}},
	}
	if len(d.Messages) != len(messages) {
		t.Fatalf("%d messages, want %d", len(d.Messages), len(messages))
	}
	for i, want := range messages {
		m := d.Messages[i]
		var got []p
		for _, part := range m.Parts {
			got = append(got, p{part.Name, part.Type, part.Nillable})
		}
		if m.Name != want.name || !reflect.DeepEqual(got, want.parts) {
			t.Errorf("message %d = %s %+v, want %s %+v", i, m.Name, got, want.name, want.parts)
		}
	}

	// Port type, binding, service.
	opNames := []string{"deleteThings", "getEmpty", "login", "ping", "placeOrder"}
	if d.PortType.Name != "TestSvcPortType" || len(d.PortType.Operations) != len(opNames) {
		t.Fatalf("portType %q with %d operations", d.PortType.Name, len(d.PortType.Operations))
	}
	for i, op := range d.PortType.Operations {
		if op.Name != opNames[i] || op.Input.Message != "tns:"+opNames[i]+"Request" || op.Output.Message != "tns:"+opNames[i]+"Response" {
			t.Errorf("portType operation %d = %+v", i, op)
		}
	}
	if got := d.PortType.Operations[4].Documentation; got != "Places an <order> & returns it." {
		t.Errorf("placeOrder documentation = %q", got)
	}
	if got := d.PortType.Operations[3].Documentation; got != "" {
		t.Errorf("ping documentation = %q", got)
	}
	b := d.Binding
	if b.Name != "TestSvcBinding" || b.Type != "tns:TestSvcPortType" || b.SOAPBinding.Style != "rpc" || b.SOAPBinding.Transport != transport {
		t.Errorf("binding = %+v", b)
	}
	wantBody := xBody{Use: "encoded", Namespace: "urn:test", EncodingStyle: nsSOAPEnc}
	if len(b.Operations) != len(opNames) {
		t.Fatalf("binding has %d operations", len(b.Operations))
	}
	for i, op := range b.Operations {
		if op.Name != opNames[i] || op.Operation.SOAPAction != "urn:test#"+opNames[i] || op.Input.Body != wantBody || op.Output.Body != wantBody {
			t.Errorf("binding operation %d = %+v", i, op)
		}
	}
	s := d.Service
	if s.Name != "TestSvcService" || s.Port.Name != "TestSvcPort" || s.Port.Binding != "tns:TestSvcBinding" || s.Port.Address.Location != testConfig.Location {
		t.Errorf("service = %+v", s)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	first, _, _ := generateTest(t, testCatalog)
	second, _, _ := generateTest(t, testCatalog)
	if !bytes.Equal(first, second) {
		t.Fatal("two runs differ")
	}

	// Reordering operations and objects must not change the output.
	var raw map[string]any
	if err := json.Unmarshal([]byte(testCatalog), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"operations", "types"} {
		l := raw[k].([]any)
		for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
			l[i], l[j] = l[j], l[i]
		}
	}
	reordered, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	third, _, _ := generateTest(t, string(reordered))
	if !bytes.Equal(first, third) {
		t.Fatal("output depends on catalog order of operations or objects")
	}

	// Through the command, twice, into files.
	dir := t.TempDir()
	cat := filepath.Join(dir, "test.json")
	if err := os.WriteFile(cat, []byte(testCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	var outs [][]byte
	for _, name := range []string{"a.wsdl", "b.wsdl"} {
		out := filepath.Join(dir, name)
		var stderr bytes.Buffer
		args := []string{"-catalog", cat, "-out", out, "-name", "TestSvc", "-namespace", "urn:test", "-location", "https://example.test/"}
		if err := run(args, &stderr); err != nil {
			t.Fatalf("run: %v (%s)", err, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs of the command differ")
	}
	if bytes.Contains(outs[0], []byte(dir)) {
		t.Fatal("output contains the temporary directory")
	}
}

func TestGenerateErrors(t *testing.T) {
	op := func(params, returns string) string {
		return `{"name": "op", "summary": "s", "params": [` + params + `], "returns": "` + returns + `"}`
	}
	catalog := func(ops, types string) string {
		return `{"service": "x", "operations": [` + ops + `], "types": [` + types + `]}`
	}
	tests := []struct {
		name, catalog, want string
	}{
		{"duplicate operation", catalog(op("", "void")+","+op("", "string"), ""), "duplicate operation op"},
		{"unknown param type", catalog(op(`{"name": "a", "type": "Missing"}`, "void"), ""), `unknown type "Missing"`},
		{"unknown field type", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "float"}]}`), `unknown type "float"`},
		{"unknown return type", catalog(op("", "Missing[]"), ""), `unknown type "Missing[]"`},
		{"array of arrays", catalog(op(`{"name": "a", "type": "string[][]"}`, "void"), ""), "arrays of arrays"},
		{"array collides with object", catalog(op(`{"name": "a", "type": "A[]"}`, "void"),
			`{"name": "A", "fields": []}, {"name": "AArray", "fields": []}`), "array type AArray (for op(a)) collides with an object"},
		{"primitive array collides with object", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "string[]"}]}, {"name": "StringArray", "fields": []}`),
			"array type StringArray (for A.F) collides with an object"},
		{"enum array collides with object", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "string[]", "enum": ["x"]}]}, {"name": "AFArray", "fields": []}`),
			"array type AFArray (for A.F) collides with an object"},
		{"enum collides with object twice", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "string", "enum": ["x"]}]}, {"name": "AF", "fields": []}, {"name": "AFEnum", "fields": []}`),
			"enum name AFEnum collides with an object"},
		{"enum collides with enum", catalog("", `{"name": "A", "fields": [{"name": "BC", "type": "string", "enum": ["x"]}]}, {"name": "AB", "fields": [{"name": "C", "type": "string", "enum": ["y"]}]}`),
			"enum name ABC is already used by another enum"},
		{"enum collides with array", catalog(op(`{"name": "a", "type": "A[]"}`, "void"), `{"name": "A", "fields": [{"name": "Array", "type": "string", "enum": ["x"]}]}`),
			"array type AArray (for op(a)) collides with an enum"},
		{"enum on object", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "A", "enum": ["x"]}]}`), "cannot carry an enum"},
		{"enum on any", catalog(op(`{"name": "a", "type": "any", "enum": ["x"]}`, "void"), ""), "cannot carry an enum"},
		{"empty enum", catalog(op(`{"name": "a", "type": "string", "enum": []}`, "void"), ""), "empty enum"},
		{"duplicate object", catalog("", `{"name": "A", "fields": []}, {"name": "A", "fields": []}`), "duplicate object A"},
		{"object named like a primitive", catalog("", `{"name": "string", "fields": []}`), "name of a primitive"},
		{"duplicate field", catalog("", `{"name": "A", "fields": [{"name": "F", "type": "int"}, {"name": "F", "type": "int"}]}`), "A.F: duplicate field"},
		{"duplicate param", catalog(op(`{"name": "a", "type": "int"}, {"name": "a", "type": "int"}`, "void"), ""), "op(a): duplicate parameter"},
		{"bad operation name", catalog(`{"name": "get order", "params": [], "returns": "void"}`, ""), "not a valid XML name"},
		{"bad field name", catalog("", `{"name": "A", "fields": [{"name": "1F", "type": "int"}]}`), "not a valid XML name"},
		{"invalid character", catalog(`{"name": "op", "summary": "bell \u0007", "params": [], "returns": "void"}`, ""), "cannot appear in XML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cat, err := ParseCatalog([]byte(tc.catalog))
			if err != nil {
				t.Fatalf("ParseCatalog: %v", err)
			}
			out, _, err := Generate(cat, testConfig)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestParseCatalogRejectsUnknownKeys(t *testing.T) {
	for _, c := range []string{
		`{"operations": [{"name": "op", "params": [{"name": "a", "type": "int", "nilable": true}]}]}`,
		`{"types": [{"name": "A", "fields": [{"name": "F", "type": "int", "read_only": true}]}]}`,
		`{"operations": []} {}`,
	} {
		if _, err := ParseCatalog([]byte(c)); err == nil {
			t.Errorf("ParseCatalog(%s) accepted", c)
		}
	}
}

func TestRunFlags(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.wsdl")
	var stderr bytes.Buffer
	if err := run([]string{"-out", out, "-name", "N", "-namespace", "urn:n", "-location", "http://x/"}, &stderr); err == nil || !strings.Contains(err.Error(), "-catalog is required") {
		t.Errorf("missing -catalog: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"operations": [{"name": "op", "params": [{"name": "a", "type": "Nope"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-catalog", bad, "-out", out, "-name", "N", "-namespace", "urn:n", "-location", "http://x/"}, &stderr); err == nil {
		t.Error("bad catalog accepted")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind (%v)", out, err)
	}
}

// TestCommittedWSDLs checks that wsdl/*.wsdl are what the catalogs give now,
// with the arguments wsdl/Makefile.wsdl.mk uses (make check-wsdl does the same).
func TestCommittedWSDLs(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, c := range []struct {
		catalog, wsdl string
		cfg           Config
	}{
		{"soap-6.0.json", "soap-6.0.wsdl", Config{Name: "TwoCheckoutSoap60", Namespace: "urn:order", Location: "https://api.2checkout.com/soap/6.0/"}},
		{"channel-manager-2.1.json", "channel-manager-2.1.wsdl", Config{Name: "ChannelManager21", Namespace: "urn:channelmanager", Location: "https://api.avangate.com/channel-manager/2.1/soap/"}},
	} {
		t.Run(c.wsdl, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, "wsdl", "catalog", c.catalog))
			if err != nil {
				t.Skip(err)
			}
			want, err := os.ReadFile(filepath.Join(root, "wsdl", c.wsdl))
			if err != nil {
				t.Fatal(err)
			}
			cat, err := ParseCatalog(data)
			if err != nil {
				t.Fatal(err)
			}
			c.cfg.Source = "wsdl/catalog/" + c.catalog
			got, st, err := Generate(cat, c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("wsdl/%s is stale: run make wsdl", c.wsdl)
			}
			ops := len(cat.Operations)
			if st.Operations != ops {
				t.Errorf("%d operations, catalog has %d", st.Operations, ops)
			}
			var d xDefinitions
			if err := xml.Unmarshal(got, &d); err != nil {
				t.Fatal(err)
			}
			if len(d.PortType.Operations) != ops || len(d.Binding.Operations) != ops || len(d.Messages) != 2*ops {
				t.Errorf("parsed: %d portType operations, %d binding operations, %d messages", len(d.PortType.Operations), len(d.Binding.Operations), len(d.Messages))
			}
			if n := len(d.Types.Schema.SimpleTypes) + len(d.Types.Schema.ComplexTypes); n != st.Objects+st.Enums+st.Arrays {
				t.Errorf("parsed %d types, stats say %d", n, st.Objects+st.Enums+st.Arrays)
			}
		})
	}
}
