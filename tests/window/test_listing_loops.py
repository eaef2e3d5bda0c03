"""Listings that would never end stop with a clear error, in the folder views and search (issue 8, item 11).

The window talks real HTTP to a small misbehaving service (`tests.support.scripted_service`): a
folder whose ``nextToken`` keeps coming back, a folder that lists itself, one that lists the
folder above it, and a search whose pages never end.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.api.paging import MAX_REPEATS
from app.ui.main_window import MainWindow
from tests.support.scripted_service import (
    APP_KEY,
    APP_SECRET,
    UNION_ID,
    Answer,
    Request,
    ScriptedService,
    dentry,
    not_found,
    scripted_service,
)
from tests.window.conftest import running_window
from tests.window.helpers import double_click, names, row_of

MOST_PAGES = 1 + 1 + MAX_REPEATS
"""The first page, the one that gave the token first, and the repeats the guard allows."""
LOOP = "The storage service keeps listing the same entries."
FOLDERS = {
    "0": [
        dentry("10", "Stuck", folder=True),
        dentry("20", "Self", folder=True),
        dentry("30", "Deep", folder=True),
    ],
    "20": [dentry("21", "fine.bin", parent_id="20"), dentry("20", "Self", parent_id="20", folder=True)],
    "30": [dentry("31", "Inner", parent_id="30", folder=True)],
    "31": [dentry("30", "Deep", parent_id="31", folder=True)],
}


def hostile() -> Answer:
    """A service whose folder 10 and search pages never end, and whose folders 20 and 31 go round."""
    pages = itertools.count(1)

    def answer(request: Request) -> tuple[int, Any]:
        if request.path == "/v1.0/drive/spaces":
            org = request.query.get("spaceType") == "org"
            return 200, {"spaces": [{"spaceId": "7", "spaceName": "Hostile"}] if org else []}
        if request.path == "/v1.0/storage/spaces/7/dentries":
            parent = request.query.get("parentId", "0")
            if parent == "10":  # a new entry on every page, and the same token: the views keep asking
                number = next(pages)
                return 200, {
                    "dentries": [dentry(f"1{number:03d}", f"x{number:03d}.bin", parent_id="10")],
                    "nextToken": "same",
                }
            return 200, {"dentries": FOLDERS.get(parent, [])}
        if request.path == "/v2.0/storage/dentries/search":
            hit = {"dentryUuid": "u11", "name": "x.bin", "path": {"path": "/Stuck/x.bin"}, "spaceId": "7"}
            return 200, {"items": [hit], "nextToken": "again"}
        return not_found(request)

    return answer


@pytest.fixture
def service() -> Iterator[ScriptedService]:
    with scripted_service(hostile()) as running:
        yield running


@pytest.fixture
def window(qtbot: QtBot, service: ScriptedService, tmp_path: Path) -> Iterator[MainWindow]:
    account = Account("Hostile", service.url, APP_KEY, UNION_ID)
    with running_window(qtbot, tmp_path, account, APP_SECRET) as main:
        yield main


def listings_of(service: ScriptedService, folder_id: str) -> int:
    return sum(1 for call in service.calls("/dentries") if call.query.get("parentId") == folder_id)


def open_folder(qtbot: QtBot, window: MainWindow, name: str) -> None:
    double_click(qtbot, window.views.current_view(), row_of(window, name))


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_a_page_token_that_keeps_coming_back_ends_with_an_error(
    qtbot: QtBot, window: MainWindow, service: ScriptedService, mode: str
) -> None:
    window.set_view_mode(mode)
    open_folder(qtbot, window, "Stuck")
    qtbot.waitUntil(lambda: window.status.state_label.text() == LOOP, timeout=10000)
    assert window.model.error_text(window.navigator.folder_index()) == LOOP
    asked = listings_of(service, "10")
    assert asked == MOST_PAGES
    qtbot.wait(1000)  # the views would ask for more pages now, were the folder not ended
    window.views.current_view().verticalScrollBar().setValue(10_000)
    qtbot.wait(500)
    assert listings_of(service, "10") == asked
    assert names(window) == [f"x{number:03d}.bin" for number in range(1, MOST_PAGES + 1)]


def test_a_folder_that_lists_itself_or_a_folder_above_it_ends_with_an_error(
    qtbot: QtBot, window: MainWindow, service: ScriptedService
) -> None:
    open_folder(qtbot, window, "Self")
    qtbot.waitUntil(lambda: window.status.state_label.text() == LOOP, timeout=10000)
    assert names(window) == ["fine.bin"]  # what it listed rightly stays
    assert listings_of(service, "20") == 1

    window.navigator.go_up()
    qtbot.waitUntil(lambda: "Deep" in names(window), timeout=10000)
    open_folder(qtbot, window, "Deep")
    qtbot.waitUntil(lambda: names(window) == ["Inner"], timeout=10000)
    open_folder(qtbot, window, "Inner")
    qtbot.waitUntil(lambda: window.status.state_label.text() == LOOP, timeout=10000)
    assert names(window) == []
    assert listings_of(service, "31") == 1


def test_a_search_whose_pages_never_end_stops_with_an_error(
    qtbot: QtBot, window: MainWindow, service: ScriptedService
) -> None:
    window.filter_edit.setText("x")
    window.filter_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: window.status.state_label.text() == f"Search failed: {LOOP}", timeout=10000)
    assert len(service.calls("/dentries/search")) == MOST_PAGES


def test_the_error_is_said_in_chinese(
    qtbot: QtBot, chinese: object, service: ScriptedService, tmp_path: Path
) -> None:
    account = Account("Hostile", service.url, APP_KEY, UNION_ID)
    with running_window(qtbot, tmp_path, account, APP_SECRET) as window:
        open_folder(qtbot, window, "Stuck")
        qtbot.waitUntil(
            lambda: window.model.error_text(window.navigator.folder_index()) is not None, timeout=10000
        )
        said = window.status.state_label.text()
        assert re.search("[\u4e00-\u9fff]", said), said
        assert not re.search("[A-Za-z]{2,}", said), said
