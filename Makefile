# EdgeProof: `make demo` and `make test` set up what is missing, build, and run.
SWIFT ?= swift
VENV := .build/venv
EXAMPLE := examples/agenticverz/edge.yaml
SMALL_SAAS := examples/small-saas/edge.yaml
BIN := .build/release/edgeproof

.PHONY: dask-test traces fuzz fmt fmt-check demo test build release static install uninstall deb dist-check action-test hooks-check deps venv schema-check outputs-check tf-fmt-check bench bench-whatif bench-replay bench-rules bench-traces bench-owasp bench-crs crs-differential clean crs-conformance crs-cases live-zone-test standin spec-reference

deps:
	@scripts/ensure-system-packages.sh

venv: deps
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import jsonschema, yaml, hcl2, cloudflare" 2>/dev/null || $(VENV)/bin/pip install -q -r requirements-test.txt

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product edgeproof

# Distribution (docs/distribution.md). `static` links the Swift runtime and Foundation into the binary, so it runs
# without the toolchain; it builds in its own scratch directory, so the flag never forces a rebuild of .build.
# `install` copies that binary to $(DESTDIR)$(PREFIX)/bin (templates are embedded: nothing else is needed at run
# time); `deb` packages it as edgeproof_<version>_<arch>.deb, the version being the binary's own `--version`;
# `dist-check` checks all three the way a machine without Swift would use them (scripts/dist-check.sh).
PREFIX ?= /usr/local
STATIC_SCRATCH := .build-static
STATIC_BIN := $(STATIC_SCRATCH)/release/edgeproof

static: deps
	$(SWIFT) build -c release --static-swift-stdlib --product edgeproof --scratch-path $(STATIC_SCRATCH)

install: static
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 $(STATIC_BIN) "$(DESTDIR)$(PREFIX)/bin/edgeproof"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/edgeproof"

deb: static
	@rm -f edgeproof_*.deb
	scripts/make-deb.sh $(STATIC_BIN) .

dist-check: deb
	scripts/dist-check.sh $(STATIC_BIN) edgeproof_*.deb
	$(MAKE) --no-print-directory hooks-check

# The GitHub Action's script against a stand-in of the GitHub API on 127.0.0.1, with a stand-in edgeproof and with
# the debug binary already built (make test builds it first; its tests are skipped when there is none), and
# action.yml read with PyYAML.
action-test: venv
	EDGEPROOF_BINARY="$$($(SWIFT) build --show-bin-path)/edgeproof" $(VENV)/bin/python scripts/test-github-action.py

# .pre-commit-hooks.yaml through the real pre-commit (in its own venv) with the static binary as `edgeproof`.
PRE_COMMIT_VENV := .build/pre-commit-venv
hooks-check: static
	@test -x $(PRE_COMMIT_VENV)/bin/pre-commit || { python3 -m venv $(PRE_COMMIT_VENV) && \
	  $(PRE_COMMIT_VENV)/bin/pip install -q 'pre-commit>=4,<5'; }
	scripts/test-pre-commit-hooks.sh $(STATIC_BIN) $(PRE_COMMIT_VENV)/bin/pre-commit

demo: release
	$(BIN) check $(EXAMPLE)
	$(BIN) test $(EXAMPLE)
	$(BIN) build $(EXAMPLE) -o out
	$(BIN) replay $(EXAMPLE) --trace traces/agenticverz-day.jsonl.gz --decisions out/decisions.jsonl --report out/replay.json
	$(BIN) whatif $(EXAMPLE) --trace traces/agenticverz-day.jsonl.gz --report out/report.html

test: deps venv
	$(MAKE) --no-print-directory fmt-check
	$(SWIFT) build
	$(SWIFT) test
	@mkdir -p .build/secrets-cli
	$(VENV)/bin/python scripts/check-secrets-cli.py "$$($(SWIFT) build --show-bin-path)/edgeproof" .build/secrets-cli
	$(MAKE) --no-print-directory schema-check
	$(MAKE) --no-print-directory outputs-check
	$(MAKE) --no-print-directory action-test
	$(MAKE) --no-print-directory crs-cases
	$(MAKE) --no-print-directory live-zone-test
	$(MAKE) --no-print-directory dask-test

