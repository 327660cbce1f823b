#!/usr/bin/env python3
"""Runs EdgeProof in a GitHub Actions job and posts its Markdown summary on the pull request (action.yml).

The steps run in this order, and the first that fails stops the run with its exit code:

1. ``edgeproof check SPEC --format github`` (annotations in the job log and on the pull request's files)
2. ``edgeproof build SPEC -o OUTPUT --check --format github`` (the committed outputs match the spec)
3. ``edgeproof test SPEC --format markdown``
4. with a trace, on a pull request: the spec as the base branch has it (``git show origin/BASE:./SPEC``), then
   ``edgeproof diff BASE_SPEC SPEC --trace TRACE --format markdown``; skipped, with a note, when the base branch has
   no such spec or ``edgeproof check`` finds errors in it (so a pull request can repair a broken spec)

On a pull request the summary is then posted as one comment, found again by a hidden marker that names the spec and
updated in place on every run. It is posted also when a step failed, saying which, so the comment never shows an
earlier run's success. The token is sent only in the Authorization header, only to GITHUB_API_URL, and never
printed; redirects are refused rather than followed with it.

Configuration (action.yml sets these from its inputs; GitHub sets the GITHUB_* ones):
  EDGEPROOF          the binary (default: edgeproof on the PATH)
  EDGEPROOF_SPEC     the spec (default: edge.yaml); EDGEPROOF_OUTPUT the committed outputs (default: out)
  EDGEPROOF_TRACE    a trace for the diff step (default: none, no diff)
  EDGEPROOF_COMMENT  true or false (default: true): post the summary on the pull request
  EDGEPROOF_BASE_REF the branch to diff against (default: GITHUB_BASE_REF)
  GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY

Exit codes: 0 every step passed and the comment was posted; the failing step's code (1 or 2) when a step failed;
1 when the comment could not be posted; 2 for a configuration error (nothing is run).
"""

import ipaddress
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

# GitHub refuses comments over 65,536 characters, counted as UTF-16 code units; each summary stays under
# MarkdownText.commentLimit (65,000, counted the same way), and the comment, which can hold two, is cut at a line to
# the same limit.
COMMENT_LIMIT = 65_000
PAGE_SIZE = 100


class ConfigurationError(Exception):
    """A missing or unusable setting: nothing is run."""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuses every redirect, so the Authorization header never travels to a host it was not meant for."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, f"redirect to {newurl} refused", headers, fp)


class GitHubComments:
    """The issue comments of one pull request, through the REST API."""

    def __init__(self, api_url, repository, number, token):
        self.api_url = api_url.rstrip("/")
        self.repository = repository
        self.number = number
        self.token = token
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps({"body": body}).encode()
        request = urllib.request.Request(self.api_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise RuntimeError(f"{method} {path}: {error}") from None

    def find(self, marker):
        """The id of the first comment whose body holds `marker`, or None; reads every page."""
        page = 1
        while True:
            path = f"/repos/{self.repository}/issues/{self.number}/comments?per_page={PAGE_SIZE}&page={page}"
            comments = self.request("GET", path)
            for comment in comments:
                if marker in (comment.get("body") or ""):
                    return comment["id"]
            if len(comments) < PAGE_SIZE:
                return None
            page += 1

    def post(self, marker, body):
        """Updates the comment holding `marker`, or creates one; returns 'updated' or 'created'."""
        existing = self.find(marker)
        if existing is None:
            self.request("POST", f"/repos/{self.repository}/issues/{self.number}/comments", body)
            return "created"
        self.request("PATCH", f"/repos/{self.repository}/issues/comments/{existing}", body)
        return "updated"


def log(message):
    print(f"edgeproof-action: {message}", file=sys.stderr, flush=True)


def settings(environ):
    """Reads and checks the configuration before anything runs."""
    spec = environ.get("EDGEPROOF_SPEC") or "edge.yaml"
    comment = (environ.get("EDGEPROOF_COMMENT") or "true").lower()
    if comment not in ("true", "false"):
        raise ConfigurationError(f"comment must be true or false, not '{comment}'")
    number = None
    event_path = environ.get("GITHUB_EVENT_PATH")
    if event_path:
        try:
            with open(event_path, encoding="utf-8") as event_file:
                event = json.load(event_file)
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"cannot read the event file {event_path}: {error}") from None
        number = (event.get("pull_request") or {}).get("number")
    config = {
        "edgeproof": environ.get("EDGEPROOF") or "edgeproof",
        "spec": spec,
        "output": environ.get("EDGEPROOF_OUTPUT") or "out",
        "trace": environ.get("EDGEPROOF_TRACE") or None,
        "base": environ.get("EDGEPROOF_BASE_REF") or environ.get("GITHUB_BASE_REF") or None,
        "number": number,
        "comment": comment == "true" and number is not None,
        "summary_file": environ.get("GITHUB_STEP_SUMMARY") or None,
        "marker": "<!-- edgeproof-summary: " + spec.replace("--", "-") + " -->",
    }
    if config["comment"]:
        config["token"] = environ.get("GITHUB_TOKEN") or ""
        if not config["token"]:
            raise ConfigurationError("commenting on a pull request needs GITHUB_TOKEN (or comment: false)")
        config["repository"] = environ.get("GITHUB_REPOSITORY") or ""
        if config["repository"].count("/") != 1:
            raise ConfigurationError("GITHUB_REPOSITORY must be owner/name")
        config["api_url"] = environ.get("GITHUB_API_URL") or "https://api.github.com"
        check_api_url(config["api_url"])
    return config


