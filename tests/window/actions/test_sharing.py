"""Sharing from the window: the Share… dialog of the owner, and a colleague's window on what was shared.

The colleague is a second user (another unionId) with a window of their own on the same local
service, as the issue's acceptance asks: they browse and download a folder shared with them as
Downloader, and the window refuses their uploads there, saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Permission
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.ui.dialogs.share import ShareDialog
from app.ui.main_window import MainWindow
from tests.ui.conftest import make_tree
from tests.window.actions.test_files import right_click
from tests.window.conftest import open_window
from tests.window.dragging import TIMEOUT_MS, choose, go_to, refresh, row_center, shown
from tests.window.helpers import choose_folder_in_next_dialog, menu_action

COLLEAGUE = "colleague-union-id"


@pytest.fixture
def client(service: LocalServer) -> StorageClient:
    """The owner's own client, to set things up and to read what the service holds."""
    return StorageClient(service.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


def granted(client: StorageClient, space_id: str, dentry_id: str) -> list[tuple[str, str, int | None]]:
    """Who holds which role on a dentry, for how long, as the service says."""
    permissions: list[Permission] = client.list_permissions(space_id, dentry_id)
    return sorted((p.member_id, p.role, p.duration) for p in permissions)


def members(dialog: ShareDialog) -> list[tuple[str, ...]]:
    """The rows of the dialog's list of members, as shown."""
    list_ = dialog.members
    rows = [list_.topLevelItem(row) for row in range(list_.topLevelItemCount())]
    return [tuple(row.text(column) for column in range(list_.columnCount())) for row in rows if row]


def open_dialog(qtbot: QtBot) -> ShareDialog:
    """The Share dialog that just opened, once it lists the members."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShareDialog), timeout=TIMEOUT_MS)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ShareDialog)
    qtbot.waitUntil(lambda: dialog.members.topLevelItemCount() > 0, timeout=TIMEOUT_MS)
    return dialog


def pick(box: QComboBox, text: str) -> None:
    """Choose the entry called `text`, as a click in the open list does."""
    box.setCurrentIndex(box.findText(text))


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_share_a_folder_add_change_and_remove_a_member(
    qtbot: QtBot, window: MainWindow, client: StorageClient, mode: str
) -> None:
    space = window.model.space_id
    root = f"Share {mode}"
    made = make_tree(client, space, {root: {"Plans": {"a.txt": b"a"}, "notes.txt": b"n"}})
    window.set_view_mode(mode)
    refresh(qtbot, window)
    go_to(qtbot, window, f"/{root}")
    choose(qtbot, window, ["Plans"])
    view = window.views.current_view()
    menu = right_click(qtbot, view, row_center(window, "Plans"))
    share = next(action for action in menu.actions() if action.text() == "&Share…")
    menu.close()
    share.trigger()
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "Share “Plans”"
    assert members(dialog) == [("Nobody besides the space's owner", "", "")]
    qtbot.waitUntil(lambda: dialog.own_role.text() == "Your role: Owner", timeout=TIMEOUT_MS)
    assert not dialog.add_button.isEnabled()  # no member typed yet
    assert dialog.add_button.toolTip() == "Type the user's unionId first"

    qtbot.keyClicks(dialog.union_id, COLLEAGUE)
    pick(dialog.new_role, "Downloader")
    pick(dialog.expiry, "In 7 days")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: [m[:2] for m in members(dialog)] == [(COLLEAGUE, "Downloader")], timeout=TIMEOUT_MS
    )
    assert dialog.message.text() == f"{COLLEAGUE} now holds the role Downloader"
    assert members(dialog)[0][2] not in ("", "Always")  # the date it lapses
    plans = made[f"{root}/Plans"].id
    assert granted(client, space, plans) == [(COLLEAGUE, "DOWNLOADER", 7 * 86400)]

    dialog.members.topLevelItem(0).setSelected(True)
    pick(dialog.chosen_role, "Editor")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [m[:2] for m in members(dialog)] == [(COLLEAGUE, "Editor")], timeout=TIMEOUT_MS)
    assert granted(client, space, plans) == [(COLLEAGUE, "EDITOR", 7 * 86400)]

    dialog.members.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: members(dialog)[0][0] == "Nobody besides the space's owner", timeout=TIMEOUT_MS)
    assert dialog.message.text() == f"Taken back: {COLLEAGUE}"
    assert granted(client, space, plans) == []
    dialog.reject()


def test_share_several_items_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    made = make_tree(client, space, {"Share many": {"one.txt": b"1", "two.txt": b"2", "Folder": {}}})
    refresh(qtbot, window)
    go_to(qtbot, window, "/Share many")
    choose(qtbot, window, ["one.txt", "Folder"])
    menu_action(window, "&File", "&Share…").trigger()
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "Share 2 items"
    qtbot.keyClicks(dialog.union_id, COLLEAGUE)
    pick(dialog.new_role, "Reader")
    qtbot.keyClick(dialog.union_id, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(members(dialog)) == 2, timeout=TIMEOUT_MS)
    assert sorted(members(dialog)) == [
        (COLLEAGUE, "Reader", "Always", "Folder"),
        (COLLEAGUE, "Reader", "Always", "one.txt"),
    ]
    for name in ("Share many/one.txt", "Share many/Folder"):
        assert granted(client, space, made[name].id) == [(COLLEAGUE, "READER", None)]
    assert granted(client, space, made["Share many/two.txt"].id) == []
    dialog.reject()


def refuses_local_files(window: MainWindow, path: Path) -> bool:
    """Drag a local file over the file view shown, as a file manager would; whether it is refused."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    handle = window.windowHandle()
    assert handle is not None
    where = window.views.current_view().viewport().mapTo(window, QPoint(42, 42))
    buttons, keys, copy = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.CopyAction
    QApplication.sendEvent(handle, QDragEnterEvent(where - QPoint(2, 2), copy, data, buttons, keys))
    move = QDragMoveEvent(where, copy, data, buttons, keys)
    QApplication.sendEvent(handle, move)
    return not move.isAccepted()


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_a_colleague_browses_and_downloads_what_was_shared_but_cannot_upload_there(
    qtbot: QtBot, service: LocalServer, client: StorageClient, tmp_path: Path, mode: str
) -> None:
    space = service.demo_space_id
    assert space is not None
    root = f"Team {mode}"
    made = make_tree(
        client, space, {root: {"Docs": {"report.txt": b"quarterly numbers", "Drafts": {}}, "Private": {}}}
    )
    client.add_permission(space, made[f"{root}/Docs"].id, "DOWNLOADER", [COLLEAGUE])
    (tmp_path / "colleague").mkdir()
    with open_window(qtbot, service.url, tmp_path / "colleague", COLLEAGUE) as colleague:
        colleague.set_view_mode(mode)
        # The way down to what is shared, nothing beside it.
        qtbot.waitUntil(lambda: root in shown(colleague), timeout=TIMEOUT_MS)
        go_to(qtbot, colleague, f"/{root}")
        assert shown(colleague) == {"Docs"}
        go_to(qtbot, colleague, f"/{root}/Docs")
        assert shown(colleague) == {"report.txt", "Drafts"}

        # Uploading here is refused, and the window says why.
        why = "Uploading here needs the Editor role or higher; your role: Downloader"
        qtbot.waitUntil(lambda: not colleague.upload_files_action.isEnabled(), timeout=TIMEOUT_MS)
        assert colleague.upload_files_action.toolTip() == why
        assert not colleague.upload_folder_action.isEnabled()
        assert not colleague.new_folder_action.isEnabled()
        local = tmp_path / "mine.txt"
        local.write_text("mine", encoding="utf-8")
        assert refuses_local_files(colleague, local)
        assert colleague.status.state_label.text() == why

        # Downloading works.
        choose(qtbot, colleague, ["report.txt"])
        qtbot.waitUntil(colleague.download_action.isEnabled, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: not colleague.delete_action.isEnabled(), timeout=TIMEOUT_MS)
        assert colleague.delete_action.toolTip() == (
            "Deleting needs the Editor role or higher; your role on “report.txt”: Downloader"
        )
        target = tmp_path / "downloads"
        target.mkdir()
        choose_folder_in_next_dialog(target)
        colleague.download_action.trigger()
        qtbot.waitUntil((target / "report.txt").is_file, timeout=TIMEOUT_MS)
        assert (target / "report.txt").read_bytes() == b"quarterly numbers"

        # Who has access may be seen, not changed.
        colleague.share_action.trigger()
        dialog = open_dialog(qtbot)
        qtbot.waitUntil(lambda: dialog.own_role.text() == "Your role: Downloader", timeout=TIMEOUT_MS)
        sharing_why = "Sharing needs the Manager role or higher; your role on “report.txt”: Downloader"
        assert not dialog.union_id.isEnabled()
        assert dialog.union_id.toolTip() == sharing_why
        assert not dialog.add_button.isEnabled()
        assert dialog.add_button.toolTip() == sharing_why
        dialog.reject()
    # The owner's folder holds nothing the colleague added.
    assert {d.name for d in client.iter_dentries(space, made[f"{root}/Docs"].id)} == {"Drafts", "report.txt"}
