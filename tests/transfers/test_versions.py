"""Downloads of one version of a file (``dentry-cli get --version N``): pinned to that version.

A download of "the file" starts over when the file changes; a download of version N must not:
version N's bytes stay what they are whatever versions come after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import State
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    Recorder,
    finish,
    pattern,
    sha256,
    sha256_file,
    upload_bytes,
    wait_until,
)
from tests.transfers.test_queue import throttled_download


@pytest.mark.parametrize("segments", [1, 4])
def test_an_old_version_comes_down_as_it_was(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
    segments: int,
) -> None:
    first, second = pattern(2560 * KIB, 40), pattern(1000 * KIB, 41)
    dentry = upload_bytes(client, space_id, "report.bin", first)
    upload_bytes(client, space_id, "report.bin", second, conflict="OVERWRITE")
    manager = make_manager(recorder=recorder, start=False)

    target = tmp_path / "report.bin"
    job = manager.add_download(
        ACCOUNT,
        space_id,
        dentry.id,
        dentry.name,
        target,
        version=1,
        size=len(first),
        pinned=True,
        segments=segments,
    )
    manager.start()
    (done,) = finish(manager, [job], recorder=recorder)

    assert done.state == State.DONE, done.error
    assert sha256_file(target) == sha256(first)
    assert (done.version, done.pinned) == (1, True)
    assert recorder.messages(job.id) == []


@pytest.mark.parametrize("segments", [1, 4])
def test_a_pinned_version_is_not_started_over_when_the_file_changes(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
    segments: int,
) -> None:
    old, new = pattern(2560 * KIB, 42), pattern(2560 * KIB + 5, 43)
    manager, job, target = throttled_download(
        client,
        server,
        space_id,
        make_manager,
        tmp_path,
        "v.bin",
        old,
        1_000_000,
        recorder,
        segments=segments,
        version=1,
        size=len(old),
        pinned=True,
    )
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).bytes_done >= 256 * KIB)
    manager.pause(job.id)
    wait_until(lambda: manager.journal.get(job.id).state == State.PAUSED)
    paused_at = manager.journal.get(job.id).bytes_done
    upload_bytes(client, space_id, "v.bin", new, conflict="OVERWRITE")  # version 2 while paused
    server.faults.throttle_bps = None
    manager.resume(job.id)
    wait_until(lambda: manager.journal.get(job.id).state in (State.RUNNING, State.DONE))
    upload_bytes(client, space_id, "v.bin", new[::-1], conflict="OVERWRITE")  # and 3 while it runs
    (done,) = finish(manager, [job], recorder=recorder)

    assert done.state == State.DONE, done.error
    assert sha256_file(target) == sha256(old)
    assert not any("changed on the server" in message for message in recorder.messages(job.id))
    # It went on from where it paused instead of fetching everything again.
    assert recorder.moved(job.id) <= len(old) - paused_at + segments * 64 * KIB


def test_a_pinned_download_needs_its_version_and_size(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    dentry = upload_bytes(client, space_id, "a.bin", b"a")
    manager = make_manager(start=False)
    with pytest.raises(ValueError, match="version number and size"):
        manager.add_download(
            ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "a.bin", version=1, pinned=True
        )


def test_another_version_to_the_same_target_is_another_job(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    first, second = pattern(300 * KIB, 44), pattern(200 * KIB, 45)
    dentry = upload_bytes(client, space_id, "b.bin", first)
    upload_bytes(client, space_id, "b.bin", second, conflict="OVERWRITE")
    manager = make_manager(start=False)
    target = tmp_path / "b.bin"

    pinned = manager.add_download(
        ACCOUNT, space_id, dentry.id, dentry.name, target, version=1, size=len(first), pinned=True
    )
    again = manager.add_download(
        ACCOUNT, space_id, dentry.id, dentry.name, target, version=1, size=len(first), pinned=True
    )
    current = manager.add_download(
        ACCOUNT, space_id, dentry.id, dentry.name, target, version=2, size=len(second)
    )

    assert again.id == pinned.id  # the same version again continues the same job
    assert current.id != pinned.id
    manager.start()
    done = finish(manager, [pinned, current])
    assert [job.state for job in done] == [State.DONE, State.DONE]
    results = {job.id: Path(job.result or "") for job in done}
    assert sha256_file(results[pinned.id]) == sha256(first)
    assert sha256_file(results[current.id]) == sha256(second)
