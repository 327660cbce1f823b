#!/usr/bin/env python3
"""End-to-end tests of the live-zone commands against scripts/cloudflare-standin.py on 127.0.0.1 over HTTPS.

Makes a throwaway self-signed certificate with openssl, starts the stand-in with zones seeded from what `build`
writes for the example and the golden fixtures and from hand-made rulesets (Tests/Fixtures/live-zone), and runs
`edgeproof import`, `plan`, `apply` and `pull-logs` through retries, injected faults, refused tokens, confirmation
on a terminal, hand-made rules, a failure part-way and a pull resumed. Every byte the commands print or write is
searched for the API token, as it is and encoded. Rulesets are compared with Python's json module, not EdgeProof's.

Usage: test-live-zone.py EDGEPROOF WORKDIR
"""
import base64
import gzip
import json
import os
import pty
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PHASES = ["http_request_firewall_custom", "http_request_firewall_managed", "http_ratelimit",
          "http_request_cache_settings"]
ZONE_EXAMPLE = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
ZONE_GOLDEN = "1b2c3d4e5f60718293a4b5c6d7e8f90a"
ZONE_HAND = "2c3d4e5f60718293a4b5c6d7e8f90a1b"
ZONE_EMPTY = "3d4e5f60718293a4b5c6d7e8f90a1b2c"


class Run:
    def __init__(self, edgeproof, work):
        self.edgeproof = edgeproof
        self.work = work
        self.failures = []
        self.outputs = []  # every stdout/stderr text, for the token scan
        self.token = "cfut_" + secrets.token_urlsafe(30)
        self.port = None
        self.server = None

    def check(self, condition, what):
        if not condition:
            self.failures.append(what)
            print("FAIL: " + what)

    def edge(self, *args, token=True, base=None, stdin=None, terminal_input=None):
        env = dict(os.environ)
        env.pop("CLOUDFLARE_API_TOKEN", None)
        if token:
            env["CLOUDFLARE_API_TOKEN"] = self.token if token is True else token
        env["CLOUDFLARE_API_BASE_URL"] = base or "https://127.0.0.1:%d/client/v4" % self.port
        if terminal_input is not None:
            # Standard input is a terminal: the answer is typed into it.
            controller, terminal = pty.openpty()
            process = subprocess.Popen([self.edgeproof] + list(args), env=env, stdin=terminal,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            os.write(controller, terminal_input.encode())
            out, err = process.communicate(timeout=120)
            os.close(controller)
            os.close(terminal)
            result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
        else:
            result = subprocess.run([self.edgeproof] + list(args), env=env, capture_output=True, text=True,
                                    input=stdin, timeout=120)
        self.outputs.append(result.stdout + result.stderr)
        return result

    def live_rules(self, zone, phase):
        with open(self.path("state.json")) as f:
            state = json.load(f)
        ruleset = state["entrypoints"].get(zone, {}).get(phase)
        if ruleset is None:
            return None
        return [{k: v for k, v in rule.items() if k not in ("id", "version", "last_updated")}
                for rule in ruleset["rules"]]

    def puts(self):
        return [r for r in self.requests() if r["method"] == "PUT"]

    def path(self, name):
        return os.path.join(self.work, name)

    def faults(self, faults):
        with open(self.path("faults.json"), "w") as f:
            json.dump(faults, f)

    def requests(self):
        if not os.path.exists(self.path("requests.jsonl")):
            return []
        with open(self.path("requests.jsonl")) as f:
            return [json.loads(line) for line in f]

    def forget_requests(self):
        if os.path.exists(self.path("requests.jsonl")):
            os.remove(self.path("requests.jsonl"))

    def start(self, state):
        with open(self.path("state.json"), "w") as f:
            json.dump(state, f)
        self.faults([])
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.path("key.pem"),
                        "-out", self.path("cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        self.server = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "scripts/cloudflare-standin.py"), "--state", self.path("state.json"),
             "--token", self.token, "--cert", self.path("cert.pem"), "--key", self.path("key.pem"),
             "--log", self.path("requests.jsonl"), "--faults", self.path("faults.json")],
            stdout=subprocess.PIPE, text=True)
        line = self.server.stdout.readline()
        if not line.startswith("listening on "):
            raise SystemExit("the stand-in did not start: " + line)
        self.port = int(line.split()[-1])

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=10)


