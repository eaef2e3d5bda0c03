"""Operations on files and folders: make a folder, rename, delete to the recycle bin, read one fresh."""

from __future__ import annotations

from functools import partial

from app.api.client import StorageClient
from app.api.models import Dentry, ItemResult
from app.ui.operations import Changes, Operation


def new_folder(client: StorageClient, space_id: str, parent_id: str, name: str) -> Operation[Dentry]:
    """Make a folder called `name` in `parent_id` (an error if the name is taken)."""
    return Operation(
        partial(client.add_folder, space_id, parent_id, name, conflict="RETURN_ERROR_IF_EXISTS"),
        lambda folder: Changes(space_id, added=(folder,)),
    )


def rename(client: StorageClient, space_id: str, dentry_id: str, name: str) -> Operation[Dentry]:
    """Give a file or folder a new name."""
    return Operation(
        partial(client.rename_dentry, space_id, dentry_id, name),
        lambda renamed: Changes(space_id, updated=(renamed,)),
    )


def delete(client: StorageClient, space_id: str, dentry_ids: list[str]) -> Operation[list[ItemResult]]:
    """Move dentries to the recycle bin; the result says, per item, whether it went."""

    def changes(results: list[ItemResult]) -> Changes:
        gone = tuple(result.dentry_id for result in results if result.success)
        return Changes(space_id, removed=gone, recycle_bin=bool(gone))

    return Operation(partial(client.delete_dentries, space_id, dentry_ids, to_recycle_bin=True), changes)


def fetch(client: StorageClient, space_id: str, dentry_id: str) -> Operation[Dentry]:
    """Read every field of one dentry, with its thumbnail (changes nothing)."""
    return Operation(partial(client.get_dentry, space_id, dentry_id, with_thumbnail=True))
