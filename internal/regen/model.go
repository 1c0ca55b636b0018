package regen

import (
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hooklift/gowsdl"
)

// Service is a WSDL reduced to what the generated Go code needs.
type Service struct {
	Package    string
	Source     string // the WSDL as named on the command line
	Name       string
	Namespace  string
	Endpoint   string
	Doc        string
	Types      []*Type
	Operations []*Operation
	Warnings   []string
}

// TypeKind says what Go declaration a schema type becomes.
type TypeKind int

// Type kinds.
const (
	StructType TypeKind = iota // complexType with elements
	ArrayType                  // SOAP-encoded array: a named slice
	SimpleType                 // simpleType: a named scalar, with constants for enumerations
)

// Type is one generated Go type.
type Type struct {
	Kind    TypeKind
	GoName  string
	XMLName xml.Name
	Doc     string
	Fields  []*Field // StructType
	Elem    string   // ArrayType: item Go type; SimpleType: underlying Go type
	Item    xml.Name // ArrayType: item schema type
	Enum    []EnumValue
}

// EnumValue is one documented value of a simple type.
type EnumValue struct {
	GoName string
	Value  string
}

// Field is one element of a struct type.
type Field struct {
	GoName string
	GoType string
	// Name is the element name, with its namespace when qualified.
	Name xml.Name
	// XSDType names the schema type when the Go type does not imply it.
	XSDType string
	// OmitEmpty leaves a nil value out instead of sending xsi:nil.
	OmitEmpty bool
	Doc       string
	// Repeated is set for an element that may occur more than once (a
	// plain slice).
	Repeated bool
}

// Operation is one generated method.
type Operation struct {
	GoName        string
	Name          string
	Doc           string
	Errors        []string
	Action        string
	RPC           bool
	Encoded       bool
	Wrapper       xml.Name
	Session       *Param
	Params        []*Param
	Result        string // Go type; empty when the operation returns nothing
	WholeResponse bool
	// ResultTag, when set, is the soap tag of the one child of a
	// document/literal wrapped response that holds the result: the method
	// decodes the whole response into a struct with that one field, so that
	// the child is found by name, may be missing (minOccurs="0": the zero
	// value) and may repeat (all of its occurrences).
	ResultTag string
}

// Param is one generated method parameter.
type Param struct {
	GoName    string
	GoType    string
	Name      xml.Name
	XSDType   string
	OmitEmpty bool
}

// builtin maps XML Schema (and SOAP encoding) simple types to Go types.
var builtin = map[string]string{
	"string": "string", "normalizedString": "string", "token": "string", "anyURI": "string",
	"QName": "string", "NOTATION": "string", "language": "string", "Name": "string", "NCName": "string",
	"ID": "string", "IDREF": "string", "IDREFS": "string", "ENTITY": "string", "ENTITIES": "string",
	"NMTOKEN": "string", "NMTOKENS": "string", "date": "string", "dateTime": "string", "time": "string",
	"duration": "string", "gYear": "string", "gYearMonth": "string", "gMonth": "string",
	"gMonthDay": "string", "gDay": "string", "hexBinary": "string",
	"int": "int", "short": "int", "byte": "int", "unsignedShort": "int", "unsignedByte": "int",
	"long": "int64", "integer": "int64", "unsignedInt": "int64", "unsignedLong": "int64",
	"nonNegativeInteger": "int64", "positiveInteger": "int64", "negativeInteger": "int64", "nonPositiveInteger": "int64",
	"double": "float64", "float": "float64", "decimal": "float64", "boolean": "bool",
	"base64Binary": "[]byte", "base64": "[]byte",
	"anyType": "any", "anySimpleType": "any", "ur-type": "any",
}

// defaultXSD is the schema type the runtime writes for a Go type when the
// field names none.
var defaultXSD = map[string]string{"string": "string", "int": "int", "int64": "long", "float64": "double", "bool": "boolean", "[]byte": "base64Binary"}

