package soap

import (
	"bytes"
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
			if len(n.children) > 0 {
				return errChildElements(v.Type())
			}
			b, err := decodeBase64(string(n.text))
			if err != nil {
				return err
			}
			v.SetBytes(b)
			return nil
		}
		items, err := elementsOf(n, v.Type())
		if err != nil {
			return err
		}
		return d.items(items, v, depth)
	}
	return setScalar(v, n)
}

// elementsOf returns the child elements of n, which holds a struct or an
// array of type t. An element with text but no child elements is a simple
// value, not an empty struct or array: an error. An empty element, or one
// with only white space, has no members.
func elementsOf(n *node, t reflect.Type) ([]*node, error) {
	if len(n.children) == 0 && len(bytes.TrimSpace(n.text)) > 0 {
		return nil, fmt.Errorf("found text where %s is expected", describe(t))
	}
	return n.children, nil
}

func errChildElements(t reflect.Type) error {
	return fmt.Errorf("found child elements where %s is expected", describe(t))
}

// describe names the kind of value a Go type holds, for errors.
func describe(t reflect.Type) string {
	switch {
	case t.Kind() == reflect.Struct:
		return "a structure (" + t.String() + ")"
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return "base64 data (" + t.String() + ")"
	case t.Kind() == reflect.Slice:
		return "an array (" + t.String() + ")"
	}
	return "a simple value (" + t.String() + ")"
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
	children, err := elementsOf(n, v.Type())
	if err != nil {
		return err
	}
	fields := fieldsOf(v.Type())
	repeated := map[int][]*node{} // plain slice fields collect every match
	for _, c := range children {
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
		// peer encodes it as one (as this package does in encoded use):
		// read its items. A single nil element is a nil slice.
		if len(nodes) == 1 {
			one, err := d.doc.deref(nodes[0])
			if err != nil {
				return within(f.name.Local, err)
			}
			if one.isNil {
				fv.SetZero()
				continue
			}
			if one.arrayType || one.xsiType.Local == "Array" {
				if nodes, err = elementsOf(one, fv.Type()); err != nil {
					return within(f.name.Local, err)
				}
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
		// A name that occurs more than once is a repeated element: its
		// values are collected in a list, kept apart from the values
		// themselves (which may be lists too).
		counts := map[string]int{}
		for _, c := range n.children {
			counts[c.name.Local]++
		}
		out := make(map[string]any, len(counts))
		lists := map[string][]any{}
		for _, c := range n.children {
			g, err := d.generic(c, depth+1)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name.Local, err)
			}
			if key := c.name.Local; counts[key] > 1 {
				lists[key] = append(lists[key], g)
			} else {
				out[key] = g
			}
		}
		for key, list := range lists {
			out[key] = list
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

// setScalar parses the text of n into a string, number or boolean value. An
// element with child elements holds no simple value: an error.
func setScalar(v reflect.Value, n *node) error {
	switch v.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		if len(n.children) > 0 {
			return errChildElements(v.Type())
		}
	default:
		return fmt.Errorf("cannot decode into %s", v.Type())
	}
	text := string(n.text)
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
		// The whole uint64 range first; then the lenient forms.
		u, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
		if err != nil {
			i, err := parseInt(text)
			if err != nil {
				return err
			}
			if i < 0 {
				return fmt.Errorf("%d overflows %s", i, v.Type())
			}
			u = uint64(i)
		}
		if v.OverflowUint(u) {
			return fmt.Errorf("%d overflows %s", u, v.Type())
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := parseFloat(text)
		if err != nil {
			return err
		}
		if v.OverflowFloat(f) {
			return fmt.Errorf("%s overflows %s", excerptString(strings.TrimSpace(text)), v.Type())
		}
		v.SetFloat(f)
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
	// float64(math.MaxInt64) rounds up to 1<<63, which int64 cannot hold:
	// the bound is exclusive. (-1<<63 itself is read by ParseInt above.)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
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
