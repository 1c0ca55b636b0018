package core

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/tco-go/twocheckout/soap"
)

// SessionLifetime is how long a session lives after login on the server.
const SessionLifetime = 10 * time.Minute

// SessionMargin is how long before SessionLifetime ends a session is
// renewed: a call that starts then still has a minute to reach the server,
// so that clock skew and slow calls do not meet an expired session.
const SessionMargin = time.Minute

// loginTimeout bounds a login and its setup step. The shared session's login
// runs apart from the callers waiting for it, so that one caller giving up
// does not fail the others.
const loginTimeout = 30 * time.Second

// session is one server-side session shared by every goroutine of a client:
// it logs in lazily, once however many callers wait, and renews the session
// before it expires.
type session struct {
	login func(ctx context.Context) (string, error)
	now   func() time.Time

	mu      sync.Mutex
	id      string
	expires time.Time
	flight  *loginFlight // the login under way, if any
}

// loginFlight is one login that concurrent callers share.
type loginFlight struct {
	done chan struct{}
	id   string
	err  error
}

// get returns a session ID with life left, logging in when there is none.
func (s *session) get(ctx context.Context) (string, error) {
	s.mu.Lock()
	if s.id != "" && s.now().Before(s.expires) {
		id := s.id
		s.mu.Unlock()
		return id, nil
	}
	f := s.flight
	if f == nil {
		f = &loginFlight{done: make(chan struct{})}
		s.flight = f
		s.mu.Unlock()
		go s.run(context.WithoutCancel(ctx), f)
	} else {
		s.mu.Unlock()
	}
	select {
	case <-f.done:
		return f.id, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// run performs the login of flight f.
func (s *session) run(ctx context.Context, f *loginFlight) {
	started := s.now()
	id, err := s.login(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		s.id, s.expires = id, started.Add(SessionLifetime-SessionMargin)
	}
	f.id, f.err = id, err
	s.flight = nil
	close(f.done)
}

// current returns the session ID in use, if any.
func (s *session) current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.id
}

// invalidate forgets id if it is still the current session, so that the next
// get logs in again.
func (s *session) invalidate(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id == id {
		s.id = ""
	}
}

// withSession returns params with the session ID put first, when op takes
// one.
func withSession(op *soap.Operation, id string, params []soap.Param) []soap.Param {
	if op.Session == nil {
		return params
	}
	out := make([]soap.Param, 0, len(params)+1)
	out = append(out, soap.Param{Name: op.Session.Name, Type: op.Session.Type, Value: id})
	return append(out, params...)
}

// Stateful names operations whose effect lives in the server-side session
// (the Channel Manager's cart and proforma): a sequence of them is only
// meaningful on one session.
type Stateful struct {
	// Ops read or change the session's state.
	Ops map[string]bool
	// Starts begin a new state and may run on any session (clearProducts).
	Starts map[string]bool
	// Ends leave no state behind when they succeed (placeOrder).
	Ends map[string]bool
}

// ErrSessionChanged is returned by a stateful operation (a cart operation)
// whose session was renewed or replaced since the previous one: the state it
// built on the server (the cart) is gone. Start again (clearProducts, then
// add the products) rather than place what is left.
var ErrSessionChanged = errors.New("twocheckout: the session changed since the previous cart operation and the server-side cart was lost; start the cart again")

// sessionCaller supplies the session ID to operations that take one, and
// logs in again and replays a call once when the server rejects the session
// (except in the middle of a stateful sequence, which fails with
// ErrSessionChanged instead).
type sessionCaller struct {
	next     soap.Caller
	sess     *session
	stateful *Stateful

	mu        sync.Mutex
	stateHeld string // the session whose server-side state the caller is building
}

func (c *sessionCaller) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	if op.Session == nil {
		return c.next.Call(ctx, op, params, result)
	}
	stateful := c.stateful != nil && c.stateful.Ops[op.Name]
	for attempt := 0; ; attempt++ {
		id, err := c.sess.get(ctx)
		if err != nil {
			return NotSent(err)
		}
		midSequence := false
		if stateful {
			c.mu.Lock()
			midSequence = c.stateHeld != "" && !c.stateful.Starts[op.Name]
			changed := midSequence && c.stateHeld != id
			if changed {
				c.stateHeld = ""
			}
			c.mu.Unlock()
			if changed {
				return NotSent(ErrSessionChanged)
			}
		}
		err = c.next.Call(ctx, op, withSession(op, id, params), result)
		var f *soap.Fault
		if errors.As(err, &f) && SessionRejected(f) {
			// The server refused the call before running it.
			c.sess.invalidate(id)
			if midSequence {
				c.dropState()
				return &changedError{cause: err}
			}
			if attempt == 0 {
				continue // safe to replay once on a fresh session
			}
		}
		if stateful && err == nil {
			c.mu.Lock()
			c.stateHeld = id
			if c.stateful.Ends[op.Name] {
				c.stateHeld = ""
			}
			c.mu.Unlock()
		}
		return err
	}
}

// changedError is ErrSessionChanged caused by a fault that rejected the
// session in the middle of a stateful sequence.
type changedError struct{ cause error }

func (e *changedError) Error() string { return ErrSessionChanged.Error() + ": " + e.cause.Error() }

// Is matches ErrSessionChanged.
func (e *changedError) Is(target error) bool { return target == ErrSessionChanged }

// Unwrap returns the fault.
func (e *changedError) Unwrap() error { return e.cause }

func (c *sessionCaller) dropState() {
	c.mu.Lock()
	c.stateHeld = ""
	c.mu.Unlock()
}

// pinnedCaller supplies one fixed session ID and never logs in or replays.
type pinnedCaller struct {
	next soap.Caller
	id   string
}

func (c *pinnedCaller) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	return c.next.Call(ctx, op, withSession(op, c.id, params), result)
}
