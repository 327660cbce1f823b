# EdgeProof: `make demo` and `make test` set up what is missing, build, and run.
SWIFT ?= swift
VENV := .build/venv
EXAMPLE := examples/agenticverz/edge.yaml
BIN := .build/release/edgeproof

.PHONY: demo test build release deps venv schema-check bench bench-traces clean

deps:
	@scripts/ensure-system-packages.sh

venv: deps
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import jsonschema, yaml" 2>/dev/null || $(VENV)/bin/pip install -q -r requirements-test.txt

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product edgeproof

demo: release
	$(BIN) check $(EXAMPLE) --readiness

test: deps venv
	$(SWIFT) build
	$(SWIFT) test
	scripts/cli-smoke.sh "$$($(SWIFT) build --show-bin-path)/edgeproof" $(VENV)/bin/python
	$(MAKE) --no-print-directory schema-check

schema-check: venv
	@mkdir -p .build/schema
	$(SWIFT) run -q edgeproof schema > .build/schema/edge.schema.json
	$(VENV)/bin/python scripts/validate-schema.py .build/schema/edge.schema.json $(EXAMPLE)

bench: release
	scripts/bench-check.sh $(BIN) $(EXAMPLE)

bench-traces: deps
	$(SWIFT) run -c release TracesBenchmark

clean:
	rm -rf .build
