#!/usr/bin/env bash
# Renders the example HTML report (replay of traces/agenticverz-day.jsonl.gz through the example spec) with a
# Swift test, opens it in headless Chromium, and checks that the page paints (the screenshot is not one colour)
# and that every chart is in the browser's DOM with drawn data-series shapes.
# Then it writes a what-if report (several scales and an added population) and a diff report (IPv6 clients, long
# paths) with the edgeproof binary and lays them out at 800, 1,024 and 1,400 px window widths: a script injected
# into a copy of each report measures, in the browser, every table's right edge against the viewport, cells whose
# content overflows, and how many lines each IPv6 address occupies (see scripts/measure-report-layout.js). From
# 1,024 px no table may scroll; below, a table may scroll in its own box but the page may not.
# As root it installs Debian's chromium when missing; otherwise it prints the command and fails.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
scratch=${SCRATCH_PATH:-.build}
out=.build/browser
mkdir -p "$out"
html="$(pwd)/$out/report.html"; png="$out/report.png"; dom="$out/report.dom.html"
rm -f "$html" "$html.charts" "$png" "$dom"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$out/apt.log" 2>&1 \
      || { tail -20 "$out/apt.log"; echo "FAIL apt-get install chromium"; echo "0 passed, 1 failed"; exit 1; }
    browser=$(command -v chromium)
  else
    echo "chromium is missing; run: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

echo "rendering the example report with swift test --filter HTMLReportFixture"
if ! EDGEPROOF_REPORT_OUT="$html" "$SWIFT" test --scratch-path "$scratch" --filter HTMLReportFixture >"$out/swift-test.log" 2>&1 || [ ! -s "$html" ]; then
  tail -30 "$out/swift-test.log"
  echo "FAIL the report was not written"; echo "0 passed, 1 failed"; exit 1
fi

# A private profile directory so that nothing is read from or left in the user's profile.
profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile")
timeout 120 "$browser" "${flags[@]}" --screenshot="$png" --window-size=1400,3000 "file://$html" >"$out/chromium-screenshot.log" 2>&1
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$html" >"$dom" 2>"$out/chromium-dom.log"

python3 - "$png" "$dom" "$html.charts" <<'PY'
import struct, sys, zlib
from html.parser import HTMLParser

png_path, dom_path, charts_path = sys.argv[1:4]
passed = failed = 0

def check(ok, message):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + message)
    if ok: passed += 1
    else: failed += 1

def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA (optionally interlace-free) PNG into rows of pixel tuples."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR": header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT": idat += body
        elif kind == b"IEND": break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows

try:
    width, height, rows = png_pixels(png_path)
    colours = {}
    for row in rows[::4]:
        for pixel in row[::4]:
            colours[pixel] = colours.get(pixel, 0) + 1
    sampled = sum(colours.values())
    background = max(colours.values())
    check((width, height) == (1400, 3000), f"screenshot is 1400×3000 (got {width}×{height})")
    check(len(colours) > 1, f"screenshot is not one colour ({len(colours)} colours sampled)")
    check(len(colours) >= 16 and sampled - background > sampled // 50,
          f"screenshot shows content: {len(colours)} colours, {100 * (sampled - background) / sampled:.1f}% of sampled pixels off the background")
except (OSError, ValueError, TypeError, zlib.error) as error:
    check(False, f"screenshot {png_path} is a readable PNG ({error})")

class Charts(HTMLParser):
    """Collects, per svg[data-chart], its data-series shapes and whether each draws something."""
    def __init__(self):
        super().__init__()
        self.charts, self.current, self.depth = {}, None, 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.depth += 1
            if "data-chart" in attrs:
                self.current = attrs["data-chart"]
                self.charts.setdefault(self.current, [])
        elif self.current and "data-series" in attrs:
            if tag == "path": drawn = any(c in (attrs.get("d") or "") for c in "MLHVZ")
            elif tag == "rect":
                try: drawn = float(attrs.get("width") or 0) > 0
                except ValueError: drawn = False
            else: drawn = False
            self.charts[self.current].append((tag, attrs["data-series"], drawn))
    handle_startendtag = handle_starttag
    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1
            if self.depth == 0: self.current = None

