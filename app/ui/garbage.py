"""Python's cyclic garbage collector, run on the UI thread only.

Left automatic, the collector runs on whichever thread happens to allocate when a threshold is
crossed: often a worker of `Background` or the transfer engine. A widget that was part of a
reference cycle (a dialog and the lambdas connected to it) is then destroyed on that worker,
while the UI thread may be delivering its events: Qt widgets must die on the UI thread, and a
label whose buddy was destroyed elsewhere crashed the app in `QLabel`'s queued buddy handler.

So automatic collection is switched off, and a timer on the UI thread checks the allocation
counts against the same thresholds and collects the generation CPython itself would have
(the approach of Anki, qutebrowser and pyqtgraph). Objects without cycles are still freed at
once by reference counting, on any thread; only cycles wait for the next check.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 250
"""How often the counts are compared with the thresholds: cycles wait at most this long."""


class UiThreadCollector(QObject):
    """Takes over Python's cyclic collection so that it only ever runs on the thread of this object."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        """Switch automatic collection off and start checking; create it on the UI thread."""
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold, as CPython would.

        Returns:
            The generation collected, or None when no count passed its threshold.
        """
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = None
        for number, (count, threshold) in enumerate(zip(counts, thresholds, strict=True)):
            if threshold and count > threshold:
                generation = number
        if generation is not None:
            gc.collect(generation)
        return generation

    def stop(self) -> None:
        """Hand collection back to Python (as it was before), after one last pass here."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
