#!/usr/bin/env python3
"""Parses emitted files with parsers EdgeProof did not write and compares their values with the spec.

Usage: check-emitted.py OUT_DIR SPEC.yaml
fly/fly.toml with Python's tomllib, vault/vault.hcl with python-hcl2. Exit 1 on any mismatch.
"""
import os
import sys
import tomllib

import hcl2
import yaml

out, spec_path = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(spec_path))
failures = 0


def check(name, actual, expected):
    global failures
    ok = actual == expected
    failures += 0 if ok else 1
    print(("ok   " if ok else "FAIL ") + f"{name}: {actual!r}" + ("" if ok else f" (spec: {expected!r})"))


fly = spec.get("fly")
if fly:
    toml = tomllib.load(open(os.path.join(out, "fly/fly.toml"), "rb"))
    check("fly.toml app", toml["app"], fly["app"])
    check("fly.toml primary_region", toml["primary_region"], fly["primary_region"])
    check("fly.toml env", toml.get("env", {}), {k: str(v) for k, v in (fly.get("env") or {}).items()})
    check("fly.toml processes", toml.get("processes", {}), fly.get("processes") or {})
    check("fly.toml check names", sorted(toml.get("checks", {})), sorted(fly.get("checks") or {}))
    service = fly.get("http_service")
    if service:
        check("fly.toml http_service.internal_port", toml["http_service"]["internal_port"], service["internal_port"])
        check("fly.toml auto_stop_machines", toml["http_service"]["auto_stop_machines"], service.get("auto_stop_machines", "off"))
        if "concurrency" in service:
            got = toml["http_service"]["concurrency"]
            check("fly.toml concurrency", (got["soft_limit"], got.get("hard_limit")), (service["concurrency"]["soft_limit"], service["concurrency"].get("hard_limit")))
        check("fly.toml http_service.checks paths", [c["path"] for c in toml["http_service"].get("checks", [])], [c["path"] for c in service.get("checks", [])])
        ports = [p["port"] for s in toml.get("services", []) for p in s.get("ports", [])]
        check("fly.toml no service repeats ports 80/443", [p for p in ports if p in (80, 443)], [])
    check("fly.toml vm count", len(toml.get("vm", [])), len(fly.get("vm", [])))

vault = spec.get("vault")
if vault:
    with open(os.path.join(out, "vault/vault.hcl")) as handle:
        hcl = hcl2.load(handle)
    storage = hcl["storage"][0]
    storage_type = next(iter(storage))
    check("vault.hcl storage type", storage_type.strip('"'), vault["storage"]["type"])
    body = storage[storage_type]
    if "path" in vault["storage"]:
        check("vault.hcl storage path", body["path"].strip('"'), vault["storage"]["path"])
    check("vault.hcl retry_join", [r["leader_api_addr"].strip('"') for r in body.get("retry_join", [])], vault["storage"].get("retry_join", []))
    listeners = [next(iter(l.values())) for l in hcl.get("listener", [])]
    check("vault.hcl listener addresses", [l["address"].strip('"') for l in listeners], [l["address"] for l in vault["listeners"]])
    check("vault.hcl disable_mlock", hcl["disable_mlock"], vault.get("disable_mlock", True))
    check("vault.hcl seals", [next(iter(s)).strip('"') for s in hcl.get("seal", [])], [s["type"] for s in vault.get("seals", [])])
    for key in ("api_addr", "cluster_addr"):
        if key in vault:
            check(f"vault.hcl {key}", hcl[key].strip('"'), vault[key])
sys.exit(1 if failures else 0)
