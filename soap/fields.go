package soap

import (
	"encoding/xml"
	"reflect"
	"strings"
	"sync"
)

// field is one tagged struct field.
type field struct {
	index     int
	name      xml.Name
	xsdType   string
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf returns the tagged fields of struct type t in declaration order.
func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	var fields []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("soap")
		if !ok || tag == "-" || !sf.IsExported() {
			continue
		}
		fields = append(fields, parseTag(i, tag))
	}
	f, _ := fieldCache.LoadOrStore(t, fields)
	return f.([]field)
}

func parseTag(index int, tag string) field {
	f := field{index: index}
	name, opts, _ := strings.Cut(tag, ",")
	if ns, local, ok := strings.Cut(name, " "); ok {
		f.name = xml.Name{Space: ns, Local: local}
	} else {
		f.name = xml.Name{Local: name}
	}
	for opt := range strings.SplitSeq(opts, ",") {
		switch {
		case opt == "omitempty":
			f.omitEmpty = true
		case strings.HasPrefix(opt, "type="):
			f.xsdType = strings.TrimPrefix(opt, "type=")
		}
	}
	return f
}

var (
	typerType = reflect.TypeFor[Typer]()
	arrayType = reflect.TypeFor[Array]()
	bytesType = reflect.TypeFor[[]byte]()
)

// isSOAPArray reports whether t is a generated SOAP-encoded array type.
func isSOAPArray(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Implements(arrayType)
}
