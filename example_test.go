package twocheckout_test

import (
	"context"
	"errors"
	"log"
	"os"

	"github.com/tco-go/twocheckout"
	"github.com/tco-go/twocheckout/gen/soap60"
)

// Placing an order, and telling a refusal from an unknown outcome.
func ExampleNew() {
	ctx := context.Background()
	client, err := twocheckout.New(twocheckout.Config{
		MerchantCode: "YOURCODE123",
		SecretKey:    os.Getenv("TCO_SECRET_KEY"),
		Algo:         twocheckout.SHA256,
	})
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.PlaceOrder(ctx, &soap60.Order{
		Currency:          new("USD"),
		Country:           new("US"),
		ExternalReference: new("my-order-42"),
		Items:             soap60.OrderItemArray{{Code: new("PRODUCT1"), Quantity: new(1)}},
	})
	var apiErr *twocheckout.APIError
	switch {
	case errors.Is(err, twocheckout.ErrOutcomeUnknown):
		// The request may have been processed: look the order up by its
		// ExternalReference instead of placing it again.
	case errors.As(err, &apiErr):
		log.Printf("refused: %s %s", apiErr.Code, apiErr.Message)
	case err == nil:
		log.Printf("placed %s", *order.RefNo)
	}
}
