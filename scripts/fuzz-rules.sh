#!/usr/bin/env bash
# Builds the Rules-language libFuzzer harness and runs it for SECONDS (default 30) over the committed seed
# corpus; fails unless libFuzzer reports that it initialised and executed inputs, or if it finds a crash.
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scratch=.build-fuzz
swift build --scratch-path "$scratch" --target RulesLanguage -Xswiftc -sanitize=fuzzer >/dev/null
debug="$scratch/debug"

# Link exactly the objects of each module's current sources (a renamed file leaves a stale object behind).
objects=()
for module in RulesLanguage EdgeCore Rainbow; do
    while IFS= read -r source; do
        objects+=("$debug/$module.build/$(basename "$source").o")
    done < "$debug/$module.build/sources"
done

binary="$scratch/fuzz-rules"
swiftc -parse-as-library -sanitize=fuzzer -g \
    -I "$debug/Modules" \
    -Xcc -fmodule-map-file=Sources/CPCRE2/module.modulemap \
    -Xcc -fmodule-map-file=Sources/CCrypto/module.modulemap \
    Fuzz/RulesLanguage/main.swift "${objects[@]}" -lpcre2-8 -lcrypto -o "$binary"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp Fuzz/RulesLanguage/corpus/* "$work/"
log="$work/fuzz.log"
set +e
"$binary" "$work" -max_total_time="$seconds" -max_len=4200 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$scratch/" >"$log" 2>&1
status=$?
set -e
tail -n 25 "$log"
if [ "$status" -ne 0 ]; then
    echo "fuzz-rules: libFuzzer exited with status $status (crash artifacts under $scratch/)" >&2
    exit 1
fi
if ! grep -q "INITED" "$log" || ! grep -Eq "stat::number_of_executed_units: *[1-9]" "$log"; then
    echo "fuzz-rules: libFuzzer did not report that it ran" >&2
    exit 1
fi
runs="$(grep -Eo "stat::number_of_executed_units: *[0-9]+" "$log" | grep -Eo "[0-9]+$")"
echo "fuzz-rules: $runs inputs executed in ${seconds}s without a crash"
