"""Searching the whole space by name (SearchDentries), and jumping to one of the results."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from app.api.models import Dentry, SearchHit
from app.ui.models.path_walker import PathWalker

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class SearchDialog(QDialog):
    """A list of hits; activating one emits `chosen`.

    Signals:
        chosen(object): the `SearchHit` the user picked.
    """

    chosen = Signal(object)

    def __init__(self, keyword: str, hits: list[SearchHit], parent: QWidget | None = None) -> None:
        """Show `hits` for `keyword`."""
        super().__init__(parent)
        self.setWindowTitle(f"Search: {keyword}")
        self.setAccessibleName("Search results")
        summary = QLabel(f"{len(hits)} found for “{keyword}”" if hits else f"Nothing found for “{keyword}”")
        self.results = QListWidget(self)
        self.results.setAccessibleName("Search results list")
        for hit in hits:
            item = QListWidgetItem(f"{hit.name}    —    {hit.path or ''}")
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


class SpaceSearch:
    """Runs a search for the window's filter text and goes to the hit the user picks."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def start(self) -> None:
        """Search the whole space for the filter text (SearchDentries)."""
        window = self.window
        keyword = window.filter_edit.text().strip().strip("*?")
        connection = window.session.connection
        space = window.current_space()
        if not keyword or connection is None or space is None:
            return
        window.state_label.setText(f"Searching for “{keyword}”…")

        def show(result: tuple[list[SearchHit], str | None]) -> None:
            window.state_label.setText("")
            dialog = SearchDialog(keyword, result[0], window)
            dialog.chosen.connect(self._chosen)
            window.keep(dialog)
            dialog.open()

        window.background.submit(
            lambda: connection.client.search_dentries(keyword, space_ids=[space.id], max_results=50),
            on_done=show,
            on_error=lambda error: window.show_error(str(error)),
        )

    def _chosen(self, hit: SearchHit) -> None:
        window = self.window
        names = [part for part in (hit.path or "").split("/") if part]
        if not names:
            return
        *folder, name = names

        def select(chain: list[Dentry]) -> None:
            window.go_to(chain)
            window.select_when_listed(name)

        PathWalker(window.model, folder, on_found=select, on_missing=window.show_error)
