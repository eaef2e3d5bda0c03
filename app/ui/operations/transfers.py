"""Operations that hand work to the transfer engine, and finished uploads announced as changes.

Planning an upload reads the local disk; queueing it creates its folders on the service; planning
a download lists remote folders; all of it runs off the UI thread. The engine does the rest, and
`UploadArrivals` turns its finished uploads into `Changes` (fetched in batches) for the views.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.api.client import StorageClient
from app.api.errors import ApiError
from app.api.models import Dentry, ItemResult
from app.api.transport import MAX_BATCH
from app.transfers.folder_download import DownloadPlan, QueuedDownload, plan_download, queue_download
from app.transfers.folders import UploadPlan, plan_upload, queue_plan
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import JobEvent, TransferManager
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.operations import ChangeBus, Changes, Operation

ARRIVED_BATCH_MS = 150
"""Finished uploads are shown once none has finished for this long (one GetDentries per 30)…"""
ARRIVED_MAX_WAIT = 1.0
"""… or once the first of them has waited this many seconds."""


def plan(paths: list[Path], bad_names: str = "fail") -> Operation[UploadPlan]:
    """Read what uploading `paths` means: folders, files and names the service refuses."""
    return Operation(partial(plan_upload, paths, bad_names))


@dataclass(frozen=True)
class QueuedUpload:
    """What `queue_upload` did: the jobs queued, and the top folders it made (or reused)."""

    jobs: list[Job]
    folders: list[Dentry]


def queue_upload(
    upload_plan: UploadPlan,
    transfers: TransferManager,
    client: StorageClient,
    account: str,
    space_id: str,
    parent_id: str,
    batch: str | None = None,
) -> Operation[QueuedUpload]:
    """Make the plan's folders under `parent_id` and queue its files; the top folders appear at once.

    `batch`: see `TransferManager.new_batch` (one notification when the last file ends).
    """

    def work() -> QueuedUpload:
        top_folders: list[Dentry] = []
        jobs = queue_plan(
            upload_plan,
            transfers,
            client,
            account,
            space_id,
            parent_id,
            on_folder=lambda folder, dentry: top_folders.append(dentry) if len(folder) == 1 else None,
            batch=batch,
        )
        return QueuedUpload(jobs, top_folders)

    return Operation(
        work,
        lambda queued: Changes(
            space_id, added=tuple(queued.folders), queued_jobs=tuple(job.id for job in queued.jobs)
        ),
    )


def download(
    client: StorageClient,
    transfers: TransferManager,
    account: str,
    space_id: str,
    chosen: list[Dentry],
    folder: Path,
    batch: str | None = None,
) -> Operation[tuple[DownloadPlan, QueuedDownload]]:
    """List the chosen folders (recursively) and queue the download of everything into `folder`.

    `batch`: see `TransferManager.new_batch` (one notification when the last file ends).
    """

    def work() -> tuple[DownloadPlan, QueuedDownload]:
        download_plan = plan_download(client, space_id, chosen)
        queued = queue_download(download_plan, transfers, account, space_id, folder, batch=batch)
        return download_plan, queued

    return Operation(
        work, lambda result: Changes(space_id, queued_jobs=tuple(job.id for job in result[1].jobs))
    )


def make_thumbnails(
    client: StorageClient, space_id: str, files: list[Dentry]
) -> Operation[list[tuple[Dentry, ApiError]]]:
    """Have the service make thumbnails of `files` (KooDrive's task, one call per file).

    A file the service refuses does not stop the others; the result lists the refusals.
    """

    def work() -> list[tuple[Dentry, ApiError]]:
        refused = []
        for dentry in files:
            try:
                client.generate_thumbnail(space_id, dentry.id)
            except ApiError as error:
                refused.append((dentry, error))
        return refused

    def changes(result: list[tuple[Dentry, ApiError]]) -> Changes:
        gone = {dentry.id for dentry, _error in result}
        return Changes(space_id, thumbnails_of=tuple(d for d in files if d.id not in gone))

    return Operation(work, changes)


class UploadArrivals(QObject):
    """Announces finished uploads as added dentries, fetched with GetDentries in batches.

    Any upload into a space someone shows arrives, also those a restart resumed: the job says
    where it went. Fetches wait for a pause in the arrivals (a second at most), or until a batch
    call (30 ids) is full, so a big drop costs a few calls, not one per file.
    """

    def __init__(
        self,
        session: AccountSession,
        background: Background,
        bus: ChangeBus,
        shown: Callable[[str], bool],
        on_error: Callable[[BaseException], object],
        parent: QObject | None = None,
    ) -> None:
        """Fetch with the session's client on `background`; only spaces that `shown` names arrive."""
        super().__init__(parent)
        self._session = session
        self._background = background
        self._bus = bus
        self._shown = shown
        self._on_error = on_error
        self._arrived: dict[str, list[str]] = {}  # space → ids of uploaded dentries to fetch
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ARRIVED_BATCH_MS)
        self._timer.timeout.connect(self._fetch)
        self._began = 0.0

    def job_event(self, event: JobEvent) -> None:
        """Take note of an upload that finished into a space shown."""
        job = event.job
        if job.kind != Kind.UPLOAD or job.state != State.DONE or not job.result:
            return
        if not self._shown(job.space_id):
            return
        self._arrived.setdefault(job.space_id, []).append(job.result)
        now = time.monotonic()
        if sum(len(ids) for ids in self._arrived.values()) >= MAX_BATCH:
            self._timer.stop()
            self._fetch()
        elif not self._timer.isActive():
            self._began = now
            self._timer.start()
        elif now - self._began < ARRIVED_MAX_WAIT:
            self._timer.start()  # restart: more may come right after

    def _fetch(self) -> None:
        connection = self._session.connection
        arrived, self._arrived = self._arrived, {}
        if connection is None or self._background.closed:
            return  # no account, or the window is closing: nobody is left to show them
        for space_id, dentry_ids in arrived.items():
            Operation(
                partial(connection.client.get_dentries, space_id, dentry_ids),
                partial(_arrived_changes, space_id),
            ).failure(self._on_error).run_in_background(self._background, self._bus)


def _arrived_changes(space_id: str, results: list[ItemResult]) -> Changes:
    return Changes(space_id, added=tuple(result.dentry for result in results if result.dentry is not None))
