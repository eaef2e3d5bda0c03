"""``kill -9`` of ``dentry-cli`` mid-transfer, then the same command again: it finishes, moving little twice.

The CLI runs with its default settings (16 MiB thresholds, 8 MiB parts, streams and parts in
flight as many as pay, 4 MiB checkpoints), so the large cases use 80 MiB files; the service runs
in a process of its own with a per-connection throttle so that a transfer lasts a few seconds and
several streams pay (the download is split while it runs).
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.api import StorageClient
from app.transfers.context import CHUNK, Settings
from app.transfers.upload import part_size_for
from tests.support.local_service import service_process
from tests.transfers.helpers import (
    MIB,
    ROOT,
    cli_command,
    cli_env,
    cli_journal,
    journal_rows,
    make_client,
    remote_sha256,
    sha256_file,
    upload_path,
    wait_until,
    write_file,
)

THROTTLE = 8_000_000  # bytes per second per connection
DEFAULTS = Settings()
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def faults_off() -> None:
    """This module's service is a subprocess with fixed faults (overrides the in-process one)."""


@dataclass
class Service:
    url: str
    client: StorageClient


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    data_dir = tmp_path_factory.mktemp("service")
    with service_process(data_dir, "--fault-throttle", str(THROTTLE)) as url:
        yield Service(url, make_client(url))


@dataclass
class Snapshot:
    """What a stopped CLI process had done: bytes it wrote, and its journal."""

    written: int
    jobs: list[dict[str, Any]]
    parts: list[dict[str, Any]]


def _written(pid: int) -> int:
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"])


def _start(url: str, home: Path, *args: str) -> subprocess.Popen[bytes]:
    log = home / f"run-{time.monotonic_ns()}.log"
    home.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        return subprocess.Popen(
            cli_command(url, *args), env=cli_env(home), cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )


def _kill_when(process: subprocess.Popen[bytes], home: Path, ready: Any) -> Snapshot:
    """Wait for `ready(jobs, parts)`, freeze the process, note what it did, and kill -9 it."""

    def check() -> bool:
        assert process.poll() is None, "the transfer ended before it could be killed"
        return bool(ready(*journal_rows(cli_journal(home))))

    wait_until(check, timeout=60, step=0.02)
    os.kill(process.pid, signal.SIGSTOP)
    written = _written(process.pid)
    jobs, parts = journal_rows(cli_journal(home))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    return Snapshot(written, jobs, parts)


def _run_again(url: str, home: Path, *args: str) -> dict[str, Any]:
    result = subprocess.run(
        cli_command(url, *args, "--json"),
        env=cli_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    summary: dict[str, Any] = json.loads(result.stdout)
    (job,) = summary["jobs"]
    assert job["state"] == "done", job
    return {**job, "stderr": result.stderr}


def test_killed_segmented_download_resumes(service: Service, tmp_path: Path) -> None:
    size = 80 * MIB
    source = tmp_path / "big.bin"
    digest = write_file(source, size, 80)
    space_id = service.client.add_space("t").id
    upload_path(service.client, space_id, source, "big.bin", part_size=4 * MIB)
    home, target = tmp_path / "home", tmp_path / "down" / "big.bin"
    target.parent.mkdir()
    args = ("get", f"{space_id}:/big.bin", str(target))

    def split_and_going(jobs: list[dict[str, Any]], parts: list[dict[str, Any]]) -> bool:
        # Kill once streams were added (ranges split off) and each of three ranges made progress.
        return bool(jobs) and jobs[0]["bytes_done"] >= 16 * MIB and sum(1 for p in parts if p["done"]) >= 3

    first = _start(service.url, home, *args)
    killed = _kill_when(first, home, split_and_going)
    (job,) = killed.jobs
    recorded = job["bytes_done"]
    assert job["state"] == "running"  # as the kill left it
    assert recorded < size
    assert sum(part["done"] for part in killed.parts) == recorded
    # The ranges cover the file, each once, and none is recorded past its end.
    ranges = sorted((part["start"], part["length"], part["done"]) for part in killed.parts)
    assert ranges[0][0] == 0
    assert all(a[0] + a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert ranges[-1][0] + ranges[-1][1] == size
    assert all(0 <= done <= length for _, length, done in ranges)
    assert not target.exists()
    partial = target.with_name(f".big.bin.dentry-{job['id']}.part")
    assert job["partial"] == str(partial)
    assert partial.stat().st_size == size  # the full size from the start (sparse)

    again = _run_again(service.url, home, *args)
    assert "Continuing big.bin" in again["stderr"]
    assert again["moved"] == size - recorded
    assert sha256_file(target) == digest
    assert not partial.exists()
    # Bytes fetched twice: what the killed run had written but not yet recorded in the journal.
    twice = killed.written + again["moved"] - size
    assert twice <= len(killed.parts) * (DEFAULTS.checkpoint_bytes + CHUNK), twice


def test_killed_single_stream_download_resumes(service: Service, tmp_path: Path) -> None:
    size = 24 * MIB
    source = tmp_path / "mid.bin"
    digest = write_file(source, size, 24)
    space_id = service.client.add_space("t").id
    upload_path(service.client, space_id, source, "mid.bin", part_size=4 * MIB)
    home, target = tmp_path / "home", tmp_path / "down" / "mid.bin"
    target.parent.mkdir()
    partial = tmp_path / "down" / ".mid.bin.dentry-1.part"  # the first job of this journal
    args = ("get", f"{space_id}:/mid.bin", str(target), "--segments", "1")

    first = _start(service.url, home, *args)
    _kill_when(first, home, lambda *_: partial.exists() and partial.stat().st_size >= 8 * MIB)
    kept = partial.stat().st_size
    assert not target.exists()

    again = _run_again(service.url, home, *args)
    assert again["moved"] == size - kept  # exactly: the partial file's length is the progress
    assert sha256_file(target) == digest


def test_killed_multipart_upload_resumes(service: Service, tmp_path: Path) -> None:
    size = 80 * MIB
    source = tmp_path / "up.bin"
    digest = write_file(source, size, 81)
    space_id = service.client.add_space("t").id
    home = tmp_path / "home"
    args = ("put", str(source), f"{space_id}:/")

    def parts_done(jobs: list[dict[str, Any]], parts: list[dict[str, Any]]) -> bool:
        # Kill once three parts are in (more are in flight by then: they pay under the throttle).
        return bool(jobs) and sum(1 for part in parts if part["done"]) >= 3

    first = _start(service.url, home, *args)
    killed = _kill_when(first, home, parts_done)
    (job,) = killed.jobs
    done_parts = [part for part in killed.parts if part["done"]]
    recorded = sum(part["length"] for part in done_parts)
    assert job["upload_key"]
    assert job["bytes_done"] == recorded
    assert 0 < recorded < size
    assert len(killed.parts) == -(-size // part_size_for(size, DEFAULTS.part_size))

    again = _run_again(service.url, home, *args)
    assert again["moved"] == size - recorded  # the parts the service had are not sent again
    # At most the parts that were in flight were lost.
    assert size - recorded - again["moved"] <= DEFAULTS.max_streams * DEFAULTS.part_size
    dentry = service.client.get_dentry(space_id, again["result"])
    assert (dentry.name, dentry.size) == ("up.bin", size)
    assert remote_sha256(service.client, space_id, dentry.id, size) == digest
