"""App properties of a dentry: one list per owning app, upserted and removed by name (§13.6).

They are stored, and answered, as a map keyed by owner (an array breaks the SDK's parser). The
owner is the space's ownerId, the key CommitFile and AddFolder file them under; a name is unique
within one owner's list.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from app.localserver.errors import param_error

MAX_PER_CALL = 3
"""At most this many properties in one call (CommitFile v2, UpdateDentryAppProperties, Delete…)."""
MAX_PER_OWNER = 100
"""A dentry keeps at most this many properties per owner."""


def owner_key(space: sqlite3.Row) -> str:
    """The owner key properties set through this space are filed under."""
    return str(space["owner_id"])


def _check_count(count: int, what: str) -> None:
    if count == 0:
        raise param_error(f"{what} is empty", what)
    if count > MAX_PER_CALL:
        raise param_error(f"at most {MAX_PER_CALL} {what} are allowed in one call", what)


def upsert(conn: sqlite3.Connection, row: sqlite3.Row, owner: str, properties: list[dict[str, Any]]) -> None:
    """Add the properties `owner` does not have yet, overwrite those it has (by name); keep the rest."""
    _check_count(len(properties), "appProperties")
    if any(not prop["name"] for prop in properties):
        raise param_error("an app property has no name", "appProperties")
    stored: dict[str, list[dict[str, Any]]] = json.loads(row["app_properties"])
    by_name = {prop["name"]: prop for prop in stored.get(owner, [])}
    by_name.update({prop["name"]: prop for prop in properties})
    if len(by_name) > MAX_PER_OWNER:
        raise param_error(f"a dentry keeps at most {MAX_PER_OWNER} app properties per app", "appProperties")
    stored[owner] = list(by_name.values())
    conn.execute("UPDATE dentries SET app_properties=? WHERE id=?", (json.dumps(stored), row["id"]))


def remove(conn: sqlite3.Connection, row: sqlite3.Row, owner: str, names: list[str]) -> None:
    """Remove `owner`'s properties of those names; names it does not have are ignored."""
    _check_count(len(names), "propertyNames")
    stored: dict[str, list[dict[str, Any]]] = json.loads(row["app_properties"])
    kept = [prop for prop in stored.get(owner, []) if prop["name"] not in names]
    if kept:
        stored[owner] = kept
    else:
        stored.pop(owner, None)
    conn.execute("UPDATE dentries SET app_properties=? WHERE id=?", (json.dumps(stored), row["id"]))
