"""The saved accounts: a small JSON file in the user's config folder, never holding a secret.

File format (``accounts.json``, mode 0600, replaced atomically on every change)::

    {"version": 1, "default": "Work",
     "accounts": [{"name": "Work", "endpoint": "https://api.dingtalk.com",
                   "app_key": "...", "union_id": "...", "spaces": ["..."]}]}

The file is read on every call, so a change made by another process (the command line while the
app runs) is seen at once. A file that cannot be parsed is reported with its path, and before it
is replaced by a later change it is moved aside to ``accounts.json.corrupt``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

import platformdirs

from app.accounts.local import local_account
from app.accounts.model import LOCAL_ACCOUNT_NAME, Account
from app.free_names import free_name

log = logging.getLogger(__name__)

FILE_NAME = "accounts.json"
FORMAT_VERSION = 1


class AccountError(Exception):
    """An account is unknown or invalid, or the accounts file cannot be read or written."""


class _CorruptFileError(AccountError):
    """The accounts file exists but does not hold what this module writes."""


class AccountStore:
    """The built-in local account plus the accounts the user saved, and which one is the default."""

    def __init__(self, config_dir: Path | None = None) -> None:
        """Use the accounts file in `config_dir`.

        Args:
            config_dir: Folder of ``accounts.json``; platformdirs' ``user_config_dir("dentry")`` when None.
                It is created on the first change.
        """
        self.config_dir = (
            config_dir if config_dir is not None else Path(platformdirs.user_config_dir("dentry"))
        )
        self.path = self.config_dir / FILE_NAME
        self._lock = threading.Lock()

    def accounts(self) -> list[Account]:
        """All accounts: the built-in local account first, then the saved ones in the order saved.

        Raises:
            AccountError: The accounts file is corrupt or unreadable.
        """
        saved, _default = self._read()
        return [local_account(), *saved]

    def get(self, name: str) -> Account:
        """The account called `name`.

        Raises:
            AccountError: There is no such account, or the accounts file is corrupt or unreadable.
        """
        if name == LOCAL_ACCOUNT_NAME:
            return local_account()
        saved, _default = self._read()
        for account in saved:
            if account.name == name:
                return account
        raise AccountError(f"No account named {name!r}; `dentry-cli accounts` lists them.")

    def save(self, account: Account) -> None:
        """Add `account`, or replace the saved account of the same name (keeping its place).

        The endpoint is stored without surrounding blanks or a trailing slash.

        Raises:
            AccountError: The account is the local one or is invalid, or the file cannot be written.
        """
        _check(account)
        stored = Account(
            name=account.name,
            endpoint=account.endpoint.strip().rstrip("/"),
            app_key=account.app_key.strip(),
            union_id=account.union_id.strip(),
            spaces=list(account.spaces),
        )
        with self._lock:
            saved, default, corrupt = self._read_for_update()
            for index, old in enumerate(saved):
                if old.name == stored.name:
                    saved[index] = stored
                    break
            else:
                saved.append(stored)
            self._write(saved, default, corrupt)
        log.info("Saved account %r", stored.name)

    def remove(self, name: str) -> None:
        """Remove the saved account called `name`; if it was the default, the local account becomes it.

        The account's secret stays in the keyring: `SecretStore.delete` removes it.

        Raises:
            AccountError: `name` is the local account or unknown, or the file cannot be written.
        """
        if name == LOCAL_ACCOUNT_NAME:
            raise AccountError("The local storage account is built in and cannot be removed.")
        with self._lock:
            saved, default, corrupt = self._read_for_update()
            kept = [account for account in saved if account.name != name]
            if len(kept) == len(saved):
                raise AccountError(f"No account named {name!r}; `dentry-cli accounts` lists them.")
            self._write(kept, None if default == name else default, corrupt)
        log.info("Removed account %r", name)

    def default_name(self) -> str:
        """The account last chosen with `set_default`, or `LOCAL_ACCOUNT_NAME` when none (or removed).

        Raises:
            AccountError: The accounts file is corrupt or unreadable.
        """
        saved, default = self._read()
        if default is not None and any(account.name == default for account in saved):
            return default
        return LOCAL_ACCOUNT_NAME

    def set_default(self, name: str) -> None:
        """Make `name` the account the app opens with.

        Raises:
            AccountError: There is no such account, or the file cannot be read or written.
        """
        with self._lock:
            saved, _default, corrupt = self._read_for_update()
            if name != LOCAL_ACCOUNT_NAME and not any(account.name == name for account in saved):
                raise AccountError(f"No account named {name!r}; `dentry-cli accounts` lists them.")
            self._write(saved, None if name == LOCAL_ACCOUNT_NAME else name, corrupt)

    def _read(self) -> tuple[list[Account], str | None]:
        """The saved accounts and the default name; nothing when the file does not exist yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return [], None
        except (OSError, UnicodeDecodeError) as error:
            raise AccountError(f"Cannot read the accounts file {self.path}: {_reason(error)}.") from error
        try:
            return _parse(json.loads(text))
        except (ValueError, TypeError, KeyError) as error:
            raise _CorruptFileError(
                f"The accounts file {self.path} is corrupt ({_reason(error)}); fix or delete it."
            ) from error

    def _read_for_update(self) -> tuple[list[Account], str | None, bool]:
        """Like `_read`, but a corrupt file reads as empty (third item True) so a change can start anew."""
        try:
            saved, default = self._read()
        except _CorruptFileError as error:
            log.warning("%s", error)
            return [], None, True
        return saved, default, False

    def _write(self, saved: list[Account], default: str | None, corrupt: bool) -> None:
        """Replace the file atomically (temp file, fsync, rename), moving a corrupt one aside first."""
        document = {
            "version": FORMAT_VERSION,
            "default": default,
            "accounts": [
                {
                    "name": account.name,
                    "endpoint": account.endpoint,
                    "app_key": account.app_key,
                    "union_id": account.union_id,
                    "spaces": account.spaces,
                }
                for account in saved
            ],
        }
        try:
            self.config_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            if corrupt:
                kept = free_name(self.path.with_name(FILE_NAME + ".corrupt"))
                os.replace(self.path, kept)
                log.warning("Moved the corrupt accounts file %s to %s", self.path, kept)
            handle, temp_name = tempfile.mkstemp(prefix=".accounts-", suffix=".tmp", dir=self.config_dir)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as temp:
                    json.dump(document, temp, ensure_ascii=False, indent=2)
                    temp.write("\n")
                    temp.flush()
                    os.fsync(temp.fileno())
                os.chmod(temp_name, 0o600)
                os.replace(temp_name, self.path)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise AccountError(f"Cannot write the accounts file {self.path}: {_reason(error)}.") from error
        _sync_folder(self.config_dir)


