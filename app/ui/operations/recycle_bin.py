"""Operations on a space's recycle bin: list it, restore items, delete them forever, empty it, undo a delete.

A restore announces the dentries that came back (`Changes.added`, fetched as they now are, in
the folder they returned to) and the items that left the bin (`Changes.recycle_items_gone`), so
the folder views, the folder tree and the recycle bin view update in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from app.api.client import StorageClient
from app.api.models import Dentry, RecycleItem, RestoreResult
from app.ui.operations import Changes, Operation

NOT_IN_BIN = "recycleItemNotExist"
"""The service's code for an item no longer in the bin (restored or purged meanwhile)."""


@dataclass(frozen=True)
class BinListing:
    """A space's recycle bin: its id (the other calls take it) and its items, latest deletions first."""

    bin_id: str
    items: list[RecycleItem]


@dataclass(frozen=True)
class Restored:
    """What a restore did.

    Attributes:
        dentries: the dentries back in their folders, as they now are (a name taken meanwhile
            gives them another name).
        gone: the recycle items that left the bin: restored, or no longer in it.
        failures: the items that were not restored: their name and the service's error code.
    """

    dentries: tuple[Dentry, ...]
    gone: tuple[str, ...]
    failures: tuple[tuple[str, str], ...]


def read_bin(client: StorageClient, space_id: str) -> BinListing:
    """Find the space's bin and list every item the service lets the user see (blocking).

    For a space shared with the user, the service lists only what was deleted from what they may see.
    """
    recycle_bin = client.get_recycle_bin(space_id)
    return BinListing(recycle_bin.id, client.list_recycle_items(recycle_bin.id))


def _restore(
    client: StorageClient, space_id: str, bin_id: str, items: Sequence[RecycleItem], names: Mapping[str, str]
) -> Restored:
    """Restore `items` (each to its folder, a name taken meanwhile renamed); `names` by item id."""
    results: list[RestoreResult] = client.restore_recycle_items(bin_id, [item.id for item in items])
    done = [result for result in results if result.success]
    failures = tuple(
        (names.get(result.recycle_item_id, result.recycle_item_id), result.error_code or "unknownError")
        for result in results
        if not result.success
    )
    back = [result.dentry_id for result in done if result.dentry_id]
    found = client.get_dentries(space_id, back) if back else []
    dentries = tuple(result.dentry for result in found if result.dentry is not None)
    gone = [result.recycle_item_id for result in results if result.success or result.error_code == NOT_IN_BIN]
    return Restored(dentries, tuple(gone), failures)


def _restored_changes(space_id: str, restored: Restored) -> Changes:
    return Changes(
        space_id, added=restored.dentries, recycle_bin=bool(restored.gone), recycle_items_gone=restored.gone
    )


def restore(
    client: StorageClient, space_id: str, bin_id: str, items: Sequence[RecycleItem]
) -> Operation[Restored]:
    """Put items back where they were deleted from (or the nearest folder above that still exists)."""
    names = {item.id: item.original_name for item in items}
    return Operation(
        partial(_restore, client, space_id, bin_id, list(items), names), partial(_restored_changes, space_id)
    )


def undo_delete(client: StorageClient, space_id: str, deleted: Mapping[str, str]) -> Operation[Restored]:
    """Bring back what a delete just sent to the bin: `deleted` maps their dentry ids to their names.

    The bin is looked up for the items of those dentries; one no longer there is a failure
    (``recycleItemNotExist``), the others are restored.
    """

    def work() -> Restored:
        recycle_bin = client.get_recycle_bin(space_id)
        items = [item for item in client.list_recycle_items(recycle_bin.id) if item.dentry_id in deleted]
        found = {item.dentry_id for item in items}
        names = {item.id: deleted[item.dentry_id] for item in items}
        restored = _restore(client, space_id, recycle_bin.id, items, names) if items else Restored((), (), ())
        missing = tuple((name, NOT_IN_BIN) for dentry_id, name in deleted.items() if dentry_id not in found)
        return Restored(restored.dentries, restored.gone, restored.failures + missing)

    return Operation(work, partial(_restored_changes, space_id))


def delete_forever(
    client: StorageClient, space_id: str, bin_id: str, item_ids: Sequence[str]
) -> Operation[None]:
    """Delete items of the bin for good (ids no longer in it are ignored)."""
    return Operation(
        partial(client.delete_recycle_items, bin_id, list(item_ids)),
        lambda _none: Changes(space_id, recycle_bin=True, recycle_items_gone=tuple(item_ids)),
    )


def empty(client: StorageClient, space_id: str, bin_id: str, item_ids: Sequence[str]) -> Operation[None]:
    """Delete everything in the bin for good; `item_ids` are the items the user saw go."""
    return Operation(
        partial(client.clear_recycle_bin, bin_id),
        lambda _none: Changes(space_id, recycle_bin=True, recycle_items_gone=tuple(item_ids)),
    )
