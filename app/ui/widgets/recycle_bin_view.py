"""The recycle bin of a space, in a view of its own: what was deleted, and Restore, Delete forever, Empty.

It takes the place of the file views while the user looks at the bin (the "Recycle bin" entry under
a space in the spaces pane). Its actions are the window's (menus, toolbar, shortcuts); this view
shows them in its own toolbar and item menu and enables them while it is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.api.client import StorageClient
from app.api.models import RecycleItem, Space
from app.ui.models.recycle_bin_model import Column, ItemRole, RecycleBinModel, RecycleBinOrder
from app.ui.texts import arg
from app.ui.widgets.spaces_pane import space_title


class RecycleBinView(QWidget):
    """The bin's items as a sortable table, with a toolbar, an item menu and a line saying its state.

    Signals:
        selectionChanged(): the items chosen changed.
    """

    selectionChanged = Signal()

    def __init__(self, model: RecycleBinModel, parent: QWidget | None = None) -> None:
        """A view of `model` (shown with `show_bin`)."""
        super().__init__(parent)
        self.setAccessibleName(self.tr("Recycle bin"))
        self.model = model
        self.title = QLabel(self)
        self.title.setAccessibleName(self.tr("Recycle bin of the space"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        hint = QLabel(
            self.tr(
                "Deleted files and folders stay here until you delete them forever or empty the recycle bin."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.toolbar = QToolBar(self.tr("Recycle bin"), self)
        self.toolbar.setAccessibleName(self.tr("Recycle bin actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.proxy = RecycleBinOrder(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Deleted items"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DELETED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ORIGINAL_PATH, QHeaderView.ResizeMode.Stretch)
        for column in (Column.DELETED, Column.DELETED_BY, Column.SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.state = QLabel(self)
        self.state.setAccessibleName(self.tr("Recycle bin state"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        self._item_actions: list[QAction] = []
        self._bin_actions: list[QAction] = []
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._update)
        for signal in (model.modelReset, model.rowsRemoved, model.rowsInserted):
            signal.connect(self._update)
        model.loadingChanged.connect(self._update)
        model.failed.connect(self._update)

    def set_actions(self, item_actions: list[QAction], bin_actions: list[QAction]) -> None:
        """The actions on the chosen items (Restore, Delete forever) and on the bin (Empty)."""
        self._item_actions = item_actions
        self._bin_actions = bin_actions
        for action in [*item_actions, *bin_actions]:
            self.toolbar.addAction(action)
        self._update()

    def show_bin(self, client: StorageClient, space: Space) -> None:
        """Show the recycle bin of `space` (listed if it is not already)."""
        self.title.setText(arg(self.tr("Recycle bin of %1"), space_title(space)))
        self.table.clearSelection()
        self.model.show(client, space.id)
        self._update()

    def set_name_filter(self, pattern: str) -> None:
        """Show only the items whose name matches `pattern` (``*`` and ``?``; empty: every item)."""
        self.proxy.set_name_filter(pattern)
        self._update()

    def shown_bin(self) -> tuple[StorageClient, str, str, list[RecycleItem]] | None:
        """The client, space id and bin id of the bin on screen, with its items (None: not shown)."""
        model = self.model
        if not self.isVisible() or model.client is None or not model.bin_id:
            return None
        return model.client, model.space_id, model.bin_id, model.items()

    def selected_items(self) -> list[RecycleItem]:
        """The chosen items, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(ItemRole) for row in rows]

    def showEvent(self, event: QShowEvent) -> None:
        """On screen: its actions can be used."""
        super().showEvent(event)
        self._update()

    def hideEvent(self, event: QHideEvent) -> None:
        """Off screen: its actions cannot be used, changes wait."""
        super().hideEvent(event)
        self.model.hide()
        self._update()

    def _update(self, *_args: object) -> None:
        shown = self.isVisible()
        chosen = bool(self.table.selectionModel().selectedRows())
        for action in self._item_actions:
            action.setEnabled(shown and chosen)
        for action in self._bin_actions:
            action.setEnabled(shown and self.model.rowCount() > 0)
        count = self.model.rowCount()
        if self.model.loading and not count:
            text = self.tr("Loading…")
        elif self.model.error is not None:
            text = self.model.error
        elif not count:
            text = self.tr("The recycle bin is empty.")
        elif self.proxy.name_filter():
            text = self.tr("%Ln item(s) match the filter", "", self.proxy.rowCount())
        else:
            text = self.tr("%Ln item(s) in the recycle bin", "", count)
        self.state.setText(text)
        self.selectionChanged.emit()

    def _context_menu(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            self.table.clearSelection()
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Recycle bin menu"))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self._item_actions:
            menu.addAction(action)
        menu.addSeparator()
        for action in self._bin_actions:
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))
