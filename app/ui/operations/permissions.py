"""Sharing: who holds which role on files and folders, given, changed and taken back.

A role is granted on a dentry and reaches everything below it (see `app.ui.models.roles`); these
operations act on several dentries at once (the items chosen when Share… was asked for) and
announce that their permissions changed, so that the roles the window knows are asked again.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.api.client import StorageClient
from app.api.models import Dentry, Permission
from app.ui.operations import Changes, Operation


@dataclass(frozen=True)
class Grant:
    """A member's role on one of the items shared: `permission` as listed, on `item`."""

    item: Dentry
    permission: Permission


def list_grants(client: StorageClient, space_id: str, items: list[Dentry]) -> Operation[list[Grant]]:
    """The roles granted on each of `items` itself (changes nothing)."""

    def work() -> list[Grant]:
        return [Grant(item, held) for item in items for held in client.list_permissions(space_id, item.id)]

    return Operation(work)


def _changed(space_id: str, items: list[Dentry]) -> Changes:
    return Changes(space_id, permissions_of=frozenset(item.id for item in items))


def grant(
    client: StorageClient, space_id: str, items: list[Dentry], union_id: str, role: str, duration: int | None
) -> Operation[None]:
    """Give the user `union_id` the role on every item (replacing a role they held there)."""

    def work() -> None:
        for item in items:
            client.add_permission(space_id, item.id, role, [union_id], duration=duration)

    return Operation(work, lambda _none: _changed(space_id, items))


def change(client: StorageClient, space_id: str, grants: list[Grant], role: str) -> Operation[None]:
    """Give the members of `grants` another role on the item of each (their expiry stays)."""

    def work() -> None:
        for held in grants:
            client.update_permission(space_id, held.item.id, role, [held.permission.member_id])

    return Operation(work, lambda _none: _changed(space_id, [held.item for held in grants]))


def remove(client: StorageClient, space_id: str, grants: list[Grant]) -> Operation[None]:
    """Take back the roles of `grants`."""

    def work() -> None:
        for held in grants:
            permission = held.permission
            client.delete_permission(space_id, held.item.id, permission.role, [permission.member_id])

    return Operation(work, lambda _none: _changed(space_id, [held.item for held in grants]))
