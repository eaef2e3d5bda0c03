"""``SPACE:/folder/file`` paths and resolving them to dentries by listing, one call per page."""

from __future__ import annotations

import os
from dataclasses import dataclass

from app.api import StorageClient
from app.api.models import Dentry
from app.cli.output import shown

ROOT_ID = "0"


class PathError(Exception):
    """A remote path that is malformed or names nothing."""


def remote_name(argument: str) -> str:
    """A command-line argument naming something remote, as the service spells it (Unicode).

    Under a C locale (a bare system) Python keeps the bytes of a non-ASCII argument as escapes;
    they are the UTF-8 a terminal sent, so they are read as UTF-8. Local paths are left alone.
    """
    try:
        return os.fsencode(argument).decode("utf-8")
    except UnicodeDecodeError:
        return argument


@dataclass(frozen=True, slots=True)
class RemotePath:
    """A space id and the names from its root down (empty for the root)."""

    space_id: str
    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> RemotePath:
        """Read ``SPACE_ID:/a/b``; ``SPACE_ID:`` and ``SPACE_ID:/`` are the root."""
        text = remote_name(text)
        space_id, sep, path = text.partition(":")
        if not sep or not space_id.strip():
            raise PathError(f"{text!r} is not a remote path; write it as SPACE_ID:/folder/name")
        names = tuple(part for part in path.split("/") if part not in ("", "."))
        if ".." in names:
            raise PathError(f"{text!r}: '..' is not supported in remote paths")
        return cls(space_id.strip(), names)

    @property
    def name(self) -> str:
        """The last name (empty for the root)."""
        return self.names[-1] if self.names else ""

    @property
    def parent(self) -> RemotePath:
        """The folder this path is in (the root is its own parent)."""
        return RemotePath(self.space_id, self.names[:-1])

    def __str__(self) -> str:
        return f"{self.space_id}:/" + "/".join(self.names)


def find_child(client: StorageClient, space_id: str, parent_id: str, name: str) -> Dentry | None:
    """The entry called `name` in a folder; pages are read until it turns up, nothing per item.

    An exact match wins; otherwise a match ignoring case (the service treats those as one name).
    """
    folded: Dentry | None = None
    for dentry in client.iter_dentries(space_id, parent_id, order_by="NAME", order="ASC"):
        if dentry.name == name:
            return dentry
        if folded is None and dentry.name.casefold() == name.casefold():
            folded = dentry
    return folded


def resolve_chain(client: StorageClient, path: RemotePath) -> list[Dentry]:
    """The dentries from the top of `path` down to it (none for the root). PathError when one is missing."""
    chain: list[Dentry] = []
    for depth, name in enumerate(path.names):
        parent_id = chain[-1].id if chain else ROOT_ID
        if chain and not chain[-1].is_folder:
            above = RemotePath(path.space_id, path.names[:depth])
            raise PathError(f"{shown(str(above))} is a file, not a folder")
        found = find_child(client, path.space_id, parent_id, name)
        if found is None:
            raise PathError(
                f"{shown(str(RemotePath(path.space_id, path.names[: depth + 1])))} does not exist"
            )
        chain.append(found)
    return chain


def resolve(client: StorageClient, path: RemotePath) -> Dentry | None:
    """The dentry at `path`, or None for the root. Raises PathError when a part is missing."""
    chain = resolve_chain(client, path)
    return chain[-1] if chain else None


def resolve_item(client: StorageClient, path: RemotePath) -> Dentry:
    """The file or folder at `path`; PathError for the root, which is neither."""
    dentry = resolve(client, path)
    if dentry is None:
        raise PathError(f"{shown(str(path))} is the root of the space; give a file or folder inside it")
    return dentry


def lookup(client: StorageClient, path: RemotePath) -> Dentry | None:
    """The dentry at `path`, or None when only its last name is missing (its folder must exist)."""
    if not path.names:
        raise PathError(f"{shown(str(path))} is the root of the space; give a file or folder inside it")
    return find_child(client, path.space_id, resolve_folder_id(client, path.parent), path.name)


def resolve_folder_id(client: StorageClient, path: RemotePath) -> str:
    """The id of the folder at `path` (``0`` for the root)."""
    dentry = resolve(client, path)
    if dentry is None:
        return ROOT_ID
    if not dentry.is_folder:
        raise PathError(f"{shown(str(path))} is a file, not a folder")
    return dentry.id
