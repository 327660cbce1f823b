#!/usr/bin/env python3
"""A stand-in for the parts of Cloudflare's API v4 EdgeProof calls, on 127.0.0.1, for tests and the README tour.

Serves zones, phase entrypoint rulesets and Logpull request logs from a state file (JSON: {"zones": [{"id", "name",
"plan"}], "entrypoints": {zone_id: {phase: ruleset}}, "logs": [record with EdgeStartTimestamp in nanoseconds]}) in
Cloudflare's documented shapes, keeps what PUT writes (and saves
it back to the state file), records every request it receives as a JSON line in --log (the Authorization header is
never recorded, only whether it carried the expected token), and injects the faults listed in --faults, a JSON
file re-read on every request: [{"name": "unique", "method": "GET", "path": "substring of the path and query",
"times": 2, "kind": "status", "status": 429, "retry_after": "0"}, ...] with kinds status, malformed (200 with a body that is not JSON), truncated (a body cut
short of its Content-Length), delay (answer after "seconds"), echo_token (an error whose message repeats the
Authorization header).

Usage: cloudflare-standin.py --state FILE --token TOKEN [--cert PEM --key PEM] [--log FILE] [--faults FILE]
Prints "listening on PORT" once it accepts connections (port 0 picks a free one).
"""
import argparse
import datetime
import gzip
import hashlib
import http.server
import json
import ssl
import sys
import threading
import time
import urllib.parse

PREFIX = "/client/v4"
# The Logpull fields the stand-in offers (a zone without Bot Management offers no BotScore, for example).
LOG_FIELDS = ["EdgeStartTimestamp", "ClientIP", "ClientRequestHost", "ClientRequestMethod", "ClientRequestURI",
              "ClientRequestUserAgent", "ClientRequestProtocol", "ClientCountry", "ClientASN", "EdgeResponseStatus",
              "OriginResponseStatus", "EdgeResponseBytes", "CacheCacheStatus", "SecurityAction",
              "SecurityRuleDescription", "RayID", "ZoneID"]


def parse_time(text):
    """RFC 3339 (with optional fraction) or Unix seconds, as Logpull accepts them, in nanoseconds."""
    if text.isdigit():
        return int(text) * 10**9
    stamp = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(stamp.timestamp()) * 10**9 + stamp.microsecond * 1000


class State:
    def __init__(self, path):
        self.path = path
        with open(path) as f:
            data = json.load(f)
        self.zones = data.get("zones", [])
        self.entrypoints = data.get("entrypoints", {})
        self.logs = data.get("logs", [])
        # What the API answers always carries ids: seeded rulesets and rules without one get one.
        for zone_id, rulesets in self.entrypoints.items():
            for phase, ruleset in rulesets.items():
                ruleset.setdefault("id", hashlib.sha1((zone_id + phase).encode()).hexdigest()[:32])
                ruleset.setdefault("phase", phase)
                ruleset.setdefault("version", "1")
                for index, rule in enumerate(ruleset.get("rules", [])):
                    rule.setdefault("id", hashlib.sha1((zone_id + phase + str(index)).encode()).hexdigest()[:32])
        self.lock = threading.Lock()
        self.fault_uses = {}
        self.version = 1

    def save(self):
        with open(self.path, "w") as f:
            json.dump({"zones": self.zones, "entrypoints": self.entrypoints, "logs": self.logs}, f, indent=2)


