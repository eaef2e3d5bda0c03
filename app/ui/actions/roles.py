"""What the user's role lets them do: actions disabled, with a tooltip saying why, and drops refused.

A role is needed on the folder shown (upload, new folder, paste) or on each chosen item (cut,
copy, rename, delete, download, open). `RoleGate` turns the roles `Roles` knows into a sentence
that says what is refused and why, and keeps the window's actions enabled or disabled by it;
drops and pastes ask it before they start. While a role is not known yet nothing is refused:
the answer comes within a call, and the service refuses what is not allowed anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app.api.models import ROLES, Dentry, role_rank
from app.ui.actions.context import Selection
from app.ui.models.display_names import display_name
from app.ui.models.roles import NO_ROLE, Roles, role_name
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

FOLDER_NEEDS = {
    "upload": (
        "EDITOR",
        QT_TRANSLATE_NOOP("RoleGate", "Uploading here needs the Editor role or higher; your role: %1"),
    ),
    "new_folder": (
        "EDITOR",
        QT_TRANSLATE_NOOP("RoleGate", "Making a folder here needs the Editor role or higher; your role: %1"),
    ),
    "paste": (
        "EDITOR",
        QT_TRANSLATE_NOOP(
            "RoleGate", "Moving or copying into this folder needs the Editor role or higher; your role: %1"
        ),
    ),
}
"""Actions on the folder shown (or a folder dropped onto): the role they need, and why not (%1: the role)."""
ITEM_NEEDS = {
    "cut": (
        "EDITOR",
        QT_TRANSLATE_NOOP("RoleGate", "Moving needs the Editor role or higher; your role on “%1”: %2"),
    ),
    "rename": (
        "EDITOR",
        QT_TRANSLATE_NOOP("RoleGate", "Renaming needs the Editor role or higher; your role on “%1”: %2"),
    ),
    "delete": (
        "EDITOR",
        QT_TRANSLATE_NOOP("RoleGate", "Deleting needs the Editor role or higher; your role on “%1”: %2"),
    ),
    "share": (
        "MANAGER",
        QT_TRANSLATE_NOOP("RoleGate", "Sharing needs the Manager role or higher; your role on “%1”: %2"),
    ),
    "copy": (
        "DOWNLOADER",
        QT_TRANSLATE_NOOP("RoleGate", "Copying needs the Downloader role or higher; your role on “%1”: %2"),
    ),
    "download": (
        "DOWNLOADER",
        QT_TRANSLATE_NOOP(
            "RoleGate", "Downloading needs the Downloader role or higher; your role on “%1”: %2"
        ),
    ),
    "open": (
        "DOWNLOADER",
        QT_TRANSLATE_NOOP(
            "RoleGate", "Opening a file needs the Downloader role or higher; your role on “%1”: %2"
        ),
    ),
}
"""Actions on chosen items: the role they need on each, and why not (%1: the item, %2: the role)."""


@dataclass
class _Governed:
    action: QAction
    refusal: Callable[[], str | None]
    available: Callable[[], bool]
    tooltip: str


class RoleGate(QObject):
    """Says what the user's role refuses, and keeps actions disabled (with the reason) accordingly."""

    def __init__(
        self,
        roles: Roles,
        folder_chain: Callable[[], list[str]],
        selection: Selection,
        parent: QObject | None = None,
    ) -> None:
        """Roles from `roles`; `folder_chain` gives the ids from the root (``"0"``) to the folder shown."""
        super().__init__(parent)
        self.roles = roles
        self._folder_chain = folder_chain
        self._selection = selection
        self._governed: list[_Governed] = []
        roles.changed.connect(self.refresh)

    def folder_refusal(self, action: str, chain: list[str] | None = None) -> str | None:
        """Why `action` may not be done in a folder (the last id of `chain`; default: the one shown)."""
        chain = chain or self._folder_chain()
        needed, why = FOLDER_NEEDS[action]
        allowed = self.roles.allows(chain[-1], needed, chain[:-1])
        if allowed is None:
            self.roles.ask([chain[-1]])
        if allowed is False:
            return arg(translate("RoleGate", why), role_name(self.roles.role(chain[-1])))
        return None

    def items_refusal(self, action: str, items: list[Dentry], above: list[str] | None = None) -> str | None:
        """Why `action` may not be done to one of `items` (in the folder at the end of `above`)."""
        above = above or self._folder_chain()
        needed, why = ITEM_NEEDS[action]
        unknown = []
        for item in items:
            allowed = self.roles.allows(item.id, needed, above)
            if allowed is False:
                shown = display_name(item.name)
                return arg(translate("RoleGate", why), shown, role_name(self.roles.role(item.id)))
            if allowed is None:
                unknown.append(item.id)
        self.roles.ask(unknown)
        return None

    def least_role(self, items: list[Dentry]) -> str | None:
        """The highest role the user holds on every one of `items` (in the folder shown).

        `NO_ROLE` when they hold none on one of them; None while that is not known yet (asked).
        """
        above = self._folder_chain()
        least: str | None = ROLES[-1]
        unknown = [item.id for item in items if self.roles.role(item.id) is None]
        if unknown:
            self.roles.ask(unknown)
            return None
        for item in items:
            held = [role for role in ROLES if self.roles.allows(item.id, role, above)]
            best = held[-1] if held else NO_ROLE
            least = min(least, best, key=role_rank)
        return least

    def chosen(self) -> list[Dentry]:
        """The selected items, or the current one."""
        current = self._selection.current()
        return self._selection.selected() or ([current] if current is not None else [])

    def govern_items(self, action: QAction, name: str, files_only: bool = False) -> None:
        """Keep `action` (on the chosen items) disabled while the role on one of them refuses it."""

        def refusal() -> str | None:
            chosen = [d for d in self.chosen() if not (files_only and d.is_folder)]
            return self.items_refusal(name, chosen) if chosen else None

        self._govern(action, refusal, lambda: bool(self.chosen()))

    def govern_folder(self, action: QAction, name: str, available: Callable[[], bool]) -> None:
        """Keep `action` (on the folder shown) disabled while unavailable or refused by the role there."""
        self._govern(action, lambda: self.folder_refusal(name), available)

    def _govern(
        self, action: QAction, refusal: Callable[[], str | None], available: Callable[[], bool]
    ) -> None:
        self._governed.append(_Governed(action, refusal, available, action.toolTip()))
        self.refresh()

    def refresh(self) -> None:
        """Enable what is available and allowed; a refused action's tooltip says why."""
        for governed in self._governed:
            available = governed.available()
            why = governed.refusal() if available else None
            governed.action.setEnabled(available and why is None)
            governed.action.setToolTip(why or governed.tooltip)
