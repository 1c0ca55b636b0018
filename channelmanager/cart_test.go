package channelmanager

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tco-go/twocheckout"
)

// fakeChannelManager answers every Channel Manager call with true (login
// with a session ID) and hangs up after reading placeOrder, or answers it
// with an empty order; with dropAdds it hangs up on addProduct too.
type fakeChannelManager struct {
	mu         sync.Mutex
	ops        []string
	emptyOrder bool
	dropAdds   bool
}

var opName = regexp.MustCompile(`<ns1:(\w+)>`)

func (f *fakeChannelManager) serve(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go f.handle(conn)
		}
	}()
	return "http://" + ln.Addr().String()
}

func (f *fakeChannelManager) handle(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(r)
		if err != nil {
			return
		}
		body, _ := io.ReadAll(req.Body)
		m := opName.FindSubmatch(body)
		if m == nil {
			return
		}
		op := string(m[1])
		f.mu.Lock()
		f.ops = append(f.ops, op)
		f.mu.Unlock()
		result := `<return>true</return>`
		switch {
		case op == "login":
			result = `<return>sess-1</return>`
		case op == "placeOrder" && f.emptyOrder:
			result = `<return/>`
		case op == "placeOrder", op == "addProduct" && f.dropAdds:
			return // hang up: the request was read, its answer is lost
		}
		resp := `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><r>` + result + `</r></SOAP-ENV:Body></SOAP-ENV:Envelope>`
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n%s", len(resp), resp)
	}
}

func (f *fakeChannelManager) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, o := range f.ops {
		if o == op {
			n++
		}
	}
	return n
}

func newPartner(t *testing.T, f *fakeChannelManager) *Partner {
	cm, err := New(twocheckout.Config{MerchantCode: "M", SecretKey: "K", Endpoint: f.serve(t)})
	require.NoError(t, err)
	p, err := cm.Partner("P1")
	require.NoError(t, err)
	return p
}

var oneItem = Cart{Items: []CartItem{{ProductID: 1, PricingListCode: "PL"}}, ExternalReference: "ext-1"}

// placeOrder sent, answer lost: ErrOutcomeUnknown, and the cart is not
// placed again.
func TestPlaceOrderLostAnswerIsNotRetried(t *testing.T) {
	f := &fakeChannelManager{}
	_, err := newPartner(t, f).PlaceOrder(context.Background(), oneItem)
	require.ErrorIs(t, err, twocheckout.ErrOutcomeUnknown)
	require.Equal(t, 1, f.count("placeOrder"))
	require.Equal(t, 1, f.count("login"))
}

// placeOrder answered without an order: the caller cannot know whether an
// order exists, so that is an unknown outcome too, not a nil order.
func TestPlaceOrderWithoutAnOrderIsUnknown(t *testing.T) {
	f := &fakeChannelManager{emptyOrder: true}
	order, err := newPartner(t, f).PlaceOrder(context.Background(), oneItem)
	require.Nil(t, order)
	require.ErrorIs(t, err, twocheckout.ErrOutcomeUnknown)
	require.Equal(t, 1, f.count("placeOrder"))
}

// When every addProduct loses its answer, the cart starts again on a fresh
// session, at most maxCartAttempts times, never sends placeOrder, and the
// error says the outcome is known: nothing was placed.
func TestFailureBeforePlaceOrderIsKnown(t *testing.T) {
	f := &fakeChannelManager{dropAdds: true}
	_, err := newPartner(t, f).PlaceOrder(context.Background(), oneItem)
	require.Error(t, err)
	require.False(t, errors.Is(err, twocheckout.ErrOutcomeUnknown), "%v", err)
	require.Equal(t, maxCartAttempts, f.count("login"))
	require.Equal(t, maxCartAttempts, f.count("addProduct"))
	require.Equal(t, 0, f.count("placeOrder"))
}
