// Package regen generates Go types and operations from a WSDL for the soap
// runtime. It reads the WSDL and XSD model with github.com/hooklift/gowsdl and
// does the rest itself: rpc/encoded messages with all their parts, SOAP-encoded
// arrays, document/literal wrapped and bare messages, and a leading sessionID
// parameter left to the caller layer.
package regen

import (
	"context"
	"encoding/json"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"
)

// Config says what to generate.
type Config struct {
	// WSDL is a file path or an http(s) URL.
	WSDL string
	// Package is the Go package name; empty derives it from the WSDL's
	// file name (see PackageName).
	Package string
	// Docs optionally names a documentation catalog (JSON with operations
	// carrying summary and errors) whose summaries stand in for missing
	// WSDL documentation and whose error codes go into doc comments.
	Docs string
}

// Generate reads the WSDL and returns its model and generated files by name.
func Generate(ctx context.Context, cfg Config) (*Service, map[string][]byte, error) {
	src, err := load(ctx, cfg.WSDL)
	if err != nil {
		return nil, nil, err
	}
	pkg := cfg.Package
	if pkg == "" {
		pkg = PackageName(cfg.WSDL)
	}
	svc, err := build(src, pkg, displayName(cfg.WSDL))
	if err != nil {
		return nil, nil, err
	}
	if cfg.Docs != "" {
		if err := applyDocs(svc, cfg.Docs); err != nil {
			return nil, nil, err
		}
	}
	files, err := emit(svc)
	if err != nil {
		return nil, nil, err
	}
	return svc, files, nil
}

// PackageName derives a package name from a WSDL location: the lower-cased
// letters and digits of its file name without extension
// ("wsdl/soap-6.0.wsdl" -> "soap60"), prefixed with "service" when that
// would start with a digit or be a Go keyword. A URL whose path has no file
// name ("https://host/soap/6.0/?wsdl") gives "service".
func PackageName(location string) string {
	p := location
	if u, err := url.Parse(location); err == nil && u.Scheme != "" && u.Host != "" {
		p = u.Path
		if p == "" || strings.HasSuffix(p, "/") {
			return "service"
		}
	} else {
		p = strings.SplitN(strings.SplitN(p, "?", 2)[0], "#", 2)[0]
	}
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" || unicode.IsDigit(rune(name[0])) || token.IsKeyword(name) {
		return "service" + name
	}
	return name
}

// displayName is how the source appears in generated comments: relative
// paths as given, URLs as given.
func displayName(location string) string {
	return path.Clean(strings.ReplaceAll(location, "\\", "/"))
}

// catalogDoc is the part of a documentation catalog that regen reads.
type catalogDoc struct {
	Operations []struct {
		Name    string   `json:"name"`
		Summary string   `json:"summary"`
		Errors  []string `json:"errors"`
	} `json:"operations"`
}

func applyDocs(svc *Service, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("regen: docs: %w", err)
	}
	var cat catalogDoc
	if err := json.Unmarshal(data, &cat); err != nil {
		return fmt.Errorf("regen: docs %s: %w", file, err)
	}
	for _, op := range svc.Operations {
		for _, c := range cat.Operations {
			if c.Name != op.Name {
				continue
			}
			if op.Doc == "" {
				op.Doc = strings.TrimSpace(c.Summary)
			}
			op.Errors = slices.Sorted(slices.Values(c.Errors))
			op.Errors = slices.Compact(op.Errors)
		}
	}
	return nil
}
