"""The built-in account: the embedded local storage service, started on demand with demo content.

Only the service's public embedding API (`LocalServer`, `ServerConfig`) and its command line are
used here; the client side knows nothing else of the server and talks to it over HTTP like to
any other endpoint.

The service accepts a random appSecret made at its first start and kept in its data folder
(`local_app_secret`), so no other user or program on the computer can get a token from it by
knowing a built-in default; the secret reaches the child process in a file, never on its
command line, which every user can read with ps.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import queue
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from app.accounts.model import LOCAL_ACCOUNT_NAME, Account

if TYPE_CHECKING:
    from app.localserver import LocalServer

log = logging.getLogger(__name__)

LOCAL_APP_KEY = "dentry-local"
LOCAL_UNION_ID = "local-user"
APP_SECRET_FILE = "app-secret"
"""The file in the data folder holding the local service's appSecret (mode 0600)."""
START_TIMEOUT_SECONDS = 60.0
PR_SET_PDEATHSIG = 1


def local_data_dir() -> Path:
    """The folder holding the local service's database and files (``<user data dir>/localserver``)."""
    return Path(platformdirs.user_data_dir("dentry")) / "localserver"


def local_app_secret(data_dir: Path | None = None) -> str:
    """The embedded service's appSecret, made (random, in a 0600 file) on first use.

    Args:
        data_dir: The service's data folder; `local_data_dir()` when None.

    Raises:
        OSError: The data folder or the secret file could not be made or read.
    """
    folder = data_dir if data_dir is not None else local_data_dir()
    _make_private_folder(folder)
    path = folder / APP_SECRET_FILE
    if not path.exists():
        _write_secret_once(path, secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip()


def _make_private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def _write_secret_once(path: Path, secret: str) -> None:
    """Write `path` unless it exists; of two processes starting at once the first one wins."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secret + "\n")
        # A hard link fails if the name exists, so a secret already in use is never replaced.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


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

    It runs ``python -m app.localserver`` as a child process on a free port of 127.0.0.1: in its
    own process the service never competes with the UI thread for the GIL, and it stops with the
    app. (A frozen bundle has no ``-m``; there it runs in a background thread instead.)
    `start` and `stop` may be called from any thread and any number of times.
    """

    def __init__(self, data_dir: Path | None = None, *, in_process: bool | None = None) -> None:
        """Prepare, without starting anything.

        Args:
            data_dir: Where the service keeps its data; `local_data_dir()` when None.
            in_process: Run it in a thread of this process (default: only in a frozen bundle).
        """
        self.data_dir = data_dir if data_dir is not None else local_data_dir()
        self.in_process = bool(getattr(sys, "frozen", False)) if in_process is None else in_process
        self._server: LocalServer | None = None
        self._process: subprocess.Popen[str] | None = None
        self._url = ""
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
            running = self._server is not None or (self._process is not None and self._process.poll() is None)
            if not running:
                _make_private_folder(self.data_dir)
                self._url = self._start_thread() if self.in_process else self._start_process()
                log.info("Local storage service started at %s with data in %s", self._url, self.data_dir)
            return self._url

    def _start_thread(self) -> str:
        # Imported here so that listing accounts does not load the whole web stack.
        from app.localserver import LocalServer, ServerConfig  # noqa: PLC0415

        config = ServerConfig(
            data_dir=self.data_dir,
            app_key=LOCAL_APP_KEY,
            app_secret=local_app_secret(self.data_dir),
            union_id=LOCAL_UNION_ID,
            demo=True,
        )
        self._server = LocalServer(config).start()
        return self._server.url

    def _start_process(self) -> str:
        local_app_secret(self.data_dir)  # made before the child reads it
        command = [
            sys.executable,
            "-m",
            "app.localserver",
            "--port",
            "0",
            "--data-dir",
            str(self.data_dir),
            "--demo",
            "--app-key",
            LOCAL_APP_KEY,
            "--app-secret-file",
            str(self.data_dir / APP_SECRET_FILE),
            "--union-id",
            LOCAL_UNION_ID,
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=_stop_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
        lines: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        stdout = process.stdout
        threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=START_TIMEOUT_SECONDS)
        except queue.Empty:
            line = ""
        if "listening on " not in line:
            process.kill()
            process.wait()
            raise RuntimeError("The local storage service did not start (see its messages above)")
        self._process = process
        return line.split("listening on ", 1)[1].split()[0]

    def stop(self) -> None:
        """Stop the service if it is running; requests in flight are finished first."""
        with self._lock:
            server, self._server = self._server, None
            process, self._process = self._process, None
            if server is not None:
                server.stop()
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if server is not None or process is not None:
                log.info("Local storage service stopped")


def _stop_with_parent() -> None:
    """In the child: receive SIGTERM when the app dies, so no service is left running (Linux)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
