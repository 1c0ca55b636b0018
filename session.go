package twocheckout

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"sync"
	"time"

	"github.com/tco-go/twocheckout/soap"
)

// HashAlgo is the HMAC algorithm of the login hash.
type HashAlgo string

// Login hash algorithms. MD5 is for old accounts and logs in without the algo
// argument; the others send it as login's fourth argument.
const (
	MD5      HashAlgo = "md5"
	SHA256   HashAlgo = "sha256"
	SHA3_256 HashAlgo = "sha3-256"
)

// DateLayout is the layout of the login date: UTC, "YYYY-MM-DD HH:MM:SS".
const DateLayout = "2006-01-02 15:04:05"

// SessionLifetime is how long a session lives after login on the server.
const SessionLifetime = 10 * time.Minute

// SessionMargin is how long before SessionLifetime ends a session is renewed:
// a call that starts then still has a minute to reach the server, so that
// clock skew and slow calls do not meet an expired session.
const SessionMargin = time.Minute

// LoginHash returns the login hash: the lower-case hex HMAC, keyed with the
// secret key, of len(merchantCode) + merchantCode + len(date) + date, lengths
// in bytes. date is UTC in DateLayout.
func LoginHash(algo HashAlgo, merchantCode, secretKey, date string) (string, error) {
	var h func() hash.Hash
	switch algo {
	case MD5:
		h = md5.New
	case SHA256:
		h = sha256.New
	case SHA3_256:
		h = func() hash.Hash { return sha3.New256() }
	default:
		return "", fmt.Errorf("twocheckout: unknown hash algorithm %q (want md5, sha256 or sha3-256)", string(algo))
	}
	mac := hmac.New(h, []byte(secretKey))
	mac.Write([]byte(strconv.Itoa(len(merchantCode)) + merchantCode + strconv.Itoa(len(date)) + date))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

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

// loginTimeout bounds a login, which runs apart from the callers waiting for
// it so that one caller giving up does not fail the others.
const loginTimeout = 30 * time.Second

// run performs the login of flight f.
func (s *session) run(ctx context.Context, f *loginFlight) {
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
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

// invalidate forgets id if it is still the current session, so that the next
// get logs in again.
func (s *session) invalidate(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id == id {
		s.id = ""
	}
}

// sessionCaller supplies the session ID to operations that take one, and
// logs in again and replays a call once when the server rejects the session.
type sessionCaller struct {
	next soap.Caller
	sess *session
}

func (c *sessionCaller) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	if op.Session == nil {
		return c.next.Call(ctx, op, params, result)
	}
	for attempt := 0; ; attempt++ {
		id, err := c.sess.get(ctx)
		if err != nil {
			return err
		}
		withSession := make([]soap.Param, 0, len(params)+1)
		withSession = append(withSession, soap.Param{Name: op.Session.Name, Type: op.Session.Type, Value: id})
		withSession = append(withSession, params...)
		err = c.next.Call(ctx, op, withSession, result)
		var f *soap.Fault
		if attempt == 0 && errors.As(err, &f) && sessionRejected(f) {
			// The server refused the call before running it: safe to
			// replay once on a fresh session.
			c.sess.invalidate(id)
			continue
		}
		return err
	}
}
