"""The status line: how many items the folder shows and what is selected, and what is going on.

It is the window's one place for messages and errors (`show_status`, `show_error`,
`show_failure`): errors are said in the user's language (`app.ui.errors`), and their details (the
service's own message, code and request id) are the tooltip of the sentence. It keeps its count up
to date from the views, the folder's listing and announced changes.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from app.ui.errors import explain
from app.ui.models.dentry_model import DentryModel
from app.ui.models.display_names import display_lines, display_name
from app.ui.models.file_types import format_size
from app.ui.operations.changes import Changes
from app.ui.texts import arg
from app.ui.widgets.file_views import FileViews

ERROR_SHOWN_MS = 10_000


class StatusLine(QObject):
    """Two labels in the window's status bar: the item count and the state (loading, errors…)."""

    def __init__(self, bar: QStatusBar, views: FileViews, model: DentryModel) -> None:
        """Labels in `bar` about the folder `views` show (listed by `model`)."""
        super().__init__(bar)
        self._bar = bar
        self._views = views
        self._model = model
        self.count_label = QLabel(bar)
        self.count_label.setAccessibleName(self.tr("Item count"))
        self.state_label = QLabel(bar)
        self.state_label.setAccessibleName(self.tr("Status"))
        bar.addWidget(self.count_label)
        bar.addWidget(self.state_label, 1)
        views.selectionChanged.connect(self.update_count)
        views.proxy.rowsInserted.connect(self.update_count)
        views.proxy.rowsRemoved.connect(self.update_count)
        views.proxy.modelReset.connect(self.update_count)
        views.proxy.layoutChanged.connect(self.update_count)
        model.loadingChanged.connect(self._loading_changed)
        model.folderError.connect(self._folder_error)

    def show_status(self, text: str) -> None:
        """Say what is going on (empty: nothing); names in it are shown safely, as everywhere."""
        self.state_label.setText(display_name(text))
        self.state_label.setToolTip("")

    def show_error(self, message: str, details: str = "") -> None:
        """Say what went wrong (one place for errors); `details` become the tooltip."""
        self.state_label.setText(display_name(message))
        self.state_label.setToolTip(display_lines(details))
        self._bar.showMessage(display_name(message), ERROR_SHOWN_MS)

    def show_failure(self, error: BaseException, template: str = "%1") -> None:
        """Say why something failed: `template` (translated, ``%1`` the reason) and the details."""
        text = explain(error)
        self.show_error(arg(template, text.sentence), text.details)

    def apply_changes(self, changes: Changes) -> None:
        """Count again when an operation changed dentries (a selected file's size may differ)."""
        if changes.dentries_changed:
            self.update_count()

    def update_count(self, *_args: object) -> None:
        """``12 items — 2 selected (3.4 MiB)``; ``12+ items`` while the folder has more pages."""
        count = self._views.proxy.rowCount()
        if self._model.canFetchMore(self._views.rows.folder()):
            text = self.tr("%Ln+ item(s)", "", count)
        else:
            text = self.tr("%Ln item(s)", "", count)
        selected = self._views.selected()
        if selected:
            files = [d for d in selected if not d.is_folder]
            if files:
                size = format_size(sum(d.size or 0 for d in files))
                text = arg(self.tr("%1 — %2 selected (%3)"), text, QLocale().toString(len(selected)), size)
            else:
                text = arg(self.tr("%1 — %2 selected"), text, QLocale().toString(len(selected)))
        self.count_label.setText(text)

    def _loading_changed(self, folder: QModelIndex, loading: bool) -> None:
        if folder == self._views.rows.folder():
            self.show_status(self.tr("Loading…") if loading else "")
            self.update_count()

    def _folder_error(self, folder: QModelIndex, message: str) -> None:
        if folder == self._views.rows.folder():
            self.state_label.setText(display_name(message))
