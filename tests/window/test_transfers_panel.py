"""The Transfers panel as a user wants it (issue 11): where each job goes, states in words, a
direction header, average speed and duration, Open containing folder and Show in Dentry, the total
progress line in the status bar, and the panel's size kept across restarts.

Real transfers against the local service; the panel's buttons and menus are clicked as a person does.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import Kind, State
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.models.transfers_model import Column
from tests.window.actions.test_transfers import drop_files
from tests.window.conftest import running_window
from tests.window.helpers import names, row_of, selected_names


def cell(window: MainWindow, name: str, column: Column) -> str:
    """What the panel shows in `column` of the job called `name`."""
    model = window.transfers_model
    for row in range(model.rowCount()):
        if model.index(row, Column.NAME).data() == name:
            return str(model.index(row, column).data())
    raise AssertionError(f"no transfer called {name}")


def select_job(window: MainWindow, name: str) -> None:
    """Click the job's row in the panel."""
    table = window.transfers_panel.table
    model = window.transfers_model
    row = next(r for r in range(model.rowCount()) if model.index(r, Column.NAME).data() == name)
    table.selectRow(row)


def finished(window: MainWindow) -> bool:
    jobs = window.transfers.jobs()
    return bool(jobs) and all(job.state.finished for job in jobs)


def test_each_job_says_where_it_goes_its_state_in_words_and_how_fast_it_went(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "Panel folder"
    (folder / "inner").mkdir(parents=True)
    deep = folder / "inner" / "deep.bin"
    deep.write_bytes(b"d" * 300_000)
    drop_files(window, [folder])
    qtbot.waitUntil(lambda: finished(window), timeout=20000)
    qtbot.wait(600)  # the panel repaints twice a second
    header = window.transfers_model.headerData(Column.DIRECTION, Qt.Orientation.Horizontal)
    assert header == "Direction"
    # A file of a folder upload names the folder it went to, not only its bare name.
    qtbot.waitUntil(lambda: cell(window, "deep.bin", Column.REMOTE) == "/Panel folder/inner", timeout=10000)
    assert cell(window, "deep.bin", Column.LOCAL) == str(deep)
    assert cell(window, "deep.bin", Column.STATE) == "Done"
    assert re.fullmatch(
        r"Average [\d.]+ (KiB|MiB|GiB)/s in \d+\.\d{1,3} s", cell(window, "deep.bin", Column.SPEED)
    )

    # A download: its remote folder and its target; a failure is a word with its reason.
    target = tmp_path / "downloads"
    target.mkdir()
    window.path_bar.pathEntered.emit("/Photos")
    qtbot.waitUntil(lambda: bool(names(window)) and "Photos" not in names(window), timeout=10000)
    photo = next(name for name in names(window) if name.endswith(".jpg"))
    window.uploads.download([row_of(window, photo).data(DentryRole)], target)
    qtbot.waitUntil(lambda: (target / photo).exists() and finished(window), timeout=20000)
    qtbot.wait(600)
    qtbot.waitUntil(lambda: cell(window, photo, Column.REMOTE) == "/Photos", timeout=10000)
    assert cell(window, photo, Column.LOCAL) == str(target / photo)
    assert cell(window, photo, Column.STATE) == "Done"


class UrlCatcher(QObject):
    """Stands in for the desktop's file manager: Qt hands it the URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_open_containing_folder_and_show_in_dentry(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # An upload into a folder, and a download of a file.
    source = tmp_path / "Shown folder"
    source.mkdir()
    (source / "shown.txt").write_text("look at me\n", encoding="utf-8")
    drop_files(window, [source])
    target = tmp_path / "downloads"
    target.mkdir()
    window.uploads.download([row_of(window, "Welcome.txt").data(DentryRole)], target)
    qtbot.waitUntil(lambda: finished(window) and len(window.transfers.jobs()) == 2, timeout=20000)
    qtbot.wait(600)
    panel = window.transfers_panel
    open_folder, show = panel.buttons["Open folder"], panel.buttons["Show"]

    select_job(window, "Welcome.txt")
    assert open_folder.isEnabled()
    assert not show.isEnabled()
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(open_folder, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.opened] == [str(target)]

    select_job(window, "shown.txt")
    assert show.isEnabled()
    assert not open_folder.isEnabled()
    window.path_bar.pathEntered.emit("/Photos")  # the user is elsewhere meanwhile
    qtbot.waitUntil(lambda: window.navigator.folder_name() == "Photos", timeout=10000)
    # From the row's menu this time.
    table = panel.table
    menus: list[QMenu] = []
    row = table.selectionModel().selectedRows()[0]
    point = table.visualRect(row).center()

    def take_menu() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, take_menu)
            return
        menu = shown[0]
        menus.append(menu)
        next(action for action in menu.actions() if action.text() == "Show in Dentry").trigger()
        menu.close()

    QTimer.singleShot(20, take_menu)
    table.customContextMenuRequested.emit(point)
    qtbot.waitUntil(lambda: bool(menus), timeout=5000)
    qtbot.waitUntil(lambda: selected_names(window) == ["shown.txt"], timeout=10000)
    assert window.navigator.folder_name() == "Shown folder"
    assert window.views.selected()[0].name == "shown.txt"


def test_the_total_progress_line_shows_while_transfers_move(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    summary = window.transfers_summary.label
    assert not summary.isVisible()
    big = [tmp_path / "slow 1.bin", tmp_path / "slow 2.bin"]
    for path in big:
        path.write_bytes(b"s" * 1_000_000)
    # ~5 s: time enough, on a busy machine too, for a speed and the time left to be measured.
    window.preferences.save(window.preferences.current.replace(upload_limit=400_000))
    drop_files(window, big)
    qtbot.waitUntil(summary.isVisible, timeout=10000)
    qtbot.waitUntil(lambda: "left" in summary.text(), timeout=10000)
    assert re.fullmatch(
        r"Transfers: [0-2] of 2 files, [\d.]+ (bytes|KiB|MiB) of 1\.9 MiB, \d+:\d\d left", summary.text()
    ), summary.text()
    qtbot.waitUntil(lambda: finished(window), timeout=30000)
    qtbot.waitUntil(lambda: not summary.isVisible(), timeout=5000)
    assert all(job.kind == Kind.UPLOAD and job.state == State.DONE for job in window.transfers.jobs())


def test_the_panel_keeps_the_size_the_user_gave_it(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    account = Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID)
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as first:
        first.transfers_panel.show()
        first.resizeDocks([first.transfers_panel], [333], Qt.Orientation.Vertical)
        qtbot.waitUntil(lambda: first.transfers_panel.height() == 333, timeout=5000)
    # The next start (the same settings file).
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as second:
        qtbot.waitUntil(second.transfers_panel.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: second.transfers_panel.height() == 333, timeout=5000)


def test_a_transfer_finished_before_the_window_opened_says_how_fast_it_went(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    """The journal keeps when a job's last run began: the next start shows its average too."""
    source = tmp_path / "earlier.bin"
    source.write_bytes(b"e" * 400_000)
    account = Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID)
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as first:
        drop_files(first, [source])
        qtbot.waitUntil(lambda: finished(first), timeout=20000)
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as second:
        qtbot.waitUntil(lambda: cell(second, "earlier.bin", Column.STATE) == "Done", timeout=10000)
        speed = cell(second, "earlier.bin", Column.SPEED)
        assert re.fullmatch(r"Average [\d.]+ (KiB|MiB|GiB)/s in \d+\.\d{1,3} s", speed), speed