try:
    dom = open(dom_path, encoding="utf-8").read()
    expected = open(charts_path, encoding="utf-8").read().split()
except OSError as error:
    dom, expected = "", []
    check(False, f"DOM dump and chart list are readable ({error})")
check("<html" in dom and "</html>" in dom, f"chromium dumped the DOM ({len(dom)} characters)")
parser = Charts()
parser.feed(dom)
check(len(expected) > 0, f"the fixture names the charts to expect ({', '.join(expected)})")
for name in expected:
    shapes = parser.charts.get(name)
    if shapes is None:
        check(False, f"svg[data-chart={name}] is in the DOM")
        continue
    drawn = [s for s in shapes if s[2]]
    series = sorted({s[1] for s in drawn})
    check(len(drawn) > 0 and len(drawn) == len(shapes),
          f"svg[data-chart={name}] has {len(drawn)} drawn data-series shapes ({', '.join(series[:6])}{', …' if len(series) > 6 else ''})")
lowered = dom.lower()
check(not any(s in lowered for s in ("<script", "<link", "@import", "url(http", " src=\"http")), "the DOM references no outside resource")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
example_status=$?

echo "writing a what-if and a diff report with the edgeproof binary"
if ! "$SWIFT" build --scratch-path "$scratch" --product edgeproof >"$out/swift-build.log" 2>&1; then
  tail -30 "$out/swift-build.log"; echo "FAIL edgeproof was not built"; echo "0 passed, 1 failed"; exit 1
fi
edgeproof="$("$SWIFT" build --scratch-path "$scratch" --show-bin-path)/edgeproof"
whatif="$(pwd)/$out/whatif.html"; diff="$(pwd)/$out/diff.html"
rm -f "$whatif" "$diff"
"$edgeproof" whatif examples/agenticverz/edge.yaml --trace traces/agenticverz-day.jsonl.gz --scale 1,2,5,10 \
  --add-profile bot-wave --report "$whatif" >"$out/whatif.log" 2>&1 || { tail -20 "$out/whatif.log"; echo "FAIL whatif"; }
# The head spec stops blocking bad bots; the trace's scanners (IPv6 clients, long paths, secrets in the query and
# the Authorization header) are allowed instead, or challenged when their network is a suspicious one.
python3 - examples/agenticverz/edge.yaml "$out/head.yaml" "$out/diff-trace.jsonl" <<'PY'
import json, sys
base, head, trace = sys.argv[1:4]
text = open(base, encoding="utf-8").read()
start = text.index("  - id: block-bad-bots")
action = text.index("    action: block\n", start) + len("    action: block\n")
open(head, "w", encoding="utf-8").write(text[:action] + "    enabled: false\n" + text[action:])
clients = ["2001:db8:85a3::8a2e:370:7334", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "fd00:1234:5678:9abc::42",
           "203.0.113.250", "2001:db8::1"]
paths = ["/api/v1/incidents/open/escalations/by-team/platform/weekly-summary",
         "/wp-admin/includes/class-wp-filesystem-direct-legacy-compat.php", "/.env", "/guard", "/api/v1/keys"]
with open(trace, "w", encoding="utf-8") as out:
    for n in range(120):
        out.write(json.dumps({
            "ts": 1766188800 + n * 7, "ip": clients[n % len(clients)], "method": "GET",
            "host": "api.agenticverz.com", "path": paths[n % len(paths)],
            "query": "token=sk_live_secretvalue1234567890&page=%d" % n,
            "ua": ["sqlmap/1.7.2#stable (https://sqlmap.org)", "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
                   "masscan/1.3 (https://github.com/robertdavidgraham/masscan)"][n % 3],
            "headers": {"authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.secretpayload.signature"},
            "country": "US", "asn": 64500, "colo": "SIN"}) + "\n")
