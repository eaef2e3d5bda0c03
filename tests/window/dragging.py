"""Driving the window's folders and drags as a person does: go somewhere, choose items, drag, drop."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.models.item_mime import ItemsMime
from tests.ui.helpers import fetch_all
from tests.window.helpers import names, row_of

TIMEOUT_MS = 15_000
T = TypeVar("T")


def refresh(qtbot: QtBot, window: MainWindow) -> None:
    """Refresh the folder shown (F5), for what was made behind the window's back, and wait for it."""
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: window.model.is_complete(window.navigator.folder_index()), timeout=TIMEOUT_MS)


def go_to(qtbot: QtBot, window: MainWindow, path: str) -> None:
    """Type a path into the path bar and wait until that folder is listed to its end."""
    window.path_bar.pathEntered.emit(path)
    qtbot.waitUntil(lambda: window.path_bar.text_path() == path, timeout=TIMEOUT_MS)
    fetch_all(qtbot, window.model, window.navigator.folder_index())


def choose(qtbot: QtBot, window: MainWindow, chosen: list[str]) -> None:
    """Click the first name, Ctrl+click the others, in the view shown."""
    view = window.views.current_view()
    for number, name in enumerate(chosen):
        index = row_of(window, name)
        view.scrollTo(index)
        keys = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, keys, view.visualRect(index).center())
    assert sorted(d.name for d in window.views.selected()) == sorted(chosen)


def drag(qtbot: QtBot, window: MainWindow, name: str, during: Callable[[ItemsMime], T]) -> T:
    """Press on a chosen item and move the mouse; `during` gets what the drag carries, while it lasts.

    Offscreen, Qt's drag ends at once (there is no platform drag): what a platform delivers while
    the mouse is held (moves over other widgets, the drop) is up to `during`, which runs just before.
    """
    view = window.views.current_view()
    results: list[T] = []

    def started(mime: ItemsMime) -> None:
        results.append(during(mime))

    window.drag_source.started.connect(started)
    try:
        index = row_of(window, name)
        center = view.visualRect(index).center()
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseMove(view.viewport(), center + QPoint(4, 2))
        qtbot.mouseMove(view.viewport(), center + QPoint(40, 20))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=center + QPoint(40, 20))
    finally:
        window.drag_source.started.disconnect(started)
    assert len(results) == 1, "no drag started"
    return results[0]


def drag_to(
    qtbot: QtBot, window: MainWindow, name: str, widget: QWidget, point: QPoint, *, ctrl: bool = False
) -> Drop:
    """Drag the chosen items by `name` onto `point` of `widget` and drop them there."""
    return drag(qtbot, window, name, lambda mime: drop_on(window, widget, point, mime, ctrl=ctrl))


class Drop(NamedTuple):
    """How a drop went: accepted or not, and what the status line said while the drag hovered."""

    accepted: bool
    said: str


def drop_on(
    window: MainWindow, widget: QWidget, point: QPoint, data: QMimeData, *, ctrl: bool = False
) -> Drop:
    """Drag `data` over `point` of `widget` and drop it there, as the platform delivers a drag.

    The events go to the window's QWindow: Qt finds the widget under the cursor that accepts
    drops. A drop the hover was refused is not made (the platform would not send it).
    """
    handle = window.windowHandle()
    assert handle is not None
    where = widget.mapTo(window, point)
    keys = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    buttons = Qt.MouseButton.LeftButton
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where - QPoint(1, 1), actions, data, buttons, keys)
    QApplication.sendEvent(handle, enter)
    move = QDragMoveEvent(where, actions, data, buttons, keys)
    QApplication.sendEvent(handle, move)
    said = window.status.state_label.text()
    if not move.isAccepted():
        QApplication.sendEvent(handle, QDragLeaveEvent())
        return Drop(False, said)
    drop = QDropEvent(QPointF(where), actions, data, buttons, keys)
    QApplication.sendEvent(handle, drop)
    return Drop(drop.isAccepted(), said)


def row_center(window: MainWindow, name: str) -> QPoint:
    """The middle of a row of the view shown, in its viewport."""
    view = window.views.current_view()
    index = row_of(window, name)
    view.scrollTo(index)
    return view.visualRect(index).center()


def tree_index(qtbot: QtBot, window: MainWindow, path: list[str]) -> QModelIndex:
    """The folder tree's index of a folder, expanding (and so listing) the folders on the way."""
    tree = window.spaces_pane.folder_tree
    folders = window.spaces_pane.folders
    parent = QModelIndex()
    for name in path:
        found = [
            folders.index(row, 0, parent)
            for row in range(folders.rowCount(parent))
            if folders.index(row, 0, parent).data() == name
        ]
        assert found, f"{name} is not in the folder tree"
        parent = found[0]
        tree.expand(parent)
        source = folders.mapToSource(parent)
        qtbot.waitUntil(lambda s=source: window.model.is_complete(s), timeout=TIMEOUT_MS)
    return parent


def tree_point(window: MainWindow, index: QModelIndex) -> QPoint:
    """The middle of a row of the folder tree, in its viewport."""
    tree: QAbstractItemView = window.spaces_pane.folder_tree
    tree.scrollTo(index)
    return tree.visualRect(index).center()


def shown(window: MainWindow) -> set[str]:
    """The names the view shows."""
    return set(names(window))
