#!/usr/bin/env python3
"""Runs the built edgeproof on specs that hold credentials and on a key that tries to forge a workflow command.

`check` must exit 1 in every format and print no credential; `build` must exit 1, write nothing and print no
credential; `--format json` must be one JSON document and `--format github` one command per diagnostic.
Credentials are generated here at run time, so the repository holds none.

Usage: check-secrets-cli.py EDGEPROOF WORKDIR
"""
import json
import pathlib
import random
import string
import subprocess
import sys

edgeproof, work = sys.argv[1], pathlib.Path(sys.argv[2])
rng = random.Random(7)


def rand(count, alphabet=string.ascii_letters + string.digits):
    return "".join(rng.choice(alphabet) for _ in range(count)) + "7"


upper = string.ascii_uppercase + string.digits
credentials = {
    "GitHub token": "gh" + "p_" + rand(35),
    "OpenAI project key": "sk-" + "proj-" + rand(48),
    "Anthropic key": "sk-" + "ant-api03-" + rand(80),
    "AWS access key id": "AK" + "IA" + rand(15, upper),
    "AWS secret access key": "wJ" + rand(37, string.ascii_letters + string.digits + "+/"),
    "Slack token": "xo" + "xb-" + rand(11, string.digits) + "-" + rand(24),
    "Stripe key": "sk" + "_live_" + rand(24),
    "JWT": "ey" + "J" + rand(20) + ".ey" + "J" + rand(30) + "." + rand(42),
}

failures = 0


def expect(condition, message):
    global failures
    if condition:
        print(f"ok   {message}")
    else:
        print(f"FAIL {message}")
        failures += 1


def run(*arguments):
    result = subprocess.run([edgeproof, *arguments], capture_output=True)
    return result.returncode, result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")


for name, secret in credentials.items():
    spec = work / "secret.yaml"
    spec.write_text(
        "version: 1\nzone:\n  name: example.com\n  plan: pro\n"
        "waf:\n  - id: block-token\n"
        f"    description: \"rotated {secret}\"\n"
        f"    when: 'any(http.request.headers[\"authorization\"][*] eq \"Bearer {secret}\")'\n"
        "    action: block\n"
        "fly:\n  app: my-app\n  primary_region: sin\n"
        f"  env:\n    UPSTREAM_AUTH: \"Bearer {secret}\"\n"
    )
    outputs = {}
    for output_format in ("text", "json", "github"):
        code, outputs[output_format] = run("check", str(spec), "--format", output_format, "--no-readiness")
        expect(code == 1 and secret not in outputs[output_format], f"{name}: check --format {output_format} exits 1 without the value")
    expect(json.loads(outputs["json"])["summary"]["errors"] >= 3,
           f"{name}: the JSON document reports each place")
    out = work / "secret-out"
    code, printed = run("build", str(spec), "-o", str(out))
    expect(code == 1 and not out.exists() and secret not in printed, f"{name}: build exits 1, writes nothing, prints no value")

forged = work / "forged.yaml"
forged.write_bytes(b'version: 1\nzone: {name: example.com, plan: pro}\n"a\\r\\n::error file=x::forged": 1\n')
code, printed = run("check", str(forged), "--format", "github")
lines = printed.split("\n")
expect(code == 1 and "\r" not in printed and not any(line.startswith("::error file=x") for line in lines)
       and sum(line.startswith("::") for line in lines) == 1,
       "--format github: a key with CR LF stays inside one workflow command")
sys.exit(1 if failures else 0)
