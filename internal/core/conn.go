package core

import (
	"context"
	"encoding/xml"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/tco-go/twocheckout/soap"
)

// DateLayout is the layout of the login date: UTC, "YYYY-MM-DD HH:MM:SS".
const DateLayout = "2006-01-02 15:04:05"

// Account identifies the merchant and the endpoint.
type Account struct {
	MerchantCode string
	SecretKey    string
	Algo         string // md5, sha256 or sha3-256; empty means sha256
	Endpoint     string
}

// LoginFunc calls a service's login operation through raw.
type LoginFunc func(ctx context.Context, raw soap.Caller, merchantCode, date, hash, algo string) (string, error)

// SetupFunc prepares a new session before any call uses it (the Channel
// Manager's setPartner). caller supplies the new session ID.
type SetupFunc func(ctx context.Context, caller soap.Caller) error

// Conn is the caller chain behind a client: per-call deadline, logging and
// typed, redacted errors around a shared session around the SOAP transport.
type Conn struct {
	account   Account
	opts      Options
	login     LoginFunc
	setup     SetupFunc
	transport *soap.Client
	raw       soap.Caller // the transport with logging
	sess      *session
	chain     soap.Caller
	redact    redactor

	mu     sync.Mutex
	hashes []string // recent login hashes, redacted from errors
}

// NewConn returns a Conn for account. setup may be nil.
func NewConn(account Account, login LoginFunc, setup SetupFunc, opts Options) (*Conn, error) {
	if account.MerchantCode == "" || account.SecretKey == "" {
		return nil, errors.New("twocheckout: Config needs MerchantCode and SecretKey")
	}
	if account.Algo == "" {
		account.Algo = SHA256
	}
	if _, err := LoginHash(account.Algo, "", "", ""); err != nil {
		return nil, err
	}
	var sopts []soap.Option
	if opts.HTTPClient != nil {
		sopts = append(sopts, soap.WithHTTPClient(opts.HTTPClient))
	}
	if opts.MaxBytes > 0 {
		sopts = append(sopts, soap.WithMaxResponseBytes(opts.MaxBytes))
	}
	sc, err := soap.NewClient(account.Endpoint, sopts...)
	if err != nil {
		return nil, err
	}
	return newConn(account, opts, sc, login, setup, nil), nil
}

func newConn(account Account, opts Options, transport *soap.Client, login LoginFunc, setup SetupFunc, stateful *Stateful) *Conn {
	c := &Conn{account: account, opts: opts, transport: transport, login: login, setup: setup}
	c.redact = redactor{secrets: c.secrets}
	c.raw = &observer{next: transport, conn: c}
	c.sess = &session{login: c.newSession, now: opts.Now}
	c.chain = &sessionCaller{next: c.raw, sess: c.sess, stateful: stateful}
	return c
}

// Derive returns a Conn with a session of its own, whose every login is
// followed by setup and whose stateful operations (may be nil) are kept on
// one session, sharing this Conn's account, options and HTTP transport (and
// so its connection pool).
func (c *Conn) Derive(setup SetupFunc, stateful *Stateful) *Conn {
	return newConn(c.account, c.opts, c.transport, c.login, setup, stateful)
}

func (c *Conn) secrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := []string{c.account.SecretKey, c.sess.current()}
	return append(s, c.hashes...)
}

// rememberHash adds a login hash to redact. Only the latest few are kept: a
// hash is worthless once its login is over, and its errors come at once.
func (c *Conn) rememberHash(h string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hashes = append(c.hashes, h)
	if len(c.hashes) > 16 {
		c.hashes = c.hashes[len(c.hashes)-16:]
	}
}

// newSession logs in with a fresh hash and runs the setup step, within
// loginTimeout whatever the caller's context allows.
func (c *Conn) newSession(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
	date := c.opts.Now().UTC().Format(DateLayout)
	hash, err := LoginHash(c.account.Algo, c.account.MerchantCode, c.account.SecretKey, date)
	if err != nil {
		return "", err
	}
	c.rememberHash(hash)
	id, err := c.login(ctx, c.raw, c.account.MerchantCode, date, hash, c.account.Algo)
	if err == nil && id == "" {
		err = errors.New("twocheckout: login returned an empty session ID")
	}
	if err != nil {
		return "", c.redact.wrap("login", err)
	}
	if c.setup != nil {
		if err := c.setup(ctx, &pinnedCaller{next: c.raw, id: id}); err != nil {
			return "", c.redact.with(id).wrap("setup", err)
		}
	}
	return id, nil
}

