"""Helpers for the transfer-engine tests: files with known bytes, remote set-up, event recording.

Set-up talks to the local service through `StorageClient` and plain `requests`, never through the
engine under test, so a bug in the engine cannot hide itself by also breaking the set-up.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from app.accounts.model import Account
from app.api import StorageClient
from app.api.models import Dentry
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import Job, State
from app.transfers.manager import JobEvent, TransferManager
from tests.support.local_service import cli_env as support_cli_env

ROOT = Path(__file__).resolve().parents[2]
KIB = 1024
MIB = 1024 * 1024
ACCOUNT = "test"


def pattern(size: int, seed: int = 0) -> bytes:
    """`size` reproducible, incompressible bytes (different for each seed)."""
    return random.Random(seed).randbytes(size)


def write_file(path: Path, size: int, seed: int = 0) -> str:
    """Write `size` pattern bytes to `path` in slices; returns their SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    step = 8 * MIB
    with path.open("wb") as out:
        for start in range(0, size, step):
            piece = pattern(min(step, size - start), seed * 100_000 + start // step)
            digest.update(piece)
            out.write(piece)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in slices."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(4 * MIB):
            digest.update(block)
    return digest.hexdigest()


def sha256(data: bytes) -> str:
    """SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def account_on(url: str, name: str = ACCOUNT, union_id: str = DEFAULT_UNION_ID) -> Account:
    """The account of the test user (or another unionId) on the service at `url`."""
    return Account(name, url, DEFAULT_APP_KEY, union_id)


def make_client(url: str) -> StorageClient:
    """A client of the local service for the default test user."""
    return StorageClient(url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


def _put(signed_url: str, headers: dict[str, str], path: Path, start: int, length: int) -> None:
    with path.open("rb") as handle:
        handle.seek(start)
        body = handle.read(length)
    response = requests.put(signed_url, data=body, headers=headers, timeout=120)
    assert response.status_code == 200, response.text


def upload_path(
    client: StorageClient,
    space_id: str,
    source: Path,
    name: str,
    *,
    parent_id: str = "0",
    conflict: str = "AUTO_RENAME",
    part_size: int = 16 * MIB,
) -> Dentry:
    """Upload a file without the engine: one PUT when small, parallel parts when large."""
    size = source.stat().st_size
    if size <= part_size:
        info = client.get_upload_info(space_id, parent_id, name, size)
        _put(info.signed.url, info.signed.headers, source, 0, size)
        upload_key = info.upload_key
    else:
        upload_key = client.init_multipart_upload(space_id, parent_id, name, size)
        starts = list(range(0, size, part_size))
        numbers = list(range(1, len(starts) + 1))
        signed = client.get_multipart_upload_infos(upload_key, numbers)
        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [
                pool.submit(
                    _put,
                    signed[n].url,
                    signed[n].headers,
                    source,
                    start,
                    min(part_size, size - start),
                )
                for n, start in zip(numbers, starts, strict=True)
            ]
            for future in futures:
                future.result()
    return client.commit_file(space_id, parent_id, upload_key, name, size, conflict=conflict)


def upload_bytes(
    client: StorageClient,
    space_id: str,
    name: str,
    data: bytes,
    *,
    parent_id: str = "0",
    conflict: str = "AUTO_RENAME",
) -> Dentry:
    """Upload bytes with one signed PUT, without the engine."""
    info = client.get_upload_info(space_id, parent_id, name, len(data))
    response = requests.put(info.signed.url, data=data, headers=info.signed.headers, timeout=60)
    assert response.status_code == 200, response.text
    return client.commit_file(space_id, parent_id, info.upload_key, name, len(data), conflict=conflict)


def download_bytes(client: StorageClient, space_id: str, dentry_id: str) -> bytes:
    """The current content of a remote file, without the engine."""
    signed = client.get_download_info(space_id, dentry_id)
    response = requests.get(signed.url, headers=signed.headers, timeout=60)
    assert response.status_code == 200, response.text
    return response.content


def remote_sha256(
    client: StorageClient, space_id: str, dentry_id: str, size: int, connections: int = 8
) -> str:
    """SHA-256 of a remote file fetched in parallel ranges (quick through a per-connection throttle)."""
    signed = client.get_download_info(space_id, dentry_id)
    step = -(-size // connections) if size else 1

    def fetch(start: int) -> bytes:
        end = min(size, start + step) - 1
        headers = {**signed.headers, "Range": f"bytes={start}-{end}"}
        response = requests.get(signed.url, headers=headers, timeout=120)
        assert response.status_code == 206, response.text
        return response.content

    digest = hashlib.sha256()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        for piece in pool.map(fetch, range(0, size, step)):
            digest.update(piece)
    return digest.hexdigest()


def children(client: StorageClient, space_id: str, parent_id: str = "0") -> dict[str, Dentry]:
    """The entries of a remote folder by name."""
    return {dentry.name: dentry for dentry in client.iter_dentries(space_id, parent_id)}


def remote_tree(
    client: StorageClient, space_id: str, parent_id: str = "0", prefix: str = ""
) -> dict[str, Any]:
    """Every path under a remote folder: folders end with "/", files map to their size."""
    tree: dict[str, Any] = {}
    for name, dentry in children(client, space_id, parent_id).items():
        if dentry.is_folder:
            tree[f"{prefix}{name}/"] = None
            tree.update(remote_tree(client, space_id, dentry.id, f"{prefix}{name}/"))
        else:
            tree[f"{prefix}{name}"] = dentry.size
    return tree


@dataclass
class Recorder:
    """Collects a manager's events (from its worker threads) for later assertions."""

    events: list[tuple[float, JobEvent]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, event: JobEvent) -> None:
        with self.lock:
            self.events.append((time.monotonic(), event))

    def of(self, job_id: int) -> list[tuple[float, JobEvent]]:
        """Events of one job, with their arrival times."""
        with self.lock:
            return [(at, event) for at, event in self.events if event.job.id == job_id]

    def states(self, job_id: int) -> list[State]:
        """The job's states in event order, repeats collapsed."""
        seen: list[State] = []
        for _, event in self.of(job_id):
            if not seen or seen[-1] != event.job.state:
                seen.append(event.job.state)
        return seen

    def messages(self, job_id: int) -> list[str]:
        """Notes the engine told the user about a job."""
        return [event.message for _, event in self.of(job_id) if event.message]

    def last_state(self, job_id: int) -> State | None:
        """The state the job's latest event carried."""
        events = self.of(job_id)
        return events[-1][1].job.state if events else None

    def moved(self, job_id: int) -> int:
        """Bytes the job's latest run actually moved (as its last event says)."""
        events = self.of(job_id)
        return events[-1][1].progress.moved if events else 0


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, step: float = 0.01) -> None:
    """Poll until `condition()` holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        time.sleep(step)


def finish(
    manager: TransferManager, jobs: list[Job], timeout: float = 30.0, recorder: Recorder | None = None
) -> list[Job]:
    """Wait for the jobs to end and return them as the journal has them now.

    The journal says "finished" a moment before the last event is delivered; with a `recorder`,
    wait for that event too.
    """
    assert manager.wait([job.id for job in jobs], timeout=timeout), [
        manager.journal.get(job.id) for job in jobs
    ]
    final = [manager.journal.get(job.id) for job in jobs]
    if recorder is not None:
        wait_until(lambda: all(recorder.last_state(job.id) == job.state for job in final), timeout=5)
    return final


# --------------------------------------------------------------------------- subprocesses


def all_faults_off(server: LocalServer) -> None:
    """Turn every fault knob of the service off (drops, 503s, throttle)."""
    faults = server.faults
    faults.drop_after_bytes, faults.drop_times, faults.error_rate, faults.throttle_bps = None, None, 0.0, None


def cli_env(home: Path) -> dict[str, str]:
    """Environment for `dentry-cli` with an isolated home and the secret in the environment."""
    return support_cli_env(home, home / "keyring.json", DEFAULT_APP_SECRET)


def cli_command(url: str, *args: str) -> list[str]:
    """The `dentry-cli` command line naming the service at `url`."""
    return [
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
    ]


def run_cli_at(url: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `dentry-cli` on the service at `url` with an isolated `home`, to its end; text output."""
    return subprocess.run(
        cli_command(url, *args),
        env=cli_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def cli_journal(home: Path) -> Path:
    """Where `dentry-cli` keeps its transfer journal under an isolated home."""
    return home / ".local" / "share" / "dentry" / "transfers.sqlite3"


def journal_rows(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(jobs, parts) read from a journal another process writes to (empty while it has none)."""
    if not path.exists():
        return [], []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            conn.row_factory = sqlite3.Row
            jobs = [dict(row) for row in conn.execute("SELECT * FROM jobs ORDER BY id")]
            parts = [dict(row) for row in conn.execute("SELECT * FROM parts ORDER BY job_id, number")]
    except sqlite3.OperationalError:  # not created yet
        return [], []
    return jobs, parts
