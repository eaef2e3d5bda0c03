"""Screenshots of the window's parts in one language, to check them by eye (and for the README).

    .venv/bin/python scripts/screenshots.py OUTPUT_FOLDER [--lang zh_CN]
    QT_SCALE_FACTOR=2 .venv/bin/python scripts/screenshots.py OUTPUT_FOLDER --lang zh_CN

Runs offscreen on a local storage service with the demo space, in temporary folders (no settings,
keyring or journal of the user is touched), and writes main-grid.png, main-details.png,
transfers.png, item-menu.png, properties.png, account.png and bad-names.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from app.accounts.model import Account
from app.accounts.secrets import SecretStore
from app.api import StorageClient
from app.localserver import LocalServer, ServerConfig
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import Journal
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.dialogs.account import AccountDialog
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.language import LANGUAGES, SYSTEM, install, resolve
from app.ui.main_window import MainWindow
from app.ui.theme import apply_theme

TIMEOUT = 60.0


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    """Run the event loop until `done()` (or fail after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let layouts and repaints happen."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    """Grab a widget into a PNG and say where it went."""
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    """Take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", choices=[SYSTEM, *LANGUAGES], default=SYSTEM)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install(app, resolve(args.lang))
    apply_theme(app, "light")
    with (
        tempfile.TemporaryDirectory(prefix="dentry-shots-") as temp,
        LocalServer(ServerConfig(data_dir=Path(temp) / "service", demo=True)) as server,
    ):
        root = Path(temp)
        background = Background()
        client = StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
        transfers = TransferManager(Journal(root / "journal.sqlite3"))
        session = AccountSession(background, SecretStore(), transfers)
        settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            background=background,
            session=session,
            transfers=transfers,
            settings=settings,
            cache_dir=root / "cache",
        )
        window.resize(1100, 700)
        transfers.start()
        window.show()
        shown: list[bool] = []
        window.folderShown.connect(lambda: shown.append(True))
        session.connect_to(Account("Demo", server.url, DEFAULT_APP_KEY, DEFAULT_UNION_ID), DEFAULT_APP_SECRET)
        wait_until(app, lambda: bool(shown))

        window.set_view_mode("grid")
        steady = [0]

        def thumbnails_shown() -> bool:
            window.views.thumbnails.request_now()
            steady[0] = steady[0] + 1 if window.loader.is_idle() else 0
            settle(app, 0.1)
            return steady[0] >= 5

        wait_until(app, thumbnails_shown)
        save(window, args.output / "main-grid.png")

        window.set_view_mode("details")
        settle(app)
        window.views.select_name("季度报告.pdf")
        settle(app)
        save(window, args.output / "main-details.png")

        menu_shot: list[QMenu] = []
        QTimer.singleShot(
            300,
            lambda: menu_shot.extend(
                w for w in app.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
            ),
        )
        view = window.views.details
        view.customContextMenuRequested.emit(view.visualRect(window.views.proxy.index(0, 0)).center())
        wait_until(app, lambda: bool(menu_shot))
        save(menu_shot[0], args.output / "item-menu.png")
        menu_shot[0].close()

        # Transfers: a folder downloaded, and one that fails (its target is a file).
        photos = next(d for d in window.model.dentries() if d.name == "照片")
        window.uploads.download([photos], root / "downloads")
        blocked = root / "blocked"
        blocked.write_text("in the way", encoding="utf-8")
        welcome = next(d for d in window.model.dentries() if d.name == "Welcome.txt")
        window.uploads.download([welcome], blocked / "sub")
        wait_until(
            app,
            lambda: (
                window.transfers_model.rowCount() >= 3 and all(job.state.finished for job in transfers.jobs())
            ),
        )
        settle(app, 1.0)
        window.transfers_panel.show()
        settle(app)
        save(window, args.output / "transfers.png")

        pdf = next(d for d in window.model.dentries() if d.name == "季度报告.pdf")
        properties = PropertiesDialog(
            client.get_dentry(window.model.space_id, pdf.id, with_thumbnail=True), window, local=True
        )
        properties.show()
        settle(app)
        save(properties, args.output / "properties.png")
        properties.close()

        account = AccountDialog(window)
        account.remote_choice.setChecked(True)
        account.show()
        settle(app)
        save(account, args.output / "account.png")
        account.close()

        bad = root / "bad names"
        bad.mkdir()
        for name in ("报告*终稿.docx", "notes.", 'say "hi".txt'):
            (bad / name).write_text("x", encoding="utf-8")
        boxes: list[QMessageBox] = []

        def grab_box() -> None:
            box = app.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, grab_box)
                return
            settle(app)
            save(box, args.output / "bad-names.png")
            boxes.append(box)
            box.reject()

        QTimer.singleShot(50, grab_box)
        window.uploads.upload(sorted(bad.iterdir()))
        wait_until(app, lambda: bool(boxes))
        transfers.shutdown()
        window.close()
        background.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
