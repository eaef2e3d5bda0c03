"""Notifications through the desktop's notification service on Linux (org.freedesktop.Notifications).

GNOME and other desktops show notifications without offering a system tray, and there
`QSystemTrayIcon` has nothing to show them with. This speaks the freedesktop.org notification
protocol on the session bus directly (with jeepney, which the keyring already brings). Clicking
the notification invokes its "default" action; the service then sends ActionInvoked, which
becomes `clicked`.

The bus is only ever used from threads of this object (one sends, jeepney's own receives, one
waits for clicks), so the UI thread never waits for it. When there is no session bus or no
notification service, `unavailable` hands the notification back to be shown another way.
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from jeepney import DBusAddress, MatchRule, Message, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, FilterHandle, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

SERVICE = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
CLICKS = MatchRule(
    type="signal",
    interface="org.freedesktop.Notifications",
    member="ActionInvoked",
    path="/org/freedesktop/Notifications",
)
CALL_TIMEOUT_SECONDS = 3.0
URGENCY_NORMAL = 1


def session_bus_known() -> bool:
    """Whether this is a Linux session with a session bus to ask (else the tray is the way)."""
    return sys.platform.startswith("linux") and bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))


class DesktopNotifications(QObject):
    """Shows notifications through the session bus's notification service.

    Signals:
        clicked(): the user clicked one of the notifications shown here.
        unavailable(str, str, bool): a notification (title, message, failed) could not be
            shown here: no session bus, or no notification service on it.
    """

    clicked = Signal()
    unavailable = Signal(str, str, bool)

    def __init__(self, parent: QObject, app_name: str, action_label: str, shown_ms: int) -> None:
        """Notifications from `app_name`, whose click is offered as `action_label`, shown `shown_ms`."""
        super().__init__(parent)
        self._app_name = app_name
        self._action_label = action_label
        self._shown_ms = shown_ms
        self._desktop_entry = QGuiApplication.desktopFileName()  # (read here: Qt's, on the UI thread)
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dentry-notify")
        self._router: DBusRouter | None = None
        self._clicks: queue.Queue[Message | None] = queue.Queue(maxsize=64)
        self._ours: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._click_filter: FilterHandle | None = None
        self._click_waiter: threading.Thread | None = None

    def show(self, title: str, message: str, failed: bool) -> None:
        """Show a notification (the call to the service happens on another thread)."""
        with self._lock:
            if self._closed:
                return
            self._sender.submit(self._send, title, message, failed)

    def close(self) -> None:
        """Stop sending and listening; notifications already shown stay with the desktop."""
        with self._lock:
            self._closed = True
        self._sender.shutdown(wait=True, cancel_futures=True)  # (a call waits CALL_TIMEOUT at most)
        self._drop_router()
        self._clicks.put(None)

    def _send(self, title: str, message: str, failed: bool) -> None:
        hints: dict[str, tuple[str, object]] = {"urgency": ("y", URGENCY_NORMAL)}
        if self._desktop_entry:  # the desktop shows the entry's icon and groups what it sent
            hints["desktop-entry"] = ("s", self._desktop_entry)
        actions = ["default", self._action_label]
        body = (self._app_name, 0, "", title, message, actions, hints, self._shown_ms)
        try:
            router = self._connected()
            call = new_method_call(SERVICE, "Notify", "susssasa{sv}i", body)
            (notification_id,) = unwrap_msg(router.send_and_get_reply(call, timeout=CALL_TIMEOUT_SECONDS))
            with self._lock:
                self._ours.add(int(notification_id))
        except DBusErrorResponse as error:  # the bus answered: no notification service on it
            log.info("no desktop notification service: %s", error)
            self.unavailable.emit(title, message, failed)
        except Exception as error:  # no bus, or it went away: connect again next time
            log.info("no session bus for notifications: %s", error)
            self._drop_router()
            self.unavailable.emit(title, message, failed)

    def _connected(self) -> DBusRouter:
        """The router on the session bus, listening for clicks (made on first use; sender thread only)."""
        if self._closed:
            raise OSError("closed")
        if self._router is not None:
            return self._router
        router = DBusRouter(open_dbus_connection(bus="SESSION"))
        self._router = router
        self._click_filter = router.filter(CLICKS, queue=self._clicks)
        unwrap_msg(router.send_and_get_reply(message_bus.AddMatch(CLICKS), timeout=CALL_TIMEOUT_SECONDS))
        if self._click_waiter is None:
            self._click_waiter = threading.Thread(
                target=self._wait_for_clicks, name="dentry-notify-clicks", daemon=True
            )
            self._click_waiter.start()
        return router

    def _drop_router(self) -> None:
        router, self._router = self._router, None
        if router is not None:
            router.close()
            router.conn.close()

    def _wait_for_clicks(self) -> None:
        while (signal := self._clicks.get()) is not None:
            notification_id, action = signal.body
            with self._lock:
                ours = notification_id in self._ours
            if ours and action == "default":
                self.clicked.emit()
