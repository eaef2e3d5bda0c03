"""Dragging items out of the window: the desktop or a file manager gets them as downloaded files.

A drag carries ``text/uri-list`` only as a promise (`ItemsMime`): when the drop target asks for
it (at the drop on X11, Wayland and Windows; see README), the items are queued in the transfer
engine like any download, into a fresh folder under the cache (``drag-out/``), the Transfers panel
shows their progress, and the drop waits until they are there. Folders come with everything in
them. Folders of earlier drags are removed after a day: the target has copied or moved the files
long before.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject

from app.transfers.folder_download import DownloadPlan, QueuedDownload
from app.transfers.manager import JobEvent
from app.ui.actions.context import ActionContext
from app.ui.actions.roles import RoleGate
from app.ui.models.item_mime import HeldItems, ItemsMime
from app.ui.models.transfer_events import TransferEvents
from app.ui.operations import transfers
from app.ui.texts import arg

KEPT_SECONDS = 24 * 3600
"""How long the files of a drag out stay in the cache."""


class DragOut(QObject):
    """Makes what a drag of items carries, and downloads them when a target outside asks."""

    def __init__(
        self, context: ActionContext, gate: RoleGate, events: TransferEvents, cache_dir: Path
    ) -> None:
        """Downloads through `context`'s transfer engine (followed on `events`) into `cache_dir`."""
        super().__init__(context.parent)
        self.context = context
        self.gate = gate
        self._events = events
        self._folder = cache_dir / "drag-out"

    def mime(self, held: HeldItems) -> ItemsMime:
        """The data of a drag of `held`: files for targets outside only where the role allows downloads."""
        if self.gate.items_refusal("download", list(held.items), list(held.chain)) is not None:
            return ItemsMime(held)
        return ItemsMime(held, lambda: self.fetch(held))

    def fetch(self, held: HeldItems) -> list[Path]:
        """Download the items into a new folder of the cache and wait for them; the files that came."""
        context = self.context
        connection = context.connection
        if connection is None or connection.account.key != held.account:
            return []
        self._forget_old()
        self._folder.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="drop-", dir=self._folder))
        loop = QEventLoop(self)
        ended: set[int] = set()
        waiting: list[set[int]] = []  # the queued jobs, once queued

        def job_event(event: JobEvent) -> None:
            if event.job.state.finished:
                ended.add(event.job.id)
                if waiting and waiting[0] <= ended:
                    loop.quit()

        def queued(result: tuple[DownloadPlan, QueuedDownload]) -> None:
            waiting.append({job.id for job in result[1].jobs})
            if waiting[0] <= ended:
                loop.quit()

        def failed(error: BaseException) -> None:
            context.status.show_failure(error, self.tr("Cannot download: %1"))
            loop.quit()

        count = len(held.items)
        context.status.show_status(self.tr("Downloading %Ln item(s) for the drop…", "", count))
        self._events.jobEvent.connect(job_event)
        operation = transfers.download(
            connection.client,
            context.transfers,
            connection.account.name,
            held.space_id,
            list(held.items),
            folder,
        )
        context.run(operation.success(queued), failed)
        try:
            loop.exec()
        finally:
            self._events.jobEvent.disconnect(job_event)
        files = [folder / item.name for item in held.items if (folder / item.name).exists()]
        if len(files) < count:
            context.status.show_error(
                arg(
                    self.tr("%Ln of %1 item(s) could not be downloaded for the drop", "", count - len(files)),
                    count,
                )
            )
        else:
            context.status.show_status(self.tr("%Ln item(s) downloaded for the drop", "", count))
        return files

    def _forget_old(self) -> None:
        """Remove what earlier drags out left in the cache a day ago or before."""
        if not self._folder.is_dir():
            return
        for old in self._folder.glob("drop-*"):
            if old.is_dir() and time.time() - old.stat().st_mtime > KEPT_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
