"""The built-in account: the embedded local storage service, started on demand with demo content.

Only the service's public embedding API (`LocalServer`, `ServerConfig`) is used here; the client
side knows nothing else of the server and talks to it over HTTP like to any other endpoint.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.accounts.model import LOCAL_ACCOUNT_NAME, Account

if TYPE_CHECKING:
    from app.localserver import LocalServer

log = logging.getLogger(__name__)

LOCAL_APP_KEY = "dentry-local"
LOCAL_APP_SECRET = "dentry-local-secret"
LOCAL_UNION_ID = "local-user"


def local_data_dir() -> Path:
    """The folder holding the local service's database and files (``<user data dir>/localserver``)."""
    return Path(platformdirs.user_data_dir("dentry")) / "localserver"


def local_account(endpoint: str = "") -> Account:
    """The built-in account on the local service.

    Args:
        endpoint: The service's base URL, as returned by `LocalService.start`; empty while it is not
            running.

    Returns:
        A fresh `Account` with ``is_local=True`` and the name `LOCAL_ACCOUNT_NAME`.
    """
    return Account(
        name=LOCAL_ACCOUNT_NAME,
        endpoint=endpoint,
        app_key=LOCAL_APP_KEY,
        union_id=LOCAL_UNION_ID,
        is_local=True,
    )


class LocalService:
    """Starts the embedded local storage service on demand, with demo content, in `local_data_dir()`.

    It runs `app.localserver.LocalServer`, which listens on a free port of 127.0.0.1 in a background
    thread of this process.
    `start` and `stop` may be called from any thread and any number of times.
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        """Prepare, without starting anything.

        Args:
            data_dir: Where the service keeps its data; `local_data_dir()` when None.
        """
        self.data_dir = data_dir if data_dir is not None else local_data_dir()
        self._server: LocalServer | None = None
        self._lock = threading.Lock()

    def start(self) -> str:
        """Start the service unless it is running, and return its base URL.

        The first start in a new data folder adds a demo space.

        Returns:
            The base URL, e.g. ``http://127.0.0.1:43125``.

        Raises:
            OSError: The data folder or the listening socket could not be made.
            RuntimeError: The service did not come up.
        """
        with self._lock:
            if self._server is None:
                # Imported here so that listing accounts does not load the whole web stack.
                from app.localserver import LocalServer, ServerConfig  # noqa: PLC0415

                self.data_dir.mkdir(parents=True, exist_ok=True)
                config = ServerConfig(
                    data_dir=self.data_dir,
                    app_key=LOCAL_APP_KEY,
                    app_secret=LOCAL_APP_SECRET,
                    union_id=LOCAL_UNION_ID,
                    demo=True,
                )
                self._server = LocalServer(config).start()
                log.info(
                    "Local storage service started at %s with data in %s", self._server.url, self.data_dir
                )
            return self._server.url

    def stop(self) -> None:
        """Stop the service if it is running; requests in flight are finished first."""
        with self._lock:
            server, self._server = self._server, None
            if server is not None:
                server.stop()
                log.info("Local storage service stopped")
