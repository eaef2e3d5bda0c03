"""Share…: the dialog of members and roles for the chosen items, and the calls it asks for.

The dialog opens at once and fills itself as the service answers (the members granted on each
item, the user's own role there). Every change is an operation that announces the permissions it
changed; the list is then read again, so the dialog shows what the service holds.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from app.ui.actions.context import ActionContext
from app.ui.actions.roles import RoleGate
from app.ui.dialogs.share import ShareDialog
from app.ui.errors import explain
from app.ui.models.roles import role_name
from app.ui.operations import Operation
from app.ui.operations import permissions as sharing
from app.ui.operations.permissions import Grant
from app.ui.texts import arg


class ShareActions(QObject):
    """Opens the Share… dialog on the chosen items and carries out what the user asks in it."""

    def __init__(self, context: ActionContext, gate: RoleGate) -> None:
        """Actions in `context`; `gate` knows the user's roles."""
        super().__init__(context.parent)
        self.context = context
        self.gate = gate
        self.dialog: ShareDialog | None = None

    def share(self) -> None:
        """Show who holds which role on the chosen items, to add, change or remove members."""
        context = self.context
        items = self.gate.chosen()
        connection = context.connection
        if not items or connection is None:
            return
        dialog = ShareDialog(items, context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        space_id = context.location.space_id
        client = connection.client
        dialog.addRequested.connect(
            lambda union_id, role, duration: self._run(
                dialog,
                sharing.grant(client, space_id, items, union_id, role, duration),
                arg(self.tr("%1 now holds the role %2"), union_id, role_name(role)),
            )
        )
        dialog.changeRequested.connect(
            lambda grants, role: self._run(
                dialog,
                sharing.change(client, space_id, grants, role),
                arg(self.tr("The chosen members now hold the role %1"), role_name(role)),
            )
        )
        dialog.removeRequested.connect(
            lambda grants: self._run(dialog, sharing.remove(client, space_id, grants), self._removed(grants))
        )

        def own_role() -> None:
            role = self.gate.least_role(items)
            dialog.set_own_role(role, self.gate.items_refusal("share", items) if role is not None else None)

        self.gate.roles.changed.connect(own_role)
        dialog.destroyed.connect(lambda: self.gate.roles.changed.disconnect(own_role))
        own_role()
        self.dialog = dialog
        dialog.destroyed.connect(self._closed)
        dialog.open()
        self._load(dialog)

    def _closed(self) -> None:
        self.dialog = None

    def _removed(self, grants: list[Grant]) -> str:
        members = sorted({grant.permission.member_id for grant in grants})
        return arg(self.tr("Taken back: %1"), ", ".join(members))

    def _load(self, dialog: ShareDialog) -> None:
        connection = self.context.connection
        if connection is None:
            return
        operation = sharing.list_grants(connection.client, self.context.location.space_id, dialog.items)
        operation.success(lambda grants: dialog.set_grants(grants) if dialog is self.dialog else None)
        self.context.run(operation, lambda error: self._failed(dialog, error))

    def _run(self, dialog: ShareDialog, operation: Operation[None], done: str) -> None:
        dialog.show_message(self.tr("Asking the service…"))

        def succeeded(_none: None) -> None:
            if dialog is not self.dialog:
                return  # closed meanwhile; the change was announced all the same
            dialog.show_message(done)
            dialog.union_id.clear()
            self._load(dialog)

        self.context.run(operation.success(succeeded), lambda error: self._failed(dialog, error))

    def _failed(self, dialog: ShareDialog, error: BaseException) -> None:
        if dialog is not self.dialog:
            self.context.status.show_failure(error)
            return
        text = explain(error)
        dialog.show_message(arg(self.tr("Not done: %1"), text.sentence), text.details)
