#!/usr/bin/env python3
"""Writes the bundled traces in traces/ deterministically (same bytes on every run): three small scenarios and a
day of traffic for the example spec. Run `make traces` after changing it.

A splitmix64 generator is used instead of Python's `random` so the output never depends on the Python version.
"""
import datetime
import gzip
import io
import json
import math
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "traces"
DAY_START = 1766188800000  # 2025-12-20T00:00:00Z in ms


class SplitMix:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) / float(1 << 53)

    def below(self, n):
        return self.next() % n

    def choice(self, items):
        return items[self.below(len(items))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        pick = self.uniform() * total
        for item, weight in pairs:
            pick -= weight
            if pick < 0:
                return item
        return pairs[-1][0]

    def exponential(self, mean):
        return -mean * math.log(1.0 - self.uniform())


def iso(ms):
    moment = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def record(ms, ip, method, host, path, query="", ua=None, country="SG", asn=9506, colo="SIN", **extra):
    fields = {"ts": iso(ms), "ip": ip, "method": method, "host": host, "path": path}
    if query:
        fields["query"] = query
    if ua is not None:
        fields["ua"] = ua
    fields.update({"country": country, "asn": asn, "colo": colo})
    fields.update(extra)
    return json.dumps(fields, separators=(",", ":"))


BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
]
SCANNERS = ["sqlmap/1.8.11#stable (https://sqlmap.org)", "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)",
            "masscan/1.3 (https://github.com/robertdavidgraham/masscan)", "Mozilla/5.0 zgrab/0.x", "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)"]
COUNTRIES = [("SG", 9506, "SIN"), ("US", 7922, "SJC"), ("IN", 55836, "BOM"), ("JP", 2516, "NRT"), ("DE", 3320, "FRA"), ("GB", 2856, "LHR"),
             ("AU", 1221, "SYD"), ("KP", 131279, "SIN"), ("IR", 58224, "FRA")]
ASSETS = ["/guard/assets/app.js", "/guard/assets/app.css", "/guard/logo.png", "/favicon.ico"]


def ip_for(gen, country):
    first = {"SG": 116, "US": 104, "IN": 49, "JP": 126, "DE": 91, "GB": 81, "AU": 101, "KP": 175, "IR": 5}[country]
    return f"{first}.{gen.below(256)}.{gen.below(256)}.{1 + gen.below(254)}"


def login_brute_force():
    gen = SplitMix(1)
    lines, t = [], DAY_START + 9 * 3600_000
    for i in range(240):
        t += 250
        lines.append((t, record(t, "100.64.3.7", "POST", "api.agenticverz.com", "/v1/auth/login", ua="python-requests/2.32.3",
                                country="US", asn=14061, colo="SJC", status=401)))
    for i in range(40):
        ts = DAY_START + 9 * 3600_000 + gen.below(60_000)
        lines.append((ts, record(ts, ip_for(gen, "SG"), "POST", "api.agenticverz.com", "/v1/auth/login", ua=gen.choice(BROWSERS), status=200)))
    return [line for _, line in sorted(lines)]


def scraper():
    lines, t = [], DAY_START + 14 * 3600_000
    for page in range(1, 601):
        t += 200
        lines.append(record(t, "88.99.12.34", "GET", "api.agenticverz.com", "/v1/incidents", query=f"page={page}",
                            ua="Mozilla/5.0 (compatible; DataHarvester/2.1)", country="DE", asn=24940, colo="FRA"))
    return lines


def cache_warm_up():
    gen = SplitMix(3)
    lines, t = [], DAY_START + 8 * 3600_000
    for visitor in range(60):
        country, asn, colo = gen.choice(COUNTRIES[:7])
        ip, ua = ip_for(gen, country), gen.choice(BROWSERS)
        t += 1000 + gen.below(4000)
        lines.append(record(t, ip, "GET", "console.agenticverz.com", "/guard", ua=ua, country=country, asn=asn, colo=colo))
        for path in ASSETS:
            t += 20
            lines.append(record(t, ip, "GET", "console.agenticverz.com", path, ua=ua, country=country, asn=asn, colo=colo))
    t += 500
    lines.append(record(t, "116.1.2.3", "HEAD", "console.agenticverz.com", "/guard/assets/app.js", ua=BROWSERS[0]))
    t += 500
    lines.append(record(t, "116.1.2.3", "GET", "console.agenticverz.com", "/guard/assets/app.js", query="v=2", ua=BROWSERS[0]))
    return lines


