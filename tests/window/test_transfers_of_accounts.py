"""The window runs only the transfers of the account it shows (issue 8, item 1).

Two accounts on the same local service (two unionIds): an upload started under the first keeps
waiting while the window shows the second, greyed in the Transfers panel with its account's name,
and finishes once the window shows its account again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.accounts.secrets import SECRET_ENV, SecretStore
from app.accounts.store import AccountStore
from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import State
from app.ui.actions.accounts import AccountsMenu
from app.ui.main_window import MainWindow
from app.ui.models.transfers_model import Column, JobRole
from tests.window.helpers import names

SIZE = 2 * 1024 * 1024
RATE = 128 * 1024


def choose_account(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Account menu → the account, as a person switches; returns once the window shows it."""
    menu = window.account_menu
    menu.aboutToShow.emit()  # the menu lists the saved accounts as it opens
    next(action for action in menu.actions() if action.text() == name).trigger()
    qtbot.waitUntil(
        lambda: window.session.connection is not None and window.session.connection.account.name == name,
        timeout=20000,
    )


def panel_row(window: MainWindow, name: str) -> int:
    model = window.transfers_model
    return next(row for row in range(model.rowCount()) if model.index(row, Column.NAME).data() == name)


@pytest.fixture
def accounts(
    window: MainWindow, service: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AccountsMenu:
    """The Account menu with the window's account and a second user's on the same service."""
    monkeypatch.setenv(SECRET_ENV, DEFAULT_APP_SECRET)  # both share the service's AppSecret
    store = AccountStore(tmp_path / "accounts")
    store.save(Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID))
    store.save(Account("Other", service.url, DEFAULT_APP_KEY, "other-user"))
    return AccountsMenu(window.account_menu, window, window.background, window.session, store, SecretStore())


def test_a_job_runs_only_under_its_own_account(
    qtbot: QtBot, window: MainWindow, service: LocalServer, accounts: AccountsMenu, tmp_path: Path
) -> None:
    space_id = window.model.space_id
    client = StorageClient(service.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
    source = tmp_path / "from-test.bin"
    source.write_bytes(os.urandom(SIZE))
    window.transfers.upload_limit.rate = RATE  # slow enough to be switched away from mid-way
    window.uploads.upload([source])
    qtbot.waitUntil(lambda: any(job.state == State.RUNNING for job in window.transfers.jobs()), timeout=20000)
    job = next(job for job in window.transfers.jobs() if job.remote_name == "from-test.bin")
    qtbot.waitUntil(lambda: window.transfers.progress(job).bytes_done > 0, timeout=20000)

    choose_account(qtbot, window, "Other")
    assert window.windowTitle() == "Dentry — Other"
    waiting = window.transfers.journal.get(job.id)
    assert waiting.state == State.QUEUED  # stopped, its parts kept, back in the queue
    window.transfers.upload_limit.rate = None
    qtbot.wait(2000)  # time enough to finish it, were it run with the other account's client
    assert window.transfers.journal.get(job.id).state == State.QUEUED
    assert window.transfers.journal.get(job.id).bytes_done == waiting.bytes_done
    assert "from-test.bin" not in {d.name for d in client.iter_dentries(space_id)}

    # The Transfers panel lists it greyed, with the account it waits for, and will not start it.
    window.transfers_panel.show()
    row = panel_row(window, "from-test.bin")
    model = window.transfers_model
    assert model.index(row, Column.STATE).data() == "Waiting for Test"
    assert "runs when you use that account" in model.index(row, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert window.transfers_panel.waiting_label.isVisible()
    assert window.transfers_panel.waiting_label.text() == (
        "1 transfer of another account is waiting; it runs when you use that account."
    )
    table = window.transfers_panel.table
    table.scrollTo(model.index(row, 0))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(model.index(row, 0)).center()
    )
    assert window.transfers_panel.selected_jobs() == []
    for button in ("Resume", "Retry"):
        qtbot.mouseClick(window.transfers_panel.buttons[button], Qt.MouseButton.LeftButton)
    qtbot.wait(500)
    assert window.transfers.journal.get(job.id).state == State.QUEUED

    # Back to its account: it continues and lands in that account's space, whole.
    choose_account(qtbot, window, "Test")
    qtbot.waitUntil(lambda: window.transfers.journal.get(job.id).state == State.DONE, timeout=20000)
    done = window.transfers.journal.get(job.id)
    qtbot.waitUntil(lambda: "from-test.bin" in names(window), timeout=10000)  # shown where it went
    assert model.index(panel_row(window, "from-test.bin"), 0).data(JobRole).id == job.id
    assert model.flags(model.index(panel_row(window, "from-test.bin"), 0)) & Qt.ItemFlag.ItemIsEnabled
    uploaded = client.get_dentry(space_id, str(done.result))
    assert uploaded.name == "from-test.bin"
    assert uploaded.size == SIZE
    signed = client.get_download_info(space_id, uploaded.id)
    assert requests.get(signed.url, headers=signed.headers, timeout=30).content == source.read_bytes()