// builder turns a loaded source into a Service.
type builder struct {
	src      *source
	svc      *Service
	complex  map[xml.Name]*gowsdl.XSDComplexType
	simple   map[xml.Name]*gowsdl.XSDSimpleType
	elements map[xml.Name]*gowsdl.XSDElement
	schemaOf map[any]*gowsdl.XSDSchema
	goNames  map[xml.Name]string
	types    map[string]*Type
	names    *namer
	pending  []func() error
	// anon holds the Go names of the local complexTypes declared so far, so
	// that one seen twice (a wrapper read for two operations, a base type
	// read for each extension) is declared once.
	anon map[*gowsdl.XSDComplexType]string
	// enums are the simple types whose constants still need names.
	enums []*Type
}

// reservedNames are identifiers the generated package declares itself.
var reservedNames = []string{"Client", "NewClient", "DefaultEndpoint", "Namespace", "Operations"}

func build(src *source, pkg, sourceName string) (*Service, error) {
	b := &builder{
		src:      src,
		svc:      &Service{Package: pkg, Source: sourceName, Namespace: src.wsdl.TargetNamespace, Doc: strings.TrimSpace(src.wsdl.Doc)},
		complex:  map[xml.Name]*gowsdl.XSDComplexType{},
		simple:   map[xml.Name]*gowsdl.XSDSimpleType{},
		elements: map[xml.Name]*gowsdl.XSDElement{},
		schemaOf: map[any]*gowsdl.XSDSchema{},
		goNames:  map[xml.Name]string{},
		types:    map[string]*Type{},
		names:    newNamer(reservedNames...),
		anon:     map[*gowsdl.XSDComplexType]string{},
	}
	for _, s := range src.schemas {
		for _, ct := range s.ComplexTypes {
			b.complex[xml.Name{Space: s.TargetNamespace, Local: ct.Name}] = ct
			b.schemaOf[ct] = s
		}
		for _, st := range s.SimpleType {
			b.simple[xml.Name{Space: s.TargetNamespace, Local: st.Name}] = st
			b.schemaOf[st] = s
		}
		for _, el := range s.Elements {
			b.elements[xml.Name{Space: s.TargetNamespace, Local: el.Name}] = el
			b.schemaOf[el] = s
		}
	}
	// Every named type is generated, used or not, in a stable order.
	var all []xml.Name
	for n := range b.complex {
		all = append(all, n)
	}
	for n := range b.simple {
		all = append(all, n)
	}
	slices.SortFunc(all, func(x, y xml.Name) int { return strings.Compare(x.Space+" "+x.Local, y.Space+" "+y.Local) })
	for _, n := range all {
		if _, err := b.namedType(n); err != nil {
			return nil, err
		}
	}
	// Constants are named once every named type has its name, in the same
	// scope, so that a constant never takes a type's name.
	for _, t := range b.enums {
		for i, e := range t.Enum {
			t.Enum[i].GoName = b.names.unique(t.GoName + exported(e.Value))
		}
	}
	if err := b.operations(); err != nil {
		return nil, err
	}
	for len(b.pending) > 0 {
		next := b.pending[0]
		b.pending = b.pending[1:]
		if err := next(); err != nil {
			return nil, err
		}
	}
	for _, t := range b.types {
		b.svc.Types = append(b.svc.Types, t)
	}
	slices.SortFunc(b.svc.Types, func(x, y *Type) int { return strings.Compare(x.GoName, y.GoName) })
	slices.SortFunc(b.svc.Operations, func(x, y *Operation) int { return strings.Compare(x.GoName, y.GoName) })
	return b.svc, nil
}

func (b *builder) warn(format string, args ...any) {
	if w := fmt.Sprintf(format, args...); !slices.Contains(b.svc.Warnings, w) {
		b.svc.Warnings = append(b.svc.Warnings, w)
	}
}

func resolveIn(prefixes map[string]string, v string) xml.Name {
	prefix, local, ok := strings.Cut(v, ":")
	if !ok {
		return xml.Name{Space: prefixes[""], Local: v}
	}
	if ns, found := prefixes[prefix]; found {
		return xml.Name{Space: ns, Local: local}
	}
	return xml.Name{Space: prefix, Local: local}
}

func (b *builder) isBuiltin(n xml.Name) bool {
	_, ok := builtin[n.Local]
	return ok && (n.Space == nsXSD || n.Space == nsSOAPEnc || n.Space == "xsd" || n.Space == "xs")
}

