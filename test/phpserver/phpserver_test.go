package phpserver

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testCode = "AVANGATE"
	testDate = "2010-05-13 12:12:12"
	testKey  = "SECRET_KEY"

	nsOrder   = "urn:order"
	nsChannel = "urn:channelmanager"

	wsdlOrder   = "wsdl/soap-6.0.wsdl"
	wsdlChannel = "wsdl/channel-manager-2.1.wsdl"
)

// ---- hand-written SOAP, in the exact form of PHP's SoapClient ----

// envelope is a request as PHP's SoapClient writes it (php-ext-soap-wire.md).
func envelope(ns, op, parts string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="` + ns +
		`" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"` +
		` SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
		`<SOAP-ENV:Body><ns1:` + op + `>` + parts + `</ns1:` + op + `></SOAP-ENV:Body></SOAP-ENV:Envelope>` + "\n"
}

func str(name, v string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(v))
	return `<` + name + ` xsi:type="xsd:string">` + b.String() + `</` + name + `>`
}

func null(name string) string { return `<` + name + ` xsi:nil="true"/>` }

type reply struct {
	status int
	raw    string
	env    xnode
}

func post(t *testing.T, s *Server, ns, op, parts string) reply {
	t.Helper()
	r, err := postE(s, ns, op, parts)
	require.NoError(t, err)
	return r
}

// postE is post for goroutines other than the test's: it returns errors.
func postE(s *Server, ns, op, parts string) (reply, error) {
	req, err := http.NewRequest(http.MethodPost, s.URL, strings.NewReader(envelope(ns, op, parts)))
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"`+ns+`#`+op+`"`)
	req.Header.Set("User-Agent", "PHP-SOAP/8.2.36")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	r := reply{status: resp.StatusCode, raw: string(body)}
	if err := xml.Unmarshal(body, &r.env); err != nil {
		return r, fmt.Errorf("response %q: %w", body, err)
	}
	return r, nil
}

// text returns the text of <return> of a successful response.
func (r reply) text(op string) (string, error) {
	if r.status != http.StatusOK {
		return "", fmt.Errorf("HTTP %d: %s", r.status, r.raw)
	}
	cur := r.env
	for _, l := range []string{"Body", op + "Response", "return"} {
		c, ok := cur.child(l)
		if !ok {
			return "", fmt.Errorf("no <%s> in %s", l, r.raw)
		}
		cur = c
	}
	return cur.Text, nil
}

// xnode is a generic XML element.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xnode    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n xnode) child(local string) (xnode, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			return c, true
		}
	}
	return xnode{}, false
}

func (n xnode) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n xnode) path(t *testing.T, locals ...string) xnode {
	t.Helper()
	cur := n
	for _, l := range locals {
		c, ok := cur.child(l)
		require.True(t, ok, "no <%s> in <%s>", l, cur.XMLName.Local)
		cur = c
	}
	return cur
}

// result returns <return> of a successful response.
func (r reply) result(t *testing.T, op string) xnode {
	t.Helper()
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.raw)
	return r.env.path(t, "Body", op+"Response", "return")
}

// fault returns faultcode and faultstring of a fault response (HTTP 500).
func (r reply) fault(t *testing.T) (code, msg string) {
	t.Helper()
	require.Equal(t, http.StatusInternalServerError, r.status, "body: %s", r.raw)
	f := r.env.path(t, "Body", "Fault")
	return f.path(t, "faultcode").Text, f.path(t, "faultstring").Text
}

func sign(algo, code, date, key string) string {
	var h func() hash.Hash
	switch algo {
	case "":
		h = md5.New
	case "sha256":
		h = sha256.New
	case "sha3-256":
		h = func() hash.Hash { return sha3.New256() }
	default:
		panic(algo)
	}
	m := hmac.New(h, []byte(key))
	fmt.Fprintf(m, "%d%s%d%s", len(code), code, len(date), date)
	return hex.EncodeToString(m.Sum(nil))
}

