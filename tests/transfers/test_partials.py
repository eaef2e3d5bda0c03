"""A download writes only into a partial file it made and recorded; every other file is left alone.

Issue 8, item 2: a user's own ``report.bin.part`` beside the target used to be appended to (or
truncated) and presented as the download.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import State
from app.transfers.names import partial_path
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    ROOT,
    Recorder,
    cli_command,
    cli_env,
    finish,
    pattern,
    upload_bytes,
    wait_until,
)

USERS_BYTES = {"shorter": b"my own notes, not a download\n", "longer": pattern(2 * MIB + 4000, 99)}


@pytest.mark.parametrize("users", list(USERS_BYTES))
@pytest.mark.parametrize(("size", "segments"), [(300 * KIB, 1), (2 * MIB, 4)])
def test_a_users_part_file_beside_the_target_is_never_touched(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    users: str,
    size: int,
    segments: int,
) -> None:
    data = pattern(size, 5)
    dentry = upload_bytes(client, space_id, "report.bin", data)
    folder = tmp_path / "down"
    folder.mkdir()
    theirs = {"report.bin.part": USERS_BYTES[users], ".report.bin.dentry-1.part": b"another tool's"}
    for name, content in theirs.items():
        (folder / name).write_bytes(content)
    manager = make_manager()
    job = manager.add_download(
        ACCOUNT, space_id, dentry.id, "report.bin", folder / "report.bin", segments=segments
    )
    assert job.id == 1  # so that the second file above has the very name Dentry would pick first
    (done,) = finish(manager, [job])
    assert done.state == State.DONE, done.error
    assert (folder / "report.bin").read_bytes() == data
    assert {name: (folder / name).read_bytes() for name in theirs} == theirs
    assert sorted(os.listdir(folder)) == sorted([*theirs, "report.bin"])
    assert done.partial is None


def test_cancel_removes_only_the_partial_the_journal_recorded(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    dentry = upload_bytes(client, space_id, "c.bin", pattern(2 * MIB, 6))
    (tmp_path / "c.bin.part").write_bytes(b"mine")
    server.faults.throttle_bps = 500_000
    manager = make_manager(recorder=recorder)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, "c.bin", tmp_path / "c.bin", segments=1)
    ours = tmp_path / f".c.bin.dentry-{job.id}.part"
    wait_until(lambda: ours.exists() and ours.stat().st_size > 0)
    assert manager.journal.get(job.id).partial == str(ours)
    manager.cancel(job.id)
    (cancelled,) = finish(manager, [job], recorder=recorder)
    assert cancelled.state == State.CANCELLED
    assert not ours.exists()
    assert (tmp_path / "c.bin.part").read_bytes() == b"mine"
    assert manager.journal.get(job.id).partial is None  # (forgotten just before the last event)


def test_a_partial_in_another_layout_than_recorded_is_not_appended_to(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    """A segmented download (a preallocated partial) continued as one stream must start over.

    Appending to it would find it "complete" at once: zeros where segments had not arrived.
    """
    data = pattern(2 * MIB, 7)
    dentry = upload_bytes(client, space_id, "l.bin", data)
    server.faults.throttle_bps = 500_000
    manager = make_manager(recorder=recorder)
    target = tmp_path / "l.bin"
    job = manager.add_download(ACCOUNT, space_id, dentry.id, "l.bin", target, segments=4)
    wait_until(lambda: manager.journal.get(job.id).bytes_done >= 128 * KIB)
    manager.pause(job.id)
    wait_until(lambda: manager.journal.get(job.id).state == State.PAUSED)
    partial = Path(manager.journal.get(job.id).partial or "")
    assert partial.stat().st_size == len(data)  # preallocated, mostly zeros
    server.faults.throttle_bps = None
    again = manager.add_download(ACCOUNT, space_id, dentry.id, "l.bin", target, segments=1)
    assert again.id == job.id
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert target.read_bytes() == data
    assert any("not as the journal left it" in message for message in recorder.messages(job.id))
    assert not partial.exists()


def test_a_partial_shorter_than_recorded_starts_over_in_a_fresh_file(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    data = pattern(2 * MIB, 8)
    dentry = upload_bytes(client, space_id, "s.bin", data)
    server.faults.throttle_bps = 500_000
    manager = make_manager(recorder=recorder)
    target = tmp_path / "s.bin"
    job = manager.add_download(ACCOUNT, space_id, dentry.id, "s.bin", target, segments=1)
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).bytes_done >= 128 * KIB)
    manager.pause(job.id)
    wait_until(lambda: manager.journal.get(job.id).state == State.PAUSED)
    partial = Path(manager.journal.get(job.id).partial or "")
    assert manager.journal.get(job.id).bytes_done == partial.stat().st_size >= 128 * KIB
    with partial.open("r+b") as handle:  # bytes the journal counts as done are gone
        handle.truncate(1000)
    server.faults.throttle_bps = None
    manager.resume(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert target.read_bytes() == data
    assert recorder.moved(job.id) == len(data)  # from zero, not from the 1,000 bytes left
    assert any("not as the journal left it" in message for message in recorder.messages(job.id))


def test_long_names_get_a_partial_name_that_fits() -> None:
    target = Path("/x") / ("é" * 127 + ".bin")  # 258 bytes in UTF-8
    name = partial_path(target, 123456).name
    assert len(name.encode()) <= 255
    assert name.startswith(".éé")
    assert name.endswith(".dentry-123456.part")
    assert partial_path(target, 7, 1).name.endswith(".dentry-7-2.part")


def test_dentry_cli_get_leaves_a_users_part_file_alone(
    client: StorageClient, server: LocalServer, space_id: str, tmp_path: Path
) -> None:
    """The issue's own steps: ``dentry-cli get SPACE:/report.bin DIR/`` beside a ``report.bin.part``."""
    data = pattern(700 * KIB, 9)
    upload_bytes(client, space_id, "report.bin", data)
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "report.bin.part").write_bytes(USERS_BYTES["longer"])
    result = subprocess.run(
        cli_command(server.url, "get", f"{space_id}:/report.bin", f"{folder}/"),
        env=cli_env(tmp_path / "home"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "report.bin").read_bytes() == data
    assert (folder / "report.bin.part").read_bytes() == USERS_BYTES["longer"]
    assert sorted(os.listdir(folder)) == ["report.bin", "report.bin.part"]


def test_a_folder_put_where_the_partial_was_is_left_alone(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    data = pattern(2 * MIB, 10)
    dentry = upload_bytes(client, space_id, "f.bin", data)
    server.faults.throttle_bps = 500_000
    manager = make_manager(recorder=recorder)
    target = tmp_path / "f.bin"
    job = manager.add_download(ACCOUNT, space_id, dentry.id, "f.bin", target, segments=1)
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).bytes_done >= 128 * KIB)
    manager.pause(job.id)
    wait_until(lambda: manager.journal.get(job.id).state == State.PAUSED)
    partial = Path(manager.journal.get(job.id).partial or "")
    partial.unlink()
    (partial / "inside.txt").parent.mkdir()  # someone's folder, by chance of that very name
    (partial / "inside.txt").write_bytes(b"theirs")
    server.faults.throttle_bps = None
    manager.resume(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert target.read_bytes() == data
    assert (partial / "inside.txt").read_bytes() == b"theirs"
