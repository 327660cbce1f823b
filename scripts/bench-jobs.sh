#!/usr/bin/env bash
# --jobs 1 against --jobs 2 (docs/PERFORMANCE.md): ROUNDS rounds, each running ReplayBenchmark once with --jobs 1 and
# once with --jobs 2, every run in a fresh process (a process's later runs inherit the heap and thread arenas of the
# earlier ones), alternating so that both see the same host. Prints each run, each median, the ratio of the medians,
# and the median of each round's ratio (the steadier figure when the host's speed drifts during the runs). Usage: bench-jobs.sh REPLAY_BENCHMARK RECORDS DIR [ROUNDS] [owasp|no-owasp]
set -euo pipefail
benchmark=${1:?usage: bench-jobs.sh REPLAY_BENCHMARK RECORDS DIR [ROUNDS] [owasp|no-owasp]}
records=${2:?usage: bench-jobs.sh REPLAY_BENCHMARK RECORDS DIR [ROUNDS] [owasp|no-owasp]}
directory=${3:?usage: bench-jobs.sh REPLAY_BENCHMARK RECORDS DIR [ROUNDS] [owasp|no-owasp]}
rounds=${4:-5}
ruleset=${5:-no-owasp}

rate() {
  # The records/s of one run: the number before "records/s" on its summary line.
  "$benchmark" "$records" "$directory" 1 "$1" "$ruleset" | tee /dev/stderr \
    | sed -n 's/.*median \([0-9]*\) records\/s.*/\1/p'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

one=() two=()
for _ in $(seq "$rounds"); do
  one+=("$(rate 1)")
  two+=("$(rate 2)")
done
m1=$(printf '%s\n' "${one[@]}" | median)
m2=$(printf '%s\n' "${two[@]}" | median)
echo "--jobs 1: ${one[*]} records/s, median $m1"
echo "--jobs 2: ${two[*]} records/s, median $m2"
awk -v a="$m1" -v b="$m2" 'BEGIN { printf "--jobs 2 against --jobs 1: %.2fx (medians)\n", b / a }'
ratios=()
for round in "${!one[@]}"; do
  ratios+=("$(awk -v a="${one[$round]}" -v b="${two[$round]}" 'BEGIN { printf "%.3f", b / a }')")
done
echo "each round's ratio: ${ratios[*]}; median $(printf '%s\n' "${ratios[@]}" | sort -n \
  | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')x"
