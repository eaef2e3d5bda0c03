"""A real main window on a real local storage service, for tests that drive it like a person."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.accounts.model import Account
from app.accounts.secrets import SecretStore
from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from app.preferences import PreferencesFile
from app.transfers.journal import Journal
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.main_window import MainWindow
from tests.ui.languages import ENGLISH, chinese, speak  # noqa: F401 (chinese: a fixture for the tests here)

BIG_FOLDER = "Big folder"
BIG_COUNT = 500


@pytest.fixture(scope="session", autouse=True)
def collect_on_ui_thread(ui_thread_collector: None) -> None:
    """Widgets in reference cycles are destroyed on the UI thread, never on a worker."""


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> None:
    """Every test speaks English with US formats, whatever LANG the machine has (see `chinese`)."""
    speak(ENGLISH)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service per module, with the demo space and a folder of 500 entries in it."""
    with LocalServer(ServerConfig(data_dir=tmp_path_factory.mktemp("service"), demo=True)) as server:
        client = StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
        assert server.demo_space_id is not None
        big = client.add_folder(server.demo_space_id, "0", BIG_FOLDER)
        for number in range(BIG_COUNT):
            client.add_folder(server.demo_space_id, big.id, f"entry {number:03d}")
        yield server


@contextmanager
def running_window(qtbot: QtBot, tmp_path: Path, account: Account, secret: str) -> Iterator[MainWindow]:
    """A window on `tmp_path` (its journal, settings and cache) connected to `account`, its first
    folder listed; closed afterwards. Two windows in turn on the same folder are the app started
    twice on the same computer.
    """
    background = Background()
    transfers = TransferManager(Journal(tmp_path / "journal.sqlite3"))
    session = AccountSession(background, SecretStore(), transfers)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(
        background=background,
        session=session,
        transfers=transfers,
        settings=settings,
        cache_dir=tmp_path / "cache",
        preferences=PreferencesFile(tmp_path / "home" / ".config" / "dentry" / "preferences.json"),
    )
    qtbot.addWidget(main)
    transfers.start()
    main.show()
    gc.freeze()  # as the app does once its window is up
    try:
        with qtbot.waitSignal(main.folderShown, timeout=10000):
            session.connect_to(account, secret)
        yield main
    finally:
        transfers.shutdown()
        main.close()
        background.shutdown()


def window_account(service: LocalServer) -> Account:
    """The account the window tests use on `service`."""
    return Account("Test", service.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID)


@contextmanager
def open_window(
    qtbot: QtBot, url: str, folder: Path, union_id: str = DEFAULT_UNION_ID
) -> Iterator[MainWindow]:
    """A window of the user `union_id` on the service at `url` (its files in `folder`), a space shown."""
    account = Account("Test", url, DEFAULT_APP_KEY, union_id)
    with running_window(qtbot, folder, account, DEFAULT_APP_SECRET) as main:
        yield main


@pytest.fixture
def window(qtbot: QtBot, service: LocalServer, tmp_path: Path) -> Iterator[MainWindow]:
    """The window, connected to the service's demo space, its root listed."""
    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as main:
        yield main
