#!/usr/bin/env bash
# Times `edgeproof check` on a spec: prints the median of 50 runs in milliseconds.
set -euo pipefail
bin=${1:?usage: bench-check.sh EDGEPROOF SPEC}; spec=${2:?usage: bench-check.sh EDGEPROOF SPEC}
times=()
for _ in $(seq 50); do
  start=$(date +%s%N); "$bin" check "$spec" >/dev/null; end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 25p)
printf 'edgeproof check %s: median %d.%03d ms over 50 runs\n' "$spec" $((median / 1000)) $((median % 1000))
