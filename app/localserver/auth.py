"""Access tokens: issued for the configured app key and secret, checked on every storage call.

Each token is stored with a fingerprint of the credentials it was issued for, so a restart with
another key or secret revokes every earlier token, as rotating a secret must.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from app.localserver.db import Database
from app.localserver.errors import ServiceError, invalid_authentication


class TokenIssuer:
    """Issues and checks access tokens; they live in the database, so a restart keeps them."""

    def __init__(
        self, db: Database, app_key: str, app_secret: str, ttl_seconds: int, fingerprint_key: bytes
    ) -> None:
        """Check tokens against `app_key` and `app_secret`.

        Args:
            db: Where tokens live.
            app_key: The accepted appKey.
            app_secret: The accepted appSecret.
            ttl_seconds: The lifetime of new tokens.
            fingerprint_key: A secret of the data folder; the stored fingerprint is an HMAC with
                it, so the table reveals nothing that helps guess the appSecret.
        """
        self._db = db
        self._app_key = app_key
        self._app_secret = app_secret
        self.ttl_seconds = ttl_seconds
        message = f"{len(app_key)}:{app_key}{app_secret}".encode()
        self._credentials = hmac.new(fingerprint_key, message, hashlib.sha256).hexdigest()

    def issue(self, app_key: str, app_secret: str) -> str:
        """A new token for the right credentials; 400 ``invalidClient…`` otherwise."""
        key_ok = hmac.compare_digest(app_key.encode(), self._app_key.encode())
        secret_ok = hmac.compare_digest(app_secret.encode(), self._app_secret.encode())
        if not (key_ok and secret_ok):
            raise ServiceError(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret")
        token = secrets.token_hex(16)
        now = time.time()
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM tokens WHERE expires_at < ? OR credentials != ?", (now, self._credentials)
            )
            conn.execute(
                "INSERT INTO tokens (token, app_key, expires_at, credentials) VALUES (?,?,?,?)",
                (token, app_key, now + self.ttl_seconds, self._credentials),
            )
        return token

    def check(self, token: str | None) -> str:
        """The app key a valid, unexpired token was issued to; ``InvalidAuthentication`` otherwise."""
        if not token:
            raise invalid_authentication()
        row = (
            self._db.connection()
            .execute("SELECT app_key, expires_at, credentials FROM tokens WHERE token=?", (token,))
            .fetchone()
        )
        if (
            row is None
            or row["expires_at"] < time.time()
            or not hmac.compare_digest(row["credentials"], self._credentials)
        ):
            raise invalid_authentication()
        return str(row["app_key"])
