"""The right pane's two views of the current folder, and asking for thumbnails of what they show.

`FileViews` stacks the details table and the thumbnail grid over one filter model and one
selection. Only rows on screen (plus a margin) get thumbnails; the request is debounced so that
scrolling makes one batch per pause, not one per pixel.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.api.models import Dentry
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_filter import DentryFilterModel
from app.ui.models.dentry_model import DentryModel, DentryRole
from app.ui.models.file_types import format_size, format_time, kind_names
from app.ui.models.thumbnail_loader import ThumbnailLoader
from app.ui.texts import translate

GRID_ICON = QSize(128, 128)
GRID_CELL = QSize(156, 172)
DETAILS_ICON = QSize(20, 20)
MARGIN_ROWS = 30
DEBOUNCE_MS = 80


def configure_details(view: QTableView) -> None:
    """A sortable list with columns: a table, whose layout costs nothing per inserted row."""
    view.setAccessibleName(translate("FileViews", "Files (details)"))
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setSortingEnabled(True)
    view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(max(view.fontMetrics().height(), DETAILS_ICON.height()) + 8)
    view.setIconSize(DETAILS_ICON)
    view.setItemDelegate(IconBoxDelegate(DETAILS_ICON, view))
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSortIndicatorShown(True)


def size_details_columns(view: QTableView) -> None:
    """Column widths from the texts they hold (call once the model is set: sections exist then).

    Measured on sample texts, not on the rows: fitting 100,000 rows would read them all.
    """
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    samples = {
        Column.SIZE: [format_size(999_900_000)],
        Column.KIND: kind_names(),
        Column.MODIFIED: [format_time(datetime(2026, 12, 31, 23, 59, tzinfo=UTC))],
        Column.MODIFIER: ["someone-with-a-long-id"],
    }
    model = view.model()
    for column, texts in samples.items():
        # The title too, with room for the sort arrow.
        title = str(model.headerData(column, Qt.Orientation.Horizontal)) if model is not None else ""
        widest = max(metrics.horizontalAdvance(text) for text in [*texts, title])
        header.resizeSection(column, widest + 24)
    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)


class IconBoxDelegate(QStyledItemDelegate):
    """Cells whose picture box always has one size, the picture scaled to fit and centred in it.

    Qt sizes the box to each picture: in the grid a landscape photo's name would sit higher than
    a folder's beside it, and in the details list the narrow thumbnail of a page (text, PDF) would
    move its name sideways. With one box every name in a row or column lines up, as in a file
    manager.
    """

    def __init__(self, box: QSize, parent: QWidget | None = None) -> None:
        """Pictures fit into `box`."""
        super().__init__(parent)
        self._box = box

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The standard option, with the full picture box."""
        super().initStyleOption(option, index)
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            option.decorationSize = self._box


def configure_grid(view: QListView) -> None:
    """A grid of large icons that lays out in batches (it stays smooth with many items)."""
    view.setAccessibleName(translate("FileViews", "Files (thumbnails)"))
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setMovement(QListView.Movement.Static)
    view.setIconSize(GRID_ICON)
    view.setGridSize(GRID_CELL)
    view.setUniformItemSizes(True)
    view.setWordWrap(True)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(200)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setSelectionRectVisible(True)
    view.setItemDelegate(IconBoxDelegate(GRID_ICON, view))


