package test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/gen/channelmanager21"
	"github.com/tco-go/twocheckout/gen/soap60"
	"github.com/tco-go/twocheckout/internal/regen"
	"github.com/tco-go/twocheckout/soap"
	"github.com/tco-go/twocheckout/test/phpserver"
)

// everyOpService is one WSDL and the package generated from it.
type everyOpService struct {
	wsdl       string // relative to the module root
	operations func() []soap.Operation
	newClient  func(soap.Caller) any
}

var everyOpServices = []everyOpService{
	{"wsdl/soap-6.0.wsdl", soap60.Operations, func(c soap.Caller) any { return soap60.NewClient(c) }},
	{"wsdl/channel-manager-2.1.wsdl", channelmanager21.Operations, func(c soap.Caller) any { return channelmanager21.NewClient(c) }},
}

const everyOpSession = "everyop-session"

// TestEveryOperation calls every operation of every WSDL, as the WSDL lists
// them, through the generated client against a PHP SoapServer built from the
// same WSDL, with arguments and an answer in which every field is set
// (nested objects, arrays of two or three, one nil per struct where
// nillable). It checks both directions field by field: what PHP decoded is
// what Go sent, and what Go decoded is what PHP sent.
func TestEveryOperation(t *testing.T) {
	requirePHP(t)
	// A new WSDL needs its generated package in everyOpServices.
	wsdls, err := filepath.Glob(filepath.Join("..", "wsdl", "*.wsdl"))
	require.NoError(t, err)
	require.NotEmpty(t, wsdls)
	for _, w := range wsdls {
		known := slices.ContainsFunc(everyOpServices, func(s everyOpService) bool { return filepath.Base(s.wsdl) == filepath.Base(w) })
		assert.True(t, known, "%s has no generated package in everyOpServices", w)
	}
	for _, svc := range everyOpServices {
		t.Run(filepath.Base(svc.wsdl), func(t *testing.T) {
			t.Parallel()
			testEveryOperation(t, svc)
		})
	}
}

// everyOpCounts is what one WSDL's run compared.
type everyOpCounts struct {
	ops, argLeaves, argNulls, resultLeaves, resultNulls int
}

func testEveryOperation(t *testing.T, svc everyOpService) {
	// A snapshot of the WSDL, read by both regen and PHP, so that a
	// regeneration running meanwhile cannot make them see different ones.
	// The files next to it are copied too, for relative imports.
	wsdl := snapshotWSDL(t, filepath.Join("..", filepath.FromSlash(svc.wsdl)))

	model, _, err := regen.Generate(context.Background(), regen.Config{WSDL: wsdl})
	require.NoError(t, err)
	require.NotEmpty(t, model.Operations, "the WSDL lists no operations")

	enums := map[string]string{}
	for _, typ := range model.Types {
		if typ.Kind == regen.SimpleType && len(typ.Enum) > 0 {
			enums[typ.GoName] = typ.Enum[0].Value
		}
	}

	// The generated package describes the same operations as the WSDL.
	generated := map[string]soap.Operation{}
	for _, op := range svc.operations() {
		generated[op.Name] = op
	}
	for _, op := range model.Operations {
		if _, ok := generated[op.Name]; !ok {
			t.Errorf("%s: operation %s is in the WSDL but not in the generated Operations() (gen/ is stale: run make regen)", svc.wsdl, op.Name)
		}
		delete(generated, op.Name)
	}
	for name := range generated {
		t.Errorf("%s: generated Operations() has %s, which the WSDL does not list (gen/ is stale: run make regen)", svc.wsdl, name)
	}

	srv := phpserver.Start(t, phpserver.Options{WSDL: wsdl, MerchantCode: merchantCode, SecretKey: secretKey})
	rec := newTape()
	raw, err := soap.NewClient(srv.URL, soap.WithHTTPClient(&http.Client{Transport: rec, Timeout: time.Minute}))
	require.NoError(t, err)
	client := reflect.ValueOf(svc.newClient(fixedSession{client: raw, id: everyOpSession}))

	var counts everyOpCounts
	for _, op := range model.Operations {
		t.Run(op.Name, func(t *testing.T) {
			everyOpCall(t, srv, rec, client, model.Package, op, enums, &counts)
		})
	}
	t.Logf("%s: %d of %d operations exercised; compared %d argument leaves (Go->PHP, %d of them nil) and %d result leaves (PHP->Go, %d of them nil)",
		svc.wsdl, counts.ops, len(model.Operations), counts.argLeaves, counts.argNulls, counts.resultLeaves, counts.resultNulls)
	if !subtestsSelected() {
		assert.Equal(t, len(model.Operations), counts.ops, "every operation of the WSDL is exercised")
	}
}

