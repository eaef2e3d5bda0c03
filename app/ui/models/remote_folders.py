"""Where in the storage a transfer goes or comes from: the remote folder's path, asked of the service.

The journal records ids, not paths (a folder may be renamed or moved while its files wait), so the
Transfers panel asks the service with GetDentries, 30 ids a call, off the UI thread, and keeps the
answers until the account changes. An upload's folder is its parent's path; a download's is the
folder its file is in.
"""

from __future__ import annotations

import posixpath
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from app.api.models import ItemResult
from app.transfers.journal import Job, Kind
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.models.dentry_model import ROOT_ID

UNKNOWN = ""
"""What a path is when the service does not know the dentry any more (deleted meanwhile)."""


class RemoteFolders(QObject):
    """Paths of the remote folders of transfers, fetched in batches and kept.

    Signals:
        found(): paths arrived; ask `folder_of` again.
    """

    found = Signal()

    def __init__(
        self, session: AccountSession, background: Background, parent: QObject | None = None
    ) -> None:
        """Ask with the session's client on `background`."""
        super().__init__(parent)
        self._session = session
        self._background = background
        self._paths: dict[tuple[str, str], str] = {}  # (space, dentry id) → its path
        self._wanted: dict[str, set[str]] = {}  # space → ids to ask about
        self._asked: set[tuple[str, str]] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once the rows of this round are painted
        self._timer.timeout.connect(self._fetch)

    def folder_of(self, job: Job) -> str | None:
        """The job's remote folder as ``/a/b`` (None while unknown; empty when the service lost it)."""
        if job.kind == Kind.UPLOAD and job.remote_id == ROOT_ID:
            return "/"
        path = self._paths.get((job.space_id, job.remote_id))
        if path is None:
            self._want(job.space_id, job.remote_id)
            return None
        if job.kind == Kind.UPLOAD or path == UNKNOWN:
            return path
        return posixpath.dirname(path) or "/"

    def clear(self) -> None:
        """Forget every path (another account is shown)."""
        self._paths.clear()
        self._wanted.clear()
        self._asked.clear()

    def _want(self, space_id: str, dentry_id: str) -> None:
        if (space_id, dentry_id) in self._asked:
            return
        self._asked.add((space_id, dentry_id))
        self._wanted.setdefault(space_id, set()).add(dentry_id)
        self._timer.start()

    def _fetch(self) -> None:
        connection = self._session.connection
        wanted, self._wanted = self._wanted, {}
        if connection is None:
            return
        for space_id, ids in wanted.items():
            self._background.submit(
                connection.client.get_dentries,
                space_id,
                sorted(ids),
                on_done=partial(self._arrived, space_id, ids),
                on_error=partial(self._failed, space_id, ids),
            )

    def _arrived(self, space_id: str, ids: set[str], results: list[ItemResult]) -> None:
        for result in results:
            path = result.dentry.path if result.dentry is not None else None
            self._paths[(space_id, result.dentry_id)] = path or UNKNOWN
        for dentry_id in ids:
            self._paths.setdefault((space_id, dentry_id), UNKNOWN)
        self.found.emit()

    def _failed(self, space_id: str, ids: set[str], _error: BaseException) -> None:
        # Asked again when the panel next needs them (the network may be back).
        self._asked -= {(space_id, dentry_id) for dentry_id in ids}
