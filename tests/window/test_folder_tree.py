"""The folder tree lists folders in the order the file views beside it show them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_SECRET
from app.ui.language import Language
from app.ui.main_window import MainWindow
from tests.window.conftest import running_window, window_account
from tests.window.helpers import client_of, names
from tests.window.test_changes import grid_names, tree_names


@pytest.fixture
def chinese_window(
    qtbot: QtBot, service: LocalServer, tmp_path: Path, chinese: Language
) -> Iterator[MainWindow]:
    """The window on the demo space, made in Chinese (the sort order is the language's)."""
    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as main:
        yield main


def folders_shown(window: MainWindow, shown: list[str]) -> list[str]:
    """The names of `shown` that are folders of the tree, in the order of `shown`."""
    folders = set(tree_names(window))
    return [name for name in shown if name in folders]


def test_in_chinese_the_tree_sorts_by_pinyin_as_the_views_do(chinese_window: MainWindow) -> None:
    window = chinese_window
    tree = tree_names(window)
    # The service lists by code point (Documents … Photos, then 照片); Chinese order puts Han first.
    assert tree.index("照片") < tree.index("Documents")
    assert tree == folders_shown(window, names(window)) == folders_shown(window, grid_names(window))


def test_in_english_the_tree_sorts_as_the_views_do(qtbot: QtBot, window: MainWindow) -> None:
    client = client_of(window)
    for name in ("Folder 10", "folder 2"):
        client.add_folder(window.model.space_id, "0", name)
    window.refresh()
    qtbot.waitUntil(lambda: "folder 2" in tree_names(window), timeout=10_000)
    tree = tree_names(window)
    # Numbers by value and any case (code points put "Folder 10" before "folder 2").
    assert tree.index("folder 2") < tree.index("Folder 10")
    assert tree.index("Documents") < tree.index("Photos") < tree.index("照片")
    assert tree == folders_shown(window, names(window))
