"""The results of searching a space by name: pick one to go to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.api.models import SearchHit
from app.ui.models.display_names import display_name
from app.ui.texts import arg


class SearchDialog(QDialog):
    """A list of hits; activating one emits `chosen`.

    Signals:
        chosen(object): the `SearchHit` the user picked.
    """

    chosen = Signal(object)

    def __init__(self, keyword: str, hits: list[SearchHit], parent: QWidget | None = None) -> None:
        """Show `hits` for `keyword`."""
        super().__init__(parent)
        shown = display_name(keyword)
        self.setWindowTitle(arg(self.tr("Search: %1"), shown))
        self.setAccessibleName(self.tr("Search results"))
        if hits:
            summary = QLabel(arg(self.tr("%n item(s) found for “%1”", "", len(hits)), shown), self)
        else:
            summary = QLabel(arg(self.tr("Nothing found for “%1”"), shown), self)
        summary.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Search results list"))
        for hit in hits:
            item = QListWidgetItem(f"{display_name(hit.name)}    —    {display_name(hit.path or '')}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        self.results.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
