"""The left pane's folder tree: the same dentry model, showing folders only."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from app.ui.models.dentry_model import DentryRole

Index = QModelIndex | QPersistentModelIndex


class FoldersOnly(QSortFilterProxyModel):
    """Folders of the source model, first column only."""

    def __init__(self, parent: QObject | None = None) -> None:
        """A proxy to set a `DentryModel` on."""
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Folders only."""
        dentry = self.sourceModel().index(source_row, 0, source_parent).data(DentryRole)
        return dentry is not None and dentry.is_folder

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:
        """The name column only."""
        return source_column == 0
