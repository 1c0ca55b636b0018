package core

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/soap"
)

// fakeServer answers login with a new session ID each time and any other
// operation with the session ID it received; it can hang.
type fakeServer struct {
	logins atomic.Int32
	mu     sync.Mutex
	seen   []string // "op:session"
	hang   atomic.Bool
	// badLogin answers login with an HTML 502; rejectAdds refuses
	// addProduct with SESSION_EXPIRED.
	badLogin, rejectAdds atomic.Bool
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var env struct {
		Body struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"Body"`
	}
	_ = xml.Unmarshal(body, &env)
	dec := xml.NewDecoder(bytes.NewReader(env.Body.Inner))
	var op, first string
	for tok, err := dec.Token(); err == nil; tok, err = dec.Token() {
		if se, ok := tok.(xml.StartElement); ok {
			if op == "" {
				op = se.Name.Local
			} else if first == "" {
				var s string
				_ = dec.DecodeElement(&s, &se)
				first = s
			}
		}
	}
	if op == "login" && f.badLogin.Load() {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html>502 Bad Gateway</html>")
		return
	}
	if op == "echoFault" || (op == "addProduct" && f.rejectAdds.Load()) {
		w.WriteHeader(http.StatusInternalServerError)
		code, msg := "INVALID_PRODUCT", "no product for session "+first
		if op == "addProduct" {
			code, msg = "SESSION_EXPIRED", "Session expired"
		}
		fmt.Fprintf(w, `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><Fault><faultcode>%s</faultcode><faultstring>%s</faultstring></Fault></Body></Envelope>`, code, msg)
		return
	}
	if f.hang.Load() && op != "login" {
		<-r.Context().Done()
		return
	}
	result := first
	if op == "login" {
		result = fmt.Sprintf("sid-%d-secretsession", f.logins.Add(1))
		first = "" // the hash is a secret: not kept, so never printed
	}
	f.mu.Lock()
	f.seen = append(f.seen, op+":"+first)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><r xmlns=""><return>%s</return></r></Body></Envelope>`, result)
}

func op(name string, session bool) *soap.Operation {
	o := &soap.Operation{Name: name, Action: name, Wrapper: xml.Name{Space: "urn:t", Local: name}}
	if session {
		o.Session = &soap.Param{Name: xml.Name{Local: "sessionID"}}
	}
	return o
}

func testLogin(ctx context.Context, raw soap.Caller, code, date, hash, algo string) (string, error) {
	var id string
	err := raw.Call(ctx, op("login", false), []soap.Param{{Name: xml.Name{Local: "hash"}, Value: hash}}, &id)
	return id, err
}

func newTestConn(t *testing.T, srv http.Handler, setup SetupFunc, opts ...Option) *Conn {
	t.Helper()
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := NewConn(Account{MerchantCode: "M", SecretKey: "TOP-SECRET-KEY", Endpoint: hs.URL}, testLogin, setup, BuildOptions(opts))
	require.NoError(t, err)
	return c
}

func TestConnLogsOneRecordPerCallWithoutSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	c := newTestConn(t, &fakeServer{}, nil, func(o *Options) { o.Logger = logger })
	var echoed string
	require.NoError(t, c.Call(context.Background(), op("getOrder", true), nil, &echoed))
	require.NoError(t, c.Call(context.Background(), op("getOrder", true), nil, &echoed))
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 3, "login + two calls:\n%s", logs.String())
	require.Contains(t, lines[0], `"operation":"login"`)
	require.Contains(t, lines[1], `"operation":"getOrder"`)
	require.Contains(t, lines[1], `"outcome":"ok"`)
	require.Contains(t, lines[1], `"duration"`)
	require.NotContains(t, logs.String(), "secretsession")
	require.NotContains(t, logs.String(), "TOP-SECRET-KEY")
	require.Equal(t, "sid-1-secretsession", echoed, "the session ID was supplied first")
}

func TestSetupRunsAfterEveryLoginBeforeCalls(t *testing.T) {
	srv := &fakeServer{}
	setup := func(ctx context.Context, caller soap.Caller) error {
		var ok string
		return caller.Call(ctx, op("setPartner", true), nil, &ok)
	}
	c := newTestConn(t, srv, setup)
	var s string
	require.NoError(t, c.Call(context.Background(), op("getContents", true), nil, &s))
	c.sess.invalidate(c.sess.current()) // as after a rejected session
	require.NoError(t, c.Call(context.Background(), op("getContents", true), nil, &s))
	require.Equal(t, []string{
		"login:", "setPartner:sid-1-secretsession", "getContents:sid-1-secretsession",
		"login:", "setPartner:sid-2-secretsession", "getContents:sid-2-secretsession",
	}, srv.seen)
}

func TestDefaultTimeoutAndUnknownOutcome(t *testing.T) {
	srv := &fakeServer{}
	srv.hang.Store(true)
	c := newTestConn(t, srv, nil, func(o *Options) { o.Timeout = 100 * time.Millisecond })
	err := c.Call(context.Background(), op("placeOrder", true), nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.Equal(t, int32(1), srv.logins.Load(), "an unknown outcome is not replayed")
}

func TestFreshSessionsAreSeparate(t *testing.T) {
	srv := &fakeServer{}
	c := newTestConn(t, srv, nil)
	a, err := c.Fresh(context.Background())
	require.NoError(t, err)
	b, err := c.Fresh(context.Background())
	require.NoError(t, err)
	var ida, idb string
	require.NoError(t, a.Call(context.Background(), op("getContents", true), nil, &ida))
	require.NoError(t, b.Call(context.Background(), op("getContents", true), nil, &idb))
	require.NotEqual(t, ida, idb)
	require.Greater(t, a.LifeLeft(), SessionLifetime-SessionMargin-time.Minute)
	shared, err := c.SessionID(context.Background())
	require.NoError(t, err)
	require.NotContains(t, []string{ida, idb}, shared, "fresh sessions do not replace the shared one")
}

func TestConcurrentCallsLogInOnce(t *testing.T) {
	srv := &fakeServer{}
	c := newTestConn(t, srv, nil)
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			var s string
			require.NoError(t, c.Call(context.Background(), op("getOrder", true), nil, &s))
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), srv.logins.Load())
}

