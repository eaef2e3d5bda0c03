"""The properties dialog: every field of a dentry, as the service reports it."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.api.models import Dentry
from app.ui.models.display_names import display_name

LABELS = {
    "id": "Id",
    "space_id": "Space",
    "parent_id": "Parent folder id",
    "type": "Type",
    "name": "Name",
    "size": "Size",
    "path": "Path",
    "version": "Version",
    "status": "Status",
    "extension": "Extension",
    "uuid": "UUID",
    "creator_id": "Created by",
    "modifier_id": "Modified by",
    "create_time": "Created",
    "modified_time": "Modified",
    "category": "Category",
    "read_only": "Read-only",
    "partition_type": "Partition",
    "storage_driver": "Storage driver",
    "thumbnail": "Thumbnail",
    "app_properties": "App properties",
}


def field_text(dentry: Dentry, name: str) -> str:
    """A dentry field as a person reads it (names and other texts of the service made safe to show)."""
    return display_name(_plain_text(dentry, name))


def _plain_text(dentry: Dentry, name: str) -> str:
    value = getattr(dentry, name)
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    if name == "size":
        return f"{value:,} bytes"
    if name == "thumbnail":
        return f"{value.width} × {value.height}"
    if name == "app_properties":
        if not value:
            return "—"
        plain = {owner: [dataclasses.asdict(prop) for prop in props] for owner, props in value.items()}
        return json.dumps(plain, ensure_ascii=False, indent=1)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class PropertiesDialog(QDialog):
    """Shows all fields of one dentry; the text can be selected and copied."""

    def __init__(self, dentry: Dentry, parent: QWidget | None = None) -> None:
        """A dialog for `dentry` (fetched fresh by the caller)."""
        super().__init__(parent)
        self.setWindowTitle(f"Properties of {display_name(dentry.name) or '/'}")
        self.setAccessibleName("Properties")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for field in dataclasses.fields(dentry):
            label = QLabel(field_text(dentry, field.name), self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            caption = LABELS.get(field.name, field.name)
            label.setAccessibleName(caption)
            form.addRow(caption + ":", label)
            self.values[field.name] = label
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
