#!/usr/bin/env bash
# Runs the built `edgeproof` on good, bad and missing specs and checks exit codes and output formats.
set -uo pipefail
bin=${1:?usage: cli-smoke.sh EDGEPROOF PYTHON}; python=${2:?usage: cli-smoke.sh EDGEPROOF PYTHON}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect_exit() { local want=$1; shift; "$@" >"$work/out" 2>"$work/err"; local got=$?
  if [ "$got" = "$want" ]; then echo "ok   exit $want: ${*:2}"; else echo "FAIL exit $got (want $want): ${*:2}"; cat "$work/out" "$work/err" | head -20; fail=1; fi; }

expect_exit 0 "$bin" check examples/agenticverz/edge.yaml
printf 'vresion: 1\nzone:\n  name: example.com\n  plan: pr\n' > "$work/edge.yaml"
expect_exit 1 "$bin" check "$work/edge.yaml"
grep -q "edge.yaml:1:1: error: unknown key 'vresion'" "$work/out" && echo "ok   text diagnostic names file:line:col" || { echo "FAIL text diagnostic"; fail=1; }
expect_exit 1 "$bin" check "$work/edge.yaml" --format json
"$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["errors"]==3, d; assert {x["id"] for x in d["diagnostics"]}=={"E0101","E0103","E0104"}' "$work/out" \
  && echo "ok   --format json is one document with the summary" || { echo "FAIL --format json"; fail=1; }
expect_exit 1 "$bin" check "$work/edge.yaml" --format github
grep -q '^::error file=.*edge.yaml,line=1,col=1,' "$work/out" && echo "ok   --format github annotations" || { echo "FAIL --format github"; fail=1; }
expect_exit 2 "$bin" check "$work/missing.yaml"
expect_exit 2 "$bin" check "$work"
(cd "$work" && cp "$OLDPWD/examples/agenticverz/edge.yaml" edge.yaml && "$bin" check >/dev/null) && echo "ok   SPEC defaults to ./edge.yaml" || { echo "FAIL default spec"; fail=1; }
printf 'version: 1\nzone: {name: example.com, plan: pro}\n' > "$work/min.yaml"
expect_exit 0 "$bin" check "$work/min.yaml"
expect_exit 1 "$bin" check "$work/min.yaml" --strict
exit $fail
