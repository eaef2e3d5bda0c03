"""The one way the UI runs a blocking call off the UI thread and gets its outcome back on the UI thread.

Modelled on Anki's ``aqt`` task manager: a bounded thread pool does the work; a queued signal
carries the finished future back to the thread that owns the `Background` object, where the
success or failure callback runs. Work submitted here never touches widgets or models; only
the callbacks do, and they run on the UI thread.

Outcomes are handed out from a zero-timer, a few at a time (about `DRAIN_BUDGET` of callbacks
per pass), so a burst of results never keeps the event loop from running timers and painting
(``QFileSystemModel`` batches its updates for the same reason). Under the glib event
dispatcher, queued signals alone can run back to back ahead of every timer.

It needs nothing but a running Qt event loop (``QApplication.exec()``, ``qtbot.waitUntil`` or
``processEvents``); no asyncio loop is involved.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_WORKERS = 6
DRAIN_BUDGET = 0.008
"""Seconds of callbacks run in one pass of the event loop before yielding to it."""


class Background(QObject):
    """Runs blocking calls on a bounded pool of worker threads and reports back on the UI thread.

    Create it on the UI thread (its thread affinity decides where callbacks run) and share one
    instance between the model, the thumbnail loader and the window.

    Signals:
        busyChanged(bool): True when the first task starts, False when the last one has ended.
        unhandledError(object): a task failed and was submitted without ``on_error``; carries the
            exception. The window shows these in one place (they are also logged).
    """

    busyChanged = Signal(bool)
    unhandledError = Signal(object)
    _finished = Signal(object)

    def __init__(self, max_workers: int = DEFAULT_WORKERS, parent: QObject | None = None) -> None:
        """Start an idle pool.

        Args:
            max_workers: the most calls that run at the same time.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="dentry-bg")
        self._lock = threading.Lock()
        self._closed = False
        self._pending = 0
        self._finished.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._ready: deque[tuple[Future[Any], Any, Any]] = deque()
        self._drain_scheduled = False

    @property
    def pending(self) -> int:
        """How many submitted tasks have not delivered their outcome yet."""
        return self._pending

    @property
    def closed(self) -> bool:
        """Whether `shutdown` was called (then `submit` refuses new work)."""
        return self._closed

    def submit(
        self,
        fn: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
    ) -> Future[T]:
        """Run ``fn(*args)`` on a worker thread; then call one callback on the UI thread.

        Args:
            fn: the blocking call; it must not touch widgets or models.
            *args: its positional arguments (bind keyword arguments with `functools.partial`).
            on_done: called with the result on the UI thread.
            on_error: called with the exception on the UI thread; without it the failure is
                logged and emitted as `unhandledError`.

        Returns:
            The future, for cancelling work that has not started (a cancelled task calls no
            callback).

        Raises:
            RuntimeError: after `shutdown`.
        """
        if self._closed:
            raise RuntimeError("Background.submit() after shutdown()")
        future = self._executor.submit(fn, *args)
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        future.add_done_callback(lambda done: self._relay(done, on_done, on_error))
        return future

    def _relay(
        self,
        future: Future[Any],
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], object] | None,
    ) -> None:
        # Runs on the worker thread (or on the UI thread for a future cancelled there).
        with self._lock:
            if self._closed:
                return
            try:
                self._finished.emit((future, on_done, on_error))
            except RuntimeError:  # the C++ object is gone: nobody is left to tell
                return

    @Slot(object)
    def _arrived(self, payload: tuple[Future[Any], Any, Any]) -> None:
        self._ready.append(payload)
        if not self._drain_scheduled:
            self._drain_scheduled = True
            QTimer.singleShot(0, self, self._drain)

    def _drain(self) -> None:
        self._drain_scheduled = False
        if self._closed:
            self._ready.clear()
            return
        deadline = time.perf_counter() + DRAIN_BUDGET
        try:
            while self._ready and time.perf_counter() < deadline:
                self._deliver(self._ready.popleft())
        finally:  # also when a callback raised: the others still get their turn
            if self._ready and not self._drain_scheduled:
                self._drain_scheduled = True
                QTimer.singleShot(0, self, self._drain)

    def _deliver(self, payload: tuple[Future[Any], Any, Any]) -> None:
        future, on_done, on_error = payload
        self._pending -= 1
        try:
            if future.cancelled():
                return
            try:
                result = future.result()
            except CancelledError:
                return
            except Exception as error:
                if on_error is not None:
                    on_error(error)
                else:
                    log.error("Background task failed", exc_info=error)
                    self.unhandledError.emit(error)
                return
            if on_done is not None:
                on_done(result)
        finally:
            if self._pending == 0:
                self.busyChanged.emit(False)

    def shutdown(self, *, wait: bool = False) -> None:
        """Refuse new work, cancel queued work and drop the outcomes of running work.

        Args:
            wait: block until running calls have returned (they cannot be interrupted).
        """
        with self._lock:
            self._closed = True
        self._ready.clear()
        self._pending = 0
        self._executor.shutdown(wait=wait, cancel_futures=True)
