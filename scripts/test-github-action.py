#!/usr/bin/env python3
"""Tests scripts/github-action.py against a stand-in of GitHub's REST API on 127.0.0.1, with a stand-in edgeproof
and with the real one.

The stand-in API keeps a pull request's comments (paginated like GitHub), refuses a body longer than GitHub accepts
and records every request; the stand-in edgeproof records its arguments, the base spec it was given and whether it
saw the token, prints a Markdown summary for `test` and `diff`, and fails the step FAKE_FAIL names (`check base` is
the check of the base branch's spec). The diff steps run against real git repositories.
RealEdgeProofTests runs the built edgeproof (EDGEPROOF_BINARY, default .build/debug/edgeproof; skipped when there is
none) on a pull request that changes one rule of the example spec, with the first lines of the example's day trace.
Run: make action-test (part of make test), or any python3 with PyYAML: python3 scripts/test-github-action.py
"""

import gzip
import http.server
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

import yaml

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "github-action.py")
ROOT = os.path.dirname(os.path.dirname(SCRIPT))
ACTION = os.path.join(ROOT, "action.yml")
EXAMPLE = os.path.join(ROOT, "examples", "agenticverz")
DAY_TRACE = os.path.join(ROOT, "traces", "agenticverz-day.jsonl.gz")
EDGEPROOF_BINARY = os.environ.get("EDGEPROOF_BINARY") or os.path.join(ROOT, ".build", "debug", "edgeproof")
TOKEN = "ghs_standInTokenValue0123456789abcdef"
REPOSITORY = "platform/edge"
# Credentials the trace's requests carry; the spec redacts the query parameter, edgeproof the header.
TRACE_SECRETS = ("s3cr3tQueryValue0123456789", "ghp_s3cr3tHeaderValue0123456789abcdef")
# GitHub refuses a comment body longer than this many characters, counted as UTF-16 code units.
GITHUB_COMMENT_LIMIT = 65_536
NUMBER = 42

FAKE_EDGEPROOF = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, sys
    step = sys.argv[1] + (" --check" if "--check" in sys.argv else "")
    if sys.argv[1] == "check" and os.path.basename(sys.argv[2]).startswith("base-"):
        step = "check base"
    record = {"argv": sys.argv[1:], "token_seen": any("TOKEN_VALUE" in v for v in os.environ.values())}
    if sys.argv[1] == "diff":
        with open(sys.argv[2]) as base:
            record["base"] = base.read()
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(json.dumps(record) + "\\n")
    size = int(os.environ.get("FAKE_SUMMARY_SIZE", "0"))
    if sys.argv[1] in ("test", "diff"):
        print(f"#### {sys.argv[1]} summary")
        print("| case | result |\\n|---|---|")
        for index in range(size // 20):
            print(f"| case-{index:06} | {os.environ.get('FAKE_RESULT', 'ok')} |")
    fail = os.environ.get("FAKE_FAIL", "")
    if fail.startswith(step + ":"):
        print(f"{step} found a problem", file=sys.stderr)
        sys.exit(int(fail.rsplit(":", 1)[1]))
    """
).replace("TOKEN_VALUE", TOKEN)


# Runs the real edgeproof after recording its arguments and whether the token reached it (in an argument or in its
# environment), so the end-to-end tests can check both without a stand-in for any command.
RECORDING_EDGEPROOF = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, sys
    record = {
        "argv": sys.argv[1:],
        "token_seen": any("TOKEN_VALUE" in value for value in sys.argv[1:] + list(os.environ.values())),
    }
    with open(os.environ["RECORD_LOG"], "a") as log:
        log.write(json.dumps(record) + "\\n")
    os.execv("BINARY", ["BINARY"] + sys.argv[1:])
    """
).replace("TOKEN_VALUE", TOKEN)


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


