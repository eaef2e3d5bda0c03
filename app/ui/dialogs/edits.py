"""Edits saved while Dentry was closed or offline: upload them, discard them here, or decide later."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.transfers.edits import OpenedCopy
from app.ui.models.display_names import display_name
from app.ui.texts import arg


class Choice(StrEnum):
    """What the user chose for the edits ticked in the list."""

    UPLOAD = "upload"
    DISCARD = "discard"
    LATER = "later"


class UnsentEditsDialog(QDialog):
    """A list of copies holding edits the service does not have, each ticked, and three choices.

    `choice` and `chosen()` say what to do once the dialog is finished; copies left unticked stay
    as they are, and are offered again.
    """

    def __init__(self, copies: list[OpenedCopy], cache: Path, parent: QWidget | None = None) -> None:
        """Offer `copies` (kept under `cache`)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edits not uploaded yet"))
        self.setAccessibleName(self.tr("Edits not uploaded yet"))
        self.choice = Choice.LATER
        summary = QLabel(
            self.tr(
                "%n file(s) you opened from Dentry were saved with changes the storage service does "
                "not have yet (while Dentry was closed, or could not reach the service):",
                "",
                len(copies),
            ),
            self,
        )
        summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Edited files"))
        locale = QLocale()
        for copy in copies:
            saved = QDateTime.fromMSecsSinceEpoch(_saved_ms(copy))
            text = arg(
                self.tr("%1 — saved %2"),
                display_name(copy.name),
                locale.toString(saved, QLocale.FormatType.ShortFormat),
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, copy)
            item.setToolTip(display_name(str(copy.path)))
            self.list.addItem(item)
        explanation = QLabel(
            arg(
                self.tr(
                    "Upload: each ticked file becomes a new version of the file it was opened from; "
                    "if that file changed on the service meanwhile, the edit is uploaded beside it "
                    "under a new name. Discard: Dentry forgets the edits; the edited copies stay "
                    "in %1. Later: asks again at the next start."
                ),
                display_name(str(cache)),
            ),
            self,
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.upload_button = self._button(buttons, self.tr("&Upload"), Choice.UPLOAD)
        self.discard_button = self._button(buttons, self.tr("&Discard"), Choice.DISCARD)
        self.later_button = self._button(buttons, self.tr("&Later"), Choice.LATER)
        self.upload_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.list)
        layout.addWidget(explanation)
        layout.addWidget(buttons)
        self.resize(580, 400)

    def _button(self, buttons: QDialogButtonBox, text: str, choice: Choice) -> QPushButton:
        role = {
            Choice.UPLOAD: QDialogButtonBox.ButtonRole.AcceptRole,
            Choice.DISCARD: QDialogButtonBox.ButtonRole.DestructiveRole,
            Choice.LATER: QDialogButtonBox.ButtonRole.RejectRole,
        }[choice]
        button = buttons.addButton(text, role)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice == Choice.LATER:
            self.reject()
        else:
            self.accept()

    def chosen(self) -> list[OpenedCopy]:
        """The copies ticked in the list."""
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]


def _saved_ms(copy: OpenedCopy) -> int:
    """When the copy was last saved (milliseconds), or when it was opened if it cannot be read."""
    try:
        return copy.path.stat().st_mtime_ns // 1_000_000
    except OSError:
        return int(copy.opened * 1000)
