package regen

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestEndToEnd generates a package from each test WSDL into a temporary
// module, starts a PHP SoapServer built from the same WSDL, and runs there a
// Go test (testdata/e2e/NAME/main_test.go) that calls every operation through
// the generated client. The PHP handlers (testdata/e2e/NAME/handlers.php)
// check what they receive and answer in each operation's shape, echoing
// parts of the request; the Go test checks the answers. So a generated
// package is proven against an independent SOAP implementation in both
// directions, for rpc/encoded, document/literal wrapped and bare WSDLs.
//
// It needs the go command and PHP with ext/soap. Without PHP it is skipped,
// unless CI=true, when it fails.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("end-to-end test skipped: the go command is not in PATH")
	}
	php := requirePHP(t)
	root := moduleRoot(t)
	goflags := nestedGoFlags(t, goBin)
	for _, name := range []string{"rpc-encoded-variant", "doc-literal-wrapped", "doc-literal-bare"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runEndToEnd(t, goBin, php, root, goflags, name)
		})
	}
}

// requirePHP returns the php binary, skipping the test (failing it when
// CI=true) when PHP or its soap extension is missing.
func requirePHP(t *testing.T) string {
	t.Helper()
	unavailable := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("end-to-end test needs PHP with ext/soap (CI=true): %s", why)
		}
		t.Skipf("end-to-end test skipped: %s (install php-cli and php-soap)", why)
	}
	php, err := exec.LookPath("php")
	if err != nil {
		unavailable("php is not in PATH")
	}
	if out, err := exec.Command(php, "-r", `exit(class_exists("SoapServer") ? 0 : 1);`).CombinedOutput(); err != nil {
		unavailable(fmt.Sprintf("PHP has no soap extension (%v) %s", err, out))
	}
	return php
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// nestedGoFlags returns GOFLAGS for the go command run in the temporary
// module: the configured ones with -mod=mod instead of any other -mod, so
// that the go command completes go.mod from the module cache.
func nestedGoFlags(t *testing.T, goBin string) string {
	t.Helper()
	out, err := exec.Command(goBin, "env", "GOFLAGS").Output()
	if err != nil {
		t.Fatalf("go env GOFLAGS: %v", err)
	}
	var flags []string
	for _, f := range strings.Fields(string(out)) {
		if !strings.HasPrefix(f, "-mod=") {
			flags = append(flags, f)
		}
	}
	return strings.Join(append(flags, "-mod=mod"), " ")
}

func runEndToEnd(t *testing.T, goBin, php, root, goflags, name string) {
	wsdl, err := filepath.Abs(filepath.Join("testdata", name+".wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	svc, files, err := Generate(context.Background(), Config{WSDL: wsdl})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) []byte {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	// The Go module: the generated package and the test that drives it.
	writeModule(t, dir, root)
	for fname, data := range files {
		write(filepath.Join("gen", svc.Package, fname), data)
	}
	write("common_test.go", read(filepath.Join("testdata", "e2e", "common_test.go")))
	write("main_test.go", read(filepath.Join("testdata", "e2e", name, "main_test.go")))

	// The PHP server.
	state := filepath.Join(dir, "state")
	if err := os.Mkdir(state, 0o755); err != nil {
		t.Fatal(err)
	}
	write("php/router.php", []byte(phpRouter))
	write("php/server.php", fmt.Appendf(nil, phpServer, phpString(state), phpString(wsdl)))
	write("php/handlers.php", read(filepath.Join("testdata", "e2e", name, "handlers.php")))
	endpoint := startPHP(t, php, filepath.Join(dir, "php"))

	out, err := runGo(goBin, dir, goflags, []string{"E2E_ENDPOINT=" + endpoint}, "test", "-count=1", "-v", ".")
	if err != nil {
		t.Errorf("go test in the generated module: %v\n%s", err, out)
		if log, err := os.ReadFile(filepath.Join(state, "exchanges.log")); err == nil {
			t.Logf("SOAP exchanges (last 20000 bytes):\n%s", tail(log, 20000))
		}
		return
	}
	t.Logf("%s", out)
}

// writeModule writes go.mod and go.sum of a module example.com/e2e in dir
// that uses this module (at root) through a replace directive.
func writeModule(t *testing.T, dir, root string) {
	t.Helper()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	mod := fmt.Sprintf("module example.com/e2e\n\ngo 1.26\n\nrequire github.com/tco-go/twocheckout v0.0.0\n\nreplace github.com/tco-go/twocheckout => %q\n", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runGo runs the go command in a module written by writeModule, offline
// when the module cache has what it needs.
func runGo(goBin, dir, goflags string, env []string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS="+goflags, "GOWORK=off"), env...)
	return cmd.CombinedOutput()
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// phpString quotes s as a single-quoted PHP string literal.
func phpString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

const phpRouter = `<?php
// Every request but the health check goes to the SoapServer.
if (parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) === '/_health') {
    echo 'ok';
    return true;
}
require __DIR__ . '/server.php';
return true;
`

// phpServer is server.php: the state directory and the WSDL are filled in.
const phpServer = `<?php
ini_set('soap.wsdl_cache_enabled', '0');
const STATE_DIR = %s;
const WSDL = %s;

// expect fails the call with a fault that the Go test reports.
function expect(bool $ok, string $what, $got = null): void
{
    if (!$ok) {
        throw new SoapFault('Client', 'e2e: unexpected ' . $what . ': ' . json_encode($got));
    }
}

function state_file(string $name): string
{
    return STATE_DIR . '/' . $name . '.json';
}

require __DIR__ . '/handlers.php';

$request = file_get_contents('php://input');
$server = new SoapServer(WSDL, ['cache_wsdl' => WSDL_CACHE_NONE, 'features' => SOAP_SINGLE_ELEMENT_ARRAYS]);
$server->setObject(new Handlers());
ob_start();
$server->handle($request);
$response = ob_get_flush();
file_put_contents(STATE_DIR . '/exchanges.log', "--> " . $request . "\n<-- " . $response . "\n\n", FILE_APPEND | LOCK_EX);
`

// startPHP runs PHP's built-in web server on a free loopback port with the
// router in dir and returns the SOAP endpoint. The server is stopped when
// the test ends; its output is logged if the test failed.
func startPHP(t *testing.T, php, dir string) string {
	t.Helper()
	var lastErr error
	for range 3 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		out := &syncBuffer{}
		cmd := exec.Command(php, "-d", "display_errors=stderr", "-S", addr, "-t", dir, filepath.Join(dir, "router.php"))
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting php: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		stop := func() {
			_ = cmd.Process.Kill()
			<-exited
		}
		if err := waitHealthy("http://"+addr+"/_health", exited); err != nil {
			stop()
			lastErr = fmt.Errorf("%w; php said:\n%s", err, out.String())
			continue
		}
		t.Cleanup(func() {
			stop()
			if t.Failed() {
				t.Logf("php -S output:\n%s", tail([]byte(out.String()), 10000))
			}
		})
		return "http://" + addr + "/"
	}
	t.Fatalf("php -S did not start: %v", lastErr)
	return ""
}

func waitHealthy(url string, exited <-chan struct{}) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("php exited")
		default:
		}
		if resp, err := client.Get(url); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("php did not answer %s in time", url)
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
