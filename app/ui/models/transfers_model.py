"""The transfers panel's model: every job of the transfer engine with its progress, refreshed in batches.

Events arrive often (up to ~5 per second per job); the model keeps the latest of each and
repaints every half second, so a thousand small uploads do not flood the view (qutebrowser
refreshes its downloads the same way).

Each row says where the job goes: the remote folder (asked of the service, `RemoteFolders`) and
the local path. A finished job shows its average speed and how long its last run took (as the
window saw it, else as the journal recorded it: a job that finished while the window was closed).

The journal is shared by every account on the computer, and the engine runs only the jobs of the
account shown. The unfinished jobs of other accounts are listed too, greyed (disabled: they cannot
be selected, so no button starts them here), with the account they wait for.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from app.accounts.model import LOCAL_ACCOUNT_NAME
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import JobEvent, TransferManager
from app.transfers.progress import Progress
from app.ui.errors import explain_text
from app.ui.models.display_names import display_lines, display_name
from app.ui.models.file_types import format_size
from app.ui.models.remote_folders import UNKNOWN, RemoteFolders
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

Index = QModelIndex | QPersistentModelIndex
REFRESH_MS = 500
JobRole = Qt.ItemDataRole.UserRole + 1
FractionRole = Qt.ItemDataRole.UserRole + 2


class Column(enum.IntEnum):
    """The columns of the panel."""

    NAME = 0
    DIRECTION = 1
    PROGRESS = 2
    SPEED = 3
    STATE = 4
    REMOTE = 5
    LOCAL = 6


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("TransfersModel", "Name"),
    Column.DIRECTION: QT_TRANSLATE_NOOP("TransfersModel", "Direction"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("TransfersModel", "Progress"),
    Column.SPEED: QT_TRANSLATE_NOOP("TransfersModel", "Speed"),
    Column.STATE: QT_TRANSLATE_NOOP("TransfersModel", "State"),
    Column.REMOTE: QT_TRANSLATE_NOOP("TransfersModel", "Remote folder"),
    Column.LOCAL: QT_TRANSLATE_NOOP("TransfersModel", "Local path"),
}
STATES = {
    State.QUEUED: QT_TRANSLATE_NOOP("TransfersModel", "Waiting"),
    State.RUNNING: QT_TRANSLATE_NOOP("TransfersModel", "Running"),
    State.PAUSED: QT_TRANSLATE_NOOP("TransfersModel", "Paused"),
    State.COMMITTING: QT_TRANSLATE_NOOP("TransfersModel", "Finishing"),
    State.DONE: QT_TRANSLATE_NOOP("TransfersModel", "Done"),
    State.FAILED: QT_TRANSLATE_NOOP("TransfersModel", "Failed"),
    State.CANCELLED: QT_TRANSLATE_NOOP("TransfersModel", "Cancelled"),
}
"""What the State column says for each state of a job (translated where shown)."""
DIRECTIONS = {
    Kind.DOWNLOAD: ("↓", QT_TRANSLATE_NOOP("TransfersModel", "Download")),
    Kind.UPLOAD: ("↑", QT_TRANSLATE_NOOP("TransfersModel", "Upload")),
}
"""The arrow of each kind of job, and what a screen reader says for it."""


def account_of(job: Job) -> str:
    """The account a job belongs to, as the window names accounts."""
    if job.account == LOCAL_ACCOUNT_NAME:
        return translate("AccountSession", "Local storage (this computer)")
    return display_name(job.account)


def clock(seconds: float) -> str:
    """``1:05`` or ``2:01:05``."""
    minutes, whole = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{whole:02d}" if hours else f"{minutes}:{whole:02d}"


def eta_text(progress: Progress) -> str:
    """``1:05 left``, or ``—`` when unknown (stalled or just started)."""
    if progress.eta is None:
        return "—"
    return arg(translate("TransfersModel", "%1 left"), clock(progress.eta))


def duration_text(seconds: float) -> str:
    """``0.004 s`` under a tenth, ``0.04 s`` under a second, ``4.2 s`` under ten, else ``1:05``."""
    if seconds < 10:
        decimals = 3 if seconds < 0.1 else 2 if seconds < 1 else 1
        return arg(translate("TransfersModel", "%1 s"), QLocale().toString(seconds, "f", decimals))
    return clock(seconds)


@dataclass(frozen=True, slots=True)
class Run:
    """When the window saw a job start running and end, and the bytes it moved meanwhile."""

    started: float
    ended: float | None = None
    moved: int = 0

    @property
    def average(self) -> float | None:
        """Bytes per second over the whole run (None while running, or when it took no time)."""
        if self.ended is None or self.ended <= self.started:
            return None
        return self.moved / (self.ended - self.started)


class TransfersModel(QAbstractTableModel):
    """Rows are jobs, oldest first; `apply` takes engine events (on the UI thread)."""

    def __init__(
        self, manager: TransferManager, parent: QObject | None = None, folders: RemoteFolders | None = None
    ) -> None:
        """Start with the jobs the journal has; `folders` finds their remote folders (none: not shown)."""
        super().__init__(parent)
        self._manager = manager
        self._folders = folders
        self._runs: dict[int, Run] = {}
        self._rows: list[int] = []  # job ids, oldest first
        self._row_of: dict[int, int] = {}  # job id → row, for repaints of thousands of jobs
        self._jobs: dict[int, Job] = {}
        self._progress: dict[int, Progress] = {}
        self._notes: dict[int, str] = {}
        self._dirty: set[int] = set()
        self._load()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._flush)
        self._timer.start()
        if folders is not None:
            folders.found.connect(self._folders_found)

    def _load(self) -> None:
        """The account's jobs and the other accounts' unfinished ones, oldest first."""
        manager = self._manager
        for job in sorted([*manager.jobs(), *manager.other_jobs()], key=lambda job: job.id):
            self._row_of[job.id] = len(self._rows)
            self._rows.append(job.id)
            self._jobs[job.id] = job
            self._progress[job.id] = manager.progress(job)

    def reload(self) -> None:
        """Read the jobs again: another account is shown, so other jobs are its own (and waiting)."""
        self.beginResetModel()
        self._rows, self._row_of, self._jobs = [], {}, {}
        self._progress, self._notes, self._runs = {}, {}, {}
        self._dirty.clear()
        if self._folders is not None:
            self._folders.clear()
        self._load()
        self.endResetModel()

    def waiting_for_others(self) -> int:
        """How many of the jobs listed wait for another account."""
        return sum(1 for job in self._jobs.values() if not self._manager.owns(job))

    def apply(self, event: JobEvent) -> None:
        """Remember the newest state of a job; new jobs appear at once, changes at the next refresh."""
        job = event.job
        self._time(job, event.progress)
        if job.id not in self._jobs:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._row_of[job.id] = len(self._rows)
            self._rows.append(job.id)
            self._jobs[job.id] = job
            self._progress[job.id] = event.progress
            self.endInsertRows()
            return
        self._jobs[job.id] = job
        self._progress[job.id] = event.progress
        if event.message:
            self._notes[job.id] = event.message
        self._dirty.add(job.id)

    def _time(self, job: Job, progress: Progress) -> None:
        """Note when a job starts running and when it ends, for its average speed."""
        run = self._runs.get(job.id)
        if job.state == State.RUNNING and (run is None or run.ended is not None):
            # The engine's own start: this event may reach the window after the job already ended.
            self._runs[job.id] = Run(job.started if job.started is not None else time.time())
        elif run is not None and run.ended is None and job.state.finished:
            self._runs[job.id] = Run(run.started, max(job.updated, run.started), progress.moved)

    def jobs_and_progress(self) -> list[tuple[Job, Progress]]:
        """The account's own jobs with their latest progress, oldest first (for totals)."""
        return [
            (self._jobs[job_id], self._progress[job_id])
            for job_id in self._rows
            if self._manager.owns(self._jobs[job_id])
        ]

    def _folders_found(self) -> None:
        if self._rows:
            column = Column.REMOTE
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def _flush(self) -> None:
        if not self._dirty:
            return
        rows = sorted(self._row_of[job_id] for job_id in self._dirty if job_id in self._row_of)
        self._dirty.clear()
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(Column) - 1))

    def remove_finished(self) -> None:
        """Drop done and cancelled jobs from the list (and the journal)."""
        gone = [job_id for job_id in self._rows if self._jobs[job_id].state in (State.DONE, State.CANCELLED)]
        if not gone:
            return
        self._manager.journal.remove(gone)
        # One reset rather than a removal per row: a big folder leaves thousands of finished jobs.
        self.beginResetModel()
        for job_id in gone:
            del self._jobs[job_id]
            self._runs.pop(job_id, None)
            self._progress.pop(job_id, None)
            self._notes.pop(job_id, None)
            self._dirty.discard(job_id)
        self._rows = [job_id for job_id in self._rows if job_id in self._jobs]
        self._row_of = {job_id: row for row, job_id in enumerate(self._rows)}
        self.endResetModel()

    def job(self, row: int) -> Job:
        """The job shown in a row."""
        return self._jobs[self._rows[row]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per job."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """See `Column`."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            text = HEADERS[Column(section)]
            return translate("TransfersModel", text) if text else ""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The account's jobs can be selected (and acted on); other accounts' jobs are greyed out."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._manager.owns(self._jobs[self._rows[index.row()]]):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, the job (`JobRole`) and the done fraction (`FractionRole`, for the progress bar)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._jobs[self._rows[index.row()]]
        progress = self._progress[job.id]
        column = Column(index.column())
        if role == JobRole:
            return job
        if role == FractionRole:
            return 1.0 if job.state == State.DONE else progress.fraction
        waiting = not self._manager.owns(job)
        if role == Qt.ItemDataRole.ToolTipRole:
            if waiting:
                return arg(
                    self.tr("A transfer of the account %1: it runs when you use that account."),
                    account_of(job),
                )
            return display_lines(self._tooltip(job))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == Column.NAME:
            return display_name(job.remote_name)
        if column == Column.DIRECTION:
            arrow, kind = DIRECTIONS[Kind(job.kind)]
            return arrow if role == Qt.ItemDataRole.DisplayRole else translate("TransfersModel", kind)
        if column == Column.PROGRESS:
            done = job.size or 0 if job.state == State.DONE else progress.bytes_done
            return arg(self.tr("%1 of %2"), format_size(done) or "0", format_size(job.size) or "—")
        if column == Column.SPEED:
            return self._speed(job, progress)
        if column == Column.REMOTE:
            return self._remote_folder(job)
        if column == Column.LOCAL:
            return display_name(job.local_path)
        if waiting:
            return arg(self.tr("Waiting for %1"), account_of(job))
        state = translate("TransfersModel", STATES[State(job.state)])
        if job.state == State.FAILED and job.error:
            return display_name(arg(self.tr("%1: %2"), state, explain_text(job.error).sentence))
        return state

    def _speed(self, job: Job, progress: Progress) -> str:
        """Speed and time left while running; average speed and duration once done."""
        if job.state == State.RUNNING and progress.speed is not None:
            speed = arg(self.tr("%1/s"), format_size(int(progress.speed)))
            return arg(self.tr("%1, %2"), speed, eta_text(progress))
        run = self._runs.get(job.id)
        recorded = job.last_run
        if run is None and recorded is not None:
            run = Run(job.updated - recorded[0], job.updated, recorded[1])
        if job.state == State.DONE and run is not None and run.ended is not None:
            average = run.average
            took = duration_text(run.ended - run.started)
            if average is None or not run.moved:
                return arg(self.tr("Took %1"), took)
            return arg(self.tr("Average %1/s in %2"), format_size(int(average)), took)
        return ""

    def _remote_folder(self, job: Job) -> str:
        """``/a/b`` in the job's space, empty while unknown."""
        if self._folders is None or not self._manager.owns(job):
            return ""
        path = self._folders.folder_of(job)
        if path is None:
            return ""
        if path == UNKNOWN:
            return self.tr("(no longer there)")
        return display_name(path)

    def _tooltip(self, job: Job) -> str:
        """Why a job failed (with the engine's own words when translated), or its note, or its file."""
        if job.error:
            text = explain_text(job.error)
            return f"{text.sentence}\n\n{text.details}" if text.details else text.sentence
        note = self._notes.get(job.id)
        if note:
            return explain_text(note).sentence
        return job.local_path
