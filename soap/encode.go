package soap

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// maxEncodeDepth bounds nesting so that a cyclic value fails instead of
// overflowing the stack.
const maxEncodeDepth = 64

// EncodeRequest returns the SOAP 1.1 envelope that calls op with params, in the
// form PHP's SoapClient writes it: every namespace declared on the Envelope,
// parameters unqualified in rpc style, and, for encoded use, xsi:type on every
// value and SOAP-ENC arrays of <item> elements.
func EncodeRequest(op *Operation, params []Param) ([]byte, error) {
	e := &encoder{encoded: op.Use == Encoded, prefixes: map[string]string{}}
	if op.Wrapper.Local != "" {
		e.start(op.Wrapper)
		e.buf.WriteByte('>')
	}
	for _, p := range params {
		if err := e.value(p.Name, reflect.ValueOf(p.Value), p.Type, p.OmitEmpty, 0); err != nil {
			return nil, fmt.Errorf("soap: encoding %s parameter %s: %w", op.Name, p.Name.Local, err)
		}
	}
	if op.Wrapper.Local != "" {
		e.end(op.Wrapper)
	}
	return e.envelope(), nil
}

type encoder struct {
	buf      bytes.Buffer
	encoded  bool
	prefixes map[string]string // namespace -> prefix
	order    []string          // namespaces in order of first use
}

var wellKnownPrefixes = map[string]string{
	NamespaceEnvelope: "SOAP-ENV",
	NamespaceEncoding: "SOAP-ENC",
	NamespaceXSD:      "xsd",
	NamespaceXSI:      "xsi",
}

func (e *encoder) prefix(ns string) string {
	if p, ok := wellKnownPrefixes[ns]; ok {
		return p
	}
	if p, ok := e.prefixes[ns]; ok {
		return p
	}
	e.order = append(e.order, ns)
	p := "ns" + strconv.Itoa(len(e.order))
	e.prefixes[ns] = p
	return p
}

func (e *encoder) qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return e.prefix(n.Space) + ":" + n.Local
}

func (e *encoder) envelope() []byte {
	var out bytes.Buffer
	out.Grow(e.buf.Len() + 512)
	out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	out.WriteString(`<SOAP-ENV:Envelope xmlns:SOAP-ENV="` + NamespaceEnvelope + `"`)
	for _, ns := range e.order {
		out.WriteString(` xmlns:` + e.prefixes[ns] + `="`)
		escape(&out, ns)
		out.WriteByte('"')
	}
	out.WriteString(` xmlns:xsd="` + NamespaceXSD + `" xmlns:xsi="` + NamespaceXSI + `"`)
	if e.encoded {
		out.WriteString(` xmlns:SOAP-ENC="` + NamespaceEncoding + `" SOAP-ENV:encodingStyle="` + NamespaceEncoding + `"`)
	}
	out.WriteString(`><SOAP-ENV:Body>`)
	out.Write(e.buf.Bytes())
	out.WriteString(`</SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	return out.Bytes()
}

func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writes to a bytes.Buffer cannot fail
}

// start writes "<name" and leaves the tag open for attributes.
func (e *encoder) start(name xml.Name) {
	e.buf.WriteByte('<')
	e.buf.WriteString(e.qname(name))
}

func (e *encoder) end(name xml.Name) {
	e.buf.WriteString("</")
	e.buf.WriteString(e.qname(name))
	e.buf.WriteByte('>')
}

func (e *encoder) attr(name string, value string) {
	e.buf.WriteString(" " + name + `="`)
	escape(&e.buf, value)
	e.buf.WriteByte('"')
}

// typeAttr writes xsi:type when types are due: always in encoded use, and in
// literal use for values whose static type is an interface.
func (e *encoder) typeAttr(t xml.Name, dynamic bool) {
	if (e.encoded || dynamic) && t.Local != "" {
		e.attr("xsi:type", e.qname(t))
	}
}

func (e *encoder) nilElement(name xml.Name) {
	e.start(name)
	e.buf.WriteString(` xsi:nil="true"/>`)
}

func (e *encoder) value(name xml.Name, v reflect.Value, xsdType string, omitEmpty bool, depth int) error {
	if depth > maxEncodeDepth {
		return fmt.Errorf("value nested deeper than %d levels (a cycle?)", maxEncodeDepth)
	}
	dynamic := false
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			break
		}
		if v.Kind() == reflect.Interface {
			dynamic = true
		}
		v = v.Elem()
	}
	if !v.IsValid() || e.sentAsNil(v, dynamic) {
		if !omitEmpty {
			e.nilElement(name)
		}
		return nil
	}
	t := v.Type()
	switch {
	case t == bytesType || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8):
		return e.scalar(name, xml.Name{Space: NamespaceXSD, Local: "base64Binary"}, base64.StdEncoding.EncodeToString(v.Bytes()), dynamic)
	case isSOAPArray(t):
		return e.array(name, v, dynamic, depth)
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if dynamic {
			return e.plainArray(name, v, anyTypeName, "", depth)
		}
		if e.encoded {
			// Repeated elements are not SOAP encoding: PHP's ext/soap
			// keeps only one of them.
			return e.plainArray(name, v, itemType(t.Elem(), xsdType), xsdType, depth)
		}
		for i := range v.Len() {
			if err := e.value(name, v.Index(i), xsdType, omitEmpty, depth+1); err != nil {
				return fmt.Errorf("%s[%d]: %w", name.Local, i, err)
			}
		}
		return nil
	case t.Kind() == reflect.Struct:
		return e.structValue(name, v, dynamic, depth)
	case t.Kind() == reflect.Map:
		return e.mapValue(name, v, depth)
	}
	typ, text, err := scalarText(v, xsdType)
	if err != nil {
		return fmt.Errorf("%s: %w", name.Local, err)
	}
	return e.scalar(name, typ, text, dynamic)
}