// snapshotWSDL copies the WSDL and the other files of its directory into a
// temporary directory and returns the copy's path.
func snapshotWSDL(t *testing.T, path string) string {
	dir := t.TempDir()
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(filepath.Dir(path), e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
	}
	return filepath.Join(dir, filepath.Base(path))
}

// subtestsSelected reports whether -test.run names subtests, so that some
// operations are left out on purpose.
func subtestsSelected() bool {
	f := flag.Lookup("test.run")
	return f != nil && strings.Contains(f.Value.String(), "/")
}

// typeString is how regen spells a Go type of package pkg: without the
// package qualifier.
func typeString(t reflect.Type, pkg string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t.String(), "interface {}", "any"), pkg+".", "")
}

func everyOpCall(t *testing.T, srv *phpserver.Server, rec *tape, client reflect.Value, pkg string, op *regen.Operation, enums map[string]string, counts *everyOpCounts) {
	method := client.MethodByName(op.GoName)
	if !method.IsValid() {
		t.Fatalf("the WSDL operation %s has no generated method %s", op.Name, op.GoName)
	}
	mt := method.Type()

	// The method's signature is the one the WSDL gives.
	require.Equal(t, len(op.Params)+1, mt.NumIn(), "%s: parameters (ctx plus the WSDL's)", op.GoName)
	require.Equal(t, reflect.TypeFor[context.Context](), mt.In(0))
	for i, p := range op.Params {
		require.Equal(t, p.GoType, typeString(mt.In(i+1), pkg), "%s: parameter %s", op.GoName, p.Name.Local)
	}
	if op.Result == "" {
		require.Equal(t, 1, mt.NumOut(), "%s returns only an error", op.GoName)
	} else {
		require.Equal(t, 2, mt.NumOut(), "%s returns a result and an error", op.GoName)
		require.Equal(t, op.Result, typeString(mt.Out(0), pkg), "%s: result", op.GoName)
	}
	require.Equal(t, reflect.TypeFor[error](), mt.Out(mt.NumOut()-1))

	// Arguments: every field set, one nil among two or more nillable ones.
	fa := newFiller(enums, 0)
	types := make([]reflect.Type, len(op.Params))
	for i := range op.Params {
		types[i] = mt.In(i + 1)
	}
	skip := fa.leaveNil(types)
	args := make([]reflect.Value, len(op.Params))
	for i, p := range op.Params {
		if i == skip {
			args[i] = reflect.Zero(types[i])
			continue
		}
		args[i] = fa.fill(types[i], p.Name.Local, 0)
	}
	redacted := -1
	if op.Name == "login" {
		redacted = loginArgs(t, op, args)
	}

	// The answer: every field set, with other values than the arguments.
	srv.Reset()
	var want reflect.Value
	if op.Result != "" {
		if op.WholeResponse && op.RPC {
			t.Errorf("%s has several output parts: the PHP harness cannot script such an answer (it needs an associative array keyed by part name, and TcoJson decodes objects as stdClass)", op.Name)
		}
		want = newFiller(enums, 100000).fill(mt.Out(0), "return", 0)
		if want.Kind() == reflect.Bool {
			want.SetBool(true) // false would not tell a decoded value from none
		}
		srv.SetResponse(op.Name, phpShape(want, scripted))
	}

	out := method.Call(append([]reflect.Value{reflect.ValueOf(context.Background())}, args...))
	counts.ops++
	request, response := rec.exchange(op.Action)
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		t.Fatalf("%s: %v\nrequest:\n%s\nresponse:\n%s\nphp -S:\n%s", op.Name, err, request, response, srv.LogTail(20))
	}

	// Go -> PHP: what PHP decoded is what Go sent.
	calls := srv.Calls()
	require.Len(t, calls, 1, "one call recorded")
	require.Equal(t, op.Name, calls[0].Op)
	var sent []any
	if op.Session != nil {
		sent = append(sent, everyOpSession)
	}
	for i, a := range args {
		if i == redacted {
			sent = append(sent, "<redacted>")
			continue
		}
		sent = append(sent, phpShape(a, recorded))
	}
	wantArgs, err := normalize(sent)
	require.NoError(t, err)
	gotArgs := make([]any, len(calls[0].Args))
	for i, a := range calls[0].Args {
		gotArgs[i], err = decodeJSON(a)
		require.NoError(t, err, "recorded argument %d: %s", i, a)
	}
	var argDiff jsonDiff
	argDiff.compare(op.Name, wantArgs, gotArgs)
	for _, d := range argDiff.diffs {
		t.Errorf("Go->PHP %s: %s\nthe request XML there: %s", d.path, d.text, xmlAt(request, d.path))
	}
	counts.argLeaves += argDiff.leaves
	counts.argNulls += argDiff.nulls

	// PHP -> Go: what Go decoded is what PHP sent.
	if op.Result != "" {
		got := out[0]
		wantShape, err := normalize(phpShape(want, recorded))
		require.NoError(t, err)
		gotShape, err := normalize(phpShape(got, recorded))
		require.NoError(t, err)
		var resDiff jsonDiff
		resDiff.compare("return", wantShape, gotShape)
		for _, d := range resDiff.diffs {
			t.Errorf("PHP->Go %s %s: %s\nthe response XML there: %s", op.Name, d.path, d.text, xmlAt(response, d.path))
		}
		if len(resDiff.diffs) == 0 {
			// The shapes match; the Go values must too, types included
			// (int64 vs float64 inside an any, nil vs empty).
			assert.Equal(t, want.Interface(), got.Interface(), "%s: decoded result", op.Name)
		}
		counts.resultLeaves += resDiff.leaves
		counts.resultNulls += resDiff.nulls
	}
}

