"""Names with escape sequences and bidi overrides show visibly everywhere the window shows a name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from app.api.models import Dentry
from app.localserver import LocalServer
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.main_window import MainWindow
from app.ui.models.display_names import display_name
from tests.ui.conftest import upload
from tests.window.helpers import double_click, menu_action, names, row_of, wait_for_dialog

EVIL_FILE = "evil\x1b[31m\u202eexe.txt"
EVIL_FOLDER = "dir\x1b[2J\u2067folder"
HIDDEN = ("\x1b", "\u202e", "\u2067")
TIMEOUT_MS = 10_000


def shows_safely(text: str) -> bool:
    return not any(char in text for char in HIDDEN)


def rename_in_the_database(service: LocalServer, dentry: Dentry, name: str) -> None:
    """Give a dentry a name the service's API refuses, as another service might hand one out.

    The local service refuses control characters in names (and bidi overrides, see issue 8 item
    12), so the name goes straight into its metadata database.
    """
    with sqlite3.connect(service.config.data_dir / "metadata.sqlite3") as database:
        database.execute(
            "UPDATE dentries SET name = ?, name_key = ? WHERE id = ?", (name, name.casefold(), int(dentry.id))
        )


@pytest.fixture
def evil(qtbot: QtBot, window: MainWindow, service: LocalServer) -> Iterator[None]:
    """A file and a folder (with a file in it) with hostile names at the space root, shown."""
    connection = window.session.connection
    assert connection is not None
    client, space = connection.client, window.model.space_id
    file = upload(client, space, "0", "placeholder.txt", b"hostile name")
    folder = client.add_folder(space, "0", "placeholder folder")
    inside = upload(client, space, folder.id, "inside.txt", b"x")
    rename_in_the_database(service, file, EVIL_FILE)
    rename_in_the_database(service, folder, EVIL_FOLDER)
    window.navigator.refresh()
    qtbot.waitUntil(lambda: {EVIL_FILE, EVIL_FOLDER} <= set(names(window)), timeout=TIMEOUT_MS)
    yield
    client.delete_dentries(space, [file.id, folder.id, inside.id])


@pytest.mark.usefixtures("evil")
def test_views_tree_and_path_bar_show_hostile_names_visibly(qtbot: QtBot, window: MainWindow) -> None:
    for mode in ("details", "grid"):
        window.set_view_mode(mode)
        index = row_of(window, EVIL_FILE)
        shown = index.data(Qt.ItemDataRole.DisplayRole)
        assert shown == display_name(EVIL_FILE) == "evil\\x1b[31m\\u202eexe.txt", mode
        assert shows_safely(index.data(Qt.ItemDataRole.ToolTipRole))
        assert shows_safely(index.data(Qt.ItemDataRole.AccessibleTextRole))
    folders = window.spaces_pane.folders
    in_tree = [folders.index(row, 0, QModelIndex()).data() for row in range(folders.rowCount())]
    assert display_name(EVIL_FOLDER) in in_tree
    assert all(shows_safely(name) for name in in_tree)

    double_click(qtbot, window.views.current_view(), row_of(window, EVIL_FOLDER))
    qtbot.waitUntil(lambda: names(window) == ["inside.txt"], timeout=TIMEOUT_MS)
    crumbs = [button.text() for button in window.path_bar.findChildren(QToolButton) if button.isVisible()]
    assert display_name(EVIL_FOLDER) in crumbs
    assert all(shows_safely(text) for text in crumbs)
    window.path_bar.start_editing()
    assert shows_safely(window.path_bar._edit.text())
    qtbot.keyClick(window.path_bar._edit, Qt.Key.Key_Return)  # unchanged: still the same folder
    qtbot.waitUntil(lambda: window.path_bar.text_path() == f"/{EVIL_FOLDER}")
    window.set_view_mode("details")


@pytest.mark.usefixtures("evil")
def test_properties_and_the_delete_question_show_hostile_names_visibly(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.views.details
    view.setCurrentIndex(row_of(window, EVIL_FILE))
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    dialog = wait_for_dialog(qtbot, window, "PropertiesDialog")
    assert isinstance(dialog, PropertiesDialog)
    assert dialog.values["name"].text() == display_name(EVIL_FILE)
    assert shows_safely(dialog.values["path"].text())
    assert shows_safely(dialog.windowTitle())
    dialog.close()

    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(20, answer)
    menu_action(window, "&File", "&Delete").trigger()
    assert asked == [f"Move “{display_name(EVIL_FILE)}” to the recycle bin?"]
    assert EVIL_FILE in names(window)  # answered No
