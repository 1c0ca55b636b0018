// Package channelmanager is a client for 2Checkout's Channel Manager API 2.1,
// through which a merchant sells to and for its channel partners.
//
// New returns a Client for the calls that need no partner (GetPartnerByCode,
// GetPartnerSingleSignOn, SearchPartners). Client.Partner returns a handle
// whose methods are every generated operation (package gen/channelmanager21),
// run on a session of the handle's own in which setPartner has selected the
// partner: after every login, before any partner-scoped call. Partner.PlaceOrder
// turns the server-side cart into one call.
package channelmanager

import (
	"context"
	"errors"

	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/gen/channelmanager21"
	"github.com/tco-go/twocheckout/internal/core"
	"github.com/tco-go/twocheckout/soap"
)

// Client makes the Channel Manager calls that need no partner. It is safe
// for concurrent use; its session is shared by its goroutines.
type Client struct {
	conn *core.Conn
	gen  *channelmanager21.Client
}

// New returns a client for the merchant account in cfg; cfg.Endpoint
// defaults to channelmanager21.DefaultEndpoint. The options are those of
// package twocheckout. It does not log in until the first call.
func New(cfg twocheckout.Config, opts ...twocheckout.Option) (*Client, error) {
	account := core.Account{MerchantCode: cfg.MerchantCode, SecretKey: cfg.SecretKey, Algo: string(cfg.Algo), Endpoint: cfg.Endpoint}
	if account.Endpoint == "" {
		account.Endpoint = channelmanager21.DefaultEndpoint
	}
	conn, err := core.NewConn(account, login, nil, core.BuildOptions(opts))
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, gen: channelmanager21.NewClient(conn)}, nil
}

// login logs in to the Channel Manager, with algo as the optional fourth
// argument (three arguments for MD5).
var login = core.LoginWith(channelmanager21.Operations(), func(ctx context.Context, raw soap.Caller, code, date, hash, algo string) (string, error) {
	return channelmanager21.NewClient(raw).Login(ctx, code, date, hash, &algo)
})

// GetPartnerByCode returns the partner with the given code.
func (c *Client) GetPartnerByCode(ctx context.Context, partnerCode string) (*channelmanager21.Partner, error) {
	return c.gen.GetPartnerByCode(ctx, partnerCode)
}

// GetPartnerSingleSignOn returns a single sign-on link into the partner's
// area for the partner user with the given email.
func (c *Client) GetPartnerSingleSignOn(ctx context.Context, email, partnerCode, accessPage string, validityTime *int, validationIP *string) (string, error) {
	return c.gen.GetPartnerSingleSignOn(ctx, email, partnerCode, accessPage, validityTime, validationIP)
}

// SearchPartners returns the partners matching searchString.
func (c *Client) SearchPartners(ctx context.Context, searchString string) (channelmanager21.PartnerArray, error) {
	return c.gen.SearchPartners(ctx, searchString)
}

// SessionID logs in if needed and returns the session ID of the calls that
// need no partner. Treat it as a secret.
func (c *Client) SessionID(ctx context.Context) (string, error) {
	return c.conn.SessionID(ctx)
}

// Partner is a handle for one partner. Its methods are every Channel Manager
// operation (cart, orders, proformas, resellers, subscriptions, ...), run on a
// session that belongs to this handle alone and in which setPartner selected
// the partner after every login. It is safe for concurrent use, but a cart
// built with the one-by-one methods belongs to the handle's one session:
// prefer PlaceOrder, and expect ErrSessionChanged from a cart operation if the
// session was renewed midway. The embedded Client is the generated client on
// the same session (p.Client.PlaceOrder places the cart as it stands; its
// SetPartner is not guarded).
type Partner struct {
	*channelmanager21.Client
	code string
	conn *core.Conn
}

// ErrNoPartnerCode is returned by Client.Partner for an empty partner code.
var ErrNoPartnerCode = errors.New("channelmanager: empty partner code")

// Partner returns a handle for the partner with the given code. It logs in
// and selects the partner on its first call; it shares the client's HTTP
// connections but never its session.
func (c *Client) Partner(partnerCode string) (*Partner, error) {
	if partnerCode == "" {
		return nil, ErrNoPartnerCode
	}
	conn := c.conn.Derive(selectPartner(partnerCode), sessionState)
	return &Partner{Client: channelmanager21.NewClient(conn), code: partnerCode, conn: conn}, nil
}

// sessionState names the operations whose effect lives in the server-side
// session: the cart and the proforma being paid. A sequence of them that a
// renewed or replaced session would break fails with ErrSessionChanged
// instead of going on with a lost cart.
var sessionState = &core.Stateful{
	Ops: set("clearProducts", "addProduct", "deleteProduct", "getContents", "setExternalRef", "setComment",
		"placeOrder", "setProforma", "setPaymentDetails", "payProforma"),
	Starts: set("clearProducts", "setProforma"),
	Ends:   set("placeOrder", "payProforma"),
}

// ErrSessionChanged is returned by a cart or proforma operation of a Partner
// when its session was renewed or replaced since the previous one, so that
// the server-side cart is gone: start the cart again (or use
// Partner.PlaceOrder, which does).
var ErrSessionChanged = core.ErrSessionChanged

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Code returns the partner's code.
func (p *Partner) Code() string { return p.code }

// selectPartner is the setup step of a partner session: setPartner.
func selectPartner(code string) core.SetupFunc {
	return func(ctx context.Context, caller soap.Caller) error {
		ok, err := channelmanager21.NewClient(caller).SetPartner(ctx, code)
		if err == nil && !ok {
			err = errors.New("channelmanager: setPartner returned false")
		}
		return err
	}
}

// ErrOtherPartner is returned by Partner.SetPartner for a code other than
// the handle's: a handle's session belongs to its partner alone.
var ErrOtherPartner = errors.New("channelmanager: a partner handle cannot select another partner; use Client.Partner")

// SetPartner selects the handle's own partner again (the handle already does
// so after every login). Any other code is refused with ErrOtherPartner.
func (p *Partner) SetPartner(ctx context.Context, partnerCode string) (bool, error) {
	if partnerCode != p.code {
		return false, ErrOtherPartner
	}
	return p.Client.SetPartner(ctx, partnerCode)
}
