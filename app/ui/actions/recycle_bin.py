"""Delete to the recycle bin (and undo it), restore, delete forever, empty the bin: ask, then operate.

A delete says that the items went to the recycle bin and offers to undo it (Edit → Undo, Ctrl+Z,
and a button in the status line); undoing restores them where they were. In the recycle bin view,
Restore puts the chosen items back, Delete forever and Empty recycle bin ask first. A restore
where some items fail says which and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from app.api.client import StorageClient
from app.api.models import ItemResult, RecycleItem
from app.ui.actions.context import ActionContext
from app.ui.errors import explain_api
from app.ui.models.display_names import display_name
from app.ui.operations import dentries, recycle_bin
from app.ui.operations.recycle_bin import Restored
from app.ui.texts import arg

MOST_NAMES_SHOWN = 12
"""Items that failed to restore named one per line, at most; the rest are counted."""


class RecycleBinSelection(Protocol):
    """The recycle bin on screen, and what the user chose in it."""

    def selected_items(self) -> list[RecycleItem]:
        """The chosen items."""
        ...

    def shown_bin(self) -> tuple[StorageClient, str, str, list[RecycleItem]] | None:
        """The client, space id and bin id of the bin on screen, with all its items (None: none)."""
        ...


class RecycleBinActions(QObject):
    """Delete to the bin with undo; restore, delete forever and empty in the recycle bin view.

    Signals:
        undoChanged(str): what Undo would undo now (empty: nothing).
    """

    undoChanged = Signal(str)

    def __init__(self, context: ActionContext, shown_bin: RecycleBinSelection) -> None:
        """Actions in `context`; restore and delete forever act on `shown_bin`."""
        super().__init__(context.parent)
        self.context = context
        self.shown_bin = shown_bin
        # The last delete: its client and space, and the names of the dentries it sent to the bin.
        self._undo: tuple[StorageClient, str, dict[str, str]] | None = None

    # --- delete, and undo ---------------------------------------------------------------------

    def delete(self) -> None:
        """Move the selected items to the recycle bin, after asking; then offer to undo it."""
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
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            context.parent,
        )
        box.setInformativeText(self.tr("You can undo this, or restore from the recycle bin later."))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        client, space_id = connection.client, context.location.space_id
        names = {dentry.id: dentry.name for dentry in chosen}
        context.run(
            dentries.delete(client, space_id, list(names)).success(
                lambda results: self._deleted(client, space_id, names, results)
            )
        )

    def _deleted(
        self, client: StorageClient, space_id: str, names: dict[str, str], results: list[ItemResult]
    ) -> None:
        gone = {result.dentry_id: names[result.dentry_id] for result in results if result.success}
        if gone:
            self._set_undo((client, space_id, gone))
            if len(gone) == 1:
                said = arg(self.tr("Moved “%1” to the recycle bin."), display_name(next(iter(gone.values()))))
            else:
                said = self.tr("Moved %Ln item(s) to the recycle bin.", "", len(gone))
            self.context.status.show_undoable(said)
        failed = [result for result in results if not result.success]
        if failed:
            reason = explain_api(failed[0].error_code or "unknownError")
            self.context.status.show_error(
                arg(self.tr("%Ln item(s) could not be deleted: %1", "", len(failed)), reason.sentence),
                reason.details,
            )

    def _set_undo(self, undo: tuple[StorageClient, str, dict[str, str]] | None) -> None:
        self._undo = undo
        if undo is None:
            self.undoChanged.emit("")
        else:
            self.undoChanged.emit(
                self.tr("Bring back the %Ln item(s) just moved to the recycle bin", "", len(undo[2]))
            )

    def forget_undo(self) -> None:
        """Nothing to undo any more (another account is shown)."""
        self._set_undo(None)

    def undo(self) -> None:
        """Restore what the last delete sent to the recycle bin, where it was."""
        if self._undo is None:
            return
        client, space_id, deleted = self._undo
        self._set_undo(None)
        self.context.status.show_status(self.tr("Restoring…"))
        self.context.run(recycle_bin.undo_delete(client, space_id, deleted).success(self._restored))

    # --- the recycle bin view -----------------------------------------------------------------

    def restore(self) -> None:
        """Put the chosen items of the bin back where they were deleted from."""
        shown = self.shown_bin.shown_bin()
        chosen = self.shown_bin.selected_items()
        if shown is None or not chosen:
            return
        client, space_id, bin_id, _items = shown
        self.context.status.show_status(self.tr("Restoring…"))
        self.context.run(recycle_bin.restore(client, space_id, bin_id, chosen).success(self._restored))

    def _restored(self, restored: Restored) -> None:
        status = self.context.status
        if restored.dentries:
            status.show_status(self.tr("Restored %Ln item(s).", "", len(restored.dentries)))
        else:
            status.show_status("")
        if restored.failures:
            self._say_failures(restored.failures)

    def _say_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        """A message naming each item that was not restored, and why (in the user's language)."""
        lines = [
            arg(self.tr("“%1”: %2"), display_name(name), explain_api(code).sentence)
            for name, code in failures[:MOST_NAMES_SHOWN]
        ]
        if len(failures) > MOST_NAMES_SHOWN:
            lines.append(self.tr("and %Ln more", "", len(failures) - MOST_NAMES_SHOWN))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore"),
            self.tr("%Ln item(s) could not be restored:", "", len(failures)),
            QMessageBox.StandardButton.Ok,
            self.context.parent,
        )
        box.setInformativeText("\n".join(lines))
        box.exec()

    def delete_forever(self) -> None:
        """Delete the chosen items of the bin for good, after asking."""
        shown = self.shown_bin.shown_bin()
        chosen = self.shown_bin.selected_items()
        if shown is None or not chosen:
            return
        if len(chosen) == 1:
            question = arg(self.tr("Delete “%1” forever?"), display_name(chosen[0].original_name))
        else:
            question = self.tr("Delete these %Ln item(s) forever?", "", len(chosen))
        if not self._confirm(self.tr("Delete forever"), question):
            return
        client, space_id, bin_id, _items = shown
        ids = [item.id for item in chosen]
        operation = recycle_bin.delete_forever(client, space_id, bin_id, ids)
        self.context.run(
            operation.success(
                lambda _none: self.context.status.show_status(
                    self.tr("Deleted %Ln item(s) forever.", "", len(ids))
                )
            )
        )

    def empty(self) -> None:
        """Delete everything in the bin for good, after asking."""
        shown = self.shown_bin.shown_bin()
        if shown is None:
            return
        client, space_id, bin_id, items = shown
        question = self.tr("Delete all %Ln item(s) in the recycle bin forever?", "", len(items))
        if not self._confirm(self.tr("Empty recycle bin"), question):
            return
        ids = [item.id for item in items]
        operation = recycle_bin.empty(client, space_id, bin_id, ids)
        self.context.run(
            operation.success(
                lambda _none: self.context.status.show_status(self.tr("The recycle bin is empty."))
            )
        )

    def _confirm(self, title: str, question: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.context.parent,
        )
        box.setInformativeText(self.tr("This cannot be undone."))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
