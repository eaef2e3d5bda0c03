"""Moving and copying items: Cut, Copy and Paste, and items dragged onto a folder.

Cut (Ctrl+X) and Copy (Ctrl+C) hold the chosen items; Paste (Ctrl+V) moves or copies them into
the folder shown, in this space or another one of the account. Dropping items dragged from a file
view onto a folder (a row of either view, or the folder tree) moves them, with Ctrl copies them.
Every way ends in `MoveCopyActions.transfer`: what may not be done is refused first (a folder into
itself, the user's role), then the target folder is listed for names already taken, the user is
asked once about those (keep both, replace, skip), and the batch calls run, each announcing what
it changed, with the progress in the status line (and a progress bar for more than one call).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QProgressBar

from app.api.models import BatchItemResult, Dentry
from app.api.transport import MAX_BATCH
from app.ui.actions.context import ActionContext
from app.ui.actions.roles import RoleGate
from app.ui.dialogs.conflicts import ask_conflicts
from app.ui.errors import explain_api
from app.ui.models.dentry_model import ROOT_ID, DentryRole
from app.ui.models.display_names import display_name
from app.ui.models.item_mime import HeldItems, held_items
from app.ui.operations.move_copy import (
    BatchDone,
    Conflict,
    Plan,
    Target,
    failures,
    find_conflicts,
    move_or_copy,
    plan_of,
)
from app.ui.texts import arg


class MoveCopyActions(QObject):
    """Cut, Copy, Paste and drops of items onto folders.

    Signals:
        clipboardChanged(): Cut or Copy took items, or a paste of cut items used them up.
    """

    clipboardChanged = Signal()

    def __init__(
        self,
        context: ActionContext,
        gate: RoleGate,
        chain: Callable[[], list[Dentry]],
        space_name: Callable[[], str],
        progress: QProgressBar,
    ) -> None:
        """Actions in `context`; `chain` gives the folders down to the one shown, `progress` shows batches."""
        super().__init__(context.parent)
        self.context = context
        self.gate = gate
        self._chain = chain
        self._space_name = space_name
        self._progress = progress
        progress.hide()
        self.held: HeldItems | None = None
        self.cutting = False

    # --- what is chosen and where ------------------------------------------------------------------

    def current_items(self) -> HeldItems | None:
        """The chosen items of the folder shown, with where they are (None when nothing is chosen)."""
        context = self.context
        connection = context.connection
        current = context.selection.current()
        chosen = context.selection.selected() or ([current] if current is not None else [])
        if not chosen or connection is None or not context.location.space_id:
            return None
        return HeldItems(connection.account.key, context.location.space_id, tuple(chosen), self.chain_ids())

    def chain_ids(self) -> tuple[str, ...]:
        """The ids from the space root (``"0"``) to the folder shown."""
        return (ROOT_ID, *(folder.id for folder in self._chain()))

    def shown_target(self) -> tuple[Target, list[str]]:
        """The folder shown as a target, and the ids of the folders down to it."""
        chain = self._chain()
        name = chain[-1].name if chain else self._space_name()
        target = Target(self.context.location.space_id, self.context.location.folder_id(), name)
        return target, [ROOT_ID, *(folder.id for folder in chain)]

    # --- cut, copy, paste -------------------------------------------------------------------------

    def cut(self) -> None:
        """Hold the chosen items to move them with Paste."""
        self._hold(cutting=True)

    def copy(self) -> None:
        """Hold the chosen items to copy them with Paste."""
        self._hold(cutting=False)

    def _hold(self, *, cutting: bool) -> None:
        held = self.current_items()
        if held is None:
            return
        refusal = self.gate.items_refusal("cut" if cutting else "copy", list(held.items), list(held.chain))
        if refusal is not None:
            self.context.status.show_error(refusal)
            return
        self.held, self.cutting = held, cutting
        count = len(held.items)
        if cutting:
            self.context.status.show_status(
                self.tr("%Ln item(s) cut: paste them where they should go", "", count)
            )
        else:
            self.context.status.show_status(
                self.tr("%Ln item(s) copied: paste them where copies should go", "", count)
            )
        self.clipboardChanged.emit()

    def can_paste(self) -> bool:
        """Whether Paste has items of the account shown to move or copy into the folder shown."""
        connection = self.context.connection
        return (
            self.held is not None
            and connection is not None
            and self.held.account == connection.account.key
            and bool(self.context.location.space_id)
        )

    def paste(self) -> None:
        """Move (after Cut) or copy (after Copy) the held items into the folder shown."""
        held = self.held
        if held is None or not self.can_paste():
            return
        target, chain = self.shown_target()
        self.transfer(held, target, chain, moving=self.cutting)

    # --- moving and copying ------------------------------------------------------------------------

    def refusal(self, held: HeldItems, target: Target, chain: list[str], *, moving: bool) -> str | None:
        """Why the items may not go into the target folder (`chain`: the ids down to it); None: they may.

        An empty sentence refuses without a word: the items are in that folder already.
        """
        same_space = held.space_id == target.space_id
        inside = [item for item in held.items if item.is_folder and same_space and item.id in chain]
        if inside:
            return arg(self.tr("“%1” cannot go into itself"), display_name(inside[0].name))
        if moving and same_space and all(item.parent_id == target.folder_id for item in held.items):
            return ""
        action = "cut" if moving else "copy"
        return self.gate.folder_refusal("paste", chain) or self.gate.items_refusal(
            action, list(held.items), list(held.chain)
        )

    def transfer(self, held: HeldItems, target: Target, chain: list[str], *, moving: bool) -> None:
        """Move or copy `held` into `target` (the folder ids down to it: `chain`); ask about names taken."""
        context = self.context
        connection = context.connection
        if connection is None:
            return
        refusal = self.refusal(held, target, chain, moving=moving)
        if refusal is not None:
            if refusal:
                context.status.show_error(refusal)
            return
        # Items moved into the folder they are in stay there; copied, they are duplicated beside it.
        items = [
            item
            for item in held.items
            if not (moving and held.space_id == target.space_id and item.parent_id == target.folder_id)
        ]
        context.status.show_status(arg(self.tr("Checking the names in “%1”…"), display_name(target.name)))
        operation = find_conflicts(connection.client, target, items)
        operation.success(lambda conflicts: self._send(held, target, items, conflicts, moving))
        context.run(operation, lambda error: self._failed(error, moving))

    def _send(
        self, held: HeldItems, target: Target, items: list[Dentry], conflicts: list[Conflict], moving: bool
    ) -> None:
        context = self.context
        context.status.show_status("")
        choices = ask_conflicts(context.parent, conflicts, target.name, moving=moving) if conflicts else {}
        connection = context.connection
        if choices is None or connection is None:
            return
        plan = plan_of(moving, held.space_id, target, items, choices, conflicts)
        if not plan.count:
            context.status.show_status(self.tr("Nothing moved or copied: every item was skipped"))
            return
        sent = [item for group in plan.strategies.values() for item in group]
        done = [0]
        self._progress.setRange(0, plan.count)
        self._progress.setValue(0)
        self._progress.setVisible(plan.count > MAX_BATCH)
        self._say_progress(plan, 0, target)

        def batch_done(batch: BatchDone) -> None:
            for changes in batch.changes:
                context.bus.announce(changes)
            done[0] += len(batch.results)
            self._progress.setValue(done[0])
            self._say_progress(plan, done[0], target)

        def finished(results: list[BatchItemResult]) -> None:
            self._progress.hide()
            self._finished(held, sent, results, target, moving)

        def failed(error: BaseException) -> None:
            self._progress.hide()
            self._failed(error, moving)

        context.run(move_or_copy(connection.client, plan, batch_done).success(finished), failed)

    def _say_progress(self, plan: Plan, done: int, target: Target) -> None:
        folder = display_name(target.name)
        if plan.moving:
            text = self.tr("Moving into “%1”: %2 of %Ln item(s) done…", "", plan.count)
        else:
            text = self.tr("Copying into “%1”: %2 of %Ln item(s) done…", "", plan.count)
        self.context.status.show_status(arg(text, folder, done))

    def _finished(
        self,
        held: HeldItems,
        sent: list[Dentry],
        results: list[BatchItemResult],
        target: Target,
        moving: bool,
    ) -> None:
        status = self.context.status
        failed = failures(sent, results)
        if moving and self.cutting and held is self.held:
            # What moved is no longer where it was cut; what failed can be pasted again.
            left = tuple(item for item, _code in failed)
            self.held = HeldItems(held.account, held.space_id, left, held.chain) if left else None
            self.clipboardChanged.emit()
        if failed:
            lines = [
                arg(self.tr("%1: %2"), display_name(item.name), explain_api(code).sentence)
                for item, code in failed
            ]
            first = explain_api(failed[0][1])
            if moving:
                text = self.tr("%Ln item(s) could not be moved: %1", "", len(failed))
            else:
                text = self.tr("%Ln item(s) could not be copied: %1", "", len(failed))
            status.show_error(arg(text, first.sentence), "\n".join(lines))
            return
        count = len(sent)
        if moving:
            text = self.tr("%Ln item(s) moved into “%1”", "", count)
        else:
            text = self.tr("%Ln item(s) copied into “%1”", "", count)
        status.show_status(arg(text, display_name(target.name)))

    def _failed(self, error: BaseException, moving: bool) -> None:
        self.context.status.show_status("")
        template = self.tr("Cannot move: %1") if moving else self.tr("Cannot copy: %1")
        self.context.status.show_failure(error, template)


class ItemDrops(QObject):
    """Items dragged from a file view and dropped onto a folder: moved there, or copied with Ctrl.

    Watches the viewports of the file views (a folder row, or elsewhere: the folder shown) and of
    the folder tree (a folder row). A drop the user may not make is refused while it hovers, and
    the status line says why.
    """

    def __init__(
        self,
        actions: MoveCopyActions,
        views: list[QAbstractItemView],
        tree: QAbstractItemView,
    ) -> None:
        """Drops onto `views` (the folder shown) and `tree` go to `actions`."""
        super().__init__(actions)
        self._actions = actions
        self._views = {view.viewport(): view for view in views}
        self._tree = tree
        for viewport in (*self._views, tree.viewport()):
            viewport.setAcceptDrops(True)
            viewport.installEventFilter(self)
        tree.setAcceptDrops(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept items over a folder they may go into; move or copy them when dropped."""
        if isinstance(event, QDragLeaveEvent):
            self._actions.context.status.show_status("")
            return False
        if not isinstance(event, QDragEnterEvent | QDragMoveEvent | QDropEvent):
            return False
        held = held_items(event.mimeData())
        if held is None:
            return False
        moving = _moving(event)
        place = self._place(watched, event.position().toPoint())
        status = self._actions.context.status
        refusal: str | None = ""  # no folder there, or over the items themselves: say nothing
        if place is not None and place[0].folder_id not in held.ids:
            refusal = self._actions.refusal(held, place[0], place[1], moving=moving)
        if place is None or refusal is not None:
            if isinstance(event, QDragEnterEvent):
                event.acceptProposedAction()  # moves over other rows are told apart one by one
            else:
                event.ignore()
            status.show_status(refusal or "")
            return True
        target, chain = place
        event.setDropAction(Qt.DropAction.MoveAction if moving else Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            self._actions.transfer(held, target, chain, moving=moving)
        else:
            count = len(held.items)
            if moving:
                text = self.tr("Move %Ln item(s) into “%1”", "", count)
            else:
                text = self.tr("Copy %Ln item(s) into “%1”", "", count)
            status.show_status(arg(text, display_name(target.name)))
        return True

    def _place(self, viewport: QObject, point: QPoint) -> tuple[Target, list[str]] | None:
        """The folder under `point`, and the ids of the folders down to it (None: no folder there)."""
        actions = self._actions
        space_id = actions.context.location.space_id
        if viewport is self._tree.viewport():
            index = self._tree.indexAt(point)
            if not index.isValid():
                return None
            folders: list[Dentry] = []
            while index.isValid():
                folders.insert(0, index.data(DentryRole))
                index = index.parent()
            folder = folders[-1]
            return Target(space_id, folder.id, folder.name), [ROOT_ID, *(d.id for d in folders)]
        view = self._views.get(viewport)  # type: ignore[call-overload]
        if view is None:
            return None
        row = view.indexAt(point)
        dentry = row.siblingAtColumn(0).data(DentryRole) if row.isValid() else None
        shown, ids = actions.shown_target()
        if isinstance(dentry, Dentry) and dentry.is_folder:
            return Target(space_id, dentry.id, dentry.name), [*ids, dentry.id]
        return shown, ids


def _moving(event: QDropEvent) -> bool:
    """A drag moves, or copies while Ctrl is held (or when the source offers only copying)."""
    if not event.possibleActions() & Qt.DropAction.MoveAction:
        return False
    return not event.modifiers() & Qt.KeyboardModifier.ControlModifier
