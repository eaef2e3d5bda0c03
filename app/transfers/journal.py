"""The transfer journal: every job and its parts in SQLite, so work continues after a crash.

Like a sync client's journal, it records per download the temporary file's progress and the
ETag/version the bytes belong to, and per upload the upload key and the parts already sent.
Every account on the computer shares it, so each job records the key of the account that made it
(`Account.key`) and runs only under that account.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    account TEXT NOT NULL,
    account_key TEXT,
    space_id TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    remote_name TEXT NOT NULL,
    local_path TEXT NOT NULL,
    conflict TEXT NOT NULL,
    size INTEGER,
    version INTEGER,
    pinned INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    partial TEXT,
    source_mtime REAL,
    upload_key TEXT,
    segments INTEGER NOT NULL DEFAULT 1,
    bytes_done INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    error_code TEXT,
    note TEXT,
    result TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    batch TEXT,
    started REAL,
    started_bytes INTEGER);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    account_key TEXT,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS parts (
    job_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    start INTEGER NOT NULL,
    length INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, number));
"""
ADDED_COLUMNS = {
    "account_key": "TEXT",
    "partial": "TEXT",
    "error_code": "TEXT",
    "batch": "TEXT",
    "pinned": "INTEGER NOT NULL DEFAULT 0",
    "started": "REAL",
    "started_bytes": "INTEGER",
}
"""Columns later versions added to `jobs`, so that an older journal gets them when it is opened."""
INDEXES = """
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, id);
CREATE INDEX IF NOT EXISTS jobs_by_account ON jobs (account_key, state, id);
CREATE INDEX IF NOT EXISTS jobs_by_target ON jobs (kind, space_id, remote_id, local_path);
CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch, state);
"""


class Kind(StrEnum):
    """What a job moves."""

    DOWNLOAD = "download"
    UPLOAD = "upload"


class State(StrEnum):
    """Where a job is; `finished` ones never run again unless retried."""

    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    COMMITTING = "committing"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """Done, failed or cancelled."""
        return self in (State.DONE, State.FAILED, State.CANCELLED)


@dataclass(slots=True)
class Job:
    """One transfer as recorded in the journal.

    For a download, `remote_id` is the dentry and `local_path` the final target; for an upload,
    `remote_id` is the parent folder, `remote_name` the name to commit and `local_path` the source.
    """

    id: int
    kind: Kind
    state: State
    account: str
    """The name of the account that made the job, to show beside other accounts' jobs."""
    account_key: str | None
    """`Account.key` of that account; None for a job recorded before journals had keys."""
    space_id: str
    remote_id: str
    remote_name: str
    local_path: str
    conflict: str
    size: int | None
    version: int | None
    etag: str | None
    partial: str | None
    """A download's partial file, made by Dentry for this job; no other file is ever written to."""
    source_mtime: float | None
    upload_key: str | None
    segments: int
    bytes_done: int
    attempts: int
    error: str | None
    error_code: str | None
    """The storage service's code for the error, when it gave one (e.g. ``storageFull``)."""
    note: str | None
    result: str | None
    created: float
    updated: float
    batch: str | None = None
    """The batch (one user action: a drop, a folder, one command) the job was queued in, if any."""
    pinned: bool = False
    """A download of exactly `version`, an older one the service keeps, not of whatever is current."""
    started: float | None = None
    """When its last run began (None before it ran), and `started_bytes`: its bytes done then."""
    started_bytes: int | None = None

    @property
    def last_run(self) -> tuple[float, int] | None:
        """A done job's last run: (seconds it took, bytes it moved); None when unknown."""
        if self.state != State.DONE or self.started is None or self.started_bytes is None:
            return None
        return max(0.0, self.updated - self.started), max(0, (self.size or 0) - self.started_bytes)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        """A job from its journal row."""
        values = {name: row[name] for name in row.keys()}  # noqa: SIM118 - sqlite3.Row
        values["kind"], values["state"] = Kind(values["kind"]), State(values["state"])
        values["pinned"] = bool(values["pinned"])
        return cls(**values)


@dataclass(slots=True)
class Part:
    """A byte range of a job: a download segment or an upload part (numbers from 1)."""

    number: int
    start: int
    length: int
    done: int

    @property
    def complete(self) -> bool:
        """All its bytes are done."""
        return self.done >= self.length


