"""Starting the desktop app: Qt on a qasync event loop, the account, the window, and --screenshot."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from pathlib import Path

import platformdirs
import qasync  # type: ignore[import-untyped]
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.accounts.local import local_account
from app.accounts.secrets import SecretStore
from app.accounts.store import AccountError, AccountStore
from app.api import redact
from app.preferences import PreferencesFile
from app.transfers.manager import TransferManager, default_journal_path
from app.ui.account_session import AccountSession
from app.ui.actions.accounts import AccountsMenu
from app.ui.background import Background
from app.ui.dialogs.journal_damage import open_journal
from app.ui.garbage import UiThreadCollector
from app.ui.language import LANGUAGE_KEY, LANGUAGES, SYSTEM, install, resolve
from app.ui.main_window import MainWindow
from app.ui.theme import THEMES, apply_theme

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "dentry.png"
DESKTOP_ENTRY = "dentry"
"""The name of the desktop entry the packages install (``packaging/dentry.desktop``)."""
SCREENSHOT_TIMEOUT_MS = 90_000
JOURNAL_UNUSABLE = 7
"""The exit code when the user quits rather than set a damaged transfer journal aside (as dentry-cli)."""


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The app's options."""
    parser = argparse.ArgumentParser(prog="dentry", description="Dentry: a file browser for DingTalk storage")
    parser.add_argument("--local", action="store_true", help="open the local storage (demo) account")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="open the demo space as thumbnails, save a screenshot to PATH and exit",
    )
    parser.add_argument(
        "--theme", choices=THEMES, default=None, help="colour theme (default: the preferences' theme)"
    )
    parser.add_argument(
        "--lang",
        choices=[SYSTEM, *LANGUAGES],
        default=None,
        help="the window's language for this run (default: as chosen in View → Language, else the system's)",
    )
    return parser.parse_args(argv)


class Screenshot:
    """Waits until the grid shows its thumbnails, saves the window to a PNG and quits."""

    def __init__(self, window: MainWindow, path: Path) -> None:
        self.window, self.path = window, path
        self.code = 1
        window.set_view_mode("grid")
        self._timer = QTimer(window)
        self._timer.timeout.connect(self._check)
        self._timer.start(200)
        self._steady = 0
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._give_up)

    def _check(self) -> None:
        window = self.window
        if not window.model.space_id or not window.model.is_complete(window.navigator.folder_index()):
            return
        window.views.thumbnails.request_now()
        # Idle twice in a row: nothing queued, downloading or waiting to be asked again.
        self._steady = self._steady + 1 if window.loader.is_idle() else 0
        if self._steady >= 3:
            self._timer.stop()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.code = 0 if window.grab().save(str(self.path)) else 1
            QApplication.quit()

    def _give_up(self) -> None:
        if self._timer.isActive():
            print("dentry: the thumbnails did not arrive in time", file=sys.stderr)
            QApplication.quit()


def identify(app: QApplication) -> None:
    """Name the application, for its settings, its windows' icon and the desktop's dock and notifications.

    The desktop file name is how Wayland compositors and notification services find the
    installed desktop entry (its icon and translated name) for the window and its notifications.
    """
    app.setApplicationName("Dentry")
    app.setOrganizationName("Dentry")
    app.setDesktopFileName(DESKTOP_ENTRY)
    app.setWindowIcon(QIcon(str(ICON)))


def main(argv: list[str] | None = None) -> int:
    """Run the app until its window closes."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    redact.install()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    identify(app)
    UiThreadCollector(app)  # before any worker thread starts
    settings = QSettings()
    install(app, resolve(args.lang or str(settings.value(LANGUAGE_KEY, SYSTEM))))
    preferences = PreferencesFile()
    journal = open_journal(default_journal_path())
    if journal is None:
        return JOURNAL_UNUSABLE
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    background = Background()
    store, secrets = AccountStore(), SecretStore()
    # It runs nothing until an account is connected: then that account's jobs only.
    transfers = TransferManager(journal)
    session = AccountSession(background, secrets, transfers)
    window = MainWindow(
        background=background,
        session=session,
        transfers=transfers,
        settings=settings,
        cache_dir=Path(platformdirs.user_cache_dir("dentry")),
        preferences=preferences,
    )
    # The theme was kept in the window's settings before there was a preferences file.
    remembered = window.preferences.current.theme if preferences.path.exists() else None
    apply_theme(app, args.theme or remembered or str(settings.value("view/theme", "system")))
    accounts = AccountsMenu(window.account_menu, window, background, session, store, secrets)
    transfers.start()
    window.show()
    # What exists now lives as long as the app: keep it out of the collector's full passes,
    # which otherwise pause every thread for tens of milliseconds on a large heap.
    gc.freeze()
    shot = Screenshot(window, args.screenshot) if args.screenshot else None
    _choose_account(accounts, store, local=args.local or bool(args.screenshot))
    quitting = asyncio.Event()
    app.aboutToQuit.connect(quitting.set)
    try:
        with loop:
            loop.run_until_complete(quitting.wait())
    finally:
        transfers.shutdown()
        background.shutdown()
        session.close()
    return shot.code if shot else 0


def _choose_account(accounts: AccountsMenu, store: AccountStore, *, local: bool) -> None:
    if local:
        accounts.switch(local_account())
        return
    try:
        saved = [account for account in store.accounts() if not account.is_local]
        default = store.get(store.default_name())
    except AccountError:
        accounts.switch(local_account())
        return
    if not saved and not QSettings().value("accounts/welcomed", False, bool):
        QSettings().setValue("accounts/welcomed", True)
        accounts.ask(first_run=True)
    else:
        accounts.switch(default)
