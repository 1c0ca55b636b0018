package soap

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"

	"golang.org/x/net/html/charset"
)

// DefaultMaxResponseBytes is the default limit on a response body.
const DefaultMaxResponseBytes = 32 << 20

// Client sends SOAP requests to one endpoint. It is safe for concurrent use
// and keeps connections alive across calls.
type Client struct {
	endpoint  string
	http      *http.Client
	maxBytes  int64
	userAgent string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client used for every call (for proxies, TLS
// settings, or instrumentation). By default a client with its own copy of
// http.DefaultTransport is used; deadlines come from each call's context.
//
// The client should not follow redirects: set its CheckRedirect to return
// http.ErrUseLastResponse. One that follows them turns the POST into a GET to
// the new location and tries to read whatever page is there as the answer;
// the default client instead reports a redirect as an *HTTPError. The client
// given is used as it is.
func WithHTTPClient(c *http.Client) Option {
	return func(cl *Client) {
		if c != nil {
			cl.http = c
		}
	}
}

// WithMaxResponseBytes sets the largest response body that is read; a larger
// one fails with ErrResponseTooLarge. The default is DefaultMaxResponseBytes.
func WithMaxResponseBytes(n int64) Option {
	return func(cl *Client) {
		if n > 0 {
			cl.maxBytes = n
		}
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(cl *Client) { cl.userAgent = ua }
}

// NewClient returns a client for the endpoint, an absolute http or https URL.
func NewClient(endpoint string, opts ...Option) (*Client, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("soap: invalid endpoint: %w", err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("soap: endpoint %q is not an absolute http(s) URL", endpoint)
	}
	c := &Client{
		endpoint:  endpoint,
		maxBytes:  DefaultMaxResponseBytes,
		userAgent: "tco-go-soap/1",
	}
	for _, o := range opts {
		o(c)
	}
	if c.http == nil {
		c.http = &http.Client{
			Transport: http.DefaultTransport.(*http.Transport).Clone(),
			// A SOAP call is a POST to one endpoint; following a redirect
			// would send a GET elsewhere. The 3xx is returned instead, and
			// reported as an *HTTPError.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return c, nil
}

// Endpoint returns the URL that requests are sent to.
func (c *Client) Endpoint() string { return c.endpoint }

// Call sends op with params and decodes the response into result, a pointer
// (nil when the operation returns nothing). A SOAP fault is returned as a
// *Fault; see ErrOutcomeUnknown for failures after the request was sent.
func (c *Client) Call(ctx context.Context, op *Operation, params []Param, result any) error {
	if result != nil {
		if rv := reflect.ValueOf(result); rv.Kind() != reflect.Pointer || rv.IsNil() {
			return fmt.Errorf("soap: %s: result must be a non-nil pointer, not %T", op.Name, result)
		}
	}
	body, err := EncodeRequest(op, params)
	if err != nil {
		return err
	}
	var sent atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				sent.Store(true)
			}
		},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("soap: %s: %w", op.Name, err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"`+op.Action+`"`)
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return &TransportError{Operation: op.Name, RequestSent: sent.Load(), Err: err}
	}
	defer func() {
		// Drain a little so that the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
	}()
	return c.readResponse(op, resp, result)
}

// readErr marks a failure of the connection while reading the body, as
// opposed to a body that is not well-formed.
type readErr struct{ err error }

func (e *readErr) Error() string { return e.err.Error() }
func (e *readErr) Unwrap() error { return e.err }

// bodyReader limits the body to max bytes, keeps its first bytes for error
// excerpts and marks read failures.
type bodyReader struct {
	r     io.Reader
	left  int64
	first []byte
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		if n, _ := b.r.Read(one[:]); n > 0 {
			return 0, ErrResponseTooLarge
		}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if room := maxExcerpt*2 - len(b.first); room > 0 {
		b.first = append(b.first, p[:min(n, room)]...)
	}
	if err != nil && err != io.EOF {
		err = &readErr{err}
	}
	return n, err
}

func (c *Client) readResponse(op *Operation, resp *http.Response, result any) error {
	br := &bodyReader{r: resp.Body, left: c.maxBytes}
	var r io.Reader = br
	ct := resp.Header.Get("Content-Type")
	preDecoded := false
	if _, params, err := mime.ParseMediaType(ct); err == nil {
		if label := params["charset"]; label != "" && !strings.EqualFold(label, "utf-8") && !strings.EqualFold(label, "utf8") {
			if conv, err := charset.NewReaderLabel(label, r); err == nil {
				r, preDecoded = conv, true
			}
		}
	}
	doc, err := parseEnvelope(r, preDecoded)
	if err != nil {
		var re *readErr
		switch {
		case errors.Is(err, ErrResponseTooLarge):
			return &ResponseError{Operation: op.Name, Err: fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, c.maxBytes)}
		case errors.As(err, &re):
			return &TransportError{Operation: op.Name, RequestSent: true, Err: re.err}
		}
		return &HTTPError{Operation: op.Name, StatusCode: resp.StatusCode, ContentType: ct, Excerpt: excerpt(br.first)}
	}
	if f := faultFrom(doc.body); f != nil {
		f.Operation, f.HTTPStatus = op.Name, resp.StatusCode
		return f
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &HTTPError{Operation: op.Name, StatusCode: resp.StatusCode, ContentType: ct, Excerpt: excerpt(br.first)}
	}
	if result == nil {
		return nil
	}
	if err := decodeResult(doc, op, result); err != nil {
		return &ResponseError{Operation: op.Name, Err: err}
	}
	return nil
}

// decodeResult decodes the operation's result from a parsed response.
func decodeResult(doc *document, op *Operation, result any) error {
	el := doc.body.firstElement()
	if el == nil {
		return errors.New("the Body is empty")
	}
	if !op.WholeResponse {
		if el = el.firstElement(); el == nil {
			return errors.New("the response element holds no result")
		}
	}
	return newDecoder(doc).decode(el, reflect.ValueOf(result).Elem(), 0)
}
