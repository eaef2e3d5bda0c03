"""A desktop notification when the transfers of one user action end while the window is not in front.

The transfer engine tells when the last job of a batch (a drop, an upload, a download) ends; one
notification then says what came of all of it: "42 files uploaded to Photos", "3 downloads
failed". On Linux it goes to the desktop's notification service on the session bus
(`desktop_notifications`: GNOME has no tray to show one with); elsewhere, or where that service is
missing, through the system tray (`QSystemTrayIcon.showMessage`). Where neither exists (the
offscreen platform) nothing is shown and nothing breaks, and `last` still says what would have
been shown. Clicking the notification brings the window to the front with its Transfers panel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon, QWidget

from app.transfers.journal import Batch, Kind
from app.transfers.manager import TransferManager
from app.ui.desktop_notifications import DesktopNotifications, session_bus_known
from app.ui.models.display_names import display_name
from app.ui.texts import arg

SHOWN_MS = 10_000


@dataclass(frozen=True)
class Notification:
    """What a notification says: a title and one sentence per outcome; `failed` when some failed."""

    title: str
    message: str
    failed: bool


class TransferNotifier(QObject):
    """Announces finished batches of transfers while `window` is not in front.

    Signals:
        batchEnded(object): a `Batch` ended (re-emitted on the UI thread).
    """

    batchEnded = Signal(object)

    def __init__(
        self,
        manager: TransferManager,
        window: QMainWindow,
        panel: QWidget,
        enabled: Callable[[], bool],
    ) -> None:
        """Listen to `manager`'s batches; notify while `enabled()` says so; clicks show `panel`."""
        super().__init__(window)
        self._manager = manager
        self._window = window
        self._panel = panel
        self._enabled = enabled
        self.last: Notification | None = None
        """The last notification made (shown where the platform can show one)."""
        self._tray: QSystemTrayIcon | None = None
        self._desktop: DesktopNotifications | None = None
        if session_bus_known():
            self._desktop = DesktopNotifications(self, "Dentry", self.tr("Show transfers"), SHOWN_MS)
            self._desktop.clicked.connect(self.show_transfers)
            self._desktop.unavailable.connect(self._in_tray)
        # Batches still being queued: a small file may end before its siblings are queued, and the
        # engine would call the batch finished; such an end is looked at again once all are queued.
        self._held: set[str] = set()
        self._ended_while_held: set[str] = set()
        # Emitted on the engine's worker thread: Qt queues it to this object's (the UI) thread.
        self.batchEnded.connect(self.batch_ended)
        self._unsubscribe = manager.subscribe_batches(self.batchEnded.emit)

    def close(self) -> None:
        """Stop listening (the window closes)."""
        self._unsubscribe()
        if self._desktop is not None:
            self._desktop.close()
        if self._tray is not None:
            self._tray.hide()

    def in_front(self) -> bool:
        """Whether the user sees the window now (then the Transfers panel tells them)."""
        window = self._window
        return window.isVisible() and not window.isMinimized() and window.isActiveWindow()

    def hold(self, batch_id: str) -> None:
        """The jobs of this batch are being queued: its end waits for `release`."""
        self._held.add(batch_id)

    def release(self, batch_id: str) -> None:
        """Every job of this batch is queued: if it ended meanwhile, and still has, notify now."""
        self._held.discard(batch_id)
        if batch_id in self._ended_while_held:
            self._ended_while_held.discard(batch_id)
            batch = self._manager.journal.batch(batch_id)
            if batch.finished:
                self.batch_ended(batch)

    def batch_ended(self, batch: Batch) -> None:
        """Notify about a batch of this account that ended, unless the user sees the window or said no."""
        if batch.id in self._held:
            self._ended_while_held.add(batch.id)
            return
        if batch.account_key != self._manager.account_key or not self._enabled() or self.in_front():
            return
        notification = self.notification(batch)
        if notification is None:
            return
        self.last = notification
        if self._desktop is not None:
            self._desktop.show(notification.title, notification.message, notification.failed)
        else:
            self._in_tray(notification.title, notification.message, notification.failed)

    def _in_tray(self, title: str, message: str, failed: bool) -> None:
        """Show a notification through the system tray, where there is one."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # no notification service here: the Transfers panel still says it all
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._window.windowIcon(), self)
            self._tray.setToolTip("Dentry")
            self._tray.messageClicked.connect(self.show_transfers)
            self._tray.activated.connect(lambda _reason: self.show_transfers())
        self._tray.show()
        icon = QSystemTrayIcon.MessageIcon.Warning if failed else QSystemTrayIcon.MessageIcon.Information
        self._tray.showMessage(title, message, icon, SHOWN_MS)

    def notification(self, batch: Batch) -> Notification | None:
        """What to say about a batch (None when nothing is worth saying: all of it cancelled)."""
        upload = batch.kind == Kind.UPLOAD
        label = display_name(batch.label)
        lines = []
        if batch.done:
            if upload:
                lines.append(arg(self.tr("%Ln file(s) uploaded to %1", "", batch.done), label))
            else:
                lines.append(arg(self.tr("%Ln file(s) downloaded to %1", "", batch.done), label))
        if batch.failed:
            if upload:
                lines.append(self.tr("%Ln upload(s) failed", "", batch.failed))
            else:
                lines.append(self.tr("%Ln download(s) failed", "", batch.failed))
        if not lines:
            return None
        if not batch.done:
            title = self.tr("Uploads failed") if upload else self.tr("Downloads failed")
        else:
            title = self.tr("Uploads finished") if upload else self.tr("Downloads finished")
        return Notification(title, "\n".join(lines), bool(batch.failed))

    def show_transfers(self) -> None:
        """Bring the window to the front with its Transfers panel (a click on the notification)."""
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        self._panel.show()
        self._panel.raise_()
