"""What the user does to files and folders: open, properties, new folder, rename.

Each change is an operation (`app.ui.operations.dentries`): it goes to the service off the UI
thread and announces what it changed, and the views update themselves in place (no reload of the
folder), so they keep their scroll position and selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from app.api.models import Dentry
from app.transfers.names import name_problem
from app.ui.actions.context import ActionContext
from app.ui.core_sentences import translate_sentence
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.models.display_names import display_name
from app.ui.operations import dentries
from app.ui.texts import arg


class FileActions(QObject):
    """Open, properties, new folder and rename, on the current folder and selection.

    Deleting is the recycle bin's (`app.ui.actions.recycle_bin`): it can be undone.
    """

    def __init__(self, context: ActionContext, open_file: Callable[[Dentry], object]) -> None:
        """Actions in `context`; a file is opened with `open_file` (edit in place)."""
        super().__init__(context.parent)
        self.context = context
        self._open_file = open_file

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
            self._open_file(dentry)

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
