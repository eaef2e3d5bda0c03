"""Benchmark: ``dentry-cli get``/``put`` against curl on the same signed URLs, over loopback.

Run by hand (not collected by pytest)::

    .venv/bin/python tests/bench/bench_transfers.py [--size-mib 1024] [--small-files 1000]

The local service runs as a subprocess. For each direction the same file goes through
``dentry-cli`` and through curl (download: the signed GET from GetFileDownloadInfo with its
headers; upload: ``curl -T`` to the signed PUT from GetFileUploadInfo). Both write to or read
from the same disk. Reported per run: wall time (process start to exit), the transfer's own time
(curl's ``time_total``; the CLI's ``seconds`` from ``--json``, i.e. without Python start-up and
path resolution), throughput on the transfer time, its ratio to curl, and the CLI's peak RSS
(``/usr/bin/time -v``, else VmHWM polled from /proc). Then 1,000 small files: ``dentry-cli put``
of a folder against a bare sequential Python loop making the same three calls per file
(upload info, PUT, commit) with requests, and ``dentry-cli get`` of that folder against a bare
loop listing it and making two calls per file (download info, GET) into files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.api import StorageClient  # noqa: E402
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID  # noqa: E402
from tests.support.local_service import cli_env, start_service, stop_service  # noqa: E402

MIB = 1024 * 1024
BLOCK = 8 * MIB
GOALS = {"get --segments 1": 0.9, "get --segments 4": 1.0, "put": 0.9}
RSS_GOAL_MB = 150


@dataclass
class Result:
    """One measured run."""

    label: str
    wall: float
    seconds: float
    size: int
    rss_mb: float | None = None

    @property
    def rate(self) -> float:
        """MiB/s over the transfer time."""
        return self.size / MIB / self.seconds if self.seconds else 0.0


def make_file(path: Path, size: int) -> None:
    """`size` random bytes (8 MiB of randomness repeated with a counter, so nothing compresses)."""
    block = bytearray(os.urandom(BLOCK))
    with path.open("wb") as out:
        for number, offset in enumerate(range(0, size, BLOCK)):
            block[:8] = number.to_bytes(8, "little")
            out.write(block[: min(BLOCK, size - offset)])


def run_cli(url: str, home: Path, label: str, size: int, *args: str) -> Result:
    """Run dentry-cli with --json under /usr/bin/time -v (or poll VmHWM); check every job is done."""
    command = [
        sys.executable,
        "-m",
        "app.cli",
        "--endpoint",
        url,
        "--app-key",
        DEFAULT_APP_KEY,
        "--union-id",
        DEFAULT_UNION_ID,
        *args,
        "--json",
    ]
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if timer:
        command = [timer, "-v", *command]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        env=cli_env(home, home / "keyring.json", DEFAULT_APP_SECRET),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_kb = 0
    if not timer:
        while process.poll() is None:
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
                peak_kb = max(peak_kb, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))  # type: ignore[union-attr]
            except (OSError, AttributeError):
                pass
            time.sleep(0.05)
    stdout, stderr = process.communicate()
    wall = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"dentry-cli {' '.join(args)} failed:\n{stderr}")
    if timer:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        peak_kb = int(match.group(1)) if match else 0
    summary = json.loads(stdout)
    states = {job["state"] for job in summary["jobs"]}
    if states != {"done"}:
        raise SystemExit(f"dentry-cli {' '.join(args)}: jobs ended {states}")
    return Result(label, wall, float(summary["seconds"]), size, peak_kb / 1024 if peak_kb else None)


def header_args(headers: dict[str, str]) -> list[str]:
    """curl -H options for signed headers."""
    out: list[str] = []
    for name, value in headers.items():
        out += ["-H", f"{name}: {value}"]
    return out


def run_curl(label: str, size: int, args: list[str]) -> Result:
    """Run curl; its own time_total is the transfer time."""
    started = time.monotonic()
    result = subprocess.run(
        ["curl", "-sS", "--fail", "-w", "%{time_total}", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - started
    return Result(label, wall, float(result.stdout.strip().splitlines()[-1]), size)


def bare_loop(client: StorageClient, space_id: str, parent_id: str, files: list[Path]) -> float:
    """The three calls per file, one file after another: GetFileUploadInfo, PUT, CommitFile."""
    session = requests.Session()
    started = time.monotonic()
    for path in files:
        body = path.read_bytes()
        info = client.get_upload_info(space_id, parent_id, path.name, len(body))
        response = session.put(info.signed.url, data=body, headers=info.signed.headers, timeout=60)
        response.raise_for_status()
        client.commit_file(space_id, parent_id, info.upload_key, path.name, len(body))
    return time.monotonic() - started


def bare_download_loop(client: StorageClient, space_id: str, folder_id: str, target: Path) -> float:
    """List the folder page by page, then per file GetFileDownloadInfo and the GET, into a file."""
    session = requests.Session()
    target.mkdir()
    started = time.monotonic()
    for dentry in list(client.iter_dentries(space_id, folder_id)):
        signed = client.get_download_info(space_id, dentry.id)
        response = session.get(signed.url, headers=signed.headers, timeout=60)
        response.raise_for_status()
        (target / dentry.name).write_bytes(response.content)
    return time.monotonic() - started


def small_row(label: str, seconds: float, count: int, reference: float | None = None) -> None:
    """One line of the small-files table; the ratio is files per second against `reference`'s."""
    ratio = "" if reference is None else f"{reference / seconds:6.2f}"
    print(f"{label:<28} {seconds:8.2f} {count / seconds:8.1f} {ratio:>6}")


