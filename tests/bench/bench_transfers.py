"""Benchmark: ``dentry-cli get``/``put`` with its defaults against curl and bare loops, side by side.

Run by hand (not collected by pytest; about 25 minutes with the defaults, most of it the
sequential loops of the folder rows)::

    .venv/bin/python tests/bench/bench_transfers.py [--runs 5] [--only get-idle,put-idle,...]

Three local services run as processes of their own, from the same code: one idle, one with
``--fault-throttle 20000000`` (20 MB/s per connection, as object stores and long links limit each
connection), one with ``--fault-latency 30`` (30 ms added to every answer, as a service 30 ms
away). Every measurement runs the CLI with the same defaults in every condition (no flag set per
condition, a fresh home and journal for each run) and its reference in the same run, the two
interleaved (the order alternates), at least five times; the table shows medians.

- ``get-idle``/``get-throttled``: a 512 MiB (128 MiB throttled) file to tmpfs (``--tmpfs``, so
  the disk does not hide the client's own cost) against curl on a fresh signed GET URL of the
  same file. The CLI's time is its own ``seconds`` (``--json``: from the queue's start to the
  file in place, so Python's start-up and the path lookup are not counted; the download info
  call and the final version check are); curl's is its ``time_total``.
- ``put-idle``/``put-throttled``: the same sizes read from tmpfs, against ``curl -T`` to a fresh
  signed PUT URL (GetFileUploadInfo), the commit not counted for curl.
- ``folder-get``/``folder-put``: 1,000 files of 4 KiB, with the latency, against a bare
  sequential loop of the same calls made with the client and one `requests.Session`: get lists
  the folder page by page then makes GetFileDownloadInfo and the GET per file, writing it; put
  makes the folder, then GetFileUploadInfo, the PUT and CommitFile per file. The CLI's time is its
  wall time less its start-up (the median wall time of ``dentry-cli --help``, which imports the
  same modules); listing and planning are counted on both sides.

Peak RSS of every CLI run comes from ``/usr/bin/time -v``. The load average is printed before
and after: on a busy machine the absolute figures drop, the ratios less so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.api import StorageClient  # noqa: E402
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID  # noqa: E402
from tests.support.local_service import cli_env, start_service, stop_service  # noqa: E402

MIB = 1024 * 1024
GOALS = {
    "get-idle": 0.95,
    "get-throttled": 5.0,
    "put-idle": 0.95,
    "put-throttled": 4.0,
    "folder-get": 6.0,
    "folder-put": 4.0,
}
RSS_GOAL_MB = 150


@dataclass
class Measure:
    """The runs of one row: the CLI's and its reference's seconds, and the CLI's peak RSS."""

    name: str
    reference: str
    cli: list[float] = field(default_factory=list)
    ref: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """How many times faster the CLI is than the reference (medians)."""
        return statistics.median(self.ref) / statistics.median(self.cli)


@dataclass
class Service:
    """One service process and a client of it, with a space for the benchmark."""

    process: subprocess.Popen[str]
    url: str
    client: StorageClient
    space_id: str


