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
# credentials: check and build refuse them and never print them; GitHub commands cannot be forged
"$python" scripts/check-secrets-cli.py "$bin" "$work" || fail=1
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
# a regex search past its match budget is reported, never a quiet false
printf 'version: 1\nzone: {name: example.com, plan: business}\nwaf:\n  - id: long-ua\n    description: a pattern that keeps thousands of threads alive\n    when: http.user_agent matches ".{4079}!"\n    action: block\n' > "$work/budget.yaml"
"$python" -c 'import json; print(json.dumps({"ts": "2025-12-20T14:00:00Z", "ip": "192.0.2.1", "method": "GET", "host": "example.com", "path": "/", "ua": "x" * 100000 + "?"}))' > "$work/long-ua.jsonl"
expect_exit 0 "$bin" replay "$work/budget.yaml" --trace "$work/long-ua.jsonl"
grep -q "warning: 1 regex search ran past the match budget" "$work/err" && echo "ok   replay reports a regex search that ran past its budget" || { echo "FAIL undecided regex warning"; cat "$work/err"; fail=1; }
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
# outputs: a path is written *to* (a link's target, a FIFO, a device, '-'), never replaced by a regular file
ok() { echo "ok   $1"; }; bad() { echo "FAIL $1"; fail=1; }
echo old > "$work/real.json" && ln -s real.json "$work/link.json"
expect_exit 0 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --report "$work/link.json"
[ -L "$work/link.json" ] && grep -q '"requests": 600' "$work/real.json" && ok "--report through a symlink: the link stays, its target gets the report" || bad "--report through a symlink"
mkfifo "$work/decisions.fifo"
(timeout 60 cat "$work/decisions.fifo" | wc -l > "$work/fifo-lines") &
expect_exit 0 timeout 60 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --decisions "$work/decisions.fifo"
wait
[ -p "$work/decisions.fifo" ] && [ "$(cat "$work/fifo-lines")" = "600" ] && ok "--decisions to a FIFO streams 600 lines and the FIFO stays" || bad "--decisions to a FIFO"
if [ "$(id -u)" = 0 ] && mknod "$work/null" c 1 3 2>/dev/null; then
  expect_exit 0 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --fail-on 'block_rate<100%' --decisions "$work/null" --report "$work/null" --junit "$work/null"
  expect_exit 0 "$bin" synth --spec examples/agenticverz/edge.yaml --duration 1m -o "$work/null"
  [ -c "$work/null" ] && ok "a character device stays a device after --decisions, --report, --junit and synth -o" || bad "a device was replaced"
else echo "skip: mknod needs root"; fi
[ -c /dev/null ] && ok "/dev/null is a character device" || bad "/dev/null is no longer a device"
(cd "$work" && "$bin" replay "$OLDPWD/examples/agenticverz/edge.yaml" --trace "$OLDPWD/traces/scraper.jsonl" --report - > "$work/stdout-report" 2>/dev/null)
[ ! -e "$work/-" ] && "$python" -c 'import json,sys; t=open(sys.argv[1]).read(); r=json.loads(t[t.index("\n{")+1:]); assert r["requests"]==600' "$work/stdout-report" \
  && ok "--report - streams the JSON report after the summary on stdout; no file '-'" || bad "--report -"
"$bin" synth --spec examples/agenticverz/edge.yaml --duration 1m --seed 3 -o - 2>/dev/null | cmp -s - <("$bin" synth --spec examples/agenticverz/edge.yaml --duration 1m --seed 3 -o "$work/s-file.jsonl" >/dev/null 2>&1; cat "$work/s-file.jsonl") \
  && ok "synth -o - writes the same trace to stdout" || bad "synth -o -"
"$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --report /dev/stdout 2>/dev/null | cat > "$work/piped-report"
"$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --report /dev/stdout > "$work/redirected-report" 2>/dev/null
for f in piped-report redirected-report; do
  "$python" -c 'import json,sys; t=open(sys.argv[1]).read(); assert t.startswith("Replayed 600 requests"), t[:80]; r=json.loads(t[t.index("\n{")+1:]); assert r["requests"]==600' "$work/$f" \
    && ok "--report /dev/stdout into a $f holds the summary, then the report" || bad "--report /dev/stdout ($f)"
