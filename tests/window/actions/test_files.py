"""File actions driven like a person: properties and the item menu, new folder, rename, delete, open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.ui.dialogs.properties import PropertiesDialog
from app.ui.main_window import MainWindow
from tests.window.helpers import (
    answer_next_dialog,
    double_click,
    menu_action,
    names,
    row_of,
    selected_names,
    wait_for_dialog,
)


def test_properties_and_context_menu(qtbot: QtBot, window: MainWindow) -> None:
    index = row_of(window, "Welcome.txt")
    window.views.details.setCurrentIndex(index)
    qtbot.keyClick(window.views.details, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    dialog = wait_for_dialog(qtbot, window, "PropertiesDialog")
    assert isinstance(dialog, PropertiesDialog)
    assert dialog.values["name"].text() == "Welcome.txt"
    assert dialog.values["path"].text() == "/Welcome.txt"
    assert dialog.values["size"].text().endswith("bytes")
    assert dialog.values["uuid"].text() != "—"
    dialog.close()
    rect = window.views.details.visualRect(index)
    window.views.details.customContextMenuRequested.emit(rect.center())
    menu = next(
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMenu) and widget.isVisible()
    )
    assert [action.text() for action in menu.actions() if action.text()] == [
        "&Open",
        "Do&wnload to…",
        "Make &thumbnail",
        "Re&name…",
        "&Delete",
        "P&roperties",
        "&New folder…",
        "&Refresh",
    ]
    menu.close()


def test_new_folder_rename_and_delete_update_the_view_in_place(qtbot: QtBot, window: MainWindow) -> None:
    listed: list[int] = []
    window.model.pageLoaded.connect(lambda _index, rows: listed.append(rows))
    answer_next_dialog(qtbot, "Quarterly plans")
    qtbot.keyClick(
        window.views.details,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "Quarterly plans" in names(window), timeout=10000)
    assert selected_names(window) == ["Quarterly plans"]
    answer_next_dialog(qtbot, "Plans 2027")
    # Offscreen, a closed dialog leaves no active window, so shortcuts would go nowhere: use the menu.
    menu_action(window, "&File", "Re&name…").trigger()
    qtbot.waitUntil(lambda: "Plans 2027" in names(window), timeout=10000)
    assert "Quarterly plans" not in names(window)
    window.views.details.setCurrentIndex(row_of(window, "Plans 2027"))
    answer_next_dialog(qtbot, None)
    menu_action(window, "&File", "&Delete").trigger()
    qtbot.waitUntil(lambda: "Plans 2027" not in names(window), timeout=10000)
    assert listed == []  # all in place: the folder was never listed again


class _OpenedUrls(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_double_click_a_file_downloads_and_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    opened = _OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        double_click(qtbot, window.views.details, row_of(window, "Welcome.txt"))
        qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=15000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    path = Path(opened.urls[0].toLocalFile())
    assert path.name == "Welcome.txt"
    assert path.read_text(encoding="utf-8").startswith("Welcome to Dentry")
