"""Reading the tree page by page: folder listings, the whole space, versions, search, recycle bins.

Page tokens hold the last row's sort key and id rather than an offset, so entries added or
removed between pages neither shift nor repeat the rest.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from app.localserver.errors import param_error

SORT_COLUMNS = {
    "NAME": "name_key",
    "SIZE": "COALESCE(size, -1)",
    "MODIFIED_TIME": "modified_time",
    "CREATE_TIME": "create_time",
}
MAX_PAGE = 50
SQLITE_MAX_INT = 2**63 - 1


@dataclass(frozen=True)
class SqlFilter:
    """A condition on ``dentries`` rows and its parameters: what an operator may see of a listing."""

    sql: str
    args: tuple[Any, ...]


def _encode_token(payload: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def _decode_token(token: str) -> dict[str, Any]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError, UnicodeError) as error:
        raise param_error("nextToken is not valid", "nextToken") from error
    if not isinstance(payload, dict):
        raise param_error("nextToken is not valid", "nextToken")
    return payload


def list_children(
    conn: sqlite3.Connection,
    space: sqlite3.Row,
    parent_id: int,
    order_by: str,
    order: str,
    max_results: int,
    next_token: str | None,
    only: SqlFilter | None = None,
) -> tuple[list[sqlite3.Row], str | None]:
    """One page of a folder, ordered by (sort key, id); only the rows `only` admits, when given.

    The token holds the last row's sort key and id, not an offset, so entries added or
    removed between pages neither shift nor repeat the rest.
    """
    if order_by not in SORT_COLUMNS:
        raise param_error(f"unknown orderBy {order_by!r}", "orderBy")
    if order not in ("ASC", "DESC"):
        raise param_error(f"unknown order {order!r}", "order")
    key = SORT_COLUMNS[order_by]
    where = "space_id=? AND parent_id=? AND status='NORMAL'"
    args: list[Any] = [space["id"], parent_id]
    if only is not None:
        where += f" AND {only.sql}"
        args += only.args
    if next_token:
        cursor = _decode_token(next_token)
        if cursor.get("p") != parent_id or cursor.get("o") != order_by or cursor.get("d") != order:
            raise param_error("nextToken belongs to another listing", "nextToken")
        after = ">" if order == "ASC" else "<"
        where += f" AND ({key} {after} ? OR ({key} = ? AND id {after} ?))"
        args += [cursor.get("k"), cursor.get("k"), cursor.get("i")]
    direction = "ASC" if order == "ASC" else "DESC"
    rows = conn.execute(
        f"SELECT *, {key} AS sort_key FROM dentries WHERE {where} "
        f"ORDER BY {key} {direction}, id {direction} LIMIT ?",
        [*args, max_results + 1],
    ).fetchall()
    if len(rows) <= max_results:
        return rows, None
    rows = rows[:max_results]
    last = rows[-1]
    token = _encode_token({"p": parent_id, "o": order_by, "d": order, "k": last["sort_key"], "i": last["id"]})
    return rows, token


def list_all(
    conn: sqlite3.Connection,
    space: sqlite3.Row,
    order: str,
    max_results: int,
    next_token: str | None,
    only: SqlFilter | None = None,
) -> tuple[list[sqlite3.Row], str | None]:
    """One page of every live dentry of the space (that `only` admits), by modified time."""
    if order not in ("ASC", "DESC"):
        raise param_error(f"unknown order {order!r}", "order")
    where = "space_id=? AND status='NORMAL'"
    args: list[Any] = [space["id"]]
    if only is not None:
        where += f" AND {only.sql}"
        args += only.args
    if next_token:
        cursor = _decode_token(next_token)
        after = ">" if order == "ASC" else "<"
        where += f" AND (modified_time {after} ? OR (modified_time = ? AND id {after} ?))"
        args += [cursor.get("k"), cursor.get("k"), cursor.get("i")]
    rows = conn.execute(
        f"SELECT * FROM dentries WHERE {where} ORDER BY modified_time {order}, id {order} LIMIT ?",
        [*args, max_results + 1],
    ).fetchall()
    if len(rows) <= max_results:
        return rows, None
    rows = rows[:max_results]
    return rows, _encode_token({"k": rows[-1]["modified_time"], "i": rows[-1]["id"]})


def versions(
    conn: sqlite3.Connection, row: sqlite3.Row, max_results: int, next_token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """The versions of a file, newest first, as dentry rows with that version's fields."""
    before = SQLITE_MAX_INT
    if next_token:
        cursor = _decode_token(next_token)
        before = int(cursor.get("v", 0)) if isinstance(cursor.get("v"), int) else 0
    rows = conn.execute(
        "SELECT * FROM versions WHERE dentry_id=? AND version < ? ORDER BY version DESC LIMIT ?",
        (row["id"], before, max_results + 1),
    ).fetchall()
    more = len(rows) > max_results
    rows = rows[:max_results]
    versions = [
        {
            **dict(row),
            "version": v["version"],
            "size": v["size"],
            "blob": v["blob"],
            "modifier_id": v["modifier_id"],
            "modified_time": v["modified_time"],
        }
        for v in rows
    ]
    token = _encode_token({"v": rows[-1]["version"]}) if more else None
    return versions, token


def search(
    conn: sqlite3.Connection,
    allowed: list[int],
    keyword: str,
    max_results: int,
    next_token: str | None,
    only: SqlFilter | None = None,
) -> tuple[list[sqlite3.Row], str | None]:
    """Live dentries whose name contains `keyword` (case-insensitive) in the `allowed` spaces.

    `only`, when given, further limits them (to what the operator may see).
    """
    if not allowed:
        return [], None
    after = 0
    if next_token:
        cursor = _decode_token(next_token)
        after = int(cursor["i"]) if isinstance(cursor.get("i"), int) else 0
    pattern = "%" + keyword.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    marks = ",".join("?" * len(allowed))
    visible = f" AND {only.sql}" if only is not None else ""
    rows = conn.execute(
        f"SELECT * FROM dentries WHERE space_id IN ({marks}) AND status='NORMAL' AND id > ?"
        f" AND name_key LIKE ? ESCAPE '\\'{visible} ORDER BY id LIMIT ?",
        [*allowed, after, pattern, *(only.args if only is not None else ()), max_results + 1],
    ).fetchall()
    if len(rows) <= max_results:
        return rows, None
    rows = rows[:max_results]
    return rows, _encode_token({"i": rows[-1]["id"]})


def recycle_items(
    conn: sqlite3.Connection, space_id: int, max_results: int, next_token: str | None
) -> tuple[list[sqlite3.Row], str | None]:
    """One page of a space's recycle bin, the latest deletions first."""
    where = "space_id=?"
    args: list[Any] = [space_id]
    if next_token:
        cursor = _decode_token(next_token)
        if cursor.get("b") != space_id:
            raise param_error("nextToken belongs to another listing", "nextToken")
        where += " AND (operator_time < ? OR (operator_time = ? AND id < ?))"
        args += [cursor.get("k"), cursor.get("k"), cursor.get("i")]
    rows = conn.execute(
        f"SELECT * FROM recycle_items WHERE {where} ORDER BY operator_time DESC, id DESC LIMIT ?",
        [*args, max_results + 1],
    ).fetchall()
    if len(rows) <= max_results:
        return rows, None
    rows = rows[:max_results]
    last = rows[-1]
    return rows, _encode_token({"b": space_id, "k": last["operator_time"], "i": last["id"]})