// namedType returns the Go name of schema type n, declaring it on first use.
func (b *builder) namedType(n xml.Name) (string, error) {
	if g, ok := b.goNames[n]; ok {
		return g, nil
	}
	if item, ok := b.src.extra.arrays[n]; ok {
		t := &Type{Kind: ArrayType, XMLName: n, Item: item}
		t.GoName = b.declare(n, t)
		elem, _, err := b.valueType(item, false)
		if err != nil {
			return "", fmt.Errorf("regen: array %s: %w", n.Local, err)
		}
		t.Elem = strings.TrimPrefix(elem, "*") // items of struct arrays are values
		return t.GoName, nil
	}
	if ct, ok := b.complex[n]; ok && ct.SimpleContent.Extension.Base != "" {
		// Text with attributes: the runtime reads and writes no attributes,
		// so the type is its text.
		t := &Type{Kind: SimpleType, XMLName: n}
		t.GoName = b.declare(n, t)
		t.Elem = b.scalarOf(resolveIn(b.schemaOf[ct].Xmlns, ct.SimpleContent.Extension.Base), 0)
		b.warn("%s: simpleContent attributes are ignored", n.Local)
		return t.GoName, nil
	}
	if ct, ok := b.complex[n]; ok {
		t := &Type{Kind: StructType, XMLName: n}
		t.GoName = b.declare(n, t)
		b.pending = append(b.pending, func() error { return b.structFields(t, ct, b.schemaOf[ct]) })
		return t.GoName, nil
	}
	if st, ok := b.simple[n]; ok {
		t := &Type{Kind: SimpleType, XMLName: n, Doc: strings.TrimSpace(st.Doc)}
		t.GoName = b.declare(n, t)
		t.Elem = b.scalarOf(resolveIn(b.schemaOf[st].Xmlns, st.Restriction.Base), 0)
		for _, e := range st.Restriction.Enumeration {
			v, ok := constValue(t.Elem, e.Value)
			if !ok {
				b.warn("%s: enumeration value %q is not a %s: no constant", n.Local, e.Value, t.Elem)
				continue
			}
			t.Enum = append(t.Enum, EnumValue{Value: v})
		}
		if len(t.Enum) > 0 {
			b.enums = append(b.enums, t)
		}
		return t.GoName, nil
	}
	return "", fmt.Errorf("unknown type %s", n.Space+":"+n.Local)
}

// scalarOf returns the Go type of the text of schema type n: a built-in
// type's, or, for a simple type or text-only complexType derived from
// others, its base's; "string" when unknown.
func (b *builder) scalarOf(n xml.Name, depth int) string {
	if b.isBuiltin(n) {
		if g := builtin[n.Local]; g != "any" && g != "[]byte" {
			return g
		}
		return "string"
	}
	if depth > 16 {
		return "string"
	}
	if st, ok := b.simple[n]; ok && st.Restriction.Base != "" {
		return b.scalarOf(resolveIn(b.schemaOf[st].Xmlns, st.Restriction.Base), depth+1)
	}
	if ct, ok := b.complex[n]; ok && ct.SimpleContent.Extension.Base != "" {
		return b.scalarOf(resolveIn(b.schemaOf[ct].Xmlns, ct.SimpleContent.Extension.Base), depth+1)
	}
	return "string"
}

// constValue returns an enumeration value in the lexical form of a Go
// constant of kind goType: numbers and booleans parsed and reformatted
// ("007" -> "7", which Go would read as octal), strings as they are.
func constValue(goType, v string) (string, bool) {
	t := strings.TrimSpace(v)
	switch goType {
	case "int", "int64":
		i, err := strconv.ParseInt(strings.TrimPrefix(t, "+"), 10, 64)
		return strconv.FormatInt(i, 10), err == nil
	case "float64":
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return "", false
		}
		return strconv.FormatFloat(f, 'g', -1, 64), true
	case "bool":
		switch t {
		case "true", "1":
			return "true", true
		case "false", "0":
			return "false", true
		}
		return "", false
	}
	return v, true
}

func (b *builder) declare(n xml.Name, t *Type) string {
	g := b.names.unique(exported(n.Local))
	b.goNames[n] = g
	b.types[g] = t
	return g
}

