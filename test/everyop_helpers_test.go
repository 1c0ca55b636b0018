package test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tco-go/twocheckout/soap"
	"github.com/tco-go/twocheckout/test/phpserver"
)

// This file holds the machinery of TestEveryOperation: a deterministic
// filler that builds a value of any generated type, the conversion of Go
// values into the JSON shape that the PHP harness reads and records, and a
// field-by-field comparison of two such shapes.

// filler builds values of generated types: every field set, strings
// "<Element>-<n>", distinct numbers, floats with a fraction, alternating
// booleans, enums at their first documented value, SOAP arrays of two or
// three items, nested structs down to maxDepth levels, and, in every struct
// (and parameter list) with at least two nillable fields, one of them nil,
// chosen in rotation.
type filler struct {
	enums    map[string]string // Go type name -> first documented value
	next     int               // the last number handed out
	rotation int               // picks the field left nil
	maxDepth int
}

func newFiller(enums map[string]string, start int) *filler {
	return &filler{enums: enums, next: start, maxDepth: 4}
}

func (f *filler) num() int {
	f.next++
	return f.next
}

// nillable reports whether a value of type t can be sent and received as
// xsi:nil (a plain slice cannot: nil is a repeated element that is absent).
func nillable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map:
		return true
	case reflect.Slice:
		return t.Elem().Kind() == reflect.Uint8 || t.Implements(reflect.TypeFor[soap.Array]())
	}
	return false
}

// leaveNil returns the index among types that is left nil, or -1 when fewer
// than two are nillable.
func (f *filler) leaveNil(types []reflect.Type) int {
	var candidates []int
	for i, t := range types {
		if nillable(t) {
			candidates = append(candidates, i)
		}
	}
	if len(candidates) < 2 {
		return -1
	}
	f.rotation++
	return candidates[f.rotation%len(candidates)]
}

// holdsStruct reports whether t is a struct or a pointer to one.
func holdsStruct(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// fill returns a value of type t for the element called name, at struct
// nesting depth depth.
func (f *filler) fill(t reflect.Type, name string, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Struct && depth >= f.maxDepth {
			return v // nil: the nesting stops here
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(f.fill(t.Elem(), name, depth))
		return p
	case reflect.Struct:
		f.fillStruct(v, depth+1)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			v.SetBytes(fmt.Appendf(nil, "%s-%d", name, f.num()))
			return v
		}
		if holdsStruct(t.Elem()) && depth >= f.maxDepth {
			return v // nil
		}
		n := 2 + f.num()%2
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			s.Index(i).Set(f.fill(t.Elem(), name, depth))
		}
		return s
	case reflect.Interface:
		if a := f.anyValue(name); a != nil {
			v.Set(reflect.ValueOf(a))
		}
	case reflect.Map:
		// Generated types hold no maps; a string-keyed one gets one entry.
		m := reflect.MakeMap(t)
		m.SetMapIndex(reflect.ValueOf(name).Convert(t.Key()), f.fill(t.Elem(), name, depth))
		return m
	case reflect.String:
		if e, ok := f.enums[t.Name()]; ok && t.PkgPath() != "" {
			v.SetString(e)
		} else {
			v.SetString(fmt.Sprintf("%s-%d", name, f.num()))
		}
	case reflect.Bool:
		v.SetBool(f.num()%2 == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.num()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(f.num()))
	case reflect.Float32, reflect.Float64:
		n := f.num()
		v.SetFloat(float64(n) + float64(1+n%3)/4) // .25, .5 or .75
	default:
		panic(fmt.Sprintf("filler: unsupported type %s", t))
	}
	return v
}

// anyValue is a value for an xsd:anyType element: in turn a string, a struct
// (map) with a string, an integer, a float, a boolean and a list, and an
// integer.
func (f *filler) anyValue(name string) any {
	n := f.num()
	switch n % 3 {
	case 0:
		return fmt.Sprintf("%s-%d", name, n)
	case 1:
		return map[string]any{
			"Text":  fmt.Sprintf("%s-%d", name, n),
			"Count": int64(n),
			"Ratio": float64(n) + 0.5,
			"Flag":  n%2 == 0,
			"List":  []any{fmt.Sprintf("%s-%d-a", name, n), fmt.Sprintf("%s-%d-b", name, n)},
		}
	default:
		return int64(n)
	}
}

func (f *filler) fillStruct(v reflect.Value, depth int) {
	fields := soapFields(v.Type())
	types := make([]reflect.Type, len(fields))
	for i, sf := range fields {
		types[i] = sf.Type
	}
	skip := f.leaveNil(types)
	for i, sf := range fields {
		if i == skip {
			continue
		}
		v.FieldByIndex(sf.Index).Set(f.fill(sf.Type, xmlLocal(sf), depth))
	}
}

