"""Pause, cancel and faults while adaptive parallelism runs a download in several streams.

Each connection is throttled so that more streams pay: the engine has split the file into
ranges of its own choosing when the user (or the network) interrupts it.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from pathlib import Path

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import Job, State
from app.transfers.manager import TransferManager
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    MIB,
    Recorder,
    download_bytes,
    finish,
    sha256,
    sha256_file,
    upload_path,
    wait_until,
    write_file,
)


def _streaming(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    recorder: Recorder,
) -> tuple[TransferManager, Job, Path, str]:
    """An 8 MiB download at 1 MB/s per connection, once it runs in at least three streams."""
    source = tmp_path / "big.bin"
    digest = write_file(source, 8 * MIB, 11)
    dentry = upload_path(client, space_id, source, "big.bin")
    server.faults.throttle_bps = 1_000_000
    manager = make_manager(recorder=recorder, start=False)
    target = tmp_path / "down" / "big.bin"
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, target)
    manager.start()
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).streams >= 3, timeout=15)
    return manager, job, target, digest


def _ranges_cover(manager: TransferManager, job: Job, size: int) -> None:
    parts = sorted(manager.journal.parts(job.id), key=lambda part: part.start)
    assert len(parts) >= 3
    assert parts[0].start == 0
    assert all(a.start + a.length == b.start for a, b in itertools.pairwise(parts))
    assert parts[-1].start + parts[-1].length == size
    assert sum(part.done for part in parts) == manager.journal.get(job.id).bytes_done


def test_pause_keeps_every_range_and_resume_fetches_only_the_rest(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    manager, job, target, digest = _streaming(client, server, space_id, make_manager, tmp_path, recorder)
    manager.pause(job.id)
    wait_until(lambda: recorder.last_state(job.id) == State.PAUSED, timeout=5)
    kept = manager.journal.get(job.id).bytes_done
    assert 0 < kept < 8 * MIB
    assert recorder.moved(job.id) == kept  # every byte the streams wrote is recorded, in its range
    _ranges_cover(manager, job, 8 * MIB)
    time.sleep(0.3)
    assert manager.journal.get(job.id).bytes_done == kept  # nothing runs while paused
    assert not target.exists()
    server.faults.throttle_bps = None
    manager.resume(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert sha256_file(target) == digest
    assert recorder.moved(job.id) == 8 * MIB - kept  # what was kept is not fetched again


def test_cancel_drops_the_ranges_and_the_partial(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    manager, job, target, _digest = _streaming(client, server, space_id, make_manager, tmp_path, recorder)
    manager.cancel(job.id)
    (cancelled,) = finish(manager, [job], recorder=recorder)
    assert cancelled.state == State.CANCELLED
    assert manager.journal.parts(job.id) == []
    assert list((tmp_path / "down").iterdir()) == []  # no partial, no file
    assert not target.exists()


def test_cut_connections_under_several_streams_still_give_the_file(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    manager, job, target, digest = _streaming(client, server, space_id, make_manager, tmp_path, recorder)
    server.faults.drop_after_bytes = 150_000  # each range request is cut, five times
    server.faults.drop_times = 5
    (done,) = finish(manager, [job], timeout=60, recorder=recorder)
    assert done.state == State.DONE, done.error
    assert server.faults.drop_times == 0  # every cut happened
    assert sha256_file(target) == digest
    assert not list((tmp_path / "down").glob(".*.part"))


def test_an_upload_in_several_parts_at_once_survives_cut_connections(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    source = tmp_path / "up.bin"
    digest = write_file(source, 12 * MIB, 12)
    server.faults.throttle_bps = 2_000_000
    manager = make_manager(dataclasses.replace(SMALL, part_size=MIB), recorder=recorder, start=False)
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "up.bin")
    manager.start()
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).streams >= 2, timeout=15)
    server.faults.drop_after_bytes = 300_000
    server.faults.drop_times = 4
    (done,) = finish(manager, [job], timeout=60, recorder=recorder)
    assert done.state == State.DONE, done.error
    assert server.faults.drop_times == 0
    server.faults.throttle_bps = None
    server.faults.drop_after_bytes = None
    assert sha256(download_bytes(client, space_id, done.result or "")) == digest
