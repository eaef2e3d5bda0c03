"""The versions of one file: number, size, when and by whom each was saved; download or restore one.

The dialog only shows and asks; `app.ui.actions.versions` lists the versions off the UI thread,
downloads and restores, and fills the dialog again once a restore is announced.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.api.models import Dentry
from app.ui.models.display_names import display_name
from app.ui.models.file_types import format_size, format_time_long
from app.ui.texts import arg

VersionRole = Qt.ItemDataRole.UserRole + 1
"""The version's `Dentry` on the first column of its row."""


class VersionsDialog(QDialog):
    """A file's versions, newest first, with Download this version and Restore this version.

    Signals:
        downloadRequested(object): the user wants this version (a `Dentry`) saved on the computer.
        restoreRequested(object): the user wants this version (a `Dentry`) to be the newest again.
    """

    downloadRequested = Signal(object)
    restoreRequested = Signal(object)

    def __init__(self, file: Dentry, parent: QWidget | None = None) -> None:
        """An empty list for `file`, saying it is loading (`show_versions` fills it)."""
        super().__init__(parent)
        self.file = file
        self.setWindowTitle(arg(self.tr("Versions of %1"), display_name(file.name)))
        self.setAccessibleName(self.tr("Versions"))
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Versions of the file"))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [self.tr("Version"), self.tr("Size"), self.tr("Saved"), self.tr("Saved by")]
        )
        header = self.table.header()
        header.setStretchLastSection(False)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.state = QLabel(self.tr("Loading…"), self)
        self.state.setAccessibleName(self.tr("Versions state"))
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.download_button = QPushButton(self.tr("&Download this version…"), self)
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        self.restore_button.setToolTip(
            self.tr("Save this version's content as the newest version; the other versions stay")
        )
        for button in (self.download_button, self.restore_button):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))
        buttons.rejected.connect(self.reject)
        self.download_button.clicked.connect(lambda: self._request(self.downloadRequested.emit))
        self.restore_button.clicked.connect(lambda: self._request(self.restoreRequested.emit))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.resize(640, 320)
        self._newest = 0
        self._update_buttons()

    def show_versions(self, versions: list[Dentry]) -> None:
        """List these versions (newest first); the row of the version chosen before stays chosen."""
        chosen = self.chosen()
        self.table.clear()
        locale = QLocale()
        self._newest = newest = max((version.version or 0 for version in versions), default=0)
        for version in versions:
            number = version.version or 0
            label = (
                arg(self.tr("%1 (current)"), locale.toString(number))
                if number == newest
                else locale.toString(number)
            )
            item = QTreeWidgetItem(
                [
                    label,
                    format_size(version.size, locale),
                    format_time_long(version.modified_time, locale) if version.modified_time else "—",
                    display_name(version.modifier_id or ""),
                ]
            )
            item.setData(0, VersionRole, version)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
            if chosen is not None and number == chosen.version:
                item.setSelected(True)
        self.state.setText(self.tr("%Ln version(s)", "", len(versions)))
        self._update_buttons()

    def show_error(self, sentence: str) -> None:
        """Say why the versions could not be listed."""
        self.state.setText(sentence)

    def chosen(self) -> Dentry | None:
        """The version chosen (None: none)."""
        items = self.table.selectedItems()
        return items[0].data(0, VersionRole) if items else None

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        self.download_button.setEnabled(chosen is not None)
        # Restoring the newest version would only repeat it.
        self.restore_button.setEnabled(chosen is not None and (chosen.version or 0) != self._newest)

    def _request(self, emit: Callable[[object], object]) -> None:
        chosen = self.chosen()
        if chosen is not None:
            emit(chosen)