class StandInGitHub(http.server.ThreadingHTTPServer):
    """The issue-comment endpoints of one pull request; every request is recorded."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), StandInHandler)
        self.comments = []
        self.requests = []
        self.next_id = 1000
        self.fail_method = None
        self.redirect_to = None
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def add_comment(self, body, user="someone"):
        self.next_id += 1
        self.comments.append({"id": self.next_id, "body": body, "user": {"login": user}})
        return self.next_id


class StandInHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *arguments):
        pass

    def reply(self, status, document=None, headers=()):
        data = b"" if document is None else json.dumps(document).encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_request(self, method):
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        with server.lock:
            server.requests.append({"method": method, "path": self.path, "headers": dict(self.headers), "body": body})
            if server.redirect_to:
                return self.reply(302, headers=[("Location", server.redirect_to + self.path)])
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self.reply(401, {"message": "Bad credentials"})
            if method == server.fail_method:
                return self.reply(500, {"message": "stand-in failure"})
            base = f"/repos/{REPOSITORY}/issues"
            path, _, query = self.path.partition("?")
            if method == "GET" and path == f"{base}/{NUMBER}/comments":
                arguments = dict(part.split("=", 1) for part in query.split("&") if part)
                size, page = int(arguments.get("per_page", 30)), int(arguments.get("page", 1))
                return self.reply(200, server.comments[(page - 1) * size : page * size])
            if method in ("POST", "PATCH") and utf16_length(json.loads(body)["body"]) > GITHUB_COMMENT_LIMIT:
                return self.reply(422, {"message": "Validation Failed", "errors": ["body is too long"]})
            if method == "POST" and path == f"{base}/{NUMBER}/comments":
                comment_id = server.add_comment(json.loads(body)["body"], user="github-actions[bot]")
                return self.reply(201, {"id": comment_id})
            if method == "PATCH" and path.startswith(f"{base}/comments/"):
                comment_id = int(path.rsplit("/", 1)[1])
                for comment in server.comments:
                    if comment["id"] == comment_id:
                        comment["body"] = json.loads(body)["body"]
                        return self.reply(200, comment)
            return self.reply(404, {"message": "Not Found"})

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_PATCH(self):
        self.handle_request("PATCH")


def git(directory, *arguments):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", *arguments],
        cwd=directory,
        check=True,
        capture_output=True,
    )


class GitHubActionTests(unittest.TestCase):
    def setUp(self):
        self.temporary = tempfile.TemporaryDirectory()
        self.root = self.temporary.name
        self.api = StandInGitHub()
        threading.Thread(target=self.api.serve_forever, daemon=True).start()
        self.other = StandInGitHub()
        threading.Thread(target=self.other.serve_forever, daemon=True).start()
        # origin has the base spec on main; the workspace is a clone whose spec the pull request changed.
        origin = os.path.join(self.root, "origin")
        os.makedirs(os.path.join(origin, "config"))
        git(origin, "init", "-q")
        with open(os.path.join(origin, "config", "edge.yaml"), "w") as spec:
            spec.write("version: 1 # base\n")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "base")
        self.workspace = os.path.join(self.root, "workspace")
        git(self.root, "clone", "-q", "file://" + origin, self.workspace)
        with open(os.path.join(self.workspace, "config", "edge.yaml"), "w") as spec:
            spec.write("version: 1 # head\n")
        self.edgeproof = os.path.join(self.root, "edgeproof")
        with open(self.edgeproof, "w") as fake:
            fake.write(FAKE_EDGEPROOF)
        os.chmod(self.edgeproof, 0o755)
        self.log = os.path.join(self.root, "edgeproof.log")
        self.event = os.path.join(self.root, "event.json")
        with open(self.event, "w") as event:
            json.dump({"pull_request": {"number": NUMBER}}, event)

    def tearDown(self):
        for server in (self.api, self.other):
            server.shutdown()
            server.server_close()
        self.temporary.cleanup()

    def run_action(self, **overrides):
        environment = {
            "PATH": os.environ["PATH"],
            "HOME": self.root,
            "EDGEPROOF": self.edgeproof,
            "EDGEPROOF_SPEC": "config/edge.yaml",
            "EDGEPROOF_OUTPUT": "config/out",
            "EDGEPROOF_TRACE": "traces/day.jsonl.gz",
            "GITHUB_TOKEN": TOKEN,
            "GITHUB_API_URL": self.api.url,
            "GITHUB_REPOSITORY": REPOSITORY,
            "GITHUB_EVENT_PATH": self.event,
            "GITHUB_BASE_REF": "main",
            "GITHUB_STEP_SUMMARY": os.path.join(self.root, "step-summary.md"),
            "FAKE_LOG": self.log,
        }
        environment.update(overrides)
        environment = {name: value for name, value in environment.items() if value is not None}
        result = subprocess.run(
            [sys.executable, SCRIPT], cwd=self.workspace, env=environment, capture_output=True, text=True, timeout=120
        )
        self.assertNotIn(TOKEN, result.stdout + result.stderr)
        return result

    def steps_run(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as log:
            return [json.loads(line) for line in log]

    def assert_token_only_in_authorization(self, server):
        for request in server.requests:
            self.assertNotIn(TOKEN, request["path"] + request["body"])
            for name, value in request["headers"].items():
                if name.lower() == "authorization":
                    self.assertEqual(value, f"Bearer {TOKEN}")
                else:
                    self.assertNotIn(TOKEN, value)

    def test_creates_the_comment_with_every_summary_when_none_holds_the_marker(self):
        self.api.add_comment("Looks good to me")
        other_spec_comment = "<!-- edgeproof-summary: other/edge.yaml -->\nanother spec's summary"
        self.api.add_comment(other_spec_comment)
        result = self.run_action()
        self.assertEqual(result.returncode, 0, result.stderr)
        steps = self.steps_run()
        self.assertEqual(
            [step["argv"] for step in steps],
            [
                ["check", "config/edge.yaml", "--format", "github"],
                ["build", "config/edge.yaml", "-o", "config/out", "--check", "--format", "github"],
                ["test", "config/edge.yaml", "--format", "markdown"],
                ["check", steps[4]["argv"][1], "--format", "json"],
                ["diff", steps[4]["argv"][1], "config/edge.yaml", "--trace", "traces/day.jsonl.gz"]
                + ["--format", "markdown"],
            ],
        )
        self.assertEqual(steps[4]["base"], "version: 1 # base\n")
        self.assertFalse(any(step["token_seen"] for step in steps), "edgeproof must not get the token")
        self.assertEqual([request["method"] for request in self.api.requests], ["GET", "POST"])
        created = self.api.comments[-1]
        self.assertEqual(len(self.api.comments), 3)
        self.assertTrue(created["body"].startswith("<!-- edgeproof-summary: config/edge.yaml -->\n"))
        self.assertIn("#### test summary", created["body"])
        self.assertIn("#### diff summary", created["body"])
        self.assertIn("✅ `diff` against `main`", created["body"])
        self.assertEqual(self.api.comments[1]["body"], other_spec_comment)
        with open(os.path.join(self.root, "step-summary.md")) as summary:
            self.assertEqual(summary.read(), created["body"])
        self.assert_token_only_in_authorization(self.api)

    def test_updates_the_marked_comment_in_place_even_on_a_later_page(self):
        for index in range(130):
            self.api.add_comment(f"comment {index}")
        marked = self.api.add_comment("<!-- edgeproof-summary: config/edge.yaml -->\nold summary")
        self.api.add_comment("a later comment")
        result = self.run_action()
        self.assertEqual(result.returncode, 0, result.stderr)
        methods = [(request["method"], request["path"]) for request in self.api.requests]
        self.assertEqual(
            methods,
            [
                ("GET", f"/repos/{REPOSITORY}/issues/{NUMBER}/comments?per_page=100&page=1"),
                ("GET", f"/repos/{REPOSITORY}/issues/{NUMBER}/comments?per_page=100&page=2"),
                ("PATCH", f"/repos/{REPOSITORY}/issues/comments/{marked}"),
            ],
        )
        self.assertEqual(len(self.api.comments), 132)
        updated = next(comment for comment in self.api.comments if comment["id"] == marked)
        self.assertNotIn("old summary", updated["body"])
        self.assertIn("#### test summary", updated["body"])
        self.assert_token_only_in_authorization(self.api)

    def test_a_failing_step_stops_the_run_and_the_comment_says_so(self):
        self.api.add_comment("<!-- edgeproof-summary: config/edge.yaml -->\n- ✅ `check`\n- ✅ `test`")
        result = self.run_action(FAKE_FAIL="build --check:1")
        self.assertEqual(result.returncode, 1)
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build"])
        body = self.api.comments[0]["body"]
        self.assertIn("❌ `build --check` failed (exit 1)", body)
        self.assertNotIn("`test`", body)
        self.assertIn("build --check found a problem", result.stderr)

        os.remove(self.log)
        result = self.run_action(FAKE_FAIL="diff:2")
        self.assertEqual(result.returncode, 2)
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build", "test", "check", "diff"])
        self.assertIn("❌ `diff` against `main` failed (exit 2)", self.api.comments[0]["body"])

        os.remove(self.log)
        result = self.run_action(FAKE_FAIL="check base:2")
        self.assertEqual(result.returncode, 2)
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build", "test", "check"])
        body = self.api.comments[0]["body"]
        self.assertIn("❌ `diff`: `edgeproof check` on the base branch's spec failed (exit 2)", body)

    def test_a_comment_that_cannot_be_posted_fails_the_run(self):
        self.api.fail_method = "POST"
        result = self.run_action()
        self.assertEqual(result.returncode, 1)
        self.assertIn("could not be posted: POST", result.stderr)
        self.assertIn("HTTP 500", result.stderr)

        self.api.fail_method = None
        result = self.run_action(GITHUB_TOKEN="ghs_wrong")
        self.assertEqual(result.returncode, 1)
        self.assertIn("HTTP 401", result.stderr)

    def test_a_redirect_is_refused_and_the_token_never_reaches_another_host(self):
        self.api.redirect_to = self.other.url
        result = self.run_action()
        self.assertEqual(result.returncode, 1)
        self.assertIn("redirect", result.stderr)
        self.assertEqual(self.other.requests, [])
        self.assert_token_only_in_authorization(self.api)

    def test_settings_that_cannot_work_stop_before_anything_runs(self):
        cases = [
            ({"GITHUB_TOKEN": None}, "needs GITHUB_TOKEN"),
            ({"GITHUB_API_URL": "http://api.github.example"}, "must be an https URL"),
            ({"GITHUB_REPOSITORY": "platform"}, "owner/name"),
            ({"EDGEPROOF_COMMENT": "yes"}, "true or false"),
        ]
        for overrides, message in cases:
            with self.subTest(overrides=overrides):
                result = self.run_action(**overrides)
                self.assertEqual(result.returncode, 2)
                self.assertIn(message, result.stderr)
                self.assertEqual(self.steps_run(), [])
                self.assertEqual(self.api.requests, [])

    def test_without_a_pull_request_nothing_is_posted_and_no_token_is_needed(self):
        with open(self.event, "w") as event:
            json.dump({"ref": "refs/heads/main"}, event)
        result = self.run_action(GITHUB_TOKEN=None)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build", "test"])
        self.assertEqual(self.api.requests, [])

    def test_the_base_branch_is_fetched_when_missing_and_a_new_spec_skips_the_diff(self):
        git(self.workspace, "update-ref", "-d", "refs/remotes/origin/main")
        result = self.run_action()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.steps_run()[4]["base"], "version: 1 # base\n")

        os.remove(self.log)
        os.makedirs(os.path.join(self.workspace, "new"))
        with open(os.path.join(self.workspace, "new", "edge.yaml"), "w") as spec:
            spec.write("version: 1\n")
        result = self.run_action(EDGEPROOF_SPEC="new/edge.yaml")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build", "test"])
        self.assertIn("has no `new/edge.yaml` to compare with", self.api.comments[-1]["body"])

        result = self.run_action(GITHUB_BASE_REF="no-such-branch")
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot fetch the base branch 'no-such-branch'", result.stderr)

    def test_two_long_summaries_are_cut_at_a_line_to_fit_one_comment(self):
        result = self.run_action(FAKE_SUMMARY_SIZE="60000")
        self.assertEqual(result.returncode, 0, result.stderr)
        body = self.api.comments[-1]["body"]
        self.assertLessEqual(len(body), 65_000)
        self.assertGreater(len(body), 60_000)
        self.assertTrue(body.endswith("the whole summary is in the job log and the job summary.\n"))
        self.assertTrue(all(line.startswith("| case-") for line in body.splitlines()[-3:-2]))
        self.assertIn("| case-002999 | ok |", result.stdout)

    def test_the_cut_counts_utf16_code_units_as_github_does(self):
        # Each row is 19 characters but 20 UTF-16 code units: a cut counting characters would leave the comment
        # over GitHub's limit, and the stand-in API refuses it as GitHub does.
        result = self.run_action(FAKE_SUMMARY_SIZE="60000", FAKE_RESULT="\U0001F7E2")
        self.assertEqual(result.returncode, 0, result.stderr)
        body = self.api.comments[-1]["body"]
        self.assertLessEqual(utf16_length(body), 65_000)
        self.assertGreater(utf16_length(body), 60_000)
        self.assertTrue(body.endswith("the whole summary is in the job log and the job summary.\n"))


def markdown_table(markdown, heading):
    """The rows of the first table after the line starting with `heading`, as lists of unescaped cells (header
    and separator rows left out); None when there is no such heading."""
    lines = markdown.splitlines()
    start = next((index for index, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return None
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells])
        elif rows or line.startswith("#"):
            break
    return rows[2:]


@unittest.skipUnless(
    os.access(EDGEPROOF_BINARY, os.X_OK),
    f"no built edgeproof at {EDGEPROOF_BINARY}: run swift build (or set EDGEPROOF_BINARY) to run the action with it",
)
class RealEdgeProofTests(unittest.TestCase):
    """The action's script with the built edgeproof on a pull request of a git repository holding the example spec
    and its committed outputs; the pull request changes one WAF rule's action, and the trace is the first
    TRACE_LINES lines of the example's day trace, the requests without a user agent given credentials."""

    TRACE_LINES = 400
    CHANGED_RULE = "block-missing-user-agent"
    SPEC = "edge/edge.yaml"

    def setUp(self):
        self.temporary = tempfile.TemporaryDirectory()
        self.root = self.temporary.name
        self.api = StandInGitHub()
        threading.Thread(target=self.api.serve_forever, daemon=True).start()
        with open(os.path.join(EXAMPLE, "edge.yaml"), encoding="utf-8") as example:
            self.head_spec = example.read()
        rule_action = '    when: http.user_agent eq ""\n    action: block\n'
        self.assertEqual(self.head_spec.count(rule_action), 1, f"the example's rule {self.CHANGED_RULE} changed")
        # The base branch challenged requests without a user agent; the pull request blocks them.
        base_spec = self.head_spec.replace(rule_action, rule_action.replace("block", "managed_challenge"))
        origin = os.path.join(self.root, "origin")
        shutil.copytree(os.path.join(EXAMPLE, "out"), os.path.join(origin, "edge", "out"))
        with open(os.path.join(origin, self.SPEC), "w", encoding="utf-8") as spec:
            spec.write(base_spec)
        git(origin, "init", "-q")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "base")
        self.workspace = os.path.join(self.root, "workspace")
        git(self.root, "clone", "-q", "file://" + origin, self.workspace)
        self.write_head_spec(self.head_spec)
        os.makedirs(os.path.join(self.workspace, "traces"))
        with gzip.open(DAY_TRACE, "rt", encoding="utf-8") as day:
            self.trace_lines = [self.with_credentials(line) for _, line in zip(range(self.TRACE_LINES), day)]
        self.assertEqual(len(self.trace_lines), self.TRACE_LINES)
        with gzip.GzipFile(os.path.join(self.workspace, "traces", "day.jsonl.gz"), "wb", mtime=0) as trace:
            trace.write("".join(self.trace_lines).encode())
        self.edgeproof = os.path.join(self.root, "edgeproof")
        with open(self.edgeproof, "w") as wrapper:
            wrapper.write(RECORDING_EDGEPROOF.replace("BINARY", os.path.abspath(EDGEPROOF_BINARY)))
        os.chmod(self.edgeproof, 0o755)
        self.log = os.path.join(self.root, "edgeproof.log")
        self.event = os.path.join(self.root, "event.json")
        with open(self.event, "w") as event:
            json.dump({"pull_request": {"number": NUMBER}}, event)
        self.summary = os.path.join(self.root, "step-summary.md")

    def tearDown(self):
        self.api.shutdown()
        self.api.server_close()
        self.temporary.cleanup()

    @staticmethod
    def with_credentials(line):
        """`line`, its request given a token in the query and an Authorization header when it has no user agent
        (the requests the pull request's change affects, whose examples the diff shows)."""
        request = json.loads(line)
        if request.get("ua"):
            return line
        request["query"] = f"token={TRACE_SECRETS[0]}&page=2"
        request.setdefault("headers", {})["authorization"] = f"Bearer {TRACE_SECRETS[1]}"
        return json.dumps(request) + "\n"

    def write_head_spec(self, text):
        with open(os.path.join(self.workspace, self.SPEC), "w", encoding="utf-8") as spec:
            spec.write(text)

    def run_action(self):
        environment = {
            "PATH": os.environ["PATH"],
            "HOME": self.root,
            "EDGEPROOF": self.edgeproof,
            "EDGEPROOF_SPEC": self.SPEC,
            "EDGEPROOF_OUTPUT": "edge/out",
            "EDGEPROOF_TRACE": "traces/day.jsonl.gz",
            "GITHUB_TOKEN": TOKEN,
            "GITHUB_API_URL": self.api.url,
            "GITHUB_REPOSITORY": REPOSITORY,
            "GITHUB_EVENT_PATH": self.event,
            "GITHUB_BASE_REF": "main",
            "GITHUB_STEP_SUMMARY": self.summary,
            "RECORD_LOG": self.log,
        }
        result = subprocess.run(
            [sys.executable, SCRIPT], cwd=self.workspace, env=environment, capture_output=True, text=True, timeout=120
        )
        self.assertNotIn(TOKEN, result.stdout + result.stderr)
        return result

    def edgeproof_runs(self):
        with open(self.log) as log:
            runs = [json.loads(line) for line in log]
        os.remove(self.log)
        for run in runs:
            self.assertFalse(run["token_seen"], f"edgeproof {run['argv'][0]} was given the token")
        return runs

    def marked_comments(self):
        marker = f"<!-- edgeproof-summary: {self.SPEC} -->"
        return [comment for comment in self.api.comments if marker in comment["body"]]

    def real_output(self, *arguments):
        """What the built edgeproof prints for `arguments`, run directly in the workspace."""
        result = subprocess.run(
            [EDGEPROOF_BINARY, *arguments], cwd=self.workspace, capture_output=True, text=True, timeout=120
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.strip(), f"edgeproof {arguments[0]} printed nothing")
        return result.stdout.strip()

    def expect_case_names(self, spec_text):
        return [case["name"] for case in yaml.safe_load(spec_text)["expect"]]

    def requests_the_change_affects(self):
        """Counted from the trace without edgeproof: requests with no user agent, which the rule decides in both
        specs unless challenge-suspicious-ips, the only earlier rule that matches them, decided first."""
        spec = yaml.safe_load(self.head_spec)
        rules = [rule["id"] for rule in spec["waf"]]
        self.assertEqual(rules.index(self.CHANGED_RULE), rules.index("challenge-suspicious-ips") + 1)
        suspicious = [ipaddress.ip_network(item) for item in spec["lists"]["suspicious_ips"]["items"]]
        affected = 0
        for line in self.trace_lines:
            request = json.loads(line)
            address = ipaddress.ip_address(request["ip"])
            if not request.get("ua") and not any(address in network for network in suspicious):
                affected += 1
        return affected

    def test_a_pull_request_gets_one_comment_with_the_real_test_and_diff_summaries(self):
        result = self.run_action()
        self.assertEqual(result.returncode, 0, result.stderr)
        runs = self.edgeproof_runs()
        self.assertEqual(
            [run["argv"][:2] for run in runs],
            [
                ["check", self.SPEC],
                ["build", self.SPEC],
                ["test", self.SPEC],
                ["check", runs[4]["argv"][1]],
                ["diff", runs[4]["argv"][1]],
            ],
        )
        # The annotations of --format github reach the job log, where GitHub reads workflow commands; the example's
        # one finding is an acknowledged lint, which GitHub shows as a notice.
        self.assertRegex(result.stdout, rf"(?m)^::notice file={re.escape(self.SPEC)},line=\d+,.*title=W0813::acknowledged: ")

        self.assertEqual([request["method"] for request in self.api.requests], ["GET", "POST"])
        self.assertEqual(len(self.api.comments), 1)
        body = self.api.comments[0]["body"]
        self.assertTrue(body.startswith(f"<!-- edgeproof-summary: {self.SPEC} -->\n"))
        self.assertLess(utf16_length(body), 65_536)
        for secret in (TOKEN, *TRACE_SECRETS):
            self.assertNotIn(secret, body + result.stdout + result.stderr)
        for step in ("`check`", "`build --check`", "`test`", "`diff` against `main`"):
            self.assertIn(f"- ✅ {step}\n", body)

        # test: every expect case of the spec passed, one row each, exactly as edgeproof prints the summary.
        names = self.expect_case_names(self.head_spec)
        test_heading = f"### EdgeProof test: {len(names)} passed, 0 failed ({self.SPEC})"
        self.assertIn(test_heading + "\n", body)
        rows = markdown_table(body, test_heading)
        self.assertEqual([row[0] for row in rows], ["pass"] * len(names))
        self.assertEqual(sorted(row[1] for row in rows), sorted(names))
        self.assertIn(self.real_output("test", self.SPEC, "--format", "markdown"), body)

        # diff: one changed group, the changed rule's, holding the requests counted from the trace.
        affected = self.requests_the_change_affects()
        self.assertGreater(affected, 0, "the trace's first lines must hold requests without a user agent")
        diff_heading = f"### EdgeProof diff: {affected} of {self.TRACE_LINES} requests change outcome"
        self.assertIn(diff_heading, body)
        groups = markdown_table(body, diff_heading)
        self.assertEqual(len(groups), 1, groups)
        source, target, rule, requests = groups[0][:4]
        self.assertRegex(source, rf"^`managed_challenge by {self.CHANGED_RULE}\b")
        self.assertRegex(target, rf"^`block by {self.CHANGED_RULE}\b")
        self.assertEqual((rule, requests), (f"`{self.CHANGED_RULE}`", str(affected)))
        self.assertIn("?token=REDACTED&page=2", body)
        base = os.path.join(self.root, "base.yaml")
        shutil.copy(os.path.join(self.root, "origin", self.SPEC), base)
        self.assertIn(
            self.real_output("diff", base, self.SPEC, "--trace", "traces/day.jsonl.gz", "--format", "markdown"), body
        )

        with open(self.summary, encoding="utf-8") as summary:
            self.assertEqual(summary.read(), body)
        for request in self.api.requests:
            self.assertNotIn(TOKEN, request["path"] + request["body"])

    def test_a_base_spec_with_errors_skips_the_diff_so_a_pull_request_can_repair_it(self):
        origin = os.path.join(self.root, "origin")
        with open(os.path.join(origin, self.SPEC), "a", encoding="utf-8") as spec:
            spec.write("no_such_section: true\n")
        git(origin, "commit", "-q", "-a", "-m", "a spec with an error")
        git(self.workspace, "fetch", "-q", "origin")
        result = self.run_action()
        self.assertEqual(result.returncode, 0, result.stderr)
        runs = self.edgeproof_runs()
        self.assertEqual([run["argv"][0] for run in runs], ["check", "build", "test", "check"])
        self.assertTrue(runs[3]["argv"][1].endswith("edge.yaml"))
        body = self.marked_comments()[0]["body"]
        self.assertIn("- ➖ `diff`: the spec on the base branch `main` has errors, so there is nothing to", body)
        self.assertIn("### EdgeProof test:", body)
        self.assertNotIn("### EdgeProof diff", body)
        self.assertNotIn("edgeproof-action-", body + result.stdout)

    def test_a_failing_expect_case_fails_the_run_and_the_comment_names_the_step(self):
        self.assertEqual(self.run_action().returncode, 0)
        self.edgeproof_runs()
        case = "  - name: a browser from Singapore is allowed\n"
        allowed = "country: SG, ua: Mozilla/5.0 }\n    action: allow\n"
        self.assertEqual(self.head_spec.count(case + "    request: { host: console.agenticverz.com"), 1)
        self.assertEqual(self.head_spec.count(allowed), 1)
        failing_spec = self.head_spec.replace(allowed, allowed.replace("allow", "block"))
        self.write_head_spec(failing_spec)

        result = self.run_action()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual([run["argv"][0] for run in self.edgeproof_runs()], ["check", "build", "test"])
        self.assertEqual([request["method"] for request in self.api.requests[-2:]], ["GET", "PATCH"])
        comments = self.marked_comments()
        self.assertEqual(len(comments), 1)
        body = comments[0]["body"]
        self.assertLess(utf16_length(body), 65_536)
        self.assertNotIn(TOKEN, body)
        self.assertIn("- ❌ `test` failed (exit 1); the steps after it did not run.\n", body)
        self.assertNotIn("`diff`", body)
        self.assertNotIn("### EdgeProof diff", body)
        names = self.expect_case_names(failing_spec)
        test_heading = f"### EdgeProof test: {len(names) - 1} passed, 1 failed ({self.SPEC})"
        rows = markdown_table(body, test_heading)
        self.assertIsNotNone(rows, body)
        self.assertEqual(rows[0][:2], ["**FAIL**", "a browser from Singapore is allowed"])
        self.assertEqual([row[0] for row in rows[1:]], ["pass"] * (len(names) - 1))


