"""Operations on a file's versions: list them, and restore one (a new version with its bytes)."""

from __future__ import annotations

from functools import partial

from app.api.client import StorageClient
from app.api.models import Dentry
from app.ui.operations import Changes, Operation


def list_versions(client: StorageClient, space_id: str, dentry_id: str) -> Operation[list[Dentry]]:
    """Every version of a file, newest first (changes nothing)."""
    return Operation(partial(client.list_dentry_versions, space_id, dentry_id))


def restore_version(client: StorageClient, space_id: str, dentry_id: str, version: int) -> Operation[Dentry]:
    """Make the bytes of `version` the file's newest version (the older versions stay).

    The result is the file as it now is, so that the folder views show its new size and time.
    """

    def work() -> Dentry:
        client.revert_dentry_version(space_id, dentry_id, version)
        return client.get_dentry(space_id, dentry_id, with_thumbnail=True)

    return Operation(
        work, lambda file: Changes(space_id, updated=(file,), versions_of=frozenset({dentry_id}))
    )
