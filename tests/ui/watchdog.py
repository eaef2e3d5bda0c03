"""An event-loop watchdog for tests: how long the UI thread went without running its timers.

A precise 10 ms `QTimer` ticks on the UI thread; the longest gap between two ticks is how long
the UI was frozen (at best 10 ms). Use it around work that must keep the UI responsive::

    with EventLoopWatchdog() as watchdog:
        ...  # qtbot.waitUntil(...) while the work happens
    assert watchdog.max_gap_ms <= 50
"""

from __future__ import annotations

import time
from types import TracebackType

from PySide6.QtCore import Qt, QTimer


class EventLoopWatchdog:
    """Measures the gaps between ticks of a timer on the UI thread.

    Attributes:
        max_gap_ms: the longest gap seen, in milliseconds.
        ticks: how many times the timer fired.
    """

    def __init__(self, interval_ms: int = 10) -> None:
        self.interval_ms = interval_ms
        self.max_gap_ms = 0.0
        self.ticks = 0
        self._gaps: list[float] = []
        self._last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start measuring (the first gap counts from now)."""
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer; the figures stay."""
        self._timer.stop()
        self._tick()

    def __enter__(self) -> EventLoopWatchdog:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            gap = (now - self._last) * 1000
            self._gaps.append(gap)
            self.max_gap_ms = max(self.max_gap_ms, gap)
        self._last = now
        self.ticks += 1

    def slowest(self, count: int = 5) -> list[float]:
        """The longest gaps in milliseconds, longest first (for failure messages)."""
        return sorted(self._gaps, reverse=True)[:count]
