#!/usr/bin/env bash
# The OWASP Core Ruleset's cost in a replay (docs/PERFORMANCE.md): the example day trace and a 6-hour synthetic
# trace of the example's launch-week profile, each replayed through the example spec with OWASP on and through a
# copy with it off (best of RUNS wall times each), and the ratio; then the managed rules benchmark on both traces
# (distinct memo keys, memo hit rate, libmodsecurity requests/s per core at PL1, PL2 and every level).
# Usage: bench-owasp.sh EDGEPROOF MANAGED_RULES_BENCHMARK [RUNS]
set -euo pipefail
bin=${1:?usage: bench-owasp.sh EDGEPROOF MANAGED_RULES_BENCHMARK [RUNS]}
benchmark=${2:?usage: bench-owasp.sh EDGEPROOF MANAGED_RULES_BENCHMARK [RUNS]}
runs=${3:-3}
spec=examples/agenticverz/edge.yaml
work=$(mktemp -d "${TMPDIR:-/tmp}/edgeproof-bench-owasp.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The copy without OWASP: `enabled: true` on the line after `  owasp:` becomes false, and the `expect:` section,
# whose cases name the ruleset's verdicts, is left out (a replay does not read it).
off="$work/edge-owasp-off.yaml"
awk '/^[a-z_]+:/ { skipping = ($0 ~ /^expect:/) } skipping { next }
  /^  owasp:/ { owasp = 1; print; next } owasp && /^    enabled: true/ { sub(/true/, "false"); owasp = 0 } { print }' \
  "$spec" > "$off"
grep -q '^    enabled: false' "$off" || { echo "bench-owasp: could not switch OWASP off in a copy of $spec"; exit 1; }
"$bin" check "$off" >/dev/null || { echo "bench-owasp: the copy without OWASP does not check: $off" >&2; exit 1; }

synth="$work/launch-week-6h.jsonl"
"$bin" synth --spec "$spec" --profile launch-week --duration 6h --seed 1 -o "$synth" >/dev/null 2>&1

best_seconds() {
  local best=""
  for _ in $(seq "$runs"); do
    local start end status
    # Exit 1 is a broken spec threshold, which still replayed every record; anything else is a failed run.
    start=$(date +%s%N); status=0; "$bin" replay "$1" --trace "$2" >/dev/null 2>"$work/replay.err" || status=$?
    end=$(date +%s%N)
    [ "$status" -le 1 ] || { echo "bench-owasp: replay of $2 through $1 failed: $(cat "$work/replay.err")" >&2; exit 1; }
    local ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

for trace in traces/agenticverz-day.jsonl.gz "$synth"; do
  on=$(best_seconds "$spec" "$trace")
  without=$(best_seconds "$off" "$trace")
  printf '%s: replay with OWASP %d.%03d s, without %d.%03d s (best of %d): %s x\n' "$(basename "$trace")" \
    $((on / 1000)) $((on % 1000)) $((without / 1000)) $((without % 1000)) "$runs" \
    "$(awk -v a="$on" -v b="$without" 'BEGIN { printf "%.2f", a / b }')"
done
"$benchmark" traces/agenticverz-day.jsonl.gz
"$benchmark" "$synth"
