// Package xmlcanon renders XML documents in a canonical text form so that two
// documents can be compared by their element tree, attributes and text,
// regardless of namespace prefixes, attribute order and white space between
// elements. QName-valued attributes (xsi:type, SOAP-ENC:arrayType) are
// resolved to their namespaces, and namespace declarations are dropped.
package xmlcanon

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tco-go/twocheckout/internal/xmlns"
)

const (
	nsXSI = "http://www.w3.org/2001/XMLSchema-instance"
	nsEnc = "http://schemas.xmlsoap.org/soap/encoding/"
)

// Canonical returns the canonical form of doc: one line per element, indented
// by depth, as {namespace}local followed by its sorted attributes and its
// trimmed text.
func Canonical(doc []byte) (string, error) {
	dec := xml.NewDecoder(strings.NewReader(string(doc)))
	var out strings.Builder
	var scopes xmlns.Scopes
	var texts []*strings.Builder
	var lines []int // index in out where the current element's line ends
	depth := 0
	var pending []string // lines written so far
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			scopes.Push(t.Attr)
			var attrs []string
			for _, a := range t.Attr {
				if _, decl := xmlns.Declares(a); decl {
					continue
				}
				v := a.Value
				if (a.Name.Space == nsXSI && a.Name.Local == "type") || (a.Name.Space == nsEnc && a.Name.Local == "arrayType") {
					if n, found := scopes.Resolve(v); found {
						v = "{" + n.Space + "}" + n.Local
					}
				}
				attrs = append(attrs, fmt.Sprintf("{%s}%s=%q", a.Name.Space, a.Name.Local, v))
			}
			slices.Sort(attrs)
			pending = append(pending, fmt.Sprintf("%s{%s}%s %s", strings.Repeat("  ", depth), t.Name.Space, t.Name.Local, strings.Join(attrs, " ")))
			lines = append(lines, len(pending)-1)
			texts = append(texts, &strings.Builder{})
			depth++
		case xml.EndElement:
			depth--
			i := lines[len(lines)-1]
			if txt := strings.TrimSpace(texts[len(texts)-1].String()); txt != "" {
				pending[i] += fmt.Sprintf(" text=%q", txt)
			}
			lines, texts = lines[:len(lines)-1], texts[:len(texts)-1]
			scopes.Pop()
		case xml.CharData:
			if len(texts) > 0 {
				texts[len(texts)-1].Write(t)
			}
		}
	}
	for _, l := range pending {
		out.WriteString(strings.TrimRight(l, " "))
		out.WriteByte('\n')
	}
	return out.String(), nil
}
