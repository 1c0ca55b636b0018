// Command catalog2wsdl writes a WSDL 1.1 document (SOAP 1.1, rpc style,
// encoded use, SOAP-encoded arrays: the kind of WSDL PHP's SoapServer is given)
// from one API catalog in wsdl/catalog.
//
// The live 2Checkout WSDLs (https://api.2checkout.com/soap/6.0/?wsdl and the
// Channel Manager 2.1 one) cannot be fetched, so the WSDLs in wsdl/ are not
// copies of them: they are written by this program from the documentation
// catalog (wsdl/catalog/*.json), which records what the public documentation
// says about each operation and object, gaps included. `make wsdl` reruns it
// for every WSDL and `make check-wsdl` fails if a committed WSDL is stale.
//
// Usage:
//
//	catalog2wsdl -catalog wsdl/catalog/soap-6.0.json -out wsdl/soap-6.0.wsdl \
//		-name TwoCheckoutSoap60 -namespace urn:order \
//		-location https://api.2checkout.com/soap/6.0/
//
// The output is byte-for-byte deterministic: types, messages and operations are
// sorted by name and nothing depends on the time or the machine.
//
// Naming rules:
//   - an enum documented on an object field is the simpleType {Object}{Field},
//     on an operation parameter {Operation}{Param} (first letters upper-cased);
//     "Enum" is appended when that name is already an object's name;
//   - arrays are {Object}Array, {Enum}Array, or StringArray, IntArray, LongArray,
//     DoubleArray, BooleanArray, Base64BinaryArray, AnyTypeArray, and only the
//     arrays the catalog uses are written;
//   - messages are {operation}Request and {operation}Response, the port type,
//     binding, service and port are {Name}PortType, {Name}Binding,
//     {Name}Service and {Name}Port.
//
// A request part whose parameter is optional or nillable and whose type is a
// primitive or an enum carries tco:nillable="true" (namespace urn:tco-go:wsdl),
// a hint for the Go generator to make it a pointer; SOAP toolkits ignore it.
//
// Anything the program cannot map (an unknown type, a duplicate operation,
// object, field or parameter, a name collision, an enum on a type that cannot
// carry one) is an error: nothing is written.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Catalog is one catalog file (see /wsdl/catalog). Fields the generator does
// not use are still listed so that an unexpected key is reported rather than
// silently ignored.
type Catalog struct {
	Service       string          `json:"service"`
	Endpoint      string          `json:"endpoint"`
	WSDL          string          `json:"wsdl"`
	Operations    []Operation     `json:"operations"`
	Types         []Object        `json:"types"`
	CoverageNotes json.RawMessage `json:"coverage_notes"`
}

// Operation is one API call with its positional parameters.
type Operation struct {
	Name          string          `json:"name"`
	Area          string          `json:"area"`
	Summary       string          `json:"summary"`
	Params        []Param         `json:"params"`
	Returns       string          `json:"returns"`
	Errors        json.RawMessage `json:"errors"`
	ErrorMessages json.RawMessage `json:"error_messages"`
	Source        string          `json:"source"`
	Confidence    string          `json:"confidence"`
}

// Param is one positional parameter of an operation.
type Param struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Optional bool     `json:"optional"`
	Nillable bool     `json:"nillable"`
	Enum     []string `json:"enum"`
}

// Object is a complex type with ordered fields.
type Object struct {
	Name   string  `json:"name"`
	Source string  `json:"source"`
	Fields []Field `json:"fields"`
}

// Field is one member of an object.
type Field struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Nillable bool     `json:"nillable"`
	ReadOnly bool     `json:"readOnly"`
	Enum     []string `json:"enum"`
}

// Config holds the names that do not come from the catalog.
type Config struct {
	Name      string // service name, e.g. TwoCheckoutSoap60
	Namespace string // target namespace and soap:body namespace
	Location  string // soap:address location
	Source    string // catalog path written into the documentation
}

