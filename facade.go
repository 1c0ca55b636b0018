// Package twocheckout is a client for 2Checkout's SOAP API 6.0.
//
// New returns a Client whose methods are the API's operations, generated
// from wsdl/soap-6.0.wsdl into package gen/soap60: PlaceOrder, GetOrder,
// SearchSubscriptions and so on, each taking a context and the operation's
// parameters in documented order. The client logs in on first use, shares one
// session among all goroutines, renews it before it expires, and turns API
// faults into *APIError values that errors.Is matches against the ErrorCode
// constants.
package twocheckout

import (
	"context"
	"encoding/xml"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/tco-go/twocheckout/gen/soap60"
	"github.com/tco-go/twocheckout/soap"
)

// Config identifies the merchant account.
type Config struct {
	// MerchantCode is the account's merchant code.
	MerchantCode string
	// SecretKey is the account's secret key; it only keys the login hash
	// and never leaves the process.
	SecretKey string
	// Algo is the login hash algorithm; empty means SHA256.
	Algo HashAlgo
	// Endpoint overrides the service URL (soap60.DefaultEndpoint).
	Endpoint string
}

// Option configures a client.
type Option func(*options)

type options struct {
	httpClient *http.Client
	now        func() time.Time
	logger     *slog.Logger
	timeout    time.Duration
	maxBytes   int64
}

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = time.Minute

// WithHTTPClient sends every call through c (proxies, TLS settings,
// instrumentation). TLS verification stays as c configures it.
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.httpClient = c } }

// WithClock replaces time.Now for the login date and session expiry.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithLogger logs one record per call: operation, duration and outcome.
// Arguments, results, hashes and session IDs are never logged.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithTimeout sets the deadline of calls whose context has none
// (DefaultTimeout by default; zero or less disables it).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithMaxResponseBytes limits the size of a response body (32 MiB by default).
func WithMaxResponseBytes(n int64) Option { return func(o *options) { o.maxBytes = n } }

