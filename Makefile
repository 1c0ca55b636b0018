# make test         what CI runs: vet, formatting, generated code up to date, tests with -race
# make regen        regenerate gen/ from wsdl/*.wsdl (or: make regen WSDL=path-or-URL)
# make check-regen  fail if gen/ differs from a fresh regen
# make wsdl         rewrite wsdl/*.wsdl from wsdl/catalog (see wsdl/Makefile.wsdl.mk)
# make fuzz         fuzz the response decoder (FUZZTIME=60s)

GO ?= go
FUZZTIME ?= 30s

include wsdl/Makefile.wsdl.mk

.PHONY: test regen check-regen vet fmt-check fuzz bench

test: vet fmt-check check-wsdl check-regen
	$(GO) test -race -count=1 ./...

regen:
	$(GO) run ./cmd/regen $(WSDL)

check-regen:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	mkdir "$$tmp/gen" && \
	$(GO) run ./cmd/regen -out "$$tmp/gen" -errors-out "$$tmp/errorcodes_gen.go" 2>/dev/null && \
	diff -ru gen "$$tmp/gen" && diff -u errorcodes_gen.go "$$tmp/errorcodes_gen.go" || \
	{ echo "generated code is stale: run make regen" >&2; exit 1; }

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:" $$out >&2; exit 1; fi

fuzz:
	$(GO) test ./soap -run '^$$' -fuzz FuzzDecodeResponse -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./soap -run '^$$' -bench . -benchmem