// login logs in with a correct hash; algo "" sends 3 parts (HMAC-MD5).
func login(t *testing.T, s *Server, ns, algo string) string {
	t.Helper()
	parts := str("merchantCode", testCode) + str("date", testDate) + str("hash", sign(algo, testCode, testDate, testKey))
	if algo != "" {
		parts += str("algo", algo)
	}
	return post(t, s, ns, "login", parts).result(t, "login").Text
}

var sessionID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ---- tests ----

func TestSignTestVector(t *testing.T) {
	assert.Equal(t, "bf763db7d333e9c3038698cf59ada3e6", sign("", testCode, testDate, testKey))
	assert.Equal(t, "29e85dbf92ce0113e7755c31c0438a7db98a4de9f910bf0a527e005f35e43739", sign("sha256", testCode, testDate, testKey))
}

type fakeTB struct {
	testing.TB
	skipped, fatal string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skip(args ...any) { f.skipped = fmt.Sprint(args...); panic(f) }

func (f *fakeTB) Fatal(args ...any) { f.fatal = fmt.Sprint(args...); panic(f) }

func runFake(f *fakeTB, fn func(testing.TB)) {
	defer func() {
		if r := recover(); r != nil && r != f {
			panic(r)
		}
	}()
	fn(f)
}

func TestMissingPHPSkipsOrFailsUnderCI(t *testing.T) {
	missing := fmt.Errorf(`exec: "php": executable file not found in $PATH`)

	t.Setenv("CI", "")
	f := &fakeTB{TB: t}
	runFake(f, func(tb testing.TB) { requirePHP(tb, missing) })
	assert.Contains(t, f.skipped, "PHP with ext/soap not found: apt-get install -y php-cli php-soap")
	assert.Empty(t, f.fatal)

	t.Setenv("CI", "true")
	f = &fakeTB{TB: t}
	runFake(f, func(tb testing.TB) { requirePHP(tb, missing) })
	assert.Contains(t, f.fatal, "PHP with ext/soap not found: apt-get install -y php-cli php-soap")
	assert.Empty(t, f.skipped)

	f = &fakeTB{TB: t}
	runFake(f, func(tb testing.TB) { requirePHP(tb, nil) })
	assert.Empty(t, f.fatal)
	assert.Empty(t, f.skipped)
}

func TestHealth(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder})
	resp, err := http.Get(s.URL + "/_health")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "ok", string(body))

	// GET ?wsdl is answered by SoapServer itself.
	resp2, err := http.Get(s.URL + "/?wsdl")
	require.NoError(t, err)
	defer resp2.Body.Close()
	wsdl, _ := io.ReadAll(resp2.Body)
	assert.Contains(t, string(wsdl), `targetNamespace="urn:order"`)
}

func TestLogin(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder, MerchantCode: testCode, SecretKey: testKey})

	t.Run("md5 with three arguments", func(t *testing.T) {
		id := login(t, s, nsOrder, "")
		assert.Regexp(t, sessionID, id)
	})
	t.Run("md5 with a nil algo, as SoapClient sends a 3-argument call", func(t *testing.T) {
		r := post(t, s, nsOrder, "login",
			str("merchantCode", testCode)+str("date", testDate)+str("hash", "bf763db7d333e9c3038698cf59ada3e6")+null("algo"))
		ret := r.result(t, "login")
		assert.Equal(t, "xsd:string", ret.attr("type"))
		assert.Regexp(t, sessionID, ret.Text)
	})
	t.Run("sha256", func(t *testing.T) {
		r := post(t, s, nsOrder, "login", str("merchantCode", testCode)+str("date", testDate)+
			str("hash", "29e85dbf92ce0113e7755c31c0438a7db98a4de9f910bf0a527e005f35e43739")+str("algo", "sha256"))
		assert.Regexp(t, sessionID, r.result(t, "login").Text)
	})
	t.Run("sha3-256", func(t *testing.T) {
		assert.Regexp(t, sessionID, login(t, s, nsOrder, "sha3-256"))
	})

	sessions := s.Sessions()
	require.Len(t, sessions, 4)
	for _, sess := range sessions {
		assert.Regexp(t, sessionID, sess.ID)
		assert.False(t, sess.Expired)
		assert.Empty(t, sess.Partner)
		assert.WithinDuration(t, time.Now(), sess.Created, time.Minute)
	}

	calls := s.Calls()
	require.Len(t, calls, 4)
	wantArgs := []string{
		`["AVANGATE","2010-05-13 12:12:12","<redacted>",null]`,
		`["AVANGATE","2010-05-13 12:12:12","<redacted>",null]`,
		`["AVANGATE","2010-05-13 12:12:12","<redacted>","sha256"]`,
		`["AVANGATE","2010-05-13 12:12:12","<redacted>","sha3-256"]`,
	}
	for i, c := range calls {
		assert.Equal(t, "login", c.Op)
		args, _ := json.Marshal(c.Args)
		assert.JSONEq(t, wantArgs[i], string(args))
	}

	// Neither the hashes nor the key are written anywhere.
	raw, err := os.ReadFile(filepath.Join(s.StateDir, "calls.jsonl"))
	require.NoError(t, err)
	for _, secret := range []string{testKey, "bf763db7d333e9c3038698cf59ada3e6", sign("sha256", testCode, testDate, testKey)} {
		assert.NotContains(t, string(raw), secret)
		assert.NotContains(t, s.LogTail(1000), secret)
	}
}