def check_api_url(url):
    """The token travels over HTTPS only; plain HTTP is accepted for a loopback address (a local stand-in)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname:
        try:
            if parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname).is_loopback:
                return
        except ValueError:
            pass
    raise ConfigurationError(f"GITHUB_API_URL must be an https URL, not '{url}'")


def without_token():
    """This process's environment without the token, for every command it runs."""
    return {name: value for name, value in os.environ.items() if name != "GITHUB_TOKEN"}


def run(arguments, capture):
    """Runs one command without the token in its environment, its stderr passed through; prints its stdout too.
    Returns (exit code, stdout when `capture`)."""
    log("running " + " ".join(arguments))
    try:
        result = subprocess.run(arguments, stdout=subprocess.PIPE, text=True, env=without_token(), check=False)
    except OSError as error:
        log(f"cannot run {arguments[0]}: {error}")
        return 2, ""
    sys.stdout.write(result.stdout)
    sys.stdout.flush()
    return result.returncode, result.stdout if capture else ""


def base_spec(config, directory):
    """Writes the base branch's spec into `directory`; returns its path, or None when the base has no such file."""
    base = config["base"]
    remote_ref = f"refs/remotes/origin/{base}"
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", remote_ref], capture_output=True).returncode != 0:
        fetch = ["git", "fetch", "--no-tags", "--depth=1", "origin", f"+refs/heads/{base}:{remote_ref}"]
        if subprocess.run(fetch, stdout=sys.stderr).returncode != 0:
            raise RuntimeError(f"cannot fetch the base branch '{base}' from origin")
    shown = subprocess.run(["git", "show", f"{remote_ref}:./{config['spec']}"], capture_output=True)
    if shown.returncode != 0:
        probe = subprocess.run(["git", "cat-file", "-e", f"{remote_ref}:./{config['spec']}"], capture_output=True)
        if probe.returncode != 0:
            return None
        raise RuntimeError(f"git show {remote_ref}:./{config['spec']} failed: {shown.stderr.decode().strip()}")
    path = os.path.join(directory, "base-" + os.path.basename(config["spec"]))
    with open(path, "wb") as base_file:
        base_file.write(shown.stdout)
    return path


