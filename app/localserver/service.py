"""The parts of one running service, wired together, and what happens at start and stop."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from app.localserver.auth import TokenIssuer
from app.localserver.blobs import BlobStore, thumbnail_name
from app.localserver.config import ServerConfig
from app.localserver.db import Database
from app.localserver.move_copy import MoveCopy
from app.localserver.permissions import Permissions
from app.localserver.private import prepare_data_folder
from app.localserver.recycle_bin import RecycleBin
from app.localserver.signing import Signer
from app.localserver.thumbnails import Thumbnailer
from app.localserver.tree import Tree
from app.localserver.uploads import Uploads

log = logging.getLogger(__name__)


class Service:
    """Everything a request handler needs; one per data folder."""

    def __init__(self, config: ServerConfig, base_url: str) -> None:
        self.config = config
        data_dir = Path(config.data_dir)
        prepare_data_folder(data_dir)
        self.is_new = not (data_dir / "metadata.sqlite3").exists()
        self.db = Database(data_dir / "metadata.sqlite3")
        self.blobs = BlobStore(data_dir)
        signing_secret = self._signing_secret()
        self.signer = Signer(signing_secret, config.public_url or base_url, config.url_ttl)
        self.tokens = TokenIssuer(
            self.db, config.app_key, config.app_secret, config.token_ttl, fingerprint_key=signing_secret
        )
        self.tree = Tree(self.db, self.blobs)
        self.recycle_bin = RecycleBin(self.tree)
        self.permissions = Permissions(self.tree)
        self.move_copy = MoveCopy(self.tree, self.permissions)
        self.uploads = Uploads(self.blobs, self.tree)
        self.thumbnails = Thumbnailer(self.db, self.blobs, self.signer)
        self.tree.on_new_content = self.thumbnails.request

    @property
    def demo_space_id(self) -> str | None:
        """The id of the space made by ``--demo``, if there is one."""
        row = self.db.connection().execute("SELECT value FROM meta WHERE key='demo_space_id'").fetchone()
        return None if row is None else str(row["value"])

    def _signing_secret(self) -> bytes:
        with self.db.write() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key='signing_secret'").fetchone()
            if row is not None:
                return bytes(row["value"])
            secret = secrets.token_bytes(32)
            conn.execute("INSERT INTO meta VALUES ('signing_secret', ?)", (secret,))
            return secret

    def start(self) -> None:
        """Tidy what an earlier run left behind, then start background work."""
        with self.db.write() as conn:
            self.uploads.expire_abandoned(conn)
            self.recycle_bin.record_earlier_deletions(conn)
        self._collect_garbage()
        self.thumbnails.start()

    def _collect_garbage(self) -> None:
        """Remove the bytes no row refers to (a crash after a commit, before its clean-up)."""
        conn = self.db.connection()
        blob_ids = {row[0] for row in conn.execute("SELECT blob FROM versions")}
        upload_keys = {row[0] for row in conn.execute("SELECT upload_key FROM uploads WHERE committed=0")}
        thumbnails = {
            thumbnail_name(dentry_id, version)
            for dentry_id, version in conn.execute("SELECT dentry_id, version FROM versions")
        }
        removed = self.blobs.collect_garbage(blob_ids, upload_keys, thumbnails)
        if removed:
            log.info("removed %d leftover files no metadata refers to", removed)

    def stop(self) -> None:
        """Stop background work and close the database."""
        self.thumbnails.stop()
        self.db.close()
