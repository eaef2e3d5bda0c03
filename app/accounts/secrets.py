"""Where an account's appSecret lives: the OS keyring only, never a file of ours.

Order of lookup in `SecretStore.get`:

1. the local account's secret, kept by its embedded service in its data folder (the keyring is not
   touched);
2. ``DENTRY_APP_SECRET`` from the environment, for one process (it is never written anywhere);
3. a secret kept in memory for this run with `SecretStore.keep_for_session`;
4. the OS keyring (service ``"dentry"``, username `Account.secret_id`).

Only a secure keyring is used (Secret Service, KWallet, macOS Keychain, Windows Credential Locker,
or any other backend not known to be insecure). With none, `get` returns None and `set` raises
`NoSecureKeyringError`: the secret is never written in plain text. The caller may then keep it in
memory for this run with `keep_for_session` and tell the user so.

Keyring calls can block on an unlock prompt, so each one runs in a worker thread and is waited for
at most `timeout` seconds (`KeyringTimeoutError`). Calls are made one at a time; a call still waiting
for its turn when its caller gives up is dropped. A call already running when its caller gives up
cannot be stopped and may still finish later.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import threading
from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.accounts.local import local_app_secret
from app.accounts.model import Account

log = logging.getLogger(__name__)

SECRET_ENV = "DENTRY_APP_SECRET"
KEYRING_SERVICE = "dentry"

_INSECURE_MODULES = ("keyrings.alt", "keyrings.cryptfile")
"""Backends that keep secrets in files we would not trust with an appSecret."""

_T = TypeVar("_T")


class SecretError(Exception):
    """The appSecret could not be read, saved or deleted; the message says why, for a person."""


class NoSecureKeyringError(SecretError):
    """No secure keyring is available to hold the appSecret."""

    def __init__(self, backend_name: str) -> None:
        """Build the message from the name of the backend that was found instead."""
        super().__init__(
            f"No secure keyring is available to store the appSecret (found {backend_name}). "
            "On Linux, install and unlock GNOME Keyring or KWallet, "
            f"or set {SECRET_ENV} for a single run; macOS and Windows have one built in."
        )
        self.backend_name = backend_name


class KeyringLockedError(SecretError):
    """The keyring is locked and was not unlocked."""


class KeyringTimeoutError(SecretError):
    """The keyring did not answer in time (often an unlock prompt left open)."""


class SecretStore:
    """Reads, saves and deletes appSecrets in the OS keyring, with a timeout on every keyring call."""

    def __init__(self, timeout: float = 15.0) -> None:
        """Use the keyring chosen by the `keyring` library (or set with ``keyring.set_keyring``).

        Args:
            timeout: Seconds to wait for one keyring call, unlock prompt included.
        """
        self.timeout = timeout
        self._turn = threading.Lock()
        self._session: dict[str, str] = {}

    def backend_is_secure(self) -> bool:
        """Whether the keyring keeps secrets safely.

        False for the fail and null backends, the keyrings.alt file backends (plaintext or
        "encrypted"), and a chainer whose first backend (the one that receives writes) is one of
        those or that chains nothing.

        Raises:
            KeyringTimeoutError: Finding the keyring took longer than `timeout`.
        """
        return _is_secure(self._call("find the keyring", keyring.get_keyring))

    def backend_name(self) -> str:
        """The keyring backend in use, e.g. ``keyring.backends.SecretService.Keyring``.

        Raises:
            KeyringTimeoutError: Finding the keyring took longer than `timeout`.
        """
        return _name(self._call("find the keyring", keyring.get_keyring))

    def get(self, account: Account) -> str | None:
        """The appSecret of `account`, or None when none is stored.

        Also None when there is no secure keyring: nothing can be stored then, so there is nothing
        to read either, and the caller asks the user as for a new account. Insecure backends are
        not read.

        Raises:
            KeyringLockedError: The keyring stayed locked.
            KeyringTimeoutError: The keyring did not answer within `timeout`.
            SecretError: The keyring failed otherwise, or the local account's secret file could
                not be read.
        """
        if account.is_local:
            try:
                return local_app_secret()
            except OSError as error:
                raise SecretError(f"The local storage's appSecret could not be read: {error}") from error
        from_env = os.environ.get(SECRET_ENV)
        if from_env:
            log.debug("Using the appSecret of %s from %s", account.secret_id, SECRET_ENV)
            return from_env
        if account.secret_id in self._session:
            return self._session[account.secret_id]

        def read() -> str | None:
            backend = keyring.get_keyring()
            if not _is_secure(backend):
                log.info(
                    "No secure keyring (%s); no stored appSecret for %s", _name(backend), account.secret_id
                )
                return None
            return backend.get_password(KEYRING_SERVICE, account.secret_id)

        try:
            secret = self._call(f"read the appSecret of {account.secret_id}", read)
        except NoSecureKeyringError:
            return None
        log.debug("appSecret of %s %s the keyring", account.secret_id, "found in" if secret else "not in")
        return secret or None

    def set(self, account: Account, secret: str) -> None:
        """Save the appSecret of `account` in the keyring, replacing any earlier one.

        Nothing is stored for the local account, whose secret its service keeps.

        Raises:
            NoSecureKeyringError: There is no secure keyring; nothing was written anywhere.
            KeyringLockedError: The keyring stayed locked.
            KeyringTimeoutError: The keyring did not answer within `timeout`.
            SecretError: The secret is empty, or the keyring failed otherwise.
        """
        if account.is_local:
            return
        if not secret:
            raise SecretError("The appSecret is empty.")

        def write() -> None:
            backend = keyring.get_keyring()
            if not _is_secure(backend):
                raise NoSecureKeyringError(_name(backend))
            backend.set_password(KEYRING_SERVICE, account.secret_id, secret)

        self._call(f"save the appSecret of {account.secret_id}", write)
        self._session.pop(account.secret_id, None)
        log.info("Saved the appSecret of %s in the keyring", account.secret_id)

    def delete(self, account: Account) -> None:
        """Forget the appSecret of `account` (keyring and this run's memory); a missing one is fine.

        Raises:
            KeyringLockedError: The keyring stayed locked.
            KeyringTimeoutError: The keyring did not answer within `timeout`.
            SecretError: The keyring failed otherwise.
        """
        if account.is_local:
            return
        self._session.pop(account.secret_id, None)

        def remove() -> None:
            backend = keyring.get_keyring()
            if isinstance(backend, (fail.Keyring, null.Keyring)):
                return
            try:
                backend.delete_password(KEYRING_SERVICE, account.secret_id)
            except keyring.errors.PasswordDeleteError:
                log.debug("No appSecret of %s in the keyring to delete", account.secret_id)

        try:
            self._call(f"delete the appSecret of {account.secret_id}", remove)
        except NoSecureKeyringError:
            return
        log.info("Deleted the appSecret of %s", account.secret_id)

    def keep_for_session(self, account: Account, secret: str) -> None:
        """Keep the appSecret of `account` in this process's memory only, until it exits.

        For when there is no secure keyring (`set` raised `NoSecureKeyringError`); `get` returns it
        after the environment variable and before the keyring.
        """
        if not account.is_local:
            self._session[account.secret_id] = secret
            log.info("Keeping the appSecret of %s in memory for this run only", account.secret_id)

    def _call(self, action: str, function: Callable[[], _T]) -> _T:
        """Run `function` in a worker thread, one keyring call at a time, within `timeout`.

        Args:
            action: What the call does, for messages ("read the appSecret of …").
            function: The keyring work; it must not log or return anything secret but its result.

        Raises:
            KeyringTimeoutError: No answer within `timeout`.
            SecretError: The keyring's own errors, translated.
        """
        future: concurrent.futures.Future[_T] = concurrent.futures.Future()

        def work() -> None:
            with self._turn:
                if not future.set_running_or_notify_cancel():
                    return  # the caller gave up while an earlier call held the keyring
                try:
                    result = function()
                except BaseException as error:
                    future.set_exception(error)
                else:
                    future.set_result(result)

        # A daemon thread rather than a ThreadPoolExecutor: the executor's workers are joined at
        # exit, so a keyring call stuck on an unlock prompt would keep the app from quitting.
        threading.Thread(target=work, name="keyring", daemon=True).start()
        try:
            return future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            log.warning("The keyring did not answer within %g s when asked to %s", self.timeout, action)
            raise KeyringTimeoutError(
                f"The keyring did not answer within {self.timeout:g} seconds; "
                "unlock it (an unlock prompt may be waiting) and try again."
            ) from None
        except SecretError:
            raise
        except keyring.errors.KeyringLocked as error:
            raise KeyringLockedError(f"The keyring is locked; unlock it to {action}.") from error
        except keyring.errors.NoKeyringError as error:
            raise NoSecureKeyringError(_name(keyring.get_keyring())) from error
        except keyring.errors.InitError as error:
            raise SecretError(f"The keyring could not be opened to {action}: {error}") from error
        except keyring.errors.PasswordSetError as error:
            raise SecretError(f"The keyring refused to {action}: {error}") from error
        except keyring.errors.KeyringError as error:
            raise SecretError(f"The keyring failed to {action}: {error}") from error
        except Exception as error:  # backends raise their own errors too (D-Bus, Windows API)
            raise SecretError(f"The keyring failed to {action}: {type(error).__name__}: {error}") from error


def _is_secure(backend: KeyringBackend) -> bool:
    """Whether `backend` keeps secrets safely (see `SecretStore.backend_is_secure`)."""
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        return bool(chained) and _is_secure(chained[0])
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    module = type(backend).__module__
    return not module.startswith(_INSECURE_MODULES)


def _name(backend: KeyringBackend) -> str:
    """``module.Class`` of `backend`; for a chainer, also the backends it chains."""
    kind = type(backend)
    name = f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(backend, chainer.ChainerBackend):
        chained = ", ".join(_name(each) for each in backend.backends) or "nothing"
        return f"{name} of {chained}"
    return name