def envelope(result, success=True, errors=None, result_info=None):
    body = {"result": result, "success": success, "errors": errors or [], "messages": []}
    if result_info is not None:
        body["result_info"] = result_info
    return body


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_request("GET")

    def do_PUT(self):
        self.handle_request("PUT")

    def do_POST(self):
        self.handle_request("POST")

    def handle_request(self, method):
        server = self.server
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        authorized = self.headers.get("Authorization") == "Bearer " + server.token
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = "<not JSON>"
        if server.log_path:
            with server.state.lock, open(server.log_path, "a") as f:
                f.write(json.dumps({"method": method, "path": parsed.path, "query": parsed.query,
                                    "authorized": authorized, "body": body}) + "\n")
        fault = self.take_fault(method, self.path)
        if fault is not None and self.inject(fault):
            return
        if not authorized:
            return self.send_json(403, envelope(None, False, [{"code": 10000, "message": "Authentication error"}]))
        if not parsed.path.startswith(PREFIX + "/"):
            return self.send_json(404, envelope(None, False, [{"code": 7003, "message": "No route for that URI"}]))
        parts = parsed.path[len(PREFIX) + 1:].split("/")
        query = urllib.parse.parse_qs(parsed.query)
        with server.state.lock:
            return self.route(method, parts, query, body)

    def route(self, method, parts, query, body):
        state = self.server.state
        if parts == ["zones"] and method == "GET":
            names = query.get("name", [])
            zones = [z for z in state.zones if not names or z["name"] == names[0]]
            result = [{"id": z["id"], "name": z["name"], "plan": {"legacy_id": z.get("plan", "free")}} for z in zones]
            info = {"page": 1, "per_page": 20, "count": len(result), "total_count": len(result), "total_pages": 1}
            return self.send_json(200, envelope(result, result_info=info))
        zone = next((z for z in state.zones if len(parts) > 1 and z["id"] == parts[1]), None)
        if len(parts) >= 2 and parts[0] == "zones" and zone is None:
            return self.send_json(404, envelope(None, False, [{"code": 7003, "message": "Could not route to /zones, perhaps your object identifier is invalid?"}]))
        if len(parts) == 2 and method == "GET":
            return self.send_json(200, envelope({"id": zone["id"], "name": zone["name"], "plan": {"legacy_id": zone.get("plan", "free")}}))
        if parts[2:] == ["logs", "received", "fields"] and method == "GET":
            return self.send_raw(200, json.dumps({name: "the " + name + " field" for name in LOG_FIELDS}).encode())
        if parts[2:] == ["logs", "received"] and method == "GET":
            return self.send_logs(query)
        if len(parts) == 6 and parts[2:4] == ["rulesets", "phases"] and parts[5] == "entrypoint":
            phase = parts[4]
            rulesets = state.entrypoints.setdefault(zone["id"], {})
            if method == "GET":
                if phase not in rulesets:
                    return self.send_json(404, envelope(None, False, [{"code": 10003, "message": "could not find entrypoint ruleset in the " + phase + " phase"}]))
                return self.send_json(200, envelope(rulesets[phase]))
            if method == "PUT":
                if not isinstance(body, dict) or not isinstance(body.get("rules"), list):
                    return self.send_json(400, envelope(None, False, [{"code": 20021, "message": "invalid JSON: rules must be a list"}]))
                state.version += 1
                previous = rulesets.get(phase, {})
                ruleset = {
                    "id": previous.get("id") or hashlib.sha1((zone["id"] + phase).encode()).hexdigest()[:32],
                    "name": "default", "kind": "zone", "phase": phase,
                    "version": str(int(previous.get("version", "0")) + 1),
                    "last_updated": "2026-12-01T00:00:00Z",
                    "description": body.get("description", ""),
                    "rules": [dict(rule, id=hashlib.sha1(json.dumps(rule, sort_keys=True).encode()).hexdigest()[:32],
                                   version="1", last_updated="2026-12-01T00:00:00Z") for rule in body["rules"]],
                }
                rulesets[phase] = ruleset
                state.save()
                return self.send_json(200, envelope(ruleset))
        return self.send_json(404, envelope(None, False, [{"code": 7003, "message": "No route for that URI"}]))

    def send_logs(self, query):
        """Logpull: the records with start <= EdgeStartTimestamp < end, only the fields asked for, as NDJSON
        (gzip when the client accepts it); a window over an hour or an unknown field is an error."""
        try:
            start = parse_time(query["start"][0])
            end = parse_time(query["end"][0])
            fields = query["fields"][0].split(",")
        except (KeyError, ValueError):
            return self.send_json(400, envelope(None, False, [{"code": 1001, "message": "bad start, end or fields"}]))
        if end - start > 3600 * 10**9 or end <= start:
            return self.send_json(400, envelope(None, False, [{"code": 1002, "message": "the time window must be between 1 second and 1 hour"}]))
        unknown = [f for f in fields if f not in LOG_FIELDS]
        if unknown:
            return self.send_json(400, envelope(None, False, [{"code": 1003, "message": "unknown fields: " + ",".join(unknown)}]))
        lines = []
        for record in self.server.state.logs:
            if start <= record["EdgeStartTimestamp"] < end:
                lines.append(json.dumps({f: record[f] for f in fields if f in record}, separators=(",", ":")))
        payload = "".join(line + "\n" for line in lines).encode()
        headers = {"Content-Type": "application/x-ndjson"}
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            payload = gzip.compress(payload)
            headers["Content-Encoding"] = "gzip"
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def take_fault(self, method, path):
        server = self.server
        if not server.faults_path:
            return None
        try:
            with open(server.faults_path) as f:
                faults = json.load(f)
        except (OSError, ValueError):
            return None
        with server.state.lock:
            for index, fault in enumerate(faults):
                if fault.get("method", method) != method or fault.get("path", "") not in path:
                    continue
                key = fault.get("name", index)
                used = server.state.fault_uses.get(key, 0)
                if used >= fault.get("times", 1):
                    continue
                server.state.fault_uses[key] = used + 1
                return fault
        return None

    def inject(self, fault):
        kind = fault.get("kind")
        if kind == "status":
            headers = {"Retry-After": fault["retry_after"]} if "retry_after" in fault else {}
            status = fault.get("status", 500)
            self.send_json(status, envelope(None, False, [{"code": fault.get("code", 10000 + status), "message": fault.get("message", "injected failure")}]), headers)
            return True
        if kind == "malformed":
            self.send_raw(200, b'{"result": {"rules": [}, "success": tru')
            return True
        if kind == "truncated":
            payload = json.dumps(envelope({"rules": []})).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload) + 100))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.close_connection = True
            return True
        if kind == "delay":
            time.sleep(float(fault.get("seconds", 5)))
            return False
        if kind == "echo_token":
            message = "bad request with header " + (self.headers.get("Authorization") or "")
            self.send_json(400, envelope(None, False, [{"code": 9999, "message": message}]))
            return True
        return False

    def send_json(self, status, body, headers=None):
        self.send_raw(status, json.dumps(body).encode(), headers)

    def send_raw(self, status, payload, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gave up (a timeout test) closes the connection before the answer: not the server's error.
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--log")
    parser.add_argument("--faults")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args.state)
    server.token = args.token
    server.log_path = args.log
    server.faults_path = args.faults
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
