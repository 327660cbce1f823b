#!/usr/bin/env python3
"""Replay traces with `edgeproof` on a Dask cluster: partition by colo, replay the shards in parallel, merge.

The graph has three steps, each one `edgeproof` command run by a Dask task:

1. `edgeproof partition TRACE... --shards N` (one task over all the traces, which it reads as one stream merged
   by timestamp, as `replay` does) writes N shard files to WORK/shards/;
2. `edgeproof replay SPEC --trace SHARD --summary-json ...` (N tasks, one per shard) writes each shard's summary
   to WORK/summaries/ and, when decisions are asked for, its decisions to WORK/decisions/;
3. `edgeproof merge SUMMARY... --spec SPEC` (one task) prints and writes what `edgeproof replay SPEC --trace
   TRACE...` would have, byte for byte.

Paths may be local (they must then be visible to the workers at the same absolute path) or fsspec URLs (s3://,
gs://, file://, ...). A task downloads what it reads into a temporary directory of its worker, in chunks, and
uploads what it writes. Nothing about replay is done in Python. See README.md beside this file.

Usage: edgeproof_dask.py SPEC TRACE... --shards N --work URL [--scheduler ADDRESS] [--format F] [--report URL]
       [--decisions URL] [--stdout URL]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Optional, Sequence

import fsspec
from distributed import Client, LocalCluster
from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem
from fsspec.utils import get_protocol

CHUNK_BYTES = 1 << 20


class StepFailed(RuntimeError):
    """An `edgeproof` command exited non-zero; the message holds the command and its standard error."""


@dataclass(frozen=True)
class MergeResult:
    """What the merge step printed, and its exit code: the driver's result."""

    returncode: int
    stdout: bytes
    stderr: bytes


def absolute(url: str) -> str:
    """Return a local path (or file:// URL) as an absolute path, since workers do not share the driver's directory.

    Any other URL is returned unchanged.
    """
    if get_protocol(url) == "file" and "::" not in url:
        return url_to_fs(url)[1]
    return url


def join(base: str, *parts: str) -> str:
    """Join a directory path or URL and names with `/`."""
    return "/".join([base.rstrip("/"), *parts])


def copy(source: str, destination: str) -> None:
    """Stream one file from a path or URL to another in 1 MiB chunks (a local destination's directory is made)."""
    filesystem, path = url_to_fs(destination)
    if isinstance(filesystem, LocalFileSystem):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with fsspec.open(source, "rb") as reader, filesystem.open(path, "wb") as writer:
        shutil.copyfileobj(reader, writer, CHUNK_BYTES)


def stage(url: str, directory: str) -> str:
    """Return the path by which a command run in `directory` reads `url`.

    A local file is read where it is (its absolute path). Anything else is downloaded under `directory` at the
    URL's own path (bucket and key) and named relative to it, so that findings and reports name it by that path
    rather than by a temporary directory.
    """
    filesystem, path = url_to_fs(url)
    if isinstance(filesystem, LocalFileSystem):
        return path
    copy(url, os.path.join(directory, path.lstrip("/")))
    return path.lstrip("/")


def edgeproof(binary: str, arguments: Sequence[str], directory: str) -> subprocess.CompletedProcess:
    """Run `binary` with `arguments` in `directory` (never through a shell), capturing its output."""
    return subprocess.run([binary, *arguments], cwd=directory, capture_output=True, check=False)


def require_success(result: subprocess.CompletedProcess) -> None:
    """Raise StepFailed with the command and its standard error when it exited non-zero."""
    if result.returncode != 0:
        command = " ".join(str(argument) for argument in result.args)
        error = result.stderr.decode("utf-8", "replace").rstrip()
        raise StepFailed(f"`{command}` exited {result.returncode}:\n{error}")


