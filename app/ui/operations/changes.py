"""What an operation changed, and the one signal that tells every view about it.

Modelled on Anki's ``OpChanges`` and its ``operation_did_execute`` hook: an operation (a new
folder, a rename, a delete, a finished upload) describes what it changed as a `Changes` value
and announces it on the window's `ChangeBus`; each view that shows some of it (the dentry model
and through it the folder tree and both file views, the recycle bin, the status line, the
thumbnails) subscribes to `ChangeBus.changed` and updates itself from the description. No view
calls another, and no operation touches a view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.api.models import Dentry


@dataclass(frozen=True)
class Changes:
    """What changed on the service (or in the transfer queue) through one operation.

    Attributes:
        space_id: the space of the dentries named here.
        added: dentries that now exist (a new folder, a finished upload).
        updated: dentries whose fields changed (a rename, a new version); one whose
            ``parent_id`` changed has moved there.
        removed: ids of dentries that are gone from their folder (deleted, or in the recycle bin).
        moved: id → id of the new parent folder, for moves known by id only.
        recycle_bin: the space's recycle bin changed (items went in, came back or were purged).
        recycle_items_gone: ids of the items that left the space's recycle bin (restored, or
            deleted forever); items that went in are not known by id (the bin is listed again).
        versions_of: ids of files whose list of versions changed.
        permissions_of: ids of dentries whose permissions changed.
        thumbnails_of: files the service has (re)made thumbnails of.
        queued_jobs: ids of transfer jobs just queued.
    """

    space_id: str = ""
    added: tuple[Dentry, ...] = ()
    updated: tuple[Dentry, ...] = ()
    removed: tuple[str, ...] = ()
    moved: Mapping[str, str] = field(default_factory=dict)
    recycle_bin: bool = False
    recycle_items_gone: tuple[str, ...] = ()
    versions_of: frozenset[str] = frozenset()
    permissions_of: frozenset[str] = frozenset()
    thumbnails_of: tuple[Dentry, ...] = ()
    queued_jobs: tuple[int, ...] = ()

    @property
    def dentries_changed(self) -> bool:
        """Whether a folder listing may look different (something added, updated, removed or moved)."""
        return bool(self.added or self.updated or self.removed or self.moved)

    def __bool__(self) -> bool:
        """False when nothing changed at all (then nothing is announced)."""
        return bool(
            self.dentries_changed
            or self.recycle_bin
            or self.versions_of
            or self.permissions_of
            or self.thumbnails_of
            or self.queued_jobs
        )


class ChangeBus(QObject):
    """The window's one channel for changes; every view that shows the service subscribes.

    Signals:
        changed(object): a `Changes` an operation announced, on the UI thread.
    """

    changed = Signal(object)

    def announce(self, changes: Changes) -> None:
        """Tell every subscriber what changed (nothing happens for an empty `Changes`)."""
        if changes:
            self.changed.emit(changes)
