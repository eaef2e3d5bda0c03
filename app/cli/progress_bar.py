"""A one-line progress display on a terminal (stderr), fed by transfer events from any thread.

The line names the file in progress and never grows wider than the terminal (measured in the
cells a terminal gives each character, CJK ones two), since a line that wraps cannot be redrawn.
"""

from __future__ import annotations

import shutil
import sys
import threading
from typing import TextIO

from app.cli.output import cells, fit, human_size, shown, terminal_safe
from app.transfers.journal import State
from app.transfers.manager import JobEvent

MIN_NAME_CELLS = 8
"""Fewer cells than this left on the line: the file's name is left out rather than cut to nothing."""


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "ETA unknown"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"ETA {hours}:{minutes:02d}:{secs:02d}" if hours else f"ETA {minutes}:{secs:02d}"


class ProgressBar:
    """Shows the total of the jobs it is told about; prints notes on their own lines.

    Failures are not printed here: the command lists them at the end, one line each.
    """

    def __init__(self, total: int, out: TextIO = sys.stderr) -> None:
        self.out = out
        self.enabled = out.isatty()
        self.total = total
        self._done: dict[int, int] = {}
        self._speed: dict[int, float] = {}
        self._current: tuple[int, str] | None = None
        """The job most recently heard from while running, and its name as shown."""
        self._lock = threading.Lock()

    def __call__(self, event: JobEvent) -> None:
        """A transfer event: update the line (terminals only) and print notes."""
        job, progress = event.job, event.progress
        with self._lock:
            self._done[job.id] = progress.bytes_done
            if progress.speed is not None and job.state == State.RUNNING:
                self._speed[job.id] = progress.speed
            else:
                self._speed.pop(job.id, None)
            if job.state == State.RUNNING:
                self._current = (job.id, shown(job.remote_name, self.out))
            elif self._current is not None and self._current[0] == job.id:
                self._current = None
            if event.message:
                self._print(f"{shown(job.remote_name, self.out)}: {terminal_safe(event.message)}")
            self._draw()

    def _print(self, text: str) -> None:
        if self.enabled:
            self.out.write("\r\x1b[K")
        self.out.write(text + "\n")
        self.out.flush()

    def _draw(self) -> None:
        if not self.enabled:
            return
        done = sum(self._done.values())
        speed = sum(self._speed.values())
        fraction = done / self.total if self.total else 1.0
        # The last column stays free: writing into it makes some terminals wrap at once.
        room = shutil.get_terminal_size().columns - 1
        width = max(10, min(40, room - 70))
        filled = int(width * fraction)
        eta = _eta((self.total - done) / speed if speed else None)
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%} "
            f"{human_size(done)}/{human_size(self.total)} {human_size(int(speed))}/s {eta}"
        )
        if self._current is not None and room - cells(line) - 2 >= MIN_NAME_CELLS:
            line += "  " + fit(self._current[1], room - cells(line) - 2)
        self.out.write("\r\x1b[K" + fit(line, room))
        self.out.flush()

    def finish(self) -> None:
        """End the progress line."""
        if self.enabled:
            self.out.write("\n")
            self.out.flush()
