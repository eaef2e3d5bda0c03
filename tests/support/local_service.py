"""The local service as a process of its own, and an isolated home for ``dentry-cli``.

For tests and benchmarks that must not share this interpreter (and its GIL) with the service,
as the app does not: it runs the service as a child process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parents[2]


def start_service(
    data_dir: Path, *options: str, log: Path | None = None
) -> tuple[subprocess.Popen[str], str]:
    """``python -m app.localserver`` on a free port; returns the process and its URL.

    What it prints is appended to `log` when given, and dropped otherwise.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "app.localserver", "--port", "0", "--data-dir", str(data_dir), *options],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    assert process.stdout is not None
    output = log.open("a", encoding="utf-8") if log is not None else None
    for line in process.stdout:
        if output is not None:
            output.write(line)
            output.flush()
        match = re.search(r"listening on (http://[^\s/]+)", line)
        if match:
            # Keep reading what it prints, so that a full pipe never blocks it.
            threading.Thread(target=_copy, args=(process.stdout, output), daemon=True).start()
            return process, match.group(1)
    if output is not None:
        output.close()
    stop_service(process)
    raise RuntimeError(f"the local service did not start (exit code {process.returncode})")


def _copy(stream: IO[str], output: IO[str] | None) -> None:
    """Read `stream` to its end, writing it to `output` (if any) as it comes."""
    if output is None:
        stream.read()
        return
    with output:
        for line in stream:
            output.write(line)
            output.flush()


def stop_service(process: subprocess.Popen[str]) -> None:
    """Ask the service to end (SIGTERM); kill it if it has not within 30 seconds."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def service_process(data_dir: Path, *options: str) -> Iterator[str]:
    """The service for the duration of a ``with`` block; yields its URL."""
    process, url = start_service(data_dir, *options)
    try:
        yield url
    finally:
        stop_service(process)


def cli_env(home: Path, keyring_file: Path, secret: str | None = None) -> dict[str, str]:
    """Environment for ``python -m app.cli`` with its own home (config, journal) and a file keyring.

    `secret`, when given, is the AppSecret in ``DENTRY_APP_SECRET`` (no login needed).
    """
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "DENTRY_TEST_KEYRING_FILE": str(keyring_file),
    }
    if secret is not None:
        env["DENTRY_APP_SECRET"] = secret
    return env


@dataclass(frozen=True)
class CliUser:
    """``python -m app.cli`` as one unionId of a service, with a home (config, journal) of its own.

    The app secret travels in ``DENTRY_APP_SECRET``, so no login is needed.
    """

    url: str
    union_id: str
    home: Path
    app_key: str
    secret: str

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """One command, as a user types it; output as text."""
        self.home.mkdir(parents=True, exist_ok=True)
        options = ["--endpoint", self.url, "--app-key", self.app_key, "--union-id", self.union_id]
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *options, *args],
            check=False,
            capture_output=True,
            text=True,
            env=cli_env(self.home, self.home.parent / f"{self.home.name}-keyring.json", self.secret),
            cwd=self.home,
            timeout=timeout,
        )