// Stats counts what a generated WSDL holds.
type Stats struct {
	Operations int
	Objects    int
	Enums      int
	Arrays     int
	// Renamed lists the enums whose name got the "Enum" suffix, as
	// "Owner.Member -> Name".
	Renamed []string
}

const (
	nsWSDL    = "http://schemas.xmlsoap.org/wsdl/"
	nsSOAP    = "http://schemas.xmlsoap.org/wsdl/soap/"
	nsSOAPEnc = "http://schemas.xmlsoap.org/soap/encoding/"
	nsXSD     = "http://www.w3.org/2001/XMLSchema"
	nsTCO     = "urn:tco-go:wsdl"
	transport = "http://schemas.xmlsoap.org/soap/http"
	readOnly  = "Read-only: returned by the API, never sent."
)

// primitive describes one catalog scalar type.
type primitive struct {
	xsd       string // qualified XSD type
	arrayName string // name of its SOAP-encoded array type
	nillable  bool   // whether an optional parameter of this type gets tco:nillable
	enumOK    bool   // whether an enum may restrict it
}

var primitives = map[string]primitive{
	"string":  {"xsd:string", "StringArray", true, true},
	"int":     {"xsd:int", "IntArray", true, true},
	"long":    {"xsd:long", "LongArray", true, true},
	"double":  {"xsd:double", "DoubleArray", true, true},
	"boolean": {"xsd:boolean", "BooleanArray", true, true},
	"base64":  {"xsd:base64Binary", "Base64BinaryArray", true, true},
	"any":     {"xsd:anyType", "AnyTypeArray", false, false},
}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "catalog2wsdl:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("catalog2wsdl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	catalogPath := fs.String("catalog", "", "catalog JSON to read (required)")
	out := fs.String("out", "", "WSDL file to write (required)")
	name := fs.String("name", "", "service name, e.g. TwoCheckoutSoap60 (required)")
	namespace := fs.String("namespace", "", "target namespace and soap:body namespace, e.g. urn:order (required)")
	location := fs.String("location", "", "soap:address location (required)")
	verbose := fs.Bool("v", false, "print what was written to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	for _, f := range []struct{ flag, value string }{
		{"catalog", *catalogPath}, {"out", *out}, {"name", *name},
		{"namespace", *namespace}, {"location", *location},
	} {
		if f.value == "" {
			return fmt.Errorf("-%s is required", f.flag)
		}
	}
	data, err := os.ReadFile(*catalogPath)
	if err != nil {
		return err
	}
	cat, err := ParseCatalog(data)
	if err != nil {
		return fmt.Errorf("%s: %w", *catalogPath, err)
	}
	cfg := Config{Name: *name, Namespace: *namespace, Location: *location, Source: sourceName(*catalogPath)}
	wsdl, stats, err := Generate(cat, cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", *catalogPath, err)
	}
	if err := writeFile(*out, wsdl); err != nil {
		return err
	}
	if *verbose {
		fmt.Fprintf(stderr, "%s: %d operations, %d objects, %d enums, %d arrays\n",
			*out, stats.Operations, stats.Objects, stats.Enums, stats.Arrays)
		for _, r := range stats.Renamed {
			fmt.Fprintf(stderr, "%s: enum renamed: %s\n", *out, r)
		}
	}
	return nil
}

// sourceName is the catalog path as written into the WSDL: the path as given
// when relative, the file name alone when absolute (so that the output does not
// depend on where the checkout lives).
func sourceName(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Base(p)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// writeFile replaces path with data through a temporary file in the same
// directory, so that a failed run never leaves a half-written WSDL.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalog2wsdl-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ParseCatalog decodes a catalog, rejecting unknown keys and trailing data.
func ParseCatalog(data []byte) (*Catalog, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after the catalog object")
	}
	return &c, nil
}

// typeKind says what a resolved scalar type is.
type typeKind int

const (
	kindPrimitive typeKind = iota
	kindEnum
	kindObject
	kindAny
)

// resolved is a catalog type mapped to a qualified XSD type.
type resolved struct {
	qname string
	kind  typeKind // of the item type when array is true
	array bool
}

