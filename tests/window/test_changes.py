"""Announced changes reach every view of the window: both file views, the folder tree, the status line.

Operations run against the local service on the window's own pool and bus, as an action would run
them; the views must follow without listing any folder again.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.ui.main_window import MainWindow
from app.ui.operations import Changes, Operation, dentries
from tests.window.helpers import names

TIMEOUT_MS = 10_000


def tree_names(window: MainWindow, folder_id: str | None = None) -> list[str]:
    """The folders the folder tree shows in a folder (default: the space root)."""
    folders = window.spaces_pane.folders
    parent = (
        QModelIndex() if folder_id is None else folders.mapFromSource(window.model.dentry_index(folder_id))
    )
    return [folders.index(row, 0, parent).data() for row in range(folders.rowCount(parent))]


def grid_names(window: MainWindow) -> list[str]:
    window.set_view_mode("grid")
    try:
        return names(window)
    finally:
        window.set_view_mode("details")


def test_announced_changes_update_both_views_and_the_tree_in_place(qtbot: QtBot, window: MainWindow) -> None:
    connection = window.session.connection
    assert connection is not None
    client: StorageClient = connection.client
    space = window.model.space_id
    documents = next(d for d in window.model.dentries() if d.name == "Documents")
    tree = window.spaces_pane.folder_tree
    documents_in_tree = window.spaces_pane.folders.mapFromSource(window.model.dentry_index(documents.id))
    tree.expand(documents_in_tree)  # lists Documents, as a person opening it in the tree does
    qtbot.waitUntil(
        lambda: window.model.is_complete(window.model.dentry_index(documents.id)), timeout=TIMEOUT_MS
    )
    listed: list[QModelIndex] = []
    window.model.pageLoaded.connect(lambda folder, _rows: listed.append(folder))
    announced: list[Changes] = []
    window.changes.changed.connect(announced.append)
    count_before = window.status.count_label.text()

    def run(operation: Operation[object]) -> None:
        done: list[object] = []
        operation.success(done.append).failure(done.append).run_in_background(
            window.background, window.changes
        )
        qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT_MS)
        assert not isinstance(done[0], BaseException), done[0]

    made = dentries.new_folder(client, space, "0", "Announced folder")
    run(made)
    assert "Announced folder" in names(window)
    assert "Announced folder" in grid_names(window)
    assert "Announced folder" in tree_names(window)
    assert window.status.count_label.text() != count_before
    folder = announced[-1].added[0]

    run(dentries.rename(client, space, folder.id, "Renamed by an operation"))
    for shown in (names(window), grid_names(window), tree_names(window)):
        assert "Renamed by an operation" in shown
        assert "Announced folder" not in shown

    # A move announced by id only (as a move operation will): the row leaves the folder shown and
    # shows under Documents in the tree.
    move = Operation(
        partial(client.move_dentry, space, folder.id, documents.id),
        lambda _result: Changes(space, moved={folder.id: documents.id}),
    )
    run(move)
    assert "Renamed by an operation" not in names(window)
    assert "Renamed by an operation" not in grid_names(window)
    assert "Renamed by an operation" in tree_names(window, documents.id)
    assert "Renamed by an operation" in {d.name for d in client.iter_dentries(space, documents.id)}

    run(dentries.delete(client, space, [folder.id]))
    assert "Renamed by an operation" not in tree_names(window, documents.id)
    assert announced[-1].recycle_bin
    assert "Renamed by an operation" not in {d.name for d in client.iter_dentries(space, documents.id)}

    assert listed == []  # every change was applied in place: no folder was listed again
