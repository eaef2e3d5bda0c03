"""Dragging items out of the window: a file manager's drop gets them as files, downloaded on demand.

Offscreen there is no platform drag, so the test plays the drop target: while the drag runs it
asks the drag's data for ``text/uri-list``, as a file manager does at the drop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import State
from app.ui.main_window import MainWindow
from app.ui.models.item_mime import ItemsMime
from tests.ui.conftest import make_tree
from tests.window.actions.test_transfers import panel_rows
from tests.window.dragging import TIMEOUT_MS, choose, drag, drag_to, go_to, refresh, row_center, shown


@pytest.fixture
def client(service: LocalServer) -> StorageClient:
    """The owner's own client, to set things up and to read what the service holds."""
    return StorageClient(service.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


def as_file_manager(mime: ItemsMime) -> tuple[list[str], list[Path]]:
    """What a file manager sees of a drag, and the files it gets when it asks at the drop."""
    urls: list[QUrl] = mime.urls()
    return mime.formats(), [Path(url.toLocalFile()) for url in urls]


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_dragging_items_out_downloads_them_for_the_drop(
    qtbot: QtBot, window: MainWindow, client: StorageClient, tmp_path: Path, mode: str
) -> None:
    space = window.model.space_id
    root = f"Drag out {mode}"
    make_tree(
        client, space, {root: {"photo.txt": b"pixels", "Album": {"inner.txt": b"inner"}, "x.txt": b"x"}}
    )
    window.set_view_mode(mode)
    refresh(qtbot, window)
    go_to(qtbot, window, f"/{root}")
    choose(qtbot, window, ["photo.txt", "Album"])
    formats, files = drag(qtbot, window, "photo.txt", as_file_manager)
    assert "text/uri-list" in formats
    assert sorted(path.name for path in files) == ["Album", "photo.txt"]
    by_name = {path.name: path for path in files}
    assert by_name["photo.txt"].read_bytes() == b"pixels"
    assert (by_name["Album"] / "inner.txt").read_bytes() == b"inner"
    assert by_name["photo.txt"].parent.parent == tmp_path / "cache" / "drag-out"
    # Downloaded through the transfer queue: the Transfers panel lists them, done.
    done = {(name, state) for name, state, _progress in panel_rows(window)}
    assert {("photo.txt", State.DONE), ("inner.txt", State.DONE)} <= done
    assert window.status.state_label.text() == "2 items downloaded for the drop"


def test_a_drop_inside_the_window_downloads_nothing(
    qtbot: QtBot, window: MainWindow, client: StorageClient, tmp_path: Path
) -> None:
    space = window.model.space_id
    made = make_tree(client, space, {"Drag in": {"keep.txt": b"k", "Into": {}}})
    refresh(qtbot, window)
    go_to(qtbot, window, "/Drag in")
    choose(qtbot, window, ["keep.txt"])
    view = window.views.current_view()
    assert drag_to(qtbot, window, "keep.txt", view.viewport(), row_center(window, "Into")).accepted
    qtbot.waitUntil(lambda: shown(window) == {"Into"}, timeout=TIMEOUT_MS)
    assert [d.name for d in client.iter_dentries(space, made["Drag in/Into"].id)] == ["keep.txt"]
    assert not (tmp_path / "cache" / "drag-out").exists()
    assert panel_rows(window) == []
