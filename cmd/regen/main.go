// Command regen generates the Go packages in gen/ from WSDLs.
//
// Usage:
//
//	regen [-out gen] [-pkg name] [-docs catalog.json] [WSDL ...]
//
// Each WSDL (a file path or an http(s) URL; by default every wsdl/*.wsdl)
// becomes the package gen/NAME, where NAME comes from the file name
// (wsdl/soap-6.0.wsdl -> gen/soap60) unless -pkg names it. When
// wsdl/catalog/NAME.json exists beside a WSDL file (or -docs names one), its
// operation summaries and documented error codes go into the doc comments.
// Generated files that a WSDL no longer produces are removed.
//
// With no WSDL arguments regen also turns wsdl/catalog/error-codes.json into
// errorcodes_gen.go (-errors-out) in the module's root package: one ErrorCode
// constant per documented code.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tco-go/twocheckout/internal/regen"
)

func main() {
	out := flag.String("out", "gen", "output directory; each WSDL becomes a package below it")
	pkg := flag.String("pkg", "", "package name (only with a single WSDL)")
	docs := flag.String("docs", "", "documentation catalog JSON (only with a single WSDL)")
	errorsIn := flag.String("errors", filepath.Join("wsdl", "catalog", "error-codes.json"), "error code catalog (used when no WSDL is named)")
	errorsOut := flag.String("errors-out", "errorcodes_gen.go", "where the error code constants go")
	flag.Parse()
	inputs := flag.Args()
	if len(inputs) == 0 && exists(*errorsIn) {
		src, err := regen.ErrorCodes(*errorsIn, "twocheckout")
		if err != nil {
			fatalf("%v", err)
		}
		if err := os.WriteFile(*errorsOut, src, 0o644); err != nil {
			fatalf("regen: %v", err)
		}
	}
	if len(inputs) == 0 {
		var err error
		if inputs, err = filepath.Glob(filepath.Join("wsdl", "*.wsdl")); err != nil || len(inputs) == 0 {
			fatalf("regen: no WSDL given and none in wsdl/")
		}
	}
	if len(inputs) > 1 && (*pkg != "" || *docs != "") {
		fatalf("regen: -pkg and -docs apply to a single WSDL")
	}
	slices.Sort(inputs)
	for _, in := range inputs {
		cfg := regen.Config{WSDL: in, Package: *pkg, Docs: *docs}
		if cfg.Docs == "" && !strings.Contains(in, "://") {
			base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			if c := filepath.Join(filepath.Dir(in), "catalog", base+".json"); exists(c) {
				cfg.Docs = c
			}
		}
		svc, files, err := regen.Generate(context.Background(), cfg)
		if err != nil {
			fatalf("%v", err)
		}
		for _, w := range svc.Warnings {
			fmt.Fprintf(os.Stderr, "regen: %s: warning: %s\n", in, w)
		}
		dir := filepath.Join(*out, svc.Package)
		if err := write(dir, files); err != nil {
			fatalf("regen: %v", err)
		}
		fmt.Fprintf(os.Stderr, "regen: %s -> %s (%d operations, %d types)\n", in, dir, len(svc.Operations), len(svc.Types))
	}
}

// write replaces the generated files in dir with files, leaving files that
// regen did not generate alone.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range old {
		if _, keep := files[filepath.Base(f)]; keep {
			continue
		}
		if data, err := os.ReadFile(f); err == nil && bytes.HasPrefix(data, []byte(regen.Header)) {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
