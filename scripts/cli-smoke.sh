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
# bounded input: an oversize spec is measured, not read; a stream is read one byte past the limit; a FIFO without a writer ends
truncate -s 4G "$work/sparse.yaml"
expect_exit 1 "$bin" check "$work/sparse.yaml"
grep -q 'the spec is 4294967296 bytes; the limit is 1048576 bytes (1 MiB) \[E0001\]' "$work/out" && echo "ok   a 4 GB spec is rejected by its size" || { echo "FAIL sparse spec"; fail=1; }
expect_exit 1 "$bin" check /dev/zero --format json
mkfifo "$work/fifo.yaml"
expect_exit 2 timeout 60 "$bin" check "$work/fifo.yaml"
grep -q 'is a FIFO and nothing wrote to it' "$work/err" && echo "ok   a FIFO spec without a writer ends with exit 2" || { echo "FAIL FIFO spec"; fail=1; }
# build: same bytes whatever the working directory, path spelling, TZ or locale; atomic on failure.
expect_exit 0 "$bin" build examples/agenticverz/edge.yaml -o "$work/a"
mkdir -p "$work/elsewhere" && cp examples/agenticverz/edge.yaml "$work/elsewhere/edge.yaml"
(cd "$work/elsewhere" && TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 LANG=de_DE.UTF-8 "$bin" build ./../elsewhere/edge.yaml -o "$work/b" >/dev/null 2>&1)
diff -r "$work/a" "$work/b" >/dev/null && echo "ok   build output is byte-identical across cwd, path spelling, TZ and locale" || { echo "FAIL build output differs"; diff -r "$work/a" "$work/b" | head; fail=1; }
expect_exit 0 "$bin" build examples/agenticverz/edge.yaml -o "$work/a" --check
echo "# drifted" >> "$work/a/fly/fly.toml"
expect_exit 1 "$bin" build examples/agenticverz/edge.yaml -o "$work/a" --check
grep -q '^changed: .*fly/fly.toml' "$work/out" && echo "ok   --check names the drifted file" || { echo "FAIL --check output"; fail=1; }
mkdir -p "$work/c" && echo "a file where a directory must go" > "$work/c/vault" && echo keep > "$work/c/notes.txt"
before=$(cd "$work/c" && find . -type f -exec sha256sum {} + | sort)
expect_exit 2 "$bin" build examples/agenticverz/edge.yaml -o "$work/c"
after=$(cd "$work/c" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && echo "ok   a failed build leaves the directory exactly as it was" || { echo "FAIL failed build changed the directory"; fail=1; }
printf 'version: 1\nzone: {name: example.com, plan: pro}\nfly: {app: x-app, primary_region: sin, vm: [{cpus: 1, memory: 8gb}]}\n' > "$work/bad.yaml"
expect_exit 1 "$bin" build "$work/bad.yaml" -o "$work/d"
[ ! -e "$work/d" ] && echo "ok   a spec with errors writes nothing" || { echo "FAIL output written for a bad spec"; fail=1; }
# eval / explain / test
"$bin" eval 'http.request.headers["x-missing"][0] ne "a"' >"$work/out"; a=$(cat "$work/out")
"$bin" eval 'http.request.headers["x-missing"][0] ne "a"' --missing-values wirefilter >"$work/out"; b=$(cat "$work/out")
[ "$a/$b" = "false/true" ] && echo "ok   missing values: cloudflare false, wirefilter != true" || { echo "FAIL missing values $a/$b"; fail=1; }
"$bin" eval 'lower(http.user_agent) contains "sqlmap"' --request '{"ua":"SQLMap/1.7"}' >"$work/out" 2>"$work/err"
[ "$(cat "$work/out")" = "true" ] && [ ! -s "$work/err" ] && echo "ok   eval prints only true on stdout" || { echo "FAIL eval true"; fail=1; }
"$bin" eval 'http.host eq "a"' >"$work/out"; [ "$(cat "$work/out")" = "false" ] && echo "ok   eval prints false" || { echo "FAIL eval false"; fail=1; }
expect_exit 1 "$bin" eval 'http.user_agnet eq ""'
grep -q 'did you mean `http.user_agent`' "$work/err" && echo "ok   eval diagnostics go to stderr with did-you-mean" || { echo "FAIL eval diagnostics"; fail=1; }
expect_exit 1 "$bin" eval 'http.host matches "a"' --plan pro
expect_exit 1 "$bin" eval 'http.response.code eq 401' --phase custom
expect_exit 0 "$bin" eval 'http.response.code eq 401' --phase counting --request '{"status":401}'
expect_exit 2 "$bin" eval 'true' --request '{"method":'
expect_exit 0 "$bin" eval 'ip.src in $suspicious_ips' --spec examples/agenticverz/edge.yaml --request '{"ip":"198.51.100.20"}'
[ "$(cat "$work/out")" = "true" ] && echo "ok   eval --spec resolves \$lists" || { echo "FAIL eval --spec"; fail=1; }
expect_exit 0 "$bin" explain examples/agenticverz/edge.yaml --request '{"ua":"nikto/2.5"}'
grep -q '^action: block (rule block-bad-bots in http_request_firewall_custom), status 403, cache UNKNOWN' "$work/out" && echo "ok   explain names the deciding rule" || { echo "FAIL explain"; fail=1; }
expect_exit 0 "$bin" test examples/agenticverz/edge.yaml --junit "$work/junit.xml"
grep -q 'failures="0"' "$work/junit.xml" && echo "ok   test writes JUnit" || { echo "FAIL junit"; fail=1; }
sed 's/    rule: block-missing-user-agent/    rule: block-bad-bots/' examples/agenticverz/edge.yaml > "$work/failing.yaml"
expect_exit 1 "$bin" test "$work/failing.yaml"
grep -q '^FAIL requests without a user agent are blocked' "$work/out" && grep -q 'action: block (rule block-missing-user-agent in http_request_firewall_custom)' "$work/out" \
  && echo "ok   a failing case shows expected vs actual and the explain trace" || { echo "FAIL failing case output"; fail=1; }
# replay
expect_exit 0 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --decisions "$work/d.jsonl" --report "$work/r.json"
[ "$(wc -l < "$work/d.jsonl")" = "600" ] && echo "ok   replay writes one decision per record" || { echo "FAIL decisions"; fail=1; }
"$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["requests"]==600 and r["rate_limit_triggers"]["api-per-ip"]==500, r' "$work/r.json" \
  && echo "ok   replay --report is JSON with the counts" || { echo "FAIL replay report"; fail=1; }
expect_exit 1 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --fail-on 'block_rate<0.1%' --junit "$work/t.xml"
grep -q 'failures="1"' "$work/t.xml" && echo "ok   replay --junit records the broken threshold" || { echo "FAIL replay junit"; fail=1; }
grep -q 'block_rate = 83.33% breaks block_rate < 0.1%' "$work/out" && echo "ok   --fail-on names the broken threshold" || { echo "FAIL --fail-on output"; fail=1; }
expect_exit 0 "$bin" replay examples/agenticverz/edge.yaml --trace traces/agenticverz-day.jsonl.gz --fail-on
expect_exit 1 "$bin" replay examples/agenticverz/edge.yaml --trace traces/cache-warm-up.jsonl --fail-on --decisions "$work/x.jsonl"
grep -q "cache_hit_ratio = 88.02% breaks cache_hit_ratio >= 90%" "$work/out" \&\& echo "ok   a bare --fail-on applies the spec's fail_on" || { echo "FAIL bare --fail-on"; fail=1; }
expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace "$work/nope.jsonl"
head -c 3000 /dev/urandom > "$work/garbage.log"
expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace "$work/garbage.log" --max-errors 1
# damaged traces stop with exit 2: truncated gzip, bad CRC, every line malformed, an endless line, a FIFO without a writer
head -c 20000 traces/agenticverz-day.jsonl.gz > "$work/cut.jsonl.gz"
"$python" -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[-8]^=1; open(sys.argv[2],"wb").write(b)' traces/agenticverz-day.jsonl.gz "$work/crc.jsonl.gz"
printf '{bad}\n{"path":7}\n' > "$work/allbad.jsonl"
for damaged in cut.jsonl.gz crc.jsonl.gz allbad.jsonl; do
  expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace "$work/$damaged"
  expect_exit 2 "$bin" whatif examples/agenticverz/edge.yaml --trace "$work/$damaged"
  expect_exit 2 "$bin" diff examples/agenticverz/edge.yaml examples/agenticverz/edge.yaml --trace "$work/$damaged"
done
expect_exit 2 timeout 60 "$bin" replay examples/agenticverz/edge.yaml --trace /dev/zero
mkfifo "$work/fifo.jsonl"
expect_exit 2 timeout 60 "$bin" replay examples/agenticverz/edge.yaml --trace "$work/fifo.jsonl"
# whatif and diff
expect_exit 0 "$bin" whatif examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --scale 1,2 --report "$work/w.json"
"$python" -c 'import json,sys; s=json.load(open(sys.argv[1]))["scenarios"]; assert [x["requests"] for x in s]==[600,1200], s' "$work/w.json" \
  && echo "ok   whatif --report has one scenario per scale" || { echo "FAIL whatif report"; fail=1; }
expect_exit 0 "$bin" diff examples/agenticverz/edge.yaml examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --fail-on-change
sed 's/    requests: 100$/    requests: 50/' examples/agenticverz/edge.yaml > "$work/tighter.yaml"
expect_exit 1 "$bin" diff examples/agenticverz/edge.yaml "$work/tighter.yaml" --trace traces/scraper.jsonl --fail-on-change --report "$work/diff.json" --junit "$work/diff.xml"
grep -q '\[rule api-per-ip\]' "$work/out" && grep -q '<failure' "$work/diff.xml" && echo "ok   diff names the rule and writes JUnit" || { echo "FAIL diff output"; fail=1; }
# synth
expect_exit 0 "$bin" synth --spec examples/agenticverz/edge.yaml --duration 10m --rps 3 --seed 7 -o "$work/s1.jsonl"
"$bin" synth --spec examples/agenticverz/edge.yaml --duration 10m --rps 3 --seed 7 -o "$work/s2.jsonl" >/dev/null
"$bin" synth --spec examples/agenticverz/edge.yaml --duration 10m --rps 3 --seed 8 -o "$work/s3.jsonl" >/dev/null
cmp -s "$work/s1.jsonl" "$work/s2.jsonl" && ! cmp -s "$work/s1.jsonl" "$work/s3.jsonl" && echo "ok   synth: same seed same bytes, another seed other bytes" || { echo "FAIL synth determinism"; fail=1; }
expect_exit 0 "$bin" synth --spec examples/agenticverz/edge.yaml --profile launch-week --duration 5m -o "$work/s4.jsonl"
expect_exit 1 "$bin" synth --spec examples/agenticverz/edge.yaml --profile lanch-week --duration 5m -o "$work/s5.jsonl"
grep -q "did you mean 'launch-week'" "$work/err" && echo "ok   synth suggests a profile name" || { echo "FAIL synth suggestion"; fail=1; }
expect_exit 0 "$bin" whatif examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --scale 1 --add-profile credential-stuffing --report "$work/wa.html"
grep -q '+credential-stuffing' "$work/out" && grep -q 'data-chart' "$work/wa.html" && echo "ok   whatif --add-profile adds a scenario and writes HTML" || { echo "FAIL whatif --add-profile"; fail=1; }
exit $fail