def median(results: list[Result]) -> Result:
    """The run with the median transfer time."""
    return sorted(results, key=lambda result: result.seconds)[len(results) // 2]


def main() -> int:
    """Run every measurement once and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mib", type=int, default=1024, help="size of the large file (default 1024)")
    parser.add_argument("--small-files", type=int, default=1000, help="number of 1 KiB files (default 1000)")
    parser.add_argument("--work-dir", type=Path, help="where to put files (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs per measurement (default 3)")
    args = parser.parse_args()
    if shutil.which("curl") is None:
        raise SystemExit("curl is needed")
    size = args.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="bench-transfers-", dir=args.work_dir))
    process, url = start_service(work / "service")
    try:
        client = StorageClient(url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
        space_id = client.add_space("bench").id
        source = work / "big.bin"
        make_file(source, size)
        home = work / "home"
        results: list[tuple[Result, Result | None]] = []
        down = work / "down"
        down.mkdir()
        puts, curl_puts, curl_gets = [], [], []
        gets: dict[int, list[Result]] = {1: [], 4: []}
        # Interleaved runs, each after a sync: the disk's writeback of one run must not land on
        # the next one, and both sides see the same machine state.
        for run in range(args.runs):
            os.sync()
            puts.append(run_cli(url, home, "put", size, "put", str(source), f"{space_id}:/"))
            info = client.get_upload_info(space_id, "0", f"curl{run}.bin", size)
            os.sync()
            curl_puts.append(
                run_curl(
                    "curl -T",
                    size,
                    [
                        "-o",
                        "/dev/null",
                        "-T",
                        str(source),
                        *header_args(info.signed.headers),
                        info.signed.url,
                    ],
                )
            )
            client.commit_file(space_id, "0", info.upload_key, f"curl{run}.bin", size)
            dentry_id = next(d.id for d in client.iter_dentries(space_id, "0") if d.name == "big.bin")
            signed = client.get_download_info(space_id, dentry_id)
            os.sync()
            curl_gets.append(
                run_curl(
                    "curl", size, ["-o", str(down / "curl.bin"), *header_args(signed.headers), signed.url]
                )
            )
            (down / "curl.bin").unlink()
            for segments in (1, 4):
                label = f"get --segments {segments}"
                target = down / f"s{segments}.bin"
                os.sync()
                got = run_cli(
                    url,
                    home,
                    label,
                    size,
                    "get",
                    f"{space_id}:/big.bin",
                    str(target),
                    "--segments",
                    str(segments),
                    "--conflict",
                    "overwrite",
                )
                if target.stat().st_size != size:
                    raise SystemExit(f"{label}: wrong size {target.stat().st_size}")
                target.unlink()
                gets[segments].append(got)
        curl_get, curl_put = median(curl_gets), median(curl_puts)
        results = [(median(gets[1]), curl_get), (median(gets[4]), curl_get), (median(puts), curl_put)]

        # Small files.
        folder = work / "small"
        folder.mkdir()
        files = []
        for number in range(args.small_files):
            path = folder / f"f{number:05}.txt"
            path.write_bytes(os.urandom(1024))
            files.append(path)
        small = run_cli(
            url, home, "put small files", args.small_files * 1024, "put", str(folder), f"{space_id}:/"
        )
        bare_parent = client.add_folder(space_id, "0", "bare").id
        bare_seconds = bare_loop(client, space_id, bare_parent, files)
        small_gets, bare_gets = [], []
        for run in range(args.runs):  # interleaved, each into a folder of its own
            os.sync()
            into = down / f"run{run}"
            into.mkdir()
            small_gets.append(
                run_cli(
                    url,
                    home,
                    "get small files",
                    args.small_files * 1024,
                    "get",
                    f"{space_id}:/small",
                    str(into),
                )
            )
            if len(list((into / "small").iterdir())) != args.small_files:
                raise SystemExit("get small files: files missing")
            os.sync()
            bare_gets.append(bare_download_loop(client, space_id, bare_parent, down / f"bare{run}"))
        small_get = median(small_gets)
        bare_get_seconds = sorted(bare_gets)[len(bare_gets) // 2]
    finally:
        stop_service(process)
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"\nLarge file: {args.size_mib} MiB over loopback, local service in its own process, 2 cores,"
        f" median of {args.runs} interleaved runs"
    )
    print(
        f"{'run':<27} {'wall s':>7} {'xfer s':>7} {'MiB/s':>8} {'curl MiB/s':>10} {'ratio':>6}"
        f" {'goal':>6} {'peak RSS':>9}"
    )
    for mine, theirs in results:
        base = mine.label.split(" (")[0]
        ratio = mine.rate / theirs.rate if theirs and theirs.rate else 0.0
        goal = GOALS.get(base, 0.0)
        rss = f"{mine.rss_mb:.0f} MB" if mine.rss_mb else "-"
        print(
            f"dentry-cli {mine.label:<16} {mine.wall:7.2f} {mine.seconds:7.2f} {mine.rate:8.0f}"
            f" {theirs.rate if theirs else 0:10.0f} {ratio:6.2f} {'≥' + str(goal):>6}"
            f" {rss:>9}{'' if (mine.rss_mb or 0) <= RSS_GOAL_MB else ' (over 150 MB)'}"
        )
    print(f"curl GET: {curl_get.seconds:.2f} s; curl PUT: {curl_put.seconds:.2f} s")
    count = args.small_files
    print(f"\nSmall files: {count} x 1 KiB (put: one run; get: median of {args.runs} interleaved)")
    print(f"{'run':<28} {'seconds':>8} {'files/s':>8} {'ratio':>6}")
    small_row("dentry-cli put (xfer)", small.seconds, count, bare_seconds)
    small_row("dentry-cli put (wall)", small.wall, count)
    small_row("bare requests loop", bare_seconds, count, bare_seconds)
    print(f"dentry-cli put peak RSS: {small.rss_mb:.0f} MB" if small.rss_mb else "")
    small_row("dentry-cli get (xfer)", small_get.seconds, count, bare_get_seconds)
    small_row("dentry-cli get (wall)", small_get.wall, count)
    small_row("bare requests loop (get)", bare_get_seconds, count, bare_get_seconds)
    print(f"dentry-cli get peak RSS: {small_get.rss_mb:.0f} MB" if small_get.rss_mb else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