# CRS 3.3.4's own regression tests (ftw YAML) replayed through `edgeproof replay` at paranoia level 4
# (docs/crs-conformance.md). CRS_TESTS=DIR reads them from a tests/regression/tests directory, else from tag v3.3.4
# of a CRS git repository. `crs-cases` replays the small converted selection committed in Tests/Fixtures/crs
# (part of `make test`; skipped with a message when CRS is not installed).
CRS_TESTS ?=
EDGEPROOF_DEBUG = "$$($(SWIFT) build --show-bin-path)/edgeproof"

crs-conformance: venv
	$(SWIFT) build --product edgeproof
	$(VENV)/bin/python scripts/crs-conformance.py $(EDGEPROOF_DEBUG) $(if $(CRS_TESTS),--tests $(CRS_TESTS))

# The live-zone commands against the Cloudflare API stand-in (scripts/cloudflare-standin.py) over HTTPS on 127.0.0.1.
live-zone-test: venv
	$(SWIFT) build --product edgeproof
	$(VENV)/bin/python scripts/test-live-zone.py $(EDGEPROOF_DEBUG) .build/live-zone-test

# The Dask driver (contrib/dask/README.md): partition, the shards replayed on a LocalCluster of 2 processes, merge,
# compared byte for byte with one `edgeproof replay`. Its requirements go into the venv when missing; when pip
# cannot install them, scripts/test-dask.py prints SKIP and passes.
dask-test: venv
	$(SWIFT) build --product edgeproof
	@$(VENV)/bin/python -c "import distributed, fsspec" 2>/dev/null || \
	  $(VENV)/bin/pip install -q -r contrib/dask/requirements.txt || \
	  echo "dask-test: could not install contrib/dask/requirements.txt"
	$(VENV)/bin/python scripts/test-dask.py "$$($(SWIFT) build --show-bin-path)/edgeproof" .build/dask-test

# The Cloudflare API stand-in for the README's live-zone tour, on https://127.0.0.1:8443 (Ctrl-C stops it).
standin: deps
	$(SWIFT) build --product edgeproof
	scripts/standin-demo.sh $(EDGEPROOF_DEBUG)

crs-cases: venv
	$(SWIFT) build --product edgeproof
	$(VENV)/bin/python scripts/crs-conformance.py $(EDGEPROOF_DEBUG) --cases Tests/Fixtures/crs/cases.jsonl

# swift-format, configured by .swift-format: `make fmt` rewrites the Swift sources in place; `make fmt-check` fails
# when formatting would change a file, a lint rule has a finding, or a line is longer than LINE_LIMIT bytes. The
# formatter never splits string literals or comments, so fmt-check counts every line itself: split a long literal
# into `"…"` + `"…"` pieces (or end a multi-line literal's source line with `\`) and re-wrap a long comment.
FORMATTED := Sources Tests Benchmarks Fuzz Package.swift
LINE_LIMIT := 120

fmt:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMATTED)

fmt-check:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)
	@find $(FORMATTED) -name '*.swift' | sort | LC_ALL=C xargs awk -v limit=$(LINE_LIMIT) \
	  'length($$0) > limit { printf "%s:%d: line is %d columns (at most %d)\n", FILENAME, FNR, length($$0), limit; \
	  long = 1 } END { exit long }'

