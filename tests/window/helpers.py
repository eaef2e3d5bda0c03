"""What the window tests share: what a view shows, clicks, answering dialogs, menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

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


def choose_folder_in_next_dialog(folder: Path) -> None:
    """When the next folder chooser opens (Qt's own file dialog here), choose `folder` in it."""

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
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
