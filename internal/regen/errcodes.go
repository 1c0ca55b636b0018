package regen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"
)

// errorCatalog is the shape of wsdl/catalog/error-codes.json.
type errorCatalog struct {
	Codes []struct {
		Code    string   `json:"code"`
		Meaning string   `json:"meaning"`
		Methods []string `json:"methods"`
	} `json:"codes"`
}

// ErrorCodes generates a Go file for package pkg that declares one ErrorCode
// constant per documented error code in file (Err + the code in CamelCase)
// and documentedErrorCodes, the list of them all. The package must declare
// `type ErrorCode string`.
func ErrorCodes(file, pkg string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("regen: error codes: %w", err)
	}
	var cat errorCatalog
	if err := json.Unmarshal(data, &cat); err != nil {
		return nil, fmt.Errorf("regen: error codes %s: %w", file, err)
	}
	slices.SortFunc(cat.Codes, func(a, b struct {
		Code    string   `json:"code"`
		Meaning string   `json:"meaning"`
		Methods []string `json:"methods"`
	}) int {
		return strings.Compare(a.Code, b.Code)
	})
	var b bytes.Buffer
	b.WriteString(Header + "\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	comment(&b, "", fmt.Sprintf("Documented 2Checkout error codes, generated from %s. errors.Is(err, ErrX) reports whether err is an *APIError with that code.", displayName(file)))
	b.WriteString("const (\n")
	names := newNamer()
	var all []string
	for _, c := range cat.Codes {
		if c.Code == "" {
			return nil, fmt.Errorf("regen: error codes %s: an entry has no code", file)
		}
		name := names.unique("Err" + exported(strings.ToLower(strings.ReplaceAll(c.Code, "_", " "))))
		all = append(all, name)
		doc := name + ": " + strings.TrimSuffix(strings.TrimSpace(c.Meaning), ".") + "."
		if len(c.Methods) > 0 {
			doc += " Raised by " + strings.Join(slices.Sorted(slices.Values(c.Methods)), ", ") + "."
		}
		comment(&b, "\t", doc)
		fmt.Fprintf(&b, "\t%s ErrorCode = %q\n", name, c.Code)
	}
	b.WriteString(")\n\n")
	b.WriteString("// documentedErrorCodes lists every documented error code.\nvar documentedErrorCodes = []ErrorCode{\n")
	for _, n := range all {
		fmt.Fprintf(&b, "\t%s,\n", n)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