func TestLoginFailures(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder, MerchantCode: testCode, SecretKey: testKey})
	md5Hash := sign("", testCode, testDate, testKey)
	cases := map[string]string{
		"wrong md5 hash":          str("merchantCode", testCode) + str("date", testDate) + str("hash", "bf763db7d333e9c3038698cf59ada3e7"),
		"md5 hash sent as sha256": str("merchantCode", testCode) + str("date", testDate) + str("hash", md5Hash) + str("algo", "sha256"),
		"unknown algo":            str("merchantCode", testCode) + str("date", testDate) + str("hash", md5Hash) + str("algo", "md5"),
		"wrong merchant":          str("merchantCode", "OTHER") + str("date", testDate) + str("hash", sign("", "OTHER", testDate, testKey)),
		"signed with other key":   str("merchantCode", testCode) + str("date", testDate) + str("hash", sign("sha256", testCode, testDate, "x")) + str("algo", "sha256"),
		"nil hash":                str("merchantCode", testCode) + str("date", testDate) + null("hash"),
	}
	for name, parts := range cases {
		t.Run(name, func(t *testing.T) {
			code, msg := post(t, s, nsOrder, "login", parts).fault(t)
			assert.Equal(t, "AUTHENTICATION_FAILED", code)
			assert.Equal(t, "Authentication failed", msg)
		})
	}
	assert.Empty(t, s.Sessions())
	assert.Len(t, s.Calls(), len(cases), "failed logins are recorded too")
}

func TestSameObjectIsWrittenWithIDAndHref(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder})
	s.SetResponse("getOrder", map[string]any{
		"RefNo":    "9001",
		"Currency": "USD",
		"NetPrice": Float(1),
		"VAT":      2.5,
		"Items": []any{
			map[string]any{"Code": "P1", "Quantity": 2, "Price": map[string]any{"Amount": Float(10)}},
			Same(0),
			map[string]any{"Code": "P2", "Quantity": 1},
		},
		"Promotions": []string{},
	})
	r := post(t, s, nsOrder, "getOrder", str("sessionID", "s1")+str("orderReference", "9001")+null("skipPartnerOrders"))
	ret := r.result(t, "getOrder")
	assert.Equal(t, "ns1:Order", ret.attr("type"))
	assert.Equal(t, "9001", ret.path(t, "RefNo").Text)

	assert.Contains(t, r.raw, `<Items SOAP-ENC:arrayType="ns1:OrderItem[3]" xsi:type="ns1:OrderItemArray"><item xsi:type="ns1:OrderItem" id="ref1">`)
	assert.Contains(t, r.raw, `<item href="#ref1"/>`)
	assert.Equal(t, 1, strings.Count(r.raw, `id="ref`), "only the shared object gets an id")

	items := ret.path(t, "Items").Nodes
	require.Len(t, items, 3)
	assert.Equal(t, "ref1", items[0].attr("id"))
	assert.Equal(t, "P1", items[0].path(t, "Code").Text)
	assert.Equal(t, "#ref1", items[1].attr("href"))
	assert.Empty(t, items[1].Nodes)
	assert.Equal(t, "", items[2].attr("id"))
	assert.Equal(t, "P2", items[2].path(t, "Code").Text)

	// PHP writes a float without its zero fraction, and every element of the
	// type's model, unset ones as nil.
	assert.Contains(t, r.raw, `<NetPrice xsi:type="xsd:double">1</NetPrice>`)
	assert.Contains(t, r.raw, `<VAT xsi:type="xsd:double">2.5</VAT>`)
	assert.Contains(t, r.raw, `<Amount xsi:type="xsd:double">10</Amount>`)
	assert.Contains(t, r.raw, `<Status xsi:nil="true"/>`)
	assert.Contains(t, r.raw, `<Promotions SOAP-ENC:arrayType="xsd:string[0]" xsi:type="ns1:StringArray"/>`)
}

