"""Which account a command runs as, and a client for it (starting the local service if needed)."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from app.accounts.local import LocalService, local_account
from app.accounts.model import Account
from app.accounts.secrets import SECRET_ENV, SecretStore
from app.accounts.store import AccountError, AccountStore
from app.api import StorageClient


class CliSession:
    """The account chosen by the global options, its secret and its client."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.store = AccountStore()
        self.secrets = SecretStore()
        self.account = self._choose_account()
        self._local: LocalService | None = None
        self._client: StorageClient | None = None

    def _choose_account(self) -> Account:
        args = self.args
        overrides = {"endpoint": args.endpoint, "app_key": args.app_key, "union_id": args.union_id}
        given = {key: value for key, value in overrides.items() if value}
        if args.account:
            account = self.store.get(args.account)
        elif given:
            missing = [f"--{key.replace('_', '-')}" for key in overrides if key not in given]
            if missing:
                raise AccountError(
                    f"Also give {', '.join(missing)} (or choose a saved account with --account)"
                )
            saved = [
                a
                for a in self.store.accounts()
                if not a.is_local
                and (a.endpoint.rstrip("/"), a.app_key, a.union_id)
                == (given["endpoint"].rstrip("/"), given["app_key"], given["union_id"])
            ]
            if saved:
                return saved[0]
            host = urlsplit(given["endpoint"]).netloc or given["endpoint"]
            return Account(name=f"{given['app_key']}@{host}", **given)
        else:
            account = self.store.get(self.store.default_name())
        if given and account.is_local:
            raise AccountError("The local storage account cannot take --endpoint, --app-key or --union-id")
        for key, value in given.items():
            setattr(account, key, value)
        return account

    @property
    def client(self) -> StorageClient:
        """A client for the account; the embedded local service is started for the local account."""
        if self._client is None:
            account = self.account
            if account.is_local:
                self._local = LocalService()
                account = local_account(self._local.start())
            secret = self.secrets.get(account)
            if secret is None:
                raise AccountError(
                    f"No app secret is stored for {account.name}: run `dentry-cli login` "
                    f"(or set {SECRET_ENV} for one command)"
                )
            self._client = StorageClient(account.endpoint, account.app_key, secret, account.union_id)
        return self._client

    def close(self) -> None:
        """Stop the local service if this session started it."""
        if self._local is not None:
            self._local.stop()
