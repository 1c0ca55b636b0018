// Package phpserver runs a real PHP SoapServer for integration tests.
//
// Start launches PHP's built-in web server (php -S) with test/php/router.php,
// which serves a SoapServer built from one of the module's WSDLs (ext/soap,
// rpc/encoded, exactly as 2Checkout's own PHP samples talk to the API). The
// server is scripted through files in a per-test state directory:
//
//	calls.jsonl          one line per operation call, in arrival order:
//	                     {"op":"placeOrder","args":[...decoded arguments...]}
//	responses/<op>.json  the answer of <op>; see SetResponse and SetFault
//	sessions.json        {"<id>":{"created":<unix seconds>,"expired":false,"partner":null}}
//	.lock                flock(2)ed by both sides around every update
//
// login(merchantCode, date, hash[, algo]) is verified by PHP itself against
// Options.MerchantCode and Options.SecretKey (HMAC-MD5 when algo is absent or
// nil, else HMAC-SHA256 or HMAC-SHA3-256); it fails with the fault
// AUTHENTICATION_FAILED and otherwise returns a new session id.
//
// When PHP or its soap extension is missing, Start skips the test, or fails
// it when the environment variable CI is true.
package phpserver

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure a server.
type Options struct {
	// WSDL is the service description, absolute or relative to the module
	// root (the directory holding go.mod), e.g. "wsdl/soap-6.0.wsdl".
	// Default: wsdl/soap-6.0.wsdl.
	WSDL string
	// MerchantCode and SecretKey are what login verifies the hash against.
	// Defaults: the documentation's test vector, AVANGATE and SECRET_KEY.
	MerchantCode, SecretKey string
	// SessionTTL, when positive, makes every call whose first WSDL part is
	// sessionID fail unless that session exists, is not expired and is
	// younger than SessionTTL (sub-second values work). The fault is
	// INVALID_SESSION "Session not started or expired", or what the env
	// TCO_SESSION_FAULT_CODE / TCO_SESSION_FAULT_STRING say (set them in Env).
	SessionTTL time.Duration
	// RequirePartner makes every call other than login, logout, setPartner,
	// getPartnerByCode, getPartnerSingleSignOn and searchPartners fail with
	// INVALID_PARTNER "No partner set" until setPartner was called in its
	// session (Channel Manager). It also requires a known session.
	RequirePartner bool
	// Cart makes the Channel Manager cart operations (clearProducts,
	// addProduct, deleteProduct, setExternalRef, setComment, getContents,
	// placeOrder) work on a cart kept in each session; see Orders.
	Cart bool
	// ExpireAtAdd, when positive, expires the session of the ExpireAtAdd-th
	// addProduct call (counted over all sessions) before it runs: a session
	// lost midway through a cart.
	ExpireAtAdd int
	// Env holds extra environment variables for PHP, e.g.
	// PHP_CLI_SERVER_WORKERS (also inherited from the test's environment)
	// or TCO_SESSION_FAULT_CODE.
	Env map[string]string
}

// Server is a running PHP SoapServer.
type Server struct {
	// URL is the SOAP endpoint, "http://127.0.0.1:PORT" (no trailing slash).
	URL string
	// StateDir is the directory holding calls.jsonl, responses/ and
	// sessions.json.
	StateDir string

	t      testing.TB
	cmd    *exec.Cmd
	done   chan struct{} // closed when the php process has exited
	out    *tailBuffer
	secret string
}

// Call is one recorded operation call.
type Call struct {
	// Op is the operation name as in the WSDL.
	Op string `json:"op"`
	// Args are the arguments as PHP decoded them, one per WSDL part (absent
	// parts are null), JSON-encoded: stdClass as objects, lists as arrays,
	// floats keep a fraction (1.0), a non-UTF-8 string is {"$base64":"..."},
	// NAN/INF are {"$float":"NAN"}, a non-list array {"$array":{...}}.
	// login's hash is recorded as "<redacted>".
	Args []json.RawMessage `json:"args"`
}

// Session is one session in sessions.json.
type Session struct {
	ID      string
	Created time.Time
	Expired bool
	Partner string // "" when setPartner was not called
}

// MissingPHPMessage is the skip (or, under CI=true, failure) message of Start
// when PHP cannot be used.
const MissingPHPMessage = "PHP with ext/soap not found: apt-get install -y php-cli php-soap"

