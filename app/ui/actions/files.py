"""What the user does to files and folders: open, properties, new folder, rename, delete.

Each change is an operation (`app.ui.operations.dentries`): it goes to the service off the UI
thread and announces what it changed, and the views update themselves in place (no reload of the
folder), so they keep their scroll position and selection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from app.api.models import Dentry, ItemResult
from app.transfers.journal import Kind, State
from app.transfers.manager import JobEvent
from app.transfers.names import name_problem
from app.ui.actions.context import ActionContext
from app.ui.core_sentences import translate_sentence
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.errors import explain_api, explain_text
from app.ui.models.display_names import display_name
from app.ui.operations import dentries
from app.ui.texts import arg


class FileActions(QObject):
    """Open, properties, new folder, rename and delete, on the current folder and selection."""

    def __init__(self, context: ActionContext, cache_dir: Path) -> None:
        """Actions in `context`; files opened are downloaded under `cache_dir`."""
        super().__init__(context.parent)
        self.context = context
        self.cache_dir = cache_dir
        self._opening: dict[int, Path] = {}

    def open_current(self) -> None:
        """Open the current item."""
        dentry = self.context.selection.current()
        if dentry is not None:
            self.open(dentry)

    def open(self, dentry: Dentry) -> None:
        """A folder: go in; a file: open it with its application."""
        if dentry.is_folder:
            self.context.location.open_folder(dentry)
        else:
            self.open_file(dentry)

    def open_file(self, dentry: Dentry) -> None:
        """Download a file to the cache (through the transfer engine), then open it."""
        connection = self.context.connection
        if connection is None:
            return
        space_id = self.context.location.space_id
        target = self.cache_dir / "open" / space_id / f"{dentry.id}-v{dentry.version}" / dentry.name
        if target.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            return
        job = self.context.transfers.add_download(
            connection.account.name,
            space_id,
            dentry.id,
            dentry.name,
            target,
            conflict="overwrite",
            version=dentry.version,
            size=dentry.size,
        )
        self._opening[job.id] = target
        self.context.status.show_status(arg(self.tr("Downloading “%1” to open it…"), dentry.name))

    def transfer_event(self, event: JobEvent) -> None:
        """Open a file once its download for opening is done."""
        job = event.job
        if job.id not in self._opening or job.kind != Kind.DOWNLOAD:
            return
        if job.state == State.DONE:
            target = self._opening.pop(job.id)
            self.context.status.show_status("")
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif job.state == State.FAILED:
            self._opening.pop(job.id)
            reason = explain_text(job.error or "")
            self.context.status.show_error(
                arg(self.tr("Could not open “%1”: %2"), job.remote_name, reason.sentence), reason.details
            )

    def show_properties(self) -> None:
        """Show every field of the current item, fetched fresh from the service."""
        context = self.context
        dentry = context.selection.current()
        connection = context.connection
        if dentry is None or connection is None:
            return

        local = connection.account.is_local

        def show(fresh: Dentry) -> None:
            dialog = PropertiesDialog(fresh, context.parent, local=local)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        context.run(dentries.fetch(connection.client, context.location.space_id, dentry.id).success(show))

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        parent = self.context.parent
        name, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        name = name.strip()
        if not ok or not name or name == text:
            return None
        problem = name_problem(name)
        if problem is not None:
            reason = translate_sentence(problem) or problem
            QMessageBox.warning(
                parent, title, arg(self.tr("“%1” cannot be used: %2."), display_name(name), reason)
            )
            return None
        return name

    def new_folder(self) -> None:
        """Create a folder in the current folder and select it."""
        context = self.context
        connection = context.connection
        if connection is None or not context.location.space_id:
            return
        name = self._ask_name(self.tr("New folder"), self.tr("Name of the new folder:"), "")
        if name is None:
            return
        location = context.location
        operation = dentries.new_folder(connection.client, location.space_id, location.folder_id(), name)
        context.run(operation.success(lambda folder: context.selection.select_name(folder.name)))

    def rename(self) -> None:
        """Rename the current item."""
        context = self.context
        dentry = context.selection.current()
        connection = context.connection
        if dentry is None or connection is None:
            return
        shown = display_name(dentry.name)
        name = self._ask_name(self.tr("Rename"), arg(self.tr("New name for “%1”:"), shown), shown)
        if name is None:
            return
        context.run(dentries.rename(connection.client, context.location.space_id, dentry.id, name))

    def delete(self) -> None:
        """Move the selected items to the recycle bin, after asking."""
        context = self.context
        current = context.selection.current()
        chosen = context.selection.selected() or ([current] if current is not None else [])
        connection = context.connection
        if not chosen or connection is None:
            return
        if len(chosen) == 1:
            question = arg(self.tr("Move “%1” to the recycle bin?"), display_name(chosen[0].name))
        else:
            question = self.tr("Move these %Ln item(s) to the recycle bin?", "", len(chosen))
        answer = QMessageBox.question(context.parent, self.tr("Delete"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(results: list[ItemResult]) -> None:
            failed = [result for result in results if not result.success]
            if failed:
                reason = explain_api(failed[0].error_code or "unknownError")
                context.status.show_error(
                    arg(self.tr("%Ln item(s) could not be deleted: %1", "", len(failed)), reason.sentence),
                    reason.details,
                )

        ids = [dentry.id for dentry in chosen]
        context.run(dentries.delete(connection.client, context.location.space_id, ids).success(deleted))
