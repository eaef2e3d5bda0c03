"""One notification per user action when its transfers end while the window is not in front (issue 11).

The offscreen platform has no system tray: nothing is shown there and nothing breaks, and the
notifier keeps what it would have shown, which these tests read. Uploads are dropped and downloads
chosen as a person does; the transfers are real, against the local service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from app.localserver import LocalServer
from app.transfers.journal import Kind, State
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.notifications import Notification
from tests.ui.languages import Language
from tests.window.actions.test_transfers import drop_files
from tests.window.helpers import names, row_of


def away(qtbot: QtBot, window: MainWindow) -> None:
    """The user turns to another window: Dentry is minimized."""
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.notifier.in_front(), timeout=5000)


def files(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    made = []
    for number in range(count):
        path = folder / f"{folder.name} {number}.txt"  # the service is shared: names of their own
        path.write_text(f"{folder.name} {number}\n", encoding="utf-8")
        made.append(path)
    return made


def all_finished(window: MainWindow) -> bool:
    jobs = window.transfers.jobs()
    return bool(jobs) and all(job.state.finished for job in jobs)


def test_finished_uploads_are_one_notification_with_the_count_and_the_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # and yet nothing breaks
    dropped = files(tmp_path / "notes", 3)
    drop_files(window, dropped)  # the drop, then the user turns away
    away(qtbot, window)
    qtbot.waitUntil(lambda: window.notifier.last is not None, timeout=20000)
    assert window.notifier.last == Notification("Uploads finished", "3 files uploaded to Demo space", False)
    assert all_finished(window)
    qtbot.waitUntil(lambda: {"notes 0.txt", "notes 2.txt"} <= set(names(window)), timeout=20000)


def test_failed_downloads_are_said_and_a_click_shows_the_transfers(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    drop_files(window, files(tmp_path / "soon gone", 2))
    qtbot.waitUntil(lambda: {"soon gone 0.txt", "soon gone 1.txt"} <= set(names(window)), timeout=20000)
    chosen = [row_of(window, name).data(DentryRole) for name in ("soon gone 0.txt", "soon gone 1.txt")]
    connection = window.session.connection
    assert connection is not None
    for dentry in chosen:  # someone else deletes them while they are still listed here
        connection.client.delete_dentry(window.model.space_id, dentry.id)
    target = tmp_path / "Downloads"
    target.mkdir()
    away(qtbot, window)
    window.notifier.last = None  # (the drop's own notification)
    window.uploads.download(chosen, target)
    qtbot.waitUntil(lambda: window.notifier.last is not None, timeout=30000)
    assert window.notifier.last == Notification("Downloads failed", "2 downloads failed", True)
    # The user clicks the notification: the window comes back with its Transfers panel.
    window.transfers_panel.hide()
    window.notifier.show_transfers()
    qtbot.waitUntil(lambda: not window.isMinimized() and window.transfers_panel.isVisible(), timeout=5000)


def test_no_notification_when_the_preference_is_off_or_the_window_in_front(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.notifier.in_front, timeout=5000)
    drop_files(window, files(tmp_path / "seen", 2))
    qtbot.waitUntil(lambda: {"seen 0.txt", "seen 1.txt"} <= set(names(window)), timeout=20000)
    qtbot.wait(300)
    assert window.notifier.last is None  # the user saw it in the window

    window.preferences.save(window.preferences.current.replace(notify_finished=False))
    drop_files(window, files(tmp_path / "unseen", 2))
    away(qtbot, window)
    qtbot.waitUntil(lambda: {"unseen 0.txt", "unseen 1.txt"} <= set(names(window)), timeout=20000)
    assert all_finished(window)
    qtbot.wait(300)
    assert window.notifier.last is None


def test_the_notification_in_chinese(
    qtbot: QtBot, chinese: Language, window: MainWindow, service: LocalServer, tmp_path: Path
) -> None:
    drop_files(window, files(tmp_path / "笔记", 2))
    away(qtbot, window)
    qtbot.waitUntil(lambda: window.notifier.last is not None, timeout=20000)
    assert window.notifier.last == Notification("上传完成", "已上传 2 个文件到“Demo space”", False)
    qtbot.waitUntil(lambda: {"笔记 0.txt", "笔记 1.txt"} <= set(names(window)), timeout=20000)


def test_a_batch_that_ends_while_its_jobs_are_still_being_queued_waits_for_the_rest(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A small file may end before its siblings are queued: the batch is not announced as finished then."""
    away(qtbot, window)
    manager, notifier = window.transfers, window.notifier
    batch = manager.new_batch(Kind.UPLOAD, "Photos")

    def job(name: str) -> int:
        # Recorded as another account's, so that the running queue leaves it to this test.
        return manager.journal.add(
            Kind.UPLOAD,
            account="elsewhere",
            account_key="elsewhere",
            space_id=window.model.space_id,
            remote_id="0",
            remote_name=name,
            local_path=str(tmp_path / name),
            conflict="rename",
            batch=batch.id,
        ).id

    notifier.hold(batch.id)  # as a drop does before it queues anything
    first = job("a.txt")
    manager.journal.update(first, state=State.DONE, size=1)
    notifier.batch_ended(manager.journal.batch(batch.id))  # what the engine says when `first` ends
    assert notifier.last is None
    second = job("b.txt")
    notifier.release(batch.id)  # everything is queued: `second` has not ended yet
    assert notifier.last is None
    manager.journal.update(second, state=State.DONE, size=1)
    notifier.batch_ended(manager.journal.batch(batch.id))
    assert notifier.last == Notification("Uploads finished", "2 files uploaded to Photos", False)
