package regen

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/tco-go/twocheckout/internal/xmlns"
)

const (
	nsWSDL    = "http://schemas.xmlsoap.org/wsdl/"
	nsSOAPEnc = "http://schemas.xmlsoap.org/soap/encoding/"
	nsXSD     = "http://www.w3.org/2001/XMLSchema"
	// nsHint is the namespace of this project's optional WSDL hints: a
	// message part with hint:nillable="true" may be sent as xsi:nil.
	nsHint = "urn:tco-go:wsdl"
)

// rawInfo is what the loader reads from the documents itself because
// gowsdl's model does not keep it.
type rawInfo struct {
	// arrays maps a SOAP-encoded array type (complexContent restriction of
	// soapenc:Array) to its item type.
	arrays map[xml.Name]xml.Name
	// nillableParts holds "message/part" for parts hinted as nillable.
	nillableParts map[string]bool
	// parts maps "message/part" to the part's type or element, resolved
	// against every namespace declaration in scope (gowsdl's model keeps
	// only those of <definitions>).
	parts map[string]xml.Name
}

func newRawInfo() *rawInfo {
	return &rawInfo{arrays: map[xml.Name]xml.Name{}, nillableParts: map[string]bool{}, parts: map[string]xml.Name{}}
}

// scan reads one WSDL or schema document. defaultTNS is the namespace of a
// schema without targetNamespace (the includer's, for an included schema).
// It returns, for each top-level schema (the document's root or a child of
// wsdl:types) in document order, the namespace declarations in scope there,
// the default namespace included: gowsdl's XSDSchema.Xmlns lacks the
// default namespace and what <types> declares.
func (r *rawInfo) scan(data []byte, defaultTNS string) ([]map[string]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var scopes xmlns.Scopes
	var path []string
	var schemaScopes []map[string]string
	tns := defaultTNS
	var typeName xml.Name // the named top-level complexType being read
	inArray, arrayItem := false, false
	message := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return schemaScopes, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			scopes.Push(t.Attr)
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			path = append(path, t.Name.Local)
			switch {
			case t.Name.Space == nsXSD && t.Name.Local == "schema":
				tns = defaultTNS
				if v := attr(t, "targetNamespace"); v != "" {
					tns = v
				}
				if parent == "" || parent == "types" {
					schemaScopes = append(schemaScopes, scopes.InScope())
				}
			case t.Name.Space == nsXSD && t.Name.Local == "complexType" && parent == "schema":
				typeName = xml.Name{Space: tns, Local: attr(t, "name")}
			case t.Name.Space == nsXSD && t.Name.Local == "restriction" && parent == "complexContent" && typeName.Local != "":
				base := qname(attr(t, "base"), &scopes)
				inArray = base.Space == nsSOAPEnc && base.Local == "Array"
				arrayItem = false
			case inArray && t.Name.Space == nsXSD && t.Name.Local == "attribute":
				for _, a := range t.Attr {
					if a.Name.Space == nsWSDL && a.Name.Local == "arrayType" {
						item := qname(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(a.Value), "[]")), &scopes)
						r.arrays[typeName], arrayItem = item, true
					}
				}
			case inArray && t.Name.Space == nsXSD && t.Name.Local == "element":
				if !arrayItem && attr(t, "type") != "" {
					r.arrays[typeName], arrayItem = qname(attr(t, "type"), &scopes), true
				}
			case t.Name.Space == nsWSDL && t.Name.Local == "message":
				message = attr(t, "name")
			case t.Name.Space == nsWSDL && t.Name.Local == "part" && message != "":
				key := message + "/" + attr(t, "name")
				for _, a := range t.Attr {
					if a.Name.Space == nsHint && a.Name.Local == "nillable" && a.Value == "true" {
						r.nillableParts[key] = true
					}
				}
				if v := firstNonEmpty(attr(t, "element"), attr(t, "type")); v != "" {
					r.parts[key] = qname(v, &scopes)
				}
			}
		case xml.EndElement:
			path = path[:len(path)-1]
			scopes.Pop()
			switch {
			case t.Name.Space == nsXSD && t.Name.Local == "complexType" && len(path) > 0 && path[len(path)-1] == "schema":
				if inArray && !arrayItem {
					// An array that names no item type holds anything.
					r.arrays[typeName] = xml.Name{Space: nsXSD, Local: "anyType"}
				}
				typeName, inArray, arrayItem = xml.Name{}, false, false
			case t.Name.Space == nsWSDL && t.Name.Local == "message":
				message = ""
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// qname resolves "prefix:local" against the namespaces in scope; an
// undeclared prefix leaves the namespace empty.
func qname(v string, scopes *xmlns.Scopes) xml.Name {
	n, _ := scopes.Resolve(v)
	return n
}
