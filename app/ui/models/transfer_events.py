"""Transfer events into Qt: the engine calls back on its worker threads; this re-emits them as a signal.

A signal emitted from another thread reaches slots on the UI thread through a queued connection,
so widgets only ever see events on their own thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.transfers.manager import JobEvent, TransferManager


class TransferEvents(QObject):
    """Signals:
    jobEvent(object): a `JobEvent` from the transfer engine, delivered on the UI thread.
    """

    jobEvent = Signal(object)

    def __init__(self, manager: TransferManager, parent: QObject | None = None) -> None:
        """Listen to `manager` until `close`."""
        super().__init__(parent)
        self._unsubscribe = manager.subscribe(self._forward)

    def _forward(self, event: JobEvent) -> None:
        self.jobEvent.emit(event)

    def close(self) -> None:
        """Stop listening."""
        self._unsubscribe()