func buildOptions(opts []Option) options {
	o := options{now: time.Now, timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Client calls the 2Checkout SOAP API 6.0. Its methods are those of
// soap60.Client. It is safe for concurrent use.
type Client struct {
	*soap60.Client
	conn *conn
}

// New returns a client for the merchant account in cfg. It does not log in
// until the first call.
func New(cfg Config, opts ...Option) (*Client, error) {
	if cfg.Endpoint == "" {
		cfg.Endpoint = soap60.DefaultEndpoint
	}
	login := func(ctx context.Context, raw soap.Caller, code, date, hash string, algo HashAlgo) (string, error) {
		if algo == MD5 {
			return loginWithoutAlgo(ctx, raw, findOperation(soap60.Operations(), "login"), code, date, hash)
		}
		return soap60.NewClient(raw).Login(ctx, code, date, hash, soap60.LoginAlgo(algo))
	}
	c, err := newConn(cfg, login, buildOptions(opts))
	if err != nil {
		return nil, err
	}
	return &Client{Client: soap60.NewClient(c), conn: c}, nil
}

// SessionID logs in if needed and returns the current session ID, for calls
// made outside this client. Treat it as a secret.
func (c *Client) SessionID(ctx context.Context) (string, error) {
	return c.conn.sess.get(ctx)
}

// loginFunc calls the service's login operation through raw.
type loginFunc func(ctx context.Context, raw soap.Caller, merchantCode, date, hash string, algo HashAlgo) (string, error)

// loginWithoutAlgo logs in with the three arguments of an MD5 login.
func loginWithoutAlgo(ctx context.Context, raw soap.Caller, op soap.Operation, code, date, hash string) (string, error) {
	var id string
	err := raw.Call(ctx, &op, []soap.Param{
		{Name: xml.Name{Local: "merchantCode"}, Value: code},
		{Name: xml.Name{Local: "date"}, Value: date},
		{Name: xml.Name{Local: "hash"}, Value: hash},
	}, &id)
	return id, err
}

func findOperation(ops []soap.Operation, name string) soap.Operation {
	for _, op := range ops {
		if op.Name == name {
			return op
		}
	}
	panic("twocheckout: generated code has no operation " + name)
}

// conn is the caller chain behind a client: deadline, logging and errors,
// then the session, then the SOAP transport.
type conn struct {
	cfg     Config
	opts    options
	soap    *soap.Client
	sess    *session
	login   loginFunc
	caller  soap.Caller
	redact  redactor
	lastKey string // the most recent login hash, redacted from errors
}

func newConn(cfg Config, login loginFunc, o options) (*conn, error) {
	if cfg.MerchantCode == "" || cfg.SecretKey == "" {
		return nil, errors.New("twocheckout: Config needs MerchantCode and SecretKey")
	}
	if cfg.Algo == "" {
		cfg.Algo = SHA256
	}
	if _, err := LoginHash(cfg.Algo, "", "", ""); err != nil {
		return nil, err
	}
	var sopts []soap.Option
	if o.httpClient != nil {
		sopts = append(sopts, soap.WithHTTPClient(o.httpClient))
	}
	if o.maxBytes > 0 {
		sopts = append(sopts, soap.WithMaxResponseBytes(o.maxBytes))
	}
	sc, err := soap.NewClient(cfg.Endpoint, sopts...)
	if err != nil {
		return nil, err
	}
	c := &conn{cfg: cfg, opts: o, soap: sc, login: login}
	c.sess = &session{login: c.doLogin, now: o.now}
	c.redact = redactor{secrets: c.secrets}
	c.caller = &sessionCaller{next: sc, sess: c.sess}
	return c, nil
}

func (c *conn) secrets() []string {
	c.sess.mu.Lock()
	defer c.sess.mu.Unlock()
	return []string{c.cfg.SecretKey, c.sess.id, c.lastKey}
}

// doLogin logs in with a fresh hash.
func (c *conn) doLogin(ctx context.Context) (string, error) {
	date := c.opts.now().UTC().Format(DateLayout)
	hash, err := LoginHash(c.cfg.Algo, c.cfg.MerchantCode, c.cfg.SecretKey, date)
	if err != nil {
		return "", err
	}
	c.sess.mu.Lock()
	c.lastKey = hash
	c.sess.mu.Unlock()
	start := c.opts.now()
	id, err := c.login(ctx, c.soap, c.cfg.MerchantCode, date, hash, c.cfg.Algo)
	c.logCall(ctx, "login", start, err)
	if err == nil && id == "" {
		err = errors.New("twocheckout: login returned an empty session ID")
	}
	return id, c.redact.wrap("login", err)
}

// Call implements soap.Caller for the generated client.
func (c *conn) Call(ctx context.Context, op *soap.Operation, params []soap.Param, result any) error {
	if c.opts.timeout > 0 {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, c.opts.timeout)
			defer cancel()
		}
	}
	start := c.opts.now()
	err := c.caller.Call(ctx, op, params, result)
	c.logCall(ctx, op.Name, start, err)
	return c.redact.wrap(op.Name, err)
}

func (c *conn) logCall(ctx context.Context, op string, start time.Time, err error) {
	if c.opts.logger == nil {
		return
	}
	attrs := []slog.Attr{slog.String("operation", op), slog.Duration("duration", c.opts.now().Sub(start))}
	var f *soap.Fault
	switch {
	case err == nil:
		attrs = append(attrs, slog.String("outcome", "ok"))
	case errors.As(err, &f):
		attrs = append(attrs, slog.String("outcome", "fault"), slog.String("code", f.Code))
	case errors.Is(err, ErrOutcomeUnknown):
		attrs = append(attrs, slog.String("outcome", "unknown"), slog.String("error", c.redact.clean(err.Error())))
	default:
		attrs = append(attrs, slog.String("outcome", "error"), slog.String("error", c.redact.clean(err.Error())))
	}
	level := slog.LevelInfo
	if err != nil {
		level = slog.LevelWarn
	}
	c.opts.logger.LogAttrs(ctx, level, "twocheckout call", attrs...)
}

var _ soap.Caller = (*conn)(nil)
