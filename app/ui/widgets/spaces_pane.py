"""The left pane: the account's spaces, and the folder tree of the space shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTreeView, QVBoxLayout, QWidget

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
"""The spaces list grows with its spaces up to this many rows, then scrolls."""


class SpacesPane(QWidget):
    """Spaces above, folders below (the same model as the file views, folders only).

    Signals:
        spaceChosen(object): the user (or `set_spaces`) chose this `Space`.
        folderChosen(QModelIndex): a folder was activated in the tree (an index of the dentry model).
    """

    spaceChosen = Signal(object)
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
        for space in self.spaces:
            item = QListWidgetItem(space_title(space))
            item.setToolTip(arg(self.tr("Space id: %1"), display_name(space.id)))
            self.spaces_list.addItem(item)
        self.spaces_list.blockSignals(False)
        self._fit_spaces_list()
        ids = [space.id for space in self.spaces]
        if ids:
            self.spaces_list.setCurrentRow(ids.index(preferred_id) if preferred_id in ids else 0)

    def _fit_spaces_list(self) -> None:
        """As tall as its rows (one row at least, `MOST_ROWS_SHOWN` at most): the tree gets the rest."""
        view = self.spaces_list
        rows = min(max(view.count(), 1), MOST_ROWS_SHOWN)
        row_height = view.sizeHintForRow(0) if view.count() else view.fontMetrics().height() + 4
        view.setFixedHeight(rows * row_height + 2 * view.frameWidth())

    def current_space(self) -> Space | None:
        """The space chosen."""
        row = self.spaces_list.currentRow()
        return self.spaces[row] if 0 <= row < len(self.spaces) else None

    def show_folder(self, folder: QModelIndex) -> None:
        """Select a folder of the dentry model in the tree (the root: nothing selected)."""
        tree_index = self.folders.mapFromSource(folder)
        if tree_index.isValid():
            self.folder_tree.setCurrentIndex(tree_index)
            self.folder_tree.scrollTo(tree_index)
        else:
            self.folder_tree.clearSelection()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.spaces):
            self.spaceChosen.emit(self.spaces[row])

    def _tree_activated(self, tree_index: QModelIndex) -> None:
        self.folderChosen.emit(self.folders.mapToSource(tree_index))


def space_title(space: Space) -> str:
    """``Demo space (organization)``: the space's name and its type, as the list shows them."""
    kind = space.space_type or ""
    kind = translate("SpacesPane", SPACE_TYPES[kind]) if kind in SPACE_TYPES else kind
    name = display_name(space.name)
    return arg(translate("SpacesPane", "%1 (%2)"), name, display_name(kind)) if kind else name
