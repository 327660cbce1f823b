#!/usr/bin/env python3
"""Tests scripts/github-action.py against a stand-in of GitHub's REST API on 127.0.0.1 and a stand-in edgeproof.

The stand-in API keeps a pull request's comments (paginated like GitHub) and records every request; the stand-in
edgeproof records its arguments, the base spec it was given and whether it saw the token, prints a Markdown summary
for `test` and `diff`, and fails the step FAKE_FAIL names. The diff steps run against real git repositories.
Run: make action-test (part of make test), or any python3 with PyYAML: python3 scripts/test-github-action.py
"""

import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

import yaml

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "github-action.py")
ACTION = os.path.join(os.path.dirname(SCRIPT), "..", "action.yml")
TOKEN = "ghs_standInTokenValue0123456789abcdef"
REPOSITORY = "platform/edge"
NUMBER = 42

FAKE_EDGEPROOF = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, sys
    step = sys.argv[1] + (" --check" if "--check" in sys.argv else "")
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
            print(f"| case-{index:06} | ok |")
    fail = os.environ.get("FAKE_FAIL", "")
    if fail.startswith(step + ":"):
        print(f"{step} found a problem", file=sys.stderr)
        sys.exit(int(fail.rsplit(":", 1)[1]))
    """
).replace("TOKEN_VALUE", TOKEN)


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
                ["diff", steps[3]["argv"][1], "config/edge.yaml", "--trace", "traces/day.jsonl.gz"]
                + ["--format", "markdown"],
            ],
        )
        self.assertEqual(steps[3]["base"], "version: 1 # base\n")
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
        self.assertEqual([step["argv"][0] for step in self.steps_run()], ["check", "build", "test", "diff"])
        self.assertIn("❌ `diff` against `main` failed (exit 2)", self.api.comments[0]["body"])

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
        self.assertEqual(self.steps_run()[3]["base"], "version: 1 # base\n")

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
