"""The status bar's total progress line while transfers move: files, bytes and time left.

It counts the jobs of one spell of activity: from the moment something is waiting or running until
nothing is any more, so "3 of 42 files" grows as a drop is queued and ends with the last of them.
The time left is what is left of the known sizes at the current speed of all running jobs.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from app.transfers.journal import Job, Kind, State
from app.transfers.progress import Progress
from app.ui.models.file_types import format_size
from app.ui.models.transfers_model import REFRESH_MS, TransfersModel, clock
from app.ui.texts import arg

MOVING = (State.QUEUED, State.RUNNING, State.COMMITTING)


class TransfersSummary(QObject):
    """A label at the right of the status bar, shown only while transfers move."""

    def __init__(self, bar: QStatusBar, model: TransfersModel) -> None:
        """A label in `bar` over the jobs of `model`."""
        super().__init__(bar)
        self._model = model
        self._spell: set[int] = set()  # the jobs of this spell of activity
        self._sizes: dict[int, int] = {}  # sizes of uploads not started yet (their journal has none)
        self.label = QLabel(bar)
        self.label.setAccessibleName(self.tr("Total progress of the transfers"))
        self.label.hide()
        bar.addPermanentWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.update)
        self._timer.start()
        model.rowsInserted.connect(self.update)

    def update(self, *_args: object) -> None:
        """Count again (twice a second, and when jobs are added)."""
        rows = self._model.jobs_and_progress()
        moving = {job.id for job, _progress in rows if job.state in MOVING}
        if not moving:
            self._spell.clear()
            self._sizes.clear()
            self.label.hide()
            return
        self._spell |= moving
        spell = [(job, progress) for job, progress in rows if job.id in self._spell]
        self.label.setText(self.text(spell))
        self.label.show()

    def text(self, spell: list[tuple[Job, Progress]]) -> str:
        """``Transfers: 3 of 42 files, 1.2 MiB of 40.0 MiB, 0:35 left``."""
        done_files = total_bytes = done_bytes = 0
        speed = 0.0
        for job, progress in spell:
            total_bytes += job.size or progress.total or self._size_of(job)
            if job.state == State.DONE:
                done_files += 1
                done_bytes += job.size or progress.bytes_done
            else:
                done_bytes += progress.bytes_done
            if job.state == State.RUNNING and progress.speed:
                speed += progress.speed
        files = arg(self.tr("%1 of %Ln file(s)", "", len(spell)), QLocale().toString(done_files))
        text = arg(
            self.tr("Transfers: %1, %2 of %3"),
            files,
            format_size(done_bytes) or "0",
            format_size(total_bytes) or "0",
        )
        if speed > 0 and total_bytes > done_bytes:
            left = arg(self.tr("%1 left"), clock((total_bytes - done_bytes) / speed))
            text = arg(self.tr("%1, %2"), text, left)
        return text

    def _size_of(self, job: Job) -> int:
        """An upload's size before it starts: its file's, looked at once (0 when unknown)."""
        if job.kind != Kind.UPLOAD:
            return 0
        if job.id not in self._sizes:
            try:
                self._sizes[job.id] = os.stat(job.local_path).st_size
            except OSError:
                self._sizes[job.id] = 0
        return self._sizes[job.id]
