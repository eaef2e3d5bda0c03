"""The user's own role on the files and folders of the space shown, asked of the service and kept.

What a user may do follows their role (`app.api.models.ROLES`): a READER lists and previews, a
DOWNLOADER also downloads and copies out, an EDITOR also uploads, renames, moves and deletes, a
MANAGER also shares. The creator of a space is its OWNER throughout; anyone else holds what was
granted on an item or a folder above it, so a role reaches down and never up: the role on an item
is at least the role on any folder above it. `Roles` asks BatchQueryRoles (30 ids a call) for what
the window needs (the folder shown, the selection, a drop target) and keeps the answers until the
space changes or an operation announces that permissions changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import QObject, Signal

from app.api.client import StorageClient
from app.api.models import ROLES, Space, role_rank
from app.ui.background import Background
from app.ui.operations.changes import Changes
from app.ui.texts import QT_TRANSLATE_NOOP, translate

NO_ROLE = ""
"""The role on a folder that only leads to something shared (it may be browsed, nothing more)."""

ROLE_NAMES = {
    "OWNER": QT_TRANSLATE_NOOP("Roles", "Owner"),
    "MANAGER": QT_TRANSLATE_NOOP("Roles", "Manager"),
    "EDITOR": QT_TRANSLATE_NOOP("Roles", "Editor"),
    "DOWNLOADER": QT_TRANSLATE_NOOP("Roles", "Downloader"),
    "READER": QT_TRANSLATE_NOOP("Roles", "Reader"),
}
"""What the window calls each role."""
ROLE_DESCRIPTIONS = {
    "OWNER": QT_TRANSLATE_NOOP("Roles", "Everything, also giving the Owner role"),
    "MANAGER": QT_TRANSLATE_NOOP("Roles", "Edits, and decides who has access"),
    "EDITOR": QT_TRANSLATE_NOOP("Roles", "Downloads, uploads, renames, moves and deletes"),
    "DOWNLOADER": QT_TRANSLATE_NOOP("Roles", "Sees, previews and downloads"),
    "READER": QT_TRANSLATE_NOOP("Roles", "Sees and previews, without downloading"),
}
"""What each role allows, in a few words (tooltips of the role choices)."""


def role_name(role: str | None) -> str:
    """A role in the user's language; no role at all is said as such."""
    if role in ROLE_NAMES:
        return translate("Roles", ROLE_NAMES[role])
    if role == NO_ROLE:
        return translate("Roles", "none (this folder only leads to what is shared with you)")
    return role or ""


def role_description(role: str) -> str:
    """What a role allows, in the user's language."""
    return translate("Roles", ROLE_DESCRIPTIONS[role]) if role in ROLE_DESCRIPTIONS else ""


class Roles(QObject):
    """The operator's role on dentries of one space (``"0"``: its root), asked in the background.

    A role is a name of `ROLES`, `NO_ROLE` for a folder the user may only browse, or None while
    it is not known (not asked yet, or the service could not say): then nothing is refused
    up front and the service has the last word.

    Signals:
        changed(): roles arrived or were forgotten; what depends on them should look again.
    """

    changed = Signal()

    def __init__(self, background: Background, parent: QObject | None = None) -> None:
        """Roles asked on `background`; none known until `set_space`."""
        super().__init__(parent)
        self._background = background
        self._client: StorageClient | None = None
        self._space_id = ""
        self._owner = False
        self._known: dict[str, str] = {}
        self._asked: set[str] = set()  # asked, or asked and not answered (then never again)
        self._generation = 0

    @property
    def space_id(self) -> str:
        """The space whose roles these are."""
        return self._space_id

    def set_space(self, client: StorageClient | None, space: Space | None, union_id: str) -> None:
        """Forget the roles known; `union_id` owns all of `space` when they created it."""
        self._generation += 1
        self._client = client
        self._space_id = space.id if space is not None else ""
        self._owner = space is not None and bool(space.creator_id) and space.creator_id == union_id
        self._known.clear()
        self._asked.clear()
        self.changed.emit()

    def role(self, dentry_id: str) -> str | None:
        """The role on a dentry, if known."""
        if self._owner:
            return "OWNER"
        return self._known.get(dentry_id)

    def allows(self, dentry_id: str, needed: str, above: Iterable[str] = ()) -> bool | None:
        """Whether the role on a dentry is `needed` or higher; None while unknown.

        `above` are the ids of the folders above it (the root ``"0"`` included): a role known on
        one of them that suffices suffices here too, since roles reach down.
        """
        rank = role_rank(needed)
        role = self.role(dentry_id)
        if role is not None and role_rank(role) >= rank:
            return True
        if any(role_rank(self.role(folder)) >= rank for folder in above):
            return True
        return None if role is None else False

    def ask(self, dentry_ids: Iterable[str]) -> None:
        """Ask the service for the roles not known yet (`changed` once they are here)."""
        client = self._client
        if self._owner or client is None:
            return
        wanted = [i for i in dict.fromkeys(dentry_ids) if i not in self._known and i not in self._asked]
        if not wanted:
            return
        self._asked.update(wanted)
        self._background.submit(
            partial(client.batch_query_roles, self._space_id, wanted),
            on_done=partial(self._answered, self._generation),
            on_error=lambda _error: None,  # unknown roles refuse nothing; the service decides
        )

    def _answered(self, generation: int, roles: dict[str, list[str]]) -> None:
        if generation != self._generation:
            return
        for dentry_id, held in roles.items():
            known = [role for role in held if role in ROLES]
            self._known[dentry_id] = max(known, key=role_rank) if known else NO_ROLE
        self.changed.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Forget what a change may have changed: permissions, and the roles of what moved."""
        if changes.space_id != self._space_id or self._owner:
            return
        if changes.permissions_of:
            self._known.clear()
            self._asked.clear()
        else:
            moved = {*changes.moved, *(dentry.id for dentry in changes.updated)}
            if not moved & self._known.keys():
                return
            for dentry_id in moved:
                self._known.pop(dentry_id, None)
                self._asked.discard(dentry_id)
        self.changed.emit()
