// Package xmlns tracks the namespace declarations in scope while an XML
// document is read token by token, so that QName-valued attributes
// (xsi:type="ns1:Order", base="tns:Item") can be resolved.
package xmlns

import (
	"encoding/xml"
	"maps"
	"strings"
)

// Scopes is a stack of the declarations made by the open elements.
type Scopes struct {
	stack []map[string]string
}

// Push records the declarations among a start element's attributes. Every
// Push is matched by a Pop at the element's end.
func (s *Scopes) Push(attrs []xml.Attr) {
	var decl map[string]string
	for _, a := range attrs {
		if prefix, ok := Declares(a); ok {
			if decl == nil {
				decl = map[string]string{}
			}
			decl[prefix] = a.Value
		}
	}
	s.stack = append(s.stack, decl)
}

// Pop forgets the innermost element's declarations.
func (s *Scopes) Pop() { s.stack = s.stack[:len(s.stack)-1] }

// Declares reports whether a declares a namespace, and for which prefix (""
// for the default namespace).
func Declares(a xml.Attr) (prefix string, ok bool) {
	switch {
	case a.Name.Space == "xmlns":
		return a.Name.Local, true
	case a.Name.Space == "" && a.Name.Local == "xmlns":
		return "", true
	}
	return "", false
}

// Lookup returns the namespace bound to prefix, innermost declaration first.
func (s *Scopes) Lookup(prefix string) (string, bool) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if ns, ok := s.stack[i][prefix]; ok {
			return ns, true
		}
	}
	return "", false
}

// Resolve splits "prefix:local" (or "local", in the default namespace) and
// returns the name with its namespace; found is false when the prefix is not
// declared, and the name then has an empty namespace.
func (s *Scopes) Resolve(qname string) (name xml.Name, found bool) {
	prefix, local, ok := strings.Cut(strings.TrimSpace(qname), ":")
	if !ok {
		prefix, local = "", strings.TrimSpace(qname)
	}
	ns, found := s.Lookup(prefix)
	return xml.Name{Space: ns, Local: local}, found
}

// InScope returns every declaration in scope, inner ones winning.
func (s *Scopes) InScope() map[string]string {
	out := map[string]string{}
	for _, decl := range s.stack {
		maps.Copy(out, decl)
	}
	return out
}
