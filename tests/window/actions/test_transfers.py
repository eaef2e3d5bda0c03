"""Transfers from the window: drop files to upload them, watch the panel, download from the menu."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from app.transfers.journal import Job, State
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.models.display_names import display_name
from app.ui.models.transfers_model import Column, FractionRole, JobRole
from app.ui.operations import Changes
from tests.window.actions.test_files import empty_spot, right_click
from tests.window.dragging import go_to, refresh
from tests.window.helpers import choose_folder_in_next_dialog, menu_action, names, row_of

DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo"


def drop_files(window: MainWindow, paths: list[Path]) -> None:
    """Drop local files onto the file view shown, as a file manager's drag would.

    The events go to the window's QWindow, as the platform delivers them: Qt itself picks the
    widget under the cursor that accepts drops, so a view whose viewport refuses drops refuses
    this drag too (sending them straight to the viewport would skip that check).
    """
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    viewport = window.views.current_view().viewport()
    handle = window.windowHandle()
    assert handle is not None
    where = viewport.mapTo(window, QPoint(42, 42))
    buttons, keys, copy = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.CopyAction
    # A drop always comes after the drag entered and moved over the widget (Qt tracks that).
    for event in (
        QDragEnterEvent(where - QPoint(2, 2), copy, data, buttons, keys),
        QDragMoveEvent(where, copy, data, buttons, keys),
        QDropEvent(QPointF(where), copy, data, buttons, keys),
    ):
        QApplication.sendEvent(handle, event)
        assert event.isAccepted(), f"{type(event).__name__} refused by the {window.views.mode()} view"


def panel_rows(window: MainWindow) -> list[tuple[str, State, str]]:
    model = window.transfers_model
    return [
        (
            model.index(row, Column.NAME).data(),
            model.index(row, 0).data(JobRole).state,
            model.index(row, Column.PROGRESS).data(),
        )
        for row in range(model.rowCount())
    ]


def test_dropped_files_and_folders_upload_and_appear(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("quarterly numbers\n", encoding="utf-8")
    folder = tmp_path / "Drop folder"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "a.bin").write_bytes(b"x" * 70_000)
    announced: list[Changes] = []
    window.changes.changed.connect(announced.append)
    drop_files(window, [report, folder])
    qtbot.waitUntil(lambda: {"report.txt", "Drop folder"} <= set(names(window)), timeout=15000)
    # The folder made for the drop, then the finished upload, came as announced changes.
    qtbot.waitUntil(lambda: "report.txt" in {d.name for c in announced for d in c.added})
    assert "Drop folder" in {d.name for c in announced for d in c.added}
    assert window.transfers_panel.isVisible()
    qtbot.waitUntil(lambda: all(state == State.DONE for _, state, _ in panel_rows(window)), timeout=15000)
    rows = {name: progress for name, _, progress in panel_rows(window)}
    assert rows["a.bin"] == "68.4 KiB of 68.4 KiB"
    assert window.transfers_model.index(0, Column.PROGRESS).data(FractionRole) == 1.0
    uploaded = row_of(window, "report.txt").data(DentryRole)
    assert uploaded.size == report.stat().st_size


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_a_file_dropped_on_either_view_uploads_and_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, mode: str
) -> None:
    """Regression: the grid (Ctrl+2) refused every drop; its list mode turned drops off."""
    dropped = tmp_path / f"dropped on the {mode} view.txt"
    dropped.write_bytes(f"{mode}\n".encode() * 1000)
    qtbot.keyClick(
        window, Qt.Key.Key_1 if mode == "details" else Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier
    )
    assert window.views.mode() == mode
    drop_files(window, [dropped])
    qtbot.waitUntil(lambda: dropped.name in names(window), timeout=15000)
    connection = window.session.connection
    assert connection is not None
    [stored] = [
        d for d in connection.client.iter_dentries(window.model.space_id, "0") if d.name == dropped.name
    ]
    assert stored.size == dropped.stat().st_size
    assert row_of(window, dropped.name).data(DentryRole).id == stored.id


def test_bad_names_are_reported_all_at_once_and_replaced_on_request(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = [tmp_path / "what?*.txt", tmp_path / "ends with dot."]
    for path in bad:
        path.write_text("x", encoding="utf-8")
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        next(button for button in box.buttons() if button.text() == "Replace the characters").click()

    QTimer.singleShot(20, answer)
    drop_files(window, bad)
    qtbot.waitUntil(lambda: {"what?_.txt", "ends with dot"} <= set(names(window)), timeout=15000)
    assert seen[0].startswith("2 names cannot be used")
    assert "what?*.txt" in seen[0]
    assert "ends with dot." in seen[0]


def test_download_from_the_item_menu_lands_in_the_chosen_folder(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
) -> None:
    target = tmp_path / "downloads"
    target.mkdir()
    index = row_of(window, "Beach.jpg")
    window.views.details.setCurrentIndex(index)
    choose_folder_in_next_dialog(target)
    window.download_action.trigger()
    qtbot.waitUntil((target / "Beach.jpg").exists, timeout=15000)
    beach = DEMO / "Beach.jpg"
    assert (target / "Beach.jpg").read_bytes() == beach.read_bytes()
    qtbot.waitUntil(lambda: any(state == State.DONE for _, state, _ in panel_rows(window)))
    assert not list(target.glob("*.part"))


def test_a_folder_downloads_with_everything_in_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "downloads"
    target.mkdir()
    window.views.details.setCurrentIndex(row_of(window, "Photos"))
    assert window.download_action.isEnabled()
    choose_folder_in_next_dialog(target)
    window.download_action.trigger()
    demo = DEMO / "Photos"
    wanted = {path.relative_to(demo) for path in demo.rglob("*")}
    qtbot.waitUntil(
        lambda: {path.relative_to(target / "Photos") for path in target.rglob("*")} >= wanted, timeout=20000
    )
    qtbot.waitUntil(lambda: all(state == State.DONE for _, state, _ in panel_rows(window)), timeout=20000)
    for path in demo.rglob("*"):
        copy = target / "Photos" / path.relative_to(demo)
        assert copy.is_dir() if path.is_dir() else copy.read_bytes() == path.read_bytes(), copy
    assert not list(target.rglob("*.part"))


def test_many_dropped_files_are_shown_after_a_few_batch_calls(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    files = []
    for number in range(40):
        path = tmp_path / f"note {number:02}.txt"
        path.write_text(f"note {number}\n", encoding="utf-8")
        files.append(path)
    connection = window.session.connection
    assert connection is not None
    client = connection.client
    calls: list[str] = []
    get_dentry, get_dentries = client.get_dentry, client.get_dentries

    def one(*args: object, **kwargs: object) -> object:
        calls.append("GetDentry")
        return get_dentry(*args, **kwargs)  # type: ignore[arg-type]

    def batch(*args: object, **kwargs: object) -> object:
        calls.append("GetDentries")
        return get_dentries(*args, **kwargs)  # type: ignore[arg-type]

    client.get_dentry, client.get_dentries = one, batch  # type: ignore[method-assign]  # still real HTTP
    add_upload = window.transfers.add_upload

    def slow_add(*args: Any, **kwargs: Any) -> Job:
        time.sleep(0.02)  # queueing a big drop takes a while: the first uploads end meanwhile
        return add_upload(*args, **kwargs)

    window.transfers.add_upload = slow_add  # type: ignore[method-assign]
    drop_files(window, files)
    qtbot.waitUntil(lambda: {path.name for path in files} <= set(names(window)), timeout=30000)
    qtbot.waitUntil(lambda: window.status.state_label.text() == "")  # no "Uploading 3 files…" left behind
    assert "GetDentry" not in calls
    assert 1 <= calls.count("GetDentries") < 20, calls  # one per pause (or second), 30 ids each


def choose_files_in_next_dialog(folder: Path, chosen: list[str]) -> None:
    """When the next file chooser opens, choose these files of `folder` in it."""

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        dialog.setDirectory(str(folder))
        # Typed into the file name field, as a user does (quoted names choose several).
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name_field, QLineEdit)
        name_field.setText(" ".join(f'"{name}"' for name in chosen))
        dialog.accept()
        if dialog.isVisible():
            dialog.reject()  # the test then fails on what was not uploaded, rather than hanging

    QTimer.singleShot(20, choose)


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_upload_files_and_a_folder_from_the_menus(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, mode: str
) -> None:
    """Without dragging: File → Upload files…, and Upload folder… in the menu on empty space."""
    for name in ("menu one.txt", "menu two.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    folder = tmp_path / "Menu folder"
    (folder / "inside").mkdir(parents=True)
    (folder / "inside" / "deep.txt").write_text("deep", encoding="utf-8")
    connection = window.session.connection
    assert connection is not None
    client, space = connection.client, window.model.space_id
    here = client.add_folder(space, "0", f"Menu uploads {mode}")
    window.set_view_mode(mode)
    refresh(qtbot, window)
    go_to(qtbot, window, f"/Menu uploads {mode}")

    choose_files_in_next_dialog(tmp_path, ["menu one.txt", "menu two.txt"])
    menu_action(window, "&File", "&Upload files…").trigger()
    qtbot.waitUntil(lambda: {"menu one.txt", "menu two.txt"} <= set(names(window)), timeout=15000)

    view = window.views.current_view()
    menu = right_click(qtbot, view, empty_spot(view))
    upload_folder = next(action for action in menu.actions() if action.text() == "Upload &folder…")
    assert upload_folder.isEnabled()
    menu.close()
    choose_folder_in_next_dialog(folder)
    upload_folder.trigger()
    qtbot.waitUntil(lambda: "Menu folder" in names(window), timeout=15000)
    held = {d.name: d for d in client.iter_dentries(space, here.id)}
    assert set(held) == {"menu one.txt", "menu two.txt", "Menu folder"}
    assert held["menu one.txt"].size == len("menu one.txt")
    inside = {d.name: d for d in client.iter_dentries(space, held["Menu folder"].id)}
    qtbot.waitUntil(
        lambda: [d.name for d in client.iter_dentries(space, inside["inside"].id)] == ["deep.txt"],
        timeout=15000,
    )


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_download_goes_straight_into_the_download_folder_of_the_preferences(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, mode: str
) -> None:
    """The item menu's Download asks nothing: the file lands in the folder chosen in Preferences."""
    folder = tmp_path / f"my downloads {mode}"
    folder.mkdir()
    window.preferences.save(window.preferences.current.replace(download_folder=str(folder)))
    window.set_view_mode(mode)
    view = window.views.current_view()
    view.setCurrentIndex(row_of(window, "Beach.jpg"))
    menu = right_click(qtbot, view, view.visualRect(view.currentIndex()).center())
    download = next(action for action in menu.actions() if action.text() == "Down&load")
    menu.close()
    download.trigger()
    qtbot.waitUntil((folder / "Beach.jpg").exists, timeout=15000)
    assert (folder / "Beach.jpg").read_bytes() == (DEMO / "Beach.jpg").read_bytes()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]


def test_download_into_a_folder_that_is_gone_says_so_and_downloads_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    gone = tmp_path / "gone"
    window.preferences.save(window.preferences.current.replace(download_folder=str(gone)))
    window.views.details.setCurrentIndex(row_of(window, "Beach.jpg"))
    menu_action(window, "&File", "Down&load").trigger()
    said = f"The download folder {gone} is not there: choose another in Preferences"
    assert window.statusBar().currentMessage() == display_name(said)
    assert not gone.exists()
    assert not [job for job in window.transfers.jobs() if job.remote_name == "Beach.jpg"]
