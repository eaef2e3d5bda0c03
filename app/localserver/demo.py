"""Demo content: a space filled from ``resources/demo`` so a new user has something to browse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.localserver import spaces
from app.localserver.service import Service

DEMO_SOURCE = Path(__file__).resolve().parents[2] / "resources" / "demo"
DEMO_SPACE_NAME = "Demo space"


def create_demo_space(service: Service, source: Path = DEMO_SOURCE) -> str:
    """Create an org space owned by the configured unionId with a copy of `source`; returns its id."""
    config = service.config
    with service.db.write() as conn:
        space = spaces.create_space(conn, config.union_id, config.app_key, DEMO_SPACE_NAME)
        _copy_folder(service, conn, int(space["id"]), 0, source)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('demo_space_id', ?)", (str(space["id"]),))
    return str(space["id"])


def _copy_folder(
    service: Service, conn: sqlite3.Connection, space_id: int, parent_id: int, folder: Path
) -> None:
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):  # .keep files stand in for git's missing empty folders
            continue
        if entry.is_dir():
            row = service.tree.insert(
                conn,
                space_id=space_id,
                parent_id=parent_id,
                kind="FOLDER",
                name=entry.name,
                union_id=service.config.union_id,
            )
            _copy_folder(service, conn, space_id, int(row["id"]), entry)
        elif entry.is_file():
            blob, size = service.blobs.store_file(entry)
            service.tree.new_blob(blob)
            service.tree.charge(conn, space_id, size)
            row = service.tree.insert(
                conn,
                space_id=space_id,
                parent_id=parent_id,
                kind="FILE",
                name=entry.name,
                union_id=service.config.union_id,
                blob=blob,
                size=size,
            )
            service.tree.on_new_content(int(row["id"]), int(row["version"]), entry.name)
