"""The left pane: the account's spaces (each with its recycle bin), and the folder tree of the space shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.api.models import Space
from app.ui.models.dentry_model import DentryModel
from app.ui.models.display_names import display_name
from app.ui.models.folder_tree import FoldersOnly
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

SPACE_TYPES = {
    "org": QT_TRANSLATE_NOOP("SpacesPane", "organization"),
    "personal": QT_TRANSLATE_NOOP("SpacesPane", "personal"),
}
"""What the list calls the service's space types (others are shown as the service names them)."""
MOST_ROWS_SHOWN = 6
"""The spaces list grows with its spaces (and their bins) up to this many rows, then scrolls."""
BinRole = Qt.ItemDataRole.UserRole + 1
"""True on the row of a space's recycle bin (under the space's own row)."""
BIN_INDENT = 16


class _IndentBins(QStyledItemDelegate):
    """Draws a recycle bin's row indented under its space, as a file manager shows Trash."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The standard option, moved right for a bin."""
        super().initStyleOption(option, index)
        if index.data(BinRole):
            option.rect.adjust(BIN_INDENT, 0, 0, 0)


class SpacesPane(QWidget):
    """Spaces above, each with its recycle bin under it; folders below (the file views' model, folders only).

    Signals:
        spaceChosen(object): the user (or `set_spaces`) chose this `Space`.
        recycleBinChosen(object): the user chose the recycle bin of this `Space`.
        folderChosen(QModelIndex): a folder was activated in the tree (an index of the dentry model).
    """

    spaceChosen = Signal(object)
    recycleBinChosen = Signal(object)
    folderChosen = Signal(QModelIndex)

    def __init__(self, model: DentryModel, parent: QWidget | None = None) -> None:
        """Empty lists over `model`."""
        super().__init__(parent)
        self.spaces: list[Space] = []
        self.folders = FoldersOnly(self)
        self.folders.setSourceModel(model)
        self.spaces_list = QListWidget(self)
        self.spaces_list.setAccessibleName(self.tr("Spaces"))
        self.spaces_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.spaces_list.setItemDelegate(_IndentBins(self.spaces_list))
        self.spaces_list.setIconSize(QSize(16, 16))  # a bin's row as tall as a space's
        self.folder_tree = QTreeView(self)
        self.folder_tree.setAccessibleName(self.tr("Folders"))
        self.folder_tree.setModel(self.folders)
        self.folder_tree.setHeaderHidden(True)
        self.folder_tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        spaces_label, folders_label = QLabel(self.tr("&Spaces"), self), QLabel(self.tr("F&olders"), self)
        spaces_label.setBuddy(self.spaces_list)
        folders_label.setBuddy(self.folder_tree)
        layout.addWidget(spaces_label)
        layout.addWidget(self.spaces_list)
        layout.addWidget(folders_label)
        layout.addWidget(self.folder_tree, 1)
        self._fit_spaces_list()
        self.spaces_list.currentRowChanged.connect(self._row_changed)
        self.folder_tree.activated.connect(self._tree_activated)
        self.folder_tree.clicked.connect(self._tree_activated)

    def set_spaces(self, spaces: list[Space], preferred_id: str) -> None:
        """List `spaces` and choose the preferred one (else the first)."""
        self.spaces = list(spaces)
        self.spaces_list.blockSignals(True)
        self.spaces_list.clear()
        trash = self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon)
        for space in self.spaces:
            item = QListWidgetItem(space_title(space))
            item.setToolTip(arg(self.tr("Space id: %1"), display_name(space.id)))
            self.spaces_list.addItem(item)
            recycle_bin = QListWidgetItem(trash, self.tr("Recycle bin"))
            recycle_bin.setData(BinRole, True)
            recycle_bin.setToolTip(arg(self.tr("What was deleted from %1"), space_title(space)))
            self.spaces_list.addItem(recycle_bin)
        self.spaces_list.blockSignals(False)
        self._fit_spaces_list()
        ids = [space.id for space in self.spaces]
        if ids:
            self.spaces_list.setCurrentRow(2 * (ids.index(preferred_id) if preferred_id in ids else 0))

    def _fit_spaces_list(self) -> None:
        """As tall as its rows (one row at least, `MOST_ROWS_SHOWN` at most): the tree gets the rest."""
        view = self.spaces_list
        rows = min(view.count(), MOST_ROWS_SHOWN)
        # (A bin's row, with its icon, may be taller than its space's.)
        height = sum(view.sizeHintForRow(row) for row in range(rows)) or view.fontMetrics().height() + 4
        view.setFixedHeight(height + 2 * view.frameWidth())

    def current_space(self) -> Space | None:
        """The space chosen (or whose recycle bin is chosen)."""
        row = self.spaces_list.currentRow() // 2
        return self.spaces[row] if 0 <= row < len(self.spaces) else None

    def mark_shown(self, space_id: str, *, recycle_bin: bool = False) -> None:
        """Make the row of a space (or of its bin) the current one, without choosing it again."""
        ids = [space.id for space in self.spaces]
        if space_id in ids:
            self.spaces_list.blockSignals(True)
            self.spaces_list.setCurrentRow(2 * ids.index(space_id) + int(recycle_bin))
            self.spaces_list.blockSignals(False)

    def show_folder(self, folder: QModelIndex) -> None:
        """Select a folder of the dentry model in the tree (the root: nothing selected)."""
        tree_index = self.folders.mapFromSource(folder)
        if tree_index.isValid():
            self.folder_tree.setCurrentIndex(tree_index)
            self.folder_tree.scrollTo(tree_index)
        else:
            self.folder_tree.clearSelection()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < 2 * len(self.spaces):
            space = self.spaces[row // 2]
            (self.recycleBinChosen if row % 2 else self.spaceChosen).emit(space)

    def _tree_activated(self, tree_index: QModelIndex) -> None:
        self.folderChosen.emit(self.folders.mapToSource(tree_index))


def space_title(space: Space) -> str:
    """``Demo space (organization)``: the space's name and its type, as the list shows them."""
    kind = space.space_type or ""
    kind = translate("SpacesPane", SPACE_TYPES[kind]) if kind in SPACE_TYPES else kind
    name = display_name(space.name)
    return arg(translate("SpacesPane", "%1 (%2)"), name, display_name(kind)) if kind else name