def build(run, spec, out):
    result = subprocess.run([run.edgeproof, "build", spec, "-o", out], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit("build %s failed: %s" % (spec, result.stderr))
    rulesets = {}
    for phase in PHASES:
        path = os.path.join(out, "cloudflare", phase + ".json")
        if os.path.exists(path):
            with open(path) as f:
                rulesets[phase] = json.load(f)
    return rulesets


def rules_of(out):
    found = {}
    for phase in PHASES:
        path = os.path.join(out, "cloudflare", phase + ".json")
        if os.path.exists(path):
            with open(path) as f:
                found[phase] = json.load(f)["rules"]
    return found


def test_round_trip(run, name, zone, original_out):
    spec = run.path(name + "-imported.yaml")
    result = run.edge("import", "--zone", zone, "--cacert", run.path("cert.pem"), "-o", spec)
    run.check(result.returncode == 0, "%s: import exits 0 (got %d: %s)" % (name, result.returncode, result.stderr))
    rebuilt = run.path(name + "-rebuilt")
    subprocess.run([run.edgeproof, "build", spec, "-o", rebuilt], capture_output=True, text=True)
    run.check(rules_of(rebuilt) == rules_of(original_out),
              "%s: the spec imported from what build wrote builds the same rules" % name)
    from_files = run.edge("import", "--from", original_out, "--zone", "x.example", "--plan", "enterprise")
    run.check(from_files.returncode == 0, "%s: import --from exits 0" % name)
    with open(spec) as f:
        over_api = f.read()
    body = lambda text: "\n".join(line for line in text.splitlines()
                                  if not line.startswith("# Imported") and not line.startswith("  name:")
                                  and not line.startswith("  plan:"))
    run.check(body(over_api) == body(from_files.stdout), "%s: the API and the files give the same spec" % name)


def test_hand_made(run):
    spec = run.path("hand-imported.yaml")
    result = run.edge("import", "--zone", ZONE_HAND, "--cacert", run.path("cert.pem"), "-o", spec)
    run.check(result.returncode == 0, "hand-made: import exits 0 (got %d: %s)" % (result.returncode, result.stderr))
    with open(spec) as f:
        text = f.read()
    for reason in ["the action 'redirect'", "logging is turned off", "'score_per_period'", "'cache_reserve'",
                   "the rule holds a Stripe secret key"]:
        run.check(reason in result.stderr, "hand-made: stderr reports " + reason)
        run.check(reason in text, "hand-made: the spec keeps a comment with " + reason)
    run.check(result.stderr.count("warning: not imported") == 5, "hand-made: five rules reported")
    run.check("sk_live_" not in text and "sk_live_" not in result.stderr and "[redacted]" in text,
              "hand-made: a credential in a rule reaches neither the spec nor the messages")
    run.check('"action":"redirect"' in text, "hand-made: the redirect rule is kept as JSON in a comment")
    for expected in ["id: block-admin-from-outside-the-office", "id: login-limit", "timeout: 10m",
                     "requests_to_origin: true", "status: 451", "content_type: text/html", "enabled: false",
                     "no_store: true", "ttl: 1m30s", "browser_ttl:\n    mode: respect_origin", "ignore: true",
                     "include_host: false", "cache_deception_armor: true", "serve_stale: false"]:
        run.check(expected in text, "hand-made: the spec has " + repr(expected))
    check = subprocess.run([run.edgeproof, "check", spec], capture_output=True, text=True)
    run.check(check.returncode == 0, "hand-made: the imported spec checks clean: " + check.stdout + check.stderr)


def test_empty_zone(run):
    result = run.edge("import", "--zone", "empty.example", "--cacert", run.path("cert.pem"))
    run.check(result.returncode == 0, "empty zone: import exits 0 (%s)" % result.stderr)
    run.check("version: 1" in result.stdout and "waf:" not in result.stdout, "empty zone: a spec with no rules")
    run.check("plan: free" in result.stdout, "empty zone: the plan comes from the API")


def test_retries(run):
    run.forget_requests()
    run.faults([{"name": "zones-429", "method": "GET", "path": "/zones", "times": 2, "kind": "status",
                 "status": 429, "retry_after": "0"},
                {"name": "entry-503", "method": "GET", "path": "http_ratelimit", "times": 1, "kind": "status",
                 "status": 503},
                {"name": "entry-cut", "method": "GET", "path": "http_request_cache_settings", "times": 1,
                 "kind": "truncated"}])
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"))
    run.check(result.returncode == 0, "retries: import succeeds after 429, 503 and a cut answer (%s)" % result.stderr)
    lookups = [r for r in run.requests() if r["path"] == "/client/v4/zones"]
    run.check(len(lookups) == 3, "retries: the zone look-up was tried three times (got %d)" % len(lookups))
    run.check(result.stderr.count("trying again") == 4, "retries: each retry is noted on stderr")
    run.check("HTTP 429; trying again in 0 s" in result.stderr, "retries: Retry-After is honoured: " + result.stderr)
    run.faults([{"name": "always-500", "method": "GET", "path": "/zones", "times": 99, "kind": "status",
                 "status": 500}])
    started = time.monotonic()
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"), "--tries", "2")
    run.check(result.returncode == 2, "retries: a server that keeps failing exits 2 (got %d)" % result.returncode)
    run.check("GET /zones: " in result.stderr and "injected failure" in result.stderr,
              "retries: the failure names the request and Cloudflare's message")
    run.check(time.monotonic() - started < 20, "retries: backoff stays short")
    run.faults([])


def test_bad_answers(run):
    run.faults([{"name": "bad-json", "method": "GET", "path": "http_request_firewall_custom", "times": 1,
                 "kind": "malformed"}])
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"))
    run.check(result.returncode == 2 and "is not JSON" in result.stderr,
              "bad answers: malformed JSON exits 2 with a clear line (%d: %s)" % (result.returncode, result.stderr))
    run.faults([{"name": "slow", "method": "GET", "path": "/zones", "times": 9, "kind": "delay", "seconds": 3}])
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"), "--timeout", "1",
                      "--tries", "1")
    run.check(result.returncode == 2 and "timed out" in result.stderr,
              "bad answers: a timeout exits 2 (%d: %s)" % (result.returncode, result.stderr))
    run.faults([{"name": "echo", "method": "GET", "path": "/zones", "times": 1, "kind": "echo_token"}])
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"))
    run.check(result.returncode == 2 and "[token]" in result.stderr,
              "bad answers: a token the server echoes is shown as [token] (%d: %s)" % (result.returncode, result.stderr))
    run.faults([])
    result = run.edge("import", "--zone", "nosuch.example", "--cacert", run.path("cert.pem"))
    run.check(result.returncode == 2 and "no zone named 'nosuch.example'" in result.stderr, "bad answers: unknown zone")


