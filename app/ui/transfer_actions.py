"""Transfers started from the window: drop files to upload, download to a folder, make a thumbnail.

Planning an upload reads the local disk and creating its folders calls the service; planning a
download lists remote folders. All of that runs through `Background`; the transfer engine does
the rest and its events update the view.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from app.api.models import Dentry, ItemResult
from app.api.transport import MAX_BATCH
from app.transfers.folder_download import DownloadPlan, QueuedDownload, plan_download, queue_download
from app.transfers.folders import UploadPlan, plan_upload, queue_plan
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import JobEvent
from app.ui.widgets.file_views import selected_dentries

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

MAX_PROBLEMS_SHOWN = 12
ARRIVED_BATCH_MS = 150
"""Finished uploads are shown once none has finished for this long (one GetDentries per 30)…"""
ARRIVED_MAX_WAIT = 1.0
"""… or once the first of them has waited this many seconds."""


class TransferActions(QObject):
    """Uploads by drag and drop, downloads and thumbnails from the item menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._uploading: set[int] = set()  # jobs of the drops in flight, for the status line
        self._arrived: dict[str, list[str]] = {}  # space → ids of uploaded dentries to show
        self._show_arrived = QTimer(self)
        self._show_arrived.setSingleShot(True)
        self._show_arrived.setInterval(ARRIVED_BATCH_MS)
        self._show_arrived.timeout.connect(self._fetch_arrived)
        self._arrivals_began = 0.0
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
        window.background.submit(
            plan_upload,
            paths,
            bad_names,
            on_done=lambda plan: self._planned(plan, paths, space_id, parent_id),
            on_error=lambda error: window.show_error(f"Cannot upload: {error}"),
        )

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
        account = connection.account.name

        def queue() -> tuple[list[Job], list[Dentry]]:
            # Runs on a worker thread; the folders it made are shown once it is back on the UI thread.
            top_folders: list[Dentry] = []
            jobs = queue_plan(
                plan,
                window.transfers,
                connection.client,
                account,
                space_id,
                parent_id,
                on_folder=lambda folder, dentry: top_folders.append(dentry) if len(folder) == 1 else None,
            )
            return jobs, top_folders

        self._queueing += 1
        window.background.submit(
            queue,
            on_done=lambda queued: self._queued(*queued),
            on_error=self._queue_failed,
        )

    def _queue_failed(self, error: BaseException) -> None:
        self._queueing -= 1
        self.window.show_error(str(error))

    def _queued(self, jobs: list[Job], top_folders: list[Dentry]) -> None:
        for folder in top_folders:
            self.window.model.update_dentry(folder)
        self._uploading.update(job.id for job in jobs if job.id not in self._ended_early)
        self._queueing -= 1
        if not self._queueing:
            self._ended_early.clear()
        if jobs:
            self.window.transfers_panel.show()
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
        """Show finished uploads in their folder (if that folder is listed), without a reload.

        Their dentries are fetched in batches (GetDentries takes 30 ids), not one call per file.
        """
        job = event.job
        if job.kind != Kind.UPLOAD or not job.state.finished:
            return
        if job.id in self._uploading:
            self._uploading.discard(job.id)
            if not self._uploading:
                self.window.state_label.setText("")
        elif self._queueing:
            self._ended_early.add(job.id)
        # The job says where it went: any upload into the space shown appears, also those a
        # restart resumed.
        if job.state == State.DONE and job.result and job.space_id == self.window.model.space_id:
            self._arrived.setdefault(job.space_id, []).append(job.result)
            self._schedule_arrived()

    def _schedule_arrived(self) -> None:
        """Wait for a pause in the arrivals, a second at most, or until a batch call is full."""
        now = time.monotonic()
        if sum(len(ids) for ids in self._arrived.values()) >= MAX_BATCH:
            self._show_arrived.stop()
            self._fetch_arrived()
        elif not self._show_arrived.isActive():
            self._arrivals_began = now
            self._show_arrived.start()
        elif now - self._arrivals_began < ARRIVED_MAX_WAIT:
            self._show_arrived.start()  # restart: more may come right after

    def _fetch_arrived(self) -> None:
        connection = self.window.session.connection
        arrived, self._arrived = self._arrived, {}
        if connection is None:
            return
        for space_id, dentry_ids in arrived.items():
            self.window.background.submit(
                connection.client.get_dentries,
                space_id,
                dentry_ids,
                on_done=partial(self._show, space_id),
                on_error=lambda error: self.window.show_error(str(error)),
            )

    def _show(self, space_id: str, results: list[ItemResult]) -> None:
        if space_id != self.window.model.space_id:
            return  # the user moved to another space meanwhile
        for result in results:
            if result.dentry is not None:
                self.window.model.update_dentry(result.dentry)

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
        space_id, account = window.model.space_id, connection.account.name

        def queue() -> tuple[DownloadPlan, QueuedDownload]:
            plan = plan_download(connection.client, space_id, chosen)
            return plan, queue_download(plan, window.transfers, account, space_id, folder)

        if any(dentry.is_folder for dentry in chosen):
            window.state_label.setText("Listing the folders to download…")
        window.background.submit(
            queue,
            on_done=lambda result: self._download_queued(*result),
            on_error=self._download_failed,
        )

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
        if queued.jobs:
            window.transfers_panel.show()

    def make_thumbnails(self) -> None:
        """Have the service make thumbnails of the selected files (the KooDrive task), then show them."""
        window = self.window
        files = [d for d in selected_dentries(window.details) if not d.is_folder]
        connection = window.session.connection
        if not files or connection is None:
            return
        space_id = window.model.space_id

        def make() -> None:
            for dentry in files:
                connection.client.generate_thumbnail(space_id, dentry.id)

        def made(_none: None) -> None:
            window.state_label.setText("")
            window.loader.request(space_id, files)

        window.state_label.setText("Making thumbnails…")
        window.background.submit(make, on_done=made, on_error=lambda error: window.show_error(str(error)))
