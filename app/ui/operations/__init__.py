"""User actions as small operations that run off the UI thread and announce what they changed.

Like Anki's ``aqt.operations``: a module per domain (`dentries`, `transfers`) has functions that
return an `Operation`; the caller adds what to do on success or failure and runs it::

    rename(client, space_id, dentry.id, "Plans").failure(show_error).run_in_background(background, bus)

On success the `Changes` made from the result are announced on the `ChangeBus` first, so every
view has updated itself when the success callback runs (it may then select the new row). An
operation never touches a view; asking the user is the job of `app.ui.actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

from app.ui.background import Background
from app.ui.operations.changes import ChangeBus, Changes

T = TypeVar("T")

__all__ = ["ChangeBus", "Changes", "Operation"]


class Operation(Generic[T]):
    """The work of one user action, and how to describe what its result changed."""

    def __init__(self, work: Callable[[], T], changes: Callable[[T], Changes] | None = None) -> None:
        """An operation that runs `work` (on a worker thread: no widgets, no models).

        Args:
            work: the blocking calls to the service, the journal or the disk.
            changes: what a result changed (on the UI thread); None for an operation that only
                reads (then nothing is announced).
        """
        self._work = work
        self._changes = changes
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None

    def success(self, callback: Callable[[T], object]) -> Operation[T]:
        """Call `callback` with the result, after its changes were announced."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Operation[T]:
        """Call `callback` with the error instead (without one, `Background.unhandledError` gets it)."""
        self._on_failure = callback
        return self

    def changes_of(self, result: T) -> Changes:
        """What `result` changed (empty for an operation that only reads)."""
        return Changes() if self._changes is None else self._changes(result)

    def run_in_background(self, background: Background, bus: ChangeBus) -> Future[T]:
        """Start the work; on success announce its changes on `bus`, then call the success callback."""

        def done(result: T) -> None:
            bus.announce(self.changes_of(result))
            if self._on_success is not None:
                self._on_success(result)

        return background.submit(self._work, on_done=done, on_error=self._on_failure)