func TestCallsAreRecorded(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder})
	order := `<Order xsi:type="ns1:Order">` +
		null("RefNo") +
		str("Currency", "USD") +
		`<Items SOAP-ENC:arrayType="ns1:OrderItem[2]" xsi:type="ns1:OrderItemArray">` +
		`<item xsi:type="ns1:OrderItem" id="ref1">` + str("Code", "P1") + `<Quantity xsi:type="xsd:int">2</Quantity>` +
		`<PriceOptions SOAP-ENC:arrayType="ns1:PriceOptions[0]" xsi:type="ns1:PriceOptionsArray"/></item>` +
		`<item href="#ref1"/></Items>` +
		`<Promotions SOAP-ENC:arrayType="xsd:string[2]" xsi:type="ns1:StringArray">` +
		`<item xsi:type="xsd:string">a=1</item><item xsi:type="xsd:string">b</item></Promotions>` +
		`<NetPrice xsi:type="xsd:double">1</NetPrice>` +
		`<GrossPrice xsi:type="xsd:double">12.5</GrossPrice>` +
		`<TestOrder xsi:type="xsd:boolean">true</TestOrder>` +
		`<GiftDetails xsi:type="xsd:base64Binary">/wA=</GiftDetails>` +
		str("ExternalReference", "h\u00e9llo <&>") +
		`</Order>`
	r := post(t, s, nsOrder, "placeOrder", str("sessionID", "sess-123")+order)
	ret := r.result(t, "placeOrder")
	assert.Equal(t, "true", ret.attr("nil"), "no scripted answer: null")

	s.SetResponse("getOrder", map[string]any{"RefNo": "9001"})
	post(t, s, nsOrder, "getOrder", str("sessionID", "sess-123")+str("orderReference", "9001")).result(t, "getOrder")

	calls := s.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, "placeOrder", calls[0].Op)
	require.Len(t, calls[0].Args, 2)
	assert.JSONEq(t, `"sess-123"`, string(calls[0].Args[0]))
	// Properties come in the WSDL's order, absent elements stay absent, an
	// href'd object is copied, xsd:double 1 is a float (1.0), an empty
	// array is [], and binary is {"$base64": ...}.
	assert.JSONEq(t, `{
		"RefNo": null,
		"ExternalReference": "h\u00e9llo <&>",
		"Currency": "USD",
		"GiftDetails": {"$base64": "/wA="},
		"TestOrder": true,
		"Items": [
			{"PriceOptions": [], "Code": "P1", "Quantity": 2},
			{"PriceOptions": [], "Code": "P1", "Quantity": 2}
		],
		"Promotions": ["a=1", "b"],
		"NetPrice": 1.0,
		"GrossPrice": 12.5
	}`, string(calls[0].Args[1]))
	assert.Contains(t, string(calls[0].Args[1]), `"NetPrice":1.0`)

	assert.Equal(t, "getOrder", calls[1].Op)
	args, _ := json.Marshal(calls[1].Args)
	assert.JSONEq(t, `["sess-123","9001",null]`, string(args), "a part left out is passed as null")
}

