"""The left pane's folder tree: the same dentry model, showing folders only, in the views' order."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from app.ui.models.dentry_filter import DentryFilterModel
from app.ui.models.dentry_model import DentryRole

Index = QModelIndex | QPersistentModelIndex


class FoldersOnly(DentryFilterModel):
    """Folders of the source model, first column only, sorted by name as the file views sort them.

    The service lists names by code point (``Photos`` before ``照片``, ``file10`` before ``file2``);
    the tree follows the user's language as the views beside it do (pinyin for Chinese).
    """

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Folders only."""
        dentry = self.sourceModel().index(source_row, 0, source_parent).data(DentryRole)
        return dentry is not None and dentry.is_folder

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:
        """The name column only."""
        return source_column == 0