schema-check: venv
	@mkdir -p .build/schema
	$(SWIFT) run -q edgeproof schema > .build/schema/edge.schema.json
	$(VENV)/bin/python scripts/validate-schema.py .build/schema/edge.schema.json $(EXAMPLE)
	$(VENV)/bin/python scripts/validate-schema.py .build/schema/edge.schema.json $(SMALL_SAAS)
	@cmp -s .build/schema/edge.schema.json examples/small-saas/edge.schema.json || { \
	  echo "schema-check: examples/small-saas/edge.schema.json is stale; run make spec-reference and commit it"; exit 1; }
	$(VENV)/bin/python scripts/spec-reference.py .build/schema/edge.schema.json $(EXAMPLE) .build/schema/spec-reference.md
	@cmp -s .build/schema/spec-reference.md docs/spec-reference.md || { \
	  diff -u docs/spec-reference.md .build/schema/spec-reference.md | head -40; \
	  echo "schema-check: docs/spec-reference.md is stale; run make spec-reference and commit it"; exit 1; }

# Regenerates docs/spec-reference.md and the small-saas example's schema from the checker's schema (schema-check
# fails when either is stale).
spec-reference: venv
	@mkdir -p .build/schema
	$(SWIFT) run -q edgeproof schema > .build/schema/edge.schema.json
	$(VENV)/bin/python scripts/spec-reference.py .build/schema/edge.schema.json $(EXAMPLE) docs/spec-reference.md
	cp .build/schema/edge.schema.json examples/small-saas/edge.schema.json

# The committed example outputs must match the spec, parse with independent parsers, boot redis-server,
# and pass the shared validators when they are present.
outputs-check: venv
	$(SWIFT) run -q edgeproof build $(EXAMPLE) -o examples/agenticverz/out --check
	$(VENV)/bin/python scripts/check-emitted.py examples/agenticverz/out $(EXAMPLE)
	$(VENV)/bin/python scripts/check-redis-conf.py examples/agenticverz/out/redis/redis.conf $(EXAMPLE)
	$(VENV)/bin/python scripts/check-cloudflare.py examples/agenticverz/out
	$(VENV)/bin/python scripts/check-cloudflare.py Tests/EmittersTests/Golden/managed-exceptions
	$(VENV)/bin/python scripts/check-emitted.py Tests/EmittersTests/Golden/self-hosted Tests/EmittersTests/Fixtures/self-hosted.yaml
	$(VENV)/bin/python scripts/check-redis-conf.py Tests/EmittersTests/Golden/self-hosted/redis/redis.conf Tests/EmittersTests/Fixtures/self-hosted.yaml
	$(SWIFT) run -q edgeproof build $(SMALL_SAAS) -o examples/small-saas/out --check
	$(VENV)/bin/python scripts/check-emitted.py examples/small-saas/out $(SMALL_SAAS)
	$(VENV)/bin/python scripts/check-redis-conf.py examples/small-saas/out/redis/redis.conf $(SMALL_SAAS)
	$(VENV)/bin/python scripts/check-cloudflare.py examples/small-saas/out
	$(MAKE) --no-print-directory tf-fmt-check
	@if [ -x ../shared/validators/validate-outputs ]; then \
	  ../shared/validators/validate-outputs examples/agenticverz/out | tee .build/validate-outputs.log; \
	  grep -q ' 0 failed' .build/validate-outputs.log; \
	  ../shared/validators/validate-outputs examples/small-saas/out | tee .build/validate-outputs.log; \
	  grep -q ' 0 failed' .build/validate-outputs.log; \
	else echo "skip: ../shared/validators/validate-outputs not found (shared validators are optional)"; fi

# Every emitted Terraform file (the example's outputs and the goldens) must be as `terraform fmt` writes it, so a fmt
# step in CI and `build --check` agree. Skipped when terraform is not on the PATH; never runs `terraform init`.
TF_OUTPUTS := examples/agenticverz/out Tests/EmittersTests/Golden

tf-fmt-check:
	@if ! command -v terraform >/dev/null 2>&1; then \
	  echo "skip: terraform is not on the PATH, so the emitted .tf files are not checked with terraform fmt"; \
	else \
	  files=$$(find $(TF_OUTPUTS) -name '*.tf' | LC_ALL=C sort); \
	  test -n "$$files" || { echo "tf-fmt-check: no .tf file under $(TF_OUTPUTS)"; exit 1; }; \
	  terraform fmt -check -diff -no-color $$files || { \
	    echo "tf-fmt-check: the files above differ from terraform fmt (fix the emitter, then rebuild the outputs)"; \
	    exit 1; }; \
	  echo "terraform fmt: $$(echo $$files | wc -w) emitted .tf file(s) already formatted"; \
	fi