def partition_task(binary: str, traces: Sequence[str], shards: int, work: str, gzip: bool,
                   trace_format: Optional[str], max_errors: Optional[int]) -> list[str]:
    """Split all the traces, read as one stream, into `shards` shard files uploaded to WORK/shards/.

    Returns the shard URLs in shard order. What reading the traces found goes into shard 0, and the merge reports it.
    """
    with tempfile.TemporaryDirectory(prefix="edgeproof-partition-") as directory:
        inputs, shard_directory = os.path.join(directory, "in"), os.path.join(directory, "out")
        os.makedirs(inputs)
        arguments = ["partition", *(stage(url, inputs) for url in traces), "--shards", str(shards),
                     "-o", shard_directory]
        arguments += ["--gzip"] if gzip else []
        arguments += ["--trace-format", trace_format] if trace_format else []
        arguments += ["--max-errors", str(max_errors)] if max_errors is not None else []
        result = edgeproof(binary, arguments, inputs)
        require_success(result)
        urls = []
        for name in sorted(os.listdir(shard_directory)):
            urls.append(join(work, "shards", name))
            copy(os.path.join(shard_directory, name), urls[-1])
        return urls


def replay_task(binary: str, spec: str, partition: list[str], index: int, work: str,
                decisions: bool) -> tuple[str, Optional[str]]:
    """Replay shard `index` of the partition; upload its summary (and decisions) and return their URLs."""
    shard = partition[index]
    stem = shard.rsplit("/", 1)[-1].split(".shard")[0]
    with tempfile.TemporaryDirectory(prefix="edgeproof-replay-") as directory:
        inputs, outputs = os.path.join(directory, "in"), os.path.join(directory, "out")
        os.makedirs(inputs)
        os.makedirs(outputs)
        summary = os.path.join(outputs, stem + ".summary.json")
        shard_decisions = os.path.join(outputs, stem + ".decisions.jsonl")
        arguments = ["replay", stage(spec, inputs), "--trace", stage(shard, inputs), "--summary-json", summary]
        arguments += ["--decisions", shard_decisions] if decisions else []
        require_success(edgeproof(binary, arguments, inputs))
        summary_url = join(work, "summaries", stem + ".summary.json")
        copy(summary, summary_url)
        if not decisions:
            return summary_url, None
        decisions_url = join(work, "decisions", stem + ".decisions.jsonl")
        copy(shard_decisions, decisions_url)
        return summary_url, decisions_url


def merge_task(binary: str, spec: str, replays: Sequence[tuple[str, Optional[str]]], output_format: str,
               report: Optional[str], decisions: Optional[str], stdout: Optional[str]) -> MergeResult:
    """Merge the shard summaries (and decisions) into the result of one replay; upload what it wrote.

    The merge's own exit code is returned, not raised: it is the result of the whole replay.
    """
    with tempfile.TemporaryDirectory(prefix="edgeproof-merge-") as directory:
        inputs, written = os.path.join(directory, "in"), os.path.join(directory, "out")
        os.makedirs(inputs)
        os.makedirs(written)
        arguments = ["merge", *(stage(summary, inputs) for summary, _ in replays), "--spec", stage(spec, inputs),
                     "--format", output_format]
        outputs = {}  # destination URL -> local file
        if report:
            # The report keeps its file name, in a directory of its own: the extension chooses HTML or JSON.
            os.makedirs(os.path.join(written, "report"))
            outputs[report] = os.path.join(written, "report", report.rsplit("/", 1)[-1])
            arguments += ["--report", outputs[report]]
        if decisions:
            outputs[decisions] = os.path.join(written, "decisions.jsonl")
            arguments += ["--shard-decisions", *(stage(shard, inputs) for _, shard in replays),
                          "--decisions", outputs[decisions]]
        result = edgeproof(binary, arguments, inputs)
        if stdout:
            outputs[stdout] = os.path.join(written, "stdout")
            with open(outputs[stdout], "wb") as writer:
                writer.write(result.stdout)
        for url, local in outputs.items():
            if os.path.exists(local):
                copy(local, url)
        return MergeResult(result.returncode, result.stdout, result.stderr)


def submit(client: Client, binary: str, spec: str, traces: Sequence[str], shards: int, work: str,
           output_format: str, report: Optional[str], decisions: Optional[str], stdout: Optional[str],
           gzip: bool, trace_format: Optional[str], max_errors: Optional[int]) -> MergeResult:
    """Submit the partition -> N replays -> merge graph to `client` and wait for the merge's result."""
    if __name__ != "__main__":
        # Imported, this module's functions are sent by reference: the scheduler and workers need the file.
        client.upload_file(__file__, load=False)
    partition = client.submit(partition_task, binary, traces, shards, work, gzip, trace_format, max_errors,
                              pure=False)
    replays = [client.submit(replay_task, binary, spec, partition, index, work, decisions is not None, pure=False)
               for index in range(shards)]
    merge = client.submit(merge_task, binary, spec, replays, output_format, report, decisions, stdout, pure=False)
    return merge.result()


