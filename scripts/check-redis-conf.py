#!/usr/bin/env python3
"""Boots the real redis-server on an emitted redis.conf and compares CONFIG GET with what the spec asked for.

Usage: check-redis-conf.py REDIS_CONF SPEC.yaml
The server listens only on a private Unix socket (--port 0, --tls-port 0 so TLS files are not loaded); a probe user
is given on the command line only, since every user in the file is off. Prints one line per check; exit 1 on any
mismatch, or when redis-server is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

conf, spec_path = sys.argv[1], sys.argv[2]
redis = (yaml.safe_load(open(spec_path)) or {}).get("redis")
if redis is None:
    print(f"skip {conf}: the spec has no redis section")
    sys.exit(0)
if not shutil.which("redis-server"):
    print("FAIL redis-server is not installed (make deps installs it)")
    sys.exit(1)

units = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4}


def size(text):
    text = text.lower()
    for suffix in sorted(units, key=len, reverse=True):
        if text.endswith(suffix) and text[: -len(suffix)].isdigit():
            return int(text[: -len(suffix)]) * units[suffix]
    raise ValueError(text)


def seconds(text):
    factor = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return int(text[:-1]) * factor[text[-1]]


persistence = redis.get("persistence") or {}
expected = {
    "maxmemory-policy": redis.get("maxmemory_policy", "noeviction"),
    "appendonly": "yes" if persistence.get("appendonly") else "no",
    "appendfsync": persistence.get("appendfsync", "everysec"),
    "protected-mode": "yes" if redis.get("protected_mode", True) else "no",
}
if "maxmemory" in redis:
    expected["maxmemory"] = str(size(redis["maxmemory"]))
if "save" in persistence:
    expected["save"] = " ".join(f"{seconds(r['after'])} {r['changes']}" for r in persistence["save"])
tls = redis.get("tls") or {}
if tls.get("enabled"):
    expected["tls-cert-file"] = tls["cert_file"]
    expected["tls-key-file"] = tls["key_file"]
    expected["tls-auth-clients"] = tls.get("auth_clients", "yes")
    if "ca_file" in tls:
        expected["tls-ca-cert-file"] = tls["ca_file"]

work = tempfile.mkdtemp()
sock = os.path.join(work, "redis.sock")
server = subprocess.Popen(
    ["redis-server", conf, "--port", "0", "--tls-port", "0", "--unixsocket", sock, "--dir", work, "--daemonize", "no",
     "--logfile", os.path.join(work, "redis.log"), "--user", "probe", "on", "nopass", "~*", "+@all"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
failures = 0
try:
    for _ in range(100):
        if os.path.exists(sock) or server.poll() is not None:
            break
        time.sleep(0.05)
    if not os.path.exists(sock):
        print(f"FAIL {conf}: redis-server did not start:\n" + open(os.path.join(work, "redis.log")).read()[-2000:])
        sys.exit(1)
    print(f"ok   {conf}: redis-server 7 starts on it")

    def cli(*args):
        return subprocess.run(["redis-cli", "-s", sock, "--user", "probe", "--pass", "", "--no-auth-warning", *args],
                              capture_output=True, text=True, check=True).stdout.splitlines()

    reply = cli("CONFIG", "GET", *expected.keys())
    actual = dict(zip(reply[0::2], reply[1::2]))
    for key, value in expected.items():
        ok = actual.get(key) == value
        failures += 0 if ok else 1
        print(("ok   " if ok else "FAIL ") + f"{key}: spec {value!r}, server {actual.get(key)!r}")
    acl = cli("ACL", "LIST")
    for user in redis.get("users", []):
        line = next((l for l in acl if l.startswith(f"user {user['name']} ")), None)
        ok = line is not None and " off " in line and "#" not in line and ">" not in line
        failures += 0 if ok else 1
        print(("ok   " if ok else "FAIL ") + f"ACL user {user['name']} is off and has no password: {line}")
    default = next((l for l in acl if l.startswith("user default ")), "")
    if redis.get("users"):
        ok = " off " in default
        failures += 0 if ok else 1
        print(("ok   " if ok else "FAIL ") + f"default user is off: {default}")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failures else 0)