// soapFields returns the exported fields of struct type t that carry a soap
// tag, in declaration order.
func soapFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		sf := t.Field(i)
		if tag, ok := sf.Tag.Lookup("soap"); ok && tag != "-" && sf.IsExported() {
			out = append(out, sf)
		}
	}
	return out
}

// xmlLocal is the local element name of a tagged field.
func xmlLocal(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("soap"), ",")
	if _, local, ok := strings.Cut(name, " "); ok {
		return local
	}
	return name
}

func omitEmpty(sf reflect.StructField) bool {
	_, opts, _ := strings.Cut(sf.Tag.Get("soap"), ",")
	return slices.Contains(strings.Split(opts, ","), "omitempty")
}

// shapeMode says which of the two JSON shapes phpShape builds.
type shapeMode int

const (
	// recorded is how the harness records what PHP decoded: numbers
	// exact (floats keep a fraction, 1.0), binary that is not UTF-8 as
	// {"$base64": ...}, and omitted elements absent.
	recorded shapeMode = iota
	// scripted is what SetResponse needs so that PHP builds the value:
	// whole floats as phpserver.Float, binary as phpserver.Binary, and a
	// nil as null.
	scripted
)

// phpShape converts a Go value into the JSON shape of mode: structs as
// objects keyed by their XML element names, SOAP arrays and lists as arrays,
// nil as null.
func phpShape(v reflect.Value, mode shapeMode) any {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		obj := map[string]any{}
		for _, sf := range soapFields(v.Type()) {
			fv := v.FieldByIndex(sf.Index)
			key := xmlLocal(sf)
			isRepeated := fv.Kind() == reflect.Slice && !nillable(fv.Type())
			switch {
			case isRepeated && fv.Len() == 0:
				// A repeated element that occurs zero times.
				if mode == scripted {
					obj[key] = []any{}
				}
			case isRepeated && fv.Len() == 1 && mode == recorded:
				// PHP decodes a single occurrence as the value itself.
				obj[key] = phpShape(fv.Index(0), mode)
			case mode == recorded && omitEmpty(sf) && isNil(fv):
				// Not sent.
			default:
				obj[key] = phpShape(fv, mode)
			}
		}
		return obj
	case reflect.Map:
		obj := map[string]any{}
		iter := v.MapRange()
		for iter.Next() {
			obj[fmt.Sprint(iter.Key().Interface())] = phpShape(iter.Value(), mode)
		}
		return obj
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			if v.IsNil() {
				return nil
			}
			b := v.Bytes()
			if mode == scripted {
				return phpserver.Binary(b)
			}
			if utf8.Valid(b) {
				return string(b)
			}
			return map[string]any{"$base64": base64.StdEncoding.EncodeToString(b)}
		}
		if v.Kind() == reflect.Slice && v.IsNil() && nillable(v.Type()) {
			return nil
		}
		list := make([]any, v.Len())
		for i := range v.Len() {
			list[i] = phpShape(v.Index(i), mode)
		}
		return list
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return json.Number(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return json.Number(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if mode == scripted && (f == math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f)) {
			return phpserver.Float(f)
		}
		return json.Number(phpFloat(f))
	}
	panic(fmt.Sprintf("phpShape: unsupported kind %s", v.Kind()))
}

func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// phpFloat formats f as PHP's json_encode does with
// JSON_PRESERVE_ZERO_FRACTION and serialize_precision -1.
func phpFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.Contains(s, "e") {
		// PHP writes 1.0e+25 where Go writes 1e+25.
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		if exp[0] != '-' && exp[0] != '+' {
			exp = "+" + exp
		}
		return mant + "e" + exp
	}
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// decodeJSON decodes recorded JSON with numbers kept as written.
func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// normalize turns a shape built by phpShape (which may hold json.RawMessage
// and typed maps) into what decodeJSON returns for the same JSON.
func normalize(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeJSON(data)
}

// jsonDiff compares two decoded JSON values field by field. It counts the
// leaves compared and returns one line per difference, naming its path.
type jsonDiff struct {
	leaves, nulls int // nulls: leaves that are nil on both sides
	diffs         []diffLine
}

// diffLine is one difference: where, and what.
type diffLine struct {
	path, text string
}

func (d *jsonDiff) add(path, format string, args ...any) {
	d.diffs = append(d.diffs, diffLine{path: path, text: fmt.Sprintf(format, args...)})
}