func TestWithSetupSharesTransportNotSession(t *testing.T) {
	srv := &fakeServer{}
	base := newTestConn(t, srv, nil)
	var setups atomic.Int32
	derived := base.Derive(func(ctx context.Context, caller soap.Caller) error {
		setups.Add(1)
		return nil
	}, nil)
	require.Same(t, base.transport, derived.transport)
	a, err := base.SessionID(context.Background())
	require.NoError(t, err)
	b, err := derived.SessionID(context.Background())
	require.NoError(t, err)
	require.NotEqual(t, a, b)
	require.Equal(t, int32(1), setups.Load(), "setup runs for the derived session only")
}

// A fault that echoes the session ID reaches the caller without it, from the
// shared session and from a fresh one alike.
func TestFaultEchoingTheSessionIsRedacted(t *testing.T) {
	c := newTestConn(t, &fakeServer{}, nil)
	err := c.Call(context.Background(), op("echoFault", true), nil, nil)
	require.ErrorIs(t, err, ErrorCode("INVALID_PRODUCT"))
	require.Contains(t, err.Error(), "no product for session [redacted]")

	var sessions []*Session
	for range 20 { // more than any bounded list of remembered IDs
		s, err := c.Fresh(context.Background())
		require.NoError(t, err)
		sessions = append(sessions, s)
	}
	for _, s := range sessions {
		err := s.Call(context.Background(), op("echoFault", true), nil, nil)
		require.Contains(t, err.Error(), "no product for session [redacted]")
	}
}

// A call whose login lost its answer was never sent: its error does not
// match ErrOutcomeUnknown, though it still says what happened to the login.
func TestLoginFailureIsNotAnUnknownOutcome(t *testing.T) {
	srv := &fakeServer{}
	srv.badLogin.Store(true)
	c := newTestConn(t, srv, nil)
	err := c.Call(context.Background(), op("placeOrder", true), nil, nil)
	require.Error(t, err)
	require.False(t, errors.Is(err, ErrOutcomeUnknown), "%v", err)
	var he *soap.HTTPError
	require.True(t, errors.As(err, &he))
	require.Equal(t, http.StatusBadGateway, he.StatusCode)
	_, err = c.Fresh(context.Background())
	require.False(t, errors.Is(err, ErrOutcomeUnknown))
}

var cart = &Stateful{
	Ops:    map[string]bool{"clearProducts": true, "addProduct": true, "placeOrder": true},
	Starts: map[string]bool{"clearProducts": true},
	Ends:   map[string]bool{"placeOrder": true},
}

// A cart sequence never goes on on a new session: the renewed session's cart
// is empty, so the next cart operation fails with ErrSessionChanged, and
// starting again (clearProducts) works.
func TestStatefulSequenceStopsWhenTheSessionChanges(t *testing.T) {
	srv := &fakeServer{}
	clock := &fakeClock{now: time.Now()}
	base := newTestConn(t, srv, nil, func(o *Options) { o.Now = clock.Now })
	c := base.Derive(nil, cart)
	ctx := context.Background()
	require.NoError(t, c.Call(ctx, op("clearProducts", true), nil, nil))
	require.NoError(t, c.Call(ctx, op("addProduct", true), nil, nil))
	clock.Add(SessionLifetime) // renewal before the next call
	err := c.Call(ctx, op("addProduct", true), nil, nil)
	require.ErrorIs(t, err, ErrSessionChanged)
	require.False(t, errors.Is(err, ErrOutcomeUnknown))
	err = c.Call(ctx, op("placeOrder", true), nil, nil)
	require.NoError(t, err, "after the error the caller starts a new sequence")
	require.NoError(t, c.Call(ctx, op("clearProducts", true), nil, nil))
	require.NoError(t, c.Call(ctx, op("addProduct", true), nil, nil))
	require.NoError(t, c.Call(ctx, op("placeOrder", true), nil, nil))
	require.Equal(t, 0, countSeen(srv, "placeOrder:sid-1-secretsession"), "nothing placed on the first session")
}

// A session rejected in the middle of a cart is not replayed: the cart it
// held is gone.
func TestRejectedSessionMidSequenceIsNotReplayed(t *testing.T) {
	srv := &fakeServer{}
	c := newTestConn(t, srv, nil).Derive(nil, cart)
	ctx := context.Background()
	require.NoError(t, c.Call(ctx, op("clearProducts", true), nil, nil))
	srv.rejectAdds.Store(true)
	err := c.Call(ctx, op("addProduct", true), nil, nil)
	require.ErrorIs(t, err, ErrSessionChanged)
	require.ErrorIs(t, err, ErrorCode("SESSION_EXPIRED"))
	require.Equal(t, int32(1), srv.logins.Load(), "no new login to replay on")
}

func countSeen(srv *fakeServer, entry string) int {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	n := 0
	for _, s := range srv.seen {
		if s == entry {
			n++
		}
	}
	return n
}