func TestScriptedFault(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder})
	s.SetFault("getOrder", "ORDER_NOT_FOUND", "Order not found")
	parts := str("sessionID", "s") + str("orderReference", "1")

	r := post(t, s, nsOrder, "getOrder", parts)
	code, msg := r.fault(t)
	assert.Equal(t, "ORDER_NOT_FOUND", code)
	assert.Equal(t, "Order not found", msg)
	assert.Contains(t, r.raw, `<faultcode>ORDER_NOT_FOUND</faultcode>`)

	// Other operations are not affected; clearing makes getOrder return null.
	assert.Equal(t, "true", post(t, s, nsOrder, "getProductByCode", str("sessionID", "s")+str("ProductCode", "P")).
		result(t, "getProductByCode").attr("nil"))
	s.ClearResponse("getOrder")
	assert.Equal(t, "true", post(t, s, nsOrder, "getOrder", parts).result(t, "getOrder").attr("nil"))

	calls := s.Calls()
	require.Len(t, calls, 3, "faulted calls are recorded too")
	assert.Equal(t, []string{"getOrder", "getProductByCode", "getOrder"}, []string{calls[0].Op, calls[1].Op, calls[2].Op})
}

func TestReset(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder, SessionTTL: time.Hour})
	id := login(t, s, nsOrder, "sha256")
	s.SetFault("getOrder", "X", "y")
	post(t, s, nsOrder, "getOrder", str("sessionID", id)+str("orderReference", "1")).fault(t)
	require.Len(t, s.Calls(), 2)

	s.Reset()
	assert.Empty(t, s.Calls())
	assert.Empty(t, s.Sessions())
	code, _ := post(t, s, nsOrder, "getOrder", str("sessionID", id)+str("orderReference", "1")).fault(t)
	assert.Equal(t, "INVALID_SESSION", code, "the session is gone, the scripted fault too")

	id = login(t, s, nsOrder, "sha256")
	assert.Equal(t, "true", post(t, s, nsOrder, "getOrder", str("sessionID", id)+str("orderReference", "1")).
		result(t, "getOrder").attr("nil"))
}

func TestSessionTTL(t *testing.T) {
	const ttl = 600 * time.Millisecond
	s := Start(t, Options{WSDL: wsdlOrder, SessionTTL: ttl})
	getOrder := func(id string) reply {
		return post(t, s, nsOrder, "getOrder", str("sessionID", id)+str("orderReference", "9001"))
	}

	id := login(t, s, nsOrder, "")
	assert.Equal(t, "true", getOrder(id).result(t, "getOrder").attr("nil"))

	code, msg := getOrder("no-such-session").fault(t)
	assert.Equal(t, "INVALID_SESSION", code)
	assert.Equal(t, "Session not started or expired", msg)

	code, _ = post(t, s, nsOrder, "getOrder", null("sessionID")+str("orderReference", "9001")).fault(t)
	assert.Equal(t, "INVALID_SESSION", code, "a nil sessionID")

	time.Sleep(ttl + 200*time.Millisecond)
	code, msg = getOrder(id).fault(t)
	assert.Equal(t, "INVALID_SESSION", code)
	assert.Equal(t, "Session not started or expired", msg)

	// A new login gives a fresh session; ExpireSessions ends it at once.
	id = login(t, s, nsOrder, "sha256")
	getOrder(id).result(t, "getOrder")
	s.ExpireSessions()
	for _, sess := range s.Sessions() {
		assert.True(t, sess.Expired)
	}
	code, _ = getOrder(id).fault(t)
	assert.Equal(t, "INVALID_SESSION", code)
}

func TestSessionFaultIsConfigurable(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder, SessionTTL: time.Hour, Env: map[string]string{
		"TCO_SESSION_FAULT_CODE":   "SESSION_EXPIRED",
		"TCO_SESSION_FAULT_STRING": "Session expired",
	}})
	id := login(t, s, nsOrder, "sha256")
	s.ExpireSessions()
	code, msg := post(t, s, nsOrder, "getOrder", str("sessionID", id)+str("orderReference", "1")).fault(t)
	assert.Equal(t, "SESSION_EXPIRED", code)
	assert.Equal(t, "Session expired", msg)
}

