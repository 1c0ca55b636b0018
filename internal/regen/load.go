package regen

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hooklift/gowsdl"
)

// maxDocument bounds a WSDL or schema document read by the loader.
const maxDocument = 64 << 20

// maxImports bounds the documents one WSDL may pull in through imports.
const maxImports = 64

// source is one loaded WSDL with the schemas it imports.
type source struct {
	wsdl    *gowsdl.WSDL
	schemas []*gowsdl.XSDSchema
	// extra holds what gowsdl's model drops: SOAP-encoded array item
	// types, element forms and hints on message parts.
	extra *rawInfo
}

// load reads the WSDL at location (a file path or an http(s) URL), following
// wsdl:import and xsd:import/include with a location.
func load(ctx context.Context, location string) (*source, error) {
	loc, err := gowsdl.ParseLocation(location)
	if err != nil {
		return nil, fmt.Errorf("regen: %s: %w", location, err)
	}
	l := &loader{ctx: ctx, seen: map[string]bool{}}
	src := &source{extra: newRawInfo()}
	if err := l.loadWSDL(src, loc, true); err != nil {
		return nil, err
	}
	return src, nil
}

type loader struct {
	ctx  context.Context
	seen map[string]bool
}

func (l *loader) fetch(loc *gowsdl.Location) ([]byte, error) {
	key := loc.String()
	if l.seen[key] {
		return nil, nil
	}
	if len(l.seen) >= maxImports {
		return nil, fmt.Errorf("regen: more than %d imported documents", maxImports)
	}
	l.seen[key] = true
	if strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") {
		ctx, cancel := context.WithTimeout(l.ctx, time.Minute)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, key, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, fmt.Errorf("regen: fetching %s: %w", key, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("regen: fetching %s: HTTP %s", key, resp.Status)
		}
		return readBounded(resp.Body, key)
	}
	f, err := os.Open(key)
	if err != nil {
		return nil, fmt.Errorf("regen: %w", err)
	}
	defer f.Close()
	return readBounded(f, key)
}

func readBounded(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("regen: reading %s: %w", name, err)
	}
	if len(data) > maxDocument {
		return nil, fmt.Errorf("regen: %s is larger than %d bytes", name, maxDocument)
	}
	return data, nil
}

func (l *loader) loadWSDL(src *source, loc *gowsdl.Location, root bool) error {
	data, err := l.fetch(loc)
	if err != nil || data == nil {
		return err
	}
	w := new(gowsdl.WSDL)
	if err := xml.Unmarshal(data, w); err != nil {
		return fmt.Errorf("regen: parsing %s: %w", loc, err)
	}
	if w.Xmlns == nil {
		return fmt.Errorf("regen: %s is not a WSDL document", loc)
	}
	scopes, err := src.extra.scan(data, "")
	if err != nil {
		return fmt.Errorf("regen: parsing %s: %w", loc, err)
	}
	if len(scopes) == len(w.Types.Schemas) {
		for i, s := range w.Types.Schemas {
			s.Xmlns = scopes[i]
		}
	}
	if root {
		src.wsdl = w
	} else {
		src.wsdl.Messages = append(src.wsdl.Messages, w.Messages...)
		src.wsdl.PortTypes = append(src.wsdl.PortTypes, w.PortTypes...)
		src.wsdl.Binding = append(src.wsdl.Binding, w.Binding...)
		src.wsdl.Service = append(src.wsdl.Service, w.Service...)
		for p, ns := range w.Xmlns {
			if _, ok := src.wsdl.Xmlns[p]; !ok {
				src.wsdl.Xmlns[p] = ns
			}
		}
	}
	for _, s := range w.Types.Schemas {
		if err := l.addSchema(src, s, loc); err != nil {
			return err
		}
	}
	for _, imp := range w.Imports {
		if imp.Location == "" {
			continue
		}
		next, err := loc.Parse(imp.Location)
		if err != nil {
			return fmt.Errorf("regen: import %s: %w", imp.Location, err)
		}
		if err := l.loadWSDL(src, next, false); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) addSchema(src *source, s *gowsdl.XSDSchema, base *gowsdl.Location) error {
	src.schemas = append(src.schemas, s)
	var refs []string
	for _, imp := range s.Imports {
		if imp.SchemaLocation != "" {
			refs = append(refs, imp.SchemaLocation)
		}
	}
	for _, inc := range s.Includes {
		refs = append(refs, inc.SchemaLocation)
	}
	for _, ref := range refs {
		next, err := base.Parse(ref)
		if err != nil {
			return fmt.Errorf("regen: schema %s: %w", ref, err)
		}
		data, err := l.fetch(next)
		if err != nil {
			return err
		}
		if data == nil {
			continue
		}
		child := new(gowsdl.XSDSchema)
		if err := xml.Unmarshal(data, child); err != nil {
			return fmt.Errorf("regen: parsing %s: %w", next, err)
		}
		if child.TargetNamespace == "" { // an include takes the includer's namespace
			child.TargetNamespace = s.TargetNamespace
		}
		scopes, err := src.extra.scan(data, child.TargetNamespace)
		if err != nil {
			return fmt.Errorf("regen: parsing %s: %w", next, err)
		}
		if len(scopes) == 1 {
			child.Xmlns = scopes[0]
		}
		if err := l.addSchema(src, child, next); err != nil {
			return err
		}
	}
	return nil
}
