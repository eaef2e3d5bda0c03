"""What the window does to files and folders: open, properties, new folder, rename, delete.

Each change is an operation (`app.ui.operations.dentries`): it goes to the service off the UI
thread and announces what it changed, and the views update themselves in place (no reload of the
folder), so they keep their scroll position and selection.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLineEdit, QMenu, QMessageBox

from app.api.models import Dentry, ItemResult
from app.transfers.journal import Kind, State
from app.transfers.manager import JobEvent
from app.transfers.names import name_problem
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.operations import Operation, dentries
from app.ui.widgets.file_views import current_dentry, selected_dentries

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class FileActions:
    """The file operations of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._opening: dict[int, Path] = {}

    def _target(self) -> Dentry | None:
        return current_dentry(self.window.current_view())

    def open_current(self) -> None:
        """Open the current item (a folder: go in; a file: open it with its application)."""
        dentry = self._target()
        if dentry is None:
            return
        if dentry.is_folder:
            self.window.go_to([*self.window.chain, dentry])
        else:
            self.open_file(dentry)

    def open_file(self, dentry: Dentry) -> None:
        """Download a file to the cache (through the transfer engine), then open it."""
        window = self.window
        connection = window.session.connection
        if connection is None:
            return
        space_id = window.model.space_id
        target = window.cache_dir / "open" / space_id / f"{dentry.id}-v{dentry.version}" / dentry.name
        if target.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            return
        job = window.transfers.add_download(
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
        window.state_label.setText(f"Downloading {dentry.name} to open it…")

    def transfer_event(self, event: JobEvent) -> None:
        """Open a file once its download for opening is done."""
        job = event.job
        if job.id not in self._opening or job.kind != Kind.DOWNLOAD:
            return
        if job.state == State.DONE:
            target = self._opening.pop(job.id)
            self.window.state_label.setText("")
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif job.state == State.FAILED:
            self._opening.pop(job.id)
            self.window.show_error(f"Could not open {job.remote_name}: {job.error}")

    def show_properties(self) -> None:
        """Show every field of the current item, fetched fresh from the service."""
        window = self.window
        dentry = self._target()
        connection = window.session.connection
        if dentry is None or connection is None:
            return

        def show(fresh: Dentry) -> None:
            dialog = PropertiesDialog(fresh, window)
            window.keep(dialog)
            dialog.open()

        self._run(dentries.fetch(connection.client, window.model.space_id, dentry.id).success(show))

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        name, ok = QInputDialog.getText(self.window, title, label, QLineEdit.EchoMode.Normal, text)
        name = name.strip()
        if not ok or not name or name == text:
            return None
        problem = name_problem(name)
        if problem is not None:
            QMessageBox.warning(self.window, title, f"“{name}” cannot be used: {problem}.")
            return None
        return name

    def new_folder(self) -> None:
        """Create a folder in the current folder and select it."""
        window = self.window
        connection = window.session.connection
        if connection is None or not window.model.space_id:
            return
        name = self._ask_name("New folder", "Name of the new folder:", "")
        if name is None:
            return
        parent_id = window.chain[-1].id if window.chain else "0"
        operation = dentries.new_folder(connection.client, window.model.space_id, parent_id, name)
        self._run(operation.success(lambda folder: window.select_name(folder.name)))

    def rename(self) -> None:
        """Rename the current item."""
        window = self.window
        dentry = self._target()
        connection = window.session.connection
        if dentry is None or connection is None:
            return
        name = self._ask_name("Rename", f"New name for “{dentry.name}”:", dentry.name)
        if name is None:
            return
        self._run(dentries.rename(connection.client, window.model.space_id, dentry.id, name))

    def delete(self) -> None:
        """Move the selected items to the recycle bin, after asking."""
        window = self.window
        chosen = selected_dentries(window.details) or [d for d in [self._target()] if d is not None]
        connection = window.session.connection
        if not chosen or connection is None:
            return
        what = f"“{chosen[0].name}”" if len(chosen) == 1 else f"these {len(chosen)} items"
        answer = QMessageBox.question(window, "Delete", f"Move {what} to the recycle bin?")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(results: list[ItemResult]) -> None:
            failed = [result for result in results if not result.success]
            if failed:
                window.show_error(f"{len(failed)} items could not be deleted ({failed[0].error_code})")

        ids = [dentry.id for dentry in chosen]
        self._run(dentries.delete(connection.client, window.model.space_id, ids).success(deleted))

    def _run(self, operation: Operation[Any]) -> None:
        operation.failure(lambda error: self.window.show_error(str(error)))
        operation.run_in_background(self.window.background, self.window.changes)

    def context_menu(self, view: QAbstractItemView, position: QPoint) -> None:
        """The right-click menu of the file views."""
        window = self.window
        menu = QMenu(window)
        menu.setAccessibleName("Item menu")
        on_item = view.indexAt(position) != QModelIndex()
        for action in (
            window.open_action,
            window.download_action,
            window.thumbnail_action,
            window.rename_action,
            window.delete_action,
            window.properties_action,
        ):
            action.setEnabled(on_item)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(window.new_folder_action)
        menu.addAction(window.refresh_action)
        menu.popup(view.viewport().mapToGlobal(position))
        window.keep(menu)
