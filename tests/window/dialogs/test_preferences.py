"""Edit → Preferences… (Ctrl+,): the file `dentry-cli` reads, applied to the running transfers (issue 11).

The dialog is opened as a person does (the shortcut, the menu), filled and confirmed; the test
then reads the file, runs the real `dentry-cli` on it, and looks at the running transfer manager.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.context import AUTO
from app.ui.dialogs.preferences_dialog import PreferencesDialog
from app.ui.main_window import MainWindow
from tests.support.local_service import cli_env
from tests.window.conftest import running_window
from tests.window.helpers import menu_action, wait_for_dialog

ROOT = Path(__file__).resolve().parents[3]


def preferences_path(tmp_path: Path) -> Path:
    """Where the window of `running_window` keeps its preferences (in a home of the test's own)."""
    return tmp_path / "home" / ".config" / "dentry" / "preferences.json"


def in_next_preferences_dialog(qtbot: QtBot, fill: Callable[[PreferencesDialog], object]) -> list[str]:
    """When the Preferences dialog opens, `fill` it; returns what its problems label said."""
    said: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, handle)
            return
        try:
            fill(dialog)
        finally:  # a failed check must not leave the dialog open (the test would hang in exec)
            said.append(dialog.problems.text() if dialog.problems.isVisible() else "")
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(20, handle)
    return said


def ok(dialog: PreferencesDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_preferences_chosen_in_the_dialog_reach_the_file_the_cli_and_the_running_transfers(
    qtbot: QtBot, window: MainWindow, service: LocalServer, tmp_path: Path
) -> None:
    downloads = tmp_path / "My downloads"
    downloads.mkdir()

    def fill(dialog: PreferencesDialog) -> None:
        assert dialog.streams.text() == "Automatic"  # the defaults, shown in words
        assert dialog.download_limit.text() == ""
        qtbot.keyClicks(dialog.download_folder, str(downloads))
        dialog.streams.setValue(3)
        dialog.parallel.setValue(5)
        qtbot.keyClicks(dialog.download_limit, "2M")
        qtbot.keyClicks(dialog.upload_limit, "500K")
        dialog.theme.setCurrentIndex(dialog.theme.findText("Dark"))
        dialog.notify.setChecked(False)
        ok(dialog)

    shown = in_next_preferences_dialog(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # Ctrl+,
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [""]  # nothing wrong was said

    # The file, as dentry-cli reads it.
    document = json.loads(preferences_path(tmp_path).read_text(encoding="utf-8"))
    assert document["download_folder"] == str(downloads)
    assert document["streams_per_file"] == 3
    assert document["parallel_transfers"] == 5
    assert document["download_limit"] == 2 * 1024 * 1024
    assert document["upload_limit"] == 500 * 1024
    assert document["theme"] == "dark"
    assert document["notify_finished"] is False

    # The running manager got it, at once.
    manager = window.transfers
    assert manager.download_limit.rate == 2 * 1024 * 1024
    assert manager.upload_limit.rate == 500 * 1024
    assert manager.settings.segments == 3
    assert manager.settings.concurrency == 5
    # View → Theme follows.
    theme_menu = menu_action(window, "&View", "T&heme").menu()
    assert [action.text() for action in theme_menu.actions() if action.isChecked()] == ["Dark"]

    # The real dentry-cli honours it: `get` without a local folder downloads into the chosen one.
    space_id = service.demo_space_id
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--endpoint", service.url, "--app-key", DEFAULT_APP_KEY,
         "--union-id", DEFAULT_UNION_ID, "get", f"{space_id}:/Welcome.txt"],
        env=cli_env(tmp_path / "home", tmp_path / "keyring.json", DEFAULT_APP_SECRET),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (downloads / "Welcome.txt").is_file()
    assert not (tmp_path / "Welcome.txt").exists()
    assert "preferences" not in result.stderr  # the file the window wrote is a good one

    # The dialog opens again (from the menu) with what was saved.
    def check_again(dialog: PreferencesDialog) -> None:
        assert dialog.download_folder.text() == str(downloads)
        assert dialog.streams.value() == 3
        assert dialog.download_limit.text() == "2M"
        assert dialog.upload_limit.text() == "500K"
        assert not dialog.notify.isChecked()

    shown = in_next_preferences_dialog(qtbot, check_again)
    menu_action(window, "&Edit", "&Preferences…").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)


def test_a_bad_value_is_said_and_ok_waits_until_it_is_right(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    def fill(dialog: PreferencesDialog) -> None:
        qtbot.keyClicks(dialog.download_limit, "fast")
        qtbot.keyClicks(dialog.download_folder, str(tmp_path / "nowhere"))
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not button.isEnabled()
        ok(dialog)  # a click on a disabled button does nothing
        assert dialog.isVisible()

    shown = in_next_preferences_dialog(qtbot, fill)
    menu_action(window, "&Edit", "&Preferences…").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].splitlines() == [
        f"The download folder “{tmp_path / 'nowhere'}” does not exist",
        "The download limit “fast” is not a rate: write a number and K or M, like 2M",
    ]
    assert not preferences_path(tmp_path).exists()  # cancelled: nothing written
    assert window.transfers.download_limit.rate is None


def test_a_damaged_preferences_file_gives_defaults_and_a_clear_message(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    path = preferences_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"streams_per_file": 3, "theme": ', encoding="utf-8")  # cut short
    account = Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID)
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as main:
        box = wait_for_dialog(qtbot, main, "QMessageBox")
        assert isinstance(box, QMessageBox)
        assert box.text() == f"The preferences file {path} is damaged; using the defaults"
        assert not box.isModal()  # the window goes on
        box.close()
        assert main.transfers.settings.segments == AUTO

        def save(dialog: PreferencesDialog) -> None:
            assert dialog.streams.text() == "Automatic"
            dialog.parallel.setValue(2)
            ok(dialog)

        shown = in_next_preferences_dialog(qtbot, save)
        menu_action(main, "&Edit", "&Preferences…").trigger()
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    # Saving kept the damaged file aside, never lost it.
    assert json.loads(path.read_text(encoding="utf-8"))["parallel_transfers"] == 2
    damaged = path.with_name("preferences.json.damaged")
    assert damaged.read_text(encoding="utf-8") == '{"streams_per_file": 3, "theme": '


def test_a_field_with_a_wrong_value_alone_falls_back_and_is_named(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    path = preferences_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"streams_per_file": 99, "upload_limit": 1024}), encoding="utf-8")
    account = Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID)
    with running_window(qtbot, tmp_path, account, DEFAULT_APP_SECRET) as main:
        box = wait_for_dialog(qtbot, main, "QMessageBox")
        assert isinstance(box, QMessageBox)
        assert box.text() == (
            f"In the preferences file {path}, streams_per_file cannot be 99; using the default instead"
        )
        box.close()
        assert main.transfers.upload_limit.rate == 1024  # the good field is used
