// This file is copied, with the main_test.go of one WSDL, into a temporary
// module by TestEndToEnd in internal/regen: it is not built as part of this
// module (testdata is ignored by ./...).

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/tco-go/twocheckout/soap"
)

// sessionID is what the PHP handlers expect in every sessionID parameter.
const sessionID = "S-123"

// sessionCaller supplies the session parameter, as the layer above a
// generated client does, and records which operations were called.
type sessionCaller struct {
	next   soap.Caller
	mu     sync.Mutex
	called map[string]bool
}

func (s *sessionCaller) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	s.mu.Lock()
	s.called[op.Name] = true
	s.mu.Unlock()
	if op.Session != nil {
		p := *op.Session
		p.Value = sessionID
		params = append([]soap.Param{p}, params...)
	}
	return s.next.Call(ctx, op, params, result)
}

// newCaller returns a caller for the PHP server named by E2E_ENDPOINT and
// checks, when the test ends, that every operation in ops was called.
func newCaller(t *testing.T, ops []soap.Operation) *sessionCaller {
	t.Helper()
	endpoint := os.Getenv("E2E_ENDPOINT")
	if endpoint == "" {
		t.Fatal("E2E_ENDPOINT is not set")
	}
	c, err := soap.NewClient(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	sc := &sessionCaller{next: c, called: map[string]bool{}}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		for _, op := range ops {
			if !sc.called[op.Name] {
				t.Errorf("operation %s was not called", op.Name)
			}
		}
	})
	return sc
}

func ptr[T any](v T) *T { return &v }

// must stops the test when err is not nil.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// equal fails the test when got and want differ.
func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %s\nwant %s", what, show(got), show(want))
	}
}

// show prints a value with its pointers followed.
func show(v any) string {
	var b strings.Builder
	var walk func(reflect.Value, int)
	walk = func(v reflect.Value, depth int) {
		if depth > 20 {
			b.WriteString("...")
			return
		}
		switch v.Kind() {
		case reflect.Invalid:
			b.WriteString("<invalid>")
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				b.WriteString("nil")
				return
			}
			if v.Kind() == reflect.Pointer {
				b.WriteString("&")
			}
			walk(v.Elem(), depth+1)
		case reflect.Struct:
			b.WriteString(v.Type().Name() + "{")
			for i := range v.NumField() {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(v.Type().Field(i).Name + ": ")
				walk(v.Field(i), depth+1)
			}
			b.WriteString("}")
		case reflect.Slice:
			if v.IsNil() && v.Type().Elem().Kind() != reflect.Uint8 {
				b.WriteString(v.Type().String() + "(nil)")
				return
			}
			b.WriteString(v.Type().String() + "{")
			for i := range v.Len() {
				if i > 0 {
					b.WriteString(", ")
				}
				walk(v.Index(i), depth+1)
			}
			b.WriteString("}")
		case reflect.String:
			fmt.Fprintf(&b, "%q", v.String())
		default:
			if v.CanInterface() {
				fmt.Fprintf(&b, "%v", v.Interface())
			} else {
				b.WriteString("?")
			}
		}
	}
	walk(reflect.ValueOf(v), 0)
	return b.String()
}

// wantFault checks that err is a SOAP fault whose string contains text.
func wantFault(t *testing.T, err error, text string) {
	t.Helper()
	var f *soap.Fault
	if !errors.As(err, &f) {
		t.Errorf("got error %v, want a SOAP fault with %q", err, text)
		return
	}
	if !strings.Contains(f.Error(), text) {
		t.Errorf("got fault %v, want one with %q", f, text)
	}
}