PY
"$edgeproof" diff examples/agenticverz/edge.yaml "$out/head.yaml" --trace "$out/diff-trace.jsonl" --report "$diff" \
  >"$out/diff.log" 2>&1 || { tail -20 "$out/diff.log"; echo "FAIL diff"; }

# Each report is laid out in a copy whose Content-Security-Policy lets the measuring script run.
layouts=()
for report in whatif diff; do
  for width in 800 1024 1400; do
    measured="$(pwd)/$out/$report-$width.measured.html"
    python3 - "$(pwd)/$out/$report.html" scripts/measure-report-layout.js "$measured" <<'PY'
import re, sys
source, script, target = sys.argv[1:4]
try:
    html = open(source, encoding="utf-8").read()
except OSError:
    html = ""
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
html = html.replace("</body>", "<script>" + open(script, encoding="utf-8").read() + "</script></body>")
open(target, "w", encoding="utf-8").write(html)
PY
    timeout 120 "$browser" "${flags[@]}" --window-size="$width,900" --dump-dom "file://$measured" \
      >"$out/$report-$width.dom.html" 2>"$out/$report-$width.chromium.log"
    layouts+=("$report" "$width" "$out/$report-$width.dom.html")
  done
done

python3 - "${layouts[@]}" <<'PY'
import html, json, re, sys
passed = failed = 0

def check(ok, message):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + message)
    if ok: passed += 1
    else: failed += 1

args = sys.argv[1:]
for report, width, path in zip(args[0::3], args[1::3], args[2::3]):
    width = int(width)
    try:
        dom = open(path, encoding="utf-8").read()
    except OSError:
        dom = ""
    # The last such element: the one the measuring script appended to the body.
    found = re.findall(r'<pre id="layout-measurements">(.*?)</pre>', dom, re.S)
    try:
        figures = json.loads(html.unescape(found[-1]))
    except (IndexError, ValueError):
        figures = None
    check(figures is not None, f"{report} at {width} px: the browser measured the layout")
    if figures is None:
        continue
    viewport = figures["viewport"]
    check(figures["window"] == width, f"{report} at {width} px: the window is {figures['window']} px wide")
    check(figures["pageWidth"] <= viewport,
          f"{report} at {width} px: the page is no wider than the viewport ({figures['pageWidth']} ≤ {viewport})")
    tables = figures["tables"]
    expected = {"whatif": {"what-if", "costs"}, "diff": {"diff-groups"}}[report]
    check(expected <= {t["name"] for t in tables}, f"{report} at {width} px: tables {', '.join(sorted(expected))} are there")
    for table in tables:
        if width < 1024:
            # Below 1,024 px a table may scroll sideways in its own box, as long as the page does not.
            check(table["right"] <= viewport or table["scrolls"],
                  f"{report} at {width} px: table {table['name']} ends within the viewport or scrolls in its box")
            continue
        check(table["right"] <= viewport and not table["scrolls"] and not table["overflowing"],
              f"{report} at {width} px: table {table['name']} ends at {table['right']} px within the viewport "
              f"({viewport} px), without scrolling, no cell overflowing"
              + (f" (overflowing: {table['overflowing'][:3]})" if table["overflowing"] else ""))
    if report == "whatif":
        panels = figures["scenarioCharts"]
        check(len(panels) >= 5 and all(p["charts"] >= 2 for p in panels),
              f"whatif at {width} px: every scenario has its charts over time "
              f"({', '.join(p['scenario'] + ': ' + str(p['charts']) for p in panels)})")
    if report == "diff":
        addresses = figures["ipv6"]
        broken = [a for a in addresses if a["lines"] != 1]
        check(len(addresses) >= 3 and not broken,
              f"diff at {width} px: each of {len(addresses)} IPv6 addresses renders on one line"
              + (f" (split: {broken[:3]})" if broken else ""))
lowered = " ".join(open(p, encoding="utf-8").read().lower() for p in args[2::3] if p)
check("secretvalue" not in lowered and "secretpayload" not in lowered, "the diff report shows no secret from the trace")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
layout_status=$?
[ "$example_status" -eq 0 ] && [ "$layout_status" -eq 0 ]