def day():
    gen = SplitMix(20251220)
    out = []
    mean_rps = 0.45
    t = DAY_START
    while t < DAY_START + 86400_000:
        hour = (t - DAY_START) / 3600_000
        rate = mean_rps * (1 + 0.6 * math.sin((hour - 9) / 24 * 2 * math.pi))  # peak mid-afternoon in Singapore
        t += int(gen.exponential(1000 / rate)) + 1
        if t >= DAY_START + 86400_000:
            break
        kind = gen.weighted([("human", 70), ("api", 18), ("scanner", 2), ("no-ua", 2), ("scraper", 3), ("bot", 5)])
        country, asn, colo = gen.weighted([(c, w) for c, w in zip(COUNTRIES, [40, 20, 12, 10, 6, 5, 4, 1, 1])])
        ip = ip_for(gen, country)
        if kind == "human":
            host = gen.weighted([("console.agenticverz.com", 5), ("agenticverz.com", 2), ("ops.agenticverz.com", 1)])
            path = gen.weighted([("/guard", 4), ("/guard/assets/app.js", 6), ("/guard/assets/app.css", 6), ("/guard/logo.png", 4),
                                 ("/favicon.ico", 3), ("/", 3)])
            out.append(record(t, ip, "GET", host, path, ua=gen.choice(BROWSERS), country=country, asn=asn, colo=colo))
        elif kind == "api":
            path = gen.weighted([("/v1/incidents", 6), ("/v1/incidents/summary", 2), ("/api/guard/status", 2), ("/health", 1)])
            method = "POST" if path == "/v1/incidents" and gen.below(3) == 0 else "GET"
            out.append(record(t, f"35.{gen.below(8)}.{gen.below(256)}.{1 + gen.below(254)}", method, "api.agenticverz.com", path,
                              ua="agenticverz-sdk/1.4 (python)", country="SG", asn=396982, colo="SIN",
                              headers={"authorization": "Bearer redacted-in-fixture"}))
        elif kind == "scanner":
            path = gen.choice(["/wp-login.php", "/.env", "/v1/incidents", "/admin", "/phpmyadmin/"])
            out.append(record(t, f"45.155.{gen.below(256)}.{gen.below(256)}", "GET", "api.agenticverz.com", path,
                              query="id=1%27%20OR%201=1" if gen.below(2) else "", ua=gen.choice(SCANNERS), country="NL", asn=49870, colo="AMS"))
        elif kind == "no-ua":
            out.append(record(t, ip, "GET", "api.agenticverz.com", "/v1/incidents", country=country, asn=asn, colo=colo))
        elif kind == "scraper":
            for i in range(8):
                t += 150
                out.append(record(t, f"88.99.{gen.below(256)}.{gen.below(256)}", "GET", "api.agenticverz.com", "/v1/incidents",
                                  query=f"page={gen.below(400)}", ua="Mozilla/5.0 (compatible; DataHarvester/2.1)", country="DE", asn=24940,
                                  colo="FRA"))
        else:
            out.append(record(t, f"66.249.{gen.below(96)}.{gen.below(256)}", "GET", "agenticverz.com", "/",
                              ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", country="US", asn=15169,
                              colo="SJC", bot=True))
    # A scraping session from one address at 14:00 (4 requests a second for ten minutes) and a login brute force
    # at 03:00 (5 a second for two minutes): both cross the 100-a-minute limit.
    bursts = []
    start = DAY_START + 14 * 3600_000
    for i in range(2400):
        ts = start + i * 250
        bursts.append((ts, record(ts, "88.99.12.34", "GET", "api.agenticverz.com", "/v1/incidents", query=f"page={i}",
                                  ua="Mozilla/5.0 (compatible; DataHarvester/2.1)", country="DE", asn=24940, colo="FRA")))
    start = DAY_START + 3 * 3600_000
    for i in range(600):
        ts = start + i * 200
        bursts.append((ts, record(ts, "185.220.101.7", "POST", "api.agenticverz.com", "/v1/auth/login", ua="python-requests/2.32.3",
                                  country="US", asn=4224, colo="SJC", status=401)))
    merged = sorted([(json.loads(line)["ts"], index, line) for index, line in enumerate(out)] +
                    [(json.loads(line)["ts"], len(out) + index, line) for index, (_, line) in enumerate(bursts)])
    return [line for _, _, line in merged]


def write(name, lines):
    (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


write("login-brute-force.jsonl", login_brute_force())
write("scraper.jsonl", scraper())
write("cache-warm-up.jsonl", cache_warm_up())
buffer = io.BytesIO()
with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
    handle.write(("\n".join(day()) + "\n").encode("utf-8"))
(root / "agenticverz-day.jsonl.gz").write_bytes(buffer.getvalue())
