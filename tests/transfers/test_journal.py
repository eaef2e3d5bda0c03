"""The journal file itself: damage is one JournalError naming the file; set_aside renames, never deletes;
what one thread reads is never torn by another's writes.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from app.transfers.journal import Journal, JournalError, Kind, Part, set_aside


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


def test_what_one_thread_reads_is_one_moment_while_another_writes(tmp_path: Path) -> None:
    """The Transfers panel and the queue read while workers write: never half before, half after.

    A writer replaces a job's parts (one transaction each time) with one plan of 64 parts, then
    another of 48; a reader must always get one whole plan. Rows read after the statement began,
    outside the journal's lock, once mixed the two (and the queue counted three jobs running under
    a limit of two the same way).
    """
    _journal_with_jobs(tmp_path / "journal.sqlite3", count=1)
    journal = Journal(tmp_path / "journal.sqlite3")
    job_id = journal.jobs()[0].id
    plans = [
        [Part(number + 1, number * size, size, 0) for number in range(count)]
        for count, size in ((64, 1000), (48, 1500))
    ]
    journal.set_parts(job_id, plans[0])
    stop = threading.Event()

    def replace_parts() -> None:
        while not stop.is_set():
            for plan in plans:
                journal.set_parts(job_id, plan)

    writer = threading.Thread(target=replace_parts)
    writer.start()
    torn = 0
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            if journal.parts(job_id) not in plans:
                torn += 1
    finally:
        stop.set()
        writer.join()
        journal.close()
    assert torn == 0
