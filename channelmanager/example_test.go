package channelmanager_test

import (
	"context"
	"errors"
	"log"
	"os"

	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/channelmanager"
)

// Placing a partner order as one call.
func ExampleNew() {
	ctx := context.Background()
	cm, err := channelmanager.New(twocheckout.Config{MerchantCode: "YOURCODE123", SecretKey: os.Getenv("TCO_SECRET_KEY")})
	if err != nil {
		log.Fatal(err)
	}
	partner, err := cm.Partner("PARTNER1")
	if err != nil {
		log.Fatal(err)
	}
	order, err := partner.PlaceOrder(ctx, channelmanager.Cart{
		Items:             []channelmanager.CartItem{{ProductID: 4639321, Quantity: 2, PricingListCode: "PL1"}},
		ExternalReference: "po-2026-117",
	})
	switch {
	case errors.Is(err, twocheckout.ErrOutcomeUnknown):
		// Look the order up by its external reference before trying again.
	case errors.Is(err, twocheckout.ErrInvalidPartner):
		log.Print("unknown partner")
	case err == nil:
		log.Printf("placed %s", order.RefNo)
	}
}
