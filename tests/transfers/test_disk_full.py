"""A download onto a full disk fails clearly, keeps its journal entry, and completes once space is freed."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import State
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    MIB,
    ROOT,
    Recorder,
    cli_command,
    cli_env,
    cli_journal,
    finish,
    journal_rows,
    sha256_file,
    upload_path,
    write_file,
)

DISK_SIZE = 4 * MIB


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of this test's own (needs root and mount rights; skipped otherwise)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(folder)],
        check=False,
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("segments", [1, 4])
def test_disk_full_fails_clearly_and_retry_completes_after_freeing_space(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
    small_disk: Path,
    segments: int,
) -> None:
    source = tmp_path / "big.bin"
    digest = write_file(source, 3 * MIB, segments)
    dentry = upload_path(client, space_id, source, "big.bin")
    filler = small_disk / "filler"
    write_file(filler, 2 * MIB)  # leaves ~2 MiB free: not enough for 3 MiB
    target = small_disk / "big.bin"
    manager = make_manager(recorder=recorder, start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, target, segments=segments)
    manager.start()

    (failed,) = finish(manager, [job], recorder=recorder)
    assert failed.state == State.FAILED
    assert "disk is full" in (failed.error or ""), failed.error
    assert "free some space" in (failed.error or "")
    assert not target.exists()
    partial = small_disk / f".big.bin.dentry-{job.id}.part"
    assert sorted(os.listdir(small_disk)) in (["filler"], [partial.name, "filler"])
    # The journal still knows the job and how far it got.
    row = manager.journal.get(job.id)
    assert (row.kind, row.remote_id, row.local_path) == ("download", dentry.id, str(target))
    if segments == 1:
        assert row.bytes_done == partial.stat().st_size > MIB
    kept = row.bytes_done

    filler.unlink()
    manager.retry(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert sha256_file(target) == digest
    assert not partial.exists()
    if segments == 1:
        assert recorder.moved(job.id) == 3 * MIB - kept  # continued, not restarted


def test_dentry_cli_get_onto_a_full_disk_says_so_once_and_continues_after_space_is_freed(
    client: StorageClient, server: LocalServer, space_id: str, tmp_path: Path, small_disk: Path
) -> None:
    source = tmp_path / "big.bin"
    digest = write_file(source, 3 * MIB, 3)
    upload_path(client, space_id, source, "big.bin")
    filler = small_disk / "filler"
    write_file(filler, 2 * MIB)
    home, target = tmp_path / "home", small_disk / "big.bin"

    def get(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cli_command(server.url, "get", f"{space_id}:/big.bin", str(target), *options),
            env=cli_env(home),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    started = time.monotonic()
    full = get()
    assert time.monotonic() - started < 20  # not retried
    assert full.returncode == 1
    assert full.stderr.splitlines() == [
        f"dentry-cli: big.bin: The disk is full; free some space on the drive of {small_disk} and retry"
    ]
    (job,) = journal_rows(cli_journal(home))[0]
    assert (job["state"], job["attempts"]) == ("failed", 1)
    kept = job["bytes_done"]
    assert kept > MIB
    assert Path(job["partial"]).stat().st_size == kept  # the partial stays, to continue from

    filler.unlink()
    again = get("--json")
    assert again.returncode == 0, again.stderr
    assert "Continuing big.bin from" in again.stderr
    (summary,) = json.loads(again.stdout)["jobs"]
    assert (summary["state"], summary["moved"]) == ("done", 3 * MIB - kept)
    assert sha256_file(target) == digest
    assert sorted(os.listdir(small_disk)) == ["big.bin"]
