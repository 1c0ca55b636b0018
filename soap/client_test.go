package soap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func serve(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL)
	require.NoError(t, err)
	return c
}

func reply(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestCallSendsHeadersAndDecodes(t *testing.T) {
	resp, err := os.ReadFile("testdata/php-login-response.xml")
	require.NoError(t, err)
	var gotAction, gotType string
	var gotBody []byte
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotAction, gotType = r.Header.Get("SOAPAction"), r.Header.Get("Content-Type")
		gotBody, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write(resp)
	})
	op := rpcOp("login")
	var sid string
	require.NoError(t, c.Call(context.Background(), op, []Param{param("merchantCode", "M")}, &sid))
	require.Equal(t, "sess-123", sid)
	require.Equal(t, `"urn:order#login"`, gotAction)
	require.Equal(t, "text/xml; charset=utf-8", gotType)
	require.Contains(t, string(gotBody), `<ns1:login><merchantCode xsi:type="xsd:string">M</merchantCode></ns1:login>`)
}

func TestFaultAt500And200(t *testing.T) {
	fault, err := os.ReadFile("testdata/php-fault.xml")
	require.NoError(t, err)
	for _, status := range []int{500, 200} {
		c := serve(t, reply(status, "text/xml", string(fault)))
		var out string
		err := c.Call(context.Background(), rpcOp("login"), nil, &out)
		var f *Fault
		require.True(t, errors.As(err, &f), "%d: %v", status, err)
		require.Equal(t, "AUTHENTICATION_FAILED", f.Code)
		require.Equal(t, "login", f.Operation)
		require.Equal(t, status, f.HTTPStatus)
		require.False(t, errors.Is(err, ErrOutcomeUnknown), "a fault is a known outcome")
	}
}

func TestNonSOAPBodies(t *testing.T) {
	html := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("nginx ", 200) + "</body></html>"
	for _, tc := range []struct {
		status      int
		ctype, body string
		excerpt     string
	}{
		{502, "text/html", html, "<html><head><title>502 Bad Gateway</title>"},
		{502, "", "", ""},
		{200, "text/plain", "maintenance\n\n  window", "maintenance window"},
		{503, "text/xml", envStart + `<r/>` + envEnd, "<?xml"},
	} {
		c := serve(t, reply(tc.status, tc.ctype, tc.body))
		var out string
		err := c.Call(context.Background(), rpcOp("getOrder"), nil, &out)
		var he *HTTPError
		require.True(t, errors.As(err, &he), "%v", err)
		require.Equal(t, tc.status, he.StatusCode)
		require.LessOrEqual(t, len(he.Excerpt), maxExcerpt+3)
		require.True(t, strings.HasPrefix(he.Excerpt, tc.excerpt), he.Excerpt)
		require.ErrorIs(t, err, ErrOutcomeUnknown)
	}
}

func TestResponseTooLargeIsRefused(t *testing.T) {
	big := envStart + `<r><return>` + strings.Repeat("x", 4096) + `</return></r>` + envEnd
	srv := httptest.NewServer(reply(200, "text/xml", big))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithMaxResponseBytes(1024))
	require.NoError(t, err)
	var out string
	err = c.Call(context.Background(), rpcOp("r"), nil, &out)
	require.ErrorIs(t, err, ErrResponseTooLarge)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
}

func TestCharsetFromContentType(t *testing.T) {
	body := `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><r><return>Gr` + "\xfc\xdf" + `e</return></r></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	c := serve(t, reply(200, "text/xml; charset=ISO-8859-1", body))
	var out string
	require.NoError(t, c.Call(context.Background(), rpcOp("r"), nil, &out))
	require.Equal(t, "Grüße", out)
}

func TestHangUpAfterRequestIsOutcomeUnknown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 64<<10)
			_, _ = conn.Read(buf) // read the request, then hang up
			_ = conn.Close()
		}
	}()
	c, err := NewClient("http://" + ln.Addr().String())
	require.NoError(t, err)
	var out string
	err = c.Call(context.Background(), rpcOp("placeOrder"), []Param{param("Order", &testOrder{Currency: "USD"})}, &out)
	var te *TransportError
	require.True(t, errors.As(err, &te), "%v", err)
	require.True(t, te.RequestSent)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
}

func TestConnectionRefusedIsNotOutcomeUnknown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	c, err := NewClient("http://" + addr)
	require.NoError(t, err)
	err = c.Call(context.Background(), rpcOp("placeOrder"), nil, nil)
	require.Error(t, err)
	require.False(t, errors.Is(err, ErrOutcomeUnknown), "nothing was sent: %v", err)
}

func TestDeadlineStaysMatchable(t *testing.T) {
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.Call(ctx, rpcOp("placeOrder"), nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, ErrOutcomeUnknown, "the request had been sent when the deadline passed")
}

func TestConcurrentCallsShareTheClient(t *testing.T) {
	resp, err := os.ReadFile("testdata/php-placeOrder-response.xml")
	require.NoError(t, err)
	c := serve(t, reply(200, "text/xml", string(resp)))
	// require (t.FailNow) must not be called from these goroutines: each
	// reports its first failure, checked after Wait.
	var wg sync.WaitGroup
	errs := make([]error, 32)
	for g := range errs {
		wg.Go(func() {
			for range 10 {
				var o *testOrder
				if err := c.Call(context.Background(), rpcOp("placeOrder"), []Param{param("Order", &testOrder{Currency: "USD"})}, &o); err != nil {
					errs[g] = err
					return
				}
				if o == nil || o.RefNo == nil || *o.RefNo != "9001" {
					errs[g] = fmt.Errorf("unexpected result %+v", o)
					return
				}
			}
		})
	}
	wg.Wait()
	for g, err := range errs {
		require.NoError(t, err, "goroutine %d", g)
	}
}

// The default client does not follow redirects: the POST would become a GET
// to the new location, whose page would be read as the answer.
func TestRedirectIsAnHTTPError(t *testing.T) {
	var targetHits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		targetHits.Add(1)
		w.Header().Set("Content-Type", "text/xml")
		_, _ = io.WriteString(w, envStart+`<r><return>moved</return></r>`+envEnd)
	}))
	t.Cleanup(target.Close)
	c := serve(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, target.URL+"/elsewhere", http.StatusFound)
	})
	var out string
	err := c.Call(context.Background(), rpcOp("getOrder"), nil, &out)
	var he *HTTPError
	require.True(t, errors.As(err, &he), "%v", err)
	require.Equal(t, http.StatusFound, he.StatusCode)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.Empty(t, out)
	require.Zero(t, targetHits.Load(), "the redirect was followed")
}

func TestNewClientValidatesEndpoint(t *testing.T) {
	for _, e := range []string{"", "api.2checkout.com/soap", "ftp://x/y", "https://"} {
		_, err := NewClient(e)
		require.Error(t, err, e)
	}
}

func TestResultMustBePointer(t *testing.T) {
	c := serve(t, reply(200, "text/xml", ""))
	var s string
	require.ErrorContains(t, c.Call(context.Background(), rpcOp("r"), nil, s), "non-nil pointer")
}
