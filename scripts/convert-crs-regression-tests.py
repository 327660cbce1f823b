#!/usr/bin/env python3
"""Converts CRS v3.3.4's regression tests (ftw YAML, tests/regression/tests/**/*.yaml) into the JSON Lines file the
compiled CRS evaluator's differential test reads: one request a line, {"title", "method", "uri", "version",
"headers": [[name, value], ...], "body"}. Stages with raw requests or without a URI are left out; `data` given as
a list is joined with CRLF as ftw sends it. Usage: convert-crs-regression-tests.py TESTS_DIR OUT.jsonl [EVERY_NTH]
"""
import glob
import json
import os
import sys

import yaml


def requests(directory):
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            document = yaml.safe_load(handle)
        for test in document.get("tests", []) or []:
            for number, stage in enumerate(test.get("stages", []) or []):
                given = (stage.get("stage") or {}).get("input") or {}
                if "raw_request" in given or "encoded_request" in given or "uri" not in given:
                    continue
                data = given.get("data")
                if isinstance(data, list):
                    data = "\r\n".join(str(line) for line in data)
                headers = [[str(k), str(v)] for k, v in (given.get("headers") or {}).items()]
                version = str(given.get("version", "HTTP/1.1"))
                yield {
                    "title": f"{test.get('test_title', '?')}#{number}",
                    "method": str(given.get("method", "GET")),
                    "uri": str(given["uri"]),
                    "version": version[5:] if version.startswith("HTTP/") else version,
                    "headers": headers,
                    "body": None if data is None else str(data),
                }


def main():
    directory, output = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(output, "w", encoding="utf-8") as handle:
        for index, request in enumerate(requests(directory)):
            if index % every == 0:
                handle.write(json.dumps(request, ensure_ascii=True, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
