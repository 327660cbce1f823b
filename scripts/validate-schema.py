#!/usr/bin/env python3
"""Validates specs against `edgeproof schema` with the independent `jsonschema` package.

Usage: validate-schema.py SCHEMA.json EXAMPLE.yaml
Checks the example validates, and that broken variants of it do not (each must fail for the stated reason).
Prints one line per check and exits 1 on any unexpected result.
"""
import copy
import json
import sys

import jsonschema
import yaml

schema = json.load(open(sys.argv[1]))
example = yaml.safe_load(open(sys.argv[2]))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)

failures = 0


def check(name, document, should_pass):
    global failures
    errors = list(validator.iter_errors(document))
    ok = (not errors) if should_pass else bool(errors)
    failures += 0 if ok else 1
    detail = "" if ok else (": " + "; ".join(e.message for e in errors[:3]) if errors else ": unexpectedly valid")
    print(("ok   " if ok else "FAIL ") + name + detail)


def variant(mutate):
    document = copy.deepcopy(example)
    mutate(document)
    return document


check("example validates", example, True)
check("zone: 42 is rejected", variant(lambda d: d.__setitem__("zone", 42)), False)
check("missing version is rejected", variant(lambda d: d.pop("version")), False)
check("unknown top-level key is rejected", variant(lambda d: d.__setitem__("wafs", [])), False)
check("unknown plan is rejected", variant(lambda d: d["zone"].__setitem__("plan", "gold")), False)
check("duration without unit is rejected", variant(lambda d: d["rate_limits"][0].__setitem__("period", 60)), False)
check("bad duration unit is rejected", variant(lambda d: d["rate_limits"][0].__setitem__("period", "5min")), False)
check("literal secret is rejected", variant(lambda d: d["fly"]["secrets"].__setitem__("X", "hunter2")), False)
check("string port is rejected", variant(lambda d: d["fly"]["http_service"].__setitem__("internal_port", "8000")), False)
check("unknown key in a rule is rejected", variant(lambda d: d["waf"][0].__setitem__("acton", "block")), False)
check("bad size is rejected", variant(lambda d: d["redis"].__setitem__("maxmemory", "1.5gb")), False)
sys.exit(1 if failures else 0)