class ActionDefinitionTests(unittest.TestCase):
    """action.yml, read with PyYAML: a composite action whose steps hand the script every setting it reads."""

    def setUp(self):
        with open(ACTION, encoding="utf-8") as action:
            self.action = yaml.safe_load(action)

    def test_every_step_names_its_shell_and_reads_inputs_only_through_env(self):
        self.assertEqual(self.action["runs"]["using"], "composite")
        for step in self.action["runs"]["steps"]:
            with self.subTest(step=step["name"]):
                self.assertEqual(step["shell"], "bash")
                # An input expanded inside `run` would be pasted into the shell script (script injection).
                self.assertNotRegex(step["run"], r"\$\{\{")

    def test_the_run_step_sets_every_variable_the_script_reads_from_an_input(self):
        with open(SCRIPT, encoding="utf-8") as script:
            read = set(re.findall(r'environ\.get\("(EDGEPROOF[A-Z_]*)"\)', script.read()))
        run_step = self.action["runs"]["steps"][-1]
        env = run_step["env"]
        self.assertEqual(set(name for name in env if name.startswith("EDGEPROOF")), read - {"EDGEPROOF_BASE_REF"})
        self.assertEqual(env["GITHUB_TOKEN"], "${{ inputs.github-token }}")
        for name, value in env.items():
            for input_name in re.findall(r"inputs\.([a-z-]+)", value):
                self.assertIn(input_name, self.action["inputs"], f"{name} reads an undeclared input")
        self.assertIn("scripts/github-action.py", run_step["run"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