// valueType returns the Go type for a value of schema type n: pointer
// reports whether it must be able to hold nil. It also returns the schema
// type name to put in the tag when the Go type does not imply it.
func (b *builder) valueType(n xml.Name, pointer bool) (goType, xsdType string, err error) {
	if b.isBuiltin(n) || (n.Space == nsSOAPEnc && n.Local == "Array") {
		g := builtin[n.Local]
		if n.Local == "Array" {
			g = "[]any"
		}
		if defaultXSD[g] != n.Local && g != "any" && g != "[]any" {
			xsdType = n.Local
		}
		if pointer && g != "any" && g != "[]byte" && g != "[]any" {
			g = "*" + g
		}
		return g, xsdType, nil
	}
	g, err := b.namedType(n)
	if err != nil {
		b.warn("%v: generated as any", err)
		return "any", "", nil
	}
	switch b.types[g].Kind {
	case ArrayType:
		return g, "", nil
	case StructType:
		return "*" + g, "", nil // structs are always held by pointer
	}
	if pointer {
		return "*" + g, "", nil
	}
	return g, "", nil
}

// structFields fills t from a complexType: inherited elements first, then
// its own (sequence, all, choice).
func (b *builder) structFields(t *Type, ct *gowsdl.XSDComplexType, schema *gowsdl.XSDSchema) error {
	names := newNamer("SOAPType")
	var elems []*gowsdl.XSDElement
	if base := ct.ComplexContent.Extension.Base; base != "" {
		bn := resolveIn(schema.Xmlns, base)
		if bct, ok := b.complex[bn]; ok {
			parent := &Type{GoName: b.goNames[bn]}
			if err := b.structFields(parent, bct, b.schemaOf[bct]); err != nil {
				return err
			}
			for _, f := range parent.Fields {
				f.GoName = names.unique(f.GoName)
				t.Fields = append(t.Fields, f)
			}
		}
		ext := ct.ComplexContent.Extension
		elems = append(elems, ext.Sequence...)
		elems = append(elems, ext.Choice...)
		elems = append(elems, ext.SequenceChoice...)
	}
	elems = append(elems, ct.Sequence...)
	elems = append(elems, ct.All...)
	elems = append(elems, ct.Choice...)
	elems = append(elems, ct.SequenceChoice...)
	for _, el := range elems {
		f, err := b.field(t.GoName, el, schema, names)
		if err != nil {
			return fmt.Errorf("regen: %s.%s: %w", t.XMLName.Local, el.Name, err)
		}
		t.Fields = append(t.Fields, f)
	}
	if len(ct.Any) > 0 {
		b.warn("%s: xsd:any content is ignored", t.XMLName.Local)
	}
	return nil
}

// field builds the struct field for one element.
func (b *builder) field(owner string, el *gowsdl.XSDElement, schema *gowsdl.XSDSchema, names *namer) (*Field, error) {
	qualified := schema.ElementFormDefault == "qualified"
	if el.Ref != "" {
		rn := resolveIn(schema.Xmlns, el.Ref)
		ref, ok := b.elements[rn]
		if !ok {
			return nil, fmt.Errorf("unknown element %s", el.Ref)
		}
		copied := *ref
		copied.MinOccurs, copied.MaxOccurs = el.MinOccurs, el.MaxOccurs
		el, schema = &copied, b.schemaOf[ref]
		// A global element is qualified whatever elementFormDefault says.
		qualified = true
	}
	repeated := el.MaxOccurs != "" && el.MaxOccurs != "0" && el.MaxOccurs != "1"
	optional := el.MinOccurs == "0"
	nillable := el.Nillable || optional
	var goType, xsdType string
	var err error
	switch {
	case el.ComplexType != nil && el.ComplexType.SimpleContent.Extension.Base != "":
		goType = b.scalarOf(resolveIn(schema.Xmlns, el.ComplexType.SimpleContent.Extension.Base), 0)
		if nillable && !repeated {
			goType = "*" + goType
		}
		b.warn("%s.%s: simpleContent attributes are ignored", owner, el.Name)
	case el.ComplexType != nil:
		goType, err = b.anonymous(owner+exported(el.Name), el.Name, el.ComplexType, schema)
		if err == nil && !repeated {
			goType = "*" + goType
		}
	case el.SimpleType != nil:
		goType = "string"
		if nillable && !repeated {
			goType = "*string"
		}
	case el.Type == "":
		goType = "any"
	default:
		goType, xsdType, err = b.valueType(resolveIn(schema.Xmlns, el.Type), nillable && !repeated)
	}
	if err != nil {
		return nil, err
	}
	if repeated {
		goType = "[]" + strings.TrimPrefix(goType, "*")
	}
	name := xml.Name{Local: el.Name}
	if qualified && schema.TargetNamespace != "" {
		name.Space = schema.TargetNamespace
	}
	return &Field{
		GoName:    names.unique(exported(el.Name)),
		GoType:    goType,
		Name:      name,
		XSDType:   xsdType,
		OmitEmpty: optional && !el.Nillable,
		Doc:       strings.TrimSpace(strings.Join(strings.Fields(el.Doc), " ")),
		Repeated:  repeated,
	}, nil
}

