"""The transfers panel's model: rows for jobs, paced refreshes, and clearing finished ones."""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.api import StorageClient
from app.transfers.journal import Journal, State
from app.transfers.manager import JobEvent, TransferManager
from app.transfers.progress import Progress
from app.ui.models.transfers_model import Column, FractionRole, JobRole, TransfersModel


def test_jobs_progress_and_clearing(qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    # Never started: nothing runs, the client is never called.
    client = StorageClient("http://127.0.0.1:9", "key", "secret", "someone")
    manager = TransferManager(
        journal, account=Account("a", "http://127.0.0.1:9", "key", "someone"), client=client
    )
    first = manager.add_download("a", "1", "10", "report.pdf", tmp_path / "report.pdf")
    model = TransfersModel(manager)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1
    assert model.index(0, Column.NAME).data() == "report.pdf"
    assert model.index(0, Column.DIRECTION).data() == "↓"

    second = manager.add_upload("a", "1", "0", tmp_path / "notes.txt", "notes.txt")
    model.apply(JobEvent(second, Progress(0, 100, None, None)))
    assert model.rowCount() == 2
    assert model.index(1, Column.DIRECTION).data() == "↑"

    journal.update(first.id, state=State.RUNNING, size=4 * 1024 * 1024)
    running = journal.get(first.id)
    model.apply(JobEvent(running, Progress(1024 * 1024, 4 * 1024 * 1024, 512 * 1024.0, 6.0)))
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        pass  # changes are repainted in batches, at most every half second
    assert model.index(0, Column.PROGRESS).data() == "1.0 MiB of 4.0 MiB"
    assert model.index(0, Column.PROGRESS).data(FractionRole) == 0.25
    assert model.index(0, Column.SPEED).data() == "512.0 KiB/s, 0:06 left"

    journal.update(first.id, state=State.DONE)
    model.apply(JobEvent(journal.get(first.id), Progress(4 * 1024 * 1024, 4 * 1024 * 1024, None, None)))
    model.remove_finished()
    assert model.rowCount() == 1
    assert model.index(0, Column.NAME).data() == "notes.txt"
    assert [job.id for job in journal.jobs()] == [second.id]
    assert model.rowCount(model.index(0, 0)) == 0

    journal.update(second.id, state=State.RUNNING, size=100)
    model.apply(JobEvent(journal.get(second.id), Progress(50, 100, None, None)))
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as repaint:
        pass  # the remaining job moved up a row: its repaint names its new row
    assert repaint.args is not None
    assert repaint.args[0].row() == 0
    assert model.index(0, Column.PROGRESS).data() == "50 bytes of 100 bytes"


def test_other_accounts_jobs_are_listed_greyed_with_their_account(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    client = StorageClient("http://127.0.0.1:9", "key", "secret", "someone")
    first = Account("First", "http://127.0.0.1:9", "key", "first")
    second = Account("Second", "http://127.0.0.1:9", "key", "second")
    manager = TransferManager(journal, account=first, client=client)
    theirs = manager.add_download("First", "1", "10", "report.pdf", tmp_path / "report.pdf")
    manager.set_account(second, client)
    ours = manager.add_upload("Second", "1", "0", tmp_path / "notes.txt", "notes.txt")
    model = TransfersModel(manager)
    assert [model.index(row, 0).data(JobRole).id for row in range(2)] == [theirs.id, ours.id]
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags  # greyed, never selected
    assert model.index(0, Column.STATE).data() == "Waiting for First"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "A transfer of the account First: it runs when you use that account."
    )
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.index(1, Column.STATE).data() == "Waiting"
    assert model.waiting_for_others() == 1

    manager.set_account(first, client)
    model.reload()
    assert model.index(0, Column.STATE).data() == "Waiting"
    assert model.index(1, Column.STATE).data() == "Waiting for Second"


def test_a_finished_job_says_how_long_it_took_even_when_its_events_arrive_late(tmp_path: Path) -> None:
    """A busy window may see a job's start after the job ended: the run still took its own time."""
    journal = Journal(tmp_path / "journal.sqlite3")
    manager = TransferManager(journal)
    job = manager.add_upload("a", "1", "0", tmp_path / "deep.bin", "deep.bin")
    model = TransfersModel(manager)
    started = time.time() - 0.5  # the engine started it half a second ago, and it just ended
    journal.update(job.id, state=State.RUNNING, size=300_000, started=started, started_bytes=0)
    running = journal.get(job.id)
    journal.update(job.id, state=State.DONE, bytes_done=300_000)
    done = journal.get(job.id)
    model.apply(JobEvent(running, Progress(0, 300_000, None, None)))  # both seen only now
    model.apply(JobEvent(done, Progress(300_000, 300_000, None, None, moved=300_000)))
    assert re.fullmatch(r"Average 5\d\d\.\d KiB/s in 0\.5\d* s", model.index(0, Column.SPEED).data())
