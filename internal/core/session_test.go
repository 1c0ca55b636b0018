package core

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout/soap"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func TestSessionSingleLoginUnderConcurrency(t *testing.T) {
	var logins atomic.Int32
	release := make(chan struct{})
	s := &session{now: time.Now, login: func(ctx context.Context) (string, error) {
		logins.Add(1)
		<-release
		return "sid", nil
	}}
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			id, err := s.get(context.Background())
			require.NoError(t, err)
			require.Equal(t, "sid", id)
		})
	}
	time.Sleep(20 * time.Millisecond) // let the goroutines queue up behind the login
	close(release)
	wg.Wait()
	require.Equal(t, int32(1), logins.Load())
}

func TestSessionRenewsBeforeExpiry(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var logins atomic.Int32
	s := &session{now: clock.Now, login: func(ctx context.Context) (string, error) {
		n := logins.Add(1)
		return "sid" + string(rune('0'+n)), nil
	}}
	id, _ := s.get(context.Background())
	require.Equal(t, "sid1", id)
	clock.Add(SessionLifetime - SessionMargin - time.Second)
	id, _ = s.get(context.Background())
	require.Equal(t, "sid1", id, "still inside the lifetime less the margin")
	clock.Add(time.Second)
	id, _ = s.get(context.Background())
	require.Equal(t, "sid2", id, "renewed at lifetime less margin")
}

func TestSessionFailedLoginIsSharedNotLooped(t *testing.T) {
	var logins atomic.Int32
	authErr := &APIError{Operation: "login", Code: "AUTHENTICATION_FAILED", Message: "Authentication failed"}
	release := make(chan struct{})
	s := &session{now: time.Now, login: func(ctx context.Context) (string, error) {
		logins.Add(1)
		<-release
		return "", authErr
	}}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			_, err := s.get(context.Background())
			require.ErrorIs(t, err, ErrorCode("AUTHENTICATION_FAILED"))
		})
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	require.Equal(t, int32(1), logins.Load())
}

// scriptedCaller answers calls from a list of functions, one per call.
type scriptedCaller struct {
	mu    sync.Mutex
	calls []string // session IDs seen
	reply []func() error
}

func (s *scriptedCaller) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, params[0].Value.(string))
	r := s.reply[0]
	s.reply = s.reply[1:]
	return r()
}

func TestSessionRejectedIsReplayedOnceOnNewSession(t *testing.T) {
	var logins atomic.Int32
	sess := &session{now: time.Now, login: func(ctx context.Context) (string, error) {
		return "sid" + string(rune('0'+logins.Add(1))), nil
	}}
	rejected := func() error { return &soap.Fault{Code: "SESSION_EXPIRED", String: "Session expired"} }
	ok := func() error { return nil }
	next := &scriptedCaller{reply: []func() error{rejected, ok}}
	c := &sessionCaller{next: next, sess: sess}
	op := &soap.Operation{Name: "getOrder", Session: &soap.Param{}}
	require.NoError(t, c.Call(context.Background(), op, nil, nil))
	require.Equal(t, []string{"sid1", "sid2"}, next.calls)

	// A second rejection in a row is returned, not replayed again.
	next.reply = []func() error{rejected, rejected, ok}
	err := c.Call(context.Background(), op, nil, nil)
	var f *soap.Fault
	require.True(t, errors.As(err, &f))
	require.Len(t, next.calls, 4)
}

func TestUnknownOutcomeIsNotReplayed(t *testing.T) {
	sess := &session{now: time.Now, login: func(ctx context.Context) (string, error) { return "sid", nil }}
	lost := func() error {
		return &soap.TransportError{Operation: "placeOrder", RequestSent: true, Err: context.DeadlineExceeded}
	}
	next := &scriptedCaller{reply: []func() error{lost}}
	c := &sessionCaller{next: next, sess: sess}
	err := c.Call(context.Background(), &soap.Operation{Name: "placeOrder", Session: &soap.Param{}}, nil, nil)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Len(t, next.calls, 1)
}

func TestSessionRejectedRecognition(t *testing.T) {
	for _, c := range []struct {
		code, msg string
		want      bool
	}{
		{"INVALID_SESSION", "", true},
		{"Server", "Session not started or expired", true},
		{"SOAP-ENV:Server", "Session expired", true},
		{"Server", "Invalid session", false},
		{"PAYMENT_ERROR", "Invalid payment session", false},
		{"INVALID_PRODUCT", "Invalid product code", false},
		{"INVALID_PARTNER", "No partner is set.", false},
	} {
		require.Equal(t, c.want, SessionRejected(&soap.Fault{Code: c.code, String: c.msg}), c)
	}
}
