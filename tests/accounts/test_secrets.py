"""SecretStore: the appSecret lives in a secure keyring only, with a timeout on every keyring call."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import InitError, KeyringLocked, PasswordSetError

from app.accounts import (
    KEYRING_SERVICE,
    SECRET_ENV,
    Account,
    AccountStore,
    KeyringLockedError,
    KeyringTimeoutError,
    NoSecureKeyringError,
    SecretError,
    SecretStore,
    local_account,
    local_app_secret,
    local_data_dir,
)
from tests.accounts.conftest import MemoryKeyring

SECRET = "s3cr3t-appSecret-0123456789"


@pytest.fixture
def account() -> Account:
    return Account("Work", "https://api.dingtalk.com", "key-1", "union-1", ["101"])


def files_containing(folder: Path, text: str) -> list[Path]:
    """Every file under `folder` whose bytes contain `text`."""
    needle = text.encode()
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's plaintext file backend (never installed here)."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class BlockingKeyring(KeyringBackend):
    """Every call waits until `release` is set, like a keyring showing an unlock prompt."""

    priority = 50

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls: list[tuple[str, str]] = []

    def _wait(self, operation: str, username: str) -> None:
        self.release.wait(30)
        self.calls.append((operation, username))

    def get_password(self, service: str, username: str) -> str | None:
        self._wait("get", username)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait("set", username)

    def delete_password(self, service: str, username: str) -> None:
        self._wait("delete", username)


class RaisingKeyring(KeyringBackend):
    """Raises `error` from every call."""

    priority = 50

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


@pytest.fixture
def blocking_keyring() -> Iterator[BlockingKeyring]:
    backend = BlockingKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()
    for thread in threading.enumerate():
        if thread.name == "keyring":
            thread.join(5)


def test_set_get_delete(memory_keyring: MemoryKeyring, account: Account) -> None:
    secrets = SecretStore()
    assert secrets.backend_is_secure()
    assert secrets.get(account) is None
    secrets.set(account, SECRET)
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "key-1@https://api.dingtalk.com"): SECRET}
    assert secrets.get(account) == SECRET
    secrets.set(account, "changed")
    assert SecretStore().get(account) == "changed"
    secrets.delete(account)
    assert secrets.get(account) is None
    assert memory_keyring.passwords == {}
    secrets.delete(account)  # a missing secret is fine


def test_the_secret_is_found_whatever_the_trailing_slash(account: Account) -> None:
    secrets = SecretStore()
    secrets.set(account, SECRET)
    account.endpoint += "/"
    assert secrets.get(account) == SECRET


def test_an_empty_secret_is_refused(account: Account) -> None:
    with pytest.raises(SecretError, match="empty"):
        SecretStore().set(account, "")


def test_after_set_the_secret_is_in_no_file(user_dirs: Path, account: Account) -> None:
    store = AccountStore()
    store.save(account)
    SecretStore().set(account, SECRET)
    store.set_default(account.name)
    assert store.path.is_file()
    assert SECRET not in store.path.read_text()
    assert files_containing(user_dirs.parent, SECRET) == []


def test_the_environment_variable_wins_and_is_never_written(
    user_dirs: Path, memory_keyring: MemoryKeyring, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = "from-the-environment-9876"
    monkeypatch.setenv(SECRET_ENV, from_env)
    secrets = SecretStore()
    assert secrets.get(account) == from_env
    secrets.set(account, SECRET)
    assert secrets.get(account) == from_env
    AccountStore().save(account)
    assert from_env not in memory_keyring.passwords.values()
    assert files_containing(user_dirs.parent, from_env) == []

    monkeypatch.setenv(SECRET_ENV, "")
    assert secrets.get(account) == SECRET


def test_the_local_account_has_its_services_secret_without_the_keyring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(RaisingKeyring(AssertionError("the keyring was used")))
    monkeypatch.setenv(SECRET_ENV, "for-cloud-accounts")
    secrets = SecretStore()
    local = local_account("http://127.0.0.1:1")
    secret = secrets.get(local)
    assert secret is not None
    assert len(secret) >= 40
    assert secret != "dentry-local-secret"
    assert secrets.get(local) == secret == local_app_secret(local_data_dir())
    secrets.set(local, "ignored")
    secrets.delete(local)
    assert secrets.get(local) == secret


def test_the_fail_backend_refuses_to_store_and_says_how_to_fix_it(account: Account) -> None:
    keyring.set_keyring(fail.Keyring())
    secrets = SecretStore()
    assert not secrets.backend_is_secure()
    assert secrets.backend_name() == "keyring.backends.fail.Keyring"
    with pytest.raises(NoSecureKeyringError) as caught:
        secrets.set(account, SECRET)
    message = str(caught.value)
    for hint in ("keyring.backends.fail.Keyring", "GNOME Keyring", "KWallet", SECRET_ENV, "macOS", "Windows"):
        assert hint in message
    assert SECRET not in message
    # Decision: with no secure keyring nothing can be stored, so `get` finds nothing (None).
    assert secrets.get(account) is None
    secrets.delete(account)


@pytest.mark.parametrize("backend", [null.Keyring(), PlaintextFileKeyring()], ids=["null", "plaintext"])
def test_insecure_backends_are_neither_written_nor_read(backend: KeyringBackend, account: Account) -> None:
    backend.set_password(KEYRING_SERVICE, account.secret_id, "planted")
    keyring.set_keyring(backend)
    secrets = SecretStore()
    assert not secrets.backend_is_secure()
    with pytest.raises(NoSecureKeyringError, match=type(backend).__module__):
        secrets.set(account, SECRET)
    assert secrets.get(account) is None
    if isinstance(backend, PlaintextFileKeyring):
        assert SECRET not in backend.passwords.values()


def test_a_chainer_is_secure_only_if_its_first_backend_is(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(chainer.ChainerBackend())
    secrets = SecretStore()
    for chained, secure in [
        ([], False),
        ([PlaintextFileKeyring()], False),
        ([PlaintextFileKeyring(), MemoryKeyring()], False),
        ([MemoryKeyring(), PlaintextFileKeyring()], True),
    ]:
        monkeypatch.setattr(chainer.ChainerBackend, "backends", chained)
        assert secrets.backend_is_secure() is secure, chained
        assert secrets.backend_name().startswith("keyring.backends.chainer.ChainerBackend of ")


def test_without_a_secure_keyring_the_secret_can_be_kept_for_this_run(account: Account) -> None:
    keyring.set_keyring(fail.Keyring())
    secrets = SecretStore()
    with pytest.raises(NoSecureKeyringError):
        secrets.set(account, SECRET)
    secrets.keep_for_session(account, SECRET)
    assert secrets.get(account) == SECRET
    assert SecretStore().get(account) is None
    secrets.delete(account)
    assert secrets.get(account) is None


@pytest.mark.parametrize(
    ("error", "expected", "message"),
    [
        (KeyringLocked("Failed to unlock the collection!"), KeyringLockedError, "locked"),
        (InitError("Failed to create the collection"), SecretError, "could not be opened"),
        (PasswordSetError("Failed to store"), SecretError, "refused"),
        (RuntimeError("D-Bus went away"), SecretError, "RuntimeError: D-Bus went away"),
    ],
)
def test_keyring_errors_become_secret_errors(
    account: Account, error: Exception, expected: type[SecretError], message: str
) -> None:
    keyring.set_keyring(RaisingKeyring(error))
    secrets = SecretStore()
    with pytest.raises(expected, match=message):
        secrets.get(account)
    with pytest.raises(expected, match=message):
        secrets.set(account, SECRET)


def test_a_blocking_keyring_times_out(blocking_keyring: BlockingKeyring, account: Account) -> None:
    secrets = SecretStore(timeout=0.3)
    started = time.monotonic()
    with pytest.raises(KeyringTimeoutError, match=r"did not answer within 0\.3 seconds"):
        secrets.get(account)
    assert 0.25 < time.monotonic() - started < 2


def test_a_call_queued_behind_a_stuck_one_is_dropped_when_it_times_out(
    blocking_keyring: BlockingKeyring, account: Account
) -> None:
    secrets = SecretStore(timeout=0.2)
    other = Account("Other", "https://api.dingtalk.com", "key-2", "union-2")
    with pytest.raises(KeyringTimeoutError):
        secrets.set(account, SECRET)
    with pytest.raises(KeyringTimeoutError):
        secrets.set(other, SECRET)
    blocking_keyring.release.set()
    for thread in threading.enumerate():
        if thread.name == "keyring":
            thread.join(5)
    # The first call was already running and could not be stopped; the queued one never ran.
    assert blocking_keyring.calls == [("set", account.secret_id)]


def test_the_secret_is_never_logged(account: Account, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    secrets = SecretStore()
    secrets.set(account, SECRET)
    secrets.get(account)
    secrets.delete(account)
    secrets.keep_for_session(account, SECRET)
    assert account.secret_id in caplog.text
    assert SECRET not in caplog.text
