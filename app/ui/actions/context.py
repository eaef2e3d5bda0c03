"""What the actions know of the window: small interfaces, so that they need no window to work.

The window's parts provide them: the navigator is the `Location`, the file views are the
`Selection`, the status line is the `Status`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from app.api.client import StorageClient
from app.api.models import Dentry, Space
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession, Connection
from app.ui.background import Background
from app.ui.operations import ChangeBus, Operation


class Location(Protocol):
    """Where the user is."""

    @property
    def space_id(self) -> str:
        """The space shown (empty when none)."""
        ...

    def folder_id(self) -> str:
        """The folder shown (``"0"``: the space root)."""
        ...

    def folder_name(self) -> str:
        """The name of the folder shown (the space's at its root)."""
        ...

    def set_space(self, client: StorageClient, space: Space) -> None:
        """Show another space (its root, or the folder last shown in it)."""
        ...

    def open_folder(self, folder: Dentry) -> None:
        """Go into a folder of the current one."""
        ...

    def go_to_path(self, path: str, *, record: bool = True, then: Callable[[], object] | None = None) -> None:
        """Go to a folder given as ``/a/b``; then call `then`."""
        ...


class Selection(Protocol):
    """What the user chose in the current folder."""

    def current(self) -> Dentry | None:
        """The item with the keyboard focus."""
        ...

    def selected(self) -> list[Dentry]:
        """The selected items."""
        ...

    def select_name(self, name: str) -> bool:
        """Select an item of the current folder by name; False when it is not listed."""
        ...

    def select_when_listed(self, name: str) -> None:
        """Select an item of the current folder by name, now or once it is listed."""
        ...


class Status(Protocol):
    """The one place that tells the user what is going on and what went wrong."""

    def show_status(self, text: str) -> None:
        """Say what is going on (empty: nothing)."""
        ...

    def show_undoable(self, text: str) -> None:
        """Say what was just done, with a button that undoes it (the window's Undo)."""
        ...

    def show_error(self, message: str, details: str = "") -> None:
        """Say what went wrong (in the user's language), with details for those who look further."""
        ...

    def show_failure(self, error: BaseException, template: str = "%1") -> None:
        """Say why something failed: `template` (translated, ``%1`` the reason) and the details."""
        ...


@dataclass(frozen=True)
class ActionContext:
    """Everything an action may use.

    Attributes:
        parent: the widget that owns the dialogs the actions open.
        session: the account shown, with its client.
        background: where operations run.
        bus: where operations announce what they changed.
        transfers: the transfer engine.
        location: where the user is.
        selection: what the user chose.
        status: where messages and errors go.
    """

    parent: QWidget
    session: AccountSession
    background: Background
    bus: ChangeBus
    transfers: TransferManager
    location: Location
    selection: Selection
    status: Status

    @property
    def connection(self) -> Connection | None:
        """The account's connection (None while connecting)."""
        return self.session.connection

    def run(
        self, operation: Operation[Any], failure: Callable[[BaseException], object] | None = None
    ) -> None:
        """Run an operation; a failure goes to `failure`, or else to the status line."""
        operation.failure(failure or self.status.show_failure)
        operation.run_in_background(self.background, self.bus)