class VisibleThumbnails:
    """Asks the loader for the thumbnails of the rows a view shows, after each scroll or change."""

    def __init__(
        self,
        views: list[QAbstractItemView],
        proxy: DentryFilterModel,
        model: DentryModel,
        loader: ThumbnailLoader,
    ) -> None:
        self._views = views
        self._proxy = proxy
        self._model = model
        self._loader = loader
        self._timer = QTimer(views[0])  # dies with the views
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.request_now)
        for view in views:
            view.verticalScrollBar().valueChanged.connect(self.schedule)
        proxy.rowsInserted.connect(self.schedule)
        proxy.layoutChanged.connect(self.schedule)
        proxy.modelReset.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        """Ask soon (debounced)."""
        self._timer.start()

    def visible_dentries(self, view: QAbstractItemView) -> list[Dentry]:
        """The dentries on screen in `view`, plus a margin of rows around them."""
        root = view.rootIndex()
        count = self._proxy.rowCount(root)
        if count == 0 or not view.isVisible():
            return []
        viewport = view.viewport().rect()
        first = _first_visible_row(view, viewport.width(), viewport.height())
        last = first
        # Walk on from the first visible row while rows are still on screen (cheap: one screen).
        while (
            last + 1 < count
            and view.visualRect(self._proxy.index(last + 1, 0, root)).top() < viewport.height()
        ):
            last += 1
        start = max(0, first - MARGIN_ROWS)
        end = min(count - 1, last + MARGIN_ROWS)
        dentries = []
        for row in range(start, end + 1):
            dentry = self._proxy.index(row, 0, root).data(DentryRole)
            if dentry is not None:
                dentries.append(dentry)
        return dentries

    def request_now(self) -> None:
        """Ask the loader for what the visible view shows."""
        for view in self._views:
            dentries = self.visible_dentries(view)
            if dentries:
                self._loader.request(self._model.space_id, dentries)


def _first_visible_row(view: QAbstractItemView, width: int, height: int) -> int:
    """The first row on screen; probes a few points, since grid cells have gaps between them."""
    step = 16
    for y in range(2, min(height, 400), step):
        for x in range(2, width, step):
            index = view.indexAt(QPoint(x, y))
            if index.isValid():
                return index.row()
    return 0


def current_dentry(view: QAbstractItemView) -> Dentry | None:
    """The dentry of the view's current index, if any."""
    index: QModelIndex = view.currentIndex()
    dentry = index.siblingAtColumn(0).data(DentryRole) if index.isValid() else None
    return dentry if isinstance(dentry, Dentry) else None


def selected_dentries(view: QAbstractItemView) -> list[Dentry]:
    """The selected dentries (one per row)."""
    model = view.selectionModel()
    indexes = [index for index in model.selectedIndexes() if index.column() == 0] if model else []
    found = [index.data(DentryRole) for index in indexes]
    return [dentry for dentry in found if isinstance(dentry, Dentry)]


def make_views(parent: QWidget) -> tuple[QTableView, QListView]:
    """The details view and the grid view, configured."""
    details = QTableView(parent)
    configure_details(details)
    grid = QListView(parent)
    configure_grid(grid)
    for view in (details, grid):
        # Renaming goes through the service (F2 is the window's Rename), never in-place editing.
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return details, grid


