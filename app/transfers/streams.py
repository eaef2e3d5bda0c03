"""Several streams of one job at once, as many as its `Ramp` says, within the manager's budget.

The job's own thread supervises: every few milliseconds it tells the ramp how much moved and how
many streams are at work, opens streams while the ramp wants more (and there is work that can
go to another stream, and the budget has a slot), and waits for them to end. A stream over the
limit ends itself at its next decision point; the first failure stops the others.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.transfers.adaptive import Ramp
from app.transfers.context import Stopped, TransferContext

SAMPLE_SECONDS = 0.02
AT_LIMIT_SHARE = 0.8
"""A job moving at this share of the bandwidth limit opens no more streams: they could not help."""


class Stream:
    """What one stream's work function sees of the others."""

    def __init__(self, group: StreamGroup) -> None:
        self._group = group
        self.active = False
        self.leaving = False

    def working(self) -> None:
        """Its first bytes moved: it counts as at work for the ramp's measurements."""
        if not self.active:
            with self._group.lock:
                self.active = True
                self._group.active += 1

    def surplus(self) -> bool:
        """Whether this stream should end now (more run than the ramp wants); if so it is leaving.

        Call it between units of work (a range's chunk, a part), and once it says so, hand the
        work back and return; the last stream is never surplus.
        """
        group = self._group
        with group.lock:
            if self.leaving or group.running - group.leaving <= max(1, group.ramp.limit):
                return self.leaving
            self.leaving = True
            group.leaving += 1
            return True


class StreamGroup:
    """The streams of one run of one job."""

    def __init__(self, ctx: TransferContext, ramp: Ramp) -> None:
        self.ctx = ctx
        self.ramp = ramp
        self.lock = threading.Lock()
        self.running = 0
        self.active = 0
        self.leaving = 0
        self.most = 0
        """The most streams that ran at once in this run."""

    def _at_limit(self) -> bool:
        """Whether the user's bandwidth limit, not the network, is what holds the job back."""
        rate = self.ctx.limiter.rate
        speed = self.ctx.meter.snapshot().speed if rate is not None else None
        return rate is not None and speed is not None and speed >= AT_LIMIT_SHARE * rate

    def run(
        self,
        work: Callable[[Stream], None],
        can_split: Callable[[], bool],
        moved: Callable[[], int],
        left: Callable[[], int],
    ) -> None:
        """Run `work` in streams until every one ended and none is left; re-raises the first failure.

        `can_split()`: whether another stream would find work now. `moved()`: bytes moved so far;
        `left()`: bytes still to move.
        """
        ctx = self.ctx
        errors: list[BaseException] = []
        threads: list[threading.Thread] = []
        done = threading.Event()

        def body(stream: Stream, extra_slot: bool) -> None:
            try:
                work(stream)
            except BaseException as error:  # handed to the job's thread, which raises it
                errors.append(error)
                ctx.stop_parts.set()
            finally:
                with self.lock:
                    self.running -= 1
                    self.leaving -= stream.leaving
                    self.active -= stream.active
                if extra_slot:
                    ctx.slots.release()
                done.set()

        def open_stream(extra_slot: bool) -> None:
            stream = Stream(self)
            with self.lock:
                self.running += 1
                self.most = max(self.most, self.running)
            thread = threading.Thread(
                target=body, args=(stream, extra_slot), name=f"stream-{ctx.job.id}", daemon=True
            )
            threads.append(thread)
            thread.start()

        open_stream(extra_slot=False)  # the job's own slot
        while True:
            with self.lock:
                running, active = self.running, self.active - self.leaving
            if errors:
                break
            if running == 0:
                if ctx.stop_parts.is_set() or not can_split():
                    break
                open_stream(extra_slot=False)  # work was handed back by a stream that left
                continue
            limit = self.ramp.observe(time.monotonic(), moved(), active, left())
            ctx.meter.streams = running
            wanted = running < limit and not ctx.stop_parts.is_set() and not self._at_limit()
            if wanted and can_split() and ctx.slots.try_acquire():
                open_stream(extra_slot=True)
                continue
            done.wait(SAMPLE_SECONDS)
            done.clear()
        for thread in threads:
            thread.join()
        ctx.meter.streams = 0
        if errors:
            stopped = [error for error in errors if not isinstance(error, Stopped)]
            raise (stopped or errors)[0]
        ctx.check_stop()
