"""Upload keys and CommitFile: staged bytes become a visible file only when committed."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from app.localserver.app_properties import MAX_PER_CALL, owner_key
from app.localserver.blobs import BlobStore
from app.localserver.errors import ServiceError, param_error
from app.localserver.names import normalize_name
from app.localserver.tree import Tree

UPLOAD_KEY_LIFETIME = 24 * 3600
MAX_PART_NUMBER = 10000


@dataclass(frozen=True)
class CommitRequest:
    """What CommitFile v1 or v2 asks for, after the parent has been resolved."""

    space: sqlite3.Row
    parent_id: int
    upload_key: str
    name: str
    size: int | None
    strategy: str
    app_properties: list[dict[str, Any]]
    union_id: str


class Uploads:
    """Creates upload keys, accepts their bytes and commits them."""

    def __init__(self, blobs: BlobStore, tree: Tree) -> None:
        self.blobs = blobs
        self.tree = tree

    def create(self, conn: sqlite3.Connection, space: sqlite3.Row, union_id: str, multipart: bool) -> str:
        """A new single-use upload key for the space."""
        key = secrets.token_urlsafe(24)
        conn.execute(
            "INSERT INTO uploads (upload_key, space_id, union_id, multipart, created_at) VALUES (?,?,?,?,?)",
            (key, space["id"], union_id, int(multipart), time.time()),
        )
        return key

    @staticmethod
    def precheck(space: sqlite3.Row, name: str | None, size: int | None) -> None:
        """Refuse early what the commit would refuse: an illegal name or a size over the quota."""
        if name is not None:
            normalize_name(name)
        if size is not None and space["used_quota"] + size > space["quota"]:
            raise ServiceError(400, "spaceQuotaInsufficient", "the space has not enough quota left")

    def open_upload(self, conn: sqlite3.Connection, upload_key: str) -> sqlite3.Row:
        """An upload that may still receive bytes or be committed."""
        row = conn.execute("SELECT * FROM uploads WHERE upload_key=?", (upload_key,)).fetchone()
        if row is None or row["committed"] or row["created_at"] + UPLOAD_KEY_LIFETIME < time.time():
            raise param_error("the upload key is unknown, used or expired", "uploadKey")
        return row

    def commit(self, conn: sqlite3.Connection, request: CommitRequest) -> sqlite3.Row:
        """CommitFile: check everything, then make the staged bytes a file (or a new version)."""
        upload = self.open_upload(conn, request.upload_key)
        if upload["space_id"] != request.space["id"]:
            raise param_error("the upload key belongs to another space", "uploadKey")
        name = normalize_name(request.name)
        if len(request.app_properties) > MAX_PER_CALL:
            raise param_error(f"at most {MAX_PER_CALL} appProperties are allowed", "appProperties")
        staged = self.blobs.staged_size(request.upload_key)
        if staged is None:
            raise param_error("nothing was uploaded with this upload key", "uploadKey")
        if request.size is not None and request.size != staged:
            raise param_error(f"option.size is {request.size} but {staged} bytes were uploaded")
        placement = self.tree.place(
            conn, request.space["id"], request.parent_id, name, request.strategy, is_folder=False
        )
        existing = placement.existing
        if existing is not None and request.strategy == "RETURN_DENTRY_IF_EXISTS":
            self._finish(conn, request.upload_key)
            return existing
        if existing is not None and existing["type"] != "FILE":
            raise ServiceError(400, "dentryNameConflict", f"a folder named {name!r} already exists")
        self.tree.charge(conn, request.space["id"], staged)
        adopted = self.blobs.adopt(request.upload_key)
        if adopted is None:
            raise param_error("nothing was uploaded with this upload key", "uploadKey")
        blob, size = adopted
        self.tree.new_blob(blob)
        if existing is not None:
            row = self.tree.add_version(conn, existing, blob, size, request.union_id)
            row = self._set_properties(conn, row, request)
        else:
            row = self.tree.insert(
                conn,
                space_id=request.space["id"],
                parent_id=request.parent_id,
                kind="FILE",
                name=placement.name,
                union_id=request.union_id,
                blob=blob,
                size=size,
                app_properties=self._properties_map(request),
            )
        self._finish(conn, request.upload_key)
        self.tree.on_new_content(row["id"], row["version"], row["name"])
        return row

    def _properties_map(self, request: CommitRequest) -> dict[str, Any]:
        if not request.app_properties:
            return {}
        return {owner_key(request.space): request.app_properties}

    def _set_properties(
        self, conn: sqlite3.Connection, row: sqlite3.Row, request: CommitRequest
    ) -> sqlite3.Row:
        if not request.app_properties:
            return row
        conn.execute(
            "UPDATE dentries SET app_properties=? WHERE id=?",
            (json.dumps(self._properties_map(request)), row["id"]),
        )
        return conn.execute("SELECT * FROM dentries WHERE id=?", (row["id"],)).fetchone()

    def _finish(self, conn: sqlite3.Connection, upload_key: str) -> None:
        conn.execute("UPDATE uploads SET committed=1 WHERE upload_key=?", (upload_key,))
        # The staged files are the new blob's other links: dropped once the commit is durable.
        self.tree.db.on_commit(lambda: self.blobs.discard_staging(upload_key))

    def expire_abandoned(self, conn: sqlite3.Connection) -> None:
        """Drop upload keys past their lifetime (their staging goes with the next garbage collection)."""
        conn.execute("DELETE FROM uploads WHERE created_at < ?", (time.time() - UPLOAD_KEY_LIFETIME,))
