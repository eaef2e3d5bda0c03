"""Conflict policies on both sides, and no partial file ever under the final name."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import State
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    children,
    download_bytes,
    finish,
    pattern,
    upload_bytes,
    wait_until,
)

OLD = b"the file that was here first\n"


def _download(
    make_manager: MakeManager, client: StorageClient, space_id: str, name: str, target: Path, conflict: str
) -> tuple[State, str | None, str | None]:
    """Download with a manager of its own (jobs added before start run at once)."""
    dentry = children(client, space_id)[name]
    manager = make_manager(start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, name, target, conflict=conflict)
    manager.start()
    (done,) = finish(manager, [job])
    manager.shutdown()
    return done.state, done.result, done.error


def test_download_conflicts(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    data = pattern(200 * KIB, 1)
    upload_bytes(client, space_id, "report.pdf", data)
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)

    assert _download(make_manager, client, space_id, "report.pdf", target, "rename") == (
        State.DONE,
        str(tmp_path / "report (1).pdf"),
        None,
    )
    assert _download(make_manager, client, space_id, "report.pdf", target, "rename")[1] == str(
        tmp_path / "report (2).pdf"
    )
    assert (tmp_path / "report (1).pdf").read_bytes() == (tmp_path / "report (2).pdf").read_bytes() == data
    assert target.read_bytes() == OLD

    state, result, _ = _download(make_manager, client, space_id, "report.pdf", target, "skip")
    assert state == State.DONE
    assert result is not None
    assert result.startswith("skipped")
    assert target.read_bytes() == OLD

    assert _download(make_manager, client, space_id, "report.pdf", target, "overwrite")[:2] == (
        State.DONE,
        str(target),
    )
    assert target.read_bytes() == data

    target.write_bytes(OLD)
    state, _, error = _download(make_manager, client, space_id, "report.pdf", target, "fail")
    assert state == State.FAILED
    assert "exists already" in (error or "")
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("report")) == [
        "report (1).pdf",
        "report (2).pdf",
        "report.pdf",
    ]


class Watcher:
    """Samples a path's size (None when absent) as often as it can, until stopped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sizes: list[int | None] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.002)

    def stop(self) -> list[int | None]:
        """Stop sampling; one last sample is taken now (the thread may have been starved)."""
        self._stop.set()
        self._thread.join()
        self._stop.clear()
        self._sample()
        return self.sizes

    def _sample(self) -> None:
        try:
            self.sizes.append(self.path.stat().st_size)
        except FileNotFoundError:
            self.sizes.append(None)


@pytest.mark.parametrize("segments", [1, 4])
@pytest.mark.parametrize("conflict", ["rename", "overwrite"])
def test_no_partial_file_under_the_final_name(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    segments: int,
    conflict: str,
) -> None:
    data = pattern(2 * MIB, segments)
    dentry = upload_bytes(client, space_id, "w.bin", data)
    target = tmp_path / "w.bin"
    if conflict == "overwrite":
        target.write_bytes(OLD)
    server.faults.throttle_bps = 2_000_000
    manager = make_manager(start=False)
    watcher = Watcher(target)
    job = manager.add_download(
        ACCOUNT, space_id, dentry.id, dentry.name, target, conflict=conflict, segments=segments
    )
    manager.start()
    (done,) = finish(manager, [job])
    sizes = watcher.stop()
    assert done.state == State.DONE
    assert len(sizes) > 100
    before = None if conflict == "rename" else len(OLD)
    assert set(sizes) <= {before, len(data)}, sorted(set(sizes), key=str)
    assert sizes[0] == before
    assert sizes[-1] == len(data)
    # Once complete, never anything else again.
    assert set(sizes[sizes.index(len(data)) :]) == {len(data)}
    assert target.read_bytes() == data


def test_a_file_that_appears_meanwhile_is_not_replaced(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    """With rename, a file someone else creates at the target during the download is kept."""
    data = pattern(2 * MIB, 9)
    dentry = upload_bytes(client, space_id, "late.txt", data)
    server.faults.throttle_bps = 2_000_000
    manager = make_manager(start=False)
    target = tmp_path / "late.txt"
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, target)
    manager.start()
    wait_until(lambda: manager.journal.get(job.id).bytes_done > 0)
    target.write_bytes(OLD)
    (done,) = finish(manager, [job])
    assert done.state == State.DONE
    assert done.result == str(tmp_path / "late (1).txt")
    assert target.read_bytes() == OLD
    assert (tmp_path / "late (1).txt").read_bytes() == data


@pytest.mark.parametrize(
    ("conflict", "expect_state", "expect_names"),
    [
        ("rename", State.DONE, {"u.txt": OLD, "u (1).txt": b"new"}),
        ("overwrite", State.DONE, {"u.txt": b"new"}),
        ("skip", State.DONE, {"u.txt": OLD}),
        ("fail", State.FAILED, {"u.txt": OLD}),
    ],
)
def test_upload_conflicts(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    conflict: str,
    expect_state: State,
    expect_names: dict[str, bytes],
) -> None:
    existing = upload_bytes(client, space_id, "u.txt", OLD)
    source = tmp_path / "u.txt"
    source.write_bytes(b"new")
    manager = make_manager(start=False)
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "u.txt", conflict=conflict)
    manager.start()
    (done,) = finish(manager, [job])
    assert done.state == expect_state, done.error
    remote = children(client, space_id)
    assert {name: download_bytes(client, space_id, d.id) for name, d in remote.items()} == expect_names
    if conflict == "skip":
        assert done.result == existing.id  # RETURN_DENTRY_IF_EXISTS hands back the existing file
    if conflict == "fail":
        assert "u.txt" in (done.error or "") or "exist" in (done.error or "").lower(), done.error
    if conflict == "overwrite":
        assert done.result == existing.id


@pytest.mark.parametrize("direction", ["download", "upload"])
def test_a_new_conflict_choice_applies_after_a_failed_attempt(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path, direction: str
) -> None:
    manager = make_manager()
    existing = upload_bytes(client, space_id, "again.txt", b"remote")
    local = tmp_path / "again.txt"
    local.write_bytes(b"local")
    if direction == "download":

        def add(conflict: str) -> int:
            return manager.add_download(
                ACCOUNT, space_id, existing.id, "again.txt", local, conflict=conflict
            ).id
    else:

        def add(conflict: str) -> int:
            return manager.add_upload(ACCOUNT, space_id, "0", local, "again.txt", conflict=conflict).id

    first = add("fail")
    assert manager.wait([first], timeout=30)
    assert manager.journal.get(first).state == State.FAILED
    second = add("overwrite")
    assert manager.wait([second], timeout=30)
    assert manager.journal.get(second).state == State.DONE, manager.journal.get(second).error
    assert local.read_bytes() == (b"remote" if direction == "download" else b"local")
    assert download_bytes(client, space_id, existing.id) == (
        b"remote" if direction == "download" else b"local"
    )