var phpAvailable = sync.OnceValue(func() error {
	path, err := exec.LookPath("php")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-d", "display_errors=stderr", "-r",
		`if (!extension_loaded("soap") || !class_exists("SoapServer")) { fwrite(STDERR, "the soap extension is not loaded"); exit(3); }`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return fmt.Errorf("%s: %w: %s", path, err, msg)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
})

// PHPAvailable reports whether `php` with the soap extension can run (nil)
// or why not. The answer is computed once per process.
func PHPAvailable() error { return phpAvailable() }

// requirePHP skips or (under CI) fails t when err is not nil.
func requirePHP(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := MissingPHPMessage + " (" + err.Error() + ")"
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

const (
	startTimeout = 10 * time.Second
	bindAttempts = 5
)

// Start runs a PHP SoapServer for the test and stops it in t.Cleanup.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	requirePHP(t, PHPAvailable())

	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("phpserver: %v", err)
	}
	router := filepath.Join(root, "test", "php", "router.php")
	if _, err := os.Stat(router); err != nil {
		t.Fatalf("phpserver: %v", err)
	}
	wsdl := opts.WSDL
	if wsdl == "" {
		wsdl = "wsdl/soap-6.0.wsdl"
	}
	if !filepath.IsAbs(wsdl) {
		wsdl = filepath.Join(root, filepath.FromSlash(wsdl))
	}
	if _, err := os.Stat(wsdl); err != nil {
		t.Fatalf("phpserver: WSDL: %v", err)
	}
	if opts.MerchantCode == "" {
		opts.MerchantCode = "AVANGATE"
	}
	if opts.SecretKey == "" {
		opts.SecretKey = "SECRET_KEY"
	}

	state := t.TempDir()
	if err := os.Mkdir(filepath.Join(state, "responses"), 0o755); err != nil {
		t.Fatalf("phpserver: %v", err)
	}
	if err := os.WriteFile(filepath.Join(state, "sessions.json"), []byte("{}\n"), 0o644); err != nil {
		t.Fatalf("phpserver: %v", err)
	}

	env := map[string]string{
		"TCO_WSDL":          wsdl,
		"TCO_STATE_DIR":     state,
		"TCO_MERCHANT_CODE": opts.MerchantCode,
		"TCO_SECRET_KEY":    opts.SecretKey,
	}
	if opts.SessionTTL > 0 {
		env["TCO_SESSION_TTL"] = strconv.FormatFloat(opts.SessionTTL.Seconds(), 'f', -1, 64)
	}
	if opts.Cart {
		env["TCO_CART"] = "1"
	}
	if opts.ExpireAtAdd > 0 {
		env["TCO_EXPIRE_AT_ADD"] = strconv.Itoa(opts.ExpireAtAdd)
	}
	if opts.RequirePartner {
		env["TCO_REQUIRE_PARTNER"] = "1"
	}
	for k, v := range opts.Env {
		env[k] = v
	}

	s := &Server{StateDir: state, t: t, secret: opts.SecretKey}
	var lastErr error
	for attempt := 0; attempt < bindAttempts; attempt++ {
		var retry bool
		retry, lastErr = s.start(root, router, env)
		if lastErr == nil {
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("phpserver: last lines of php -S output:\n%s", s.LogTail(40))
				}
			})
			t.Cleanup(s.stop)
			return s
		}
		if !retry {
			break
		}
	}
	t.Fatalf("phpserver: %v\nlast lines of php -S output:\n%s", lastErr, s.LogTail(40))
	return nil
}

// start makes one attempt on a fresh port; retry reports a failure to bind.
func (s *Server) start(root, router string, env map[string]string) (retry bool, err error) {
	addr, err := freeAddr()
	if err != nil {
		return false, err
	}
	instance := make([]byte, 12)
	if _, err := rand.Read(instance); err != nil {
		return false, err
	}
	token := hex.EncodeToString(instance)

	cmd := exec.Command("php",
		"-d", "display_errors=0",
		"-d", "log_errors=1",
		"-d", "html_errors=0",
		"-d", "zend.exception_ignore_args=1", // no argument values (hashes) in traces
		"-d", "soap.wsdl_cache_enabled=0",
		"-S", addr, router)
	cmd.Dir = root
	cmd.Env = childEnv(env, token)
	s.out = &tailBuffer{max: 256 << 10}
	cmd.Stdout = s.out
	cmd.Stderr = s.out
	setProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return false, fmt.Errorf("starting php -S: %w", err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	s.cmd, s.done = cmd, done

	url := "http://" + addr
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case <-done:
			out := s.out.String()
			bindFailed := strings.Contains(out, "Failed to listen") || strings.Contains(out, "in use")
			return bindFailed, fmt.Errorf("php -S %s exited before answering /_health", addr)
		default:
		}
		if healthy(client, url, token) {
			s.URL = url
			return false, nil
		}
		if time.Now().After(deadline) {
			s.stop()
			return false, fmt.Errorf("php -S %s did not answer /_health within %v", addr, startTimeout)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func healthy(client *http.Client, url, token string) bool {
	resp, err := client.Get(url + "/_health")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64))
	// The instance header makes sure that it is our php answering and not
	// another process that took the port.
	return resp.StatusCode == http.StatusOK && string(body) == "ok" &&
		resp.Header.Get("X-Tco-Instance") == token
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		return "", err
	}
	return addr, nil
}

