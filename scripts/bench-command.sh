#!/usr/bin/env bash
# Times a command: prints the median wall time of 50 runs in milliseconds.
# Usage: bench-command.sh LABEL COMMAND [ARGS...]
set -euo pipefail
label=${1:?usage: bench-command.sh LABEL COMMAND [ARGS...]}; shift
times=()
for _ in $(seq 50); do
  start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 25p)
printf '%s: median %d.%03d ms over 50 runs\n' "$label" $((median / 1000)) $((median % 1000))
