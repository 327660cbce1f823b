#!/usr/bin/env python3
"""Validates emitted Cloudflare rulesets with the official `cloudflare` Python SDK and the Terraform file with
python-hcl2.

Usage: check-cloudflare.py OUT_DIR
- Each cloudflare/http_*.json body's `rules` is validated with
  pydantic.TypeAdapter(list[cloudflare.types.rulesets.phase_update_params.Rule]) (not the whole PhaseUpdateParams,
  whose `rules` iterable is validated lazily).
- The SDK's TypedDicts ignore extra keys and a missing `expression`, so those are asserted here against the keys
  the SDK declares.
- The check is shown to reject a body with a wrong action and one with a wrongly typed field.
- terraform/cloudflare.tf parses with python-hcl2 and has one cloudflare_ruleset per JSON body, with equal rules.
Exit 1 on any failure.
"""
import copy
import glob
import json
import os
import sys
import typing

import hcl2
import pydantic
from cloudflare.types.rulesets import phase_update_params

out = sys.argv[1]
adapter = pydantic.TypeAdapter(list[phase_update_params.Rule])
failures = 0


def report(ok, message):
    global failures
    failures += 0 if ok else 1
    print(("ok   " if ok else "FAIL ") + message)


def declared_keys(rule):
    """Keys the SDK declares for the rule variant whose `action` literal matches."""
    for variant in typing.get_args(phase_update_params.Rule):
        hints = typing.get_type_hints(variant)
        action = hints.get("action")
        literal = typing.get_args(typing.get_args(action)[0]) if typing.get_args(action) else ()
        if rule.get("action") in literal or rule.get("action") in typing.get_args(action):
            return set(hints)
    return None


def validate(rules):
    try:
        adapter.validate_python(rules)
    except pydantic.ValidationError as error:
        return str(error).splitlines()[0]
    for rule in rules:
        if not isinstance(rule.get("expression"), str) or not rule["expression"]:
            return f"rule {rule.get('ref')}: missing expression"
        keys = declared_keys(rule)
        if keys is None:
            return f"rule {rule.get('ref')}: no SDK rule type has action {rule.get('action')!r}"
        extra = set(rule) - keys
        if extra:
            return f"rule {rule.get('ref')}: keys the SDK does not declare: {sorted(extra)}"
    return None


bodies = {}
for path in sorted(glob.glob(os.path.join(out, "cloudflare", "http_*.json"))):
    body = json.load(open(path))
    phase = os.path.basename(path)[:-5]
    bodies[phase] = body
    problem = validate(body["rules"])
    report(problem is None, f"{path}: {len(body['rules'])} rules validate with cloudflare {__import__('cloudflare').__version__}" + (f": {problem}" if problem else ""))
    for rule in body["rules"]:
        report(rule["description"].startswith(f"[{rule['ref']}]"), f"{phase} rule {rule['ref']}: description starts with [ref]")

if bodies:
    sample = copy.deepcopy(next(iter(bodies.values()))["rules"])
    sample[0]["action"] = "obliterate"
    report(validate(sample) is not None, "a rule with an unknown action is rejected")
    sample = copy.deepcopy(next(iter(bodies.values()))["rules"])
    sample[0]["enabled"] = {"yes": 1}
    report(validate(sample) is not None, "a rule with a wrongly typed field is rejected")
    sample = copy.deepcopy(next(iter(bodies.values()))["rules"])
    sample[0]["surprise"] = 1
    report(validate(sample) is not None, "a rule with an undeclared key is rejected")
    if "http_ratelimit" in bodies:
        sample = copy.deepcopy(bodies["http_ratelimit"]["rules"])
        sample[0]["ratelimit"]["period"] = "sixty"
        report(validate(sample) is not None, "a rate limit with a string period is rejected")
        for rule in bodies["http_ratelimit"]["rules"]:
            report(rule["ratelimit"]["characteristics"][0] == "cf.colo.id", f"rate limit {rule['ref']} counts per colo (cf.colo.id)")

tf_path = os.path.join(out, "terraform", "cloudflare.tf")
if os.path.exists(tf_path):
    with open(tf_path) as handle:
        tf = hcl2.load(handle)
    providers = tf["terraform"][0]["required_providers"][0]["cloudflare"]
    report(providers["version"].strip('"') == "~> 5", "cloudflare.tf requires provider ~> 5")
    resources = {}
    for block in tf.get("resource", []):
        for kind, named in block.items():
            for name, body in named.items():
                resources[name.strip('"')] = body
    report(set(resources) == set(bodies), f"cloudflare.tf has one cloudflare_ruleset per phase: {sorted(resources)}")

    def unquote(value):
        if isinstance(value, str):
            return value[1:-1].replace('\\"', '"').replace("\\\\", "\\").replace("$${", "${").replace("%%{", "%{") if value.startswith('"') else value
        if isinstance(value, list):
            return [unquote(v) for v in value]
        if isinstance(value, dict):
            # A key that is not an HCL identifier (a ruleset id starting with a digit) is written quoted.
            return {unquote(k): unquote(v) for k, v in value.items() if not k.startswith("__")}
        return value

    for phase, body in resources.items():
        if phase in bodies:
            report(unquote(body["rules"]) == bodies[phase]["rules"], f"cloudflare.tf {phase}: rules equal the JSON body's")
sys.exit(1 if failures else 0)
