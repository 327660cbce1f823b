#!/usr/bin/env bash
# Serves the Cloudflare API stand-in (scripts/cloudflare-standin.py) on https://127.0.0.1:8443 for the README's
# live-zone tour: one zone, agenticverz.com, running an older build of the example (the rate limit at 60 a minute,
# no geo-block rule), with six hours of request logs from 2026-11-30T00:00:00Z. A throwaway certificate goes to .build/standin/cert.pem; the token is `standin-token`.
# Usage: scripts/standin-demo.sh EDGEPROOF [PORT]; stop it with Ctrl-C.
set -euo pipefail
edgeproof=$1
port=${2:-8443}
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=$repo/.build/standin
rm -rf "$dir" && mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 2>/dev/null
"$edgeproof" build "$repo/examples/agenticverz/edge.yaml" -o "$dir/out" >/dev/null 2>&1 ||
  { echo "build of the example failed" >&2; exit 1; }
python3 - "$dir" <<'PY'
import json, sys
folder = sys.argv[1]
zone = "5f60718293a4b5c6d7e8f90a1b2c3d4e"
entrypoints = {}
for phase in ["http_request_firewall_custom", "http_request_firewall_managed", "http_ratelimit",
              "http_request_cache_settings"]:
    with open("%s/out/cloudflare/%s.json" % (folder, phase)) as f:
        entrypoints[phase] = json.load(f)
custom = entrypoints["http_request_firewall_custom"]["rules"]
entrypoints["http_request_firewall_custom"]["rules"] = [r for r in custom if r["ref"] != "geo-block-high-risk"]
entrypoints["http_ratelimit"]["rules"][0]["ratelimit"]["requests_per_period"] = 60
# Six hours of API traffic from 2026-11-30T00:00:00Z, one request every 12 seconds, for pull-logs.
start = 1795996800
paths = ["/v1/incidents", "/v1/incidents/summary", "/api/guard/status", "/health"]
logs = [{"EdgeStartTimestamp": (start + i * 12) * 10**9, "ClientIP": "100.64.0.%d" % (i % 50 + 1),
         "ClientRequestHost": "api.agenticverz.com", "ClientRequestMethod": "GET",
         "ClientRequestURI": paths[i % len(paths)], "ClientRequestUserAgent": "Mozilla/5.0",
         "ClientRequestProtocol": "HTTP/2", "ClientCountry": "sg", "EdgeResponseStatus": 200,
         "CacheCacheStatus": "dynamic", "RayID": "%016x" % i} for i in range(1800)]
with open(folder + "/state.json", "w") as f:
    json.dump({"zones": [{"id": zone, "name": "agenticverz.com", "plan": "pro"}], "entrypoints": {zone: entrypoints},
               "logs": logs}, f)
PY
echo "export CLOUDFLARE_API_TOKEN=standin-token CLOUDFLARE_API_BASE_URL=https://127.0.0.1:$port/client/v4"
echo "and pass --cacert $dir/cert.pem"
exec python3 "$repo/scripts/cloudflare-standin.py" --state "$dir/state.json" --token standin-token \
  --cert "$dir/cert.pem" --key "$dir/key.pem" --port "$port"
