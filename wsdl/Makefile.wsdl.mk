# wsdl/Makefile.wsdl.mk: included by the top-level Makefile; run from the
# repository root.
#
# The live 2Checkout WSDLs cannot be fetched, so wsdl/*.wsdl are written by
# cmd/catalog2wsdl from the documentation catalog in wsdl/catalog/.
#   make wsdl        rewrite wsdl/*.wsdl from wsdl/catalog/*.json
#   make check-wsdl  fail if wsdl/*.wsdl differ from what the catalogs give now

WSDL_GO ?= go
CATALOG2WSDL = $(WSDL_GO) run ./cmd/catalog2wsdl

# $(call wsdl-gen,OUTDIR): one command per WSDL, writing into OUTDIR.
define wsdl-gen
$(CATALOG2WSDL) -catalog wsdl/catalog/soap-6.0.json -out $(1)/soap-6.0.wsdl \
	-name TwoCheckoutSoap60 -namespace urn:order \
	-location https://api.2checkout.com/soap/6.0/ && \
$(CATALOG2WSDL) -catalog wsdl/catalog/channel-manager-2.1.json -out $(1)/channel-manager-2.1.wsdl \
	-name ChannelManager21 -namespace urn:channelmanager \
	-location https://api.avangate.com/channel-manager/2.1/soap/
endef

WSDL_FILES = soap-6.0.wsdl channel-manager-2.1.wsdl

.PHONY: wsdl check-wsdl

wsdl:
	$(call wsdl-gen,wsdl)

check-wsdl:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(call wsdl-gen,"$$tmp") && \
	status=0 && \
	for f in $(WSDL_FILES); do \
		diff -u "wsdl/$$f" "$$tmp/$$f" || { echo "wsdl/$$f is stale: run make wsdl" >&2; status=1; }; \
	done && \
	exit $$status