def test_refusals(run):
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"), token="wrong-token")
    run.check(result.returncode == 2 and "token was refused" in result.stderr, "refusals: a wrong token exits 2")
    result = run.edge("import", "--zone", "agenticverz.com", token=False)
    run.check(result.returncode == 2 and "CLOUDFLARE_API_TOKEN is not set" in result.stderr, "refusals: no token")
    result = run.edge("import", "--zone", "agenticverz.com", base="http://api.example.com/client/v4")
    run.check(result.returncode == 2 and "plain http" in result.stderr, "refusals: plain http to another host")
    run.forget_requests()
    result = run.edge("import", "--zone", "agenticverz.com")
    run.check(result.returncode == 2 and "certificate" in result.stderr and "trying again" not in result.stderr,
              "refusals: an untrusted certificate exits 2 without retrying (%s)" % result.stderr)
    run.check(run.requests() == [], "refusals: nothing reached the server without a trusted certificate")
    existing = run.path("existing.yaml")
    with open(existing, "w") as f:
        f.write("keep me\n")
    result = run.edge("import", "--zone", "agenticverz.com", "--cacert", run.path("cert.pem"), "-o", existing)
    with open(existing) as f:
        run.check(result.returncode == 2 and f.read() == "keep me\n", "refusals: an existing file is not replaced")
    result = run.edge("import", "--from", run.path("nowhere"), "--zone", "x.example", "--plan", "pro")
    run.check(result.returncode == 2 and "not a directory" in result.stderr, "refusals: --from a missing directory")
    broken = run.path("broken")
    os.makedirs(broken, exist_ok=True)
    with open(os.path.join(broken, "http_ratelimit.json"), "w") as f:
        f.write('{\n  "rules": [\n    {"expression": }\n  ]\n}\n')
    result = run.edge("import", "--from", broken, "--zone", "x.example", "--plan", "pro")
    run.check(result.returncode == 2 and "http_ratelimit.json:3:20:" in result.stderr,
              "refusals: malformed ruleset JSON is located (%s)" % result.stderr)
    result = run.edge("import", "--from", broken, "--zone", "x.example")
    run.check(result.returncode == 2 and "--from needs --plan" in result.stderr, "refusals: --from without --plan")


