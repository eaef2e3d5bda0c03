"""Spaces and the dentry tree: lookups, permissions, listing, and every change to the tree.

Each public method takes the connection of the caller's transaction, so a route can combine
several steps atomically (see `Database.write`).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.localserver.blobs import BlobStore
from app.localserver.db import Database
from app.localserver.errors import (
    ServiceError,
    dentry_not_exist,
    name_conflict,
    param_error,
)
from app.localserver.model import ROOT_ID, child_path
from app.localserver.names import auto_rename, name_key, normalize_name
from app.localserver.spaces import parse_id

CONFLICT_STRATEGIES = (
    "AUTO_RENAME",
    "OVERWRITE",
    "RETURN_DENTRY_IF_EXISTS",
    "RETURN_ERROR_IF_EXISTS",
)

# What lies below a live dentry, without what went to the recycle bin on its own before: that
# belongs to its own recycle item.
SUBTREE = """
WITH RECURSIVE subtree(id) AS (
    SELECT ? UNION ALL
    SELECT d.id FROM dentries d JOIN subtree s
    ON d.parent_id = s.id AND d.space_id = ? AND d.status = 'NORMAL')
SELECT id FROM subtree
"""

# A dentry and the folders above it, nearest first (none for the root, which has no row).
ANCESTRY = """
WITH RECURSIVE up(id, parent_id, name, depth) AS (
    SELECT id, parent_id, name, 0 FROM dentries WHERE id=?
    UNION ALL
    SELECT d.id, d.parent_id, d.name, up.depth + 1 FROM dentries d JOIN up ON d.id = up.parent_id)
