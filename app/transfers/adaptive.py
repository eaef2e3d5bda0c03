"""How many streams, parts or files to move at once: decided from the rate they reach, not a constant.

`Ramp` is a small hill-climber fed ``(time, work done, workers active)`` samples. It starts with
one worker and measures the rate over a short window once every worker it asked for is at work.
Then it doubles the workers (1, 2, 4, 8, …) while each step raises the rate by a meaningful share
of what the added workers would bring if they scaled perfectly (half of it, `MEANINGFUL_SHARE`):
going from 2 to 4 streams must bring at least +50 %, from 4 to 5 at least +12.5 %. A step that
does not pay is undone, and from there one worker at a time is tried the same way; when that does
not pay either, the count holds. While it holds, doubling is tried again every `REPROBE_SECONDS`,
in case the network changed (or a busy moment of the machine spoiled a measurement). A fixed
number (``--segments N``, the preferences) bypasses all of this, and the count never exceeds the
cap it was given. Nor are workers added for a rest that would take less than `HORIZON_SECONDS` at
the rate reached.

It never looks at a clock or a socket itself, so tests feed it synthetic samples.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from enum import Enum

log = logging.getLogger(__name__)

MEANINGFUL_SHARE = 0.5
"""A step must bring at least this share of the gain perfect scaling would (n → m: m/n − 1)."""
WINDOW_SECONDS = 0.1
"""How long one count is measured, once all its workers are at work."""
HORIZON_SECONDS = 1.0
"""No more workers for what would be done in less than this at the rate reached: a probe costs a
window, and so short a rest cannot win it back (a fast link moves a file quicker alone)."""
REPROBE_SECONDS = 2.0
"""While holding, more workers are tried again this often (one window each time it does not pay)."""


class Phase(Enum):
    """What the ramp does next."""

    DOUBLING = "doubling"
    STEPPING = "stepping"
    HOLDING = "holding"


@dataclass(frozen=True, slots=True)
class Decision:
    """One measured window, for logs and tests: the count, its rate, and the count chosen next."""

    at: float
    count: int
    rate: float
    then: int


class Ramp:
    """The number of workers to run, adjusted from measured rates; thread-safe.

    Args:
        cap: never more workers than this (at least 1).
        forced: a fixed count instead of measuring (None: adapt).
        window: seconds one count is measured.
        min_work: work (bytes, files) a window must hold per worker before it counts.
        name: what it counts, for the log (``dentry-cli -v`` shows every decision).
    """

    def __init__(
        self,
        cap: int,
        *,
        forced: int | None = None,
        window: float = WINDOW_SECONDS,
        min_work: float = 0.0,
        reprobe: float = REPROBE_SECONDS,
        name: str = "workers",
    ) -> None:
        self._lock = threading.Lock()
        self._name = name
        self._cap = max(1, cap)
        self._forced = forced
        self._window = window
        self._min_work = min_work
        self._reprobe = reprobe
        self._count = 1
        self._phase = Phase.DOUBLING
        self._base: tuple[int, float] | None = None  # the last count kept, and its rate
        self._start: tuple[float, float] | None = None  # the current window's first sample
        self._holding_since = 0.0
        self.decisions: list[Decision] = []
        """Every window measured, oldest first (a few dozen per transfer at most)."""

    @property
    def limit(self) -> int:
        """How many workers should run now."""
        with self._lock:
            return self._current()

    @property
    def phase(self) -> Phase:
        """What the ramp is doing (HOLDING once it found its count)."""
        return self._phase

    def _current(self) -> int:
        if self._forced is not None:
            return max(1, min(self._forced, self._cap))
        return min(self._count, self._cap)

    def set_cap(self, cap: int) -> None:
        """Never more than `cap` workers from now on (at their next decision)."""
        with self._lock:
            self._cap = max(1, cap)
            self._start = None

    def force(self, count: int | None) -> None:
        """Run exactly `count` workers (within the cap); None measures again, from the count it had."""
        with self._lock:
            self._forced = count
            self._start = None

    def observe(self, now: float, done: float, active: int, left: float | None = None) -> int:
        """Take a sample: `done` work so far (monotonic), `active` workers at work; returns the limit.

        A window starts at the first sample where every worker asked for is active (so the time a
        new one takes to get going is not counted) and ends after `window` seconds. `left`, the
        work still to do when known, keeps the count from rising for a short rest.
        """
        with self._lock:
            limit = self._current()
            if self._forced is not None:
                return limit
            if active < limit:
                self._start = None  # not all at work (starting, or nothing left to split)
                return limit
            if self._start is None:
                self._start = (now, done)
                return limit
            started, done_then = self._start
            elapsed = now - started
            if elapsed < self._window or done - done_then < self._min_work * limit:
                return limit
            rate = (done - done_then) / elapsed
            self._start = None
            self._decide(now, limit, rate)
            if self._current() > limit and left is not None and left < rate * HORIZON_SECONDS:
                self._hold(now, limit)  # (nearly done: not worth a probe)
            decision = Decision(now, limit, rate, self._current())
            self.decisions.append(decision)
            log.debug(
                "%s: %d at %.4g/s, next %d (%s)", self._name, limit, rate, decision.then, self._phase.value
            )
            return decision.then

    def _decide(self, now: float, count: int, rate: float) -> None:
        if self._base is None or (self._phase == Phase.HOLDING and count <= self._base[0]):
            self._base = (count, rate)  # the first count measured, or the rate of the one held
            if self._phase == Phase.HOLDING:
                if now - self._holding_since >= self._reprobe and count < self._cap:
                    self._phase = Phase.DOUBLING  # the network (or the machine's load) changed?
                    self._count = min(2 * count, self._cap)
            else:
                self._step_up(now, count)
            return
        base_count, base_rate = self._base
        ideal = count / base_count - 1
        if rate >= base_rate * (1 + MEANINGFUL_SHARE * ideal):
            self._base = (count, rate)
            self._step_up(now, count)
            return
        # Not worth it: back to what was kept; after a failed doubling, try one more at a time.
        if self._phase == Phase.DOUBLING and count > base_count + 1:
            self._phase = Phase.STEPPING
            self._count = base_count + 1
        else:
            self._hold(now, base_count)

    def _step_up(self, now: float, count: int) -> None:
        if count >= self._cap:
            self._hold(now, count)
        elif self._phase == Phase.DOUBLING:
            self._count = min(2 * count, self._cap)
        else:
            self._count = count + 1

    def _hold(self, now: float, count: int) -> None:
        self._phase = Phase.HOLDING
        self._count = count
        self._holding_since = now
