"""The recycle bin of each space (REFERENCE.md §13.2, §13.8): one item per deleted root.

A dentry deleted to the bin keeps its rows (id, versions, bytes, app properties, children) with
status DELETED and the id of its recycle item (`Tree.record_recycle_item`); the item records
where the dentry was, who deleted it and when. A restore makes those rows live again in the
original folder, or the nearest folder above it that is still there; a purge removes them for
good (`Tree.purge`). Until then they count against the space's quota.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from app.localserver import listing
from app.localserver.errors import ServiceError
from app.localserver.model import ROOT_ID, iso_time
from app.localserver.names import name_key
from app.localserver.spaces import parse_id
from app.localserver.tree import Tree

RECORDED_EARLIER_DELETIONS = "recycle_items_recorded"
"""The meta key set once the dentries deleted before recycle items existed have items."""


def recycle_bin_not_exist(bin_id: str) -> ServiceError:
    """The recycle bin id names no bin [OURS: no source names this error]."""
    return ServiceError(404, "recycleBinNotExist", f"recycle bin {bin_id} does not exist")


def recycle_item_not_exist(item_id: str) -> ServiceError:
    """The item is not (or no longer) in this bin (REFERENCE.md §13.8)."""
    return ServiceError(404, "recycleItemNotExist", f"recycle item {item_id} does not exist")


class RecycleBin:
    """The bins of every space: their items, restores and purges."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree

    # --- bins ---------------------------------------------------------------------------------

    def bin_id(self, conn: sqlite3.Connection, space: sqlite3.Row) -> int:
        """The space's bin, made the first time someone asks: the same id ever after."""
        conn.execute("INSERT OR IGNORE INTO recycle_bins (space_id) VALUES (?)", (space["id"],))
        row = conn.execute("SELECT id FROM recycle_bins WHERE space_id=?", (space["id"],)).fetchone()
        return int(row["id"])

    def space_of(self, conn: sqlite3.Connection, bin_id: str) -> int:
        """The id of the space whose bin `bin_id` is (who may use it is the caller's check)."""
        number = parse_id(bin_id)
        row = None
        if number is not None:
            row = conn.execute("SELECT space_id FROM recycle_bins WHERE id=?", (number,)).fetchone()
        if row is None:
            raise recycle_bin_not_exist(bin_id)
        return int(row["space_id"])

    # --- items --------------------------------------------------------------------------------

    def item(self, conn: sqlite3.Connection, space: sqlite3.Row, item_id: str) -> sqlite3.Row:
        """An item in the space's bin."""
        number = parse_id(item_id)
        row = None
        if number is not None:
            row = conn.execute(
                "SELECT * FROM recycle_items WHERE id=? AND space_id=?", (number, space["id"])
            ).fetchone()
        if row is None:
            raise recycle_item_not_exist(item_id)
        return row

    def item_json(self, conn: sqlite3.Connection, item: sqlite3.Row) -> dict[str, Any]:
        """The RecycleItem object; a folder's size is that of the files it holds."""
        root = conn.execute(
            "SELECT type, name, size FROM dentries WHERE id=?", (item["dentry_id"],)
        ).fetchone()
        size = root["size"]
        if root["type"] == "FOLDER":
            size = conn.execute(
                "SELECT COALESCE(SUM(size), 0) FROM dentries WHERE recycle_item=? AND type='FILE'",
                (item["id"],),
            ).fetchone()[0]
        return {
            "id": str(item["id"]),
            "spaceId": str(item["space_id"]),
            "dentryId": str(item["dentry_id"]),
            "type": root["type"],
            "originalName": root["name"],
            "originalPath": item["original_path"],
            "size": int(size or 0),
            "operatorId": item["operator_id"],
            "operatorTime": iso_time(item["operator_time"]),
        }

    def page(
        self, conn: sqlite3.Connection, space: sqlite3.Row, max_results: int, next_token: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of the space's bin, the latest deletions first."""
        rows, token = listing.recycle_items(conn, int(space["id"]), max_results, next_token)
        return [self.item_json(conn, row) for row in rows], token

    def restore(
        self, conn: sqlite3.Connection, space: sqlite3.Row, item_id: str, strategy: str, union_id: str
    ) -> sqlite3.Row:
        """Put an item back where it was, under `strategy` for a name taken meanwhile.

        Returns the restored dentry (same id as before), or with RETURN_DENTRY_IF_EXISTS the
        dentry that holds the name (the item then stays in the bin). Everything that can refuse
        happens before the first write, so a refused item in a batch changes nothing.
        """
        item = self.item(conn, space, item_id)
        root = conn.execute("SELECT * FROM dentries WHERE id=?", (item["dentry_id"],)).fetchone()
        folder = self._restore_folder(conn, item)
        placement = self.tree.place(
            conn, space["id"], folder, root["name"], strategy, is_folder=root["type"] == "FOLDER"
        )
        name = placement.name
        if placement.existing is not None:
            if strategy == "RETURN_DENTRY_IF_EXISTS":
                return placement.existing
            # OVERWRITE: what holds the name goes to the bin in its place, so nothing is lost.
            self.tree.delete(conn, placement.existing, to_recycle_bin=True, union_id=union_id)
            name = root["name"]
        conn.execute(
            "UPDATE dentries SET status='NORMAL', recycle_item=NULL WHERE recycle_item=?", (item["id"],)
        )
        conn.execute(
            "UPDATE dentries SET parent_id=?, name=?, name_key=? WHERE id=?",
            (folder, name, name_key(name), root["id"]),
        )
        conn.execute("DELETE FROM recycle_items WHERE id=?", (item["id"],))
        conn.execute("UPDATE spaces SET modified_time=? WHERE id=?", (time.time(), space["id"]))
        restored: sqlite3.Row = conn.execute("SELECT * FROM dentries WHERE id=?", (root["id"],)).fetchone()
        return restored

    def _restore_folder(self, conn: sqlite3.Connection, item: sqlite3.Row) -> int:
        """The original folder, or the nearest one above it that is still live, or the root."""
        for folder_id in json.loads(item["ancestors"]):
            row = conn.execute(
                "SELECT type, status, space_id FROM dentries WHERE id=?", (folder_id,)
            ).fetchone()
            if row is not None and (row["type"], row["status"], row["space_id"]) == (
                "FOLDER",
                "NORMAL",
                item["space_id"],
            ):
                return int(folder_id)
        return ROOT_ID

    def purge(self, conn: sqlite3.Connection, item: sqlite3.Row) -> None:
        """Delete an item for good: its rows now, its bytes once that has committed."""
        ids = [
            row["id"] for row in conn.execute("SELECT id FROM dentries WHERE recycle_item=?", (item["id"],))
        ]
        self.tree.purge(conn, int(item["space_id"]), ids)
        conn.execute("DELETE FROM recycle_items WHERE id=?", (item["id"],))

    def purge_ids(self, conn: sqlite3.Connection, space: sqlite3.Row, item_ids: list[str]) -> None:
        """Purge the items of the space's bin among `item_ids`; the others are ignored (§13.8)."""
        for item_id in item_ids:
            try:
                item = self.item(conn, space, item_id)
            except ServiceError:
                continue
            self.purge(conn, item)

    def clear(self, conn: sqlite3.Connection, space: sqlite3.Row) -> None:
        """Purge every item of the space's bin."""
        for item in conn.execute("SELECT * FROM recycle_items WHERE space_id=?", (space["id"],)).fetchall():
            self.purge(conn, item)

    # --- data folders of earlier versions -----------------------------------------------------

    def record_earlier_deletions(self, conn: sqlite3.Connection) -> None:
        """Give dentries deleted to the bin before recycle items existed one item per deleted root.

        Runs once per data folder. Their deletion time and operator are not known: the last
        change of the root (which the deletion set) and its last modifier stand in.
        """
        if conn.execute("SELECT 1 FROM meta WHERE key=?", (RECORDED_EARLIER_DELETIONS,)).fetchone():
            return
        roots = conn.execute(
            "SELECT d.* FROM dentries d LEFT JOIN dentries p ON p.id = d.parent_id"
            " WHERE d.status='DELETED' AND d.recycle_item IS NULL"
            " AND NOT (p.status IS 'DELETED' AND p.recycle_item IS NULL)"
        ).fetchall()
        for root in roots:
            ids = [
                row["id"]
                for row in conn.execute(
                    """WITH RECURSIVE below(id) AS (
                           SELECT ? UNION ALL
                           SELECT d.id FROM dentries d JOIN below ON d.parent_id = below.id
                           AND d.status = 'DELETED' AND d.recycle_item IS NULL)
                       SELECT id FROM below""",
                    (root["id"],),
                )
            ]
            self.tree.record_recycle_item(conn, root, ids, root["modifier_id"], root["modified_time"])
        conn.execute("INSERT INTO meta VALUES (?, 1)", (RECORDED_EARLIER_DELETIONS,))
