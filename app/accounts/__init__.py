"""Accounts and their credentials: which Open API endpoints the user has, and their appSecrets.

No Qt here. `AccountStore` keeps the non-secret part in ``accounts.json`` in the user's config
folder; `SecretStore` keeps each appSecret in the OS keyring only; `LocalService` runs the built-in
account's embedded local storage service.
"""

from app.accounts.local import (
    LOCAL_APP_KEY,
    LOCAL_UNION_ID,
    LocalService,
    local_account,
    local_app_secret,
    local_data_dir,
)
from app.accounts.model import LOCAL_ACCOUNT_NAME, Account
from app.accounts.secrets import (
    KEYRING_SERVICE,
    SECRET_ENV,
    KeyringLockedError,
    KeyringTimeoutError,
    NoSecureKeyringError,
    SecretError,
    SecretStore,
)
from app.accounts.store import AccountError, AccountStore

__all__ = [
    "KEYRING_SERVICE",
    "LOCAL_ACCOUNT_NAME",
    "LOCAL_APP_KEY",
    "LOCAL_UNION_ID",
    "SECRET_ENV",
    "Account",
    "AccountError",
    "AccountStore",
    "KeyringLockedError",
    "KeyringTimeoutError",
    "LocalService",
    "NoSecureKeyringError",
    "SecretError",
    "SecretStore",
    "local_account",
    "local_app_secret",
    "local_data_dir",
]