// schema collects the type names of one WSDL while it is being built.
type schema struct {
	objects map[string]*Object
	enums   map[string][]string // name -> values, documented order, no duplicates
	enumXSD map[string]string   // name -> base XSD type
	arrays  map[string]string   // name -> qualified item type
	// arrayOwner records which catalog member first needed an array, for
	// error messages.
	arrayOwner map[string]string
	renamed    []string
}

// resolve maps a catalog type (with the enum name the member gets, if any) to
// an XSD type, registering the array type it needs.
func (s *schema) resolve(typ, enumName, owner string) (resolved, error) {
	base, isArray := strings.CutSuffix(typ, "[]")
	if strings.HasSuffix(base, "[]") {
		return resolved{}, fmt.Errorf("%s: type %q: arrays of arrays are not supported", owner, typ)
	}
	var r resolved
	var arrayName string
	if p, ok := primitives[base]; ok {
		r = resolved{qname: p.xsd, kind: kindPrimitive}
		if base == "any" {
			r.kind = kindAny
		}
		arrayName = p.arrayName
		if enumName != "" {
			if !p.enumOK {
				return resolved{}, fmt.Errorf("%s: type %q cannot carry an enum", owner, typ)
			}
			r = resolved{qname: "tns:" + enumName, kind: kindEnum}
			arrayName = enumName + "Array"
		}
	} else if _, ok := s.objects[base]; ok {
		if enumName != "" {
			return resolved{}, fmt.Errorf("%s: object type %q cannot carry an enum", owner, typ)
		}
		r = resolved{qname: "tns:" + base, kind: kindObject}
		arrayName = base + "Array"
	} else {
		return resolved{}, fmt.Errorf("%s: unknown type %q", owner, typ)
	}
	if !isArray {
		return r, nil
	}
	if item, ok := s.arrays[arrayName]; ok && item != r.qname {
		return resolved{}, fmt.Errorf("%s: array type %s would hold %s, but %s already made it hold %s",
			owner, arrayName, r.qname, s.arrayOwner[arrayName], item)
	}
	if _, ok := s.arrays[arrayName]; !ok {
		s.arrays[arrayName] = r.qname
		s.arrayOwner[arrayName] = owner
	}
	return resolved{qname: "tns:" + arrayName, kind: r.kind, array: true}, nil
}

// addEnum names the enum of one member and records its values.
func (s *schema) addEnum(owner, member, typ string, values []string) (string, error) {
	name := upperFirst(owner) + upperFirst(member)
	if _, ok := s.objects[name]; ok {
		s.renamed = append(s.renamed, fmt.Sprintf("%s.%s -> %sEnum (%s is an object)", owner, member, name, name))
		name += "Enum"
	}
	if _, ok := s.objects[name]; ok {
		return "", fmt.Errorf("%s.%s: enum name %s collides with an object", owner, member, name)
	}
	if _, ok := s.enums[name]; ok {
		return "", fmt.Errorf("%s.%s: enum name %s is already used by another enum", owner, member, name)
	}
	if err := checkNCName(name); err != nil {
		return "", fmt.Errorf("%s.%s: enum name: %w", owner, member, err)
	}
	base, _ := strings.CutSuffix(typ, "[]")
	p, ok := primitives[base]
	if !ok || !p.enumOK {
		return "", fmt.Errorf("%s.%s: type %q cannot carry an enum", owner, member, typ)
	}
	seen := map[string]bool{}
	var vals []string
	for _, v := range values {
		if seen[v] {
			continue
		}
		seen[v] = true
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return "", fmt.Errorf("%s.%s: empty enum", owner, member)
	}
	s.enums[name] = vals
	s.enumXSD[name] = p.xsd
	return name, nil
}

// element is one xsd:element of an object.
type element struct {
	name, qname        string
	nillable, readOnly bool
}

// part is one message part.
type part struct {
	name, qname string
	nillable    bool
}

