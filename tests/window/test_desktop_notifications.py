"""On a Linux desktop without a tray (GNOME), notifications go to the session bus's notification service.

A real D-Bus daemon runs the session bus, and a small notification service on it stands in for the
desktop's: it keeps what it was asked to show, and sends ActionInvoked when "the user clicks".
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from pytestqt.qtbot import QtBot

from app.localserver import LocalServer
from app.ui.notifications import Notification
from tests.support.local_service import REPO_ROOT
from tests.window.actions.test_transfers import drop_files
from tests.window.conftest import open_window
from tests.window.test_notifications import away, files

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A session bus of this test's own (the address the app finds in DBUS_SESSION_BUS_ADDRESS)."""
    daemon = shutil.which("dbus-daemon")
    assert daemon is not None, "scripts/test.sh installs dbus-daemon"
    listen = f"--address=unix:path={tmp_path / 'bus'}"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1", listen],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # (as root it says it cannot raise its file limit)
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


class NotificationService:
    """The desktop's notification service, as far as Dentry uses it: Notify, and ActionInvoked."""

    def __init__(self, address: str) -> None:
        self.shown: list[tuple[str, str, str, list[str]]] = []
        self.hints: list[dict[str, tuple[str, object]]] = []
        self.ids: list[int] = []
        self._connection: DBusConnection = open_dbus_connection(bus=address)
        reply = self._connection.send_and_get_reply(message_bus.RequestName(NOTIFICATIONS))
        assert reply.body == (1,)  # the primary owner of the name
        self._clicks: queue.Queue[int] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def click(self, notification_id: int) -> None:
        """The user clicks the notification: the service sends its "default" action."""
        self._clicks.put(notification_id)

    def _serve(self) -> None:
        while not self._stop.is_set():
            while not self._clicks.empty():
                signal = new_signal(
                    DBusAddress(NOTIFICATIONS_PATH, interface=NOTIFICATIONS),
                    "ActionInvoked",
                    "us",
                    (self._clicks.get(), "default"),
                )
                self._connection.send(signal)
            try:
                message = self._connection.receive(timeout=0.05)
            except TimeoutError:
                continue
            if message.header.message_type != MessageType.method_call:
                continue
            if message.header.fields.get(HeaderFields.member) == "Notify":
                app_name, _replaces, _icon, summary, body, actions, hints, _timeout = message.body
                self.shown.append((app_name, summary, body, actions))
                self.hints.append(hints)
                self.ids.append(100 + len(self.ids))
                self._connection.send(new_method_return(message, "u", (self.ids[-1],)))
            else:
                self._connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    def __enter__(self) -> NotificationService:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._connection.close()


@pytest.mark.usefixtures("identified")
def test_the_desktop_shows_the_notification_and_its_click_brings_the_transfers(
    qtbot: QtBot, service: LocalServer, tmp_path: Path, session_bus: str
) -> None:
    with NotificationService(session_bus) as desktop, open_window(qtbot, service.url, tmp_path) as window:
        drop_files(window, files(tmp_path / "to the desktop", 2))
        away(qtbot, window)
        qtbot.waitUntil(lambda: bool(desktop.shown), timeout=20000)
        assert desktop.shown == [
            ("Dentry", "Uploads finished", "2 files uploaded to Demo space", ["default", "Show transfers"])
        ]
        # The desktop finds the installed entry by that name: its icon, its name in Chinese.
        assert desktop.hints[0]["desktop-entry"] == ("s", "dentry")
        assert (REPO_ROOT / "packaging" / "dentry.desktop").is_file()
        window.transfers_panel.hide()
        desktop.click(desktop.ids[0])
        qtbot.waitUntil(lambda: not window.isMinimized() and window.transfers_panel.isVisible(), timeout=5000)


def test_a_session_bus_without_a_notification_service_breaks_nothing(
    qtbot: QtBot, service: LocalServer, tmp_path: Path, session_bus: str
) -> None:
    with open_window(qtbot, service.url, tmp_path) as window:
        drop_files(window, files(tmp_path / "to nobody", 2))
        away(qtbot, window)
        qtbot.waitUntil(lambda: window.notifier.last is not None, timeout=20000)
        said = Notification("Uploads finished", "2 files uploaded to Demo space", False)
        assert window.notifier.last == said
        qtbot.wait(300)  # the service's "no such name" arrives, and the tray (none offscreen) is tried
        window.transfers_panel.hide()
        window.notifier.show_transfers()  # the window still works as before
        qtbot.waitUntil(window.transfers_panel.isVisible, timeout=5000)
