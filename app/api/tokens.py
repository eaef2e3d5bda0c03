"""Access tokens: fetched with appKey/appSecret, cached until shortly before they expire.

Concurrent callers share one fetch: whoever holds the lock fetches, the others wait and reuse.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.api import redact

# Refresh this long before the service's expiry so a call never leaves with a dying token.
REFRESH_MARGIN_SECONDS = 300


class AccessTokens:
    """A cached access token with a shared refresh."""

    def __init__(self, fetch: Callable[[], tuple[str, int]]) -> None:
        """`fetch` returns ``(accessToken, expireIn seconds)`` from GetAccessToken."""
        self._fetch = fetch
        self._lock = threading.Lock()
        self._token: str | None = None
        self._valid_until = 0.0
        self.fetch_count = 0

    def get(self) -> str:
        """A token that is valid for a while yet, fetching one if needed."""
        with self._lock:
            if self._token is None or time.monotonic() >= self._valid_until:
                token, expire_in = self._fetch()
                redact.add_secret(token)
                self.fetch_count += 1
                margin = min(REFRESH_MARGIN_SECONDS, expire_in / 4)
                self._token, self._valid_until = token, time.monotonic() + expire_in - margin
            return self._token

    def refused(self, token: str) -> None:
        """The service refused `token`: forget it, unless another caller has already replaced it."""
        with self._lock:
            if self._token == token:
                self._token = None
