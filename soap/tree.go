package soap

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tco-go/twocheckout/internal/xmlns"
	"golang.org/x/net/html/charset"
)

// maxTreeDepth bounds element nesting in a response.
const maxTreeDepth = 256

// node is one element of a parsed response.
type node struct {
	name      xml.Name
	attrs     []xml.Attr // attributes other than namespace declarations
	xsiType   xml.Name   // xsi:type, resolved against the namespaces in scope
	arrayType bool       // carries SOAP-ENC:arrayType
	isNil     bool       // xsi:nil="true" or "1"
	id, href  string
	children  []*node
	text      []byte // character data directly inside the element
}

// document is a parsed SOAP envelope.
type document struct {
	header, body *node
	ids          map[string]*node // elements by id, for href resolution
	size         int              // number of elements
}

var errNotEnvelope = errors.New("not a SOAP envelope")

// parseEnvelope reads a SOAP envelope from r. When preDecoded is true the
// bytes are already UTF-8 and an encoding in the XML declaration is ignored;
// otherwise that declaration selects a decoder from x/net/html/charset.
func parseEnvelope(r io.Reader, preDecoded bool) (*document, error) {
	dec := xml.NewDecoder(r)
	if preDecoded {
		dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	} else {
		dec.CharsetReader = charset.NewReaderLabel
	}
	doc := &document{ids: map[string]*node{}}
	var stack []*node
	var scopes xmlns.Scopes
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxTreeDepth {
				return nil, fmt.Errorf("elements nested deeper than %d", maxTreeDepth)
			}
			scopes.Push(t.Attr)
			n := &node{name: t.Name}
			for _, a := range t.Attr {
				if _, decl := xmlns.Declares(a); decl {
					continue
				}
				switch {
				case a.Name.Local == "type" && a.Name.Space == NamespaceXSI:
					n.xsiType = resolveQName(a.Value, &scopes)
				case a.Name.Local == "nil" && a.Name.Space == NamespaceXSI:
					v := strings.TrimSpace(a.Value)
					n.isNil = v == "true" || v == "1"
				case a.Name.Local == "arrayType" && a.Name.Space == NamespaceEncoding:
					n.arrayType = true
				case a.Name.Local == "id" && (a.Name.Space == "" || a.Name.Space == NamespaceEncoding):
					n.id = a.Value
					n.attrs = append(n.attrs, a)
				case a.Name.Local == "href" && a.Name.Space == "":
					n.href = strings.TrimPrefix(a.Value, "#")
				default:
					n.attrs = append(n.attrs, a)
				}
			}
			if n.id != "" {
				doc.ids[n.id] = n
			}
			doc.size++
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			} else if root == nil {
				root = n
			} else {
				return nil, errors.New("more than one root element")
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			scopes.Pop()
		case xml.CharData:
			if len(stack) > 0 {
				n := stack[len(stack)-1]
				n.text = append(n.text, t...)
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, errNotEnvelope
			}
		}
	}
	if root == nil || root.name.Local != "Envelope" {
		return nil, errNotEnvelope
	}
	for _, c := range root.children {
		switch c.name.Local {
		case "Header":
			doc.header = c
		case "Body":
			doc.body = c
		}
	}
	if doc.body == nil {
		return nil, errors.New("SOAP envelope has no Body")
	}
	return doc, nil
}

// resolveQName turns a "prefix:local" attribute value into a name, using the
// innermost declaration of the prefix. Undeclared xsd/xs and SOAP-ENC
// prefixes get their usual namespaces; any other undeclared prefix is kept as
// the namespace so that the value stays recognisable.
func resolveQName(v string, scopes *xmlns.Scopes) xml.Name {
	n, found := scopes.Resolve(v)
	if found {
		return n
	}
	prefix, _, _ := strings.Cut(strings.TrimSpace(v), ":")
	switch prefix {
	case "xsd", "xs":
		n.Space = NamespaceXSD
	case "SOAP-ENC", "soapenc":
		n.Space = NamespaceEncoding
	default:
		n.Space = prefix
	}
	return n
}

// firstElement returns n's first child element, or nil.
func (n *node) firstElement() *node {
	if len(n.children) == 0 {
		return nil
	}
	return n.children[0]
}

// child returns the first child element with the given local name.
func (n *node) child(local string) *node {
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

// maxHrefHops bounds chains of references (a href to an element that is
// itself a reference).
const maxHrefHops = 16

// deref follows href references to the element that holds the value.
func (d *document) deref(n *node) (*node, error) {
	for range maxHrefHops {
		if n.href == "" {
			return n, nil
		}
		target, ok := d.ids[n.href]
		if !ok {
			return nil, fmt.Errorf("reference to unknown id %q", n.href)
		}
		n = target
	}
	return nil, errors.New("reference chain too long")
}

// innerXML writes n's content back as XML, with namespaces spelled out.
func (n *node) innerXML() string {
	var b strings.Builder
	enc := xml.NewEncoder(&b)
	for _, c := range n.children {
		c.encode(enc)
	}
	_ = enc.Flush()
	if len(n.children) == 0 {
		return strings.TrimSpace(string(n.text))
	}
	return b.String()
}

func (n *node) encode(enc *xml.Encoder) {
	start := xml.StartElement{Name: n.name, Attr: n.attrs}
	if n.href != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "href"}, Value: "#" + n.href})
	}
	_ = enc.EncodeToken(start)
	if t := strings.TrimSpace(string(n.text)); t != "" && len(n.children) == 0 {
		_ = enc.EncodeToken(xml.CharData(t))
	}
	for _, c := range n.children {
		c.encode(enc)
	}
	_ = enc.EncodeToken(start.End())
}