def check_base_spec(config, path):
    """`edgeproof check`'s exit code on the base branch's spec; its findings are not printed, as they name a
    temporary file and are not the pull request's."""
    log(f"checking the spec on the base branch '{config['base']}'")
    try:
        return subprocess.run(
            [config["edgeproof"], "check", path, "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=without_token(),
            check=False,
        ).returncode
    except OSError as error:
        log(f"cannot run {config['edgeproof']}: {error}")
        return 2


def run_steps(config, directory):
    """Runs the steps; returns (exit code, one status line a step, the summaries they printed)."""
    edgeproof, spec = config["edgeproof"], config["spec"]
    steps = [
        ("check", [edgeproof, "check", spec, "--format", "github"], False),
        ("build --check", [edgeproof, "build", spec, "-o", config["output"], "--check", "--format", "github"], False),
        ("test", [edgeproof, "test", spec, "--format", "markdown"], True),
    ]
    statuses, sections = [], []
    for name, arguments, capture in steps:
        code, output = run(arguments, capture)
        if output.strip():
            sections.append(output.strip())
        if code != 0:
            statuses.append(f"❌ `{name}` failed (exit {code}); the steps after it did not run.")
            return code, statuses, sections
        statuses.append(f"✅ `{name}`")
    if config["trace"] and config["number"] is not None and config["base"]:
        try:
            base = base_spec(config, directory)
        except RuntimeError as error:
            log(str(error))
            statuses.append(f"❌ `diff`: {error}")
            return 2, statuses, sections
        if base is None:
            statuses.append(f"➖ `diff`: the base branch `{config['base']}` has no `{spec}` to compare with.")
            return 0, statuses, sections
        code = check_base_spec(config, base)
        if code == 1:
            statuses.append(
                f"➖ `diff`: the spec on the base branch `{config['base']}` has errors, so there is nothing to "
                "compare with."
            )
            return 0, statuses, sections
        if code != 0:
            statuses.append(f"❌ `diff`: `edgeproof check` on the base branch's spec failed (exit {code}).")
            return code, statuses, sections
        arguments = [edgeproof, "diff", base, spec, "--trace", config["trace"], "--format", "markdown"]
        code, output = run(arguments, True)
        if output.strip():
            sections.append(output.strip())
        if code != 0:
            statuses.append(f"❌ `diff` against `{config['base']}` failed (exit {code}).")
            return code, statuses, sections
        statuses.append(f"✅ `diff` against `{config['base']}`")
    return 0, statuses, sections


def utf16_length(text):
    """The length of `text` as GitHub counts it: in UTF-16 code units (a character outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def comment_body(marker, spec, statuses, sections):
    """The comment: the marker, one line per step, then each summary; cut at a line to COMMENT_LIMIT UTF-16 units."""
    body = "\n\n".join([marker, f"### EdgeProof: `{spec}`", "\n".join(f"- {s}" for s in statuses)] + sections) + "\n"
    if utf16_length(body) <= COMMENT_LIMIT:
        return body
    note = "\n\n… cut here to fit a comment; the whole summary is in the job log and the job summary.\n"
    kept, length = [], 0
    for line in body.split("\n"):
        length += utf16_length(line) + 1
        if length + utf16_length(note) > COMMENT_LIMIT:
            break
        kept.append(line)
    return "\n".join(kept) + note


def main():
    try:
        config = settings(os.environ)
    except ConfigurationError as error:
        log(f"error: {error}")
        return 2
    with tempfile.TemporaryDirectory(prefix="edgeproof-action-") as directory:
        code, statuses, sections = run_steps(config, directory)
    body = comment_body(config["marker"], config["spec"], statuses, sections)
    if config["summary_file"]:
        with open(config["summary_file"], "a", encoding="utf-8") as summary:
            summary.write(body)
    if config["comment"]:
        comments = GitHubComments(config["api_url"], config["repository"], config["number"], config["token"])
        try:
            outcome = comments.post(config["marker"], body)
        except RuntimeError as error:
            log(f"error: the pull request comment could not be posted: {error}")
            return code or 1
        log(f"{outcome} the summary comment on pull request #{config['number']}")
    elif config["number"] is None:
        log("not a pull request: no comment and no diff")
    return code


if __name__ == "__main__":
    sys.exit(main())