func (e *encoder) scalar(name, typ xml.Name, text string, dynamic bool) error {
	if !validText(text) {
		// The value is not quoted: it may be a secret.
		return fmt.Errorf("%s: the text holds a character that XML 1.0 cannot carry (a control character, U+FFFE, U+FFFF or invalid UTF-8)", name.Local)
	}
	e.start(name)
	e.typeAttr(typ, dynamic)
	e.buf.WriteByte('>')
	escape(&e.buf, text)
	e.end(name)
	return nil
}

func (e *encoder) structValue(name xml.Name, v reflect.Value, dynamic bool, depth int) error {
	t := v.Type()
	e.start(name)
	if t.Implements(typerType) {
		e.typeAttr(v.Interface().(Typer).SOAPType(), dynamic)
	} else {
		e.typeAttr(xml.Name{Space: NamespaceEncoding, Local: "Struct"}, dynamic)
	}
	e.buf.WriteByte('>')
	for _, f := range fieldsOf(t) {
		if err := e.value(f.name, v.Field(f.index), f.xsdType, f.omitEmpty, depth+1); err != nil {
			return fmt.Errorf("%s.%w", name.Local, err)
		}
	}
	e.end(name)
	return nil
}

// mapValue writes a map with string keys as a SOAP-ENC:Struct whose members
// are the keys in sorted order (PHP decodes it as an object).
func (e *encoder) mapValue(name xml.Name, v reflect.Value, depth int) error {
	if v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("%s: map key type %s is not a string", name.Local, v.Type().Key())
	}
	// The output is discarded on error, so writing before every key is
	// checked is harmless.
	e.start(name)
	e.typeAttr(xml.Name{Space: NamespaceEncoding, Local: "Struct"}, true)
	e.buf.WriteByte('>')
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	for _, k := range keys {
		// The keys become element names: one that is not a name could
		// inject markup.
		if !isNCName(k.String()) {
			return fmt.Errorf("%s: map key %q is not a valid XML element name", name.Local, excerptString(k.String()))
		}
		if err := e.value(xml.Name{Local: k.String()}, v.MapIndex(k), "", false, depth+1); err != nil {
			return fmt.Errorf("%s.%w", name.Local, err)
		}
	}
	e.end(name)
	return nil
}

func (e *encoder) array(name xml.Name, v reflect.Value, dynamic bool, depth int) error {
	arr := v.Interface().(Array)
	item := arr.SOAPItemType()
	e.start(name)
	if e.encoded || dynamic {
		e.attr("SOAP-ENC:arrayType", e.qname(item)+"["+strconv.Itoa(v.Len())+"]")
	}
	e.typeAttr(arr.SOAPType(), dynamic)
	e.buf.WriteByte('>')
	// A primitive item type names the xsi:type of each item; an anyType
	// item says nothing, so each item then carries its own type, as PHP
	// writes it.
	itemXSD := ""
	if item.Space == NamespaceXSD && !isAnyType(item.Local) {
		itemXSD = item.Local
	}
	for i := range v.Len() {
		if err := e.value(xml.Name{Local: "item"}, v.Index(i), itemXSD, false, depth+1); err != nil {
			return fmt.Errorf("%s[%d]: %w", name.Local, i, err)
		}
	}
	e.end(name)
	return nil
}

var anyTypeName = xml.Name{Space: NamespaceXSD, Local: "anyType"}

