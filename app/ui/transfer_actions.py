"""Transfers started from the window: drop files to upload, download to a folder, make a thumbnail.

The work runs as operations (`app.ui.operations.transfers`), off the UI thread; the transfer
engine does the rest, and finished uploads are announced to the views as changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from app.api.models import Dentry
from app.transfers.folder_download import DownloadPlan, QueuedDownload
from app.transfers.folders import UploadPlan
from app.transfers.journal import Kind
from app.transfers.manager import JobEvent
from app.ui.operations import transfers
from app.ui.widgets.file_views import selected_dentries

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

MAX_PROBLEMS_SHOWN = 12


class TransferActions(QObject):
    """Uploads by drag and drop, downloads and thumbnails from the item menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._uploading: set[int] = set()  # jobs of the drops in flight, for the status line
        # Small files may end before the worker that queued them is back on the UI thread;
        # `_queued` must not count those as in flight.
        self._queueing = 0
        self._ended_early: set[int] = set()
        for view in (window.details, window.grid):
            view.setAcceptDrops(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
            view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept local files dragged onto a file view, and upload them when dropped."""
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if event.mimeData().hasUrls() and self.window.model.space_id:
                event.acceptProposedAction()
                return True
        elif isinstance(event, QDropEvent):
            paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.upload(paths)
                return True
        return super().eventFilter(watched, event)

    # --- uploads ---------------------------------------------------------------------------------

    def upload(self, paths: list[Path], bad_names: str = "fail") -> None:
        """Upload files and folders into the current folder; every problem is reported first."""
        window = self.window
        connection = window.session.connection
        if connection is None or not window.model.space_id:
            return
        space_id = window.model.space_id
        parent_id = window.chain[-1].id if window.chain else "0"
        window.state_label.setText("Preparing the upload…")
        operation = transfers.plan(paths, bad_names)
        operation.success(lambda plan: self._planned(plan, paths, space_id, parent_id))
        operation.failure(lambda error: window.show_error(f"Cannot upload: {error}"))
        operation.run_in_background(window.background, window.changes)

    def _planned(self, plan: UploadPlan, paths: list[Path], space_id: str, parent_id: str) -> None:
        window = self.window
        window.state_label.setText("")
        if plan.blocked:
            choice = self._ask_about_names(plan)
            if choice is not None:
                self.upload(paths, choice)
            return
        if plan.problems:
            window.show_error(
                f"{len(plan.problems)} items skipped: {plan.problems[0].path.name}: {plan.problems[0].reason}"
            )
        connection = window.session.connection
        if connection is None:
            return
        self._queueing += 1
        operation = transfers.queue_upload(
            plan, window.transfers, connection.client, connection.account.name, space_id, parent_id
        )
        operation.success(self._queued).failure(self._queue_failed)
        operation.run_in_background(window.background, window.changes)

    def _queue_failed(self, error: BaseException) -> None:
        self._queueing -= 1
        self.window.show_error(str(error))

    def _queued(self, queued: transfers.QueuedUpload) -> None:
        self._uploading.update(job.id for job in queued.jobs if job.id not in self._ended_early)
        self._queueing -= 1
        if not self._queueing:
            self._ended_early.clear()
        count = len(self._uploading)
        self.window.state_label.setText(
            f"Uploading {count} file{'s' if count != 1 else ''}…" if count else ""
        )

    def _ask_about_names(self, plan: UploadPlan) -> str | None:
        bad = [problem for problem in plan.problems if problem.blocking]
        lines = [f"• {problem.path.name}: {problem.reason.split(': ', 1)[-1]}" for problem in bad]
        if len(lines) > MAX_PROBLEMS_SHOWN:
            lines = [*lines[:MAX_PROBLEMS_SHOWN], f"… and {len(lines) - MAX_PROBLEMS_SHOWN} more"]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Names the service refuses",
            f"{len(bad)} names cannot be used as they are:\n\n" + "\n".join(lines),
            parent=self.window,
        )
        replace = box.addButton("Replace the characters", QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton("Skip those", QMessageBox.ButtonRole.DestructiveRole)
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
                self.window.state_label.setText("")
        elif self._queueing:
            self._ended_early.add(job.id)

    # --- downloads and thumbnails ------------------------------------------------------------------

    def download_selected(self) -> None:
        """Download the selected files and folders (with everything in them) into a folder the user picks."""
        window = self.window
        chosen = selected_dentries(window.details)
        connection = window.session.connection
        if not chosen or connection is None:
            window.show_error("Select the files or folders to download")
            return
        folder = QFileDialog.getExistingDirectory(window, "Download to", str(Path.home()))
        if not folder:
            return
        self.download(chosen, Path(folder))

    def download(self, chosen: list[Dentry], folder: Path) -> None:
        """Queue the download of `chosen` into `folder`; folders are listed off the UI thread first."""
        window = self.window
        connection = window.session.connection
        if connection is None:
            return
        operation = transfers.download(
            connection.client,
            window.transfers,
            connection.account.name,
            window.model.space_id,
            chosen,
            folder,
        )
        if any(dentry.is_folder for dentry in chosen):
            window.state_label.setText("Listing the folders to download…")
        operation.success(lambda result: self._download_queued(*result)).failure(self._download_failed)
        operation.run_in_background(window.background, window.changes)

    def _download_failed(self, error: BaseException) -> None:
        self.window.state_label.setText("")
        self.window.show_error(f"Cannot download: {error}")

    def _download_queued(self, plan: DownloadPlan, queued: QueuedDownload) -> None:
        window = self.window
        window.state_label.setText("")
        problems = [*plan.problems, *queued.problems]
        if problems:
            window.show_error(
                f"{len(problems)} items not downloaded: {problems[0].path}: {problems[0].reason}"
            )
        elif queued.already_here and not queued.jobs:
            window.state_label.setText("Everything was downloaded before")

    def make_thumbnails(self) -> None:
        """Have the service make thumbnails of the selected files (the KooDrive task), then show them."""
        window = self.window
        files = [d for d in selected_dentries(window.details) if not d.is_folder]
        connection = window.session.connection
        if not files or connection is None:
            return
        window.state_label.setText("Making thumbnails…")
        operation = transfers.make_thumbnails(connection.client, window.model.space_id, files)
        operation.success(lambda _none: window.state_label.setText(""))
        operation.failure(lambda error: window.show_error(str(error)))
        operation.run_in_background(window.background, window.changes)