class FileViews(QStackedWidget):
    """The current folder as details or as a grid of thumbnails: one filter model, one selection.

    Signals:
        activated(object): the user opened this `Dentry` (double-click or Enter).
        selectionChanged(): the selection or the current item changed (both views share them).
    """

    activated = Signal(object)
    selectionChanged = Signal()

    def __init__(self, model: DentryModel, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        """Views of the space root of `model`, asking `loader` for the thumbnails they show."""
        super().__init__(parent)
        self._model = model
        # The views show the current folder as a flat list (see current_folder.py).
        self.rows = CurrentFolderModel(model, self)
        self.proxy = DentryFilterModel(self)
        self.proxy.setSourceModel(self.rows)
        self.details, self.grid = make_views(self)
        for view in (self.details, self.grid):
            view.setModel(self.proxy)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.activated.connect(self._activated)
            view.customContextMenuRequested.connect(lambda position, v=view: self._context_menu(v, position))
        self.grid.setSelectionModel(self.details.selectionModel())
        selection = self.details.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        selection.currentChanged.connect(self._selection_changed)
        size_details_columns(self.details)
        self.addWidget(self.details)
        self.addWidget(self.grid)
        self.thumbnails = VisibleThumbnails([self.details, self.grid], self.proxy, model, loader)
        self._item_actions: list[QAction] = []
        self._folder_actions: list[QAction] = []
        self._pending_select: str | None = None
        model.pageLoaded.connect(self._page_loaded)

    # --- the folder and the view shown --------------------------------------------------------

    def show_folder(self, folder: QModelIndex) -> None:
        """Show a folder of the dentry model (invalid: the space root), scrolled to the top."""
        self.details.selectionModel().clear()
        self._pending_select = None
        self.rows.set_folder(folder)
        for view in (self.details, self.grid):
            view.scrollToTop()
        self.thumbnails.schedule()

    def set_mode(self, mode: str) -> None:
        """Show ``details`` or a ``grid`` of thumbnails."""
        self.setCurrentWidget(self.grid if mode == "grid" else self.details)
        self.thumbnails.schedule()

    def mode(self) -> str:
        """``details`` or ``grid``."""
        return "grid" if self.currentWidget() is self.grid else "details"

    def current_view(self) -> QAbstractItemView:
        """The view on screen."""
        return self.grid if self.mode() == "grid" else self.details

    def set_name_filter(self, pattern: str) -> None:
        """Show only names matching `pattern` (``*`` and ``?``; empty: everything)."""
        self.proxy.set_name_filter(pattern)
        self.thumbnails.schedule()

    # --- selection ------------------------------------------------------------------------------

    def current(self) -> Dentry | None:
        """The item with the keyboard focus."""
        return current_dentry(self.current_view())

    def selected(self) -> list[Dentry]:
        """The selected items."""
        return selected_dentries(self.details)

    def select_name(self, name: str) -> bool:
        """Select the row called `name` in the current folder; False if it is not listed (yet)."""
        view = self.current_view()
        root = view.rootIndex()
        for row in range(self.proxy.rowCount(root)):
            index = self.proxy.index(row, 0, root)
            dentry = index.data(DentryRole)
            if dentry is not None and dentry.name == name:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.details.selectionModel().setCurrentIndex(index, flags)
                view.scrollTo(index)
                return True
        return False

    def select_when_listed(self, name: str) -> None:
        """Select `name` in the current folder now, or once a page brings it."""
        self._pending_select = None if self.select_name(name) else name

    def _page_loaded(self, folder: QModelIndex, _rows: int) -> None:
        if folder != self.rows.folder():
            return
        if self._pending_select is not None:
            # A search hit to select: keep listing pages until it turns up.
            if self.select_name(self._pending_select) or not self._model.canFetchMore(folder):
                self._pending_select = None
            else:
                self._model.fetchMore(folder)
        self.thumbnails.schedule()

    # --- opening and the item menu -------------------------------------------------------------

    def set_menu_actions(self, item_actions: list[QAction], folder_actions: list[QAction]) -> None:
        """What the right-click menu offers: actions on the items, then on the folder.

        The item actions are enabled while an item is chosen, whatever opened the last menu, so
        their shortcuts follow the selection too.
        """
        self._item_actions = item_actions
        self._folder_actions = folder_actions
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.current() is not None or self.details.selectionModel().hasSelection()
        for action in self._item_actions:
            action.setEnabled(chosen)
        self.selectionChanged.emit()

    def _activated(self, index: QModelIndex) -> None:
        dentry = index.siblingAtColumn(0).data(DentryRole)
        if dentry is not None:
            self.activated.emit(dentry)

    def _context_menu(self, view: QAbstractItemView, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Item menu"))
        menu.setToolTipsVisible(True)  # a disabled action says why (Make thumbnail)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not view.indexAt(position).isValid():
            # A menu on empty space is about the folder: nothing stays chosen (as in file
            # managers), so the item actions are disabled through the selection.
            self.details.selectionModel().clear()
        for action in self._item_actions:
            menu.addAction(action)
        menu.addSeparator()
        for action in self._folder_actions:
            menu.addAction(action)
        menu.popup(view.viewport().mapToGlobal(position))
