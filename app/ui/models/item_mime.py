"""Files and folders of the service as a drag carries them, or as Cut and Copy hold them.

A drag inside the window carries an `ItemsMime`: the items themselves, the space and account they
belong to, and the chain of folders they were listed in (a role there reaches them, and a folder
may not go into itself). Only a drag that started in this process is read back (another process's
drag of the same type carries no items the window knows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from app.api.models import Dentry

ITEMS_MIME = "application/x-dentry-items"
"""The type of a drag of Dentry's items (its data: the account, the space and the ids, as JSON)."""


@dataclass(frozen=True)
class HeldItems:
    """Items of one space, taken from one folder of it.

    Attributes:
        account: the `Account.key` of the account they belong to.
        space_id: their space.
        items: the files and folders.
        chain: the ids of the folders from the space root (``"0"``) to the one they were in.
    """

    account: str
    space_id: str
    items: tuple[Dentry, ...]
    chain: tuple[str, ...]

    @property
    def ids(self) -> set[str]:
        """The ids of the items."""
        return {item.id for item in self.items}


class ItemsMime(QMimeData):
    """The mime data of a drag of items; `held` is what it carries."""

    def __init__(self, held: HeldItems) -> None:
        """Data naming `held` (the items themselves are kept on the object)."""
        super().__init__()
        self.held = held
        ids = [item.id for item in held.items]
        self.setData(
            ITEMS_MIME,
            json.dumps({"account": held.account, "space": held.space_id, "ids": ids}).encode(),
        )


def held_items(mime: QMimeData | None) -> HeldItems | None:
    """What a drag of this process carries (None for anything else)."""
    return mime.held if isinstance(mime, ItemsMime) else None
