package soap

import (
	"context"
	"encoding/xml"
)

// Namespaces of SOAP 1.1 and XML Schema.
const (
	NamespaceEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"
	NamespaceEncoding = "http://schemas.xmlsoap.org/soap/encoding/"
	NamespaceXSD      = "http://www.w3.org/2001/XMLSchema"
	NamespaceXSI      = "http://www.w3.org/2001/XMLSchema-instance"
)

// Style is the WSDL binding style of an operation.
type Style uint8

// Binding styles.
const (
	RPC Style = iota
	Document
)

// Use says whether message parts carry SOAP encoding (xsi:type, SOAP-ENC
// arrays) or are literal XML.
type Use uint8

// Body uses.
const (
	Encoded Use = iota
	Literal
)

// Operation describes one WSDL operation as the runtime needs it to build a
// request and read its response.
type Operation struct {
	// Name is the WSDL operation name; it appears in errors.
	Name string
	// Action is the SOAPAction HTTP header value.
	Action string
	// Style and Use come from the WSDL binding.
	Style Style
	Use   Use
	// Wrapper is the element that wraps the parameters in the Body: for rpc
	// the operation name in the soap:body namespace, for document/literal
	// wrapped the input element. A zero Wrapper writes the parameters
	// directly into the Body (document/literal bare).
	Wrapper xml.Name
	// Session, when not nil, describes a leading parameter whose value is
	// supplied by the layer that calls the operation (a session token, for
	// example), not by the caller of the generated method.
	Session *Param
	// WholeResponse decodes the result from the Body's response element
	// itself rather than from its first child: used for operations with
	// several output parts, document/literal bare responses, and wrapped
	// responses decoded into a struct named after their one child.
	WholeResponse bool
}

// Param is one operation parameter: a message part (rpc) or a child of the
// wrapper element (document/literal).
type Param struct {
	// Name is the element name; an empty Space leaves it unqualified.
	Name xml.Name
	// Type is the XML Schema type name (in the XSD namespace) for a
	// primitive whose Go kind does not say it, such as "dateTime"; empty
	// means the type follows from the value.
	Type string
	// OmitEmpty leaves a nil Value out of the request instead of sending
	// xsi:nil="true".
	OmitEmpty bool
	// Value is the Go value to send.
	Value any
}

// Caller invokes SOAP operations. [*Client] implements it; layers that add
// sessions, logging or retries wrap it.
//
// Call sends params and decodes the response into result, which must be a
// pointer (or nil for operations that return nothing).
type Caller interface {
	Call(ctx context.Context, op *Operation, params []Param, result any) error
}

// Typer is implemented by generated types (structs and named simple types
// such as enums) that have a schema type name, sent as xsi:type in encoded
// messages.
type Typer interface {
	SOAPType() xml.Name
}

// Array is implemented by generated slice types that are SOAP-encoded arrays
// (SOAP-ENC:Array restrictions). Each element is sent as an <item> carrying
// ItemType as its xsi:type, and the array's arrayType is ItemType[n].
type Array interface {
	Typer
	SOAPItemType() xml.Name
}
