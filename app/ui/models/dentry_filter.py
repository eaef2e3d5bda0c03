"""Sorting and name filtering over `DentryModel` for the views: folders first, then names in the
order of the user's language (pinyin for Chinese), with numbers by their value (``file2`` before
``file10``) and case ignored.

The filter is a glob on the name (``*`` any run of characters, ``?`` one character, case-insensitive)
and applies to the top-level rows only: the window's source is the folder shown as a flat list
(`CurrentFolderModel`), and deeper rows stay reachable. A pattern without ``*`` or ``?`` matches
names containing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QCollator,
    QCollatorSortKey,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.api.models import Dentry
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_model import DentryModel, DentryRole, SortRole, dentry_at

Index = QModelIndex | QPersistentModelIndex

_NEW_FILTER_API = hasattr(QSortFilterProxyModel, "beginFilterChange")
SORT_KEYS_CACHED = 16384
"""Names whose sort key is kept (a key costs about a microsecond to make; a comparison less)."""


def name_collator(locale: QLocale) -> QCollator:
    """Names in the locale's order (Qt's collation, ICU: pinyin for Chinese), numbers by value, any case.

    The C locale of a bare system has no collation (it compares code points, ``Zebra`` before
    ``apple``, ``file10`` before ``file2``): English order serves it.
    """
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    collator = QCollator(locale)
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def name_sort_key() -> Callable[[str], QCollatorSortKey]:
    """The sort key of a name in the default locale's order (`name_collator`), kept for reuse.

    Sorting compares each name many times: its key is made once.
    """
    return lru_cache(maxsize=SORT_KEYS_CACHED)(name_collator(QLocale()).sortKey)


def glob_to_regex(pattern: str) -> re.Pattern[str] | None:
    """Compile a name glob (``*``, ``?``; no wildcard: "contains") for case-folded names.

    Returns:
        The compiled pattern, or None for an empty glob (everything matches).
    """
    pattern = pattern.strip()
    if not pattern:
        return None
    if "*" not in pattern and "?" not in pattern:
        pattern = f"*{pattern}*"
    parts = [".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern.casefold()]
    return re.compile("".join(parts), re.DOTALL)


class NameFilterProxy(QSortFilterProxyModel):
    """A proxy that shows only the top-level rows whose name matches a glob (`glob_to_regex`).

    Subclasses say which name a row has (`row_name`).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """No filter yet."""
        super().__init__(parent)
        self._pattern = ""
        self._regex: re.Pattern[str] | None = None

    def name_filter(self) -> str:
        """The glob in use (empty: none)."""
        return self._pattern

    def set_name_filter(self, pattern: str) -> None:
        """Show only top-level rows whose name matches `pattern` (see module docs)."""
        if pattern == self._pattern:
            return
        self._begin_filter_change()
        self._pattern = pattern
        self._regex = glob_to_regex(pattern)
        self._end_filter_change()

    def _begin_filter_change(self) -> None:
        if _NEW_FILTER_API:
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if _NEW_FILTER_API:  # Qt 6.10+; invalidateRowsFilter() is deprecated there
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Every row, except top-level rows whose name does not match the glob."""
        regex = self._regex
        if regex is None or source_parent.isValid():
            return True
        name = self.row_name(self.sourceModel().index(source_row, 0, source_parent))
        return name is None or regex.fullmatch(name.casefold()) is not None

    def row_name(self, index: Index) -> str | None:
        """The name of the source row at `index` that the glob must match (None: always shown)."""
        raise NotImplementedError


class DentryFilterModel(NameFilterProxy):
    """Folders first, then names in the locale's order (or size, kind, modified time via `SortRole`).

    Folders stay before files in both sort orders; ties fall back to the name order. The
    collation is the default locale's when the model is made (`app.ui.language.install`).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """A proxy sorted by name, with no filter; set the source model with ``setSourceModel``."""
        super().__init__(parent)
        self._name_key = name_sort_key()
        self._direct = False
        self._folder_rows: CurrentFolderModel | None = None
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self.sort(Column.NAME, Qt.SortOrder.AscendingOrder)

    def row_name(self, index: Index) -> str | None:
        """The dentry's name."""
        dentry = self._dentry(index)
        return None if dentry is None else dentry.name

    def _dentry(self, index: Index) -> Dentry | None:
        if self._direct:
            return dentry_at(index)
        if self._folder_rows is not None:
            return self._folder_rows.dentry(index.row())
        dentry: Dentry | None = index.data(DentryRole)
        return dentry

    def setSourceModel(self, source_model: QAbstractItemModel) -> None:
        """Filter and sort `source_model` (a `DentryModel`, or a model with `DentryRole`)."""
        self._direct = isinstance(source_model, DentryModel)
        # Sorting reads two rows per comparison: ask the models directly, not through data().
        self._folder_rows = source_model if isinstance(source_model, CurrentFolderModel) else None
        super().setSourceModel(source_model)

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        """Folders first in either order; then the column's `SortRole` value; then natural name."""
        left = self._dentry(source_left)
        right = self._dentry(source_right)
        if left is None or right is None:
            return super().lessThan(source_left, source_right)
        if left.is_folder != right.is_folder:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return left.is_folder if ascending else right.is_folder
        if source_left.column() != Column.NAME:
            left_value = source_left.data(SortRole)
            right_value = source_right.data(SortRole)
            if left_value != right_value:
                return bool(left_value < right_value)
        left_key, right_key = self._name_key(left.name), self._name_key(right.name)
        if left_key < right_key:
            return True
        if right_key < left_key:
            return False
        return left.id < right.id
