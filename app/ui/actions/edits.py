"""Edit in place: open a file from the cache with its application, and upload what the user saves there.

Double-click downloads the file into Dentry's cache (through the transfer engine, so the
Transfers panel shows it) and opens the copy with its application; a copy opened before is
opened again as long as it is the file's current version or holds an edit. Each copy is watched
(`CopyWatcher`); when its editor saves it, the edit goes to the service as the file's next
version, or beside it under a new name when the file changed on the service meanwhile (the
decisions are the core's: `app.transfers.edits`). The status line says what happens; `uploaded`
is the hook for a desktop notification. Edits saved while Dentry was closed, or that could not
be uploaded, are offered when the account connects (`UnsentEditsDialog`); an edit saved while
the service cannot be reached is tried again every half minute.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from app.api import ApiError
from app.api.models import Dentry
from app.transfers.edits import (
    Decision,
    Destination,
    EditLog,
    OpenedCopy,
    QueuedEdit,
    Review,
    Settled,
    copy_path,
)
from app.transfers.journal import Kind, State, set_aside
from app.transfers.manager import JobEvent
from app.ui.account_session import Connection
from app.ui.actions.context import ActionContext
from app.ui.copy_watcher import CopyWatcher
from app.ui.dialogs.edits import Choice, UnsentEditsDialog
from app.ui.errors import ErrorText, explain, explain_text
from app.ui.operations import edits
from app.ui.texts import arg

log = logging.getLogger(__name__)

RETRY_MS = 30_000
"""How often edits that could not reach the service are tried again."""


class EditInPlace(QObject):
    """Opens files from the cache and uploads the edits saved there.

    Signals:
        uploaded(object): a `Settled`: an edit reached the service (a new version, or a file beside it).
    """

    uploaded = Signal(object)

    def __init__(self, context: ActionContext, folder: Path) -> None:
        """Copies go under `folder` (with the records of them, ``edits.sqlite3``)."""
        super().__init__(context.parent)
        self.context = context
        self.folder = folder
        self.log = self._open_log(folder / "edits.sqlite3")
        self.watcher = CopyWatcher(self)
        self.watcher.touched.connect(self.check)
        self._mark = self.tr("edited on %1 %2")  # (read on the UI thread; the name is made on a worker)
        self._opening: dict[int, tuple[str, str, Dentry, Path]] = {}  # download → account, space, file, copy
        self._uploads: dict[int, tuple[Path, Decision | None]] = {}  # upload → copy, where its edit goes
        self._checking: set[Path] = set()  # copies being looked at, or their upload queued
        self._again: set[Path] = set()  # touched meanwhile: looked at once more afterwards
        self._waiting: set[Path] = set()  # the service could not be reached: tried again
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_waiting)
        self.offer_dialog: UnsentEditsDialog | None = None

    def _open_log(self, path: Path) -> EditLog:
        try:
            return EditLog(path)
        except sqlite3.DatabaseError as error:
            # Damaged: set it aside (nothing is deleted; the copies stay) and start a new one.
            aside = set_aside(path)
            log.warning("%s cannot be read (%s); set aside as %s", path, error, aside)
            return EditLog(path)

    # --- opening ---------------------------------------------------------------------------------

    def open(self, dentry: Dentry) -> None:
        """Open a file with its application: its copy in the cache, downloaded first if needed."""
        connection = self.context.connection
        space_id = self.context.location.space_id
        if connection is None or not space_id:
            return
        key = connection.account.key
        copy = self.log.of_dentry(key, space_id, dentry.id)
        if copy is not None and _still_good(copy, dentry):
            self.watcher.watch(copy.path)
            _open_with_application(copy.path)
            return
        target = copy_path(self.folder, space_id, dentry)
        job = self.context.transfers.add_download(
            connection.account.name,
            space_id,
            dentry.id,
            dentry.name,
            target,
            conflict="overwrite",
            version=dentry.version,
            size=dentry.size,
        )
        self._opening[job.id] = (key, space_id, dentry, target)
        self.context.status.show_status(arg(self.tr("Downloading “%1” to open it…"), dentry.name))

    def _downloaded(self, job_id: int, version: int | None) -> None:
        key, space_id, dentry, target = self._opening.pop(job_id)

        def recorded(copy: OpenedCopy) -> None:
            self.context.status.show_status("")
            self.watcher.watch(copy.path)
            _open_with_application(copy.path)

        operation = edits.record(self.log, target, key, space_id, dentry, version)
        self.context.run(
            operation.success(recorded),
            lambda error: self._say(self.tr("Could not open “%1”: %2"), dentry.name, explain(error)),
        )

    def _say(self, template: str, name: str, reason: ErrorText) -> None:
        """An error about a file: `template` with its name (``%1``) and the reason (``%2``)."""
        self.context.status.show_error(arg(template, name, reason.sentence), reason.details)

    # --- uploading edits ---------------------------------------------------------------------------

    def check(self, path: Path) -> None:
        """Look at a copy; if it holds an edit, upload it (as a new version, or beside its file)."""
        connection = self.context.connection
        copy = self.log.get(path)
        if copy is None:
            return
        if connection is None:
            self._wait(path)
            return
        if connection.account.key != copy.account_key:
            return  # (looked at when its account connects)
        if path in self._checking:
            self._again.add(path)
            return
        self._checking.add(path)
        mark = self._mark
        operation = edits.upload(
            self.log,
            path,
            connection.client,
            self.context.transfers,
            connection.account.name,
            lambda host, date: arg(mark, host, date),
        )
        operation.success(lambda queued: self._queued(path, copy, queued))
        self.context.run(operation, lambda error: self._not_queued(path, copy, error))

    def _queued(self, path: Path, copy: OpenedCopy, queued: QueuedEdit | None) -> None:
        self._checking.discard(path)
        self._waiting.discard(path)
        if queued is not None:
            decision = queued.decision
            status = self.context.status
            if decision.destination == Destination.NEW_VERSION:
                status.show_status(
                    arg(self.tr("Uploading your edit of “%1” as a new version…"), decision.name)
                )
            elif decision.destination == Destination.CHANGED:
                status.show_error(
                    arg(
                        self.tr(
                            "“%1” changed on the service since you opened it: your edit is "
                            "uploaded beside it as “%2”"
                        ),
                        queued.copy.name,
                        decision.name,
                    )
                )
            else:
                status.show_error(
                    arg(
                        self.tr("“%1” is no longer on the service: your edit is uploaded as “%2”"),
                        queued.copy.name,
                        decision.name,
                    )
                )
            self._follow(queued.job.id, path, decision)
        self._look_again(path)

    def _follow(self, job_id: int, path: Path, decision: Decision | None) -> None:
        """Settle the upload of the copy's edit when it ends (also when it ended already)."""
        self._uploads[job_id] = (path, decision)
        # A small file's upload may end before the work that queued it is back on this thread:
        # its last event came while nobody knew the job.
        transfers = self.context.transfers
        try:
            job = transfers.journal.get(job_id)
        except KeyError:  # cleared from the Transfers panel meanwhile: found again as an edit
            return
        if job.state.finished:
            self.job_event(JobEvent(job, transfers.progress(job)))

    def _not_queued(self, path: Path, copy: OpenedCopy, error: BaseException) -> None:
        self._checking.discard(path)
        reason = explain(error)
        if isinstance(error, ApiError) and error.retryable:
            self._wait(path)
            self.context.status.show_error(
                arg(
                    self.tr("Your edit of “%1” waits: %2 It is uploaded once the service answers."),
                    copy.name,
                    reason.sentence,
                ),
                reason.details,
            )
        else:
            self._say(self.tr("Your edit of “%1” was not uploaded: %2"), copy.name, reason)
        self._look_again(path)

    def _look_again(self, path: Path) -> None:
        if path in self._again:
            self._again.discard(path)
            self.check(path)

    def _wait(self, path: Path) -> None:
        self._waiting.add(path)
        if not self._retry.isActive():
            self._retry.start()

    def _try_waiting(self) -> None:
        waiting, self._waiting = self._waiting, set()
        if not waiting:
            self._retry.stop()
        for path in sorted(waiting):
            self.check(path)

    def job_event(self, event: JobEvent) -> None:
        """Open a copy once downloaded; settle an edit once uploaded; say what went wrong."""
        job = event.job
        if job.kind == Kind.DOWNLOAD and job.id in self._opening:
            if job.state == State.DONE:
                self._downloaded(job.id, job.version)
            elif job.state == State.FAILED:
                _key, _space, dentry, _target = self._opening.pop(job.id)
                self._say(self.tr("Could not open “%1”: %2"), dentry.name, explain_text(job.error or ""))
        elif job.kind == Kind.UPLOAD and job.id in self._uploads:
            path, decision = self._uploads[job.id]
            if job.state == State.DONE:
                del self._uploads[job.id]
                self._settle(path, decision, event)
            elif job.state == State.FAILED:  # (kept: a Retry in the Transfers panel may still bring it)
                copy = self.log.get(path)
                self._say(
                    self.tr("Your edit of “%1” was not uploaded: %2"),
                    path.name if copy is None else copy.name,
                    explain_text(job.error or ""),
                )
            elif job.state == State.CANCELLED:
                del self._uploads[job.id]

    def _settle(self, path: Path, decision: Decision | None, event: JobEvent) -> None:
        connection = self.context.connection
        if connection is None:
            return  # (settled when the account connects again)
        operation = edits.settle_upload(self.log, path, event.job, connection.client)
        operation.success(lambda settled: self._settled(settled, decision))
        self.context.run(operation)

    def _settled(self, settled: Settled | None, decision: Decision | None) -> None:
        if settled is None:
            return
        before, after = settled.before, settled.after
        status = self.context.status
        if not settled.beside:
            version = QLocale().toString(after.version or 0)
            status.show_status(arg(self.tr("Your edit of “%1” is uploaded: version %2"), after.name, version))
        elif decision is not None and decision.destination == Destination.GONE:
            status.show_error(
                arg(
                    self.tr("Your edit of “%1” is uploaded as “%2”: the file is no longer on the service"),
                    before.name,
                    after.name,
                )
            )
        else:
            status.show_error(
                arg(
                    self.tr(
                        "Your edit of “%1” is uploaded beside it as “%2”: the file changed on the "
                        "service since you opened it"
                    ),
                    before.name,
                    after.name,
                )
            )
        self.uploaded.emit(settled)
        if settled.edited_again:
            self.check(after.path)

    # --- at start ------------------------------------------------------------------------------

    def connected(self, connection: Connection) -> None:
        """Watch the account's copies; settle uploads that ended unseen; offer edits not uploaded."""
        self.watcher.clear()
        self._waiting.clear()
        operation = edits.look(self.log, connection.account.key, connection.client, self.context.transfers)
        operation.success(lambda review: self._looked(connection, review))
        self.context.run(operation)

    def _looked(self, connection: Connection, review: Review) -> None:
        if self.context.connection is not connection:
            return  # another account meanwhile
        for copy in self.log.of_account(connection.account.key):
            self.watcher.watch(copy.path)
        for copy in review.uploading:
            if copy.upload_job is not None and copy.upload_job not in self._uploads:
                self._follow(copy.upload_job, copy.path, None)
        for settled in review.settled:
            self.context.bus.announce(edits.settled_changes(settled))
            self.uploaded.emit(settled)
        if review.edited:
            self.offer(review.edited)

    def offer(self, copies: list[OpenedCopy]) -> None:
        """Ask what to do with edits the service does not have: upload, discard here, or later."""
        if self.offer_dialog is not None:
            return  # (one question at a time; what it leaves is asked again at the next start)
        dialog = UnsentEditsDialog(copies, self.folder, self.context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._answered(dialog))
        self.offer_dialog = dialog
        dialog.open()

    def _answered(self, dialog: UnsentEditsDialog) -> None:
        self.offer_dialog = None
        chosen = dialog.chosen()
        if dialog.choice == Choice.UPLOAD:
            for copy in chosen:
                self.check(copy.path)
        elif dialog.choice == Choice.DISCARD and chosen:
            for copy in chosen:
                self.watcher.unwatch(copy.path)
                self.log.forget(copy.path)
            self.context.status.show_status(
                arg(
                    self.tr("%Ln edit(s) discarded; the edited copies stay in %1", "", len(chosen)),
                    str(self.folder),
                )
            )

    def close(self) -> None:
        """Stop watching (the window closes)."""
        self.watcher.clear()
        self._retry.stop()


def _still_good(copy: OpenedCopy, dentry: Dentry) -> bool:
    """Whether to open this earlier copy of `dentry`: it is there, and current or holding an edit."""
    try:
        stat = copy.path.stat()
    except OSError:
        return False
    edited = copy.upload_job is not None or not copy.base.same_stat(stat)
    return copy.version == dentry.version or edited


def _open_with_application(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
