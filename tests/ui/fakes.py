"""An in-memory stand-in for `StorageClient.list_dentries`, with call records, gates and faults."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any, cast

from app.api import ApiError, StorageClient
from app.api.models import Dentry, DentryPage

SPACE = "7"


def make_dentry(
    dentry_id: str, name: str, *, parent_id: str = "0", folder: bool = False, size: int = 1000
) -> Dentry:
    """A dentry shaped like the service's (modified by ``local-user``)."""
    dot = name.rfind(".")
    return Dentry(
        id=dentry_id,
        space_id=SPACE,
        parent_id=parent_id,
        type="FOLDER" if folder else "FILE",
        name=name,
        size=None if folder else size,
        version=1,
        status="NORMAL",
        extension=name[dot + 1 :].lower() if dot > 0 and not folder else None,
        modifier_id="local-user",
        modified_time=datetime(2025, 1, 2, 3, 4, tzinfo=UTC),
    )


class FakeStorage:
    """Folders of dentries listed in pages like ListDentries (case-folded name order).

    Attributes:
        calls: ``(parent_id, next_token)`` of every listing, in order.
        gate: when set, listings wait until it is set (to observe the loading state).
        failures: parent id -> error code to raise for that folder.
    """

    def __init__(self) -> None:
        self.folders: dict[str, list[Dentry]] = {"0": []}
        self.calls: list[tuple[str, str | None]] = []
        self.gate: threading.Event | None = None
        self.failures: dict[str, str] = {}
        self._lock = threading.Lock()

    def add(self, dentry: Dentry) -> Dentry:
        """Put a dentry in its folder (and make it a folder of its own if it is one)."""
        self.folders.setdefault(dentry.parent_id, []).append(dentry)
        if dentry.is_folder:
            self.folders.setdefault(dentry.id, [])
        return dentry

    @property
    def client(self) -> StorageClient:
        """This fake, typed as the client the model expects."""
        return cast(StorageClient, self)

    def list_dentries(
        self, space_id: str, parent_id: str = "0", *, next_token: str | None = None, max_results: int = 50,
        **_options: Any,
    ) -> DentryPage:  # fmt: skip
        """One page of a folder; the token is the offset of the next entry."""
        with self._lock:
            self.calls.append((parent_id, next_token))
        if self.gate is not None:
            self.gate.wait(10)
        if parent_id in self.failures:
            raise ApiError(self.failures[parent_id], 404)
        if space_id != SPACE or parent_id not in self.folders:
            raise ApiError("dentryNotExist", 404)
        entries = sorted(self.folders[parent_id], key=lambda d: (d.name.casefold(), d.id))
        start = int(next_token or 0)
        end = start + max_results
        return DentryPage(entries[start:end], str(end) if end < len(entries) else None)
