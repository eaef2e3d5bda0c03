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
from app.transfers.journal import Journal
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.main_window import MainWindow
from tests.ui.languages import ENGLISH, chinese, speak  # noqa: F401 (chinese: a fixture for the tests here)

BIG_FOLDER = "Big folder"
BIG_COUNT = 500


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
def open_window(
    qtbot: QtBot, url: str, folder: Path, union_id: str = DEFAULT_UNION_ID
) -> Iterator[MainWindow]:
    """A window of the user `union_id` on the service at `url` (its files in `folder`), a space shown."""
    background = Background()
    client = StorageClient(url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, union_id)
    transfers = TransferManager(Journal(folder / "journal.sqlite3"), lambda _name: client)
    session = AccountSession(background, SecretStore())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(
        background=background,
        session=session,
        transfers=transfers,
        settings=settings,
        cache_dir=folder / "cache",
    )
    qtbot.addWidget(main)
    transfers.start()
    main.show()
    gc.freeze()  # as the app does once its window is up
    account = Account("Test", url, DEFAULT_APP_KEY, union_id)
    with qtbot.waitSignal(main.folderShown, timeout=10000):
        session.connect_to(account, DEFAULT_APP_SECRET)
    yield main
    transfers.shutdown()
    main.close()
    background.shutdown()


@pytest.fixture
def window(qtbot: QtBot, service: LocalServer, tmp_path: Path) -> Iterator[MainWindow]:
    """The window, connected to the service's demo space, its root listed."""
    with open_window(qtbot, service.url, tmp_path) as main:
        yield main