func (d *jsonDiff) compare(path string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			d.add(path, "want an object %s, got %s", brief(want), brief(got))
			return
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			wv, inWant := w[k]
			gv, inGot := g[k]
			switch {
			case !inGot:
				d.add(path+"."+k, "missing (want %s)", brief(wv))
			case !inWant:
				d.add(path+"."+k, "unexpected %s", brief(gv))
			default:
				d.compare(path+"."+k, wv, gv)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			d.add(path, "want a list %s, got %s", brief(want), brief(got))
			return
		}
		if len(w) != len(g) {
			d.add(path, "want %d items, got %d: %s", len(w), len(g), brief(got))
			return
		}
		for i := range w {
			d.compare(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
		}
	default:
		d.leaves++
		if want == nil && got == nil {
			d.nulls++
		}
		if want != got {
			hint := ""
			if g, ok := got.(string); ok && g == strings.Trim(brief(want), `"`) {
				hint = " (the same text, decoded as a string: the xsi:type sent did not say what the value is)"
			}
			d.add(path, "want %s, got %s%s", brief(want), brief(got), hint)
		}
	}
}

// brief is a value as JSON, shortened for messages.
func brief(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	if s := string(data); len(s) <= 120 {
		return s
	}
	return string(data[:117]) + "..."
}

// fixedSession is a soap.Caller that supplies a fixed session ID to
// operations that take one.
type fixedSession struct {
	client *soap.Client
	id     string
}

func (s fixedSession) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	if op.Session != nil {
		p := *op.Session
		p.Value = s.id
		params = append([]soap.Param{p}, params...)
	}
	return s.client.Call(ctx, op, params, result)
}

// tape is an http.RoundTripper that keeps the last request and response
// body of every SOAPAction, to show the XML behind a failure.
type tape struct {
	rt http.RoundTripper
	mu sync.Mutex
	// exchanges maps the SOAPAction to the last request and response.
	exchanges map[string][2][]byte
}

func newTape() *tape {
	return &tape{rt: http.DefaultTransport.(*http.Transport).Clone(), exchanges: map[string][2][]byte{}}
}

func (t *tape) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	action, _ := strconv.Unquote(req.Header.Get("SOAPAction"))
	resp, err := t.rt.RoundTrip(req)
	var respBody []byte
	if err == nil {
		respBody, err = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(respBody))
	}
	t.mu.Lock()
	t.exchanges[action] = [2][]byte{body, respBody}
	t.mu.Unlock()
	return resp, err
}

func (t *tape) exchange(action string) (request, response []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.exchanges[action]
	return e[0], e[1]
}

// xmlAt returns the element of a SOAP envelope that a diff path names, as
// written, shortened to about 1000 bytes. The path starts with the
// operation's name and the index of the part ("placeOrder[1].Items[0]") for
// a request, or with "return" for the result in a response. It returns a
// note instead when the element cannot be found.
func xmlAt(envelope []byte, path string) string {
	root, err := parseXMLTree(envelope)
	if err != nil {
		return fmt.Sprintf("(not well-formed: %v)", err)
	}
	n := root.find("Body")
	if n == nil || len(n.children) == 0 {
		return "(no Body)"
	}
	n = n.children[0] // the wrapper or response element
	for i, seg := range strings.Split(path, ".") {
		name, idx, _ := strings.Cut(seg, "[")
		switch {
		case i == 0 && name == "return":
			if len(n.children) == 0 {
				return "(no result element)"
			}
			n = n.children[0]
		case i == 0:
			// The operation: the indexes below pick the part.
		default:
			if n = n.child(name); n == nil {
				return fmt.Sprintf("(no element %s at %s)", name, path)
			}
		}
		for idx != "" {
			var k string
			k, idx, _ = strings.Cut(idx, "]")
			idx = strings.TrimPrefix(idx, "[")
			j, err := strconv.Atoi(k)
			if err != nil || j >= len(n.children) {
				return fmt.Sprintf("(no item [%s] at %s)", k, path)
			}
			n = n.children[j]
		}
	}
	text := string(envelope[n.start:n.end])
	if len(text) > 1000 {
		text = text[:1000] + "..."
	}
	return text
}

// xmlNode is an element of a parsed document with its byte range.
type xmlNode struct {
	local      string
	children   []*xmlNode
	start, end int64
}

func (n *xmlNode) child(local string) *xmlNode {
	for _, c := range n.children {
		if c.local == local {
			return c
		}
	}
	return nil
}

// find returns the first element called local, depth first.
func (n *xmlNode) find(local string) *xmlNode {
	if n.local == local {
		return n
	}
	for _, c := range n.children {
		if f := c.find(local); f != nil {
			return f
		}
	}
	return nil
}

func parseXMLTree(doc []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	root := &xmlNode{}
	stack := []*xmlNode{root}
	for {
		offset := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{local: tok.Name.Local, start: offset}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) < 2 {
				return nil, fmt.Errorf("unbalanced </%s>", tok.Name.Local)
			}
			stack[len(stack)-1].end = dec.InputOffset()
			stack = stack[:len(stack)-1]
		}
	}
}
