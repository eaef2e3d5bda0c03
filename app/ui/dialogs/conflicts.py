"""Asking what to do with a name the target folder holds already: keep both, replace or skip.

As KDE's "File Already Exists" dialog: it names the item and the folder, shows both items' size
and date, and offers to do the same for the conflicts left ("Apply to all"), so that a paste of
many items asks once. Replacing is offered only where the service can do it (a file and a folder
never replace each other).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.api.models import Dentry
from app.ui.models.display_names import display_name
from app.ui.models.file_types import format_size, format_time
from app.ui.operations.move_copy import KEEP_BOTH, REPLACE, Conflict
from app.ui.texts import arg


class ConflictDialog(QDialog):
    """One conflict: the user clicks Keep both, Replace or Skip (then `choice` says which) or Cancel."""

    def __init__(
        self, conflict: Conflict, folder: str, *, moving: bool, others: int, parent: QWidget | None = None
    ) -> None:
        """Ask about `conflict` in the folder called `folder`; `others` conflicts come after it."""
        super().__init__(parent)
        self.choice: str | None = None
        item, existing = conflict.item, conflict.existing
        self.setWindowTitle(self.tr("Name already taken"))
        self.setAccessibleName(self.tr("Name already taken"))
        self.question = question = QLabel(
            arg(
                self.tr("“%1” already exists in “%2”. What should happen to the one you are adding?"),
                display_name(item.name),
                display_name(folder),
            ),
            self,
        )
        question.setWordWrap(True)
        details = QFormLayout()
        details.addRow(self.tr("Already there:"), QLabel(self._describe(existing), self))
        arriving = self.tr("Moved here:") if moving else self.tr("Copied here:")
        details.addRow(arriving, QLabel(self._describe(item), self))
        self.apply_to_all = QCheckBox(self.tr("Do the same for the %n other conflict(s)", "", others), self)
        self.apply_to_all.setVisible(others > 0)
        buttons = QDialogButtonBox(self)
        self.keep_both = self._button(buttons, self.tr("&Keep both"), KEEP_BOTH)
        self.keep_both.setToolTip(self.tr("The one added gets a new name, such as “name (1).txt”"))
        self.replace = self._button(buttons, self.tr("&Replace"), REPLACE)
        if not conflict.replaceable:
            self.replace.setEnabled(False)
            self.replace.setToolTip(self.tr("A file and a folder cannot replace each other"))
        elif moving or item.is_folder:
            self.replace.setToolTip(self.tr("The one already there goes to the recycle bin"))
        else:
            self.replace.setToolTip(
                self.tr("The file already there gets the copied content as a new version")
            )
        self.skip = self._button(buttons, self.tr("&Skip"), None)
        self.skip.setToolTip(self.tr("This item stays where it is"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(details)
        layout.addWidget(self.apply_to_all)
        layout.addWidget(buttons)
        self.keep_both.setDefault(True)

    def _button(self, buttons: QDialogButtonBox, text: str, choice: str | None) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        assert isinstance(button, QPushButton)
        button.clicked.connect(lambda: self._chosen(choice))
        return button

    def _chosen(self, choice: str | None) -> None:
        self.choice = choice
        self.accept()

    def _describe(self, dentry: Dentry) -> str:
        when = format_time(dentry.modified_time)
        if dentry.is_folder:
            return arg(self.tr("Folder, modified %1"), when)
        return arg(self.tr("%1, modified %2"), format_size(dentry.size), when)


def ask_conflicts(
    parent: QWidget, conflicts: list[Conflict], folder: str, *, moving: bool
) -> dict[str, str | None] | None:
    """Ask about each conflict (once for all, if the user says so); None when the user cancels.

    Returns:
        Item id → `KEEP_BOTH`, `REPLACE` or None (skip it).
    """
    choices: dict[str, str | None] = {}
    waiting = list(conflicts)
    while waiting:
        conflict = waiting.pop(0)
        dialog = ConflictDialog(conflict, folder, moving=moving, others=len(waiting), parent=parent)
        answered, to_all = dialog.exec(), dialog.apply_to_all.isChecked()
        dialog.deleteLater()
        if not answered:
            return None
        choices[conflict.item.id] = dialog.choice
        if to_all:
            # Replace where it can be done; the others are asked about on their own.
            same = [c for c in waiting if dialog.choice != REPLACE or c.replaceable]
            choices.update({c.item.id: dialog.choice for c in same})
            waiting = [c for c in waiting if c not in same]
    return choices