// Call implements soap.Caller: it bounds the call by the default timeout when
// ctx has no deadline, supplies the shared session, and returns faults as
// *APIError with secrets removed from every error.
func (c *Conn) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	ctx, cancel := c.deadline(ctx)
	defer cancel()
	return c.redact.wrap(op.Name, c.chain.Call(ctx, op, params, result))
}

func (c *Conn) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.opts.Timeout > 0 {
		if _, ok := ctx.Deadline(); !ok {
			return context.WithTimeout(ctx, c.opts.Timeout)
		}
	}
	return ctx, func() {}
}

// SessionID logs in if needed and returns the shared session ID.
func (c *Conn) SessionID(ctx context.Context) (string, error) {
	ctx, cancel := c.deadline(ctx)
	defer cancel()
	id, err := c.sess.get(ctx)
	return id, NotSent(err)
}

// Session is a session of its own, apart from the shared one: its calls use
// only its ID, with no renewal and no replay.
type Session struct {
	// Expires is when the session should no longer be used (login time
	// plus SessionLifetime less SessionMargin).
	Expires time.Time
	conn    *Conn
	caller  soap.Caller
	redact  redactor // the Conn's secrets and this session's ID
}

// Fresh logs in (and runs the setup step) for a session of its own.
func (c *Conn) Fresh(ctx context.Context) (*Session, error) {
	ctx, cancel := c.deadline(ctx)
	defer cancel()
	started := c.opts.Now()
	id, err := c.newSession(ctx)
	if err != nil {
		return nil, NotSent(err)
	}
	return &Session{
		Expires: started.Add(SessionLifetime - SessionMargin),
		conn:    c,
		caller:  &pinnedCaller{next: c.raw, id: id},
		redact:  c.redact.with(id),
	}, nil
}

// Call implements soap.Caller on the session's own ID.
func (s *Session) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	ctx, cancel := s.conn.deadline(ctx)
	defer cancel()
	return s.redact.wrap(op.Name, s.caller.Call(ctx, op, params, result))
}

// LifeLeft is how long the session may still be used.
func (s *Session) LifeLeft() time.Duration { return s.Expires.Sub(s.conn.opts.Now()) }

// observer logs one record per call: operation, duration and outcome.
type observer struct {
	next soap.Caller
	conn *Conn
}

func (o *observer) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	logger := o.conn.opts.Logger
	if logger == nil {
		return o.next.Call(ctx, op, params, result)
	}
	start := time.Now()
	err := o.next.Call(ctx, op, params, result)
	attrs := []slog.Attr{slog.String("operation", op.Name), slog.Duration("duration", time.Since(start))}
	var f *soap.Fault
	switch {
	case err == nil:
		attrs = append(attrs, slog.String("outcome", "ok"))
	case errors.As(err, &f):
		attrs = append(attrs, slog.String("outcome", "fault"), slog.String("code", f.Code))
	case errors.Is(err, ErrOutcomeUnknown):
		attrs = append(attrs, slog.String("outcome", "unknown"), slog.String("error", o.conn.redact.clean(err.Error())))
	default:
		attrs = append(attrs, slog.String("outcome", "error"), slog.String("error", o.conn.redact.clean(err.Error())))
	}
	level := slog.LevelInfo
	if err != nil {
		level = slog.LevelWarn
	}
	logger.LogAttrs(ctx, level, "twocheckout call", attrs...)
	return err
}

// LoginWith returns the LoginFunc of a service whose generated operations
// are ops: MD5 logs in with three arguments through the service's login
// operation, the other algorithms through withAlgo, which calls the generated
// Login method so that algo carries the WSDL's type.
func LoginWith(ops []soap.Operation, withAlgo LoginFunc) LoginFunc {
	op, ok := findOperation(ops, "login")
	if !ok {
		panic("twocheckout: the generated service has no login operation")
	}
	return func(ctx context.Context, raw soap.Caller, code, date, hash, algo string) (string, error) {
		if algo != MD5 {
			return withAlgo(ctx, raw, code, date, hash, algo)
		}
		var id string
		err := raw.Call(ctx, &op, []soap.Param{
			{Name: xml.Name{Local: "merchantCode"}, Value: code},
			{Name: xml.Name{Local: "date"}, Value: date},
			{Name: xml.Name{Local: "hash"}, Value: hash},
		}, &id)
		return id, err
	}
}

func findOperation(ops []soap.Operation, name string) (soap.Operation, bool) {
	for _, op := range ops {
		if op.Name == name {
			return op, true
		}
	}
	return soap.Operation{}, false
}
