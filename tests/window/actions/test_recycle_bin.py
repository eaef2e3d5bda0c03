"""The recycle bin driven like a person: delete and Undo, the bin's view, Restore, Delete forever, Empty."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Dentry, RecycleItem
from app.ui.main_window import MainWindow
from app.ui.models.recycle_bin_model import Column, ItemRole
from tests.api.conftest import download, upload
from tests.window.helpers import activate, answer_box, client_of, go_to, menu_action, names, row_of


def bin_items(client: StorageClient, space_id: str) -> list[RecycleItem]:
    """What the service holds in the space's recycle bin."""
    return client.list_recycle_items(client.get_recycle_bin(space_id).id)


def folder_with_files(client: StorageClient, space_id: str, name: str) -> tuple[Dentry, dict[str, bytes]]:
    """A new folder of the root with two files and a folder holding a third; its files' bytes by path."""
    folder = client.add_folder(space_id, "0", name)
    files = {"alpha.txt": b"alpha " * 3000, "beta.bin": bytes(range(256)) * 33}
    for file_name, data in files.items():
        upload(client, space_id, file_name, data, parent=folder.id)
    inner = client.add_folder(space_id, folder.id, "Inner")
    upload(client, space_id, "deep.txt", "深处的文字".encode(), parent=inner.id)
    return folder, {**files, "Inner/deep.txt": "深处的文字".encode()}


def contents(client: StorageClient, space_id: str, folder_id: str, prefix: str = "") -> dict[str, bytes]:
    """Every file under a folder on the service, with its bytes, by path."""
    found: dict[str, bytes] = {}
    for dentry in client.iter_dentries(space_id, folder_id):
        if dentry.is_folder:
            found |= contents(client, space_id, dentry.id, f"{prefix}{dentry.name}/")
        else:
            found[prefix + dentry.name] = download(client, space_id, dentry.id)
    return found


def undo_with_the_button(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.status.undo_button, Qt.MouseButton.LeftButton)


def undo_with_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    menu_action(window, "&Edit", "&Undo").trigger()


def undo_with_ctrl_z(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window.views.current_view(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(
    ("how", "undo", "mode"),
    [
        ("button", undo_with_the_button, "details"),
        ("menu", undo_with_the_menu, "grid"),
        ("Ctrl+Z", undo_with_ctrl_z, "grid"),
    ],
)
def test_delete_goes_to_the_recycle_bin_and_undo_brings_everything_back(
    qtbot: QtBot, window: MainWindow, how: str, undo: Callable[[QtBot, MainWindow], None], mode: str
) -> None:
    client, space_id = client_of(window), window.model.space_id
    folder, before = folder_with_files(client, space_id, f"Undo by {how}")
    go_to(qtbot, window, f"/Undo by {how}", "alpha.txt", "beta.bin", "Inner")
    listed: list[int] = []
    window.model.pageLoaded.connect(lambda _index, rows: listed.append(rows))
    assert not window.undo_action.isEnabled()

    window.set_view_mode(mode)
    window.views.current_view().selectAll()
    question = answer_box(QMessageBox.StandardButton.Yes)
    menu_action(window, "&File", "&Delete").trigger()
    qtbot.waitUntil(lambda: names(window) == [], timeout=10000)
    assert question[1] == "Move these 3 items to the recycle bin?"
    assert "undo" in question[2]
    assert window.status.state_label.text() == "Moved 3 items to the recycle bin."
    assert window.status.undo_button.isVisible()
    assert window.undo_action.isEnabled()
    assert list(client.iter_dentries(space_id, folder.id)) == []
    assert {"alpha.txt", "beta.bin", "Inner"} <= {item.original_name for item in bin_items(client, space_id)}

    undo(qtbot, window)
    qtbot.waitUntil(lambda: sorted(names(window)) == ["Inner", "alpha.txt", "beta.bin"], timeout=10000)
    qtbot.waitUntil(lambda: window.status.state_label.text() == "Restored 3 items.", timeout=5000)
    assert contents(client, space_id, folder.id) == before  # where they were, byte for byte
    assert not window.undo_action.isEnabled()
    assert not window.status.undo_button.isVisible()
    assert {"alpha.txt", "beta.bin", "Inner"}.isdisjoint(
        item.original_name for item in bin_items(client, space_id)
    )
    assert listed == []  # the folder updated from the announced changes, never listed again


def test_delete_asked_and_refused_keeps_everything(qtbot: QtBot, window: MainWindow) -> None:
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    question = answer_box(QMessageBox.StandardButton.No)
    menu_action(window, "&File", "&Delete").trigger()
    qtbot.waitUntil(lambda: bool(question), timeout=5000)
    assert question[1] == "Move “Welcome.txt” to the recycle bin?"
    qtbot.wait(200)
    assert "Welcome.txt" in names(window)
    assert not window.undo_action.isEnabled()


def open_bin(qtbot: QtBot, window: MainWindow) -> None:
    """Click the "Recycle bin" entry under the space, and wait until its items are listed."""
    spaces = window.spaces_pane.spaces_list
    row = next(r for r in range(spaces.count()) if spaces.item(r).text() == "Recycle bin")
    qtbot.mouseClick(
        spaces.viewport(), Qt.MouseButton.LeftButton, pos=spaces.visualItemRect(spaces.item(row)).center()
    )
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.bin_view, timeout=5000)
    qtbot.waitUntil(lambda: not window.bin_model.loading, timeout=10000)


def bin_rows(window: MainWindow) -> dict[str, list[str]]:
    """The bin view's rows as shown, by name: every column's text."""
    proxy = window.bin_view.proxy
    return {
        proxy.index(row, 0).data(): [proxy.index(row, column).data() for column in Column]
        for row in range(proxy.rowCount())
    }


def select_in_bin(qtbot: QtBot, window: MainWindow, *chosen: str) -> None:
    """Click the first name, Ctrl+click the others."""
    table, proxy = window.bin_view.table, window.bin_view.proxy
    rows = {proxy.index(row, 0).data(): row for row in range(proxy.rowCount())}
    for number, name in enumerate(chosen):
        index = proxy.index(rows[name], 0)
        table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center()
        )
    assert {item.original_name for item in window.bin_view.selected_items()} == set(chosen)


