package test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/test/phpserver"
)

func countOps(calls []phpserver.Call, op string) int {
	n := 0
	for _, c := range calls {
		if c.Op == op {
			n++
		}
	}
	return n
}

// callConcurrently makes n calls at once, one per goroutine.
func callConcurrently(t *testing.T, client *twocheckout.Client, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, err := client.IsValidOrderReference(context.Background(), "9001")
			require.NoError(t, err)
		})
	}
	wg.Wait()
}

// 64 goroutines making their first call at once cause exactly one login.
func TestConcurrentFirstCallsLogInOnce(t *testing.T) {
	srv := startSOAP60(t)
	client := newClient(t, srv, twocheckout.SHA256, secretKey)
	callConcurrently(t, client, 64)
	calls := srv.Calls()
	require.Equal(t, 1, countOps(calls, "login"))
	require.Equal(t, 64, countOps(calls, "isValidOrderReference"))
	t.Logf("logins observed with 64 concurrent first calls: %d", countOps(calls, "login"))
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// The session is renewed before its ten minutes are up, once for all the
// goroutines waiting; the server-side TTL would refuse the old one.
func TestSessionRenewedBeforeExpiryOnce(t *testing.T) {
	requirePHP(t)
	srv := phpserver.Start(t, phpserver.Options{WSDL: "wsdl/soap-6.0.wsdl", MerchantCode: merchantCode, SecretKey: secretKey})
	clk := &clock{now: time.Now().UTC()}
	client, err := twocheckout.New(twocheckout.Config{MerchantCode: merchantCode, SecretKey: secretKey, Endpoint: srv.URL}, twocheckout.WithClock(clk.Now))
	require.NoError(t, err)
	first, err := client.SessionID(context.Background())
	require.NoError(t, err)
	clk.Advance(twocheckout.SessionLifetime - twocheckout.SessionMargin - time.Second)
	same, err := client.SessionID(context.Background())
	require.NoError(t, err)
	require.Equal(t, first, same)
	clk.Advance(2 * time.Second)
	callConcurrently(t, client, 64)
	calls := srv.Calls()
	require.Equal(t, 2, countOps(calls, "login"), "one login, then one renewal for 64 goroutines")
	renewed, err := client.SessionID(context.Background())
	require.NoError(t, err)
	require.NotEqual(t, first, renewed)
}

// When the server rejects the session (expired on its side), the client logs
// in again and replays the call once; the caller sees success.
func TestRejectedSessionIsReplayedOnce(t *testing.T) {
	requirePHP(t)
	srv := phpserver.Start(t, phpserver.Options{WSDL: "wsdl/soap-6.0.wsdl", MerchantCode: merchantCode, SecretKey: secretKey, SessionTTL: time.Hour})
	client := newClient(t, srv, twocheckout.SHA256, secretKey)
	srv.SetResponse("placeOrder", map[string]any{"RefNo": "9001"})
	_, err := client.GetOrder(context.Background(), "1", nil)
	require.NoError(t, err)
	srv.ExpireSessions()
	order, err := client.PlaceOrder(context.Background(), testOrder())
	require.NoError(t, err)
	require.Equal(t, "9001", *order.RefNo)
	calls := srv.Calls()
	require.Equal(t, 2, countOps(calls, "login"))
	require.Equal(t, 2, countOps(calls, "placeOrder"), "refused once (session), run once")

	// A server that keeps refusing: the fault comes back after one replay.
	before := countOps(srv.Calls(), "getOrder")
	srv.SetFault("getOrder", "INVALID_SESSION", "Session not started or expired")
	_, err = client.GetOrder(context.Background(), "1", nil)
	require.ErrorIs(t, err, twocheckout.ErrorCode("INVALID_SESSION"))
	require.Equal(t, 2, countOps(srv.Calls(), "getOrder")-before, "the call and exactly one replay")
}

// A wrong secret fails at once with the typed error, and is not retried in a
// loop: each call makes one login attempt.
func TestFailedLoginIsNotRetriedInALoop(t *testing.T) {
	srv := startSOAP60(t)
	client := newClient(t, srv, twocheckout.SHA256, "WRONG")
	for range 3 {
		_, err := client.GetOrder(context.Background(), "1", nil)
		require.ErrorIs(t, err, twocheckout.ErrAuthenticationFailed)
	}
	require.Equal(t, 3, countOps(srv.Calls(), "login"))
	require.Equal(t, 0, countOps(srv.Calls(), "getOrder"))
}

// hangUpServer answers login, then reads the next request and hangs up
// without answering: the request reached the server, the outcome is unknown.
func hangUpServer(t *testing.T) (url string, requests *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	requests = &atomic.Int32{}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(r)
					if err != nil {
						return
					}
					body, _ := io.ReadAll(req.Body)
					if !strings.Contains(string(body), ":login>") {
						requests.Add(1)
						return // hang up after reading the whole request
					}
					resp := `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><r><return>sess-1</return></r></SOAP-ENV:Body></SOAP-ENV:Envelope>`
					fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n%s", len(resp), resp)
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String(), requests
}

// placeOrder whose connection is lost after the request was sent is not
// replayed, and says that its outcome is unknown.
func TestLostConnectionAfterSendIsOutcomeUnknown(t *testing.T) {
	url, requests := hangUpServer(t)
	client, err := twocheckout.New(twocheckout.Config{MerchantCode: merchantCode, SecretKey: secretKey, Endpoint: url})
	require.NoError(t, err)
	_, err = client.PlaceOrder(context.Background(), testOrder())
	require.ErrorIs(t, err, twocheckout.ErrOutcomeUnknown)
	require.Equal(t, int32(1), requests.Load(), "placeOrder was sent once and not replayed")
	var apiErr *twocheckout.APIError
	require.False(t, errors.As(err, &apiErr))
}

// A deadline that passes while placeOrder is in flight stays matchable as
// context.DeadlineExceeded, and is an unknown outcome too.
func TestDeadlineDuringCall(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body), ":login>") {
			_, _ = io.WriteString(w, `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><r><return>sess-1</return></r></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
			return
		}
		<-r.Context().Done()
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	client, err := twocheckout.New(twocheckout.Config{MerchantCode: merchantCode, SecretKey: secretKey, Endpoint: "http://" + ln.Addr().String()})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = client.PlaceOrder(ctx, testOrder())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, twocheckout.ErrOutcomeUnknown)
}
