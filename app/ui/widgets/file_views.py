"""The right pane's two views of the current folder, and asking for thumbnails of what they show.

Both views share one filter model and one selection. Only rows on screen (plus a margin) get
thumbnails; the request is debounced so that scrolling makes one batch per pause, not one per
pixel.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.api.models import Dentry
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_filter import DentryFilterModel
from app.ui.models.dentry_model import DentryModel, DentryRole
from app.ui.models.file_types import format_size, format_time
from app.ui.models.thumbnail_loader import ThumbnailLoader

GRID_ICON = QSize(128, 128)
GRID_CELL = QSize(156, 172)
MARGIN_ROWS = 30
DEBOUNCE_MS = 80


def configure_details(view: QTableView) -> None:
    """A sortable list with columns: a table, whose layout costs nothing per inserted row."""
    view.setAccessibleName("Files (details)")
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
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
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
        Column.SIZE: format_size(999_900_000),
        Column.KIND: "Microsoft Word document",
        Column.MODIFIED: format_time(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)),
        Column.MODIFIER: "someone-with-a-long-id",
    }
    for column, text in samples.items():
        header.resizeSection(column, metrics.horizontalAdvance(text) + 24)
    header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)


class GridItemDelegate(QStyledItemDelegate):
    """Grid cells whose picture box is always `GRID_ICON`, the picture centred in it.

    Qt sizes the box to each picture, so a landscape photo's name would sit higher than a
    folder's beside it; with a fixed box every name in a row lines up, as in a file manager.
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The standard option, with the full picture box."""
        super().initStyleOption(option, index)
        option.decorationSize = GRID_ICON


def configure_grid(view: QListView) -> None:
    """A grid of large icons that lays out in batches (it stays smooth with many items)."""
    view.setAccessibleName("Files (thumbnails)")
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
    view.setItemDelegate(GridItemDelegate(view))


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