def bin_menu(qtbot: QtBot, window: MainWindow, name: str) -> QMenu:
    """The item menu of a row of the bin."""
    table, proxy = window.bin_view.table, window.bin_view.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == name)
    table.customContextMenuRequested.emit(table.visualRect(proxy.index(row, 0)).center())
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    assert isinstance(menu, QMenu)
    return menu


def test_the_recycle_bin_view_restores_deletes_forever_and_empties(qtbot: QtBot, window: MainWindow) -> None:
    client, space_id = client_of(window), window.model.space_id
    folder = client.add_folder(space_id, "0", "Bin test")
    for name in ("one.txt", "two.txt", "three.txt"):
        upload(client, space_id, name, name.encode() * 10, parent=folder.id)
    kept = client.add_folder(space_id, folder.id, "Kept folder")
    upload(client, space_id, "inside.txt", b"inside", parent=kept.id)
    go_to(qtbot, window, "/Bin test", "one.txt", "two.txt", "three.txt", "Kept folder")
    window.views.details.selectAll()
    answer_box(QMessageBox.StandardButton.Yes)
    menu_action(window, "&File", "&Delete").trigger()
    qtbot.waitUntil(lambda: names(window) == [], timeout=10000)
    listed: list[int] = []
    window.model.pageLoaded.connect(lambda _index, rows: listed.append(rows))

    open_bin(qtbot, window)
    rows = bin_rows(window)
    assert rows["one.txt"][Column.ORIGINAL_PATH] == "/Bin test/one.txt"
    assert rows["one.txt"][Column.DELETED_BY] == "local-user"
    assert rows["one.txt"][Column.SIZE] == "70 bytes"
    assert rows["one.txt"][Column.DELETED]  # a date
    assert {"two.txt", "three.txt", "Kept folder"} <= set(rows)
    assert window.bin_view.title.text() == "Recycle bin of Demo space (organization)"
    assert not window.delete_action.isEnabled()  # Delete here is Delete forever

    # Restore, from the item menu: back in their folder (on the service and in the window).
    select_in_bin(qtbot, window, "one.txt", "Kept folder")
    menu = bin_menu(qtbot, window, "one.txt")
    offered = [action.text() for action in menu.actions() if action.text()]
    assert offered == ["R&estore", "Delete &forever…", "&Empty recycle bin…"]
    next(action for action in menu.actions() if action.text() == "R&estore").trigger()
    menu.close()
    qtbot.waitUntil(lambda: "one.txt" not in bin_rows(window), timeout=10000)
    assert "Kept folder" not in bin_rows(window)
    assert window.status.state_label.text() == "Restored 2 items."
    on_service = {dentry.name for dentry in client.iter_dentries(space_id, folder.id)}
    assert on_service == {"one.txt", "Kept folder"}
    assert contents(client, space_id, folder.id) == {
        "one.txt": b"one.txt" * 10,
        "Kept folder/inside.txt": b"inside",
    }

    # Delete forever, with the Delete key, after a confirmation (No keeps it, Yes deletes it).
    select_in_bin(qtbot, window, "two.txt")
    activate(qtbot, window)
    question = answer_box(QMessageBox.StandardButton.No)
    qtbot.keyClick(window.bin_view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(question), timeout=5000)
    assert question[1:] == ["Delete “two.txt” forever?", "This cannot be undone."]
    assert "two.txt" in bin_rows(window)
    activate(qtbot, window)
    answer_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window.bin_view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "two.txt" not in bin_rows(window), timeout=10000)
    assert "two.txt" not in {item.original_name for item in bin_items(client, space_id)}
    assert "three.txt" in bin_rows(window)

    # Empty recycle bin (File menu), after a confirmation.
    question = answer_box(QMessageBox.StandardButton.Yes)
    menu_action(window, "&File", "&Empty recycle bin…").trigger()
    qtbot.waitUntil(lambda: bin_rows(window) == {}, timeout=10000)
    assert question[0] == "Empty recycle bin"
    assert bin_items(client, space_id) == []
    assert window.bin_view.state.text() == "The recycle bin is empty."

    # Back in the folder: the restored items are there, and the folder tree has the folder again.
    go_to(qtbot, window, "/Bin test", "one.txt", "Kept folder")
    assert sorted(names(window)) == ["Kept folder", "one.txt"]
    tree = window.spaces_pane.folders
    bin_test = tree.mapFromSource(window.navigator.folder_index())
    assert [tree.index(r, 0, bin_test).data() for r in range(tree.rowCount(bin_test))] == ["Kept folder"]
    assert listed == []  # from the announced changes, never listed again


