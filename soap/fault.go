package soap

import (
	"fmt"
	"strings"
)

// Fault is a SOAP fault returned by the server. The call reached the server
// and was answered, so its outcome is known: it failed.
type Fault struct {
	// Operation is the operation that was called.
	Operation string
	// Code is the faultcode as sent, without a namespace prefix
	// ("AUTHENTICATION_FAILED" from PHP's SoapServer, "Server" from others).
	Code string
	// String is the faultstring: a human-readable message.
	String string
	// Actor is the faultactor, if any.
	Actor string
	// Detail is the content of the detail element as XML, if any.
	Detail string
	// HTTPStatus is the status the fault came with (500 usually, 200 from
	// some servers).
	HTTPStatus int
}

func (f *Fault) Error() string {
	return fmt.Sprintf("soap: %s: fault %s: %s", f.Operation, f.Code, f.String)
}

// namespaceEnvelope12 is the SOAP 1.2 envelope namespace.
const namespaceEnvelope12 = "http://www.w3.org/2003/05/soap-envelope"

// faultFrom returns the fault in body, or nil when body holds none. SOAP 1.1
// faults are read, and SOAP 1.2 ones leniently (Code/Value, Reason/Text). A
// Fault element must be in the SOAP 1.1 or 1.2 envelope namespace, or in no
// namespace (as some servers write it); a Fault in any other namespace is an
// application's element, not a SOAP fault.
func faultFrom(body *node) *Fault {
	el := body.firstElement()
	if el == nil || el.name.Local != "Fault" {
		return nil
	}
	switch el.name.Space {
	case NamespaceEnvelope, namespaceEnvelope12, "":
	default:
		return nil
	}
	f := &Fault{}
	for _, c := range el.children {
		switch c.name.Local {
		case "faultcode":
			f.Code = stripPrefix(string(c.text))
		case "faultstring":
			f.String = strings.TrimSpace(string(c.text))
		case "faultactor":
			f.Actor = strings.TrimSpace(string(c.text))
		case "detail", "Detail":
			f.Detail = c.innerXML()
		case "Code":
			if v := c.child("Value"); v != nil {
				f.Code = stripPrefix(string(v.text))
			}
		case "Reason":
			if t := c.child("Text"); t != nil {
				f.String = strings.TrimSpace(string(t.text))
			}
		}
	}
	return f
}

func stripPrefix(code string) string {
	code = strings.TrimSpace(code)
	if _, local, ok := strings.Cut(code, ":"); ok {
		return local
	}
	return code
}
