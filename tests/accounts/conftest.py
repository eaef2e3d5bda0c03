"""Fixtures of the accounts tests: an in-memory keyring and user folders in a temp directory."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from app.accounts import SECRET_ENV


class MemoryKeyring(KeyringBackend):
    """A secure-looking keyring that keeps passwords in a dict, for tests only."""

    priority = 100

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("Password not found")


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """The keyring every test uses unless it sets another; the previous one is restored afterwards."""
    # Restores the module's choice without asking keyring to detect the real one.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG config/data/cache folders inside a temp folder, and no DENTRY_APP_SECRET.

    Returns the temp home; platformdirs then resolves ``user_config_dir("dentry")`` inside it.
    """
    home = tmp_path / "home"
    for name, folder in {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
    }.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv(SECRET_ENV, raising=False)
    return home
