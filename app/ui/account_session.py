"""The account the window shows: connecting to it off the UI thread, its client and its spaces.

Connecting may start the embedded local service, read the keyring (which can block on an unlock
prompt) and call the service, so all of it runs through `Background`. The transfer queue runs the
jobs of the account shown, and only those (`TransferManager.set_account`): a connection is handed
to the queue on the worker thread, before the window hears of it, since switching waits for the
previous account's running jobs to stop.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.accounts.local import LocalService, local_account
from app.accounts.model import Account
from app.accounts.secrets import SecretStore
from app.api import ApiError, StorageClient
from app.api.models import Space
from app.transfers.manager import TransferManager
from app.ui.background import Background
from app.ui.errors import ErrorText, explain
from app.ui.texts import arg, translate


@dataclass(slots=True)
class Connection:
    """A usable account: its client and the spaces it can see."""

    account: Account
    client: StorageClient
    spaces: list[Space]


class AccountSession(QObject):
    """Connects to one account at a time.

    Signals:
        connected(object): a `Connection` is ready.
        failed(object): connecting (or adding a space) failed; an `ErrorText` says why.
        spaceAdded(object): a `Space` was added by id.
    """

    connected = Signal(object)
    failed = Signal(object)
    spaceAdded = Signal(object)

    def __init__(
        self,
        background: Background,
        secrets: SecretStore,
        transfers: TransferManager | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Nothing connected yet; `transfers` is the queue that runs the connected account's jobs."""
        super().__init__(parent)
        self._background = background
        self._secrets = secrets
        self._transfers = transfers
        # Serialises handing accounts to the queue, so that a superseded connection never wins.
        self._transfers_lock = threading.Lock()
        self._local: LocalService | None = None
        self.connection: Connection | None = None
        self._attempt = 0

    def connect_to(self, account: Account, secret: str | None = None) -> None:
        """Connect in the background; `secret` is used instead of the keyring when given."""
        self._attempt += 1
        attempt = self._attempt
        if account.is_local and self._local is None:
            self._local = LocalService()
        local = self._local if account.is_local else None

        def work() -> Connection:
            connection = _connect(account, secret, self._secrets, local)
            self._run_transfers_of(attempt, connection)
            return connection

        self._background.submit(
            work,
            on_done=lambda connection: self._connected(attempt, connection),
            on_error=lambda error: self._failed(attempt, error),
        )

    def _run_transfers_of(self, attempt: int, connection: Connection) -> None:
        """(Worker thread) The queue runs this connection's jobs from now on, unless it was superseded."""
        with self._transfers_lock:
            if self._transfers is not None and attempt == self._attempt:
                self._transfers.set_account(connection.account, connection.client)

    def stop_transfers(self) -> None:
        """(Worker thread) The queue runs no account's jobs until the next connection (signing out).

        Waits for the running jobs to stop; they stay queued for when their account is used again.
        """
        with self._transfers_lock:
            if self._transfers is not None:
                self._transfers.set_account(None, None)

    def add_space(self, space_id: str) -> None:
        """Look a space up by id and add it to the connection (GetSpace in the background)."""
        connection = self.connection
        if connection is None:
            return
        self._background.submit(
            connection.client.get_space,
            space_id,
            on_done=self._space_found,
            on_error=lambda error: self.failed.emit(_error_text(error)),
        )

    def _space_found(self, space: Space) -> None:
        if self.connection is None:
            return
        if space.id not in {known.id for known in self.connection.spaces}:
            self.connection.spaces.append(space)
            if space.id not in self.connection.account.spaces:
                self.connection.account.spaces.append(space.id)
        self.spaceAdded.emit(space)

    def _connected(self, attempt: int, connection: Connection) -> None:
        if attempt != self._attempt:
            return  # a newer connect_to() superseded this one
        self.connection = connection
        self.connected.emit(connection)

    def _failed(self, attempt: int, error: BaseException) -> None:
        if attempt == self._attempt:
            self.failed.emit(_error_text(error))

    def close(self) -> None:
        """Stop the embedded local service if this session started it."""
        if self._local is not None:
            self._local.stop()
            self._local = None


class MissingSecretError(Exception):
    """No AppSecret is stored for an account (signed out, or a new keyring)."""

    def __init__(self, account: Account) -> None:
        super().__init__(f"No app secret is stored for {account.name}")
        self.account = account


def account_title(account: Account) -> str:
    """What the window calls an account: its name, or "Local storage" in the user's language."""
    if account.is_local:
        return translate("AccountSession", "Local storage (this computer)")
    return account.name


def _error_text(error: BaseException) -> ErrorText:
    if isinstance(error, MissingSecretError):
        return ErrorText(
            arg(
                translate("AccountSession", "No AppSecret is stored for %1; add the account again."),
                account_title(error.account),
            )
        )
    return explain(error)


def _connect(
    account: Account, secret: str | None, secrets: SecretStore, local: LocalService | None
) -> Connection:
    """Runs on a worker thread: everything connecting may wait for."""
    if local is not None:
        account = local_account(local.start())
    secret = secret or secrets.get(account)
    if secret is None:
        raise MissingSecretError(account)
    client = StorageClient(account.endpoint, account.app_key, secret, account.union_id)
    spaces: list[Space] = []
    for space_type in ("org", "personal"):
        try:
            spaces += client.list_spaces(space_type)
        except ApiError as error:
            # Some endpoints have no drive API; spaces can still be added by id.
            if error.code in ("InvalidAuthentication", "invalidClientIdOrSecret") or error.retryable:
                raise
    known = {space.id for space in spaces}
    spaces += [client.get_space(space_id) for space_id in account.spaces if space_id not in known]
    return Connection(account, client, spaces)
