"""What the ``dentry-cli`` tests share: running the real command line against the test's service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from tests.support.local_service import REPO_ROOT, cli_env


def run_cli(
    server: LocalServer, tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`dentry-cli` on the test's service; output as the bytes a terminal would get."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    options = ["--endpoint", server.url, "--app-key", DEFAULT_APP_KEY, "--union-id", DEFAULT_UNION_ID]
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *options, *args],
        check=False,
        capture_output=True,
        env={**cli_env(home, tmp_path / "keyring.json", DEFAULT_APP_SECRET), **(env or {})},
        cwd=REPO_ROOT,
        timeout=60,
    )
