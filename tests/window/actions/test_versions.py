"""A file's versions driven like a person: Versions… from the menus, download one, restore one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.api.models import Dentry
from app.ui.dialogs.versions import VersionsDialog
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from tests.api.conftest import download, upload
from tests.window.helpers import (
    choose_folder_in_next_dialog,
    client_of,
    go_to,
    menu_action,
    row_of,
    wait_for_dialog,
)

FIRST, SECOND = b"first draft\n" * 50, b"second draft, longer\n" * 80


def file_with_two_versions(window: MainWindow, folder_name: str) -> Dentry:
    """A folder holding ``report.txt``: version 1 holds FIRST, version 2 (the newest) SECOND."""
    client, space_id = client_of(window), window.model.space_id
    folder = client.add_folder(space_id, "0", folder_name)
    upload(client, space_id, "report.txt", FIRST, parent=folder.id)
    return upload(client, space_id, "report.txt", SECOND, parent=folder.id, conflict="OVERWRITE")


def rows(dialog: VersionsDialog) -> list[list[str]]:
    """The dialog's rows as shown."""
    table = dialog.table
    return [
        [table.topLevelItem(row).text(column) for column in range(table.columnCount())]  # type: ignore[union-attr]
        for row in range(table.topLevelItemCount())
    ]


def choose(qtbot: QtBot, dialog: VersionsDialog, version: int) -> None:
    """Click the row of a version."""
    table = dialog.table
    for row in range(table.topLevelItemCount()):
        item = table.topLevelItem(row)
        assert item is not None
        if item.text(0).split()[0] == str(version):
            rect = table.visualItemRect(item)
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"version {version} is not listed: {rows(dialog)}")


def open_versions(qtbot: QtBot, window: MainWindow, how: str) -> VersionsDialog:
    """Versions… of the current file, from the File menu or the item menu."""
    if how == "menu":
        menu_action(window, "&File", "&Versions…").trigger()
    else:
        view = window.views.current_view()
        index = view.currentIndex()
        view.customContextMenuRequested.emit(view.visualRect(index).center())
        menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
        assert isinstance(menu, QMenu)
        next(action for action in menu.actions() if action.text() == "&Versions…").trigger()
        menu.close()
    dialog = wait_for_dialog(qtbot, window, "VersionsDialog")
    assert isinstance(dialog, VersionsDialog)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() > 0, timeout=10000)
    return dialog


@pytest.mark.parametrize(("how", "mode"), [("menu", "details"), ("item menu", "grid")])
def test_restore_a_version_makes_it_the_newest_and_the_views_follow(
    qtbot: QtBot, window: MainWindow, how: str, mode: str
) -> None:
    folder_name = f"Versions by {how}"
    file = file_with_two_versions(window, folder_name)
    go_to(qtbot, window, f"/{folder_name}", "report.txt")
    window.set_view_mode(mode)
    listed: list[int] = []
    window.model.pageLoaded.connect(lambda _index, count: listed.append(count))
    window.views.current_view().setCurrentIndex(row_of(window, "report.txt"))

    dialog = open_versions(qtbot, window, how)
    assert dialog.windowTitle() == "Versions of report.txt"
    shown = rows(dialog)
    assert [row[0] for row in shown] == ["2 (current)", "1"]
    assert [row[1] for row in shown] == ["1.6 KiB", "600 bytes"]
    assert all(row[2] and row[3] == "local-user" for row in shown)
    assert dialog.state.text() == "2 versions"
    choose(qtbot, dialog, 2)
    assert not dialog.restore_button.isEnabled()  # the newest already
    choose(qtbot, dialog, 1)
    assert dialog.restore_button.isEnabled()

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 3, timeout=10000)
    assert [row[0] for row in rows(dialog)] == ["3 (current)", "2", "1"]
    client, space_id = client_of(window), window.model.space_id
    assert download(client, space_id, file.id) == FIRST  # the newest holds version 1's bytes
    assert download(client, space_id, file.id, version=2) == SECOND  # and the others stay
    assert window.status.state_label.text() == (
        "Restored version 1 of “report.txt”: it is the newest version now."
    )
    shown_file = row_of(window, "report.txt").data(DentryRole)
    assert (shown_file.version, shown_file.size) == (3, len(FIRST))  # the row updated in place
    assert listed == []
    dialog.close()


def test_download_a_version_saves_its_bytes(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    file_with_two_versions(window, "Versions to download")
    go_to(qtbot, window, "/Versions to download", "report.txt")
    window.views.details.setCurrentIndex(row_of(window, "report.txt"))
    dialog = open_versions(qtbot, window, "menu")
    choose(qtbot, dialog, 1)
    target = tmp_path / "saved"
    target.mkdir()
    # The folder chooser starts in the download folder of the preferences; the user takes it.
    window.preferences.save(window.preferences.current.replace(download_folder=str(target)))
    started_in: list[str] = []
    choose_folder_in_next_dialog(None, started_in)
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert started_in == [str(target)]
    saved = target / "report (version 1).txt"
    qtbot.waitUntil(saved.exists, timeout=15000)
    assert saved.read_bytes() == FIRST
    assert window.status.state_label.text() == "Downloading version 1 of “report.txt”…"
    assert [job.remote_name for job in window.transfers.jobs()] == ["report.txt"]  # in the Transfers panel
    dialog.close()


def test_versions_is_for_files_only(qtbot: QtBot, window: MainWindow) -> None:
    window.views.details.setCurrentIndex(row_of(window, "Documents"))
    assert not window.versions_action.isEnabled()
    assert window.versions_action.toolTip() == "A folder has no versions"
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    assert window.versions_action.isEnabled()
