package soap

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeResponse feeds arbitrary bodies to the parser, fault reader and
// decoder: none may panic or hang, whatever the input.
func FuzzDecodeResponse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.xml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(envStart + `<r><return href="#a"/></r><m id="a"><x href="#a"/></m>` + envEnd))
	f.Add([]byte(`<html><body>502 Bad Gateway</body></html>`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := parseEnvelope(bytes.NewReader(body), false)
		if err != nil {
			return
		}
		if f := faultFrom(doc.body); f != nil {
			_ = f.Error()
			return
		}
		var order *testOrder
		_ = decodeResult(doc, rpcOp("placeOrder"), &order)
		var generic any
		_ = decodeResult(doc, rpcOp("x"), &generic)
		var whole testOrder
		_ = decodeResult(doc, &Operation{Name: "x", WholeResponse: true}, &whole)
	})
}
