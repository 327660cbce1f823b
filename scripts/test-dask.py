#!/usr/bin/env python3
"""End-to-end test of the Dask driver (contrib/dask/edgeproof_dask.py): partition, replay in shards, merge.

Makes a trace of two files (one gzipped) over 23 colos with skewed counts and records without a colo, local
disorder within each colo, records more than 120 s late, malformed lines and a burst from one address that trips
the example's rate limit. Replays it once with `edgeproof replay` and through the driver (a LocalCluster of two
worker processes, 3 shards), and compares standard output, the HTML report and the decisions file byte for byte,
for `--format json` and `--format text`; then once more with the traces, the spec, the work directory and the
outputs in fsspec's memory:// store (an in-process cluster, since that store is per process), which makes every
task download and upload. Also checks that a merge missing a shard or given one twice fails, that partition
refuses a directory that is not empty, and that a step that fails makes the driver exit 2 with the error.

Prints `SKIP: ...` and exits 0 when dask, distributed or fsspec cannot be imported.

Usage: test-dask.py EDGEPROOF WORKDIR
"""
import datetime
import difflib
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIVER = os.path.join(ROOT, "contrib", "dask", "edgeproof_dask.py")
SPEC = os.path.join(ROOT, "examples", "agenticverz", "edge.yaml")
SHARDS = 3

try:
    import distributed  # imports dask
    import fsspec
except ImportError as error:
    print(f"SKIP: the Dask driver's test needs dask, distributed and fsspec ({error}); "
          "pip install -r contrib/dask/requirements.txt")
    sys.exit(0)

BASE = datetime.datetime(2025, 12, 20, 10, 0, 0, tzinfo=datetime.timezone.utc)
COLOS = ["SIN", "NRT", "SJC", "FRA", "LHR", "AMS", "CDG", "IAD", "ORD", "DFW", "SYD", "HKG",
         "BOM", "GRU", "YYZ", "MAD", "ARN", "WAW", "JNB", "ICN", "KIX", "MEL", "LAX"]
BROWSERS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 Version/17.2 Safari/605.1.15"]
# (weight, method, host, path, query): the example's hosts and routes, its cached assets and an SQL injection probe.
REQUESTS = [
    (30, "GET", "api.agenticverz.com", "/v1/incidents", "page=2"),
    (6, "POST", "api.agenticverz.com", "/v1/incidents", ""),
    (8, "GET", "api.agenticverz.com", "/api/guard/status", ""),
    (6, "GET", "api.agenticverz.com", "/health", ""),
    (10, "GET", "console.agenticverz.com", "/guard", ""),
    (12, "GET", "console.agenticverz.com", "/guard/assets/app.js", ""),
    (8, "GET", "console.agenticverz.com", "/guard/assets/app.css", ""),
    (6, "GET", "console.agenticverz.com", "/guard/logo.png", ""),
    (5, "GET", "agenticverz.com", "/", ""),
    (3, "GET", "agenticverz.com", "/favicon.ico", ""),
    (2, "GET", "ops.agenticverz.com", "/assets/ops.js", ""),
    (1, "GET", "api.agenticverz.com", "/v1/incidents", "q=1%27%20UNION%20SELECT%20password%20FROM%20users--"),
]

passed = failed = 0


def expect(condition, message, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {message}")
    else:
        failed += 1
        print(f"FAIL {message}")
        if detail:
            print("     " + detail.rstrip().replace("\n", "\n     "))


def difference(expected, actual):
    """A short account of how two byte strings differ: the first differing offset and a unified diff excerpt."""
    offset = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
    lines = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                 actual.decode("utf-8", "replace").splitlines(),
                                 "single replay", "Dask driver", n=1, lineterm="")
    excerpt = [line if len(line) <= 200 else line[:200] + " …" for line in list(lines)[:30]]
    return (f"{len(expected)} bytes expected, {len(actual)} got; first difference at byte {offset}:\n"
            + "\n".join(excerpt))


def same(expected, actual, message):
    expect(expected == actual, message, "" if expected == actual else difference(expected, actual))