// childEnv is the test's environment without inherited TCO_* variables, plus
// env and the instance token.
func childEnv(env map[string]string, token string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TCO_") {
			continue
		}
		out = append(out, kv)
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, k+"="+env[k])
	}
	return append(out, "TCO_INSTANCE="+token)
}

// stop ends the php process (and its workers) and waits for it.
func (s *Server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
		return
	default:
	}
	terminate(s.cmd)
	select {
	case <-s.done:
	case <-time.After(3 * time.Second):
		kill(s.cmd)
		<-s.done
	}
}

// LogTail returns the last n lines that php -S wrote (request log, PHP
// warnings), with the secret key masked.
func (s *Server) LogTail(n int) string {
	if s.out == nil {
		return ""
	}
	text := strings.TrimRight(s.out.String(), "\n")
	if s.secret != "" {
		text = strings.ReplaceAll(text, s.secret, "<secret>")
	}
	lines := strings.Split(text, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var opName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

func (s *Server) responsePath(op string) string {
	s.t.Helper()
	if !opName.MatchString(op) {
		s.t.Fatalf("phpserver: invalid operation name %q", op)
	}
	return filepath.Join(s.StateDir, "responses", op+".json")
}

// SetResponse scripts the answer of op: v marshalled with encoding/json
// (json.RawMessage is written as is) and decoded by PHP with objects as
// stdClass, so it is encoded along the WSDL's output type. Special forms:
// Float, Binary and Same (inside arrays); a top-level {"$fault": ...} is what
// SetFault writes. A scripted answer stays until replaced, cleared or Reset.
func (s *Server) SetResponse(op string, v any) {
	s.t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		s.t.Fatalf("phpserver: SetResponse(%s): %v", op, err)
	}
	if err := writeFileAtomic(s.responsePath(op), append(data, '\n')); err != nil {
		s.t.Fatalf("phpserver: SetResponse(%s): %v", op, err)
	}
}

// SetFault scripts op to fail with a SOAP fault (HTTP 500) whose faultcode is
// code (written without prefix unless it is Client, Server, VersionMismatch
// or MustUnderstand) and whose faultstring is message.
func (s *Server) SetFault(op, code, message string) {
	s.t.Helper()
	s.SetResponse(op, map[string]any{"$fault": map[string]string{"code": code, "string": message}})
}

// ClearResponse removes the scripted answer of op: it returns null again.
func (s *Server) ClearResponse(op string) {
	s.t.Helper()
	if err := os.Remove(s.responsePath(op)); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.t.Fatalf("phpserver: ClearResponse(%s): %v", op, err)
	}
}

// Float is a JSON value that PHP decodes as a float even when it has no
// fraction ({"$float":"1"}); NaN and ±Inf work too.
func Float(f float64) json.RawMessage {
	var s string
	switch {
	case math.IsNaN(f):
		s = "NAN"
	case math.IsInf(f, 1):
		s = "INF"
	case math.IsInf(f, -1):
		s = "-INF"
	default:
		s = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return json.RawMessage(`{"$float":"` + s + `"}`)
}

// Binary is a JSON value that PHP decodes as the binary string b.
func Binary(b []byte) json.RawMessage {
	data, _ := json.Marshal(map[string][]byte{"$base64": b})
	return data
}

// Same, as an element of an array, stands for the very same PHP object as
// element index of that array: ext/soap then writes that object once with
// id="refN" and this element as <item href="#refN"/>.
func Same(index int) json.RawMessage {
	return json.RawMessage(`{"$same":` + strconv.Itoa(index) + `}`)
}

// Calls returns the recorded operation calls in arrival order.
func (s *Server) Calls() []Call {
	s.t.Helper()
	var data []byte
	err := s.locked(func() error {
		var err error
		data, err = os.ReadFile(filepath.Join(s.StateDir, "calls.jsonl"))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	})
	if err != nil {
		s.t.Fatalf("phpserver: Calls: %v", err)
	}
	var calls []Call
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c Call
		if err := json.Unmarshal(line, &c); err != nil {
			s.t.Fatalf("phpserver: Calls: bad line %q: %v", line, err)
		}
		calls = append(calls, c)
	}
	if err := sc.Err(); err != nil {
		s.t.Fatalf("phpserver: Calls: %v", err)
	}
	return calls
}

