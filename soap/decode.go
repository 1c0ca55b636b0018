package soap

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// maxDecodeDepth bounds nesting while decoding, references included, so that
// a cyclic id/href graph fails instead of recursing forever.
const maxDecodeDepth = 256

// decoder maps a parsed document onto Go values.
type decoder struct {
	doc *document
	// budget is how many more elements may be decoded. References can make
	// a small document expand exponentially; the budget keeps the work
	// proportional to the document's size.
	budget int
}

func newDecoder(doc *document) *decoder {
	return &decoder{doc: doc, budget: 64*doc.size + 1024}
}

// decode stores the value of n in v, which must be settable.
func (d *decoder) decode(n *node, v reflect.Value, depth int) error {
	if depth > maxDecodeDepth {
		return errors.New("value nested too deeply (a reference cycle?)")
	}
	if d.budget--; d.budget < 0 {
		return errors.New("references expand beyond the size of the response")
	}
	n, err := d.doc.deref(n)
	if err != nil {
		return err
	}
	if n.isNil {
		v.SetZero()
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		if err := d.decode(n, elem.Elem(), depth+1); err != nil {
			return err
		}
		v.Set(elem)
		return nil
	case reflect.Interface:
		if v.NumMethod() != 0 {
			return fmt.Errorf("cannot decode into %s", v.Type())
		}
		g, err := d.generic(n, depth+1)
		if err != nil {
			return err
		}
		if g == nil {
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(g))
		}
		return nil
	case reflect.Struct:
		return d.structValue(n, v, depth)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b, err := decodeBase64(string(n.text))
			if err != nil {
				return err
			}
			v.SetBytes(b)
			return nil
		}
		return d.items(n.children, v, depth)
	}
	return setScalar(v, string(n.text))
}

