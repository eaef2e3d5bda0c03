"""What the window tests share: what a view shows, clicks, answering dialogs, menus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole


def names(window: MainWindow) -> list[str]:
    """What the current view shows, in order."""
    view = window.views.current_view()
    root = view.rootIndex()
    model = view.model()
    return [model.index(row, 0, root).data(DentryRole).name for row in range(model.rowCount(root))]


def selected_names(window: MainWindow) -> list[str]:
    """The names of the selected items."""
    return [dentry.name for dentry in window.views.selected()]


def row_of(window: MainWindow, name: str) -> QModelIndex:
    """The index of the row called `name` in the current view."""
    view = window.views.current_view()
    root = view.rootIndex()
    model = view.model()
    for row in range(model.rowCount(root)):
        index = model.index(row, 0, root)
        if index.data(DentryRole).name == name:
            return index
    raise AssertionError(f"{name} is not shown; shown: {names(window)}")


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Click a row, then double-click it, as a person opens it."""
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def answer_next_dialog(qtbot: QtBot, text: str | None) -> None:
    """When the next modal input or question dialog opens, type `text` (if any) and accept it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        if isinstance(dialog, QInputDialog) and text is not None:
            dialog.setTextValue(text)
            dialog.accept()
        elif isinstance(dialog, QMessageBox):
            dialog.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(20, answer)


def choose_folder_in_next_dialog(folder: Path | None, started_in: list[str] | None = None) -> None:
    """When the next folder chooser opens (Qt's own file dialog here), choose `folder` in it.

    With `folder` None the folder it offers is taken; `started_in` receives the folder it offered.
    """

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        if started_in is not None:
            started_in.append(dialog.directory().absolutePath())
        if folder is not None:
            dialog.setDirectory(str(folder))
        dialog.accept()

    QTimer.singleShot(20, choose)


def menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    """An action as the menu bar offers it."""
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == menu_title)
    return next(action for action in menu.actions() if action.text() == text)


def wait_for_dialog(qtbot: QtBot, window: MainWindow, class_name: str) -> QObject:
    """The visible top-level widget of this class, once it shows."""
    found: list[QObject] = []

    def present() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if type(w).__name__ == class_name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(present, timeout=10000)
    return found[-1]


class OpenedUrls(QObject):
    """The local files the window asked the desktop to open with their applications."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)

    def paths(self) -> list[Path]:
        """The files opened, in order."""
        return [Path(url.toLocalFile()) for url in self.urls]


@contextmanager
def opening_files() -> Iterator[OpenedUrls]:
    """Catch what the window opens with an application (QDesktopServices.openUrl) instead of opening it."""
    opened = OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        yield opened
    finally:
        QDesktopServices.unsetUrlHandler("file")


def save_like_an_editor(path: Path, data: bytes) -> None:
    """Save `data` into `path` as most editors do: a temporary file beside it, renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def client_of(window: MainWindow) -> StorageClient:
    """The window's own client (the test reads and prepares the service with it)."""
    assert window.session.connection is not None
    return window.session.connection.client


def go_to(qtbot: QtBot, window: MainWindow, path: str, *shown: str) -> None:
    """Type a path into the path bar, and wait until the folder shows these names.

    The root is listed again first: the test made the folder behind the window's back.
    """
    window.refresh_action.trigger()
    top = path.strip("/").split("/")[0]
    qtbot.waitUntil(lambda: top in names(window) or window.navigator.chain != [], timeout=10000)
    window.path_bar.pathEntered.emit(path)
    qtbot.waitUntil(lambda: set(shown) <= set(names(window)), timeout=10000)


def answer_box(button: QMessageBox.StandardButton) -> list[str]:
    """When the next message box opens, read its texts (into the list returned) and press `button`."""
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        said[:] = [box.windowTitle(), box.text(), box.informativeText()]
        box.button(button).click()

    QTimer.singleShot(20, answer)
    return said


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window the active one again (offscreen, a closed dialog leaves none), for shortcuts."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