// Reset forgets the recorded calls, the scripted answers and all sessions.
func (s *Server) Reset() {
	s.t.Helper()
	err := s.locked(func() error {
		for _, f := range []string{"orders.jsonl", "adds.count"} {
			if err := os.Remove(filepath.Join(s.StateDir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		if err := os.Remove(filepath.Join(s.StateDir, "calls.jsonl")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		dir := filepath.Join(s.StateDir, "responses")
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
		return writeFileAtomic(filepath.Join(s.StateDir, "sessions.json"), []byte("{}\n"))
	})
	if err != nil {
		s.t.Fatalf("phpserver: Reset: %v", err)
	}
}

type sessionRecord struct {
	Created float64 `json:"created"`
	Expired bool    `json:"expired"`
	Partner *string `json:"partner"`
}

func (s *Server) readSessions() (map[string]sessionRecord, error) {
	data, err := os.ReadFile(filepath.Join(s.StateDir, "sessions.json"))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]sessionRecord{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[string]sessionRecord{}
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("sessions.json: %w", err)
		}
	}
	return m, nil
}

// ExpireSessions marks every existing session as expired: with SessionTTL or
// RequirePartner set, calls in them then fail with the session fault.
func (s *Server) ExpireSessions() {
	s.t.Helper()
	err := s.locked(func() error {
		m, err := s.readSessions()
		if err != nil {
			return err
		}
		for id, rec := range m {
			rec.Expired = true
			m[id] = rec
		}
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		return writeFileAtomic(filepath.Join(s.StateDir, "sessions.json"), append(data, '\n'))
	})
	if err != nil {
		s.t.Fatalf("phpserver: ExpireSessions: %v", err)
	}
}

// PlacedOrder is an order placed from a session's cart (Options.Cart).
type PlacedOrder struct {
	RefNo       string
	Session     string
	Partner     *string
	ExternalRef *string `json:"externalRef"`
	Comment     *string `json:"comment"`
	Items       []struct {
		ProductID       int      `json:"ProductId"`
		Quantity        *int     `json:"Quantity"`
		PriceOptions    []string `json:"PriceOptions"`
		PricingListCode *string  `json:"PricingListCode"`
	} `json:"items"`
}

// Orders returns the orders placed from carts, in order.
func (s *Server) Orders() []PlacedOrder {
	s.t.Helper()
	var data []byte
	err := s.locked(func() error {
		var err error
		data, err = os.ReadFile(filepath.Join(s.StateDir, "orders.jsonl"))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	})
	if err != nil {
		s.t.Fatalf("phpserver: Orders: %v", err)
	}
	var out []PlacedOrder
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var o PlacedOrder
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			s.t.Fatalf("phpserver: orders.jsonl: %v: %s", err, line)
		}
		out = append(out, o)
	}
	return out
}

// Sessions returns the sessions that login created, oldest first.
func (s *Server) Sessions() []Session {
	s.t.Helper()
	var m map[string]sessionRecord
	err := s.locked(func() error {
		var err error
		m, err = s.readSessions()
		return err
	})
	if err != nil {
		s.t.Fatalf("phpserver: Sessions: %v", err)
	}
	out := make([]Session, 0, len(m))
	for id, rec := range m {
		sec, frac := math.Modf(rec.Created)
		sess := Session{ID: id, Created: time.Unix(int64(sec), int64(frac*1e9)), Expired: rec.Expired}
		if rec.Partner != nil {
			sess.Partner = *rec.Partner
		}
		out = append(out, sess)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// locked runs fn holding the state dir's flock, which PHP takes as well.
func (s *Server) locked(fn func() error) error {
	f, err := os.OpenFile(filepath.Join(s.StateDir, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return err
	}
	defer unlockFile(f)
	return fn()
}

// writeFileAtomic writes through a temporary file and a rename, so that PHP
// never reads a half-written file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// tailBuffer keeps the last max bytes written to it; safe for concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
