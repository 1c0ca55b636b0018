// Package soap is a SOAP 1.1 client runtime: it builds request envelopes,
// sends them over HTTP and decodes responses and faults.
//
// It speaks both rpc/encoded (the dialect of PHP's ext/soap, with xsi:type on
// every value, SOAP-ENC arrays and id/href references) and document/literal.
// It knows nothing about any particular service: generated code describes each
// operation with an [Operation] and passes its arguments as [Param] values;
// Go types describe their schema names through [Typer] and [Array], and struct
// fields through `soap:"..."` tags.
//
// # Struct tags
//
// A struct field is encoded as a child element when it has a soap tag:
//
//	Code     *string   `soap:"Code"`
//	Quantity int       `soap:"Quantity,type=integer"`
//	Items    ItemArray `soap:"urn:example Items,omitempty"`
//
// The tag names the element, optionally preceded by its namespace and a
// space. Options: type=NAME sets the XML Schema type written as xsi:type for a
// primitive whose Go kind does not say it (dateTime, integer, ...);
// omitempty leaves a nil value out instead of sending xsi:nil="true".
//
// A nil pointer, slice or interface is sent as xsi:nil="true"; every other
// value is sent, including zero numbers and empty strings. A plain slice (not
// an [Array] type) is sent as repeated elements in literal use, where a nil
// one occurs zero times, and as a SOAP-ENC:Array of <item> elements in
// encoded use.
package soap
