#!/usr/bin/env python3
"""Runs the OWASP Core Rule Set's own regression tests (CRS v3.3.4, ftw YAML) through `edgeproof replay`.

Usage:
  crs-conformance.py EDGEPROOF [--tests DIR | --git-dir GIT_DIR] [--markdown] [--write-cases FILE]
  crs-conformance.py EDGEPROOF --cases FILE

Each test's request becomes one native trace record (docs/trace-format.md); the trace is replayed against a spec
that deploys `managed_rules.owasp` at paranoia level 4 with the `log` action, so every request reaches the managed
rules phase, and each decision line's `owasp.rules` is compared with the test's `log_contains` / `no_log_contains`.
CRS's tests expect the setup of their README (rule 900005: paranoia level 4, UTF-8 validation, argument lengths 100
and 400, rule 910000 removed): the script writes a setup file that includes the installed `crs-setup.conf` and adds
that rule, and names it to edgeproof with `EDGEPROOF_CRS_SETUP`.

The tests come from DIR (a `tests/regression/tests` directory), else from tag v3.3.4 of a CRS git repository
(GIT_DIR, `.build/coreruleset.git`, or this machine's mirror). `--cases FILE` replays committed converted cases
(Tests/Fixtures/crs/cases.jsonl) instead, and every one must pass. `--write-cases FILE` writes such a selection from
the tests that pass. Exit 0 when the pass rate of the tests the trace format can express is at least 95 % (`--cases`:
when all pass), 1 below it, 2 on usage errors or unreadable input. Without CRS installed: a message and exit 0 with
`--cases` (so `make test` runs anywhere), exit 2 otherwise.
"""
import argparse
import base64
import collections
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

import yaml

CRS_TAG = "v3.3.4"
RULES_DIRECTORY = "/usr/share/modsecurity-crs/rules"
SETUP_FILE = "/etc/modsecurity/crs/crs-setup.conf"
GIT_DIRS = [".build/coreruleset.git", "/work/.mirror/coreruleset+coreruleset/repo"]
TARGET_PERCENT = 95.0
# The setup CRS's regression tests expect (tests/regression/README.md at v3.3.4).
TEST_SETUP = """Include {base}
SecAction "id:900005,phase:1,nolog,pass,ctl:ruleEngine=DetectionOnly,ctl:ruleRemoveById=910000,\\
setvar:tx.paranoia_level=4,setvar:tx.crs_validate_utf8_encoding=1,setvar:tx.arg_name_length=100,\\
setvar:tx.arg_length=400"
"""
SPEC = """version: 1
zone:
  name: example.com
  plan: pro
hosts:
  - name: example.com
    routes: [/]
managed_rules:
  owasp:
    enabled: true
    paranoia_level: 4
    score_threshold: high
    action: log
"""


def fail_usage(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def read_test_files(tests_dir, git_dir):
    """[(relative path, parsed YAML)] of every `*.yaml` under the tests directory, sorted by path."""
    if tests_dir:
        if not os.path.isdir(tests_dir):
            fail_usage(f"{tests_dir} is not a directory (give CRS's tests/regression/tests)")
        files = []
        for root, _, names in os.walk(tests_dir):
            for name in names:
                if name.endswith(".yaml"):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as stream:
                        files.append((os.path.relpath(path, tests_dir), yaml.safe_load(stream)))
        return sorted(files, key=lambda item: item[0])
    candidates = [git_dir] if git_dir else [d for d in GIT_DIRS if os.path.isdir(d)]
    if not candidates:
        fail_usage(
            "no CRS tests: give --tests DIR (CRS's tests/regression/tests), or clone CRS with "
            "`git clone --bare https://github.com/coreruleset/coreruleset .build/coreruleset.git`")
    prefix = "tests/regression/tests/"
    archive = subprocess.run(
        ["git", "--git-dir", candidates[0], "archive", CRS_TAG, prefix], capture_output=True)
    if archive.returncode != 0:
        fail_usage(f"git archive {CRS_TAG} in {candidates[0]} failed: {archive.stderr.decode().strip()}")
    files = []
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".yaml"):
                text = tar.extractfile(member).read().decode("utf-8")
                files.append((member.name[len(prefix):], yaml.safe_load(text)))
    return sorted(files, key=lambda item: item[0])


def expected_rule(output):
    """(kind, rule id) the test expects, or (None, reason) when it expects something a rule list cannot show."""
    for kind in ("log_contains", "no_log_contains"):
        if kind in output:
            pattern = str(output[kind])
            found = re.search(r"\d{6}", pattern)
            if not found:
                return None, f"{kind} '{pattern}' names no rule id"
            if kind == "no_log_contains" and 'id "' not in pattern:
                return None, f"no_log_contains '{pattern}' matches no ModSecurity log line (they read id \"N\"), so " \
                    "the test checks only its status"
            return kind, int(found.group())
    return None, "expects an HTTP status or a connection error, not a log entry"


