"""Moving and copying files and folders into a folder, in batch calls, announcing each batch as it ends.

First `find_conflicts` lists the target folder for the names the items would take (the service
compares names without case); the window asks what to do about those. Then `move_or_copy` sends
MoveDentries or CopyDentries, 30 ids a call, one run per conflict strategy (keep both:
``AUTO_RENAME``; replace: ``OVERWRITE``; skipped items are not sent at all). After each call the
items as they now are in the target folder are fetched (GetDentries, so a renamed one shows its
new name) and handed to the UI thread, which announces them: the views follow batch by batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.api.client import StorageClient
from app.api.errors import ApiError
from app.api.models import BatchItemResult, Dentry
from app.ui.operations import Operation
from app.ui.operations.changes import Changes

KEEP_BOTH = "AUTO_RENAME"
REPLACE = "OVERWRITE"


@dataclass(frozen=True)
class Target:
    """Where items go: a folder (``"0"``: the root) of a space, and its name for messages."""

    space_id: str
    folder_id: str
    name: str


@dataclass(frozen=True)
class Conflict:
    """An item whose name the target folder holds already (`existing`)."""

    item: Dentry
    existing: Dentry

    @property
    def replaceable(self) -> bool:
        """Whether replacing is possible: a file and a folder never replace each other."""
        return self.item.is_folder == self.existing.is_folder


@dataclass(frozen=True)
class BatchDone:
    """One batch call ended: its results and what they changed (handed to the UI thread)."""

    results: list[BatchItemResult]
    changes: list[Changes]


@dataclass
class Plan:
    """What to send: items by conflict strategy, and the existing items a replace sends to the bin."""

    moving: bool
    source_space: str
    target: Target
    strategies: dict[str, list[Dentry]] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)
    """Id of an item sent with `REPLACE` → id of the existing item it replaces."""

    @property
    def count(self) -> int:
        """How many items are sent."""
        return sum(len(items) for items in self.strategies.values())


def find_conflicts(client: StorageClient, target: Target, items: list[Dentry]) -> Operation[list[Conflict]]:
    """List the target folder and pair each item with what holds its name there (case ignored)."""

    def work() -> list[Conflict]:
        wanted = {item.name.casefold(): item for item in items}
        conflicts = []
        for existing in client.iter_dentries(target.space_id, target.folder_id):
            item = wanted.get(existing.name.casefold())
            if item is not None and item.id != existing.id:
                conflicts.append(Conflict(item, existing))
        order = {item.id: number for number, item in enumerate(items)}
        return sorted(conflicts, key=lambda conflict: order[conflict.item.id])

    return Operation(work)


class _Relay(QObject):
    """Carries each batch's outcome from the worker thread to a callback on the UI thread."""

    _relayed = Signal(object)

    def __init__(self, callback: Callable[[BatchDone], object]) -> None:
        super().__init__()
        self._callback = callback
        self._relayed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def send(self, done: BatchDone) -> None:
        self._relayed.emit(done)

    @Slot(object)
    def _deliver(self, done: BatchDone) -> None:
        self._callback(done)


def move_or_copy(
    client: StorageClient, plan: Plan, on_batch: Callable[[BatchDone], object]
) -> Operation[list[BatchItemResult]]:
    """Send the plan; `on_batch` gets each call's outcome on the UI thread, its changes to announce.

    The operation itself announces nothing: every batch's changes reach the views as it ends,
    through `on_batch`. Its result is every item's outcome, in the order sent.
    """
    # Made here, on the UI thread, so that it delivers there; the work keeps it alive.
    relay = _Relay(on_batch)

    def batch_ended(results: list[BatchItemResult]) -> None:
        # On the worker thread: fetch what the items became, so the views can show them as they are.
        done = [r for r in results if r.success and r.target_dentry_id]
        try:
            fetched = client.get_dentries(plan.target.space_id, [r.target_dentry_id or "" for r in done])
        except ApiError:
            fetched = []  # done all the same: moved rows follow by id, copies show on the next listing
        arrived = [result.dentry for result in fetched if result.dentry is not None]
        relay.send(BatchDone(results, batch_changes(plan, results, arrived)))

    def work() -> list[BatchItemResult]:
        outcomes: list[BatchItemResult] = []
        send = client.move_dentries if plan.moving else client.copy_dentries
        for strategy, items in plan.strategies.items():
            outcomes += send(
                plan.source_space,
                [item.id for item in items],
                plan.target.folder_id,
                target_space_id=plan.target.space_id,
                conflict=strategy,
                on_batch=batch_ended,
            )
        return outcomes

    return Operation(work)


def batch_changes(plan: Plan, results: list[BatchItemResult], arrived: list[Dentry]) -> list[Changes]:
    """What one batch changed, per space: items gone from where they were, arrived, replaced."""
    target = plan.target.space_id
    succeeded = [result for result in results if result.success]
    arrived_ids = {dentry.id for dentry in arrived}
    replaced = tuple(
        plan.replaced[result.dentry_id]
        for result in succeeded
        if result.dentry_id in plan.replaced and plan.replaced[result.dentry_id] not in arrived_ids
    )
    if plan.moving and plan.source_space == target:
        # Moved rows move (a listed target folder shows them, with the name they got there).
        unfetched = {
            result.dentry_id: plan.target.folder_id
            for result in succeeded
            if (result.target_dentry_id or result.dentry_id) not in arrived_ids
        }
        return [
            Changes(
                target, updated=tuple(arrived), moved=unfetched, removed=replaced, recycle_bin=bool(replaced)
            )
        ]
    changes = [Changes(target, added=tuple(arrived), removed=replaced, recycle_bin=bool(replaced))]
    if plan.moving:
        changes.append(Changes(plan.source_space, removed=tuple(result.dentry_id for result in succeeded)))
    return changes


def plan_of(
    moving: bool,
    source_space: str,
    target: Target,
    items: list[Dentry],
    choices: dict[str, str | None],
    conflicts: list[Conflict],
) -> Plan:
    """Items grouped by strategy: `choices` maps an item's id to `KEEP_BOTH`, `REPLACE` or None (skip).

    Items without a conflict go as `KEEP_BOTH`: should their name be taken meanwhile, nothing is lost.
    """
    plan = Plan(moving, source_space, target)
    existing = {conflict.item.id: conflict.existing.id for conflict in conflicts}
    for item in items:
        strategy = choices.get(item.id, KEEP_BOTH)
        if strategy is None:
            continue
        plan.strategies.setdefault(strategy, []).append(item)
        if strategy == REPLACE and item.id in existing:
            plan.replaced[item.id] = existing[item.id]
    return plan


def failures(items: list[Dentry], results: list[BatchItemResult]) -> list[tuple[Dentry, str]]:
    """The items that failed, with their error codes (an item the answer left out failed too)."""
    by_id = {result.dentry_id: result for result in results}
    failed = []
    for item in items:
        result = by_id.get(item.id)
        if result is None or not result.success:
            failed.append((item, (result.error_code if result else None) or "unknownError"))
    return failed
