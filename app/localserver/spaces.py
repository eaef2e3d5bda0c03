"""Spaces: creating them, and who may use which (a space belongs to the unionId that made it)."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time

from app.localserver.errors import permission_denied, space_not_exist


def parse_id(text: str) -> int | None:
    """The integer behind a decimal id string, or None when it cannot name anything."""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def create_space(
    conn: sqlite3.Connection,
    union_id: str,
    app_key: str,
    name: str,
    owner_type: str = "APP",
    quota: int = 1 << 40,
    scene: str | None = None,
    scene_id: str | None = None,
    capabilities: dict[str, bool] | None = None,
) -> sqlite3.Row:
    """Add a space owned by `union_id` (USER spaces) or by the app (every other kind)."""
    now = time.time()
    caps = {"canSearch": True, "canRename": True, "canRecordRecentFile": True}
    caps.update(capabilities or {})
    cursor = conn.execute(
        "INSERT INTO spaces (name, owner_type, owner_id, creator_id, scene, scene_id, quota,"
        " capabilities, root_uuid, create_time, modified_time) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            name,
            owner_type,
            union_id if owner_type == "USER" else app_key,
            union_id,
            scene,
            scene_id,
            quota,
            json.dumps(caps),
            secrets.token_hex(16),
            now,
            now,
        ),
    )
    return conn.execute("SELECT * FROM spaces WHERE id=?", (cursor.lastrowid,)).fetchone()


def exists(conn: sqlite3.Connection, space_id: str) -> bool:
    """Whether a space has this id (whoever may use it)."""
    number = parse_id(space_id)
    return (
        number is not None
        and conn.execute("SELECT 1 FROM spaces WHERE id=?", (number,)).fetchone() is not None
    )


def space_for(
    conn: sqlite3.Connection, space_id: str | int, union_id: str, denied_status: int = 403
) -> sqlite3.Row:
    """The space, if it exists and `union_id` may use it."""
    number = space_id if isinstance(space_id, int) else parse_id(space_id)
    row = None
    if number is not None:
        row = conn.execute("SELECT * FROM spaces WHERE id=?", (number,)).fetchone()
    if row is None:
        raise space_not_exist(str(space_id))
    if row["creator_id"] != union_id:
        raise permission_denied(status=denied_status)
    return row


def spaces_of(conn: sqlite3.Connection, union_id: str) -> list[sqlite3.Row]:
    """Every space `union_id` may use, oldest first."""
    return conn.execute("SELECT * FROM spaces WHERE creator_id=? ORDER BY id", (union_id,)).fetchall()
