package channelmanager

import (
	"context"
	"errors"
	"fmt"

	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/gen/channelmanager21"
	"github.com/tco-go/twocheckout/internal/core"
)

// Cart is an order for a partner: the products to buy and the details set on
// the order before it is placed.
type Cart struct {
	Items []CartItem
	// ExternalReference, when set, is sent with setExternalRef: use it to
	// find the order again if placing it ends with ErrOutcomeUnknown.
	ExternalReference string
	// Comment, when set, is sent with setComment.
	Comment string
}

// CartItem is one product in a Cart.
type CartItem struct {
	// ProductID is the product's 2Checkout ID.
	ProductID int
	// Quantity is how many; zero leaves it to the server (one).
	Quantity int
	// PriceOptions are the price option codes chosen.
	PriceOptions []string
	// PricingListCode is the partner pricing list to price the product from.
	PricingListCode string
}

// maxCartAttempts is how many fresh sessions PlaceOrder uses at most.
const maxCartAttempts = 3

// errSessionTooOld stops a cart whose session would expire before the order
// is placed.
var errSessionTooOld = errors.New("channelmanager: the cart's session is too close to expiry to place the order")

// errNoOrder is the error for a placeOrder answer without an order reference.
var errNoOrder = fmt.Errorf("channelmanager: placeOrder answered without an order reference: %w", twocheckout.ErrOutcomeUnknown)

// ErrEmptyCartRequest is returned by PlaceOrder for a cart without items.
var ErrEmptyCartRequest = errors.New("channelmanager: the cart has no items")

// PlaceOrder places cart as one order: on a session of its own (so that
// concurrent carts never mix), it logs in, selects the partner, clears the
// cart, adds every item, sets the external reference and comment, and places
// the order. If the session is lost before the order is placed, it starts
// again from a fresh login rather than place a partial cart. If placeOrder
// itself ends with an unknown outcome, the error matches
// twocheckout.ErrOutcomeUnknown and nothing is retried.
//
// The cart operations stay available one by one on p (AddProduct,
// ClearProducts, ..., and the raw p.Client.PlaceOrder).
func (p *Partner) PlaceOrder(ctx context.Context, cart Cart) (*channelmanager21.Order, error) {
	if len(cart.Items) == 0 {
		return nil, ErrEmptyCartRequest
	}
	var lastErr error
	for range maxCartAttempts {
		session, err := p.conn.Fresh(ctx)
		if err != nil {
			return nil, err
		}
		order, placing, err := placeCart(ctx, session, cart)
		if err == nil {
			return order, nil
		}
		restart := restartable(err, placing)
		if !placing {
			// Nothing was placed: whatever the step lost, the order's
			// outcome is known.
			err = core.NotSent(err)
		}
		if !restart {
			return nil, err
		}
		lastErr = err
	}
	return nil, core.NotSent(fmt.Errorf("channelmanager: cart not placed after %d sessions: %w", maxCartAttempts, lastErr))
}

// restartable reports whether a cart that failed with err may start again
// on a new session: before placeOrder anything that lost the session or the
// cart's state; at placeOrder only a session rejected by its fault code
// (refused before it ran), never on the message alone.
func restartable(err error, placing bool) bool {
	if placing {
		return core.RejectedByCode(err)
	}
	return core.Rejected(err) || errors.Is(err, errSessionTooOld) || errors.Is(err, twocheckout.ErrOutcomeUnknown)
}

// placeCart runs the cart's calls on one session. placing reports whether
// placeOrder was sent.
func placeCart(ctx context.Context, s *core.Session, cart Cart) (order *channelmanager21.Order, placing bool, err error) {
	c := channelmanager21.NewClient(s)
	if err := check(c.ClearProducts(ctx)); err != nil {
		return nil, false, err
	}
	for i, item := range cart.Items {
		var quantity *int
		if item.Quantity != 0 {
			quantity = &item.Quantity
		}
		if err := check(c.AddProduct(ctx, item.ProductID, quantity, item.PriceOptions, item.PricingListCode)); err != nil {
			return nil, false, fmt.Errorf("item %d (product %d): %w", i, item.ProductID, err)
		}
	}
	if cart.ExternalReference != "" {
		if err := check(c.SetExternalRef(ctx, cart.ExternalReference)); err != nil {
			return nil, false, err
		}
	}
	if cart.Comment != "" {
		if err := check(c.SetComment(ctx, cart.Comment)); err != nil {
			return nil, false, err
		}
	}
	if s.LifeLeft() <= 0 {
		return nil, false, errSessionTooOld
	}
	order, err = c.PlaceOrder(ctx)
	if err == nil && (order == nil || order.RefNo == "") {
		// The server answered, but not with an order: whether one was
		// placed cannot be told from here.
		err = errNoOrder
	}
	return order, true, err
}

// check turns a false answer of a cart operation into an error.
func check(ok bool, err error) error {
	if err == nil && !ok {
		return errors.New("channelmanager: the server answered false")
	}
	return err
}
