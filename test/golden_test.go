package test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/gen/soap60"
	"github.com/tco-go/twocheckout/internal/xmlcanon"
	"github.com/tco-go/twocheckout/test/phpserver"
)

// requirePHP skips without PHP, except under CI, where PHP is required.
func requirePHP(t *testing.T) {
	t.Helper()
	if err := phpserver.PHPAvailable(); err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("%s (%v)", phpserver.MissingPHPMessage, err)
		}
		t.Skipf("%s (%v)", phpserver.MissingPHPMessage, err)
	}
}

// capturePHP returns the envelope PHP's SoapClient sends for op with the
// positional arguments in argsFile.
func capturePHP(t *testing.T, op, argsFile string) []byte {
	t.Helper()
	out, err := exec.Command("php", "php/capture.php", "../wsdl/soap-6.0.wsdl", op, argsFile).Output()
	require.NoError(t, err)
	return out
}

func canonical(t *testing.T, doc []byte) string {
	t.Helper()
	c, err := xmlcanon.Canonical(doc)
	require.NoError(t, err, "not well-formed:\n%s", doc)
	return c
}

// The committed golden envelopes are what PHP's SoapClient sends for the
// same calls with the current WSDL.
func TestGoldenEnvelopesAreCurrentPHPOutput(t *testing.T) {
	requirePHP(t)
	for _, op := range []string{"login", "placeOrder"} {
		golden, err := os.ReadFile(filepath.Join("testdata/golden", op+"-request.xml"))
		require.NoError(t, err)
		require.Equal(t, canonical(t, golden), canonical(t, capturePHP(t, op, filepath.Join("testdata/golden", op+"-args.json"))), op)
	}
}

// recorder is an HTTP server that answers login and placeOrder and keeps the
// request bodies.
type recorder struct {
	mu     sync.Mutex
	bodies map[string][]byte
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	action, _ := strconv.Unquote(req.Header.Get("SOAPAction"))
	op := action[len("urn:order#"):]
	r.mu.Lock()
	r.bodies[op] = body
	r.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	env := `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:order" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body>`
	switch op {
	case "login":
		env += `<ns1:loginResponse><return xsi:type="xsd:string">sess-123</return></ns1:loginResponse>`
	default:
		env += `<ns1:placeOrderResponse><return xsi:type="ns1:Order"><RefNo xsi:type="xsd:string">9001</RefNo></return></ns1:placeOrderResponse>`
	}
	_, _ = io.WriteString(w, env+`</SOAP-ENV:Body></SOAP-ENV:Envelope>`)
}

// The client sends the same envelopes as PHP's SoapClient for the same calls:
// login (sha256, hashed by the client at a fixed clock) and a placeOrder
// with nested arrays, nulls, an empty string and a zero.
func TestGoldenEnvelopes(t *testing.T) {
	rec := &recorder{bodies: map[string][]byte{}}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)

	var args []json.RawMessage
	raw, err := os.ReadFile("testdata/golden/placeOrder-args.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &args))
	var order soap60.Order
	dec := json.NewDecoder(bytes.NewReader(args[1]))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&order))

	at := time.Date(2010, 5, 13, 12, 12, 12, 0, time.UTC)
	client, err := twocheckout.New(twocheckout.Config{
		MerchantCode: "AVANGATE", SecretKey: "SECRET_KEY", Algo: twocheckout.SHA256, Endpoint: srv.URL,
	}, twocheckout.WithClock(func() time.Time { return at }))
	require.NoError(t, err)
	placed, err := client.PlaceOrder(context.Background(), &order)
	require.NoError(t, err)
	require.Equal(t, "9001", *placed.RefNo)

	for _, op := range []string{"login", "placeOrder"} {
		golden, err := os.ReadFile(filepath.Join("testdata/golden", op+"-request.xml"))
		require.NoError(t, err)
		require.Equal(t, canonical(t, golden), canonical(t, rec.bodies[op]), op)
	}
}

func jsonString(raw json.RawMessage, s *string) error { return json.Unmarshal(raw, s) }
