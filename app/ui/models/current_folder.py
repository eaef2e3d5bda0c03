"""The children of one folder of the dentry model, as a flat list (the file views' model).

Item views relayout everything whenever rows are inserted under their root index unless that
root is the model's own (invalid) root, which made paging through a big folder quadratic
(100,000 entries took minutes). This proxy makes the current folder's children top-level rows,
so each page costs what it inserts; it also makes rows childless, so views never ask whether
folders can expand.
"""

from __future__ import annotations

from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.api.models import Dentry
from app.ui.models.dentry_model import DentryModel, dentry_at

Index = QModelIndex | QPersistentModelIndex


class CurrentFolderModel(QAbstractProxyModel):
    """Rows of one folder of a `DentryModel` at the top level; everything else is hidden."""

    def __init__(self, source: DentryModel, parent: QObject | None = None) -> None:
        """Show the space root of `source` until `set_folder` says otherwise."""
        super().__init__(parent)
        self._folder = QPersistentModelIndex()
        self._at_root = True
        self._source = source
        # A plain index of the folder for the hot paths; the dentry model finds children by the
        # parent's node, so this stays right when rows move around the folder.
        self._folder_index = QModelIndex()
        self.setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.rowsAboutToBeInserted.connect(self._about_to_insert)
        source.rowsInserted.connect(self._inserted)
        source.rowsAboutToBeRemoved.connect(self._about_to_remove)
        source.rowsRemoved.connect(self._removed)
        source.rowsAboutToBeMoved.connect(self._about_to_move)
        source.rowsMoved.connect(self._moved)
        source.dataChanged.connect(self._data_changed)
        self._pending: list[str] = []  # what the "about to" half of a change began

    def folder(self) -> QModelIndex:
        """The source index of the folder shown (invalid: the space root)."""
        if self._at_root or not self._folder.isValid():
            return QModelIndex()
        return self._folder.sibling(self._folder.row(), 0)  # a plain index of the same item

    def set_folder(self, folder: QModelIndex) -> None:
        """Show the children of another folder of the source model."""
        self.beginResetModel()
        self._at_root = not folder.isValid()
        self._folder = (
            QPersistentModelIndex(folder.siblingAtColumn(0)) if folder.isValid() else QPersistentModelIndex()
        )
        self._folder_index = self.folder()
        self.endResetModel()

    def _is_folder(self, source_parent: Index) -> bool:
        if self._at_root:
            return not source_parent.isValid()
        return self._folder.isValid() and source_parent == self._folder

    def _source_reset(self) -> None:
        self._at_root, self._folder, self._folder_index = True, QPersistentModelIndex(), QModelIndex()
        self.endResetModel()

    # --- structure ---------------------------------------------------------------------------

    # rowCount, columnCount, index and data run thousands of times per page that arrives (the
    # sort proxy maps every row): they read the plain folder index, not the persistent one.

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The folder's rows (children of rows: none)."""
        if parent.isValid() or (not self._at_root and not self._folder.isValid()):
            return 0
        return self._source.rowCount(self._folder_index)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The source's columns."""
        return 0 if parent.isValid() else self._source.columnCount(self._folder_index)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """A top-level index (there are no others)."""
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: Index) -> QModelIndex: ...

    def parent(self, child: Index | None = None) -> QObject | QModelIndex | None:
        """Every row is top-level (``parent()`` without an index is QObject's parent)."""
        if child is None:
            return super().parent()
        return QModelIndex()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Only the (invisible) root has children: rows are never expandable here."""
        return not parent.isValid() and self.rowCount() > 0

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        """The dentry model's index of a row."""
        if not proxy_index.isValid():
            return self.folder()
        return self._source.index(proxy_index.row(), proxy_index.column(), self._folder_index)

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        """A row of the folder shown, or invalid for anything else."""
        if not source_index.isValid() or not self._is_folder(source_index.parent()):
            return QModelIndex()
        return self.createIndex(source_index.row(), source_index.column())

    def canFetchMore(self, parent: Index) -> bool:
        """Whether the folder has pages left (views ask this as they scroll)."""
        return not parent.isValid() and self.sourceModel().canFetchMore(self.folder())

    def fetchMore(self, parent: Index) -> None:
        """Start listing the folder's next page."""
        if not parent.isValid():
            self.sourceModel().fetchMore(self.folder())

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The source's flags for a row; the root takes drops (files dropped on the view)."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return self.sourceModel().flags(self.mapToSource(index))

    def data(self, index: Index, role: int = 0) -> Any:
        """The source's data for a row (read for every painted cell: kept short)."""
        if not index.isValid():
            return None
        return self._source.index(index.row(), index.column(), self._folder_index).data(role)

    def dentry(self, row: int) -> Dentry | None:
        """The dentry of a row, without a round trip through ``data()`` (for sorting)."""
        source = self._source.index(row, 0, self._folder_index)
        return dentry_at(source) if source.isValid() else None

    def sourceModel(self) -> QAbstractItemModel:
        return super().sourceModel()

    # --- source changes ----------------------------------------------------------------------

    def _about_to_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._is_folder(parent):
            self.beginInsertRows(QModelIndex(), first, last)
            self._pending.append("insert")

    def _inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if self._is_folder(parent) and self._pending and self._pending[-1] == "insert":
            self._pending.pop()
            self.endInsertRows()

    def _about_to_remove(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._is_folder(parent):
            self.beginRemoveRows(QModelIndex(), first, last)
            self._pending.append("remove")
        elif not self._at_root and self._inside(parent, first, last):
            # The folder shown (or one of its parents) is going away: show nothing.
            self.beginResetModel()
            self._pending.append("reset")

    def _removed(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not self._pending:
            return
        action = self._pending[-1]
        if action == "remove" and self._is_folder(parent):
            self._pending.pop()
            self.endRemoveRows()
        elif action == "reset":
            self._pending.pop()
            self._folder, self._folder_index = QPersistentModelIndex(), QModelIndex()
            self.endResetModel()

    def _inside(self, parent: QModelIndex, first: int, last: int) -> bool:
        index = self.folder()
        while index.isValid():
            if index.parent() == parent and first <= index.row() <= last:
                return True
            index = index.parent()
        return False

    def _about_to_move(
        self, source: QModelIndex, first: int, last: int, target: QModelIndex, row: int
    ) -> None:
        inside, into = self._is_folder(source), self._is_folder(target)
        if inside and into:
            self.beginMoveRows(QModelIndex(), first, last, QModelIndex(), row)
            self._pending.append("move")
        elif inside:
            self.beginRemoveRows(QModelIndex(), first, last)
            self._pending.append("move-out")
        elif into:
            self.beginInsertRows(QModelIndex(), row, row + last - first)
            self._pending.append("move-in")

    def _moved(self, *_args: object) -> None:
        if not self._pending or not self._pending[-1].startswith("move"):
            return
        action = self._pending.pop()
        if action == "move":
            self.endMoveRows()
        elif action == "move-out":
            self.endRemoveRows()
        else:
            self.endInsertRows()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int]) -> None:
        if self._is_folder(top_left.parent()):
            self.dataChanged.emit(
                self.createIndex(top_left.row(), top_left.column()),
                self.createIndex(bottom_right.row(), bottom_right.column()),
                roles,
            )
