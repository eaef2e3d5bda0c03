"""What an account is: where the Open API lives and whose storage to show, without its secret."""

from __future__ import annotations

from dataclasses import dataclass, field

LOCAL_ACCOUNT_NAME = "Local storage (this computer)"
"""Name of the built-in account on the embedded local storage service; no saved account may use it."""


@dataclass(slots=True)
class Account:
    """One set of credentials for a DingTalk Open API endpoint, minus the appSecret.

    The appSecret is never part of this object: `app.accounts.secrets.SecretStore` keeps it in the
    OS keyring under `secret_id`.

    Attributes:
        name: What the user calls the account; unique among accounts.
        endpoint: Base URL of the Open API, e.g. ``https://api.dingtalk.com``.
        app_key: The application's appKey.
        union_id: The unionId of the user whose storage is browsed.
        spaces: Space ids the user added by hand, in the order they were added.
        is_local: True only for the built-in account on the embedded local service.
    """

    name: str
    endpoint: str
    app_key: str
    union_id: str
    spaces: list[str] = field(default_factory=list)
    is_local: bool = False

    @property
    def secret_id(self) -> str:
        """The keyring username of this account's appSecret: ``appKey@endpoint``.

        A trailing slash of the endpoint is ignored, so ``https://x/`` and ``https://x`` share a secret.
        """
        return f"{self.app_key}@{self.endpoint.strip().rstrip('/')}"

    @property
    def key(self) -> str:
        """What tells this account's transfer jobs apart from every other account's on this computer.

        ``unionId|appKey|endpoint`` (endpoint without a trailing slash) for a cloud account, and
        ``local|unionId`` for the built-in local account, whose endpoint's port changes at every start.
        """
        if self.is_local:
            return f"local|{self.union_id}"
        return f"{self.union_id}|{self.app_key}|{self.endpoint.strip().rstrip('/')}"
