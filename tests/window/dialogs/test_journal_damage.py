"""A damaged or unreadable transfer journal at start: one dialog, set aside on request (issue 8, item 10).

Real damaged files (garbage bytes, a journal cut short, a folder in its place); the test answers
the dialogs as a person would, and checks that nothing was deleted and that no traceback was logged.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.transfers.journal import Journal, Kind
from app.ui import application
from app.ui.dialogs.journal_damage import open_journal
from tests.ui.languages import ENGLISH, speak


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def truncated(path: Path) -> None:
    """A real journal with jobs in it, cut off in the middle (as a full disk or a bad copy leaves it)."""
    journal = Journal(path)
    for number in range(400):
        journal.add(
            Kind.DOWNLOAD,
            account="someone",
            space_id="1",
            remote_id=str(number),
            remote_name=f"file {number}.bin",
            local_path=f"/tmp/file {number}.bin",
            conflict="rename",
        )
    journal.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def folder(path: Path) -> None:
    path.mkdir()
    (path / "something.txt").write_text("mine", encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {"garbage": garbage, "truncated": truncated, "folder": folder}


def snapshot(path: Path) -> dict[str, bytes]:
    """What is at `path`: a file's bytes, or a folder's files' bytes."""
    if path.is_dir():
        return {item.name: item.read_bytes() for item in path.iterdir()}
    return {"": path.read_bytes()}


class Answers:
    """Answers the message boxes that open, in order, by the text of a button; keeps what they said."""

    def __init__(self, *buttons: str) -> None:
        self.buttons = list(buttons)
        self.said: list[tuple[str, str, str]] = []
        QTimer.singleShot(20, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, self._answer)
            return
        self.said.append((box.windowTitle(), box.text(), box.informativeText()))
        wanted = self.buttons.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        button.click()
        if self.buttons:
            QTimer.singleShot(20, self._answer)


@pytest.fixture
def no_traceback(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    assert [record for record in caplog.records if record.exc_info or record.levelname == "ERROR"] == []


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_journal_is_set_aside_on_request_and_a_new_one_started(
    qtbot: QtBot, tmp_path: Path, damage: str, no_traceback: None
) -> None:
    path = tmp_path / "data" / "transfers.sqlite3"
    path.parent.mkdir()
    DAMAGE[damage](path)
    before = snapshot(path)

    answers = Answers("Set aside and start anew", "OK")
    journal = open_journal(path)

    assert journal is not None
    title, text, informative = answers.said[0]
    assert title == "Transfer journal"
    assert text.startswith(f"Dentry cannot use its transfer journal, {path}.")
    if damage == "folder":
        assert text.endswith("A folder is where the file should be.")
    else:
        assert text.endswith("It is damaged, or it is not a transfer journal.")
    assert "nothing is deleted" in informative
    # The damaged one is beside it, every byte kept; the new one works.
    aside = [item for item in path.parent.iterdir() if item.name.startswith("transfers.sqlite3.damaged-")]
    assert len(aside) == 1
    assert snapshot(aside[0]) == before
    assert answers.said[1][1] == f"The damaged journal is now {aside[0]}. A new journal was started."
    job = journal.add(
        Kind.UPLOAD,
        account="someone",
        space_id="1",
        remote_id="0",
        remote_name="a.txt",
        local_path="/tmp/a.txt",
        conflict="rename",
    )
    assert [j.id for j in journal.jobs()] == [job.id]
    journal.close()


def test_quitting_leaves_the_damaged_journal_as_it_is(
    qtbot: QtBot, tmp_path: Path, no_traceback: None
) -> None:
    path = tmp_path / "transfers.sqlite3"
    garbage(path)
    before = snapshot(path)
    answers = Answers("Quit")
    assert open_journal(path) is None
    assert len(answers.said) == 1
    assert snapshot(path) == before
    assert [item.name for item in tmp_path.iterdir()] == ["transfers.sqlite3"]


def test_the_app_asks_at_start_and_quits_with_code_7(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_traceback: None
) -> None:
    """`dentry` itself: the dialog comes before anything else, and Quit ends it cleanly."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("LANGUAGE", "en")
    path = tmp_path / "data" / "dentry" / "transfers.sqlite3"
    path.parent.mkdir(parents=True)
    truncated(path)
    before = snapshot(path)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    answers = Answers("Quit")
    try:
        assert application.main(["--local"]) == 7
    finally:
        speak(ENGLISH)
        app.setPalette(palette)
    assert answers.said[0][1].startswith(f"Dentry cannot use its transfer journal, {path}.")
    assert snapshot(path) == before