// Generate builds the WSDL for a catalog.
func Generate(cat *Catalog, cfg Config) ([]byte, Stats, error) {
	var st Stats
	if err := checkNCName(cfg.Name); err != nil {
		return nil, st, fmt.Errorf("service name: %w", err)
	}
	if cfg.Namespace == "" || cfg.Location == "" {
		return nil, st, errors.New("namespace and location are required")
	}
	s := &schema{
		objects:    map[string]*Object{},
		enums:      map[string][]string{},
		enumXSD:    map[string]string{},
		arrays:     map[string]string{},
		arrayOwner: map[string]string{},
	}
	for i := range cat.Types {
		o := &cat.Types[i]
		if err := checkNCName(o.Name); err != nil {
			return nil, st, fmt.Errorf("object %d: %w", i, err)
		}
		if _, ok := primitives[o.Name]; ok {
			return nil, st, fmt.Errorf("object %s has the name of a primitive type", o.Name)
		}
		if _, dup := s.objects[o.Name]; dup {
			return nil, st, fmt.Errorf("duplicate object %s", o.Name)
		}
		s.objects[o.Name] = o
	}

	// Objects, in name order so that enum naming is independent of catalog order.
	objNames := sortedKeys(s.objects)
	elements := map[string][]element{}
	for _, on := range objNames {
		o := s.objects[on]
		seen := map[string]bool{}
		els := []element{}
		for _, f := range o.Fields {
			owner := on + "." + f.Name
			if err := checkNCName(f.Name); err != nil {
				return nil, st, fmt.Errorf("%s: %w", owner, err)
			}
			if seen[f.Name] {
				return nil, st, fmt.Errorf("%s: duplicate field", owner)
			}
			seen[f.Name] = true
			enumName := ""
			if f.Enum != nil {
				var err error
				if enumName, err = s.addEnum(on, f.Name, f.Type, f.Enum); err != nil {
					return nil, st, err
				}
			}
			r, err := s.resolve(f.Type, enumName, owner)
			if err != nil {
				return nil, st, err
			}
			els = append(els, element{name: f.Name, qname: r.qname, nillable: f.Nillable, readOnly: f.ReadOnly})
		}
		elements[on] = els
	}

	// Operations, in name order.
	ops := map[string]*Operation{}
	for i := range cat.Operations {
		op := &cat.Operations[i]
		if err := checkNCName(op.Name); err != nil {
			return nil, st, fmt.Errorf("operation %d: %w", i, err)
		}
		if _, dup := ops[op.Name]; dup {
			return nil, st, fmt.Errorf("duplicate operation %s", op.Name)
		}
		ops[op.Name] = op
	}
	opNames := sortedKeys(ops)
	requests := map[string][]part{}
	responses := map[string]*part{}
	for _, on := range opNames {
		op := ops[on]
		seen := map[string]bool{}
		parts := []part{}
		for _, p := range op.Params {
			owner := on + "(" + p.Name + ")"
			if err := checkNCName(p.Name); err != nil {
				return nil, st, fmt.Errorf("%s: %w", owner, err)
			}
			if seen[p.Name] {
				return nil, st, fmt.Errorf("%s: duplicate parameter", owner)
			}
			seen[p.Name] = true
			enumName := ""
			if p.Enum != nil {
				var err error
				if enumName, err = s.addEnum(on, p.Name, p.Type, p.Enum); err != nil {
					return nil, st, err
				}
			}
			r, err := s.resolve(p.Type, enumName, owner)
			if err != nil {
				return nil, st, err
			}
			hint := (p.Optional || p.Nillable) && !r.array && (r.kind == kindEnum || r.kind == kindPrimitive)
			parts = append(parts, part{name: p.Name, qname: r.qname, nillable: hint})
		}
		requests[on] = parts
		switch op.Returns {
		case "", "void":
		default:
			r, err := s.resolve(op.Returns, "", on+" return")
			if err != nil {
				return nil, st, err
			}
			responses[on] = &part{name: "return", qname: r.qname}
		}
	}

	// Every type name must be unique across objects, enums and arrays.
	for an := range s.arrays {
		if _, ok := s.objects[an]; ok {
			return nil, st, fmt.Errorf("array type %s (for %s) collides with an object", an, s.arrayOwner[an])
		}
		if _, ok := s.enums[an]; ok {
			return nil, st, fmt.Errorf("array type %s (for %s) collides with an enum", an, s.arrayOwner[an])
		}
	}

	w := &writer{}
	ns := cfg.Namespace
	w.line(0, `<?xml version="1.0" encoding="UTF-8"?>`)
	w.line(0, `<definitions name="`+attr(cfg.Name)+`" targetNamespace="`+attr(ns)+`"`)
	w.line(2, `xmlns="`+nsWSDL+`"`)
	w.line(2, `xmlns:soap="`+nsSOAP+`"`)
	w.line(2, `xmlns:soapenc="`+nsSOAPEnc+`"`)
	w.line(2, `xmlns:wsdl="`+nsWSDL+`"`)
	w.line(2, `xmlns:tns="`+attr(ns)+`"`)
	w.line(2, `xmlns:xsd="`+nsXSD+`"`)
	w.line(2, `xmlns:tco="`+nsTCO+`">`)
	doc := "Written by cmd/catalog2wsdl from " + cfg.Source
	if cat.Service != "" {
		doc += " (" + cat.Service + ")"
	}
	doc += "; do not edit, run make wsdl. "
	if cat.WSDL != "" {
		doc += "The live WSDL (" + cat.WSDL + ") could not be fetched: "
	} else {
		doc += "The live WSDL could not be fetched: "
	}
	doc += "this describes the documented API, not a copy of the live service description."
	w.line(1, `<documentation>`+text(doc)+`</documentation>`)
	w.line(1, `<types>`)
	w.line(2, `<xsd:schema targetNamespace="`+attr(ns)+`">`)
	w.line(3, `<xsd:import namespace="`+nsSOAPEnc+`"/>`)
	for _, en := range sortedKeys(s.enums) {
		w.line(3, `<xsd:simpleType name="`+attr(en)+`">`)
		w.line(4, `<xsd:restriction base="`+s.enumXSD[en]+`">`)
		for _, v := range s.enums[en] {
			w.line(5, `<xsd:enumeration value="`+attr(v)+`"/>`)
		}
		w.line(4, `</xsd:restriction>`)
		w.line(3, `</xsd:simpleType>`)
	}
	for _, an := range sortedKeys(s.arrays) {
		w.line(3, `<xsd:complexType name="`+attr(an)+`">`)
		w.line(4, `<xsd:complexContent><xsd:restriction base="soapenc:Array">`)
		w.line(5, `<xsd:attribute ref="soapenc:arrayType" wsdl:arrayType="`+attr(s.arrays[an])+`[]"/>`)
		w.line(4, `</xsd:restriction></xsd:complexContent>`)
		w.line(3, `</xsd:complexType>`)
	}
	for _, on := range objNames {
		w.line(3, `<xsd:complexType name="`+attr(on)+`">`)
		els := elements[on]
		if len(els) == 0 {
			w.line(4, `<xsd:sequence/>`)
		} else {
			w.line(4, `<xsd:sequence>`)
			for _, e := range els {
				open := `<xsd:element name="` + attr(e.name) + `" type="` + attr(e.qname) + `"`
				if e.nillable {
					open += ` nillable="true"`
				}
				if !e.readOnly {
					w.line(5, open+`/>`)
					continue
				}
				w.line(5, open+`>`)
				w.line(6, `<xsd:annotation><xsd:documentation>`+text(readOnly)+`</xsd:documentation></xsd:annotation>`)
				w.line(5, `</xsd:element>`)
			}
			w.line(4, `</xsd:sequence>`)
		}
		w.line(3, `</xsd:complexType>`)
	}
	w.line(2, `</xsd:schema>`)
	w.line(1, `</types>`)

	for _, on := range opNames {
		var b strings.Builder
		b.WriteString(`<message name="` + attr(on+"Request") + `"`)
		if ps := requests[on]; len(ps) == 0 {
			b.WriteString(`/>`)
		} else {
			b.WriteString(`>`)
			for _, p := range ps {
				b.WriteString(`<part name="` + attr(p.name) + `" type="` + attr(p.qname) + `"`)
				if p.nillable {
					b.WriteString(` tco:nillable="true"`)
				}
				b.WriteString(`/>`)
			}
			b.WriteString(`</message>`)
		}
		w.line(1, b.String())
		if r := responses[on]; r == nil {
			w.line(1, `<message name="`+attr(on+"Response")+`"/>`)
		} else {
			w.line(1, `<message name="`+attr(on+"Response")+`"><part name="`+attr(r.name)+`" type="`+attr(r.qname)+`"/></message>`)
		}
	}

	w.line(1, `<portType name="`+attr(cfg.Name+"PortType")+`">`)
	for _, on := range opNames {
		d := ""
		if sum := strings.TrimSpace(ops[on].Summary); sum != "" {
			d = `<documentation>` + text(sum) + `</documentation>`
		}
		w.line(2, `<operation name="`+attr(on)+`">`+d+`<input message="tns:`+attr(on)+`Request"/><output message="tns:`+attr(on)+`Response"/></operation>`)
	}
	w.line(1, `</portType>`)

	body := `<soap:body use="encoded" namespace="` + attr(ns) + `" encodingStyle="` + nsSOAPEnc + `"/>`
	w.line(1, `<binding name="`+attr(cfg.Name+"Binding")+`" type="tns:`+attr(cfg.Name+"PortType")+`">`)
	w.line(2, `<soap:binding style="rpc" transport="`+transport+`"/>`)
	for _, on := range opNames {
		w.line(2, `<operation name="`+attr(on)+`"><soap:operation soapAction="`+attr(ns+"#"+on)+`"/>`)
		w.line(3, `<input>`+body+`</input>`)
		w.line(3, `<output>`+body+`</output></operation>`)
	}
	w.line(1, `</binding>`)
	w.line(1, `<service name="`+attr(cfg.Name+"Service")+`"><port name="`+attr(cfg.Name+"Port")+`" binding="tns:`+attr(cfg.Name+"Binding")+`"><soap:address location="`+attr(cfg.Location)+`"/></port></service>`)
	w.line(0, `</definitions>`)
	if w.err != nil {
		return nil, st, w.err
	}
	st = Stats{
		Operations: len(opNames),
		Objects:    len(objNames),
		Enums:      len(s.enums),
		Arrays:     len(s.arrays),
		Renamed:    s.renamed,
	}
	return w.buf.Bytes(), st, nil
}

