#!/usr/bin/env bash
# Builds every libFuzzer harness under Fuzz/<Name>/ with AddressSanitizer (and UndefinedBehaviorSanitizer for the
# C code the harnesses reach) and runs each for SECONDS (default 30) over its committed seed corpus.
#
#   scripts/fuzz.sh [SECONDS] [NAME...]     # all harnesses, or only the named ones
#
# Fails if a harness does not build, if libFuzzer does not report that it initialised and executed inputs, or if
# it finds a crash, a sanitizer report, a timeout or memory over the limits; the input that failed is kept in
# .build-fuzz/artifacts/<Name>/ and its path printed. Prints one summary line per harness. See docs/fuzzing.md.
set -euo pipefail

seconds="${1:-30}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# The modules each harness links come from the package (scripts/fuzz-modules.py): the targets its main.swift
# imports and their dependencies.
# Source files compiled into a harness besides its main.swift.
declare -A support=(
    [NativeTrace]=Fuzz/Support/TraceReading.swift [LogpushTrace]=Fuzz/Support/TraceReading.swift
    [CombinedLog]=Fuzz/Support/TraceReading.swift [GzipTrace]=Fuzz/Support/TraceReading.swift
    [ShardTrace]=Fuzz/Support/TraceReading.swift
)
# The longest input libFuzzer generates for each harness (bytes).
declare -A maxLength=(
    [RulesLanguage]=4200 [RequestJSON]=4096 [NativeTrace]=16384 [LogpushTrace]=16384 [CombinedLog]=16384
    [GzipTrace]=16384 [ShardTrace]=16384 [SpecChecker]=16384 [LoadProfile]=4096 [ManagedRules]=4096 [JSONDocument]=16384
)

harnesses=()
for main in Fuzz/*/main.swift; do harnesses+=("$(basename "$(dirname "$main")")"); done
names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
    names=("${harnesses[@]}")
fi
for name in "${names[@]}"; do
    if [ ! -f "Fuzz/$name/main.swift" ]; then
        echo "fuzz: unknown harness '$name' (expected one of: ${harnesses[*]})" >&2
        exit 2
    fi
    if [ -z "${maxLength[$name]:-}" ]; then
        echo "fuzz: harness '$name' has no entry in maxLength in $0" >&2
        exit 2
    fi
done

# One sanitizer build of the library modules: Swift code with libFuzzer coverage and AddressSanitizer (swiftc on
# Linux rejects -sanitize=undefined), C code (libyaml inside Yams) with coverage, AddressSanitizer and
# UndefinedBehaviorSanitizer, stopping at the first undefined-behaviour report.
scratch=.build-fuzz
echo "fuzz: building the library modules with -sanitize=fuzzer,address into $scratch"
for target in Simulation CloudflareAPI; do
    swift build --scratch-path "$scratch" --target "$target" \
        -Xswiftc -sanitize=fuzzer,address \
        -Xcc -fsanitize=fuzzer-no-link,address,undefined -Xcc -fno-sanitize-recover=undefined >/dev/null
done
debug="$scratch/debug"

# The objects of a module: exactly those of its current sources (a renamed file leaves a stale object behind).
module_objects() {
    local build="$debug/$1.build"
    if [ ! -d "$build" ]; then
        echo "fuzz: module $1 was not built into $build (is it a dependency of Simulation or CloudflareAPI?)" >&2
        return 1
    fi
    if [ -f "$build/sources" ]; then
        while IFS= read -r source; do
            echo "$build/$(basename "$source").o"
        done < "$build/sources"
    else
        find "$build" -name '*.o' | sort
    fi
}

# LeakSanitizer reports the storage of Swift's lazily initialised globals as leaked, so leak checking is off;
# -rss_limit_mb and -malloc_limit_mb bound memory instead. Swift's own crash backtracer is off: it reads the
# stack in a way AddressSanitizer reports, hiding the real finding.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
failed=0
for name in "${names[@]}"; do
    if ! modules="$(scripts/fuzz-modules.py "$scratch" "Fuzz/$name/main.swift")"; then
        echo "fuzz: the modules of $name could not be derived from the package" >&2
        failed=1
        continue
    fi
    objects=()
    missing=0
    for module in $modules; do
        if ! module_objects "$module" >"$scratch/objects-$module.txt"; then missing=1; continue; fi
        while IFS= read -r object; do objects+=("$object"); done <"$scratch/objects-$module.txt"
    done
    if [ "$missing" -ne 0 ]; then
        echo "fuzz: $name does not build: a module it links is missing" >&2
        failed=1
        continue
    fi
    binary="$scratch/fuzz-$name"
    link_log="$scratch/link-$name.log"
    if ! swiftc -parse-as-library -sanitize=fuzzer,address -g \
        -I "$debug/Modules" \
        -Xcc -fmodule-map-file=Sources/CPCRE2/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CCrypto/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CModSecurity/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CCurl/module.modulemap \
        -Xcc -fmodule-map-file="$scratch/checkouts/Yams/Sources/CYaml/include/module.modulemap" \
        "Fuzz/$name/main.swift" ${support[$name]:-} "${objects[@]}" -lpcre2-8 -lcrypto -lz -lmodsecurity -lcurl -o "$binary" >"$link_log" 2>&1; then
        grep -v "Cannot export local symbol" "$link_log" >&2
        echo "fuzz: $name does not build (log: $link_log)" >&2
        failed=1
        continue
    fi

    work="$(mktemp -d)"
    cp "Fuzz/$name/corpus/"* "$work/"
    artifacts="$scratch/artifacts/$name"
    mkdir -p "$artifacts"
    log="$scratch/fuzz-$name.log"
    set +e
    "$binary" "$work" -max_total_time="$seconds" -max_len="${maxLength[$name]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
    status=$?
    set -e
    rm -rf "$work"
    runs="$(grep -Eo "stat::number_of_executed_units: *[0-9]+" "$log" | grep -Eo "[0-9]+$" || echo 0)"
    if [ "$status" -ne 0 ]; then
        tail -n 40 "$log"
        echo "fuzz: $name FAILED (libFuzzer status $status); the input is in $artifacts/, the log in $log" >&2
        failed=1
    elif ! grep -q "INITED" "$log" || [ "${runs:-0}" -eq 0 ]; then
        tail -n 20 "$log"
        echo "fuzz: $name did not report that it ran (log: $log)" >&2
        failed=1
    else
        echo "fuzz: $name: $runs inputs executed in ${seconds}s without a finding"
    fi
done
exit "$failed"