// loginArgs replaces the filler's login arguments by ones that PHP's login
// accepts (it verifies the HMAC): the merchant code, a date, the
// HMAC-SHA256 hash and the algorithm "sha256". It returns the index of the
// hash, which the harness records as "<redacted>", or -1.
func loginArgs(t *testing.T, op *regen.Operation, args []reflect.Value) int {
	const date = "2010-05-13 12:12:12"
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(strconv.Itoa(len(merchantCode)) + merchantCode + strconv.Itoa(len(date)) + date))
	values := map[string]string{
		"merchantCode": merchantCode,
		"date":         date,
		"hash":         hex.EncodeToString(mac.Sum(nil)),
		"algo":         "sha256",
	}
	hash := -1
	for i, p := range op.Params {
		v, ok := values[p.Name.Local]
		if !ok {
			t.Fatalf("login: unexpected parameter %s", p.Name.Local)
		}
		typ := args[i].Type()
		s := reflect.ValueOf(v)
		if typ.Kind() == reflect.Pointer {
			ptr := reflect.New(typ.Elem())
			ptr.Elem().Set(s.Convert(typ.Elem()))
			args[i] = ptr
		} else {
			args[i] = s.Convert(typ)
		}
		if p.Name.Local == "hash" {
			hash = i
		}
	}
	return hash
}
