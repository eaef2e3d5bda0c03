"""File actions driven like a person: properties and the item menu, new folder, rename, delete, open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.ui.dialogs.properties import PropertiesDialog
from app.ui.main_window import MainWindow
from tests.window.helpers import (
    answer_next_dialog,
    double_click,
    menu_action,
    names,
    opening_files,
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
        "Down&load",
        "Do&wnload to…",
        "Make &thumbnail",
        "Cu&t",
        "&Copy",
        "Re&name…",
        "&Delete",
        "&Versions…",
        "&Share…",
        "P&roperties",
        "&Paste",
        "&New folder…",
        "&Upload files…",
        "Upload &folder…",
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


def test_double_click_a_file_downloads_and_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    with opening_files() as opened:
        double_click(qtbot, window.views.details, row_of(window, "Welcome.txt"))
        qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=15000)
    path = opened.paths()[0]
    assert path.name == "Welcome.txt"
    assert path.read_text(encoding="utf-8").startswith("Welcome to Dentry")


def empty_spot(view: QAbstractItemView) -> QPoint:
    """A point of the view's viewport with no item under it."""
    area = view.viewport().rect()
    for y in range(area.bottom() - 5, area.top(), -20):
        for x in range(area.right() - 5, area.left(), -20):
            if not view.indexAt(QPoint(x, y)).isValid():
                return QPoint(x, y)
    raise AssertionError("no empty space in the view")


def right_click(qtbot: QtBot, view: QAbstractItemView, where: QPoint) -> QMenu:
    """Press the right button there and ask for the context menu, as the platform does; the menu shown."""
    viewport = view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=where)
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where))
    )
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_item_actions_follow_the_selection_after_a_menu_on_empty_space(
    qtbot: QtBot, window: MainWindow, mode: str
) -> None:
    """Regression: a menu on empty space disabled Properties & co. (shortcuts too) until an item menu."""
    window.set_view_mode(mode)
    view = window.views.current_view()
    menu = right_click(qtbot, view, empty_spot(view))
    offered = {action.text(): action.isEnabled() for action in menu.actions() if action.text()}
    assert not offered["P&roperties"]  # about the folder, not an item
    assert offered["&New folder…"]
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)

    index = row_of(window, "Welcome.txt")
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert selected_names(window) == ["Welcome.txt"]
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    dialog = wait_for_dialog(qtbot, window, "PropertiesDialog")
    assert isinstance(dialog, PropertiesDialog)
    assert dialog.values["name"].text() == "Welcome.txt"
    dialog.close()