// plainArray writes a slice that is not an Array type as a SOAP-ENC:Array of
// items of type item, each item carrying its own xsi:type: a slice held in an
// interface (always of anyType), and any plain slice in encoded use.
// xsdType is the schema type of primitive items, if the field names one.
func (e *encoder) plainArray(name xml.Name, v reflect.Value, item xml.Name, xsdType string, depth int) error {
	e.start(name)
	e.attr("SOAP-ENC:arrayType", e.qname(item)+"["+strconv.Itoa(v.Len())+"]")
	e.attr("xsi:type", "SOAP-ENC:Array")
	e.buf.WriteByte('>')
	for i := range v.Len() {
		if err := e.value(xml.Name{Local: "item"}, v.Index(i), xsdType, false, depth+1); err != nil {
			return fmt.Errorf("%s[%d]: %w", name.Local, i, err)
		}
	}
	e.end(name)
	return nil
}

func isAnyType(local string) bool {
	return local == "anyType" || local == "anySimpleType" || local == "ur-type"
}

// itemType returns the schema type of the items of a plain slice with
// elements of Go type t, for its SOAP-ENC:arrayType: the type of a Typer, the
// type a primitive is written with, or else anyType. xsdType, when not empty,
// is the type the field gives its primitive items.
func itemType(t reflect.Type, xsdType string) xml.Name {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface {
		return anyTypeName
	}
	if t.Implements(typerType) {
		return reflect.Zero(t).Interface().(Typer).SOAPType()
	}
	local := ""
	switch t.Kind() {
	case reflect.String:
		local = "string"
	case reflect.Bool:
		local = "boolean"
	case reflect.Int, reflect.Int32, reflect.Int16, reflect.Int8, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		local = "int"
	case reflect.Int64, reflect.Uint, reflect.Uint64:
		local = "long"
	case reflect.Float32:
		local = "float"
	case reflect.Float64:
		local = "double"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			local = "base64Binary"
		}
	}
	if local == "" {
		return anyTypeName
	}
	if xsdType != "" && t.Kind() != reflect.Slice {
		local = xsdType
	}
	return xml.Name{Space: NamespaceXSD, Local: local}
}

// sentAsNil reports whether v is written as xsi:nil="true". In literal use a
// nil plain slice in a struct field is a repeated element that occurs zero
// times, not a nil; in encoded use it is a nil array.
func (e *encoder) sentAsNil(v reflect.Value, dynamic bool) bool {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Map:
		return v.IsNil()
	case reflect.Slice:
		return v.IsNil() && (dynamic || e.encoded || isSOAPArray(v.Type()) || v.Type().Elem().Kind() == reflect.Uint8)
	}
	return false
}

// validText reports whether s is UTF-8 text that XML 1.0 can carry: no
// control characters other than tab, newline and carriage return, and no
// U+FFFE or U+FFFF. (Go strings cannot hold surrogates as valid UTF-8.)
func validText(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// isNCName reports whether s can be written as an unprefixed element name:
// letters, digits, '.', '-' and '_', not starting with a digit, '.' or '-'.
// Letters and digits outside ASCII are accepted from U+00C0 on, where XML
// names may use them.
func isNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		case i > 0 && (r == '.' || r == '-' || '0' <= r && r <= '9'):
		case r >= 0xC0 && unicode.IsLetter(r):
		case i > 0 && r >= 0xC0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}

// scalarText returns the schema type and lexical form of a simple value.
func scalarText(v reflect.Value, xsdType string) (xml.Name, string, error) {
	t := v.Type()
	typ := xml.Name{Space: NamespaceXSD, Local: xsdType}
	if t.Implements(typerType) {
		typ = v.Interface().(Typer).SOAPType()
	}
	def := func(local string) {
		if typ.Local == "" {
			typ.Local = local
		}
	}
	switch t.Kind() {
	case reflect.String:
		def("string")
		return typ, v.String(), nil
	case reflect.Bool:
		def("boolean")
		return typ, strconv.FormatBool(v.Bool()), nil
	case reflect.Int, reflect.Int32, reflect.Int16, reflect.Int8:
		def("int")
		return typ, strconv.FormatInt(v.Int(), 10), nil
	case reflect.Int64:
		def("long")
		return typ, strconv.FormatInt(v.Int(), 10), nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		def("int")
		return typ, strconv.FormatUint(v.Uint(), 10), nil
	case reflect.Uint, reflect.Uint64:
		if typ.Local == "" && v.Uint() > math.MaxInt64 {
			return typ, "", fmt.Errorf("a %s value overflows xsd:long", t)
		}
		def("long")
		return typ, strconv.FormatUint(v.Uint(), 10), nil
	case reflect.Float32:
		def("float")
		return typ, formatFloat(v.Float(), 32), nil
	case reflect.Float64:
		def("double")
		return typ, formatFloat(v.Float(), 64), nil
	}
	return typ, "", fmt.Errorf("cannot encode a value of type %s", t)
}

func formatFloat(f float64, bits int) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}
