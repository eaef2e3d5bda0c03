"""How a dentry reads in each column of the file views: text, sort value, tooltip, accessible text.

Kept apart from `DentryModel`, which owns the tree and its loading; this module only formats one
row. Its methods run for every painted cell, so they branch on plain ints.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QLocale

from app.api.models import Dentry
from app.ui.models.display_names import display_name
from app.ui.models.file_types import FileTypes, format_size, format_time
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate


class Column(enum.IntEnum):
    """The columns of `DentryModel`."""

    NAME = 0
    SIZE = 1
    KIND = 2
    MODIFIED = 3
    MODIFIER = 4


COLUMNS = len(Column)
_NAME, _SIZE, _KIND, _MODIFIED, _MODIFIER = (int(column) for column in Column)

HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("DentryCells", "Name"),
    Column.SIZE: QT_TRANSLATE_NOOP("DentryCells", "Size"),
    Column.KIND: QT_TRANSLATE_NOOP("DentryCells", "Kind"),
    Column.MODIFIED: QT_TRANSLATE_NOOP("DentryCells", "Modified"),
    Column.MODIFIER: QT_TRANSLATE_NOOP("DentryCells", "Modified by"),
}
"""Column titles (translated by `DentryCells.headers`)."""


class DentryCells:
    """The words a row shows, in the user's locale."""

    def __init__(self, file_types: FileTypes, locale: QLocale) -> None:
        """Cells that name kinds with `file_types` and write sizes and times for `locale`."""
        self.file_types = file_types
        self.locale = locale
        self.headers = {column: translate("DentryCells", text) for column, text in HEADERS.items()}
        # Read for every tooltip: translated once.
        self._modified = translate("DentryCells", "Modified %1")
        self._modified_by = translate("DentryCells", "Modified %1 by %2")
        self._loading = translate("DentryCells", "Loading…")

    def kind(self, dentry: Dentry) -> str:
        """What kind of entry it is, for people: ``Folder``, ``PNG image``, ``XYZ file`` …"""
        return self.file_types.kind(dentry)

    def display(self, dentry: Dentry, column: int) -> str:
        """The text of a cell."""
        if column == _NAME:
            return display_name(dentry.name)
        if column == _SIZE:
            return "" if dentry.is_folder else format_size(dentry.size, self.locale)
        if column == _KIND:
            return self.kind(dentry)
        if column == _MODIFIED:
            return format_time(dentry.modified_time, self.locale)
        if column == _MODIFIER:
            return display_name(dentry.modifier_id or "")
        return ""

    def sort_value(self, dentry: Dentry, column: int) -> Any:
        """What a column sorts by: name, bytes (folders -1), kind, POSIX time, modifier."""
        if column == _NAME:
            return dentry.name
        if column == _SIZE:
            return -1 if dentry.is_folder or dentry.size is None else dentry.size
        if column == _KIND:
            return self.kind(dentry).casefold()
        if column == _MODIFIED:
            return 0.0 if dentry.modified_time is None else dentry.modified_time.timestamp()
        if column == _MODIFIER:
            return dentry.modifier_id or ""
        return None

    def tooltip(self, dentry: Dentry, loading: bool, error: str | None) -> str:
        """Name, kind and size, when and by whom it changed, and the folder's listing state."""
        lines = [display_name(dentry.name)]
        details = self.kind(dentry)
        if not dentry.is_folder and dentry.size is not None:
            details = arg(translate("DentryCells", "%1, %2"), details, format_size(dentry.size, self.locale))
        lines.append(details)
        if dentry.modified_time is not None:
            when = format_time(dentry.modified_time, self.locale)
            if dentry.modifier_id:
                lines.append(arg(self._modified_by, when, display_name(dentry.modifier_id)))
            else:
                lines.append(arg(self._modified, when))
        if loading:
            lines.append(self._loading)
        if error is not None:
            lines.append(error)
        return "\n".join(lines)

    def accessible_text(self, dentry: Dentry, column: int, loading: bool, error: str | None) -> str:
        """What a screen reader says for a cell: the name cell says the kind and state too."""
        if column != _NAME:
            value = self.display(dentry, column) or translate("DentryCells", "none")
            return arg(translate("DentryCells", "%1: %2"), self.headers[Column(column)], value)
        text = arg(translate("DentryCells", "%1 %2"), self.kind(dentry), display_name(dentry.name))
        if loading:
            text = arg(translate("DentryCells", "%1, loading"), text)
        if error is not None:
            text = arg(translate("DentryCells", "%1, %2"), text, error)
        return text