done
cp traces/scraper.jsonl "$work/input.jsonl"; cp examples/agenticverz/edge.yaml "$work/input.yaml"
before=$(sha256sum "$work/input.jsonl" "$work/input.yaml")
expect_exit 2 "$bin" replay "$work/input.yaml" --trace "$work/input.jsonl" --decisions "$work/input.jsonl"
grep -q -- "--decisions names the same file as the input $work/input.jsonl" "$work/err" && ok "--decisions naming the trace is refused" || bad "--decisions naming the trace"
expect_exit 2 "$bin" replay "$work/input.yaml" --trace "$work/input.jsonl" --report "$work/input.yaml"
expect_exit 2 "$bin" test "$work/input.yaml" --junit "$work/input.yaml"
[ "$before" = "$(sha256sum "$work/input.jsonl" "$work/input.yaml")" ] && ok "the run's inputs are unchanged" || bad "an input was overwritten"
expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --report "$work"
expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --decisions "$work/same.json" --report "$work/./same.json"
grep -q -- "--decisions and --report name the same file" "$work/err" && ok "two outputs naming one file are refused" || bad "two outputs naming one file"
mkdir -p "$work/full" && if mount -t tmpfs -o size=64k tmpfs "$work/full" 2>/dev/null; then
  echo "previous decisions" > "$work/full/d.jsonl"
  expect_exit 2 "$bin" replay examples/agenticverz/edge.yaml --trace traces/scraper.jsonl --decisions "$work/full/d.jsonl"
  grep -q "cannot write $work/full/d.jsonl: No space left on device" "$work/err" && [ "$(cat "$work/full/d.jsonl")" = "previous decisions" ] && [ "$(ls -A "$work/full")" = "d.jsonl" ] \
    && ok "a full disk is exit 2 with a message; the old decisions file survives" || bad "decisions on a full disk"
  umount "$work/full"
else echo "skip: mounting a tmpfs needs root"; fi
# build: '.', '..', a symlinked DIR, kept modes, blocked outputs, removed stale outputs, abandoned staging
mkdir -p "$work/dot" && (cd "$work/dot" && "$bin" build "$OLDPWD/examples/agenticverz/edge.yaml" -o . >/dev/null 2>&1); code=$?
[ "$code" = 0 ] && [ -f "$work/dot/fly/fly.toml" ] && ok "build -o . writes into the current directory" || bad "build -o . (exit $code)"
crashes=0; for i in 1 2 3 4 5; do
  mkdir -p "$work/up$i/sub" && cp examples/agenticverz/edge.yaml "$work/up$i/edge.yaml"
  (cd "$work/up$i/sub" && "$bin" build ../edge.yaml -o .. >/dev/null 2>&1) || crashes=$((crashes+1))
  [ -f "$work/up$i/MANIFEST.json" ] && [ -f "$work/up$i/edge.yaml" ] || crashes=$((crashes+1))
done
[ "$crashes" = 0 ] && ok "build ../edge.yaml -o .. from a subdirectory, five times" || bad "build -o .. failed $crashes times"
mkdir -p "$work/linked-real" && ln -s linked-real "$work/linked"
expect_exit 0 "$bin" build examples/agenticverz/edge.yaml -o "$work/linked"
[ -L "$work/linked" ] && [ -f "$work/linked-real/MANIFEST.json" ] && ok "build -o LINK keeps the link and fills its directory" || bad "build -o LINK"
mkdir -p "$work/private/fly" && chmod 700 "$work/private" && chmod 750 "$work/private/fly"
expect_exit 0 "$bin" build examples/agenticverz/edge.yaml -o "$work/private"
[ "$(stat -c %a "$work/private") $(stat -c %a "$work/private/fly")" = "700 750" ] && ok "build keeps the modes of DIR and its directories" || bad "build reset modes"
mkdir -p "$work/blocked/fly/fly.toml" && echo mine > "$work/blocked/fly/fly.toml/notes"
expect_exit 2 "$bin" build examples/agenticverz/edge.yaml -o "$work/blocked"
grep -q "blocked/fly/fly.toml is a directory where the build writes a file" "$work/err" && [ "$(cat "$work/blocked/fly/fly.toml/notes")" = mine ] \
  && ok "a directory at an output path stops the build and survives" || bad "directory at an output path"
expect_exit 0 "$bin" build examples/agenticverz/edge.yaml -o "$work/shrink"
echo mine > "$work/shrink/notes.txt"
expect_exit 1 "$bin" build "$work/min.yaml" -o "$work/shrink" --check
grep -q '^stale: .*shrink/vault/vault.hcl' "$work/out" && ok "--check names files the spec no longer produces" || bad "--check stale"
expect_exit 0 "$bin" build "$work/min.yaml" -o "$work/shrink"
[ ! -e "$work/shrink/vault" ] && [ ! -e "$work/shrink/fly/fly.toml" ] && [ -f "$work/shrink/notes.txt" ] && ok "build removes files it no longer produces and keeps the user's" || bad "stale outputs survived"
expect_exit 0 "$bin" build "$work/min.yaml" -o "$work/shrink" --check
mkdir -p "$work/.shrink.edgeproof-staging-999999999/fly"
expect_exit 0 "$bin" build "$work/min.yaml" -o "$work/shrink"
[ ! -e "$work/.shrink.edgeproof-staging-999999999" ] && ok "a killed build's staging directory is removed" || bad "abandoned staging directory"
exit $fail