def changed_example(run):
    """The example spec with a rule added, a limit changed and a cache rule removed."""
    with open(os.path.join(ROOT, "examples/agenticverz/edge.yaml")) as f:
        text = f.read()
    text = text.replace("waf:\n", "waf:\n  - id: block-wp\n    description: No WordPress here.\n"
                        "    when: starts_with(http.request.uri.path, \"/wp-\")\n    action: block\n", 1)
    text = text.replace("    requests: 100\n", "    requests: 120\n", 1)
    text = text.replace("    when: http.user_agent eq \"\"\n",
                        "    when: http.user_agent eq \"\" or http.user_agent eq \"-\"\n", 1)
    start = text.index("  - id: cache-images")
    end = text.index("  - id: bypass-api")
    text = text[:start] + text[end:]
    path = run.path("changed.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def test_plan(run):
    example = os.path.join(ROOT, "examples/agenticverz/edge.yaml")
    cacert = ("--cacert", run.path("cert.pem"))
    result = run.edge("plan", example, "--zone", "agenticverz.com", *cacert, "--exit-code")
    run.check(result.returncode == 0 and ": no changes" in result.stdout.splitlines()[0],
              "plan: the example against what it built has no changes (%d: %s)" % (result.returncode, result.stderr))
    changed = changed_example(run)
    result = run.edge("plan", changed, "--zone", "agenticverz.com", *cacert, "--exit-code")
    run.check(result.returncode == 1, "plan: --exit-code exits 1 with changes (%d: %s)" % (result.returncode, result.stderr))
    for line in ["+ block-wp (rule 1)", "~ api-per-ip (rule 1)", "ratelimit.requests_per_period: 100 → 120",
                 "- cache-images (rule 2 on the zone)",
                 'expression: http.user_agent eq "" {+or http.user_agent eq "-"+}']:
        run.check(line in result.stdout, "plan: the text shows " + repr(line))
    result = run.edge("plan", changed, "--zone", "agenticverz.com", *cacert, "--format", "json")
    run.check(result.returncode == 0, "plan: json exits 0 without --exit-code")
    document = json.loads(result.stdout)
    plan_file = run.path("plan.json")
    with open(plan_file, "w") as f:
        f.write(result.stdout)
    out = run.path("imports-out")
    built = subprocess.run([run.edgeproof, "build", changed, "-o", out, "--terraform-import", plan_file],
                           capture_output=True, text=True)
    with open(os.path.join(out, "terraform", "cloudflare.tf")) as f:
        terraform = f.read()
    for phase in document["phases"]:
        block = 'import {\n  to = cloudflare_ruleset.%s\n  id = "zones/%s/%s"\n}' % (
            phase["phase"], ZONE_EXAMPLE, phase["ruleset_id"])
        run.check(built.returncode == 0 and block in terraform, "plan: build --terraform-import writes " + block)
    summary = {(p["phase"], r["change"], r["rule"]) for p in document["phases"] for r in p["rules"]}
    run.check(summary == {("http_request_firewall_custom", "added", "block-wp"),
                          ("http_request_firewall_custom", "changed", "block-missing-user-agent"),
                          ("http_ratelimit", "changed", "api-per-ip"),
                          ("http_request_cache_settings", "removed", "cache-images")},
              "plan: the JSON lists exactly the changes: %s" % sorted(summary))
    run.check(run.puts() == [], "plan: writes nothing")


def test_apply(run):
    changed = changed_example(run)
    cacert = ("--cacert", run.path("cert.pem"))
    run.forget_requests()
    result = run.edge("apply", changed, "--zone", "agenticverz.com", *cacert, stdin="yes\n")
    run.check(result.returncode == 2 and "pass --yes" in result.stderr and run.puts() == [],
              "apply: without a terminal and without --yes nothing is applied (%d)" % result.returncode)
    result = run.edge("apply", changed, "--zone", "agenticverz.com", *cacert, terminal_input="no\n")
    run.check(result.returncode == 1 and run.puts() == [], "apply: answering no applies nothing")
    # A failure part-way: the rate limiting phase cannot be written.
    run.faults([{"name": "put-fails", "method": "PUT", "path": "http_ratelimit", "times": 99, "kind": "status",
                 "status": 500}])
    result = run.edge("apply", changed, "--zone", "agenticverz.com", *cacert, "--tries", "1", terminal_input="yes\n")
    run.check(result.returncode == 2, "apply: a failure part-way exits 2 (%d: %s)" % (result.returncode, result.stderr))
    run.check("Applied: http_request_firewall_custom. Not applied: http_ratelimit, http_request_cache_settings."
              in result.stdout, "apply: says which phases were applied and which not: " + result.stdout[-300:])
    run.check([p["path"].split("/")[-2] for p in run.puts()] == ["http_request_firewall_custom", "http_ratelimit"],
              "apply: stops at the phase that failed")
    run.faults([])
    result = run.edge("apply", changed, "--zone", "agenticverz.com", *cacert, "--yes")
    run.check(result.returncode == 0 and "Applied 2 phase(s)" in result.stdout,
              "apply: a second apply converges (%d: %s %s)" % (result.returncode, result.stdout[-200:], result.stderr))
    built = build(run, changed, run.path("changed-out"))
    for phase, body in built.items():
        run.check(run.live_rules(ZONE_EXAMPLE, phase) == body["rules"],
                  "apply: the zone's %s rules are what build writes" % phase)
    result = run.edge("plan", changed, "--zone", "agenticverz.com", *cacert, "--exit-code")
    run.check(result.returncode == 0, "apply: afterwards plan shows no changes")


def test_hand_made_rules_are_not_removed(run):
    cacert = ("--cacert", run.path("cert.pem"))
    spec = run.path("hand-imported.yaml")
    before = run.live_rules(ZONE_HAND, "http_request_firewall_custom")
    run.forget_requests()
    result = run.edge("apply", spec, "--zone", "hand.example", *cacert, "--yes")
    run.check(result.returncode in (0, 1), "hand-made: apply of the imported spec runs (%s)" % result.stderr)
    run.check("'Send old docs to the new site' was not written by EdgeProof" in result.stderr and run.puts() == [],
              "hand-made: apply refuses to remove the rules import kept as comments (%s)" % result.stderr)
    example = os.path.join(ROOT, "examples/agenticverz/edge.yaml")
    result = run.edge("apply", example, "--zone", "hand.example", *cacert, "--yes")
    run.check(result.returncode == 1 and run.puts() == [] and
              run.live_rules(ZONE_HAND, "http_request_firewall_custom") == before,
              "hand-made: another spec does not replace hand-made rules without --adopt")
    result = run.edge("apply", example, "--zone", "hand.example", *cacert, "--yes", "--adopt")
    run.check(result.returncode == 0, "hand-made: --adopt takes the zone over (%s)" % result.stderr)
    run.check(run.live_rules(ZONE_HAND, "http_ratelimit") == rules_of(run.path("example-out"))["http_ratelimit"],
              "hand-made: after --adopt the zone runs the spec's rules")


def test_rejected_ruleset(run):
    cacert = ("--cacert", run.path("cert.pem"))
    run.faults([{"name": "reject", "method": "PUT", "path": "http_request_firewall_custom", "times": 1,
                 "kind": "status", "status": 400, "code": 20021, "message": "filter parsing error"}])
    result = run.edge("apply", changed_example(run), "--zone", "empty.example", *cacert, "--yes")
    run.check(result.returncode == 1 and "20021: filter parsing error" in result.stderr,
              "rejected: a ruleset Cloudflare refuses exits 1 with its message (%d: %s)" % (result.returncode, result.stderr))
    run.faults([])


LOG_START = 1796083200  # 2026-12-01T00:00:00Z, in seconds


def log_records():
    """Three hours of requests, 200 an hour, with Logpull's field names and nanosecond timestamps."""
    records = []
    for index in range(600):
        second = LOG_START + index * 18
        records.append({
            "EdgeStartTimestamp": second * 10**9 + 123456789, "ClientIP": "198.51.100.%d" % (index % 200 + 1),
            "ClientRequestHost": "api.agenticverz.com", "ClientRequestMethod": "GET",
            "ClientRequestURI": "/v1/incidents?page=%d" % index, "ClientRequestUserAgent": "probe/%d" % index,
            "ClientRequestProtocol": "HTTP/2", "ClientCountry": "sg", "ClientASN": 64500, "EdgeResponseStatus": 200,
            "OriginResponseStatus": 200, "EdgeResponseBytes": 512, "CacheCacheStatus": "dynamic",
            "RayID": "ray%05d" % index, "ZoneID": 42,
        })
    return records


def pulled(path):
    with gzip.open(path, "rt") as f:
        return [json.loads(line) for line in f]


def test_pull_logs(run):
    cacert = ("--cacert", run.path("cert.pem"))
    window = ("--since", "2026-12-01T00:00:00Z", "--until", "2026-12-01T03:00:00Z")
    trace = run.path("pulled.jsonl.gz")
    run.forget_requests()
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", trace)
    run.check(result.returncode == 0 and "pulled 600 record(s) in 3 window(s)" in result.stderr,
              "pull-logs: three hours in three windows (%d: %s)" % (result.returncode, result.stderr))
    lines = pulled(trace)
    run.check([line["RayID"] for line in lines] == ["ray%05d" % i for i in range(600)],
              "pull-logs: every record once, in order")
    run.check(all("ZoneID" not in line and "ClientIP" in line for line in lines),
              "pull-logs: only the fields the Logpush reader understands are asked for")
    windows = [r["query"] for r in run.requests() if r["path"].endswith("/logs/received")]
    run.check(len(windows) == 3 and "start=2026-12-01T01:00:00.000Z&end=2026-12-01T02:00:00.000Z" in windows[1],
              "pull-logs: hour windows: %s" % windows)
    replay = subprocess.run([run.edgeproof, "replay", os.path.join(ROOT, "examples/agenticverz/edge.yaml"),
                             "--trace", trace, "--format", "json"], capture_output=True, text=True)
    run.check(replay.returncode == 0 and json.loads(replay.stdout)["requests"] == 600,
              "pull-logs: the trace replays as it is (%s)" % replay.stderr[-300:])
    # Resumed: the second hour fails, the next run goes on from it.
    resumed = run.path("resumed.jsonl.gz")
    run.faults([{"name": "hour-2", "method": "GET", "path": "start=2026-12-01T01", "times": 99, "kind": "status",
                 "status": 503}])
    run.forget_requests()
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", resumed, "--tries", "1")
    run.check(result.returncode == 2 and os.path.exists(resumed + ".partial") and not os.path.exists(resumed),
              "pull-logs: a failed window stops the pull, keeping what was done (%d)" % result.returncode)
    run.faults([{"name": "cut-once", "method": "GET", "path": "start=2026-12-01T01", "times": 1, "kind": "truncated"}])
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", resumed)
    run.check(result.returncode == 0 and os.path.exists(resumed) and not os.path.exists(resumed + ".partial"),
              "pull-logs: a second run finishes (%d: %s)" % (result.returncode, result.stderr))
    run.check([line["RayID"] for line in pulled(resumed)] == ["ray%05d" % i for i in range(600)],
              "pull-logs: a window cut short and tried again leaves no duplicate")
    run.faults([{"name": "first-ok-then-fail", "method": "GET", "path": "start=2026-12-01T02", "times": 99,
                 "kind": "status", "status": 500}])
    partial = run.path("partial.jsonl.gz")
    run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", partial, "--tries", "1")
    run.forget_requests()
    run.faults([])
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", partial)
    starts = [r["query"][:30] for r in run.requests() if r["path"].endswith("/logs/received")]
    run.check(result.returncode == 0 and "resuming after 2 of 3" in result.stderr and len(starts) == 1,
              "pull-logs: resuming asks only for the hours not done (%s %s)" % (result.stderr, starts))
    run.check(len(pulled(partial)) == 600, "pull-logs: the resumed trace holds every record")
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", trace)
    run.check(result.returncode == 2 and "exists" in result.stderr, "pull-logs: an existing trace is not replaced")
    run.faults([{"name": "stop", "method": "GET", "path": "start=2026-12-01T01", "times": 99, "kind": "status",
                 "status": 500}])
    other = run.path("other.jsonl.gz")
    run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, *window, "-o", other, "--tries", "1")
    run.faults([])
    result = run.edge("pull-logs", "--zone", "agenticverz.com", *cacert, "--since", "2026-12-01T00:00:00Z",
                      "--until", "2026-12-01T02:00:00Z", "-o", other)
    run.check(result.returncode == 2 and "unfinished pull" in result.stderr,
              "pull-logs: a different pull does not resume another's file (%s)" % result.stderr)
    result = run.edge("pull-logs", "--zone", "agenticverz.com", "--since", "2026-12-01T00:00:00Z",
                      "--until", "2999-01-01T00:00:00Z", "-o", run.path("future.jsonl.gz"))
    run.check(result.returncode == 2 and "a minute ago" in result.stderr, "pull-logs: --until in the future")


