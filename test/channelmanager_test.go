package test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/channelmanager"
	"github.com/tco-go/twocheckout/test/phpserver"
)

func startChannelManager(t *testing.T, opts phpserver.Options) (*phpserver.Server, *channelmanager.Client) {
	t.Helper()
	requirePHP(t)
	opts.WSDL, opts.MerchantCode, opts.SecretKey = "wsdl/channel-manager-2.1.wsdl", merchantCode, secretKey
	opts.RequirePartner, opts.Cart = true, true
	srv := phpserver.Start(t, opts)
	cm, err := channelmanager.New(twocheckout.Config{MerchantCode: merchantCode, SecretKey: secretKey, Endpoint: srv.URL})
	require.NoError(t, err)
	return srv, cm
}

// sessionOf returns the session ID argument of each call, "" for login.
func opsBySession(calls []phpserver.Call) map[string][]string {
	out := map[string][]string{}
	for _, c := range calls {
		if c.Op == "login" {
			continue
		}
		var sid string
		_ = jsonString(c.Args[0], &sid)
		out[sid] = append(out[sid], c.Op)
	}
	return out
}

func TestPartnerFreeCallsNeedNoPartner(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	_, err := cm.GetPartnerByCode(context.Background(), "P1")
	require.NoError(t, err)
	_, err = cm.SearchPartners(context.Background(), "Acme")
	require.NoError(t, err)
	ops := []string{}
	for _, c := range srv.Calls() {
		ops = append(ops, c.Op)
	}
	require.Equal(t, []string{"login", "getPartnerByCode", "searchPartners"}, ops)
}

// The double refuses partner-scoped calls without setPartner; a partner
// handle calls setPartner after login, before its first call.
func TestPartnerHandleSelectsPartnerAfterLogin(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	_, err = p.GetPartnerPricingLists(context.Background())
	require.NoError(t, err)
	ops := []string{}
	for _, c := range srv.Calls() {
		ops = append(ops, c.Op)
	}
	require.Equal(t, []string{"login", "setPartner", "getPartnerPricingLists"}, ops)
	require.Equal(t, "P1", srv.Sessions()[0].Partner)

	_, err = p.SetPartner(context.Background(), "OTHER")
	require.ErrorIs(t, err, channelmanager.ErrOtherPartner)
	require.Equal(t, "P1", srv.Sessions()[0].Partner)

	_, err = cm.Partner("")
	require.ErrorIs(t, err, channelmanager.ErrNoPartnerCode)
}

// A session that the server expires underneath a partner handle is renewed,
// and the partner restored, before the call is replayed.
func TestExpiredSessionRestoresPartnerAndReplays(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	_, err = p.GetPartnerPricingLists(context.Background())
	require.NoError(t, err)
	srv.ExpireSessions()
	_, err = p.GetPartnerPricingLists(context.Background())
	require.NoError(t, err)
	ops := []string{}
	for _, c := range srv.Calls() {
		ops = append(ops, c.Op)
	}
	require.Equal(t, []string{
		"login", "setPartner", "getPartnerPricingLists",
		"getPartnerPricingLists", // refused: INVALID_SESSION
		"login", "setPartner", "getPartnerPricingLists",
	}, ops)
	sessions := srv.Sessions()
	require.Len(t, sessions, 2)
	require.Equal(t, "P1", sessions[1].Partner)
}

func TestPartnersNeverShareASession(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	a, err := cm.Partner("A")
	require.NoError(t, err)
	b, err := cm.Partner("B")
	require.NoError(t, err)
	for _, p := range []*channelmanager.Partner{a, b, a, b} {
		_, err := p.GetPartnerPricingLists(context.Background())
		require.NoError(t, err)
	}
	sessions := srv.Sessions()
	require.Len(t, sessions, 2, "one session per handle, each reused")
	require.ElementsMatch(t, []string{"A", "B"}, []string{sessions[0].Partner, sessions[1].Partner})
}

func testCart(first int) channelmanager.Cart {
	return channelmanager.Cart{
		Items: []channelmanager.CartItem{
			{ProductID: first, Quantity: 2, PriceOptions: []string{"a", "b"}, PricingListCode: "PL1"},
			{ProductID: first + 1, PricingListCode: "PL1"},
			{ProductID: first + 2, Quantity: 5, PricingListCode: "PL2"},
		},
		ExternalReference: fmt.Sprintf("ext-%d", first),
		Comment:           "thanks",
	}
}

