"""A file's versions: list them in a dialog, download one, restore one as the newest.

Listing and restoring are operations (off the UI thread); a restore announces the file as it now
is and that its versions changed, so the folder views show its new size and time and an open
versions dialog lists the versions again. A download of a version is a pinned job of the transfer
engine: it fetches that version whatever becomes of the file meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from app.api.models import Dentry
from app.ui.actions.context import ActionContext
from app.ui.dialogs.versions import VersionsDialog
from app.ui.errors import explain
from app.ui.models.display_names import display_name
from app.ui.operations import versions
from app.ui.operations.changes import Changes
from app.ui.texts import arg


class VersionActions(QObject):
    """Versions… on the current file: the dialog, and what its buttons do."""

    def __init__(self, context: ActionContext, download_folder: Callable[[], Path] = Path.home) -> None:
        """Actions in `context`; an open dialog lists the versions again when they change.

        `download_folder` is where the folder chooser of a version's download starts.
        """
        super().__init__(context.parent)
        self.context = context
        self._download_folder = download_folder
        self.dialog: VersionsDialog | None = None
        self._space_id = ""
        context.bus.changed.connect(self._changed)

    def show_versions(self) -> None:
        """Open the versions dialog of the current file."""
        context = self.context
        file = context.selection.current()
        if file is None or file.is_folder or context.connection is None:
            return
        if self.dialog is not None:
            self.dialog.close()
        dialog = VersionsDialog(file, context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._closed(dialog))
        dialog.downloadRequested.connect(self.download)
        dialog.restoreRequested.connect(self.restore)
        self.dialog, self._space_id = dialog, context.location.space_id
        dialog.open()
        self._list()

    def _closed(self, dialog: VersionsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _list(self) -> None:
        dialog, connection = self.dialog, self.context.connection
        if dialog is None or connection is None:
            return
        operation = versions.list_versions(connection.client, self._space_id, dialog.file.id)

        def listed(found: list[Dentry]) -> None:
            if self.dialog is dialog:
                dialog.show_versions(found)

        def failed(error: BaseException) -> None:
            if self.dialog is dialog:
                dialog.show_error(explain(error).sentence)

        self.context.run(operation.success(listed), failed)

    def _changed(self, changes: Changes) -> None:
        dialog = self.dialog
        if (
            dialog is not None
            and changes.space_id == self._space_id
            and dialog.file.id in changes.versions_of
        ):
            self._list()

    def restore(self, version: Dentry) -> None:
        """Make `version` the file's newest version (a new version with its bytes)."""
        connection = self.context.connection
        if connection is None or version.version is None:
            return
        number = version.version
        name = display_name(version.name)
        operation = versions.restore_version(connection.client, self._space_id, version.id, number)
        self.context.status.show_status(arg(self.tr("Restoring version %1 of “%2”…"), str(number), name))
        self.context.run(
            operation.success(
                lambda _file: self.context.status.show_status(
                    arg(
                        self.tr("Restored version %1 of “%2”: it is the newest version now."),
                        str(number),
                        name,
                    )
                )
            ),
            lambda error: self.context.status.show_failure(
                error, arg(self.tr("Cannot restore version %1: %2"), str(number), "%1")
            ),
        )

    def download(self, version: Dentry) -> None:
        """Save `version` in a folder the user picks, named after the file and its version number."""
        context = self.context
        connection = context.connection
        if connection is None or version.version is None:
            return
        parent = self.dialog if self.dialog is not None else context.parent
        start = self._download_folder()
        folder = QFileDialog.getExistingDirectory(
            parent, self.tr("Download to"), str(start if start.is_dir() else Path.home())
        )
        if not folder:
            return
        name = PurePosixPath(version.name)
        local_name = arg(self.tr("%1 (version %2)%3"), name.stem, str(version.version), name.suffix)
        context.transfers.add_download(
            connection.account.name,
            self._space_id,
            version.id,
            version.name,
            Path(folder) / local_name,
            conflict="rename",
            version=version.version,
            size=version.size,
            pinned=True,
        )
        context.status.show_status(
            arg(self.tr("Downloading version %1 of “%2”…"), str(version.version), display_name(version.name))
        )
