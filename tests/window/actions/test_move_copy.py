"""Moving and copying from the window: Cut/Copy/Paste, drags onto folders, names taken, big batches.

Each test makes its own folders in the demo space (the service lives as long as the module) and
checks what the views show and what the service holds afterwards.
"""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Dentry
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.ui.dialogs.conflicts import ConflictDialog
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.operations import Changes
from tests.ui.conftest import make_tree
from tests.window.dragging import (
    TIMEOUT_MS,
    choose,
    drag,
    drag_to,
    go_to,
    refresh,
    row_center,
    shown,
    tree_index,
    tree_point,
)
from tests.window.helpers import menu_action, row_of


@pytest.fixture
def client(service: LocalServer) -> StorageClient:
    """The owner's own client, to set things up and to read what the service holds."""
    return StorageClient(service.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


def listed(client: StorageClient, space_id: str, folder: Dentry | str) -> dict[str, Dentry]:
    """What the service holds in a folder, by name."""
    folder_id = folder if isinstance(folder, str) else folder.id
    return {d.name: d for d in client.iter_dentries(space_id, folder_id)}


def content(client: StorageClient, space_id: str, dentry: Dentry) -> bytes:
    """A file's bytes as the service serves them."""
    signed = client.get_download_info(space_id, dentry.id)
    return requests.get(signed.url, headers=signed.headers, timeout=10).content


def answer_conflicts(answers: list[tuple[str, bool]], seen: list[str]) -> None:
    """Answer the conflict dialogs as they open: (button, apply to all) each; note what each asked."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, answer)
            return
        text, to_all = answers.pop(0)
        offer = dialog.apply_to_all.text() if dialog.apply_to_all.isVisibleTo(dialog) else ""
        seen.append(f"{dialog.question.text()} | {offer}")
        dialog.apply_to_all.setChecked(to_all)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == text).click()
        if answers:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_cut_and_paste_moves_the_chosen_items_and_the_views_follow(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    made = make_tree(
        client, space, {"Cut from": {"a.txt": b"a", "b.txt": b"b", "c.txt": b"c"}, "Cut into": {}}
    )
    refresh(qtbot, window)
    go_to(qtbot, window, "/Cut from")
    pages: list[QModelIndex] = []
    window.model.pageLoaded.connect(lambda folder, _rows: pages.append(folder))
    choose(qtbot, window, ["a.txt", "b.txt"])
    qtbot.keyClick(window.views.details, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert window.status.state_label.text() == "2 items cut: paste them where they should go"
    assert window.paste_action.isEnabled()
    go_to(qtbot, window, "/Cut into")
    pages.clear()
    qtbot.keyClick(window.views.details, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown(window) == {"a.txt", "b.txt"}, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "moved into" in window.status.state_label.text(), timeout=TIMEOUT_MS)
    assert window.status.state_label.text() == "2 items moved into “Cut into”"
    assert set(listed(client, space, made["Cut into"])) == {"a.txt", "b.txt"}
    assert set(listed(client, space, made["Cut from"])) == {"c.txt"}
    # The ids stayed (a move), and the folder it came from shows only what is left, without listing.
    assert listed(client, space, made["Cut into"])["a.txt"].id == made["Cut from/a.txt"].id
    assert not window.paste_action.isEnabled()  # cut items are used up
    window.navigator.go_back()
    qtbot.waitUntil(lambda: window.path_bar.text_path() == "/Cut from")
    assert shown(window) == {"c.txt"}
    assert pages == []


def test_copy_and_paste_into_another_space_and_into_the_same_folder(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    made = make_tree(client, space, {"Copy from": {"plan.txt": b"the plan", "Inner": {"deep.txt": b"deep"}}})
    other = client.add_space("Second space")
    window.session.add_space(other.id)
    qtbot.waitUntil(lambda: len(window.spaces_pane.spaces) >= 2, timeout=TIMEOUT_MS)
    refresh(qtbot, window)
    go_to(qtbot, window, "/Copy from")
    choose(qtbot, window, ["plan.txt", "Inner"])
    menu_action(window, "&Edit", "&Copy").trigger()
    # Paste into the same folder: copies beside the originals, renamed as the service does.
    menu_action(window, "&Edit", "&Paste").trigger()
    qtbot.waitUntil(lambda: {"plan (1).txt", "Inner (1)"} <= shown(window), timeout=TIMEOUT_MS)
    held = listed(client, space, made["Copy from"])
    assert held["plan (1).txt"].id != made["Copy from/plan.txt"].id
    assert set(listed(client, space, held["Inner (1)"])) == {"deep.txt"}
    # Another space: choose it in the spaces list, paste at its root.
    spaces = window.spaces_pane.spaces_list
    row = next(r for r in range(spaces.count()) if spaces.item(r).text().startswith("Second space"))
    spaces.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.model.space_id == other.id, timeout=TIMEOUT_MS)
    assert window.paste_action.isEnabled()
    menu_action(window, "&Edit", "&Paste").trigger()
    qtbot.waitUntil(lambda: shown(window) == {"plan.txt", "Inner"}, timeout=TIMEOUT_MS)
    there = listed(client, other.id, "0")
    assert content(client, other.id, there["plan.txt"]) == b"the plan"
    assert set(listed(client, other.id, there["Inner"])) == {"deep.txt"}
    assert set(listed(client, space, made["Copy from"])) == {"plan.txt", "Inner", "plan (1).txt", "Inner (1)"}


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_drag_onto_a_folder_moves_and_with_ctrl_copies(
    qtbot: QtBot, window: MainWindow, client: StorageClient, mode: str
) -> None:
    space = window.model.space_id
    root = f"Drag {mode}"
    made = make_tree(client, space, {root: {"one.txt": b"1", "two.txt": b"2", "Target": {}}})
    window.set_view_mode(mode)
    refresh(qtbot, window)
    go_to(qtbot, window, f"/{root}")
    viewport = window.views.current_view().viewport()
    choose(qtbot, window, ["one.txt"])
    carried = drag(qtbot, window, "one.txt", lambda mime: [d.name for d in mime.held.items])
    assert carried == ["one.txt"]
    assert drag_to(qtbot, window, "one.txt", viewport, row_center(window, "Target")).accepted
    qtbot.waitUntil(lambda: shown(window) == {"two.txt", "Target"}, timeout=TIMEOUT_MS)
    assert set(listed(client, space, made[f"{root}/Target"])) == {"one.txt"}

    choose(qtbot, window, ["two.txt"])
    assert drag_to(qtbot, window, "two.txt", viewport, row_center(window, "Target"), ctrl=True).accepted
    qtbot.waitUntil(lambda: "copied into" in window.status.state_label.text(), timeout=TIMEOUT_MS)
    assert shown(window) == {"two.txt", "Target"}  # a copy leaves the original
    assert set(listed(client, space, made[f"{root}/Target"])) == {"one.txt", "two.txt"}

    # A folder dropped onto itself is refused without a word.
    choose(qtbot, window, ["Target"])
    assert drag_to(qtbot, window, "Target", viewport, row_center(window, "Target")) == (False, "")


def test_drag_onto_the_folder_tree_moves_several_and_never_into_itself(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    made = make_tree(client, space, {"Tree drag": {"x.txt": b"x", "Sub": {"Deeper": {}}, "Elsewhere": {}}})
    refresh(qtbot, window)
    go_to(qtbot, window, "/Tree drag")
    tree = window.spaces_pane.folder_tree
    elsewhere = tree_index(qtbot, window, ["Tree drag", "Elsewhere"])
    deeper = tree_index(qtbot, window, ["Tree drag", "Sub", "Deeper"])
    choose(qtbot, window, ["x.txt", "Sub"])
    carried = drag(qtbot, window, "Sub", lambda mime: {d.name for d in mime.held.items})
    assert carried == {"x.txt", "Sub"}
    # Into its own subfolder: refused, and the status line says why.
    into_itself = drag_to(qtbot, window, "Sub", tree.viewport(), tree_point(window, deeper))
    assert into_itself == (False, "“Sub” cannot go into itself")
    dropped = drag_to(qtbot, window, "Sub", tree.viewport(), tree_point(window, elsewhere))
    assert dropped == (True, "Move 2 items into “Elsewhere”")
    qtbot.waitUntil(lambda: shown(window) == {"Elsewhere"}, timeout=TIMEOUT_MS)
    assert set(listed(client, space, made["Tree drag/Elsewhere"])) == {"x.txt", "Sub"}
    # The tree shows Sub under Elsewhere now (moved in place, with what was listed below it).
    assert tree_index(qtbot, window, ["Tree drag", "Elsewhere", "Sub", "Deeper"]).isValid()


def test_names_taken_are_asked_about_once_keep_both_replace_skip(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    made = make_tree(
        client,
        space,
        {
            "Names from": {"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"new c", "fresh.txt": b"f"},
            "Names into": {"a.txt": b"old a", "b.txt": b"old b", "c.txt": b"old c"},
        },
    )
    refresh(qtbot, window)
    go_to(qtbot, window, "/Names from")
    choose(qtbot, window, ["a.txt", "b.txt", "c.txt", "fresh.txt"])
    menu_action(window, "&Edit", "&Copy").trigger()
    go_to(qtbot, window, "/Names into")
    seen: list[str] = []
    # a.txt: keep both; b.txt: replace; c.txt: skip — three answers, one dialog each.
    answer_conflicts([("&Keep both", False), ("&Replace", False), ("&Skip", False)], seen)
    menu_action(window, "&Edit", "&Paste").trigger()
    qtbot.waitUntil(lambda: "copied into" in window.status.state_label.text(), timeout=TIMEOUT_MS)
    assert seen == [
        "“a.txt” already exists in “Names into”. What should happen to the one you are adding? "
        "| Do the same for the 2 other conflicts",
        "“b.txt” already exists in “Names into”. What should happen to the one you are adding? "
        "| Do the same for the 1 other conflict",
        "“c.txt” already exists in “Names into”. What should happen to the one you are adding? | ",
    ]
    held = listed(client, space, made["Names into"])
    assert set(held) == {"a.txt", "a (1).txt", "b.txt", "c.txt", "fresh.txt"}
    assert content(client, space, held["a.txt"]) == b"old a"
    assert content(client, space, held["a (1).txt"]) == b"new a"
    assert content(client, space, held["b.txt"]) == b"new b"  # the copy is its new version
    assert held["b.txt"].id == made["Names into/b.txt"].id
    assert content(client, space, held["c.txt"]) == b"old c"
    assert shown(window) == set(held)
    assert window.status.state_label.text() == "3 items copied into “Names into”"

    # Once more, all three taken: asked once, "do the same for the 2 other conflicts", skip all.
    seen.clear()
    answer_conflicts([("&Skip", True)], seen)
    choose(qtbot, window, ["a.txt"])  # (the copied items are still held)
    menu_action(window, "&Edit", "&Paste").trigger()
    qtbot.waitUntil(lambda: "skipped" in window.status.state_label.text(), timeout=TIMEOUT_MS)
    assert seen[0].endswith("| Do the same for the 3 other conflicts")
    assert window.status.state_label.text() == "Nothing moved or copied: every item was skipped"
    assert set(listed(client, space, made["Names into"])) == set(held)


def test_a_big_paste_shows_its_progress_call_by_call_and_names_what_failed(
    qtbot: QtBot, window: MainWindow, client: StorageClient
) -> None:
    space = window.model.space_id
    source = client.add_folder(space, "0", "Many to move")
    target = client.add_folder(space, "0", "Many moved here")
    for number in range(70):
        client.add_folder(space, source.id, f"item {number:02d}")
    refresh(qtbot, window)
    go_to(qtbot, window, "/Many to move")
    window.views.details.selectAll()
    assert len(window.views.selected()) == 70
    menu_action(window, "&Edit", "Cu&t").trigger()
    # Behind the window's back, one of them goes: its move fails, the others go.
    gone = row_of(window, "item 33").data(DentryRole)
    client.delete_dentry(space, gone.id)
    go_to(qtbot, window, "/Many moved here")
    said: list[str] = []
    bar_seen: list[int] = []
    announced: list[Changes] = []

    def watch(changes: Changes) -> None:
        # A call's changes are announced before the progress moves on: what the user saw until then.
        announced.append(changes)
        said.append(window.status.state_label.text())
        if window.batch_progress.isVisible():
            bar_seen.append(window.batch_progress.value())

    window.changes.changed.connect(watch)
    menu_action(window, "&Edit", "&Paste").trigger()
    qtbot.waitUntil(lambda: "could not be moved" in window.status.state_label.text(), timeout=TIMEOUT_MS)
    assert len(shown(window)) == 69
    assert len(listed(client, space, target)) == 69
    assert window.status.state_label.text() == (
        "1 item could not be moved: The file or folder does not exist (any more)."
    )
    assert "item 33: The file or folder does not exist" in window.status.state_label.toolTip()
    # Three calls of at most 30, each announced as it ended, with the progress shown in between.
    batches = [c for c in announced if c.updated]
    assert [len(c.updated) for c in batches] == [30, 29, 10]  # item 33 was in the second
    assert "Moving into “Many moved here”: 30 of 70 items done…" in said
    assert bar_seen
    assert max(bar_seen) >= 30
    assert not window.batch_progress.isVisible()
    assert window.paste_action.isEnabled()  # the one that failed can be pasted again