def split(size: int, length: int) -> list[Part]:
    """Parts of `length` bytes (the last one shorter) covering `size` bytes, numbered from 1."""
    starts = range(0, size, max(1, length))
    return [Part(n + 1, start, min(length, size - start), 0) for n, start in enumerate(starts)]


@dataclass(frozen=True, slots=True)
class Batch:
    """Jobs queued by one user action, and how many of them are where now.

    `label` is what the action was about, as its maker put it (e.g. the target folder's name),
    for a notification such as "42 files uploaded to Photos".
    """

    id: str
    kind: Kind
    label: str
    account_key: str | None
    created: float
    total: int = 0
    done: int = 0
    failed: int = 0
    cancelled: int = 0
    bytes_done: int = 0
    """Bytes of the jobs that are done."""

    @property
    def unfinished(self) -> int:
        """Jobs still queued, running, paused or committing."""
        return self.total - self.done - self.failed - self.cancelled

    @property
    def finished(self) -> bool:
        """Every job of the batch is done, failed or cancelled."""
        return self.unfinished == 0


JOB_FIELDS = {field.name for field in fields(Job)}
DAMAGE = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR"}
"""What sqlite says when the file went bad while in use (read once more, it would again)."""


def set_aside(path: Path) -> Path:
    """Rename a damaged journal (with its -wal and -shm files) beside it, deleting nothing.

    Returns the new path, ``transfers.sqlite3.damaged-<timestamp>``; a new journal can then be
    opened at `path`.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(os.path.lexists(f"{aside}{suffix}") for suffix in ("", "-wal", "-shm")):
        number += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("", "-wal", "-shm"):
        if os.path.lexists(f"{path}{suffix}"):
            os.rename(f"{path}{suffix}", f"{aside}{suffix}")
    return aside


class JournalError(Exception):
    """The journal file cannot be opened or read; the sentence names the file and what to do.

    Attributes:
        path: the journal file.
        damaged: whether setting the file aside (`set_aside`) and starting a new journal is the
            remedy; False when it is only busy or its folder cannot be made.
    """

    def __init__(self, path: Path, reason: str, *, damaged: bool = True) -> None:
        self.path = path
        self.damaged = damaged
        remedy = (
            f"move it aside (e.g. rename it to {path.name}.damaged) to start a new one"
            if damaged
            else "try again in a moment"
        )
        super().__init__(f"The transfer journal {path} cannot be used: {reason}; {remedy}")


def _journal_error(path: Path, error: sqlite3.Error | OSError) -> JournalError:
    """What went wrong with the journal file, in words, and whether it is damaged."""
    if isinstance(error, OSError):
        return JournalError(path, f"its folder cannot be made ({error.strerror})", damaged=False)
    name = getattr(error, "sqlite_errorname", "")
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return JournalError(path, "another program keeps it locked", damaged=False)
    if path.is_dir():
        reason = "a folder is in its place"
    elif name == "SQLITE_NOTADB":
        reason = "it is not a journal (damaged or overwritten)"
    elif name == "SQLITE_CORRUPT":
        reason = "it is damaged"
    elif path.exists() and not os.access(path, os.R_OK | os.W_OK):
        reason = "it cannot be read and written (permissions)"
    else:
        reason = f"it cannot be read ({error})"
    return JournalError(path, reason)


class Journal:
    """Thread-safe access to the journal file."""

    def __init__(self, path: Path) -> None:
        """Open the journal (made if missing, brought up to date if older).

        Raises:
            JournalError: the file cannot be opened or read, or is damaged.
        """
        self.path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except (sqlite3.Error, OSError) as error:
            raise _journal_error(path, error) from error
        try:
            self._open()
        except sqlite3.Error as error:
            self._conn.close()
            raise _journal_error(path, error) from error
        except JournalError:
            self._conn.close()
            raise

    def _open(self) -> None:
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._conn.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync survives a killed process (what resuming needs) without an fsync
        # per progress update; only a power cut may lose the last moments of progress.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        # A truncated or scribbled-on file may open; every page is looked at once, here (about
        # 60 ms for 100,000 jobs), so that damage is one clear error now, not a failure later.
        if self._conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise JournalError(self.path, "it is damaged")
        self._conn.executescript(SCHEMA)
        self._add_missing_columns()
        self._conn.executescript(INDEXES)

    def _add_missing_columns(self) -> None:
        """Bring a journal of an older version up to date; its jobs keep what they had."""
        have = {row["name"] for row in self._conn.execute("PRAGMA table_info(jobs)")}
        for name, kind in ADDED_COLUMNS.items():
            if name not in have:
                self._conn.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    def _execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock, self._damage_reported():
            return self._conn.execute(sql, args)

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        # Read whole under the lock: a cursor stepped later, while another thread writes through
        # this same connection, mixes rows from before and after those writes (a torn snapshot).
        with self._lock, self._damage_reported():
            return self._conn.execute(sql, args).fetchall()

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorname", "") in DAMAGE:
                raise _journal_error(self.path, error) from error
            raise

    def _row(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, args)
        return rows[0] if rows else None

    def add(self, kind: Kind, **values: Any) -> Job:
        """Record a new queued job."""
        now = time.time()
        values.update(kind=str(kind), state=str(State.QUEUED), created=now, updated=now)
        names = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = self._execute(f"INSERT INTO jobs ({names}) VALUES ({marks})", tuple(values.values()))
        return self.get(int(cursor.lastrowid or 0))

    def add_batch(self, kind: Kind, label: str, account_key: str | None) -> Batch:
        """Record a new batch, to give the jobs of one user action (see `Batch`)."""
        batch = Batch(uuid.uuid4().hex, kind, label, account_key, time.time())
        self._execute(
            "INSERT INTO batches VALUES (?,?,?,?,?)",
            (batch.id, str(kind), label, account_key, batch.created),
        )
        return batch

    def batch(self, batch_id: str) -> Batch:
        """A batch with its counts now (KeyError when unknown)."""
        row = self._row("SELECT * FROM batches WHERE id=?", (batch_id,))
        if row is None:
            raise KeyError(batch_id)
        counts = {
            state: (number, size)
            for state, number, size in self._rows(
                "SELECT state, COUNT(*), COALESCE(SUM(size), 0) FROM jobs WHERE batch=? GROUP BY state",
                (batch_id,),
            )
        }
        return Batch(
            row["id"],
            Kind(row["kind"]),
            row["label"],
            row["account_key"],
            row["created"],
            total=sum(number for number, _ in counts.values()),
            done=counts.get("done", (0, 0))[0],
            failed=counts.get("failed", (0, 0))[0],
            cancelled=counts.get("cancelled", (0, 0))[0],
            bytes_done=counts.get("done", (0, 0))[1],
        )

    def get(self, job_id: int) -> Job:
        """A job by id (KeyError when unknown)."""
        row = self._row("SELECT * FROM jobs WHERE id=?", (job_id,))
        if row is None:
            raise KeyError(job_id)
        return Job.from_row(row)

    def jobs(self, *, unfinished: bool = False) -> list[Job]:
        """Every job (or only those not done, failed or cancelled), oldest first."""
        sql = "SELECT * FROM jobs"
        if unfinished:
            sql += " WHERE state NOT IN ('done', 'failed', 'cancelled')"
        return [Job.from_row(row) for row in self._rows(sql + " ORDER BY id")]

    def queued_ids(self, account_key: str | None, limit: int) -> list[int]:
        """The first `limit` queued jobs of an account (None: those recorded without a key), oldest first."""
        rows = self._rows(
            "SELECT id FROM jobs WHERE account_key IS ? AND state='queued' ORDER BY id LIMIT ?",
            (account_key, limit),
        )
        return [int(row["id"]) for row in rows]

    def unfinished_ids(self, job_ids: list[int]) -> set[int]:
        """Those of these jobs that are not done, failed or cancelled."""
        unfinished: set[int] = set()
        for start in range(0, len(job_ids), 500):
            chunk = job_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT id FROM jobs WHERE id IN ({marks}) AND state NOT IN ('done', 'failed', 'cancelled')",
                tuple(chunk),
            )
            unfinished.update(int(row["id"]) for row in rows)
        return unfinished

    def find_unfinished(
        self, account_key: str | None, kind: Kind, space_id: str, remote_id: str, local_path: str
    ) -> Job | None:
        """The account's unfinished job moving these same bytes, so that running it again resumes it."""
        return self._find_latest(
            account_key, kind, space_id, remote_id, local_path, " AND state NOT IN ('done', 'cancelled')"
        )

    def find_latest(
        self, account_key: str | None, kind: Kind, space_id: str, remote_id: str, local_path: str
    ) -> Job | None:
        """The account's newest job of any state moving these same bytes (whether they arrived before)."""
        return self._find_latest(account_key, kind, space_id, remote_id, local_path, "")

    def _find_latest(
        self, account_key: str | None, kind: Kind, space_id: str, remote_id: str, local_path: str, states: str
    ) -> Job | None:
        row = self._row(
            "SELECT * FROM jobs WHERE kind=? AND space_id=? AND remote_id=? AND local_path=?"
            f" AND account_key IS ?{states} ORDER BY id DESC LIMIT 1",
            (str(kind), space_id, remote_id, local_path, account_key),
        )
        return None if row is None else Job.from_row(row)

    def update(self, job_id: int, **values: Any) -> None:
        """Change fields of a job."""
        unknown = set(values) - JOB_FIELDS
        if unknown:
            raise ValueError(f"unknown job fields {unknown}")
        values["updated"] = time.time()
        assignments = ", ".join(f"{name}=?" for name in values)
        self._execute(
            f"UPDATE jobs SET {assignments} WHERE id=?",
            (*tuple(str(v) if isinstance(v, StrEnum) else v for v in values.values()), job_id),
        )

    def remove(self, job_ids: Iterable[int]) -> None:
        """Forget jobs and their parts (in one transaction: clearing thousands stays quick)."""
        with self._transaction():
            for job_id in job_ids:
                self._execute("DELETE FROM parts WHERE job_id=?", (job_id,))
                self._execute("DELETE FROM jobs WHERE id=?", (job_id,))

    def parts(self, job_id: int) -> list[Part]:
        """The job's parts in order."""
        rows = self._rows(
            "SELECT number, start, length, done FROM parts WHERE job_id=? ORDER BY number", (job_id,)
        )
        return [Part(row["number"], row["start"], row["length"], row["done"]) for row in rows]

    def set_parts(self, job_id: int, parts: list[Part]) -> None:
        """Replace the job's parts (a new plan, or a restart from zero)."""
        with self._transaction():
            self._execute("DELETE FROM parts WHERE job_id=?", (job_id,))
            for part in parts:
                self._execute(
                    "INSERT INTO parts VALUES (?,?,?,?,?)",
                    (job_id, part.number, part.start, part.length, part.done),
                )

    def part_done(self, job_id: int, number: int, done: int, bytes_done: int | None = None) -> None:
        """Record a part's progress (and the job's total), after its bytes are safely written."""
        with self._transaction():
            self._execute("UPDATE parts SET done=? WHERE job_id=? AND number=?", (done, job_id, number))
            if bytes_done is not None:
                self._execute(
                    "UPDATE jobs SET bytes_done=?, updated=? WHERE id=?", (bytes_done, time.time(), job_id)
                )

    def split_part(self, job_id: int, number: int, length: int, new: Part) -> None:
        """Shorten a part to `length` and add `new` (its former tail), in one transaction."""
        with self._transaction():
            self._execute("UPDATE parts SET length=? WHERE job_id=? AND number=?", (length, job_id, number))
            self._execute(
                "INSERT INTO parts VALUES (?,?,?,?,?)", (job_id, new.number, new.start, new.length, new.done)
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction (one commit, all or nothing) for the statements inside."""
        with self._lock:
            self._execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._execute("ROLLBACK")
                raise
            self._execute("COMMIT")

    def recover(self, account_key: str | None) -> None:
        """After a crash: the account's jobs that were running or committing go back to the queue.

        Other accounts' jobs are left as they are: they are not this run's to continue.
        """
        self._execute(
            "UPDATE jobs SET state='queued', updated=?"
            " WHERE account_key IS ? AND state IN ('running', 'committing')",
            (time.time(), account_key),
        )
