package regen

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"getSKUCodeByDetails":        "GetSKUCodeByDetails",
		"FRAUD / NOT_RECOGNIZED":     "FraudNotRecognized",
		"sha3-256":                   "Sha3256",
		"2CheckoutCustomerReference": "X2CheckoutCustomerReference",
		"type":                       "Type",
		"range":                      "Range",
		"NEW":                        "NEW",
		"AVANGATE":                   "Avangate",
		"IN_STOCK":                   "InStock",
		"refund-pending":             "RefundPending",
		"view_order":                 "ViewOrder",
		"sessionID":                  "SessionID",
		"ID":                         "ID",
		"":                           "X",
		"---":                        "X",
		"Zürich":                     "ZRich",
	} {
		assert.Equal(t, want, exported(in), "exported(%q)", in)
	}
}

func TestUnexported(t *testing.T) {
	for in, want := range map[string]string{
		"getSKUCodeByDetails":        "getSKUCodeByDetails",
		"SKUCode":                    "skuCode",
		"ID":                         "id",
		"sessionID":                  "sessionID",
		"ProductCode":                "productCode",
		"2CheckoutCustomerReference": "x2CheckoutCustomerReference",
		"sha3-256":                   "sha3256",
		"FRAUD / NOT_RECOGNIZED":     "fraudNotRecognized",
		// Go keywords and the names a generated method uses itself.
		"type":    "type_",
		"range":   "range_",
		"func":    "func_",
		"ctx":     "ctx_",
		"c":       "c_",
		"result":  "result_",
		"err":     "err_",
		"xml":     "xml_",
		"soap":    "soap_",
		"context": "context_",
	} {
		assert.Equal(t, want, unexported(in), "unexported(%q)", in)
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"wsdl/soap-6.0.wsdl":                "soap60",
		"wsdl/channel-manager-2.1.wsdl":     "channelmanager21",
		"soap-6.0.wsdl":                     "soap60",
		"/abs/path/My_Service.WSDL":         "myservice",
		`C:\wsdl\Orders.wsdl`:               "orders",
		"2checkout.wsdl":                    "service2checkout",
		"---.wsdl":                          "service",
		"wsdl/type.wsdl":                    "servicetype",
		"default.wsdl":                      "servicedefault",
		"https://example.com/Shop.svc?wsdl": "shop",
		"https://example.com/soap/service.php?wsdl&v=2#frag":          "service",
		"https://api.2checkout.com/soap/6.0/?wsdl":                    "service",
		"https://api.2checkout.com/?wsdl":                             "service",
		"https://api.2checkout.com":                                   "service",
		"http://127.0.0.1:8080/channel-manager-2.1.wsdl?x=/a/b.c":     "channelmanager21",
		"https://api.avangate.com/channel-manager/2.1/soap/wsdl?wsdl": "wsdl",
	} {
		assert.Equal(t, want, PackageName(in), "PackageName(%q)", in)
	}
}

func TestNamerUnique(t *testing.T) {
	n := newNamer("Client")
	assert.Equal(t, "Client2", n.unique("Client"))
	assert.Equal(t, "Order", n.unique("Order"))
	assert.Equal(t, "Order2", n.unique("Order"))
	assert.Equal(t, "Order3", n.unique("Order"))
}