def _parse(document: Any) -> tuple[list[Account], str | None]:
    """Accounts and default name from the JSON document; ValueError/TypeError/KeyError when malformed."""
    if not isinstance(document, dict):
        raise TypeError("the top level is not an object")
    version = document.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValueError(f"unknown format version {version!r}")
    default = document.get("default")
    if default is not None and not isinstance(default, str):
        raise TypeError("'default' is not a string")
    entries = document.get("accounts", [])
    if not isinstance(entries, list):
        raise TypeError("'accounts' is not a list")
    saved: list[Account] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise TypeError("an account is not an object")
        fields = {key: entry[key] for key in ("name", "endpoint", "app_key", "union_id")}
        spaces = entry.get("spaces", [])
        if not all(isinstance(value, str) for value in fields.values()):
            raise TypeError(f"account {fields['name']!r} has a field that is not a string")
        if not isinstance(spaces, list) or not all(isinstance(space, str) for space in spaces):
            raise TypeError(f"the spaces of account {fields['name']!r} are not a list of strings")
        if fields["name"] == LOCAL_ACCOUNT_NAME or any(account.name == fields["name"] for account in saved):
            continue
        saved.append(Account(**fields, spaces=spaces))
    return saved, default


def _check(account: Account) -> None:
    """Raise AccountError unless `account` may be saved."""
    if account.is_local or account.name == LOCAL_ACCOUNT_NAME:
        raise AccountError("The local storage account is built in and cannot be saved.")
    if not account.name.strip():
        raise AccountError("An account needs a name.")
    endpoint = account.endpoint.strip()
    if not endpoint.startswith(("https://", "http://")) or len(endpoint.rstrip("/")) <= len("https://"):
        raise AccountError(f"The endpoint must be an http:// or https:// URL, not {account.endpoint!r}.")
    if not account.app_key.strip():
        raise AccountError("An account needs an appKey.")
    if not all(isinstance(space, str) and space for space in account.spaces):
        raise AccountError("Space ids must be non-empty strings.")


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable where the OS allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _reason(error: BaseException) -> str:
    """A short reason for an error, without a traceback."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if isinstance(error, KeyError):
        return f"missing field {error}"
    return str(error) or type(error).__name__
