"""The journal file itself: damage is one JournalError naming the file; set_aside renames, never deletes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.transfers.journal import Journal, JournalError, Kind, set_aside


def _journal_with_jobs(path: Path, count: int = 300) -> None:
    journal = Journal(path)
    for number in range(count):
        journal.add(
            Kind.UPLOAD,
            account="a",
            account_key="k",
            space_id="1",
            remote_id="0",
            remote_name=f"file {number}.bin",
            local_path=f"/home/someone/file {number}.bin",
            conflict="rename",
        )
    journal.close()


def test_pages_scribbled_over_are_found_when_the_journal_opens(tmp_path: Path) -> None:
    """The file still opens as a database: only looking at every page shows the damage."""
    path = tmp_path / "transfers.sqlite3"
    _journal_with_jobs(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xff" * 4096)
    with pytest.raises(JournalError) as raised:
        Journal(path)
    assert str(raised.value).startswith(f"The transfer journal {path} cannot be used: it is damaged;")
    assert raised.value.damaged
    assert raised.value.path == path


def test_set_aside_moves_the_journal_and_its_companions_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "transfers.sqlite3"
    contents = {"": b"main", "-wal": b"wal", "-shm": b"shm"}
    for suffix, data in contents.items():
        Path(f"{path}{suffix}").write_bytes(data)
    first = set_aside(path)
    assert first.parent == tmp_path
    assert {suffix: Path(f"{first}{suffix}").read_bytes() for suffix in contents} == contents
    assert not any(os.path.lexists(f"{path}{suffix}") for suffix in contents)

    path.mkdir()  # a folder this time: a name of its own (numbered within the same second)
    second = set_aside(path)
    assert second != first
    assert second.is_dir()
    assert first.read_bytes() == b"main"
    Journal(path).close()  # a new journal where the damaged one was
