"""An optional bandwidth limit shared by every transfer in one direction (a token bucket)."""

from __future__ import annotations

import threading
import time

BURST_SECONDS = 0.25


class RateLimiter:
    """Blocks callers so that together they move at most `rate` bytes per second (None: no limit).

    The rate may be changed while transfers run.
    """

    def __init__(self, rate: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rate = rate
        self._allowance = 0.0
        self._stamp = time.monotonic()

    @property
    def rate(self) -> int | None:
        """Bytes per second, or None for no limit."""
        return self._rate

    @rate.setter
    def rate(self, value: int | None) -> None:
        with self._lock:
            self._rate = value if value and value > 0 else None
            self._allowance = 0.0
            self._stamp = time.monotonic()

    def consume(self, count: int) -> None:
        """Account for `count` bytes, sleeping first if they would exceed the rate."""
        with self._lock:
            rate = self._rate
            if rate is None:
                return
            now = time.monotonic()
            self._allowance = min(rate * BURST_SECONDS, self._allowance + (now - self._stamp) * rate)
            self._stamp = now
            self._allowance -= count
            wait = -self._allowance / rate if self._allowance < 0 else 0.0
        if wait > 0:
            time.sleep(wait)