def run(spec: str, traces: Sequence[str], shards: int, work: str, *, client: Optional[Client] = None,
        scheduler: Optional[str] = None, local_workers: int = 2, binary: str = "edgeproof",
        output_format: str = "text", report: Optional[str] = None, decisions: Optional[str] = None,
        stdout: Optional[str] = None, gzip: bool = False, trace_format: Optional[str] = None,
        max_errors: Optional[int] = None) -> MergeResult:
    """Replay `traces` through `spec` in `shards` shards on Dask; return the merge's result.

    Uses `client` when given, else connects to `scheduler`, else starts a LocalCluster of `local_workers`
    single-threaded processes for the run. Raises StepFailed (or the task's exception) when a step cannot run.
    """
    outputs = [url and absolute(url) for url in (report, decisions, stdout)]
    if os.sep in binary:
        binary = os.path.abspath(binary)  # tasks run in their own directories
    arguments = (binary, absolute(spec), [absolute(trace) for trace in traces], shards, absolute(work),
                 output_format, *outputs, gzip, trace_format, max_errors)
    if client is not None:
        return submit(client, *arguments)
    if scheduler:
        with Client(scheduler) as remote:
            return submit(remote, *arguments)
    # The workers' own log of a failed task is silenced: main() prints the error once.
    with LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as local:
        return submit(local, *arguments)


def parse_arguments(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", metavar="SPEC", help="the spec (path or URL)")
    parser.add_argument("traces", nargs="+", metavar="TRACE", help="the traces (paths or URLs), merged by timestamp")
    parser.add_argument("--shards", type=int, required=True, metavar="N",
                        help="number of shards replayed in parallel")
    parser.add_argument("--work", required=True, metavar="URL",
                        help="directory or URL for shards, summaries and shard decisions")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--local-workers", type=int, default=2, metavar="N",
                        help="processes of the LocalCluster (default 2)")
    parser.add_argument("--edgeproof", default="edgeproof", metavar="PATH",
                        help="the edgeproof binary on the workers (default: edgeproof on their PATH)")
    parser.add_argument("--format", default="text", choices=["text", "json", "github", "markdown"],
                        help="the result on standard output, as `edgeproof replay --format`")
    parser.add_argument("--report", metavar="URL",
                        help="write the report here (HTML when it ends in .html, JSON otherwise)")
    parser.add_argument("--decisions", metavar="URL", help="write the decisions here, one JSON object per record")
    parser.add_argument("--stdout", metavar="URL", help="also write the result printed on standard output here")
    parser.add_argument("--gzip", action="store_true", help="gzip the shard files")
    parser.add_argument("--trace-format", choices=["auto", "native", "logpush", "combined"],
                        help="passed to partition (default: auto)")
    parser.add_argument("--max-errors", type=int, metavar="N",
                        help="stop after this many malformed lines (default: edgeproof's, 100)")
    arguments = parser.parse_args(argv)
    if arguments.shards < 1 or arguments.local_workers < 1:
        parser.error("--shards and --local-workers must be at least 1")
    return arguments


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the merge's exit code, or 2 when a step could not run."""
    arguments = parse_arguments(argv)
    try:
        result = run(arguments.spec, arguments.traces, arguments.shards, arguments.work,
                     scheduler=arguments.scheduler, local_workers=arguments.local_workers,
                     binary=arguments.edgeproof, output_format=arguments.format, report=arguments.report,
                     decisions=arguments.decisions, stdout=arguments.stdout, gzip=arguments.gzip,
                     trace_format=arguments.trace_format, max_errors=arguments.max_errors)
    except Exception as error:  # a failed step, an unreachable scheduler or storage: nothing was merged
        print(f"edgeproof_dask: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    sys.stderr.buffer.write(result.stderr)
    sys.stdout.buffer.write(result.stdout)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
