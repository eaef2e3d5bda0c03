"""Transfers the user starts: drop files to upload, download to a folder, make a thumbnail.

The work runs as operations (`app.ui.operations.transfers`), off the UI thread; the transfer
engine does the rest, and finished uploads are announced to the views as changes. The files of one
drop or download are one batch of the engine (one notification when the last of them ends); a
finished upload can be shown in the window (Show in Dentry).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from app.api.errors import ApiError
from app.api.models import Dentry, ItemResult, Space
from app.transfers.folder_download import DownloadPlan, QueuedDownload
from app.transfers.folders import UploadPlan
from app.transfers.journal import Job, Kind
from app.transfers.manager import JobEvent
from app.transfers.names import REPLACEMENT, name_problem, replace_illegal
from app.ui.actions.context import ActionContext
from app.ui.core_sentences import is_renamed, reason_text
from app.ui.errors import explain
from app.ui.models.display_names import display_name
from app.ui.models.item_mime import held_items
from app.ui.models.thumbnail_loader import supports
from app.ui.operations import Operation, transfers
from app.ui.texts import arg

MAX_PROBLEMS_SHOWN = 12


class TransferActions(QObject):
    """Uploads by drag and drop, downloads and thumbnails from the item menu.

    Signals:
        batchQueueing(str): the jobs of a batch are being queued (it may not count all of them yet).
        batchQueued(str): every job of the batch is queued (or queueing stopped).
    """

    batchQueueing = Signal(str)
    batchQueued = Signal(str)

    def __init__(
        self,
        context: ActionContext,
        drop_targets: list[QAbstractItemView],
        download_folder: Callable[[], Path] = Path.home,
    ) -> None:
        """Actions in `context`; files dropped onto the `drop_targets` views are uploaded.

        `download_folder` is where the folder chooser of Download to… starts.
        """
        super().__init__(context.parent)
        self.context = context
        self._download_folder = download_folder
        self._uploading: set[int] = set()  # jobs of the drops in flight, for the status line
        # Small files may end before the worker that queued them is back on the UI thread;
        # `_queued` must not count those as in flight.
        self._queueing = 0
        self._ended_early: set[int] = set()
        self.upload_refusal: Callable[[], str | None] = lambda: None
        """Why the user may not upload into the folder shown (their role there); None: they may."""
        for view in drop_targets:
            view.setAcceptDrops(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
            # Qt delivers a drag to the viewport only if it accepts drops, and the grid's Static
            # movement turns that off (QListView.setMovement): without this the grid refuses drops.
            view.viewport().setAcceptDrops(True)
            view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept local files dragged onto a file view, and upload them when dropped."""
        if isinstance(event, QDropEvent) and held_items(event.mimeData()) is not None:
            return False  # the window's own items (`ItemDrops`): their files are fetched only outside
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if event.mimeData().hasUrls() and self.context.location.space_id:
                refusal = self.upload_refusal()
                if refusal is None:
                    event.acceptProposedAction()
                else:
                    event.ignore()
                    self.context.status.show_status(refusal)
                return True
        elif isinstance(event, QDropEvent) and self.upload_refusal() is None:
            paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.upload(paths)
                return True
        return super().eventFilter(watched, event)

    # --- uploads ---------------------------------------------------------------------------------

    def upload_files(self) -> None:
        """Upload files the user picks into the folder shown (File → Upload files…)."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self.context.parent, self.tr("Upload files"), str(Path.home())
        )
        if paths:
            self.upload([Path(path) for path in paths])

    def upload_folder(self) -> None:
        """Upload a folder the user picks, with everything in it, into the folder shown."""
        folder = QFileDialog.getExistingDirectory(
            self.context.parent, self.tr("Upload folder"), str(Path.home())
        )
        if folder:
            self.upload([Path(folder)])

    def upload(self, paths: list[Path], bad_names: str = "fail") -> None:
        """Upload files and folders into the current folder; every problem is reported first."""
        context = self.context
        if context.connection is None or not context.location.space_id:
            return
        refusal = self.upload_refusal()
        if refusal is not None:
            context.status.show_error(refusal)
            return
        space_id, parent_id = context.location.space_id, context.location.folder_id()
        context.status.show_status(self.tr("Preparing the upload…"))
        operation = transfers.plan(paths, bad_names)
        operation.success(lambda plan: self._planned(plan, paths, space_id, parent_id))
        context.run(operation, lambda error: context.status.show_failure(error, self.tr("Cannot upload: %1")))

    def _planned(self, plan: UploadPlan, paths: list[Path], space_id: str, parent_id: str) -> None:
        context = self.context
        context.status.show_status("")
        if plan.blocked:
            choice = self._ask_about_names(plan)
            if choice is not None:
                self.upload(paths, choice)
            return
        renamed = [problem for problem in plan.problems if is_renamed(problem.reason)]
        skipped = [problem for problem in plan.problems if not is_renamed(problem.reason)]
        if skipped:
            self._report(
                [self._problem_line(problem.path.name, problem.reason) for problem in skipped],
                self.tr("1 item skipped: %1"),
                self.tr("%Ln items skipped, among them %1", "", len(skipped)),
            )
        elif renamed:
            self._report(
                [
                    arg(
                        self.tr("%1 → %2"),
                        display_name(p.path.name),
                        display_name(replace_illegal(p.path.name)),
                    )
                    for p in renamed
                ],
                self.tr("1 item renamed: %1"),
                self.tr("%Ln items renamed, among them %1", "", len(renamed)),
            )
        connection = context.connection
        if connection is None:
            return
        self._queueing += 1
        batch = self._open_batch(Kind.UPLOAD, context.location.folder_name())
        operation = transfers.queue_upload(
            plan, context.transfers, connection.client, connection.account.name, space_id, parent_id, batch
        )
        context.run(operation.success(partial(self._queued, batch)), partial(self._queue_failed, batch))

    def _open_batch(self, kind: Kind, label: str) -> str:
        """A batch for the jobs of one action, held back from notifying until they are all queued."""
        batch = self.context.transfers.new_batch(kind, label).id
        self.batchQueueing.emit(batch)
        return batch

    def _problem_line(self, name: str, reason: str) -> str:
        return arg(self.tr("%1 (%2)"), display_name(name), reason_text(reason))

    def _report(self, lines: list[str], one: str, many: str) -> None:
        """Say in the status line what happened to items (the first one named); all are in the tooltip."""
        self.context.status.show_error(arg(one if len(lines) == 1 else many, lines[0]), "\n".join(lines))

    def _queue_failed(self, batch: str, error: BaseException) -> None:
        self.batchQueued.emit(batch)
        self._queueing -= 1
        self.context.status.show_failure(error, self.tr("Cannot upload: %1"))

    def _queued(self, batch: str, queued: transfers.QueuedUpload) -> None:
        self.batchQueued.emit(batch)
        self._uploading.update(job.id for job in queued.jobs if job.id not in self._ended_early)
        self._queueing -= 1
        if not self._queueing:
            self._ended_early.clear()
        count = len(self._uploading)
        if count:  # (with nothing queued, what `_planned` reported stays)
            self.context.status.show_status(self.tr("Uploading %Ln file(s)…", "", count))

    def _ask_about_names(self, plan: UploadPlan) -> str | None:
        bad = [problem for problem in plan.problems if problem.blocking]
        lines = []
        for problem in bad[:MAX_PROBLEMS_SHOWN]:
            name = problem.path.name
            why = reason_text(name_problem(name) or problem.reason)
            lines.append(
                arg(self.tr("• %1 (%2) → %3"), display_name(name), why, display_name(replace_illegal(name)))
            )
        if len(bad) > MAX_PROBLEMS_SHOWN:
            lines.append(self.tr("… and %Ln more", "", len(bad) - MAX_PROBLEMS_SHOWN))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Names the service refuses"),
            self.tr("%Ln name(s) cannot be used as they are:", "", len(bad)) + "\n\n" + "\n".join(lines),
            parent=self.context.parent,
        )
        box.setInformativeText(
            arg(
                self.tr(
                    "Replace the characters: each character the service refuses becomes “%1”, and dots "
                    "and spaces at the end are dropped, giving the names after the arrows. "
                    "Skip those: these items are not uploaded."
                ),
                REPLACEMENT,
            )
        )
        replace = box.addButton(self.tr("Replace the characters"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(self.tr("Skip those"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "replace" if clicked is replace else "skip" if clicked is skip else None

    def job_event(self, event: JobEvent) -> None:
        """Keep the status line's count of uploads still in flight."""
        job = event.job
        if job.kind != Kind.UPLOAD or not job.state.finished:
            return
        if job.id in self._uploading:
            self._uploading.discard(job.id)
            if not self._uploading:
                self.context.status.show_status("")
        elif self._queueing:
            self._ended_early.add(job.id)

    # --- downloads and thumbnails ------------------------------------------------------------------

    def download_to_download_folder(self) -> None:
        """Download the selection straight into the download folder of the preferences (Download).

        A chosen folder that is gone is said, and nothing is downloaded: the user chose it, and
        another place would surprise them (Download to… still asks).
        """
        chosen = self._chosen_for_download()
        if not chosen:
            return
        folder = self._download_folder()
        if not folder.is_dir():
            self.context.status.show_error(
                arg(
                    self.tr("The download folder %1 is not there: choose another in Preferences"), str(folder)
                )
            )
            return
        self.download(chosen, folder)

    def download_selected(self) -> None:
        """Download the selected files and folders (with everything in them) into a folder the user picks."""
        chosen = self._chosen_for_download()
        if not chosen:
            return
        start = self._download_folder()
        if not start.is_dir():  # chosen once, gone since
            start = Path.home()
        folder = QFileDialog.getExistingDirectory(self.context.parent, self.tr("Download to"), str(start))
        if not folder:
            return
        self.download(chosen, Path(folder))

    def _chosen_for_download(self) -> list[Dentry]:
        """The selection, or nothing (said in the status line) when there is nothing to download."""
        chosen = self.context.selection.selected()
        if not chosen or self.context.connection is None:
            self.context.status.show_error(self.tr("Select the files or folders to download"))
            return []
        return chosen

    def download(self, chosen: list[Dentry], folder: Path) -> None:
        """Queue the download of `chosen` into `folder`; folders are listed off the UI thread first."""
        context = self.context
        connection = context.connection
        if connection is None:
            return
        batch = self._open_batch(Kind.DOWNLOAD, folder.name or str(folder))
        operation = transfers.download(
            connection.client,
            context.transfers,
            connection.account.name,
            context.location.space_id,
            chosen,
            folder,
            batch,
        )
        if any(dentry.is_folder for dentry in chosen):
            context.status.show_status(self.tr("Listing the folders to download…"))
        operation.success(partial(self._download_queued, batch))
        context.run(operation, partial(self._download_failed, batch))

    def _download_failed(self, batch: str, error: BaseException) -> None:
        self.batchQueued.emit(batch)
        self.context.status.show_status("")
        self.context.status.show_failure(error, self.tr("Cannot download: %1"))

    def _download_queued(self, batch: str, result: tuple[DownloadPlan, QueuedDownload]) -> None:
        self.batchQueued.emit(batch)
        plan, queued = result
        status = self.context.status
        status.show_status("")
        problems = [*plan.problems, *queued.problems]
        if problems:
            self._report(
                [self._problem_line(problem.path, problem.reason) for problem in problems],
                self.tr("1 item not downloaded: %1"),
                self.tr("%Ln items not downloaded, among them %1", "", len(problems)),
            )
        elif queued.already_here and not queued.jobs:
            status.show_status(self.tr("Everything was downloaded already"))

    def show_in_dentry(self, job: Job) -> None:
        """Show the file a finished upload made: its folder in the window, the file selected."""
        context = self.context
        connection = context.connection
        if connection is None or not job.result:
            return
        space = next((space for space in connection.spaces if space.id == job.space_id), None)
        if space is None:
            context.status.show_error(self.tr("The space of this upload is not among this account's spaces"))
            return
        operation = Operation(partial(connection.client.get_dentries, job.space_id, [job.result]))
        operation.success(lambda results: self._show_uploaded(space, results))
        context.run(operation)

    def _show_uploaded(self, space: Space, results: list[ItemResult]) -> None:
        context = self.context
        found = results[0].dentry if results else None
        if found is None or not found.path:
            context.status.show_error(self.tr("The uploaded file is no longer there"))
            return
        connection = context.connection
        if connection is None:
            return
        context.location.set_space(connection.client, space)
        folder = posixpath.dirname(found.path)
        context.location.go_to_path(folder, then=lambda: context.selection.select_when_listed(found.name))
        window = context.parent.window()
        window.raise_()
        window.activateWindow()

    def thumbnail_refusal(self) -> str | None:
        """Why Make thumbnail cannot help with the selection (None: a chosen file can have one)."""
        files = [d for d in self.context.selection.selected() if not d.is_folder]
        if any(supports(dentry) for dentry in files):
            return None
        return self.tr(
            "The storage service makes thumbnails of pictures, PDF and text files and office documents only"
        )

    def make_thumbnails(self) -> None:
        """Have the service make thumbnails of the selected files (the KooDrive task), then show them.

        Files of kinds the service cannot render are left out, and the status line says so; a
        file the service refuses anyway is named with its answer.
        """
        context = self.context
        chosen = [d for d in context.selection.selected() if not d.is_folder]
        files = [d for d in chosen if supports(d)]
        connection = context.connection
        if connection is None or not chosen:
            return
        if not files:
            context.status.show_error(self.thumbnail_refusal() or "")
            return
        left_out = len(chosen) - len(files)
        context.status.show_status(self.tr("Making thumbnails…"))

        def made(refused: list[tuple[Dentry, ApiError]]) -> None:
            if refused:
                dentry, error = refused[0]
                reason = explain(error)
                context.status.show_error(
                    arg(self.tr("No thumbnail of “%1”: %2"), display_name(dentry.name), reason.sentence),
                    reason.details,
                )
            elif left_out:
                context.status.show_status(
                    self.tr(
                        "%Ln file(s) left out: the service makes no thumbnails of their kind", "", left_out
                    )
                )
            else:
                context.status.show_status("")

        operation = transfers.make_thumbnails(connection.client, context.location.space_id, files)
        context.run(operation.success(made))