def test_a_restore_that_partly_fails_says_which_and_why(qtbot: QtBot, window: MainWindow) -> None:
    client, space_id = client_of(window), window.model.space_id
    folder = client.add_folder(space_id, "0", "Partly")
    files = [upload(client, space_id, name, b"x", parent=folder.id) for name in ("stays.txt", "purged.txt")]
    client.delete_dentries(space_id, [dentry.id for dentry in files], to_recycle_bin=True)
    open_bin(qtbot, window)
    select_in_bin(qtbot, window, "stays.txt", "purged.txt")
    purged = next(item for item in bin_items(client, space_id) if item.original_name == "purged.txt")
    client.delete_recycle_item(client.get_recycle_bin(space_id).id, purged.id)  # meanwhile, elsewhere
    said = answer_box(QMessageBox.StandardButton.Ok)
    menu_action(window, "&File", "R&estore").trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said[1] == "1 item could not be restored:"
    assert said[2].startswith("“purged.txt”: ")
    qtbot.waitUntil(lambda: "stays.txt" not in bin_rows(window), timeout=10000)
    assert [dentry.name for dentry in client.iter_dentries(space_id, folder.id)] == ["stays.txt"]
    assert "purged.txt" not in bin_rows(window)  # gone from the bin, so gone from its view
    proxy = window.bin_view.proxy
    assert all(proxy.index(r, 0).data(ItemRole).id != purged.id for r in range(proxy.rowCount()))


def delete_and_open_bin(qtbot: QtBot, window: MainWindow, folder_name: str, chosen: list[str]) -> None:
    """Files of these names, made in a new folder and deleted (elsewhere); then the bin, opened."""
    client, space_id = client_of(window), window.model.space_id
    folder = client.add_folder(space_id, "0", folder_name)
    files = [upload(client, space_id, name, b"x", parent=folder.id) for name in chosen]
    client.delete_dentries(space_id, [dentry.id for dentry in files], to_recycle_bin=True)
    open_bin(qtbot, window)


def test_the_bin_sorts_names_as_the_file_views_do(qtbot: QtBot, window: MainWindow) -> None:
    chosen = ["Report 10.txt", "report 2.txt", "Report 1.txt"]
    delete_and_open_bin(qtbot, window, "Sorted bin", chosen)
    header = window.bin_view.table.horizontalHeader()
    name_header = QPoint(header.sectionViewportPosition(Column.NAME) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    assert header.sortIndicatorSection() == Column.NAME
    shown = [name for name in bin_rows(window) if name in chosen]
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        shown.reverse()
    # Numbers by value and any case, as in the folder views (code points put "10" before "2").
    assert shown == ["Report 1.txt", "report 2.txt", "Report 10.txt"]


def test_the_filter_field_filters_the_bin(qtbot: QtBot, window: MainWindow) -> None:
    chosen = ["budget 2026.xlsx", "budget 2025.xlsx", "holiday.jpg"]
    delete_and_open_bin(qtbot, window, "Filtered bin", chosen)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, "budget*")
    assert sorted(bin_rows(window)) == ["budget 2025.xlsx", "budget 2026.xlsx"]
    assert window.bin_view.state.text() == "2 items match the filter"
    window.filter_edit.clear()
    assert set(chosen) <= set(bin_rows(window))
    assert window.bin_view.state.text().endswith("items in the recycle bin")


def test_go_menu_and_path_bar_lead_in_and_out_of_the_bin(qtbot: QtBot, window: MainWindow) -> None:
    menu_action(window, "&Go", "Recycle &bin").trigger()
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.bin_view, timeout=5000)
    assert window.spaces_pane.spaces_list.currentItem().text() == "Recycle bin"
    window.path_bar.crumbClicked.emit(0)  # the space's crumb
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.views, timeout=5000)
    qtbot.waitUntil(lambda: "Welcome.txt" in names(window), timeout=10000)
    assert window.spaces_pane.spaces_list.currentItem().text() == "Demo space (organization)"
    assert window.new_folder_action.isEnabled()


def test_item_menu_of_the_bin_on_empty_space_offers_only_empty(qtbot: QtBot, window: MainWindow) -> None:
    open_bin(qtbot, window)
    table = window.bin_view.table
    spot = QPoint(table.viewport().width() - 3, table.viewport().height() - 3)
    table.customContextMenuRequested.emit(spot)
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    enabled = {action.text(): action.isEnabled() for action in menu.actions() if action.text()}
    menu.close()
    assert not enabled["R&estore"]
    assert not enabled["Delete &forever…"]