// anonymous declares a struct for an element's local complexType, once per
// complexType. xmlName is the name it is sent as in encoded use (local types
// have none: the element's own name is the best guess).
func (b *builder) anonymous(goName, xmlName string, ct *gowsdl.XSDComplexType, schema *gowsdl.XSDSchema) (string, error) {
	if g, ok := b.anon[ct]; ok {
		return g, nil
	}
	t := &Type{Kind: StructType, XMLName: xml.Name{Space: schema.TargetNamespace, Local: xmlName}}
	t.Doc = "is the local type of the element " + xmlName + "."
	t.GoName = b.names.unique(goName)
	b.types[t.GoName] = t
	b.anon[ct] = t.GoName
	return t.GoName, b.structFields(t, ct, schema)
}

// operations reads the SOAP 1.1 binding.
func (b *builder) operations() error {
	w := b.src.wsdl
	var binding *gowsdl.WSDLBinding
	for _, bd := range w.Binding {
		if bd.SOAPBinding.Transport != "" || bd.SOAPBinding.Style != "" {
			binding = bd
			break
		}
	}
	if binding == nil {
		return fmt.Errorf("regen: no SOAP 1.1 binding in %s", b.svc.Source)
	}
	portName := localPart(binding.Type)
	var port *gowsdl.WSDLPortType
	for _, pt := range w.PortTypes {
		if pt.Name == portName {
			port = pt
		}
	}
	if port == nil {
		return fmt.Errorf("regen: binding %s names unknown portType %s", binding.Name, binding.Type)
	}
	for _, s := range w.Service {
		for _, p := range s.Ports {
			if localPart(p.Binding) == binding.Name && b.svc.Endpoint == "" {
				b.svc.Endpoint, b.svc.Name = p.SOAPAddress.Location, s.Name
			}
		}
	}
	if b.svc.Name == "" {
		b.svc.Name = w.Name
	}
	opNames := newNamer(reservedNames...)
	for _, bop := range binding.Operations {
		var pop *gowsdl.WSDLOperation
		for _, o := range port.Operations {
			if o.Name == bop.Name {
				pop = o
			}
		}
		if pop == nil {
			return fmt.Errorf("regen: operation %s is not in portType %s", bop.Name, port.Name)
		}
		op, err := b.operation(binding, bop, pop)
		if err != nil {
			return fmt.Errorf("regen: operation %s: %w", bop.Name, err)
		}
		op.GoName = opNames.unique(exported(bop.Name))
		b.svc.Operations = append(b.svc.Operations, op)
	}
	return nil
}

func localPart(q string) string {
	if _, l, ok := strings.Cut(q, ":"); ok {
		return l
	}
	return q
}

func (b *builder) message(name string) (*gowsdl.WSDLMessage, error) {
	for _, m := range b.src.wsdl.Messages {
		if m.Name == localPart(name) {
			return m, nil
		}
	}
	return nil, fmt.Errorf("unknown message %s", name)
}

