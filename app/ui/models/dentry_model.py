"""The tree of one storage space as a Qt item model, filled page by page as views ask for rows.

`DentryModel` follows Qt's Fetch More pattern for a network source: ``fetchMore`` only *starts*
one ListDentries page (at most 50 entries, NAME ascending) on the `Background` pool and marks the
folder as loading; the page is inserted on the UI thread when it arrives. Failures stay on the
folder (`ErrorRole`, `folderError`) and a later ``fetchMore`` tries again.

A listing that would never end (a ``nextToken`` that keeps coming back, a folder that lists itself
or a folder above it) stops with an error on the folder, through the client's one guard
(`app.api.paging`).

Rows are small ``__slots__`` nodes holding the `Dentry` the client parsed; the model never asks the
service anything else. Changes the app makes itself (a new folder, an upload, a rename, a move, a
delete) are announced as `Changes` and applied in place by `apply_changes` (through
`insert_dentry`, `update_dentry` and `remove_dentry`), never by listing the folder again.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import time
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QImage

from app.api.errors import ApiError
from app.api.models import Dentry, DentryPage
from app.api.paging import PageGuard, check_child_folder
from app.ui.errors import explain
from app.ui.models.dentry_cells import COLUMNS, Column, DentryCells
from app.ui.models.file_types import FileTypes
from app.ui.operations.changes import Changes
from app.ui.texts import arg

if TYPE_CHECKING:
    from app.api.client import StorageClient
    from app.ui.background import Background
    from app.ui.models.thumbnail_loader import ThumbnailLoader

log = logging.getLogger(__name__)

ROOT_ID = "0"
"""The parent id of the entries at the top of a space."""
PAGE_SIZE = 50
"""Entries asked for per ListDentries call (the service's maximum)."""
INSERT_BATCH = 200
"""The most rows announced by one beginInsertRows/endInsertRows pair."""
ERROR_COOLDOWN = 5.0
"""Seconds after a failed listing during which views are not invited (canFetchMore) to retry it."""
THUMBNAIL_REPAINT_MS = 50
"""Thumbnails that arrive within this time are announced with one dataChanged per folder."""

DentryRole = Qt.ItemDataRole.UserRole + 1
"""The `Dentry` of a row (any column)."""
SortRole = Qt.ItemDataRole.UserRole + 2
"""A value to sort a column by: name, size in bytes (folders -1), kind, POSIX time, modifier."""
LoadingRole = Qt.ItemDataRole.UserRole + 3
"""True while a page of this folder is being listed."""
ErrorRole = Qt.ItemDataRole.UserRole + 4
"""The sentence of the last failed listing of this folder, or None."""

Index = QModelIndex | QPersistentModelIndex

# Plain ints: data() runs for every role of every painted cell, and enum comparisons are slow.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset(
    {_DISPLAY, _DECORATION, _TOOLTIP, _ACCESSIBLE, _ALIGNMENT, DentryRole, SortRole, LoadingRole, ErrorRole}
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FOLDER_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FILE_FLAGS = _FOLDER_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_NAME, _SIZE = int(Column.NAME), int(Column.SIZE)


class _Node:
    """One row: its dentry, where it sits, and for folders the listing state.

    ``children`` is None until the first page of a folder arrives (files keep None).
    ``ticket`` is set while a page is being fetched; a result is accepted only with its ticket.
    ``error`` is ``(sentence, monotonic time)`` after a failed listing.
    """

    __slots__ = ("children", "dentry", "error", "next_token", "parent", "row", "ticket")

    def __init__(self, dentry: Dentry | None, parent: _Node | None, row: int) -> None:
        self.dentry = dentry
        self.parent = parent
        self.row = row
        self.children: list[_Node] | None = None
        self.next_token: str | None = None
        self.ticket: object | None = None
        self.error: tuple[str, float] | None = None

    @property
    def is_folder(self) -> bool:
        return self.dentry is None or self.dentry.is_folder

    @property
    def error_text(self) -> str | None:
        return None if self.error is None else self.error[0]


def order_key(name: str) -> str:
    """The key the service orders a listing by (``orderBy=NAME``): the case-folded name."""
    return name.casefold()


def dentry_at(index: Index) -> Dentry | None:
    """The dentry of an index of a `DentryModel`, without a round trip through ``data()``.

    For hot paths (sorting); the index must be valid and belong to a `DentryModel`.
    """
    node: _Node = index.internalPointer()
    return node.dentry


class DentryModel(QAbstractItemModel):
    """The folders and files of one space as a tree, listed lazily with the Fetch More pattern.

    The invisible root is the space root (parent id ``"0"``). Folders report children before they
    are listed; ``canFetchMore`` stays true while a folder was never listed or has a next page, and
    ``fetchMore`` starts one page at a time, never two for the same folder.

    Roles: ``DisplayRole`` per `Column` (human sizes, localized short dates), ``DecorationRole`` on
    the name (a thumbnail when the loader has one, else the file type's or folder icon),
    ``ToolTipRole``, ``AccessibleTextRole``, ``TextAlignmentRole`` (size right-aligned), and the
    custom `DentryRole`, `SortRole`, `LoadingRole`, `ErrorRole`.

    Signals:
        loadingChanged(QModelIndex, bool): a folder started (True) or ended (False) listing a page;
            the invalid index is the space root.
        folderError(QModelIndex, str): listing a folder failed; the sentence says why.
        pageLoaded(QModelIndex, int): a page of a folder arrived and this many new rows were added.
    """

    DentryRole = DentryRole
    SortRole = SortRole
    LoadingRole = LoadingRole
    ErrorRole = ErrorRole

    loadingChanged = Signal(QModelIndex, bool)
    folderError = Signal(QModelIndex, str)
    pageLoaded = Signal(QModelIndex, int)

    def __init__(self, background: Background, parent: QObject | None = None) -> None:
        """An empty model; call `set_space` to show a space.

        Args:
            background: runs the ListDentries calls.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._background = background
        self._client: StorageClient | None = None
        self._space_id = ""
        self._generation = 0
        self._root = _Node(None, None, 0)
        self._nodes: dict[str, _Node] = {}
        # Changes the app made while the first (or next) page of their folder was on its way:
        # the page may or may not include them, so they are applied again when it arrives.
        self._deferred: dict[str, dict[str, Dentry]] = {}
        self._removed: set[str] = set()
        self._tickets: set[object] = set()
        # The page tokens of each folder being paged, so that one that keeps coming back ends it.
        self._guards: dict[_Node, PageGuard] = {}
        self._loader: ThumbnailLoader | None = None
        self.file_types = FileTypes()
        self.cells = DentryCells(self.file_types, QLocale())
        self._new_thumbnails: set[str] = set()
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setSingleShot(True)
        self._thumbnail_timer.setInterval(THUMBNAIL_REPAINT_MS)
        self._thumbnail_timer.timeout.connect(self._repaint_thumbnails)

    # --- the space --------------------------------------------------------------------------

    @property
    def client(self) -> StorageClient | None:
        """The client of the space shown, if any."""
        return self._client

    @property
    def space_id(self) -> str:
        """The id of the space shown (empty when none)."""
        return self._space_id

    def set_space(self, client: StorageClient | None, space_id: str) -> None:
        """Show another space (or none): the model is reset and results still on their way dropped.

        Nothing is listed until a view (or the caller) calls ``fetchMore(QModelIndex())``.
        """
        root_was_loading = self._root.ticket is not None
        self.beginResetModel()
        self._generation += 1
        self._client = client
        self._space_id = space_id if client is not None else ""
        self._root = _Node(None, None, 0)
        self._nodes = {}
        self._deferred = {}
        self._removed = set()
        self._tickets = set()
        self._guards = {}
        self.endResetModel()
        if root_was_loading:
            self.loadingChanged.emit(QModelIndex(), False)
        if self._loader is not None:
            self._loader.set_client(client)

    def set_thumbnail_loader(self, loader: ThumbnailLoader | None) -> None:
        """Show thumbnails from `loader` in ``DecorationRole`` (it gets this model's client).

        The view decides what to ask the loader for (what is on screen); this model only
        repaints a row when its thumbnail arrives.
        """
        if self._loader is not None:
            self._loader.thumbnailReady.disconnect(self._on_thumbnail_ready)
        self._loader = loader
        if loader is not None:
            loader.thumbnailReady.connect(self._on_thumbnail_ready)
            loader.set_client(self._client)

    # --- structure --------------------------------------------------------------------------

    def _node(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        node: _Node = index.internalPointer()
        return node

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def _attached(self, node: _Node) -> bool:
        if node.dentry is None:
            return node is self._root
        return self._nodes.get(node.dentry.id) is node

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Five columns (see `Column`) everywhere."""
        return 0 if parent.isValid() and parent.column() != 0 else COLUMNS

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The rows listed so far."""
        if parent.isValid() and parent.column() != 0:
            return 0
        children = self._node(parent).children
        return 0 if children is None else len(children)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a listed row."""
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = parent.internalPointer().children
        else:
            children = self._root.children
        if children is None or not 0 <= row < len(children) or not 0 <= column < COLUMNS:
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: Index) -> QModelIndex: ...

    def parent(self, child: Index | None = None) -> QObject | QModelIndex | None:
        """The folder of a row (or, without an argument, the QObject parent)."""
        if child is None:
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        folder = self._node(child).parent
        if folder is None or folder.parent is None:
            return QModelIndex()
        return self.createIndex(folder.row, 0, folder)

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        """Another cell of the same row cheaply; other rows through the parent."""
        if index.isValid() and row == index.row() and 0 <= column < COLUMNS:
            return self.createIndex(row, column, index.internalPointer())
        return super().sibling(row, column, index)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """True for folders that have rows, may have rows not listed yet, or were never listed."""
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        if not node.is_folder or (node.parent is None and self._client is None):
            return False
        return node.children is None or bool(node.children) or node.next_token is not None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Enabled and selectable; files never have children."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FOLDER_FLAGS if index.internalPointer().is_folder else _FILE_FLAGS

    # --- fetch more -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        """Whether a view should call ``fetchMore``: a folder never listed, or with a next page.

        False while a page is on its way, and for a few seconds after a failure (so views do
        not retry in a loop; an explicit ``fetchMore`` retries at once).
        """
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        if self._client is None or not node.is_folder or node.ticket is not None:
            return False
        if node.error is not None and time.monotonic() - node.error[1] < ERROR_COOLDOWN:
            return False
        return node.children is None or node.next_token is not None

    def fetchMore(self, parent: Index) -> None:
        """Start listing the next page of a folder, unless one is on its way or it is complete."""
        if parent.isValid() and parent.column() != 0:
            parent = parent.sibling(parent.row(), 0)
        node = self._node(parent)
        client = self._client
        if client is None or not node.is_folder or node.ticket is not None:
            return
        if node.children is not None and node.next_token is None:
            return
        ticket = object()
        node.ticket = ticket
        self._tickets.add(ticket)
        node.error = None
        call = partial(
            client.list_dentries,
            self._space_id,
            self._folder_id(node),
            next_token=node.next_token,
            max_results=PAGE_SIZE,
            order_by="NAME",
            order="ASC",
        )
        generation = self._generation
        self._background.submit(
            call,
            on_done=partial(self._on_page, generation, node, ticket),
            on_error=partial(self._on_list_error, generation, node, ticket),
        )
        self._loading_changed(node, True)

    def reload(self, index: Index = QModelIndex()) -> None:  # noqa: B008
        """Forget what was listed of a folder and list it again from its first page."""
        node = self._node(index)
        if not node.is_folder or self._client is None:
            return
        if node.children:
            self.beginRemoveRows(self._index_of(node), 0, len(node.children) - 1)
            for child in node.children:
                self._forget(child)
            node.children = []
            self.endRemoveRows()
        node.children = None
        node.next_token = None
        node.error = None
        self._guards.pop(node, None)
        self._drop_ticket(node)
        self.fetchMore(self._index_of(node))

    def is_loading(self, index: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether a page of this folder (invalid index: the root) is on its way."""
        return self._node(index).ticket is not None

    def error_text(self, index: Index = QModelIndex()) -> str | None:  # noqa: B008
        """The sentence of the last failed listing of this folder (invalid index: the root)."""
        error = self._node(index).error
        return None if error is None else error[0]

    def is_complete(self, index: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether every page of this folder (invalid index: the root) has been listed."""
        node = self._node(index)
        return node.children is not None and node.next_token is None

    def _accepts(self, generation: int, node: _Node, ticket: object) -> bool:
        if generation == self._generation and node.ticket is ticket and self._attached(node):
            return True
        self._tickets.discard(ticket)
        return False

    def _drop_ticket(self, node: _Node) -> None:
        if node.ticket is not None:
            self._tickets.discard(node.ticket)
            node.ticket = None
            if not self._tickets:
                self._removed.clear()  # no page on its way can list removed entries any more

    def _on_page(self, generation: int, node: _Node, ticket: object, page: DentryPage) -> None:
        if not self._accepts(generation, node, ticket):
            return
        if node.children is None:
            node.children = []
        ancestors = self._ancestor_ids(node)
        loop: ApiError | None = None
        try:
            for dentry in page.dentries:
                if dentry.is_folder:
                    check_child_folder(dentry.id, ancestors, dentry.name)
            guard = self._guards.setdefault(node, PageGuard(f"the folder {self._folder_id(node)}"))
            next_token = guard.follow(page.next_token)
        except ApiError as error:
            loop, next_token = error, None  # no page is asked for again until a refresh
        fresh = [
            d
            for d in page.dentries
            if d.id not in self._nodes and d.id not in self._removed and d.id not in ancestors
        ]
        # The ticket stays until the rows are in, so nobody starts the next page meanwhile.
        self._append(node, fresh)
        node.next_token = next_token
        if next_token is None:
            self._guards.pop(node, None)
        if loop is not None:
            self._on_list_error(generation, node, ticket, loop)
            return
        self._drop_ticket(node)
        for dentry in self._deferred.pop(self._folder_id(node), {}).values():
            self.insert_dentry(dentry)
        self._loading_changed(node, False)
        self.pageLoaded.emit(self._index_of(node), len(fresh))

    def _ancestor_ids(self, node: _Node) -> set[str]:
        """The ids of a folder and of every folder above it (the root's ``"0"`` too)."""
        ancestors: set[str] = set()
        current: _Node | None = node
        while current is not None:
            ancestors.add(self._folder_id(current))
            current = current.parent
        return ancestors

    def _on_list_error(self, generation: int, node: _Node, ticket: object, error: BaseException) -> None:
        if not self._accepts(generation, node, ticket):
            return
        if isinstance(error, ApiError):
            log.info("listing folder failed: %s (%s)", error.sentence, error.code)
            text = explain(error).sentence
        else:
            log.error("listing folder failed", exc_info=error)
            text = arg(self.tr("Could not list this folder: %1"), explain(error).sentence)
        self._drop_ticket(node)
        node.error = (text, time.monotonic())
        self._deferred.pop(self._folder_id(node), None)  # the next listing brings them
        self._loading_changed(node, False)
        self.folderError.emit(self._index_of(node), text)

    def _loading_changed(self, node: _Node, loading: bool) -> None:
        index = self._index_of(node)
        if index.isValid():
            roles = [LoadingRole, ErrorRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]
            self.dataChanged.emit(index, index, roles)
        self.loadingChanged.emit(index, loading)

    def _append(self, folder: _Node, dentries: Sequence[Dentry]) -> None:
        children = folder.children
        assert children is not None
        parent_index = self._index_of(folder)
        for start in range(0, len(dentries), INSERT_BATCH):
            batch = dentries[start : start + INSERT_BATCH]
            first = len(children)
            self.beginInsertRows(parent_index, first, first + len(batch) - 1)
            for offset, dentry in enumerate(batch):
                child = _Node(dentry, folder, first + offset)
                children.append(child)
                self._nodes[dentry.id] = child
            self.endInsertRows()

    def _forget(self, node: _Node) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            self._drop_ticket(current)
            self._guards.pop(current, None)
            if current.dentry is not None and self._nodes.get(current.dentry.id) is current:
                del self._nodes[current.dentry.id]
            if current.children:
                stack.extend(current.children)

    # --- changes made by the app ------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Show what an operation changed in the space shown: rows added, updated, moved, removed.

        Each change lands where the listing would put it (see `insert_dentry` and
        `update_dentry`); folders are never listed again for it. A move known only by id moves
        a listed row; one whose row is not listed needs its dentry in ``updated`` to appear.
        """
        if not self._space_id or changes.space_id != self._space_id:
            return
        for dentry_id in changes.removed:
            self.remove_dentry(dentry_id)
        for dentry_id, parent_id in changes.moved.items():
            moving = self.dentry(dentry_id)
            if moving is not None:
                self.update_dentry(dataclasses.replace(moving, parent_id=parent_id))
        for dentry in changes.added:
            self.insert_dentry(dentry)
        for dentry in changes.updated:
            self.update_dentry(dentry)

    def dentry_index(self, dentry_id: str, column: int = 0) -> QModelIndex:
        """The index of a listed dentry (invalid when it is not in the model)."""
        node = self._nodes.get(dentry_id)
        return QModelIndex() if node is None else self.createIndex(node.row, column, node)

    def dentry(self, dentry_id: str) -> Dentry | None:
        """A listed dentry by id."""
        node = self._nodes.get(dentry_id)
        return None if node is None else node.dentry

    @staticmethod
    def _folder_id(node: _Node) -> str:
        return ROOT_ID if node.dentry is None else node.dentry.id

    def _folder_node(self, folder_id: str) -> _Node | None:
        if folder_id == ROOT_ID:
            return self._root
        node = self._nodes.get(folder_id)
        return node if node is not None and node.is_folder else None

    def _position(self, folder: _Node, name: str, moving: _Node | None = None) -> int | None:
        """Where a row named `name` goes among the listed rows (None: a later page brings it)."""
        children = folder.children
        if children is None:
            return None
        others = children if moving is None else [child for child in children if child is not moving]
        key = order_key(name)
        position = bisect.bisect_right(others, key, key=lambda child: order_key(child.dentry.name))  # type: ignore[union-attr]
        if folder.next_token is not None and position == len(others):
            return None
        return position

    def insert_dentry(self, dentry: Dentry) -> QModelIndex:
        """Show a dentry the app just created in its folder, at its sorted place.

        Nothing happens when its folder was never listed (the listing will bring it) or when it
        sorts after the rows listed so far of a folder with more pages (a later page brings it).
        While a page of its folder is on its way, it is shown once that page is in. An id already
        in the model is updated instead.

        Returns:
            Its index, or an invalid index when it is not shown.
        """
        if dentry.space_id and self._space_id and dentry.space_id != self._space_id:
            return QModelIndex()
        if dentry.id in self._nodes:
            return self.update_dentry(dentry)
        self._removed.discard(dentry.id)
        folder = self._folder_node(dentry.parent_id)
        if folder is None:
            return QModelIndex()
        position = self._position(folder, dentry.name)
        if position is None:
            if folder.ticket is not None:
                self._deferred.setdefault(dentry.parent_id, {})[dentry.id] = dentry
            return QModelIndex()
        children = folder.children
        assert children is not None
        self.beginInsertRows(self._index_of(folder), position, position)
        node = _Node(dentry, folder, position)
        children.insert(position, node)
        self._renumber(children, position + 1)
        self._nodes[dentry.id] = node
        self.endInsertRows()
        return self.createIndex(position, 0, node)

    def remove_dentry(self, dentry_id: str) -> bool:
        """Drop a dentry (and what was listed below it); False when it is not in the model."""
        for deferred in self._deferred.values():
            deferred.pop(dentry_id, None)
        node = self._nodes.get(dentry_id)
        if node is None or node.parent is None:
            if self._tickets:
                self._removed.add(dentry_id)  # a page on its way may still list it
            return False
        folder = node.parent
        children = folder.children
        assert children is not None
        row = node.row
        self.beginRemoveRows(self._index_of(folder), row, row)
        del children[row]
        self._renumber(children, row)
        self._forget(node)
        self.endRemoveRows()
        return True

    def update_dentry(self, dentry: Dentry) -> QModelIndex:
        """Apply a renamed, changed or moved dentry.

        A rename changes the row's data (and moves it to its sorted place); a move to another
        listed folder moves the row with what was listed below it; a move out of sight removes it.
        A dentry not in the model is inserted if its folder is listed.

        Returns:
            Its index afterwards, or an invalid index when it is not shown.
        """
        node = self._nodes.get(dentry.id)
        if node is None:
            return self.insert_dentry(dentry)
        old_folder = node.parent
        assert old_folder is not None
        new_folder = self._folder_node(dentry.parent_id)
        position = None if new_folder is None else self._position(new_folder, dentry.name, node)
        if new_folder is None or position is None:
            self.remove_dentry(dentry.id)
            return QModelIndex()
        node.dentry = dentry
        if new_folder is not old_folder or position != node.row:
            self._move(node, new_folder, position)
        first = self.createIndex(node.row, 0, node)
        self.dataChanged.emit(first, self.createIndex(node.row, len(Column) - 1, node))
        return first

    def _move(self, node: _Node, folder: _Node, position: int) -> None:
        """Move a row to `position` of `folder` (counted without the row itself)."""
        old_folder = node.parent
        assert old_folder is not None
        assert old_folder.children is not None
        assert folder.children is not None
        old_row = node.row
        same = folder is old_folder
        destination = position + 1 if same and position > old_row else position
        if not self.beginMoveRows(
            self._index_of(old_folder), old_row, old_row, self._index_of(folder), destination
        ):
            return  # into itself: impossible for the service; keep the row where it is
        del old_folder.children[old_row]
        self._renumber(old_folder.children, old_row)
        folder.children.insert(position, node)
        node.parent = folder
        self._renumber(folder.children, min(position, old_row) if same else position)
        self.endMoveRows()

    @staticmethod
    def _renumber(children: list[_Node], start: int) -> None:
        for row in range(start, len(children)):
            children[row].row = row

    def dentries(self, index: Index = QModelIndex()) -> list[Dentry]:  # noqa: B008
        """The listed dentries of a folder (invalid index: the root), in listing order."""
        children = self._node(index).children or []
        return [child.dentry for child in children if child.dentry is not None]

    # --- data -------------------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cells.headers[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """See the class docstring for the roles."""
        if role not in _ROLES or not index.isValid():
            return None
        node: _Node = index.internalPointer()
        dentry = node.dentry
        if dentry is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self.cells.display(dentry, column)
        if role == _DECORATION:
            return self._decoration(dentry) if column == _NAME else None
        if role == DentryRole:
            return dentry
        if role == SortRole:
            return self.cells.sort_value(dentry, column)
        if role == LoadingRole:
            return node.ticket is not None
        if role == ErrorRole:
            return node.error_text
        if role == _TOOLTIP:
            return self.cells.tooltip(dentry, node.ticket is not None, node.error_text)
        if role == _ACCESSIBLE:
            return self.cells.accessible_text(dentry, column, node.ticket is not None, node.error_text)
        return _RIGHT if column == _SIZE else None  # _ALIGNMENT

    def _decoration(self, dentry: Dentry) -> QIcon:
        if not dentry.is_folder and self._loader is not None:
            thumbnail = self._loader.icon(self._space_id, dentry)
            if thumbnail is not None:
                return thumbnail
        return self.file_types.icon(dentry)

    def _on_thumbnail_ready(self, dentry_id: str, _image: QImage) -> None:
        self._new_thumbnails.add(dentry_id)
        if not self._thumbnail_timer.isActive():
            self._thumbnail_timer.start()

    def _repaint_thumbnails(self) -> None:
        """One dataChanged per folder for the thumbnails that arrived since the last one."""
        rows: dict[_Node, list[int]] = {}
        for dentry_id in self._new_thumbnails:
            node = self._nodes.get(dentry_id)
            if node is not None and node.parent is not None:
                rows.setdefault(node.parent, []).append(node.row)
        self._new_thumbnails.clear()
        for folder, changed in rows.items():
            children = folder.children
            assert children is not None
            first, last = min(changed), max(changed)
            self.dataChanged.emit(
                self.createIndex(first, 0, children[first]),
                self.createIndex(last, 0, children[last]),
                [Qt.ItemDataRole.DecorationRole],
            )