def raw_request_input(request):
    """The ftw input a `raw_request` or base64 `encoded_request` spells (a whole HTTP/1.x request: request line,
    headers, blank line, body of Content-Length bytes), or None when it is not one."""
    raw = request.get("raw_request")
    raw = base64.b64decode(request["encoded_request"]) if raw is None else str(raw).encode("utf-8")
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = raw.partition(b"\n\n")
    lines = head.decode("latin-1").replace("\r\n", "\n").split("\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or name in headers:
            return None
        headers[name] = value.strip()
    length = next((v for n, v in headers.items() if n.lower() == "content-length"), None)
    if length is not None and length.isdigit():
        body = body[: int(length)]
    return {"method": parts[0], "uri": parts[1], "version": parts[2], "headers": headers, "data": body or None,
            "stop_magic": True}


def trace_record(request):
    """The native trace record of an ftw request, or (None, reason) when the trace format cannot carry it.

    ftw sends `data` (a list is joined with CRLF) and, unless `stop_magic` is set, adds Content-Length and the
    form Content-Type when the test gives none; the record states those headers explicitly."""
    data = request.get("data")
    if isinstance(data, list):
        data = "\r\n".join(str(line) for line in data)
    headers = {str(name): str(value) for name, value in (request.get("headers") or {}).items()}
    lower = {name.lower() for name in headers}
    if data not in (None, "", b"") and request.get("stop_magic") and "content-length" not in lower:
        return None, "a body without Content-Length: every recorded body is replayed with its Content-Length"
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data not in (None, b"") and not request.get("stop_magic"):
        if "content-length" not in lower:
            headers["Content-Length"] = str(len(data))
        if "content-type" not in lower:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
    record = {
        "ip": "127.0.0.1",
        "method": str(request.get("method", "GET")),
        "path": str(request.get("uri", "/")),
        "version": str(request.get("version", "HTTP/1.1")),
        "headers": headers,
    }
    if data not in (None, b""):
        try:
            record["body"] = data.decode("utf-8")
        except UnicodeDecodeError:
            record["body_b64"] = base64.b64encode(data).decode("ascii")
    return record, None


def collect(files):
    """The runnable cases and the excluded tests, each with its rule file and title."""
    cases, excluded = [], []
    for path, document in files:
        rule_file = path.split("/")[0]
        enabled = (document.get("meta") or {}).get("enabled", True)
        for test in document.get("tests") or []:
            title = str(test.get("test_title"))
            stage = test["stages"][0]["stage"]
            request, output = stage.get("input") or {}, stage.get("output") or {}
            reason = None
            kind, rule = expected_rule(output)
            if not enabled:
                reason = "its file is disabled (meta.enabled: false)"
            elif len(test["stages"]) != 1:
                reason = "several stages"
            elif kind is None:
                reason = rule
            elif "raw_request" in request or "encoded_request" in request:
                request = raw_request_input(request)
                if request is None:
                    reason = "a raw request that is not one HTTP/1.x request with distinct header names"
            record = None
            if reason is None:
                record, reason = trace_record(request)
            if reason is not None:
                excluded.append({"file": rule_file, "title": title, "reason": reason})
                continue
            cases.append({"file": rule_file, "source": path, "title": title, "record": record, kind: rule})
    return cases, excluded


def replay(edgeproof, cases, work):
    """Each case with `passed` and `matched` (the rule ids the replay reported), replayed in one run."""
    spec, trace, setup, decisions = (os.path.join(work, n) for n in ("edge.yaml", "trace.jsonl", "setup.conf",
                                                                      "decisions.jsonl"))
    with open(spec, "w") as out:
        out.write(SPEC)
    with open(setup, "w") as out:
        out.write(TEST_SETUP.format(base=SETUP_FILE))
    with open(trace, "w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case["record"], ensure_ascii=False) + "\n")
    environment = dict(os.environ, EDGEPROOF_CRS_SETUP=setup)
    run = subprocess.run(
        [edgeproof, "replay", spec, "--trace", trace, "--trace-format", "native", "--decisions", decisions,
         "--max-errors", str(len(cases) + 1)], env=environment, capture_output=True, text=True)
    if run.returncode != 0:
        fail_usage(f"edgeproof replay exited {run.returncode}:\n{run.stderr.strip()}")
    rules_by_line = {}
    with open(decisions) as lines:
        for line in lines:
            decision = json.loads(line)
            if "owasp" in decision:
                rules_by_line[decision["line"]] = set(decision["owasp"]["rules"])
    for line, case in enumerate(cases, start=1):
        matched = rules_by_line.get(line)
        case["matched"] = matched
        if matched is None:
            case["passed"], case["why"] = False, "no OWASP verdict (malformed line or phase not reached)"
        elif "log_contains" in case:
            case["passed"], case["why"] = case["log_contains"] in matched, f"{case['log_contains']} did not match"
        else:
            case["passed"], case["why"] = case["no_log_contains"] not in matched, f"{case['no_log_contains']} matched"
    return cases


def print_summary(label, cases, excluded, markdown):
    by_file = collections.defaultdict(lambda: [0, 0])
    for case in cases:
        by_file[case["file"]][0 if case["passed"] else 1] += 1
    passed = sum(1 for case in cases if case["passed"])
    percent = 100.0 * passed / len(cases) if cases else 0.0
    print(f"{label}: {passed} of {len(cases)} tests pass ({percent:.1f}%), "
          f"{len(excluded)} excluded (CRS {CRS_TAG}, paranoia level 4)")
    if markdown:
        print("\n| rule file | pass | fail |\n|---|---:|---:|")
        for name, (good, bad) in sorted(by_file.items()):
            print(f"| {name} | {good} | {bad} |")
    else:
        for name, (good, bad) in sorted(by_file.items()):
            print(f"  {name:48s} {good:5d} pass {bad:4d} fail")
    failing = [case for case in cases if not case["passed"]]
    if failing:
        print(f"\nFailing ({len(failing)}):")
        for case in failing:
            print(f"{'- ' if markdown else '  '}{case['title']} ({case['file']}): {case['why']}")
    if excluded:
        print(f"\nExcluded ({len(excluded)}):")
        for item in excluded:
            print(f"{'- ' if markdown else '  '}{item['title']} ({item['file']}): {item['reason']}")
    return percent


def select_cases(cases, per_file=3):
    """A small spread of passing cases: per rule file, evenly spaced `log_contains` cases and one `no_log_contains`
    case when the file has one; and every case with a binary body (`body_b64`)."""
    chosen = []
    by_file = collections.defaultdict(list)
    for case in cases:
        if case["passed"]:
            by_file[case["file"]].append(case)
    for name in sorted(by_file):
        positive = [c for c in by_file[name] if "log_contains" in c]
        negative = [c for c in by_file[name] if "no_log_contains" in c]
        count = per_file - (1 if negative else 0)
        step = max(1, len(positive) // max(1, count))
        chosen += positive[::step][:count] + negative[:1]
    chosen += [c for c in cases if c["passed"] and "body_b64" in c["record"] and c not in chosen]
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edgeproof", help="the edgeproof binary")
    parser.add_argument("--tests", help="CRS's tests/regression/tests directory")
    parser.add_argument("--git-dir", help=f"a CRS git repository holding tag {CRS_TAG}")
    parser.add_argument("--cases", help="replay committed converted cases (JSON lines) instead")
    parser.add_argument("--write-cases", help="write a small selection of passing converted cases to FILE")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    args = parser.parse_args()
    if not os.access(args.edgeproof, os.X_OK):
        fail_usage(f"{args.edgeproof} is not an executable edgeproof binary (run `swift build` first)")
    if not os.path.isdir(RULES_DIRECTORY) or not os.path.isfile(SETUP_FILE):
        message = f"CRS is not installed ({RULES_DIRECTORY}, {SETUP_FILE}): apt-get install modsecurity-crs"
        if args.cases:
            print(f"skip: {message}")
            sys.exit(0)
        fail_usage(message)
    if args.cases:
        with open(args.cases, encoding="utf-8") as lines:
            cases = [json.loads(line) for line in lines if line.strip()]
        if not cases:
            fail_usage(f"{args.cases} holds no cases")
        excluded = []
    else:
        cases, excluded = collect(read_test_files(args.tests, args.git_dir))
        if not cases:
            fail_usage("no runnable CRS test found")
    with tempfile.TemporaryDirectory(prefix="edgeproof-crs-") as work:
        replay(args.edgeproof, cases, work)
    label = "CRS regression (committed cases)" if args.cases else "CRS regression"
    percent = print_summary(label, cases, excluded, args.markdown)
    if args.write_cases:
        with open(args.write_cases, "w", encoding="utf-8") as out:
            for case in select_cases(cases):
                kept = {k: case[k] for k in ("source", "title", "log_contains", "no_log_contains", "file", "record")
                        if k in case}
                out.write(json.dumps(kept, ensure_ascii=False) + "\n")
    if args.cases:
        sys.exit(0 if all(case["passed"] for case in cases) else 1)
    sys.exit(0 if percent >= TARGET_PERCENT else 1)


if __name__ == "__main__":
    main()
