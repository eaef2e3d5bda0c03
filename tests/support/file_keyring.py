"""A keyring backend for tests that run the CLI in a subprocess: it keeps secrets in a JSON file.

Plaintext on purpose and for tests only; select it with
``PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring`` and point
``DENTRY_TEST_KEYRING_FILE`` at a file outside the folders the test inspects.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    """Secrets in the JSON file named by ``DENTRY_TEST_KEYRING_FILE``."""

    priority = 100  # type: ignore[assignment]  # keyring declares it as a classproperty

    @property
    def _path(self) -> Path:
        return Path(os.environ["DENTRY_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._path.read_text())
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self._path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\0{username}", None)
        self._path.write_text(json.dumps(data))