SELECT id, name FROM up ORDER BY depth
"""


def check_strategy(strategy: str | None) -> str:
    """Validate a ``conflictStrategy`` (AUTO_RENAME when absent)."""
    if strategy is None or strategy == "":
        return "AUTO_RENAME"
    if strategy not in CONFLICT_STRATEGIES:
        raise param_error(f"unknown conflictStrategy {strategy!r}", "conflictStrategy")
    return strategy


@dataclass(frozen=True)
class Placement:
    """Where a new or moved dentry goes: a free name, or an existing dentry to reuse/replace."""

    name: str
    existing: sqlite3.Row | None = None


class Tree:
    """Operations on spaces and dentries."""

    def __init__(self, db: Database, blobs: BlobStore) -> None:
        self.db = db
        self.blobs = blobs
        self.on_new_content: Callable[[int, int, str], None] = lambda _id, _ver, _name: None
        """Called with (dentry id, version, name) whenever a file gets new bytes."""

    # --- lookups ------------------------------------------------------------------------------

    def dentry(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        *,
        deleted_ok: bool = False,
    ) -> sqlite3.Row:
        """A dentry of the space; deleted ones only when `deleted_ok`."""
        number = parse_id(dentry_id)
        row = None
        if number is not None:
            row = conn.execute(
                "SELECT * FROM dentries WHERE id=? AND space_id=?", (number, space["id"])
            ).fetchone()
        if row is None or (row["status"] != "NORMAL" and not deleted_ok):
            raise dentry_not_exist(dentry_id)
        return row

    def folder_id(self, conn: sqlite3.Connection, space: sqlite3.Row, folder_id: str) -> int:
        """The id of a live folder of the space (``"0"`` is the root)."""
        if folder_id == str(ROOT_ID):
            return ROOT_ID
        row = self.dentry(conn, space, folder_id)
        if row["type"] != "FOLDER":
            raise param_error(f"dentry {folder_id} is not a folder", "parentId")
        return int(row["id"])

    def folder_by_uuid(self, conn: sqlite3.Connection, uuid: str) -> tuple[sqlite3.Row, int]:
        """The space and folder id that a v2 ``parentDentryUuid`` names (a space root's uuid too)."""
        space = conn.execute("SELECT * FROM spaces WHERE root_uuid=?", (uuid,)).fetchone()
        if space is not None:
            return space, ROOT_ID
        row = conn.execute(
            "SELECT * FROM dentries WHERE uuid=? AND status='NORMAL' AND type='FOLDER'", (uuid,)
        ).fetchone()
        if row is None:
            raise param_error(f"no folder has uuid {uuid!r}", "parentDentryUuid")
        space = conn.execute("SELECT * FROM spaces WHERE id=?", (row["space_id"],)).fetchone()
        return space, int(row["id"])

    def path_of(self, conn: sqlite3.Connection, dentry_id: int) -> str:
        """The dentry's path inside its space, ``/`` for the root."""
        if dentry_id == ROOT_ID:
            return "/"
        names = [row["name"] for row in conn.execute(ANCESTRY, (dentry_id,))]
        return "/" + "/".join(reversed(names))

    def subtree_ids(self, conn: sqlite3.Connection, row: sqlite3.Row) -> list[int]:
        """The dentry and everything live below it."""
        return [r["id"] for r in conn.execute(SUBTREE, (row["id"], row["space_id"]))]

    # --- placing names ------------------------------------------------------------------------

    def existing(
        self, conn: sqlite3.Connection, space_id: int, parent_id: int, name: str
    ) -> sqlite3.Row | None:
        """The live dentry whose name collides with `name` in the folder."""
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM dentries WHERE space_id=? AND parent_id=? AND status='NORMAL' AND name_key=?",
            (space_id, parent_id, name_key(name)),
        ).fetchone()
        return row

    def place(
        self,
        conn: sqlite3.Connection,
        space_id: int,
        parent_id: int,
        name: str,
        strategy: str,
        *,
        is_folder: bool,
    ) -> Placement:
        """Apply a conflict strategy to `name` in a folder."""
        clash = self.existing(conn, space_id, parent_id, name)
        if clash is None:
            return Placement(name)
        if strategy == "RETURN_ERROR_IF_EXISTS":
            raise name_conflict(name)
        if strategy in ("RETURN_DENTRY_IF_EXISTS", "OVERWRITE"):
            return Placement(clash["name"], clash)
        free = auto_rename(
            name,
            lambda n: self.existing(conn, space_id, parent_id, n) is not None,
            is_folder=is_folder,
        )
        return Placement(free)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        space_id: int,
        parent_id: int,
        kind: str,
        name: str,
        union_id: str,
        blob: str | None = None,
        size: int | None = None,
        app_properties: dict[str, Any] | None = None,
        created: float | None = None,
    ) -> sqlite3.Row:
        """Insert a live dentry at version 1 (and its first version row for files)."""
        now = time.time()
        cursor = conn.execute(
            "INSERT INTO dentries (space_id, parent_id, type, name, name_key, size, version, status,"
            " blob, uuid, creator_id, modifier_id, create_time, modified_time, app_properties)"
            " VALUES (?,?,?,?,?,?,1,'NORMAL',?,?,?,?,?,?,?)",
            (
                space_id,
                parent_id,
                kind,
                name,
                name_key(name),
                size,
                blob,
                secrets.token_hex(16),
                union_id,
                union_id,
                created or now,
                now,
                json.dumps(app_properties or {}),
            ),
        )
        dentry_id = int(cursor.lastrowid or 0)
        if kind == "FILE" and blob is not None:
            conn.execute("INSERT INTO versions VALUES (?,1,?,?,?,?)", (dentry_id, blob, size, union_id, now))
        conn.execute("UPDATE spaces SET modified_time=? WHERE id=?", (now, space_id))
        return conn.execute("SELECT * FROM dentries WHERE id=?", (dentry_id,)).fetchone()

    def add_version(
        self, conn: sqlite3.Connection, row: sqlite3.Row, blob: str, size: int, union_id: str
    ) -> sqlite3.Row:
        """Give an existing file new bytes: same id, version + 1 (OVERWRITE)."""
        now = time.time()
        version = int(row["version"]) + 1
        conn.execute(
            "UPDATE dentries SET blob=?, size=?, version=?, modifier_id=?, modified_time=? WHERE id=?",
            (blob, size, version, union_id, now, row["id"]),
        )
        conn.execute(
            "INSERT INTO versions VALUES (?,?,?,?,?,?)",
            (row["id"], version, blob, size, union_id, now),
        )
        return conn.execute("SELECT * FROM dentries WHERE id=?", (row["id"],)).fetchone()

    def new_blob(self, blob_id: str) -> str:
        """Tie a blob just written to the current transaction: it goes again if that rolls back."""
        self.db.on_rollback(lambda: self.blobs.delete_blob(blob_id))
        return blob_id

    def charge(self, conn: sqlite3.Connection, space_id: int, size: int) -> None:
        """Count `size` more bytes against the space's quota, refusing when it would overflow."""
        space = conn.execute("SELECT quota, used_quota FROM spaces WHERE id=?", (space_id,)).fetchone()
        if size > 0 and space["used_quota"] + size > space["quota"]:
            raise ServiceError(400, "spaceQuotaInsufficient", "the space has not enough quota left")
        conn.execute("UPDATE spaces SET used_quota = used_quota + ? WHERE id=?", (size, space_id))

    # --- changes ------------------------------------------------------------------------------

    def add_folder(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        parent: str,
        raw_name: str,
        strategy: str,
        union_id: str,
    ) -> sqlite3.Row:
        """AddFolder: OVERWRITE and RETURN_DENTRY_IF_EXISTS both return an existing folder."""
        parent_id = self.folder_id(conn, space, parent)
        name = normalize_name(raw_name)
        placement = self.place(conn, space["id"], parent_id, name, strategy, is_folder=True)
        if placement.existing is not None:
            if placement.existing["type"] != "FOLDER":
                raise name_conflict(name)
            return placement.existing
        return self.insert(
            conn,
            space_id=space["id"],
            parent_id=parent_id,
            kind="FOLDER",
            name=placement.name,
            union_id=union_id,
        )

    def rename(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        raw_name: str,
        union_id: str,
    ) -> sqlite3.Row:
        """RenameDentry; another live dentry with the name is a conflict."""
        row = self.dentry(conn, space, dentry_id)
        name = normalize_name(raw_name)
        clash = self.existing(conn, space["id"], row["parent_id"], name)
        if clash is not None and clash["id"] != row["id"]:
            raise name_conflict(name)
        conn.execute(
            "UPDATE dentries SET name=?, name_key=?, modifier_id=?, modified_time=? WHERE id=?",
            (name, name_key(name), union_id, time.time(), row["id"]),
        )
        return conn.execute("SELECT * FROM dentries WHERE id=?", (row["id"],)).fetchone()

    def _target(
        self,
        conn: sqlite3.Connection,
        row: sqlite3.Row,
        target_space: sqlite3.Row,
        target_folder: str,
    ) -> int:
        folder = self.folder_id(conn, target_space, target_folder)
        if row["type"] == "FOLDER" and target_space["id"] == row["space_id"]:
            ancestors = self.path_ids(conn, folder)
            if row["id"] in ancestors:
                raise param_error("a folder cannot go inside itself", "targetFolderId")
        return folder

    def path_ids(self, conn: sqlite3.Connection, folder_id: int) -> set[int]:
        """The folder and all its ancestors."""
        return {row["id"] for row in conn.execute(ANCESTRY, (folder_id,))}

    def move(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        target_space: sqlite3.Row,
        target_folder: str,
        strategy: str,
        union_id: str,
    ) -> sqlite3.Row:
        """MoveDentry, within a space or to another space of the same user."""
        row = self.dentry(conn, space, dentry_id)
        folder = self._target(conn, row, target_space, target_folder)
        if folder == row["parent_id"] and target_space["id"] == row["space_id"]:
            return row
        is_folder = row["type"] == "FOLDER"
        placement = self.place(conn, target_space["id"], folder, row["name"], strategy, is_folder=is_folder)
        if placement.existing is not None:
            if strategy == "RETURN_DENTRY_IF_EXISTS":
                return placement.existing
            self.delete(conn, placement.existing, to_recycle_bin=True, union_id=union_id)
        if target_space["id"] != row["space_id"]:
            ids = self.subtree_ids(conn, row)
            size = self._bytes_of(conn, ids)
            self.charge(conn, target_space["id"], size)
            self.charge(conn, row["space_id"], -size)
            conn.executemany(
                "UPDATE dentries SET space_id=? WHERE id=?", [(target_space["id"], i) for i in ids]
            )
        conn.execute(
            "UPDATE dentries SET parent_id=?, name=?, name_key=?, modifier_id=?, modified_time=? WHERE id=?",
            (folder, placement.name, name_key(placement.name), union_id, time.time(), row["id"]),
        )
        return conn.execute("SELECT * FROM dentries WHERE id=?", (row["id"],)).fetchone()

    def _bytes_of(self, conn: sqlite3.Connection, ids: list[int]) -> int:
        total = 0
        for dentry_id in ids:
            total += conn.execute(
                "SELECT COALESCE(SUM(size), 0) FROM versions WHERE dentry_id=?", (dentry_id,)
            ).fetchone()[0]
        return int(total)

    def copy(
        self,
        conn: sqlite3.Connection,
        space: sqlite3.Row,
        dentry_id: str,
        target_space: sqlite3.Row,
        target_folder: str,
        strategy: str,
        union_id: str,
    ) -> sqlite3.Row:
        """CopyDentry; folders are copied with everything in them (current versions only)."""
        row = self.dentry(conn, space, dentry_id)
        folder = self._target(conn, row, target_space, target_folder)
        is_folder = row["type"] == "FOLDER"
        placement = self.place(conn, target_space["id"], folder, row["name"], strategy, is_folder=is_folder)
        existing = placement.existing
        if existing is not None:
            if strategy == "RETURN_DENTRY_IF_EXISTS" or existing["id"] == row["id"]:
                return existing
            if not is_folder and existing["type"] == "FILE":
                self.charge(conn, target_space["id"], row["size"])
                updated = self.add_version(
                    conn, existing, self.new_blob(self.blobs.duplicate(row["blob"])), row["size"], union_id
                )
                self.on_new_content(updated["id"], updated["version"], updated["name"])
                return updated
            self.delete(conn, existing, to_recycle_bin=True, union_id=union_id)
        return self._copy_into(conn, row, target_space["id"], folder, placement.name, union_id)

    def _copy_into(
        self,
        conn: sqlite3.Connection,
        row: sqlite3.Row,
        space_id: int,
        folder: int,
        name: str,
        union_id: str,
    ) -> sqlite3.Row:
        if row["type"] == "FILE":
            self.charge(conn, space_id, row["size"])
            copied = self.insert(
                conn,
                space_id=space_id,
                parent_id=folder,
                kind="FILE",
                name=name,
                union_id=union_id,
                blob=self.new_blob(self.blobs.duplicate(row["blob"])),
                size=row["size"],
                app_properties=json.loads(row["app_properties"]),
            )
            self.on_new_content(copied["id"], copied["version"], copied["name"])
            return copied
        copied = self.insert(
            conn,
            space_id=space_id,
            parent_id=folder,
            kind="FOLDER",
            name=name,
            union_id=union_id,
            app_properties=json.loads(row["app_properties"]),
        )
        children = conn.execute(
            "SELECT * FROM dentries WHERE space_id=? AND parent_id=? AND status='NORMAL'",
            (row["space_id"], row["id"]),
        ).fetchall()
        for child in children:
            self._copy_into(conn, child, space_id, copied["id"], child["name"], union_id)
        return copied

    def delete(
        self, conn: sqlite3.Connection, row: sqlite3.Row, *, to_recycle_bin: bool, union_id: str
    ) -> None:
        """Delete a dentry and everything below it: to the recycle bin (by `union_id`), or for good."""
        ids = self.subtree_ids(conn, row)
        if to_recycle_bin:
            self.record_recycle_item(conn, row, ids, union_id, time.time())
        else:
            self.purge(conn, row["space_id"], ids)

    def record_recycle_item(
        self, conn: sqlite3.Connection, root: sqlite3.Row, ids: list[int], operator_id: str, when: float
    ) -> None:
        """Put dentries (`root` and the `ids` of it and below it) in the recycle bin as one item.

        The item keeps the folders above the root, nearest first, so that a restore can find the
        nearest one still there, even once the original folder has been purged.
        """
        ancestors = [row["id"] for row in conn.execute(ANCESTRY, (root["parent_id"],))]
        cursor = conn.execute(
            "INSERT INTO recycle_items (space_id, dentry_id, original_path, ancestors, operator_id,"
            " operator_time) VALUES (?,?,?,?,?,?)",
            (
                root["space_id"],
                root["id"],
                self.path_of(conn, root["id"]),
                json.dumps(ancestors),
                operator_id,
                when,
            ),
        )
        item_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "UPDATE dentries SET status='DELETED', recycle_item=? WHERE id=?", [(item_id, i) for i in ids]
        )

    def purge(self, conn: sqlite3.Connection, space_id: int, ids: list[int]) -> None:
        """Remove dentries for good, every version; the quota is given back, the bytes go after the commit."""
        self.charge(conn, space_id, -self._bytes_of(conn, ids))
        blob_ids: list[str] = []
        thumbnails: list[tuple[int, int]] = []
        for dentry_id in ids:
            for version in conn.execute(
                "SELECT version, blob FROM versions WHERE dentry_id=?", (dentry_id,)
            ).fetchall():
                blob_ids.append(version["blob"])
                thumbnails.append((dentry_id, version["version"]))
            conn.execute("DELETE FROM versions WHERE dentry_id=?", (dentry_id,))
            conn.execute("DELETE FROM thumbnails WHERE dentry_id=?", (dentry_id,))
            conn.execute("DELETE FROM dentries WHERE id=?", (dentry_id,))
        # Only once the rows are gone for good: a crash before the commit keeps every file whole.
        self.db.on_commit(lambda: self._remove_bytes(blob_ids, thumbnails))

    def _remove_bytes(self, blob_ids: list[str], thumbnails: list[tuple[int, int]]) -> None:
        for blob_id in blob_ids:
            self.blobs.delete_blob(blob_id)
        for dentry_id, version in thumbnails:
            self.blobs.delete_thumbnail(dentry_id, version)

    def child_paths(self, conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[str]:
        """Paths for many rows, resolving each distinct parent once."""
        parents: dict[int, str] = {}
        paths = []
        for row in rows:
            parent = int(row["parent_id"])
            if parent not in parents:
                parents[parent] = self.path_of(conn, parent)
            paths.append(child_path(parents[parent], row["name"]))
        return paths