def start(work: Path, name: str, *options: str) -> Service:
    """A local service with these options, and a space in it."""
    process, url = start_service(work / name, *options)
    client = StorageClient(url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
    return Service(process, url, client, client.add_space("bench").id)


def make_file(path: Path, size: int) -> None:
    """`size` incompressible bytes."""
    block = bytearray(os.urandom(8 * MIB))
    with path.open("wb") as out:
        for number, offset in enumerate(range(0, size, len(block))):
            block[:8] = number.to_bytes(8, "little")
            out.write(block[: min(len(block), size - offset)])


def upload(client: StorageClient, space_id: str, parent_id: str, path: Path, name: str) -> str:
    """Put a file on the service without the CLI (parallel parts); returns its dentry id."""
    size = path.stat().st_size
    part = 64 * MIB
    if size <= part:
        info = client.get_upload_info(space_id, parent_id, name, size)
        with path.open("rb") as handle:
            requests.put(
                info.signed.url, data=handle, headers=info.signed.headers, timeout=600
            ).raise_for_status()
        key = info.upload_key
    else:
        key = client.init_multipart_upload(space_id, parent_id, name, size)
        numbers = list(range(1, -(-size // part) + 1))
        signed = client.get_multipart_upload_infos(key, numbers)
        with path.open("rb") as handle:
            for number in numbers:
                body = handle.read(part)
                sent = requests.put(
                    signed[number].url, data=body, headers=signed[number].headers, timeout=600
                )
                sent.raise_for_status()
    return client.commit_file(space_id, parent_id, key, name, size).id


def run_cli(service: Service, home: Path, *args: str) -> tuple[float, float, dict[str, object]]:
    """Run dentry-cli under /usr/bin/time -v; returns (wall seconds, peak RSS MB, its JSON summary)."""
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-m",
        "app.cli",
        "--endpoint",
        service.url,
        "--app-key",
        DEFAULT_APP_KEY,
        "--union-id",
        DEFAULT_UNION_ID,
        *args,
    ]
    shutil.rmtree(home, ignore_errors=True)  # a fresh home: a fresh journal and no preferences
    home.mkdir(parents=True)
    started = time.monotonic()
    result = subprocess.run(
        command,
        env=cli_env(home, home / "keyring.json", DEFAULT_APP_SECRET),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"dentry-cli {' '.join(args)} failed:\n{result.stderr}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    rss = int(match.group(1)) / 1024 if match else 0.0
    summary: dict[str, object] = json.loads(result.stdout) if "--json" in args else {}
    if summary:
        jobs = summary["jobs"]
        assert isinstance(jobs, list)
        states = {job["state"] for job in jobs}
        if states != {"done"}:
            raise SystemExit(f"dentry-cli {' '.join(args)}: jobs ended {states}")
    return wall, rss, summary


def curl(*args: str) -> float:
    """curl's own time_total for one transfer."""
    result = subprocess.run(
        ["curl", "-sS", "--fail", "-w", "%{time_total}", *args], check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def headers(signed_headers: dict[str, str]) -> list[str]:
    """curl -H options."""
    return [option for name, value in signed_headers.items() for option in ("-H", f"{name}: {value}")]


def interleaved(
    runs: int, measure: Measure, cli: Callable[[], tuple[float, float]], ref: Callable[[], float]
) -> None:
    """`runs` pairs, the order alternating; fills `measure`."""
    for run in range(runs):
        steps: list[Callable[[], None]] = [
            lambda: measure.ref.append(ref()),
            lambda: _cli_into(measure, cli),
        ]
        for step in steps if run % 2 == 0 else reversed(steps):
            os.sync()
            step()
        cli_seconds, ref_seconds = measure.cli[-1], measure.ref[-1]
        print(
            f"  {measure.name} run {run + 1}: cli {cli_seconds:.3f} s, reference {ref_seconds:.3f} s",
            flush=True,
        )


def _cli_into(measure: Measure, cli: Callable[[], tuple[float, float]]) -> None:
    seconds, rss = cli()
    measure.cli.append(seconds)
    measure.rss_mb.append(rss)


def bench_get(service: Service, name: str, size: int, tmpfs: Path, work: Path, runs: int) -> Measure:
    """A large file down: dentry-cli get against curl, to tmpfs."""
    source = tmpfs / f"{name}.src"
    make_file(source, size)
    dentry_id = upload(service.client, service.space_id, "0", source, f"{name}.bin")
    source.unlink()
    target = tmpfs / f"{name}.bin"
    measure = Measure(name, "curl")

    def cli() -> tuple[float, float]:
        _, rss, summary = run_cli(
            service,
            work / "home",
            "get",
            f"{service.space_id}:/{name}.bin",
            str(target),
            "--json",
            "--conflict",
            "overwrite",
        )
        if target.stat().st_size != size:
            raise SystemExit(f"{name}: wrong size")
        target.unlink()
        return float(summary["seconds"]), rss  # type: ignore[arg-type]

    def reference() -> float:
        signed = service.client.get_download_info(service.space_id, dentry_id)
        seconds = curl("-o", str(target), *headers(signed.headers), signed.url)
        target.unlink()
        return seconds

    interleaved(runs, measure, cli, reference)
    return measure


def bench_put(service: Service, name: str, size: int, tmpfs: Path, work: Path, runs: int) -> Measure:
    """A large file up: dentry-cli put against curl -T to a signed PUT URL."""
    source = tmpfs / f"{name}.bin"
    make_file(source, size)
    client, space_id = service.client, service.space_id
    measure = Measure(name, "curl -T")

    def cli() -> tuple[float, float]:
        _, rss, summary = run_cli(service, work / "home", "put", str(source), f"{space_id}:/", "--json")
        jobs = summary["jobs"]
        assert isinstance(jobs, list)
        client.delete_dentry(space_id, jobs[0]["result"], to_recycle_bin=False)
        return float(summary["seconds"]), rss  # type: ignore[arg-type]

    def reference() -> float:
        info = client.get_upload_info(space_id, "0", "curl.bin", size)
        seconds = curl("-o", "/dev/null", "-T", str(source), *headers(info.signed.headers), info.signed.url)
        dentry = client.commit_file(space_id, "0", info.upload_key, "curl.bin", size)
        client.delete_dentry(space_id, dentry.id, to_recycle_bin=False)
        return seconds

    interleaved(runs, measure, cli, reference)
    source.unlink()
    return measure


def startup_seconds(service: Service, work: Path) -> float:
    """Median wall time of ``dentry-cli --help``: the interpreter and the CLI's imports."""
    return statistics.median(run_cli(service, work / "home", "--help")[0] for _ in range(5))


def bench_folder_get(
    service: Service, count: int, file_size: int, tmpfs: Path, work: Path, runs: int
) -> Measure:
    """A folder of small files down, against a sequential loop of the same calls."""
    client, space_id = service.client, service.space_id
    folder_id = client.add_folder(space_id, "0", "small").id
    for number in range(count):  # (set-up through the same latency: a minute or so)
        info = client.get_upload_info(space_id, folder_id, f"f{number:05}.bin", file_size)
        requests.put(info.signed.url, data=os.urandom(file_size), headers=info.signed.headers, timeout=60)
        client.commit_file(space_id, folder_id, info.upload_key, f"f{number:05}.bin", file_size)
    startup = startup_seconds(service, work)
    measure = Measure("folder-get", "sequential loop")
    runs_done = [0]

    def cli() -> tuple[float, float]:
        target = tmpfs / f"cli-{runs_done[0]}"
        target.mkdir()
        wall, rss, _ = run_cli(service, work / "home", "get", f"{space_id}:/small", str(target), "--json")
        if len(list((target / "small").iterdir())) != count:
            raise SystemExit("folder-get: files missing")
        shutil.rmtree(target)
        runs_done[0] += 1
        return wall - startup, rss

    def reference() -> float:
        target = tmpfs / "bare"
        target.mkdir()
        session = requests.Session()
        started = time.monotonic()
        for dentry in list(client.iter_dentries(space_id, folder_id)):
            signed = client.get_download_info(space_id, dentry.id)
            response = session.get(signed.url, headers=signed.headers, timeout=60)
            response.raise_for_status()
            (target / dentry.name).write_bytes(response.content)
        seconds = time.monotonic() - started
        shutil.rmtree(target)
        return seconds

    interleaved(runs, measure, cli, reference)
    print(f"  (dentry-cli start-up subtracted: {startup:.3f} s)")
    return measure


def bench_folder_put(
    service: Service, count: int, file_size: int, tmpfs: Path, work: Path, runs: int
) -> Measure:
    """A folder of small files up, against a sequential loop of the same calls."""
    client, space_id = service.client, service.space_id
    source = tmpfs / "small"
    source.mkdir()
    files = []
    for number in range(count):
        path = source / f"f{number:05}.bin"
        path.write_bytes(os.urandom(file_size))
        files.append(path)
    startup = startup_seconds(service, work)
    measure = Measure("folder-put", "sequential loop")
    runs_done = [0]

    def cli() -> tuple[float, float]:
        parent = client.add_folder(space_id, "0", f"cli-{runs_done[0]}").id
        wall, rss, _ = run_cli(
            service, work / "home", "put", str(source), f"{space_id}:/cli-{runs_done[0]}", "--json"
        )
        client.delete_dentry(space_id, parent, to_recycle_bin=False)
        runs_done[0] += 1
        return wall - startup, rss

    def reference() -> float:
        session = requests.Session()
        started = time.monotonic()
        parent = client.add_folder(space_id, "0", "bare").id
        for path in files:
            body = path.read_bytes()
            info = client.get_upload_info(space_id, parent, path.name, len(body))
            session.put(
                info.signed.url, data=body, headers=info.signed.headers, timeout=60
            ).raise_for_status()
            client.commit_file(space_id, parent, info.upload_key, path.name, len(body))
        seconds = time.monotonic() - started
        client.delete_dentry(space_id, parent, to_recycle_bin=False)
        return seconds

    interleaved(runs, measure, cli, reference)
    shutil.rmtree(source)
    return measure


def load() -> str:
    """The load averages, as uptime shows them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    """Run the chosen measurements and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per measurement (default 5)")
    parser.add_argument("--big-mib", type=int, default=512, help="size on the idle service (default 512)")
    parser.add_argument(
        "--throttled-mib", type=int, default=128, help="size on the throttled one (default 128)"
    )
    parser.add_argument("--throttle", type=int, default=20_000_000, help="bytes/s per connection (20000000)")
    parser.add_argument("--latency-ms", type=float, default=30.0, help="added to every answer (default 30)")
    parser.add_argument("--files", type=int, default=1000, help="small files (default 1000)")
    parser.add_argument("--file-kib", type=int, default=4, help="size of each small file (default 4)")
    parser.add_argument(
        "--tmpfs", type=Path, default=Path("/dev/shm"), help="a tmpfs folder (default /dev/shm)"
    )
    parser.add_argument(
        "--work-dir", type=Path, help="where services keep their data (default: a temp folder)"
    )
    parser.add_argument(
        "--only", default=",".join(GOALS), help=f"comma-separated subset of {','.join(GOALS)}"
    )
    parser.add_argument("--json-out", type=Path, help="also write every run's figures here")
    args = parser.parse_args()
    chosen = args.only.split(",")
    if shutil.which("curl") is None or not Path("/usr/bin/time").exists():
        raise SystemExit("curl and /usr/bin/time are needed")
    work = Path(tempfile.mkdtemp(prefix="bench-transfers-", dir=args.work_dir))
    tmpfs = Path(tempfile.mkdtemp(prefix="bench-", dir=args.tmpfs))
    services: list[Service] = []
    measures: list[Measure] = []
    before = load()
    try:
        if {"get-idle", "put-idle"} & set(chosen):
            idle = start(work, "idle")
            services.append(idle)
            if "get-idle" in chosen:
                measures.append(bench_get(idle, "get-idle", args.big_mib * MIB, tmpfs, work, args.runs))
            if "put-idle" in chosen:
                measures.append(bench_put(idle, "put-idle", args.big_mib * MIB, tmpfs, work, args.runs))
        if {"get-throttled", "put-throttled"} & set(chosen):
            throttled = start(work, "throttled", "--fault-throttle", str(args.throttle))
            services.append(throttled)
            size = args.throttled_mib * MIB
            if "get-throttled" in chosen:
                measures.append(bench_get(throttled, "get-throttled", size, tmpfs, work, args.runs))
            if "put-throttled" in chosen:
                measures.append(bench_put(throttled, "put-throttled", size, tmpfs, work, args.runs))
        if {"folder-get", "folder-put"} & set(chosen):
            far = start(work, "far", "--fault-latency", str(args.latency_ms))
            services.append(far)
            small = args.file_kib * 1024
            if "folder-get" in chosen:
                measures.append(bench_folder_get(far, args.files, small, tmpfs, work, args.runs))
            if "folder-put" in chosen:
                measures.append(bench_folder_put(far, args.files, small, tmpfs, work, args.runs))
    finally:
        for service in services:
            stop_service(service.process)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(tmpfs, ignore_errors=True)
    print(f"\nMedians of {args.runs} interleaved runs; load average before {before}, after {load()}")
    heading = f"{'measure':<15} {'dentry-cli s':>12} {'reference s':>12} {'reference':<16}"
    print(f"{heading} {'ratio':>6} {'goal':>6} {'peak RSS':>9}")
    for measure in measures:
        goal = GOALS[measure.name]
        rss = max(measure.rss_mb)
        missed = ("" if measure.ratio >= goal else "  (goal missed)") + (
            "" if rss <= RSS_GOAL_MB else "  (RSS over 150 MB)"
        )
        mine, theirs = statistics.median(measure.cli), statistics.median(measure.ref)
        print(
            f"{measure.name:<15} {mine:12.3f} {theirs:12.3f} {measure.reference:<16}"
            f" {measure.ratio:6.2f} {'≥' + str(goal):>6} {rss:6.0f} MB{missed}"
        )
    if args.json_out:
        args.json_out.write_text(json.dumps([vars(measure) for measure in measures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
