"""File versions: RevertDentryVersion (REFERENCE.md §13.3) adds a version, it never rewrites one.

A file at version 5 reverted to version 3 becomes version 6 with version 3's bytes and size;
every older version stays listed and downloadable (ListDentryVersions, GetFileDownloadInfo
with ``option.version``).
"""

from __future__ import annotations

import sqlite3

from app.localserver.errors import param_error
from app.localserver.spaces import parse_id
from app.localserver.tree import Tree


def revert(
    tree: Tree, conn: sqlite3.Connection, space: sqlite3.Row, dentry_id: str, version: str, union_id: str
) -> sqlite3.Row:
    """Make `version` of a file its newest version again, by `union_id`; the file as it now is."""
    row = tree.dentry(conn, space, dentry_id)
    if row["type"] != "FILE":
        raise param_error("folders have no versions", "dentryId")
    number = parse_id(version)
    chosen = None
    if number is not None:
        chosen = conn.execute(
            "SELECT blob, size FROM versions WHERE dentry_id=? AND version=?", (row["id"], number)
        ).fetchone()
    if chosen is None:
        raise param_error(f"file {dentry_id} has no version {version}", "version")
    # A version of its own, like any commit: its bytes count against the quota until purged.
    tree.charge(conn, space["id"], chosen["size"])
    blob = tree.new_blob(tree.blobs.duplicate(chosen["blob"]))
    reverted = tree.add_version(conn, row, blob, chosen["size"], union_id)
    tree.on_new_content(reverted["id"], reverted["version"], reverted["name"])
    return reverted