// items decodes each of nodes as one element of the slice v, whatever the
// elements are called.
func (d *decoder) items(nodes []*node, v reflect.Value, depth int) error {
	s := reflect.MakeSlice(v.Type(), len(nodes), len(nodes))
	for i, c := range nodes {
		if err := d.decode(c, s.Index(i), depth+1); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	v.Set(s)
	return nil
}

// structValue fills the tagged fields of v from n's children, matched by local
// name (exactly, or else ignoring case). Unknown children are ignored and
// missing ones leave their field zero.
func (d *decoder) structValue(n *node, v reflect.Value, depth int) error {
	fields := fieldsOf(v.Type())
	repeated := map[int][]*node{} // plain slice fields collect every match
	for _, c := range n.children {
		fi := matchField(fields, c.name.Local)
		if fi < 0 {
			continue
		}
		f := fields[fi]
		fv := v.Field(f.index)
		if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() != reflect.Uint8 && !isSOAPArray(fv.Type()) {
			repeated[fi] = append(repeated[fi], c)
			continue
		}
		if err := d.decode(c, fv, depth+1); err != nil {
			return within(f.name.Local, err)
		}
	}
	for fi, nodes := range repeated {
		f := fields[fi]
		fv := v.Field(f.index)
		// A repeated element arrives as a single SOAP-encoded array when the
		// peer encodes it as one: read its items.
		if len(nodes) == 1 {
			one, err := d.doc.deref(nodes[0])
			if err != nil {
				return within(f.name.Local, err)
			}
			if one.arrayType || one.xsiType.Local == "Array" {
				nodes = one.children
			}
		}
		if err := d.items(nodes, fv, depth); err != nil {
			return within(f.name.Local, err)
		}
	}
	return nil
}

// within prefixes err with the name of the element it occurred in, so that
// errors read as paths: "Items[0]: Quantity: invalid integer".
func within(name string, err error) error {
	if strings.HasPrefix(err.Error(), "[") {
		return fmt.Errorf("%s%w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

func matchField(fields []field, local string) int {
	for i, f := range fields {
		if f.name.Local == local {
			return i
		}
	}
	for i, f := range fields {
		if strings.EqualFold(f.name.Local, local) {
			return i
		}
	}
	return -1
}

// generic decodes n into plain Go values for an interface: nil, string,
// int64, float64, bool, []byte, []any or map[string]any, guided by xsi:type
// and the element's shape.
func (d *decoder) generic(n *node, depth int) (any, error) {
	if depth > maxDecodeDepth {
		return nil, errors.New("value nested too deeply (a reference cycle?)")
	}
	if d.budget--; d.budget < 0 {
		return nil, errors.New("references expand beyond the size of the response")
	}
	n, err := d.doc.deref(n)
	if err != nil {
		return nil, err
	}
	if n.isNil {
		return nil, nil
	}
	switch {
	case n.arrayType || (n.xsiType.Local == "Array" && n.xsiType.Space == NamespaceEncoding):
		out := make([]any, 0, len(n.children))
		for i, c := range n.children {
			g, err := d.generic(c, depth+1)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out = append(out, g)
		}
		return out, nil
	case n.xsiType.Local == "Map" && n.xsiType.Space == "http://xml.apache.org/xml-soap":
		return d.apacheMap(n, depth)
	case len(n.children) > 0:
		counts := map[string]int{}
		for _, c := range n.children {
			counts[c.name.Local]++
		}
		out := make(map[string]any, len(counts))
		for _, c := range n.children {
			g, err := d.generic(c, depth+1)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name.Local, err)
			}
			if key := c.name.Local; counts[key] > 1 {
				list, _ := out[key].([]any)
				out[key] = append(list, g)
			} else {
				out[key] = g
			}
		}
		return out, nil
	}
	return typedText(n)
}

// apacheMap decodes PHP's associative-array encoding: items of key and value.
func (d *decoder) apacheMap(n *node, depth int) (any, error) {
	out := map[string]any{}
	for _, item := range n.children {
		item, err := d.doc.deref(item)
		if err != nil {
			return nil, err
		}
		k, v := item.child("key"), item.child("value")
		if k == nil {
			continue
		}
		var val any
		if v != nil {
			if val, err = d.generic(v, depth+1); err != nil {
				return nil, err
			}
		}
		out[string(k.text)] = val
	}
	return out, nil
}

// typedText converts text by its xsi:type; text of unknown type stays a string.
func typedText(n *node) (any, error) {
	text := string(n.text)
	if n.xsiType.Space != NamespaceXSD {
		return text, nil
	}
	switch n.xsiType.Local {
	case "int", "long", "short", "byte", "integer", "unsignedInt", "unsignedShort", "unsignedByte",
		"unsignedLong", "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger":
		return parseInt(text)
	case "double", "float", "decimal":
		return parseFloat(text)
	case "boolean":
		return parseBool(text)
	case "base64Binary":
		return decodeBase64(text)
	}
	return text, nil
}

// setScalar parses text into a string, number or boolean value.
func setScalar(v reflect.Value, text string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		b, err := parseBool(text)
		if err != nil {
			return err
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := parseInt(text)
		if err != nil {
			return err
		}
		if v.OverflowInt(i) {
			return fmt.Errorf("%d overflows %s", i, v.Type())
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		i, err := parseInt(text)
		if err != nil {
			return err
		}
		if i < 0 || v.OverflowUint(uint64(i)) {
			return fmt.Errorf("%d overflows %s", i, v.Type())
		}
		v.SetUint(uint64(i))
	case reflect.Float32, reflect.Float64:
		f, err := parseFloat(text)
		if err != nil {
			return err
		}
		v.SetFloat(f)
	default:
		return fmt.Errorf("cannot decode into %s", v.Type())
	}
	return nil
}

// parseInt accepts integers and integral decimals ("2", " 2 ", "2.0", "+2");
// empty text is zero.
func parseInt(text string) (int64, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return 0, nil
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt64 {
		return 0, fmt.Errorf("invalid integer %q", excerptString(s))
	}
	return int64(f), nil
}

// parseFloat accepts decimal and exponent forms and INF, -INF and NaN;
// empty text is zero.
func parseFloat(text string) (float64, error) {
	s := strings.TrimSpace(text)
	switch s {
	case "":
		return 0, nil
	case "INF", "+INF":
		return math.Inf(1), nil
	case "-INF":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid number %q", excerptString(s))
	}
	return f, nil
}

// parseBool accepts true/false and 1/0 in any case; empty text is false.
func parseBool(text string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "true", "1":
		return true, nil
	case "false", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean %q", excerptString(text))
}

func decodeBase64(text string) ([]byte, error) {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, text)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err2 := base64.RawStdEncoding.DecodeString(s); err2 == nil {
			return b, nil
		}
		return nil, fmt.Errorf("invalid base64: %w", err)
	}
	return b, nil
}

// excerptString shortens text quoted in errors.
func excerptString(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
