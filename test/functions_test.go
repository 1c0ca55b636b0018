package test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The WSDLs PHP must load, each beside its catalog in wsdl/catalog.
var catalogWSDLs = []string{"soap-6.0", "channel-manager-2.1"}

// phpLoadClient prints the operations PHP's SoapClient finds in the WSDL
// named by argv[1] as a JSON array of signatures.
const phpLoadClient = `
$c = new SoapClient($argv[1], ["cache_wsdl" => WSDL_CACHE_NONE, "exceptions" => true]);
echo json_encode($c->__getFunctions());
`

// phpLoadServer builds a SoapServer from the WSDL named by argv[1].
const phpLoadServer = `
new SoapServer($argv[1], ["cache_wsdl" => WSDL_CACHE_NONE]);
echo "ok";
`

// runPHP runs code with every error, warning, notice and deprecation shown on
// stderr, and fails t if PHP fails or prints anything there.
func runPHP(t *testing.T, what, code, wsdl string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "php",
		"-d", "error_reporting=-1", "-d", "display_errors=stderr", "-d", "display_startup_errors=1",
		"-d", "soap.wsdl_cache_enabled=0",
		"-r", code, "--", wsdl)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		t.Fatalf("%s on %s: php failed: %v\nstderr:\n%s", what, wsdl, err, stderr.String())
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Fatalf("%s on %s: PHP printed a warning, notice or deprecation:\n%s", what, wsdl, s)
	}
	return stdout.Bytes()
}

// signatureName matches the operation name in a __getFunctions() line such as
// "boolean setPartner(string $sessionID, string $partnerCode)" or
// "list(string $a, int $b) op(...)".
var signatureName = regexp.MustCompile(`^(?:list\([^)]*\)|[A-Za-z_][\w.-]*)\s+([A-Za-z_][\w.-]*)\(`)

// functionNames extracts the operation names from __getFunctions() output,
// in order, and returns the signatures it could not read.
func functionNames(signatures []string) (names, unreadable []string) {
	for _, s := range signatures {
		m := signatureName.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			unreadable = append(unreadable, s)
			continue
		}
		names = append(names, m[1])
	}
	return names, unreadable
}

// catalogOperations returns the operation names of wsdl/catalog/<name>.json.
func catalogOperations(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "wsdl", "catalog", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Operations []struct {
			Name string `json:"name"`
		} `json:"operations"`
	}
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatalf("wsdl/catalog/%s.json: %v", name, err)
	}
	var ops []string
	for _, op := range cat.Operations {
		ops = append(ops, op.Name)
	}
	return ops
}

// compareOperations describes how the operations PHP lists differ from the
// catalog's; it returns "" when they are the same set, each once.
func compareOperations(catalog, php []string) string {
	inCatalog := map[string]int{}
	for _, n := range catalog {
		inCatalog[n]++
	}
	inPHP := map[string]int{}
	for _, n := range php {
		inPHP[n]++
	}
	var missing, extra, dupCatalog, dupPHP []string
	for n, c := range inCatalog {
		if inPHP[n] == 0 {
			missing = append(missing, n)
		}
		if c > 1 {
			dupCatalog = append(dupCatalog, n)
		}
	}
	for n, c := range inPHP {
		if inCatalog[n] == 0 {
			extra = append(extra, n)
		}
		if c > 1 {
			dupPHP = append(dupPHP, n)
		}
	}
	var b strings.Builder
	for _, d := range []struct {
		what  string
		names []string
	}{
		{"in the catalog but not listed by SoapClient::__getFunctions()", missing},
		{"listed by SoapClient::__getFunctions() but not in the catalog", extra},
		{"more than once in the catalog", dupCatalog},
		{"more than once in __getFunctions()", dupPHP},
	} {
		if len(d.names) > 0 {
			slices.Sort(d.names)
			fmt.Fprintf(&b, "%d operation(s) %s: %s\n", len(d.names), d.what, strings.Join(d.names, ", "))
		}
	}
	return b.String()
}

// TestPHPLoadsWSDLsAndListsCatalogOperations checks that PHP's SoapClient and
// SoapServer load each WSDL without a warning, and that __getFunctions() lists
// exactly the operations of the WSDL's catalog.
func TestPHPLoadsWSDLsAndListsCatalogOperations(t *testing.T) {
	requirePHP(t)
	for _, name := range catalogWSDLs {
		t.Run(name, func(t *testing.T) {
			wsdl, err := filepath.Abs(filepath.Join("..", "wsdl", name+".wsdl"))
			if err != nil {
				t.Fatal(err)
			}
			t.Run("SoapServer", func(t *testing.T) {
				if out := runPHP(t, "new SoapServer", phpLoadServer, wsdl); string(out) != "ok" {
					t.Fatalf("new SoapServer on %s: unexpected output %q", wsdl, out)
				}
			})
			t.Run("SoapClient", func(t *testing.T) {
				out := runPHP(t, "SoapClient::__getFunctions", phpLoadClient, wsdl)
				var signatures []string
				if err := json.Unmarshal(out, &signatures); err != nil {
					t.Fatalf("__getFunctions() on %s: %v\noutput: %s", wsdl, err, out)
				}
				names, unreadable := functionNames(signatures)
				if len(unreadable) > 0 {
					t.Errorf("cannot read the operation name of %d signature(s): %q", len(unreadable), unreadable)
				}
				if diff := compareOperations(catalogOperations(t, name), names); diff != "" {
					t.Errorf("wsdl/%s.wsdl and wsdl/catalog/%s.json disagree (run make wsdl?):\n%s", name, name, diff)
				}
			})
		})
	}
}

func TestFunctionNamesAndComparison(t *testing.T) {
	names, unreadable := functionNames([]string{
		"boolean setPartner(string $sessionID, string $partnerCode)",
		"void clearCart()",
		"list(string $a, int $b) twoParts(string $sessionID)",
		"anyType getContents(string $sessionID)",
		"not a signature",
	})
	if want := []string{"setPartner", "clearCart", "twoParts", "getContents"}; !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
	if want := []string{"not a signature"}; !slices.Equal(unreadable, want) {
		t.Errorf("unreadable = %q, want %q", unreadable, want)
	}

	if diff := compareOperations([]string{"a", "b"}, []string{"b", "a"}); diff != "" {
		t.Errorf("same sets reported as different:\n%s", diff)
	}
	diff := compareOperations([]string{"login", "addCrossSellCampaign", "x", "x"}, []string{"login", "createCrossSellCampaign", "x", "login"})
	for _, want := range []string{
		"1 operation(s) in the catalog but not listed by SoapClient::__getFunctions(): addCrossSellCampaign",
		"1 operation(s) listed by SoapClient::__getFunctions() but not in the catalog: createCrossSellCampaign",
		"1 operation(s) more than once in the catalog: x",
		"1 operation(s) more than once in __getFunctions(): login",
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
}