// writer accumulates indented lines; the first invalid character it sees
// becomes its error.
type writer struct {
	buf bytes.Buffer
	err error
}

func (w *writer) line(indent int, s string) {
	if w.err == nil {
		if bad, ok := invalidXMLChar(s); ok {
			w.err = fmt.Errorf("character %U cannot appear in XML: %q", bad, s)
		}
	}
	w.buf.WriteString(strings.Repeat(" ", indent))
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
}

// invalidXMLChar returns the first character XML 1.0 does not allow.
func invalidXMLChar(s string) (rune, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r, true
			}
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20:
			return r, true
		case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return r, true
		}
	}
	return 0, false
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

// text escapes character data.
func text(s string) string { return textEscaper.Replace(s) }

// attr escapes a double-quoted attribute value.
func attr(s string) string { return attrEscaper.Replace(s) }

// checkNCName reports whether s can be an XML name without a colon (operation,
// type, field, part and enum names all must be).
func checkNCName(s string) error {
	if s == "" {
		return errors.New("empty name")
	}
	for i, r := range s {
		ok := r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f && r != utf8.RuneError
		if i > 0 {
			ok = ok || r == '-' || r == '.' || r >= '0' && r <= '9'
		}
		if !ok {
			return fmt.Errorf("%q is not a valid XML name", s)
		}
	}
	return nil
}

// upperFirst upper-cases the first letter of an ASCII-initial name.
func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