func (b *builder) operation(binding *gowsdl.WSDLBinding, bop, pop *gowsdl.WSDLOperation) (*Operation, error) {
	style := bop.SOAPOperation.Style
	if style == "" {
		style = binding.SOAPBinding.Style
	}
	op := &Operation{
		Name:    bop.Name,
		Doc:     strings.Join(strings.Fields(firstNonEmpty(pop.Doc, bop.Doc)), " "),
		Action:  bop.SOAPOperation.SOAPAction,
		RPC:     style == "rpc",
		Encoded: bop.Input.SOAPBody.Use == "encoded",
	}
	in, err := b.message(pop.Input.Message)
	if err != nil {
		return nil, err
	}
	var out *gowsdl.WSDLMessage
	if pop.Output.Message != "" {
		if out, err = b.message(pop.Output.Message); err != nil {
			return nil, err
		}
	}
	params := newNamer("ctx", "c")
	if op.RPC {
		ns := firstNonEmpty(bop.Input.SOAPBody.Namespace, b.src.wsdl.TargetNamespace)
		op.Wrapper = xml.Name{Space: ns, Local: bop.Name}
		for _, part := range in.Parts {
			p, err := b.partParam(in.Name, part, params)
			if err != nil {
				return nil, err
			}
			op.Params = append(op.Params, p)
		}
		if out != nil {
			if err := b.rpcResult(op, out); err != nil {
				return nil, err
			}
		}
	} else if err := b.documentIO(op, in, out, params); err != nil {
		return nil, err
	}
	if len(op.Params) > 0 && strings.EqualFold(op.Params[0].Name.Local, "sessionID") && op.Params[0].GoType == "string" {
		op.Session, op.Params = op.Params[0], op.Params[1:]
	}
	return op, nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// partRef returns the type (rpc) or element (document) a message part names,
// resolved against the namespace declarations in scope at the part.
func (b *builder) partRef(message string, part *gowsdl.WSDLPart) xml.Name {
	if n, ok := b.src.extra.parts[message+"/"+part.Name]; ok {
		return n
	}
	return resolveIn(b.src.wsdl.Xmlns, firstNonEmpty(part.Element, part.Type))
}

// partParam turns an rpc message part into a parameter.
func (b *builder) partParam(message string, part *gowsdl.WSDLPart, names *namer) (*Param, error) {
	nillable := b.src.extra.nillableParts[message+"/"+part.Name]
	goType, xsdType, err := b.valueType(b.partRef(message, part), nillable)
	if err != nil {
		return nil, err
	}
	return &Param{GoName: names.unique(unexported(part.Name)), GoType: goType, Name: xml.Name{Local: part.Name}, XSDType: xsdType}, nil
}

// rpcResult sets the result from the output parts: one part is returned as
// is, several become a struct decoded from the whole response element.
func (b *builder) rpcResult(op *Operation, out *gowsdl.WSDLMessage) error {
	switch len(out.Parts) {
	case 0:
		return nil
	case 1:
		p, err := b.partParam(out.Name, out.Parts[0], newNamer())
		if err != nil {
			return err
		}
		op.Result = p.GoType
		return nil
	}
	t := &Type{Kind: StructType, GoName: b.names.unique(exported(op.Name) + "Result"), XMLName: xml.Name{Local: op.Name + "Response"}}
	t.Doc = "holds the output parts of " + op.Name + "."
	fields := newNamer("SOAPType")
	for _, part := range out.Parts {
		p, err := b.partParam(out.Name, part, newNamer())
		if err != nil {
			return err
		}
		t.Fields = append(t.Fields, &Field{GoName: fields.unique(exported(part.Name)), GoType: p.GoType, Name: xml.Name{Local: part.Name}, XSDType: p.XSDType})
	}
	b.types[t.GoName] = t
	op.Result, op.WholeResponse = "*"+t.GoName, true
	return nil
}

// documentIO reads document/literal messages. The input follows the wrapped
// convention when its single part's element is named after the operation or
// has a local complexType: the element's children are then the parameters,
// and the output element's children the result (one child is returned as
// is, several as the whole output element). Otherwise every part's element
// is a parameter and the output element is the result (bare).
func (b *builder) documentIO(op *Operation, in, out *gowsdl.WSDLMessage, names *namer) error {
	fields, wrapper, ok := b.wrapped(in, op.Name)
	if ok {
		op.Wrapper = wrapper
		for _, f := range fields {
			op.Params = append(op.Params, &Param{GoName: names.unique(unexported(f.Name.Local)), GoType: f.GoType, Name: f.Name, XSDType: f.XSDType, OmitEmpty: f.OmitEmpty})
		}
	} else {
		for _, part := range in.Parts {
			en := b.partRef(in.Name, part)
			el, ok := b.elements[en]
			if part.Element == "" || !ok {
				return fmt.Errorf("part %s: unknown element %s", part.Name, part.Element)
			}
			goType, xsdType, err := b.elementType(el)
			if err != nil {
				return err
			}
			op.Params = append(op.Params, &Param{GoName: names.unique(unexported(part.Name)), GoType: goType, Name: en, XSDType: xsdType})
		}
	}
	if out == nil || len(out.Parts) == 0 {
		return nil
	}
	if ok {
		if fields, _, ok := b.wrapped(out, ""); ok {
			switch len(fields) {
			case 0:
				return nil
			case 1:
				f := fields[0]
				op.Result, op.WholeResponse = f.GoType, true
				op.ResultTag = strings.TrimSpace(f.Name.Space + " " + f.Name.Local)
				if f.XSDType != "" {
					op.ResultTag += ",type=" + f.XSDType
				}
				return nil
			}
		}
	}
	if len(out.Parts) != 1 {
		return fmt.Errorf("document/literal output with %d parts is not supported", len(out.Parts))
	}
	el, ok := b.elements[b.partRef(out.Name, out.Parts[0])]
	if out.Parts[0].Element == "" || !ok {
		return fmt.Errorf("unknown output element %s", out.Parts[0].Element)
	}
	goType, _, err := b.elementType(el)
	if err != nil {
		return err
	}
	op.Result, op.WholeResponse = goType, true
	return nil
}

// wrapped returns the children of a wrapper element, if msg follows the
// document/literal wrapped convention: a single part whose element has
// element content and, when operation is not empty, is named after the
// operation or has a local complexType.
func (b *builder) wrapped(msg *gowsdl.WSDLMessage, operation string) ([]*Field, xml.Name, bool) {
	if len(msg.Parts) != 1 || msg.Parts[0].Element == "" {
		return nil, xml.Name{}, false
	}
	en := b.partRef(msg.Name, msg.Parts[0])
	el, ok := b.elements[en]
	if !ok {
		return nil, xml.Name{}, false
	}
	if operation != "" && el.ComplexType == nil && en.Local != operation {
		return nil, xml.Name{}, false
	}
	ct := el.ComplexType
	schema := b.schemaOf[el]
	if ct == nil && el.Type != "" {
		tn := resolveIn(schema.Xmlns, el.Type)
		ct = b.complex[tn]
		if ct != nil {
			schema = b.schemaOf[ct]
		}
	}
	if ct == nil || len(ct.Any) > 0 || len(ct.SimpleContent.Extension.Base) > 0 {
		return nil, xml.Name{}, false
	}
	holder := &Type{GoName: exported(en.Local)}
	if err := b.structFields(holder, ct, schema); err != nil {
		return nil, xml.Name{}, false
	}
	return holder.Fields, en, true
}

// elementType is the Go type of a global element's content.
func (b *builder) elementType(el *gowsdl.XSDElement) (string, string, error) {
	schema := b.schemaOf[el]
	if el.ComplexType != nil {
		g, err := b.anonymous(exported(el.Name), el.Name, el.ComplexType, schema)
		return "*" + g, "", err
	}
	if el.Type == "" {
		return "any", "", nil
	}
	return b.valueType(resolveIn(schema.Xmlns, el.Type), el.Nillable)
}

// Tag returns the field's soap struct tag: `soap:"[ns ]Name[,type=T][,omitempty]"`.
func (f *Field) Tag() string {
	tag := strings.TrimSpace(f.Name.Space + " " + f.Name.Local)
	if f.XSDType != "" {
		tag += ",type=" + f.XSDType
	}
	if f.OmitEmpty {
		tag += ",omitempty"
	}
	return `soap:"` + tag + `"`
}
