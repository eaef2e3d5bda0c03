"""Files and folders of the service as a drag carries them, or as Cut and Copy hold them.

A drag inside the window carries an `ItemsMime`: the items themselves, the space and account they
belong to, and the chain of folders they were listed in (a role there reaches them, and a folder
may not go into itself). Only a drag that started in this process is read back (another process's
drag of the same type carries no items the window knows).

Dragged out of the window, the same data offers ``text/uri-list`` when it is given a way to get
the files: a file manager or the desktop asks for it when the items are dropped there (see
`ItemsMime.retrieveData`), and only then are the items downloaded, to a folder of the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QMetaType, QMimeData, QUrl

from app.api.models import Dentry

URI_LIST = "text/uri-list"
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

    def __init__(self, held: HeldItems, files: Callable[[], list[Path]] | None = None) -> None:
        """Data naming `held` (the items themselves are kept on the object).

        `files`, when given, fetches the items as local files (blocking until they are there);
        then the data offers them as ``text/uri-list`` to whoever asks, once.
        """
        super().__init__()
        self.held = held
        self._files = files
        self._urls: list[QUrl] | None = None
        ids = [item.id for item in held.items]
        self.setData(
            ITEMS_MIME,
            json.dumps({"account": held.account, "space": held.space_id, "ids": ids}).encode(),
        )

    def formats(self) -> list[str]:
        """The items' own type, and the files' addresses where they can be fetched."""
        formats = super().formats()
        return [*formats, URI_LIST] if self._files is not None else formats

    def hasFormat(self, mimetype: str) -> bool:
        """Whether the data offers `mimetype` (without fetching anything)."""
        return mimetype in self.formats()

    def retrieveData(self, mimetype: str, preferred_type: QMetaType | QMetaType.Type, /) -> Any:
        """The files' addresses, fetched when a drop target first asks for them."""
        if mimetype != URI_LIST or self._files is None:
            return super().retrieveData(mimetype, preferred_type)
        if self._urls is None:
            self._urls = [QUrl.fromLocalFile(str(path)) for path in self._files()]
        wanted = preferred_type.id() if isinstance(preferred_type, QMetaType) else preferred_type.value
        if wanted in (QMetaType.Type.QVariantList.value, QMetaType.Type.QUrl.value):
            return list(self._urls)  # QMimeData.urls() (PySide hands bytes back unconverted)
        return QByteArray(b"".join(bytes(url.toEncoded().data()) + b"\r\n" for url in self._urls))


def held_items(mime: QMimeData | None) -> HeldItems | None:
    """What a drag of this process carries (None for anything else)."""
    return mime.held if isinstance(mime, ItemsMime) else None
