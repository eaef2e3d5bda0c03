"""Progress of one transfer: bytes, speed averaged over a window, ETA, and event pacing."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

SPEED_WINDOW_SECONDS = 5.0
EVENT_INTERVAL_SECONDS = 0.2  # at most ~5 progress events per second per job
STALL_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot: `speed` in bytes/s and `eta` in seconds are None when unknown (e.g. stalled)."""

    bytes_done: int
    total: int | None
    speed: float | None
    eta: float | None
    moved: int = 0
    """Bytes this run actually sent or received (resumed bytes are not moved again)."""
    streams: int = 0
    """Streams (connections) moving the job's bytes now: ranges of a download, parts of an upload."""

    @property
    def fraction(self) -> float | None:
        """0..1, or None when the total is unknown."""
        if not self.total:
            return None if self.total is None else 1.0
        return min(1.0, self.bytes_done / self.total)


class ProgressMeter:
    """Counts bytes from any thread and decides when a progress event is due."""

    def __init__(self, total: int | None, done: int = 0) -> None:
        self.total = total
        self._done = done
        self._moved = 0
        self._lock = threading.Lock()
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), done)])
        self._last_event = 0.0
        self.streams = 0
        """Streams at work now (set by the job's run)."""

    def reset(self, done: int) -> None:
        """Start counting again from `done` (a restart from zero, or a resume)."""
        with self._lock:
            self._done = done
            self._samples = deque([(time.monotonic(), done)])

    def add(self, count: int) -> bool:
        """Count `count` more bytes; True when a progress event should be sent now."""
        now = time.monotonic()
        with self._lock:
            self._done += count
            self._moved += count
            self._samples.append((now, self._done))
            while len(self._samples) > 2 and now - self._samples[1][0] > SPEED_WINDOW_SECONDS:
                self._samples.popleft()
            if now - self._last_event >= EVENT_INTERVAL_SECONDS:
                self._last_event = now
                return True
            return False

    @property
    def moved(self) -> int:
        """Bytes moved in this run so far."""
        with self._lock:
            return self._moved

    @property
    def done(self) -> int:
        """Bytes done so far."""
        with self._lock:
            return self._done

    def snapshot(self) -> Progress:
        """Bytes, speed over the last few seconds, and the time left at that speed."""
        now = time.monotonic()
        with self._lock:
            first_time, first_done = self._samples[0]
            last_time, last_done = self._samples[-1]
            done, moved = self._done, self._moved
        speed: float | None = None
        if now - last_time < STALL_SECONDS and last_time - first_time > 0.05:
            speed = (last_done - first_done) / (last_time - first_time)
        eta = None
        if speed and self.total is not None:
            eta = max(0.0, (self.total - done) / speed)
        return Progress(done, self.total, speed, eta, moved, self.streams)
