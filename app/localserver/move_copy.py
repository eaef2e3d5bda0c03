"""Moving and copying dentries for an operator: MoveDentry, CopyDentry and their batch forms (§13.4).

What each needs (see `permissions`): EDITOR on what is moved, DOWNLOADER on what is copied (a copy
reads the bytes), EDITOR on the target folder. A move keeps the id and uuid, also into another
space; a copy makes new ids, folders with everything in them, with identical bytes and the app
properties (not the grants: a copy belongs to whoever made it).

A name taken in the target folder is handled as CommitFile handles it: ``AUTO_RENAME`` (the
default) gives ``name (1).ext``; ``RETURN_DENTRY_IF_EXISTS`` changes nothing and answers the
existing dentry; ``RETURN_ERROR_IF_EXISTS`` answers ``dentryNameConflict``; ``OVERWRITE`` lets
a copied file become the existing file's new version, and sends an existing file a moved file
replaces, or an existing folder a folder replaces, to the recycle bin. A file and a folder never
replace each other (``dentryNameConflict``, as CommitFile answers for a file onto a folder).
"""

from __future__ import annotations

import sqlite3

from app.localserver.errors import name_conflict, param_error
from app.localserver.permissions import Access, Action, Permissions
from app.localserver.tree import Tree

MAX_BATCH = 30


class MoveCopy:
    """Moves and copies, each checked against the operator's roles."""

    def __init__(self, tree: Tree, permissions: Permissions) -> None:
        self.tree = tree
        self.permissions = permissions

    def target(self, conn: sqlite3.Connection, space_id: str, folder_id: str, union_id: str) -> Access:
        """The target folder of a move or copy, which the operator must be able to edit."""
        access = self.permissions.require(conn, space_id, folder_id, union_id, Action.EDIT)
        if access.dentry is not None and access.dentry["type"] != "FOLDER":
            raise param_error(f"dentry {folder_id} is not a folder", "targetFolderId")
        return access

    def move(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        target: Access,
        strategy: str,
        union_id: str,
        *,
        preserve_permissions: bool,
    ) -> sqlite3.Row:
        """Move one dentry into the target folder; returns it where it now is (or what was there)."""
        row = self._source(conn, space, dentry_id, union_id, Action.EDIT)
        self._check_kinds(conn, row, target, strategy)
        moved = self.tree.move(
            conn, space, dentry_id, target.space, str(target.dentry_id), strategy, union_id
        )
        if moved["id"] == row["id"] and (moved["space_id"], moved["parent_id"]) != (
            row["space_id"],
            row["parent_id"],
        ):
            self.permissions.after_move(conn, moved, preserve=preserve_permissions)
        return moved

    def copy(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        target: Access,
        strategy: str,
        union_id: str,
    ) -> sqlite3.Row:
        """Copy one dentry into the target folder; returns the copy (or what was there)."""
        row = self._source(conn, space, dentry_id, union_id, Action.DOWNLOAD)
        self._check_kinds(conn, row, target, strategy)
        return self.tree.copy(conn, space, dentry_id, target.space, str(target.dentry_id), strategy, union_id)

    def _source(
        self, conn: sqlite3.Connection, space: sqlite3.Row, dentry_id: str, union_id: str, action: Action
    ) -> sqlite3.Row:
        source = self.permissions.require(conn, space, dentry_id, union_id, action)
        if source.dentry is None:
            raise param_error("the root of a space cannot be moved or copied", "dentryId")
        return source.dentry

    def _check_kinds(self, conn: sqlite3.Connection, row: sqlite3.Row, target: Access, strategy: str) -> None:
        if strategy != "OVERWRITE":
            return
        clash = self.tree.existing(conn, target.space["id"], target.dentry_id, row["name"])
        if clash is not None and clash["id"] != row["id"] and clash["type"] != row["type"]:
            raise name_conflict(row["name"])