func TestRequirePartner(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlChannel, RequirePartner: true})
	id := login(t, s, nsChannel, "")

	code, msg := post(t, s, nsChannel, "getContents", str("sessionID", id)).fault(t)
	assert.Equal(t, "INVALID_PARTNER", code)
	assert.Equal(t, "No partner set", msg)

	// Partner look-ups work without a partner. (Partner's elements are not
	// nillable in this WSDL: PHP fails with "object has no 'PartnerCode'
	// property" unless all of them are given.)
	s.SetResponse("getPartnerByCode", map[string]any{
		"PartnerCode": "P1", "CompanyName": "Partner One", "Email": "p1@example.com",
		"CommunicationLanguage": "en", "Currency": "USD", "CreditLimit": nil, "AvailableCreditLimit": Float(100),
	})
	ret := post(t, s, nsChannel, "getPartnerByCode", str("sessionID", id)+str("partnerCode", "P1")).result(t, "getPartnerByCode")
	assert.Equal(t, "ns1:Partner", ret.attr("type"))
	assert.Equal(t, "P1", ret.path(t, "PartnerCode").Text)

	ret = post(t, s, nsChannel, "setPartner", str("sessionID", id)+str("partnerCode", "P1")).result(t, "setPartner")
	assert.Equal(t, "xsd:boolean", ret.attr("type"))
	assert.Equal(t, "true", ret.Text)

	sessions := s.Sessions()
	require.Len(t, sessions, 1)
	assert.Equal(t, "P1", sessions[0].Partner)

	s.SetResponse("getContents", map[string]any{})
	post(t, s, nsChannel, "getContents", str("sessionID", id)).result(t, "getContents")

	// setPartner needs a live session as well.
	code, _ = post(t, s, nsChannel, "setPartner", str("sessionID", "nope")+str("partnerCode", "P1")).fault(t)
	assert.Equal(t, "INVALID_SESSION", code)

	var ops []string
	for _, c := range s.Calls() {
		ops = append(ops, c.Op)
	}
	assert.Equal(t, []string{"login", "getContents", "getPartnerByCode", "setPartner", "getContents", "setPartner"}, ops)
	args, _ := json.Marshal(s.Calls()[3].Args)
	assert.JSONEq(t, fmt.Sprintf(`[%q,"P1"]`, id), string(args))
}

func TestConcurrentWorkers(t *testing.T) {
	s := Start(t, Options{WSDL: wsdlOrder, SessionTTL: time.Hour, Env: map[string]string{"PHP_CLI_SERVER_WORKERS": "4"}})
	s.SetResponse("getOrder", map[string]any{"RefNo": "9001"})

	const logins, calls = 8, 24
	loginParts := str("merchantCode", testCode) + str("date", testDate) +
		str("hash", sign("sha256", testCode, testDate, testKey)) + str("algo", "sha256")
	ids := make([]string, logins)
	errs := make([]error, logins+calls)
	var wg sync.WaitGroup
	for i := range logins {
		wg.Go(func() {
			r, err := postE(s, nsOrder, "login", loginParts)
			if err == nil {
				ids[i], err = r.text("login")
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs[:logins] {
		require.NoError(t, err)
	}
	require.Len(t, s.Sessions(), logins, "no session lost to a concurrent write")

	for i := range calls {
		wg.Go(func() {
			r, err := postE(s, nsOrder, "getOrder", str("sessionID", ids[i%logins])+str("orderReference", fmt.Sprint(i)))
			if err == nil {
				_, err = r.text("getOrder")
			}
			errs[logins+i] = err
		})
	}
	wg.Wait()
	for _, err := range errs[logins:] {
		require.NoError(t, err)
	}

	var refs []string
	for _, c := range s.Calls() {
		if c.Op != "getOrder" {
			continue
		}
		var ref string
		require.NoError(t, json.Unmarshal(c.Args[1], &ref))
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	var want []string
	for i := range calls {
		want = append(want, fmt.Sprint(i))
	}
	sort.Strings(want)
	assert.Equal(t, want, refs)
}