# Every libFuzzer harness under Fuzz/ with AddressSanitizer, FUZZ_SECONDS each (docs/fuzzing.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

traces:
	python3 scripts/make-traces.py

bench: release
	scripts/bench-command.sh "edgeproof check (example)" $(BIN) check $(EXAMPLE)
	scripts/bench-command.sh "edgeproof build (example, to a fresh directory)" sh -c 'rm -rf .build/bench-out && $(BIN) build $(EXAMPLE) -o .build/bench-out'
	scripts/bench-command.sh "edgeproof build --check (example)" $(BIN) build $(EXAMPLE) -o examples/agenticverz/out --check

bench-replay: deps
	$(SWIFT) build -c release --product ReplayBenchmark
	.build/release/ReplayBenchmark 1000000 $${TMPDIR:-/tmp}/edgeproof-replay-benchmark 5 1,2,1,2 no-owasp
	.build/release/ReplayBenchmark 5000000 $${TMPDIR:-/tmp}/edgeproof-replay-benchmark 3 1,2 no-owasp
	.build/release/ReplayBenchmark 1000000 $${TMPDIR:-/tmp}/edgeproof-replay-benchmark 3 1,2
	scripts/bench-jobs.sh .build/release/ReplayBenchmark 1000000 $${TMPDIR:-/tmp}/edgeproof-replay-benchmark 5

bench-whatif: deps
	$(SWIFT) build -c release --product ReplayBenchmark --product WhatIfBenchmark
	test -f $${TMPDIR:-/tmp}/edgeproof-replay-benchmark/replay-colos-1000000.jsonl || .build/release/ReplayBenchmark 1000000
	.build/release/WhatIfBenchmark $${TMPDIR:-/tmp}/edgeproof-replay-benchmark/replay-colos-1000000.jsonl 1,2,5,10

bench-rules: deps
	$(SWIFT) run -c release RulesBenchmark

bench-traces: deps
	$(SWIFT) run -c release TracesBenchmark

# The OWASP Core Ruleset's cost in a replay, with and without it, and libmodsecurity's speed (docs/PERFORMANCE.md).
bench-owasp: deps
	$(SWIFT) build -c release --product edgeproof
	$(SWIFT) build -c release --product ManagedRulesBenchmark
	scripts/bench-owasp.sh $(BIN) .build/release/ManagedRulesBenchmark

# The OWASP Core Rule Set on one core: the compiled evaluator and libmodsecurity on the day trace's distinct
# requests (docs/decisions/0023-crs-compiled-into-the-models-own-conditions.md).
bench-crs: deps
	$(SWIFT) build -c release --product CRSBenchmark
	.build/release/CRSBenchmark traces/agenticverz-day.jsonl.gz 3

# The compiled CRS evaluator against libmodsecurity on every distinct request of the day trace and, when
# CRS_TESTS names CRS 3.3.4's tests/regression/tests directory, on all of CRS's regression requests.
crs-differential: venv
	@if [ -n "$(CRS_TESTS)" ]; then $(VENV)/bin/python scripts/convert-crs-regression-tests.py "$(CRS_TESTS)" .build/crs-regression.jsonl; fi
	EDGEPROOF_CRS_DIFFERENTIAL=all $(if $(CRS_TESTS),EDGEPROOF_CRS_REGRESSION=.build/crs-regression.jsonl) \
	  $(SWIFT) test --filter CompiledCRS

clean:
	rm -rf .build

# The HTML reports in a real browser: headless Chromium paints the example report and its DOM holds every chart;
# what-if and diff reports fit windows of 1,024 and 1,400 px without scrolling and keep IPv6 addresses on one line.
.PHONY: test-browser
test-browser: deps
	SWIFT=$(SWIFT) scripts/test-browser.sh