def scan_for_token(run):
    token = run.token
    forms = {token, base64.b64encode(token.encode()).decode(), token.encode().hex(), urllib.parse.quote(token)}
    for text in run.outputs:
        for form in forms:
            run.check(form not in text, "token scan: the token appears in command output")
    for folder, _, files in os.walk(run.work):
        for name in files:
            if name in ("requests.jsonl", "faults.json", "state.json", "key.pem", "cert.pem"):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            for form in forms:
                run.check(form.encode() not in data, "token scan: the token appears in " + name)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    edgeproof, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if shutil.which("openssl") is None:
        print("live-zone tests skipped: openssl is not installed (scripts/ensure-system-packages.sh installs it)")
        return 0
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    run = Run(edgeproof, work)
    example = build(run, os.path.join(ROOT, "examples/agenticverz/edge.yaml"), run.path("example-out"))
    golden = build(run, os.path.join(ROOT, "Tests/EmittersTests/Fixtures/managed-exceptions.yaml"),
                   run.path("golden-out"))
    with open(os.path.join(ROOT, "Tests/Fixtures/live-zone/hand-made.json")) as f:
        hand = json.load(f)
    run.start({
        "zones": [{"id": ZONE_EXAMPLE, "name": "agenticverz.com", "plan": "pro"},
                  {"id": ZONE_GOLDEN, "name": "example.com", "plan": "enterprise"},
                  {"id": ZONE_HAND, "name": "hand.example", "plan": "enterprise"},
                  {"id": ZONE_EMPTY, "name": "empty.example", "plan": "free"}],
        "entrypoints": {ZONE_EXAMPLE: example, ZONE_GOLDEN: golden, ZONE_HAND: hand},
        "logs": log_records(),
    })
    try:
        test_round_trip(run, "example", "agenticverz.com", run.path("example-out"))
        test_round_trip(run, "golden", ZONE_GOLDEN, run.path("golden-out"))
        test_hand_made(run)
        test_empty_zone(run)
        test_retries(run)
        test_bad_answers(run)
        test_refusals(run)
        test_plan(run)
        test_apply(run)
        test_hand_made_rules_are_not_removed(run)
        test_rejected_ruleset(run)
        test_pull_logs(run)
        scan_for_token(run)
    finally:
        run.stop()
    if run.failures:
        print("live-zone tests: %d failed" % len(run.failures))
        return 1
    print("live-zone tests: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
