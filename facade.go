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
	"log/slog"
	"net/http"
	"time"

	"github.com/tco-go/twocheckout/gen/soap60"
	"github.com/tco-go/twocheckout/internal/core"
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
type Option = core.Option

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = core.DefaultTimeout

// WithHTTPClient sends every call through c (proxies, TLS settings,
// instrumentation). TLS verification stays as c configures it.
func WithHTTPClient(c *http.Client) Option { return func(o *core.Options) { o.HTTPClient = c } }

// WithClock replaces time.Now for the login date and session expiry.
func WithClock(now func() time.Time) Option { return func(o *core.Options) { o.Now = now } }

// WithLogger logs one record per call: operation, duration and outcome.
// Arguments, results, hashes and session IDs are never logged.
func WithLogger(l *slog.Logger) Option { return func(o *core.Options) { o.Logger = l } }

// WithTimeout sets the deadline of calls whose context has none
// (DefaultTimeout by default; zero or less disables it).
func WithTimeout(d time.Duration) Option { return func(o *core.Options) { o.Timeout = d } }

// WithMaxResponseBytes limits the size of a response body (32 MiB by default).
func WithMaxResponseBytes(n int64) Option { return func(o *core.Options) { o.MaxBytes = n } }

// Client calls the 2Checkout SOAP API 6.0. Its methods are those of
// soap60.Client. It is safe for concurrent use.
type Client struct {
	*soap60.Client
	conn *core.Conn
}

// New returns a client for the merchant account in cfg. It does not log in
// until the first call.
func New(cfg Config, opts ...Option) (*Client, error) {
	if cfg.Endpoint == "" {
		cfg.Endpoint = soap60.DefaultEndpoint
	}
	login := core.LoginWith(soap60.Operations(), func(ctx context.Context, raw soap.Caller, code, date, hash, algo string) (string, error) {
		return soap60.NewClient(raw).Login(ctx, code, date, hash, soap60.LoginAlgo(algo))
	})
	conn, err := core.NewConn(cfg.account(), login, nil, core.BuildOptions(opts))
	if err != nil {
		return nil, err
	}
	return &Client{Client: soap60.NewClient(conn), conn: conn}, nil
}

func (cfg Config) account() core.Account {
	return core.Account{MerchantCode: cfg.MerchantCode, SecretKey: cfg.SecretKey, Algo: string(cfg.Algo), Endpoint: cfg.Endpoint}
}

// SessionID logs in if needed and returns the current session ID, for calls
// made outside this client. Treat it as a secret.
func (c *Client) SessionID(ctx context.Context) (string, error) {
	return c.conn.SessionID(ctx)
}
