"""SQLite metadata store: one connection per thread, WAL, and serialized write transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.localserver.private import create_new_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY, app_key TEXT NOT NULL, expires_at REAL NOT NULL,
    credentials TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS spaces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    owner_type TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    scene TEXT, scene_id TEXT,
    quota INTEGER NOT NULL,
    used_quota INTEGER NOT NULL DEFAULT 0,
    capabilities TEXT NOT NULL,
    root_uuid TEXT NOT NULL UNIQUE,
    create_time REAL NOT NULL,
    modified_time REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dentries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    size INTEGER,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    blob TEXT,
    uuid TEXT NOT NULL UNIQUE,
    creator_id TEXT NOT NULL,
    modifier_id TEXT NOT NULL,
    create_time REAL NOT NULL,
    modified_time REAL NOT NULL,
    app_properties TEXT NOT NULL DEFAULT '{}',
    recycle_item INTEGER);
CREATE INDEX IF NOT EXISTS dentries_by_parent ON dentries (space_id, parent_id, status, name_key);
CREATE TABLE IF NOT EXISTS versions (
    dentry_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    blob TEXT NOT NULL,
    size INTEGER NOT NULL,
    modifier_id TEXT NOT NULL,
    modified_time REAL NOT NULL,
    PRIMARY KEY (dentry_id, version));
CREATE TABLE IF NOT EXISTS recycle_bins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS recycle_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id INTEGER NOT NULL,
    dentry_id INTEGER NOT NULL,
    original_path TEXT NOT NULL,
    ancestors TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    operator_time REAL NOT NULL);
CREATE INDEX IF NOT EXISTS recycle_items_by_space ON recycle_items (space_id, operator_time, id);
CREATE TABLE IF NOT EXISTS uploads (
    upload_key TEXT PRIMARY KEY,
    space_id INTEGER NOT NULL,
    union_id TEXT NOT NULL,
    multipart INTEGER NOT NULL,
    created_at REAL NOT NULL,
    committed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS thumbnails (
    dentry_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    width INTEGER, height INTEGER, media_type TEXT,
    PRIMARY KEY (dentry_id, version));
CREATE TABLE IF NOT EXISTS permissions (
    space_id INTEGER NOT NULL,
    dentry_id INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    corp_id TEXT,
    role TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    duration INTEGER,
    expires_at REAL,
    create_time REAL NOT NULL,
    modified_time REAL NOT NULL,
    PRIMARY KEY (space_id, dentry_id, member_id));
CREATE INDEX IF NOT EXISTS permissions_by_member ON permissions (member_id, space_id);
"""

# Ids look like the real service's: decimal strings, not small counters starting at 1.
FIRST_SPACE_ID = 1000
FIRST_DENTRY_ID = 10000


class Database:
    """Opens one SQLite connection per thread on the same file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        # SQLite creates its files 0644 (less the umask) and gives -wal and -shm the mode of the
        # database file: made 0600 first, all three stay private.
        for suffix in ("", "-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if suffix == "" or companion.exists():
                create_new_file(companion)
        self.connection().executescript(SCHEMA)
        self._upgrade()
        with self.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sqlite_sequence (name, seq) "
                "SELECT 'spaces', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name='spaces')",
                (FIRST_SPACE_ID,),
            )
            conn.execute(
                "INSERT OR IGNORE INTO sqlite_sequence (name, seq) "
                "SELECT 'dentries', ? WHERE NOT EXISTS "
                "(SELECT 1 FROM sqlite_sequence WHERE name='dentries')",
                (FIRST_DENTRY_ID,),
            )

    def _upgrade(self) -> None:
        """Bring a data folder made by an earlier version up to `SCHEMA`."""
        conn = self.connection()
        token_columns = {row["name"] for row in conn.execute("PRAGMA table_info(tokens)")}
        if "credentials" not in token_columns:
            # Tokens issued before fingerprints existed match no credentials: clients get new ones.
            conn.execute("ALTER TABLE tokens ADD COLUMN credentials TEXT NOT NULL DEFAULT ''")
        dentry_columns = {row["name"] for row in conn.execute("PRAGMA table_info(dentries)")}
        if "recycle_item" not in dentry_columns:
            # Dentries deleted before recycle items existed get items at start (`RecycleBin`).
            conn.execute("ALTER TABLE dentries ADD COLUMN recycle_item INTEGER")
        # (Made here, not in SCHEMA: an older table gets the column only just above.)
        conn.execute(
            "CREATE INDEX IF NOT EXISTS dentries_in_recycle_bin ON dentries (recycle_item)"
            " WHERE recycle_item IS NOT NULL"
        )

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (autocommit mode; use `write()` for transactions)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=10000")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; writers are serialized so check-then-insert is atomic.

        Callbacks registered with `on_commit` run after COMMIT (outside the write lock), those
        registered with `on_rollback` after a ROLLBACK, so files on disk follow the metadata.
        """
        conn = self.connection()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            after_commit: list[Callable[[], None]] = []
            after_rollback: list[Callable[[], None]] = []
            self._local.after_commit, self._local.after_rollback = after_commit, after_rollback
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                    conn.execute("ROLLBACK")
                self._local.after_commit = self._local.after_rollback = None
                for callback in after_rollback:
                    callback()
                raise
            finally:
                self._local.after_commit = self._local.after_rollback = None
        for callback in after_commit:
            callback()

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once this thread's transaction commits (at once outside one).

        Background workers read with their own connections, so they must hear about new rows
        only when those rows are visible to them; and bytes the metadata no longer refers to
        may go only once that is durable (a crash before the commit keeps the old rows).
        """
        pending: list[Callable[[], None]] | None = getattr(self._local, "after_commit", None)
        if pending is None:
            callback()
        else:
            pending.append(callback)

    def on_rollback(self, callback: Callable[[], None]) -> None:
        """Run `callback` if this thread's transaction rolls back (never outside one).

        For bytes written for rows that will not exist: a failed commit leaves no orphan behind.
        """
        pending: list[Callable[[], None]] | None = getattr(self._local, "after_rollback", None)
        if pending is not None:
            pending.append(callback)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of this thread's write transaction that may fail on its own (one item of a batch).

        When the block raises, its changes are undone, its `on_rollback` callbacks run and its
        `on_commit` callbacks are dropped, and the transaction goes on; when it succeeds, its
        callbacks wait for the transaction like any other.
        """
        conn = self.connection()
        outer_commit: list[Callable[[], None]] | None = getattr(self._local, "after_commit", None)
        outer_rollback: list[Callable[[], None]] | None = getattr(self._local, "after_rollback", None)
        if outer_commit is None or outer_rollback is None:
            raise RuntimeError("a savepoint needs a write transaction")
        inner_commit: list[Callable[[], None]] = []
        inner_rollback: list[Callable[[], None]] = []
        self._local.after_commit, self._local.after_rollback = inner_commit, inner_rollback
        name = f"part{len(outer_rollback)}_{id(inner_rollback)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._local.after_commit, self._local.after_rollback = outer_commit, outer_rollback
            if not conn.in_transaction:  # SQLite gave up the whole transaction (a full disk)
                outer_rollback.extend(inner_rollback)
                raise
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            for callback in inner_rollback:
                callback()
            raise
        conn.execute(f"RELEASE {name}")
        self._local.after_commit, self._local.after_rollback = outer_commit, outer_rollback
        outer_commit.extend(inner_commit)
        outer_rollback.extend(inner_rollback)

    def close(self) -> None:
        """Close every connection opened by any thread."""
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