func requireOrderHasCart(t *testing.T, o phpserver.PlacedOrder, cart channelmanager.Cart) {
	t.Helper()
	require.Len(t, o.Items, len(cart.Items))
	for i, item := range cart.Items {
		require.Equal(t, item.ProductID, o.Items[i].ProductID)
		require.Equal(t, item.PricingListCode, *o.Items[i].PricingListCode)
		if item.Quantity != 0 {
			require.Equal(t, item.Quantity, *o.Items[i].Quantity)
		}
	}
	require.Equal(t, cart.ExternalReference, *o.ExternalRef)
	require.Equal(t, cart.Comment, *o.Comment)
}

func TestCartIsPlacedInOneSession(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	cart := testCart(100)
	order, err := p.PlaceOrder(context.Background(), cart)
	require.NoError(t, err)
	orders := srv.Orders()
	require.Len(t, orders, 1)
	require.Equal(t, orders[0].RefNo, order.RefNo)
	require.Equal(t, "P1", *orders[0].Partner)
	requireOrderHasCart(t, orders[0], cart)
	bySession := opsBySession(srv.Calls())
	require.Equal(t, []string{"setPartner", "clearProducts", "addProduct", "addProduct", "addProduct", "setExternalRef", "setComment", "placeOrder"}, bySession[orders[0].Session])
}

func TestConcurrentCartsUseSeparateSessions(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	const carts = 8
	var wg sync.WaitGroup
	for i := range carts {
		wg.Go(func() {
			_, err := p.PlaceOrder(context.Background(), testCart(1000*(i+1)))
			require.NoError(t, err)
		})
	}
	wg.Wait()
	orders := srv.Orders()
	require.Len(t, orders, carts)
	var sessions []string
	var firsts []int
	for _, o := range orders {
		requireOrderHasCart(t, o, testCart(o.Items[0].ProductID))
		sessions = append(sessions, o.Session)
		firsts = append(firsts, o.Items[0].ProductID)
	}
	require.ElementsMatch(t, []int{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000}, firsts, "each cart placed once")
	slices.Sort(sessions)
	require.Len(t, slices.Compact(sessions), carts, "every cart had a session of its own")
}

// The session dies at the second addProduct: the partial cart is dropped and
// the whole cart is placed, once, from a fresh login.
func TestCartSessionLostMidwayStartsAgain(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{ExpireAtAdd: 2})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	cart := testCart(7)
	_, err = p.PlaceOrder(context.Background(), cart)
	require.NoError(t, err)
	orders := srv.Orders()
	require.Len(t, orders, 1)
	requireOrderHasCart(t, orders[0], cart)
	logins, placeOrders := 0, 0
	for _, c := range srv.Calls() {
		switch c.Op {
		case "login":
			logins++
		case "placeOrder":
			placeOrders++
		}
	}
	require.Equal(t, 2, logins)
	require.Equal(t, 1, placeOrders)
}

func TestPlaceOrderRejectsEmptyCart(t *testing.T) {
	_, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	_, err = p.PlaceOrder(context.Background(), channelmanager.Cart{})
	require.ErrorIs(t, err, channelmanager.ErrEmptyCartRequest)
}

// A cart built one call at a time on a partner handle never goes on on a new
// session: after the server expires the session, the next cart operation
// fails with ErrSessionChanged, and no partial order is placed.
func TestOneByOneCartStopsWhenTheSessionChanges(t *testing.T) {
	srv, cm := startChannelManager(t, phpserver.Options{})
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	ctx := context.Background()
	_, err = p.ClearProducts(ctx)
	require.NoError(t, err)
	_, err = p.AddProduct(ctx, 1, nil, nil, "PL1")
	require.NoError(t, err)
	srv.ExpireSessions()
	_, err = p.AddProduct(ctx, 2, nil, nil, "PL1")
	require.ErrorIs(t, err, channelmanager.ErrSessionChanged)
	_, err = p.Client.PlaceOrder(ctx)
	require.Error(t, err, "the new session's cart is empty")
	require.Empty(t, srv.Orders(), "no partial order")

	// Starting again works.
	_, err = p.ClearProducts(ctx)
	require.NoError(t, err)
	_, err = p.AddProduct(ctx, 1, nil, nil, "PL1")
	require.NoError(t, err)
	_, err = p.Client.PlaceOrder(ctx)
	require.NoError(t, err)
	require.Len(t, srv.Orders(), 1)
}
