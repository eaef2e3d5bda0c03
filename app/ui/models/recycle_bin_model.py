"""A space's recycle bin as a table: name, original location, when and by whom deleted, size.

The model lists the bin itself (GetRecycleBin, then ListRecycleItems page by page) on the
`Background` pool when it is shown, and keeps up with announced changes: items restored or
deleted forever leave their rows in place (`Changes.recycle_items_gone`); items that went in
(a delete) are not known by id, so the bin is listed again when it is next shown (at once if it is
shown now).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.api.models import Dentry, RecycleItem
from app.ui.errors import explain
from app.ui.models.dentry_filter import NameFilterProxy, name_sort_key
from app.ui.models.display_names import display_name
from app.ui.models.file_types import FileTypes, format_size, format_time
from app.ui.operations.changes import Changes
from app.ui.operations.recycle_bin import BinListing, read_bin
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

if TYPE_CHECKING:
    from app.api.client import StorageClient
    from app.ui.background import Background

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1
"""The `RecycleItem` of a row."""
SortRole = Qt.ItemDataRole.UserRole + 2
"""What a column sorts by: name, path, POSIX time, user id, bytes (folders by what they hold)."""


class Column(enum.IntEnum):
    """The columns of the recycle bin."""

    NAME = 0
    ORIGINAL_PATH = 1
    DELETED = 2
    DELETED_BY = 3
    SIZE = 4


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("RecycleBinModel", "Name"),
    Column.ORIGINAL_PATH: QT_TRANSLATE_NOOP("RecycleBinModel", "Original location"),
    Column.DELETED: QT_TRANSLATE_NOOP("RecycleBinModel", "Deleted"),
    Column.DELETED_BY: QT_TRANSLATE_NOOP("RecycleBinModel", "Deleted by"),
    Column.SIZE: QT_TRANSLATE_NOOP("RecycleBinModel", "Size"),
}


def as_dentry(item: RecycleItem) -> Dentry:
    """The deleted file or folder as a dentry, for its kind and icon."""
    return Dentry(item.dentry_id, item.space_id, "", item.type, item.original_name, size=item.size)


class RecycleBinModel(QAbstractTableModel):
    """The items of one space's recycle bin, latest deletions first.

    Signals:
        loadingChanged(bool): listing the bin started (True) or ended (False).
        failed(str): listing failed; the sentence says why (in the user's language).
    """

    loadingChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, background: Background, parent: QObject | None = None) -> None:
        """An empty model; `show` a space's bin to list it."""
        super().__init__(parent)
        self._background = background
        self._client: StorageClient | None = None
        self._space_id = ""
        self.bin_id = ""
        self._items: list[RecycleItem] = []
        self._file_types = FileTypes()
        self._locale = QLocale()
        self._generation = 0
        self._loading = False
        self._stale = True
        self._shown = False
        self.error: str | None = None

    @property
    def space_id(self) -> str:
        """The space whose bin this is (empty when none)."""
        return self._space_id

    @property
    def client(self) -> StorageClient | None:
        """The client the bin is listed with."""
        return self._client

    @property
    def loading(self) -> bool:
        """Whether the bin is being listed."""
        return self._loading

    def items(self) -> list[RecycleItem]:
        """Every item listed, latest deletions first."""
        return list(self._items)

    def show(self, client: StorageClient, space_id: str) -> None:
        """Show a space's bin: listed now if it is another one or its list is out of date."""
        self._shown = True
        if client is not self._client or space_id != self._space_id:
            self.beginResetModel()
            self._client, self._space_id, self.bin_id = client, space_id, ""
            self._items = []
            self.error = None
            self.endResetModel()
            self._stale = True
        if self._stale:
            self.reload()

    def hide(self) -> None:
        """The bin is no longer on screen: changes wait until it is shown again."""
        self._shown = False

    def reload(self) -> None:
        """List the bin again (its rows stay until the new list arrives)."""
        client, space_id = self._client, self._space_id
        if client is None or not space_id:
            return
        self._generation += 1
        generation = self._generation
        self._stale = False
        self._set_loading(True)
        self._background.submit(
            read_bin,
            client,
            space_id,
            on_done=lambda listing: self._listed(generation, listing),
            on_error=lambda error: self._failed(generation, error),
        )

    def _listed(self, generation: int, listing: BinListing) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.bin_id = listing.bin_id
        self._items = list(listing.items)
        self.error = None
        self.endResetModel()
        self._set_loading(False)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.error = explain(error).sentence
        self._stale = True  # asked again when next shown
        self._set_loading(False)
        self.failed.emit(self.error)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loadingChanged.emit(loading)

    def apply_changes(self, changes: Changes) -> None:
        """Drop the rows of items that left this bin; list it again when items went in."""
        if not changes.recycle_bin or not self._space_id or changes.space_id != self._space_id:
            return
        gone = set(changes.recycle_items_gone)
        for row in reversed(range(len(self._items))):
            if self._items[row].id in gone:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        if not gone:
            self._stale = True
            if self._shown:
                self.reload()

    # --- the table ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per item."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """See `Column`."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return translate("RecycleBinModel", HEADERS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, the file type's icon, the item (`ItemRole`) and sort values (`SortRole`)."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = Column(index.column())
        if role == ItemRole:
            return item
        if role == SortRole:
            return self._sort_value(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME:
            return self._file_types.icon(as_dentry(item))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        return None

    def _text(self, item: RecycleItem, column: Column) -> str:
        if column == Column.NAME:
            return display_name(item.original_name)
        if column == Column.ORIGINAL_PATH:
            return display_name(item.original_path or "")
        if column == Column.DELETED:
            return format_time(item.operator_time, self._locale)
        if column == Column.DELETED_BY:
            return display_name(item.operator_id or "")
        return format_size(item.size, self._locale)

    def _sort_value(self, item: RecycleItem, column: Column) -> Any:
        if column == Column.NAME:
            return item.original_name
        if column == Column.ORIGINAL_PATH:
            return item.original_path or ""
        if column == Column.DELETED:
            return 0.0 if item.operator_time is None else item.operator_time.timestamp()
        if column == Column.DELETED_BY:
            return item.operator_id or ""
        return -1 if item.size is None else item.size

    def _tooltip(self, item: RecycleItem) -> str:
        """Name and kind, where it was, when and by whom it was deleted."""
        lines = [display_name(item.original_name), self._file_types.kind(as_dentry(item))]
        if item.original_path:
            lines.append(arg(self.tr("Was at %1"), display_name(item.original_path)))
        if item.operator_time is not None:
            when = format_time(item.operator_time, self._locale)
            if item.operator_id:
                lines.append(arg(self.tr("Deleted %1 by %2"), when, display_name(item.operator_id)))
            else:
                lines.append(arg(self.tr("Deleted %1"), when))
        return "\n".join(lines)


class RecycleBinOrder(NameFilterProxy):
    """The bin's rows sorted by the column chosen; names, paths and users in the language's order.

    As the file views sort names (`name_collator`: pinyin for Chinese, numbers by value, any case);
    times and sizes by value. The window's filter shows only the items whose name matches it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """A proxy sorting by `SortRole`; set a `RecycleBinModel` on it with ``setSourceModel``."""
        super().__init__(parent)
        self._key = name_sort_key()
        self.setSortRole(SortRole)

    def row_name(self, index: Index) -> str | None:
        """The deleted item's name."""
        item: RecycleItem | None = index.data(ItemRole)
        return None if item is None else item.original_name

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        """Texts by the collation's keys, anything else as Qt compares it."""
        left, right = source_left.data(SortRole), source_right.data(SortRole)
        if isinstance(left, str) and isinstance(right, str):
            return bool(self._key(left) < self._key(right))
        return super().lessThan(source_left, source_right)