def timestamp(ms):
    return (BASE + datetime.timedelta(milliseconds=ms)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_traces(directory):
    """Write edge-a.jsonl and edge-b.jsonl.gz: one stream of 3,863 good records split between two files."""
    rng = random.Random(20251220)
    weights = [1.0 / (rank + 1) ** 1.2 for rank in range(len(COLOS))]
    records = []
    for _ in range(3600):
        _, method, host, path, query = rng.choices(REQUESTS, [request[0] for request in REQUESTS])[0]
        record = {"ts": rng.randrange(30 * 60 * 1000), "ip": f"100.{rng.randrange(64, 80)}.{rng.randrange(256)}."
                  f"{rng.randrange(1, 255)}", "method": method, "host": host, "path": path,
                  "country": rng.choice(["SG", "US", "DE", "JP", "GB", "BR"])}
        if rng.random() > 0.01:  # one record in a hundred has no colo
            record["colo"] = rng.choices(COLOS, weights)[0]
        if query:
            record["query"] = query
        roll = rng.random()
        if roll < 0.02:
            record["ua"] = "sqlmap/1.7.2#stable"
        elif roll < 0.04:
            pass  # no user agent: blocked
        elif roll < 0.06:
            record["ip"] = f"203.0.113.{rng.randrange(1, 255)}"  # challenged network
            record["ua"] = rng.choice(BROWSERS)
        elif roll < 0.07:
            record["country"] = "KP"
            record["ua"] = rng.choice(BROWSERS)
        else:
            record["ua"] = "agenticverz-sdk/1.4" if host == "api.agenticverz.com" else rng.choice(BROWSERS)
        records.append(record)
    # 260 API requests from one address in 39 s at one colo: the 101st and later are rate limited (api-per-ip).
    for i in range(260):
        records.append({"ts": 600_000 + i * 150, "ip": "198.18.0.7", "method": "GET", "host": "api.agenticverz.com",
                        "path": "/v1/incidents", "ua": "agenticverz-sdk/1.4", "colo": "FRA", "country": "DE"})
    records.sort(key=lambda record: record["ts"])
    for i in range(0, len(records) - 1, 7):  # local disorder
        records[i], records[i + 1] = records[i + 1], records[i]
    for index in (2000, 2600, 3100):  # five minutes behind the records around them: late
        late = dict(records[index - 50], ts=records[index]["ts"] - 300_000, path="/health")
        records.insert(index, late)
    files = ([], [])
    for record in records:
        files[rng.random() < 0.4].append(json.dumps(dict(record, ts=timestamp(record["ts"])), separators=(",", ":")))
    files[0].insert(100, '{"ts":"2025-12-20T10:01:00Z","ip":"100.64.0.1",')
    files[0].insert(900, "this is not json")
    files[1].insert(300, '{"ts":"2025-12-20T10:02:00Z","ip":"999.1.1.1","colo":"SIN"}')
    first, second = os.path.join(directory, "edge-a.jsonl"), os.path.join(directory, "edge-b.jsonl.gz")
    with open(first, "w") as handle:
        handle.write("\n".join(files[0]) + "\n")
    with gzip.open(second, "wt") as handle:
        handle.write("\n".join(files[1]) + "\n")
    return [first, second]


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def reference(edgeproof, traces, output_format, directory):
    """`edgeproof replay` in one process: (exit code, stdout, stderr, report, decisions)."""
    os.makedirs(directory)
    result = subprocess.run([edgeproof, "replay", SPEC, "--trace", *traces, "--format", output_format,
                             "--report", os.path.join(directory, "report.html"),
                             "--decisions", os.path.join(directory, "decisions.jsonl")], capture_output=True)
    return (result.returncode, result.stdout, result.stderr, read(os.path.join(directory, "report.html")),
            read(os.path.join(directory, "decisions.jsonl")))


def compare(expected, code, stdout, stderr, report, decisions, label, names_kept=True):
    """Checks a run against replay's; `names_kept` when the traces were read by the names replay read them by
    (then findings on standard error are the same bytes too)."""
    expect(code == expected[0], f"{label}: exit code {code} (replay's is {expected[0]})",
           stderr.decode(errors="replace"))
    same(expected[1], stdout, f"{label}: standard output is replay's")
    if names_kept:
        same(expected[2], stderr, f"{label}: standard error is replay's")
    same(expected[3], report, f"{label}: HTML report is replay's")
    same(expected[4], decisions, f"{label}: decisions file is replay's")


def driver_process(edgeproof, traces, output_format, work):
    """The driver's command line with a LocalCluster of two worker processes."""
    outputs = os.path.join(work, "out")
    result = subprocess.run([sys.executable, DRIVER, SPEC, *traces, "--shards", str(SHARDS), "--local-workers", "2",
                             "--work", "file://" + os.path.join(work, "work"), "--edgeproof", edgeproof,
                             "--format", output_format, "--report", os.path.join(outputs, "report.html"),
                             "--decisions", os.path.join(outputs, "decisions.jsonl"),
                             "--stdout", os.path.join(outputs, "stdout")], capture_output=True)
    missing = [name for name in ("report.html", "decisions.jsonl", "stdout")
               if not os.path.exists(os.path.join(outputs, name))]
    expect(not missing, f"driver --format {output_format}: wrote {', '.join(missing) or 'every output'}"
           + (" not" if missing else ""), result.stderr.decode(errors="replace")[-3000:])
    if missing:
        return None
    same(result.stdout, read(os.path.join(outputs, "stdout")),
         f"driver --format {output_format}: --stdout holds standard output")
    return (result.returncode, result.stdout, result.stderr, read(os.path.join(outputs, "report.html")),
            read(os.path.join(outputs, "decisions.jsonl")))


def driver_in_memory(edgeproof, traces, output_format):
    """run() with everything in memory://, on an in-process cluster of two single-threaded workers."""
    sys.path.insert(0, os.path.dirname(DRIVER))
    sys.dont_write_bytecode = True  # no __pycache__ left in contrib/dask
    import edgeproof_dask as module
    urls = []
    for path in [SPEC, *traces]:
        urls.append("memory://bucket/in/" + os.path.basename(path))
        module.copy(path, urls[-1])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        result = module.run(urls[0], urls[1:], SHARDS, "memory://bucket/work", client=client,
                                      binary=edgeproof, output_format=output_format,
                                      report="memory://bucket/out/report.html",
                                      decisions="memory://bucket/out/decisions.jsonl")
    store = fsspec.filesystem("memory")
    outputs = [store.cat(path) if store.exists(path) else b"" for path in ("/bucket/out/report.html",
                                                                           "/bucket/out/decisions.jsonl")]
    return (result.returncode, result.stdout, result.stderr, *outputs)


def bad_inputs(edgeproof, traces, work):
    """Merges missing a shard or given one twice fail; partition refuses a non-empty directory; a failed step
    makes the driver exit 2."""
    summaries = sorted(os.path.join(work, "work", "summaries", name)
                       for name in os.listdir(os.path.join(work, "work", "summaries")))
    expect(len(summaries) == SHARDS, f"driver: {len(summaries)} shard summaries in WORK/summaries (expected {SHARDS})")
    if len(summaries) == SHARDS:
        result = subprocess.run([edgeproof, "merge", summaries[0], summaries[2], "--spec", SPEC, "--format", "json"],
                                capture_output=True)
        error = result.stderr.decode(errors="replace")
        expect(result.returncode != 0 and re.search(r"shard[^0-9\n]{0,3}0*1\b", error, re.IGNORECASE),
               f"merge without shard 1 exits {result.returncode} naming shard 1", error)
        result = subprocess.run([edgeproof, "merge", summaries[0], summaries[1], summaries[1], summaries[2],
                                 "--spec", SPEC], capture_output=True)
        expect(result.returncode != 0, f"merge with shard 1 twice exits {result.returncode}",
               result.stderr.decode(errors="replace"))
    occupied = os.path.join(work, "occupied")
    os.makedirs(occupied)
    with open(os.path.join(occupied, "keep"), "w") as handle:
        handle.write("x")
    result = subprocess.run([edgeproof, "partition", *traces, "--shards", "2", "-o", occupied], capture_output=True)
    expect(result.returncode == 2 and os.listdir(occupied) == ["keep"],
           f"partition into a directory that is not empty exits {result.returncode} and writes nothing",
           result.stderr.decode(errors="replace"))
    missing = os.path.join(work, "no-such-trace.jsonl")
    result = subprocess.run([sys.executable, DRIVER, SPEC, missing, "--shards", "2",
                             "--work", os.path.join(work, "bad"), "--edgeproof", edgeproof], capture_output=True)
    error = result.stderr.decode(errors="replace")
    expect(result.returncode == 2 and "partition" in error and "no-such-trace.jsonl" in error,
           f"driver with a missing trace exits {result.returncode} with partition's error", error)


def main():
    edgeproof, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    traces = make_traces(work)
    for output_format in ("json", "text", "github"):
        expected = reference(edgeproof, traces, output_format, os.path.join(work, f"reference-{output_format}"))
        expect(expected[0] == 0, f"replay --format {output_format} exits 0", expected[2].decode(errors="replace"))
        actual = driver_process(edgeproof, traces, output_format, os.path.join(work, f"dask-{output_format}"))
        if actual:
            compare(expected, *actual, f"driver --format {output_format}")
    expected = reference(edgeproof, traces, "markdown", os.path.join(work, "reference-markdown"))
    compare(expected, *driver_in_memory(edgeproof, traces, "markdown"), "run() on memory:// --format markdown",
            names_kept=False)
    bad_inputs(edgeproof, traces, os.path.join(work, "dask-json"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
