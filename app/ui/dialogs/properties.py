"""The properties dialog: every field of a dentry, as the service reports it, in the user's language.

Values the Open API spells as constants (``FILE``, ``NORMAL``, ``IMAGE``, ``DINGTALK`` …) are said
in words; a constant this dialog does not know is shown as the service sent it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.api.models import Dentry
from app.ui.models.display_names import display_name
from app.ui.models.file_types import format_size, format_time_long
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

LABELS = {
    "id": QT_TRANSLATE_NOOP("Properties", "Id"),
    "space_id": QT_TRANSLATE_NOOP("Properties", "Space"),
    "parent_id": QT_TRANSLATE_NOOP("Properties", "Parent folder id"),
    "type": QT_TRANSLATE_NOOP("Properties", "Type"),
    "name": QT_TRANSLATE_NOOP("Properties", "Name"),
    "size": QT_TRANSLATE_NOOP("Properties", "Size"),
    "path": QT_TRANSLATE_NOOP("Properties", "Path"),
    "version": QT_TRANSLATE_NOOP("Properties", "Version"),
    "status": QT_TRANSLATE_NOOP("Properties", "Status"),
    "extension": QT_TRANSLATE_NOOP("Properties", "Extension"),
    "uuid": QT_TRANSLATE_NOOP("Properties", "UUID"),
    "creator_id": QT_TRANSLATE_NOOP("Properties", "Created by"),
    "modifier_id": QT_TRANSLATE_NOOP("Properties", "Modified by"),
    "create_time": QT_TRANSLATE_NOOP("Properties", "Created"),
    "modified_time": QT_TRANSLATE_NOOP("Properties", "Modified"),
    "category": QT_TRANSLATE_NOOP("Properties", "Category"),
    "read_only": QT_TRANSLATE_NOOP("Properties", "Read-only"),
    "partition_type": QT_TRANSLATE_NOOP("Properties", "Partition"),
    "storage_driver": QT_TRANSLATE_NOOP("Properties", "Stored in"),
    "thumbnail": QT_TRANSLATE_NOOP("Properties", "Thumbnail"),
    "app_properties": QT_TRANSLATE_NOOP("Properties", "App properties"),
}
"""The caption of each field of `Dentry`."""
CONSTANTS = {
    "type": {
        "FILE": QT_TRANSLATE_NOOP("Properties", "File"),
        "FOLDER": QT_TRANSLATE_NOOP("Properties", "Folder"),
    },
    "status": {
        "NORMAL": QT_TRANSLATE_NOOP("Properties", "Normal"),
        "DELETED": QT_TRANSLATE_NOOP("Properties", "In the recycle bin"),
        "EXPIRED": QT_TRANSLATE_NOOP("Properties", "Expired"),
    },
    "category": {
        "IMAGE": QT_TRANSLATE_NOOP("Properties", "Image"),
        "VIDEO": QT_TRANSLATE_NOOP("Properties", "Video"),
        "AUDIO": QT_TRANSLATE_NOOP("Properties", "Audio"),
        "ARCHIVE": QT_TRANSLATE_NOOP("Properties", "Archive"),
        "SHORTCUT": QT_TRANSLATE_NOOP("Properties", "Shortcut"),
        "DOCUMENT": QT_TRANSLATE_NOOP("Properties", "Document"),
        "ALI_DOC": QT_TRANSLATE_NOOP("Properties", "DingTalk document"),
        "OTHER": QT_TRANSLATE_NOOP("Properties", "Other"),
    },
    "partition_type": {
        "PUBLIC_OSS_PARTITION": QT_TRANSLATE_NOOP("Properties", "Public cloud OSS"),
        "MINI_OSS_PARTITION": QT_TRANSLATE_NOOP("Properties", "Dedicated mini OSS"),
    },
    "storage_driver": {
        "DINGTALK": QT_TRANSLATE_NOOP("Properties", "DingTalk storage"),
        "ALIDOC": QT_TRANSLATE_NOOP("Properties", "DingTalk Docs"),
        "SHANJI": QT_TRANSLATE_NOOP("Properties", "DingTalk Shanji"),
        "UNKNOWN": QT_TRANSLATE_NOOP("Properties", "Unknown"),
    },
}
"""Words for the constants of the Open API (REFERENCE.md §3), by field."""
LOCAL_STORAGE = QT_TRANSLATE_NOOP("Properties", "This computer (local storage)")
"""Where the embedded local service keeps files, whatever driver it names (it imitates DingTalk's)."""


def field_text(dentry: Dentry, name: str, *, local: bool = False) -> str:
    """A dentry field as a person reads it (names and other texts of the service made safe to show).

    `local`: the dentry lives on the embedded local service (then "Stored in" says so).
    """
    if name == "storage_driver" and local:
        return translate("Properties", LOCAL_STORAGE)
    return display_name(_plain_text(dentry, name))


def _plain_text(dentry: Dentry, name: str) -> str:
    value = getattr(dentry, name)
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return format_time_long(value)
    if name == "size":
        if value < 1024:
            return format_size(value)
        return arg(translate("Properties", "%1 (%2 bytes)"), format_size(value), QLocale().toString(value))
    if name == "thumbnail":
        return f"{value.width} × {value.height}"
    if name == "app_properties":
        if not value:
            return "—"
        plain = {owner: [dataclasses.asdict(prop) for prop in props] for owner, props in value.items()}
        return json.dumps(plain, ensure_ascii=False, indent=1)
    if isinstance(value, bool):
        return translate("Properties", "yes") if value else translate("Properties", "no")
    words = CONSTANTS.get(name, {}).get(str(value))
    return translate("Properties", words) if words else str(value)


class PropertiesDialog(QDialog):
    """Shows all fields of one dentry; the text can be selected and copied."""

    def __init__(self, dentry: Dentry, parent: QWidget | None = None, *, local: bool = False) -> None:
        """A dialog for `dentry` (fetched fresh by the caller); `local`: from the embedded service."""
        super().__init__(parent)
        self.setWindowTitle(arg(self.tr("Properties of %1"), display_name(dentry.name) or "/"))
        self.setAccessibleName(self.tr("Properties"))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for field in dataclasses.fields(dentry):
            label = QLabel(field_text(dentry, field.name, local=local), self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            caption = translate("Properties", LABELS[field.name]) if field.name in LABELS else field.name
            label.setAccessibleName(caption)
            form.addRow(arg(self.tr("%1:"), caption), label)
            self.values[field.name] = label
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
