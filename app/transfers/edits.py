"""Edit in place: the copies of files Dentry opened from its cache, and what a save there means.

Like Cyberduck's and WinSCP's "Edit": a file opened from the window is downloaded into Dentry's
own cache and opened there with its application. Each such copy has a record (`OpenedCopy`, in
a small SQLite file beside the copies): which file and version of which account it is, and
the size, time and SHA-256 of its bytes as they were opened (or last uploaded). When the copy
holds other bytes, the user saved an edit; it goes back to the service:

- as the file's next version (conflict ``overwrite``) when the file is still at the version the
  copy was made from;
- beside it, as ``name (edited on HOST DATE).ext`` (conflict ``rename``), when the file changed
  on the service meanwhile or is gone: nothing of anyone else's is overwritten.

Once the upload is done the record moves to what was uploaded (the new version, or the new file
beside it), so the next save uploads again, and the copy stays where its editor has it open.
An upload in flight is recorded too, so one that ends while Dentry is closed is recognised at
the next start instead of being taken for an edit made against a newer version.

Only the recorded files are ever read; a record is made only for a copy Dentry downloaded into
its cache. Editors' own files beside a copy (``.~lock.name#``, ``name.swp``, ``~$name``,
``name~``) and a save that leaves the bytes as they were change nothing.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.api import ApiError, StorageClient
from app.api.models import Dentry
from app.transfers.folder_download import ROOT_ID
from app.transfers.journal import Job, Journal, State
from app.transfers.manager import TransferManager
from app.transfers.names import name_problem, replace_illegal, split_suffix

READ_SIZE = 1024 * 1024
DATE_FORMAT = "%Y-%m-%d %H.%M"
"""The date in the name of an edit uploaded beside its file: sortable, with no colon (Windows refuses it)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS copies (
    path TEXT PRIMARY KEY,
    account_key TEXT NOT NULL,
    space_id TEXT NOT NULL,
    dentry_id TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    opened REAL NOT NULL,
    upload_job INTEGER,
    upload_size INTEGER,
    upload_mtime_ns INTEGER,
    upload_sha256 TEXT);
CREATE INDEX IF NOT EXISTS copies_by_dentry ON copies (account_key, space_id, dentry_id);
"""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a copy's bytes were at one moment: size and modification time (quick), SHA-256 (sure)."""

    size: int
    mtime_ns: int
    sha256: str

    def same_stat(self, stat: os.stat_result) -> bool:
        """Whether a file with this `stat` still looks the same (then it is not read again)."""
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint, or None when it is not there (an editor between delete and write)."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            digest = hashlib.sha256()
            while block := handle.read(READ_SIZE):
                digest.update(block)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    return Fingerprint(stat.st_size, stat.st_mtime_ns, digest.hexdigest())


@dataclass(frozen=True, slots=True)
class OpenedCopy:
    """The record of one copy of a file that Dentry downloaded into its cache and opened.

    Attributes:
        path: the copy (its editor has it open there; it never moves).
        account_key: `Account.key` of the account the file belongs to.
        space_id, dentry_id, parent_id, name: the file on the service (as last known).
        version: the file's version the copy's recorded bytes are.
        base: the copy's bytes as they were opened or last uploaded.
        opened: when the copy was made (seconds since the epoch).
        upload_job: the transfer job uploading an edit, until it is settled.
        uploading: the bytes that job sends (as they were when it was queued).
    """

    path: Path
    account_key: str
    space_id: str
    dentry_id: str
    parent_id: str
    name: str
    version: int | None
    base: Fingerprint
    opened: float
    upload_job: int | None = None
    uploading: Fingerprint | None = None


class EditLog:
    """The records of opened copies, in SQLite (thread-safe; shared by the UI and worker threads)."""

    def __init__(self, path: Path) -> None:
        """Open the records at `path` (made if missing).

        Raises:
            sqlite3.DatabaseError: the file is damaged or not such a file (see `journal.set_aside`).
        """
        self.path = path
        self._lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(SCHEMA)
        except sqlite3.DatabaseError:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    def _execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, args)

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        # Read whole under the lock, not stepped later beside another thread's writes.
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _row(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, args)
        return rows[0] if rows else None

    def add(self, copy: OpenedCopy) -> None:
        """Record a copy (replacing an earlier record of the same path)."""
        self._execute(
            "INSERT OR REPLACE INTO copies VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                str(copy.path),
                copy.account_key,
                copy.space_id,
                copy.dentry_id,
                copy.parent_id,
                copy.name,
                copy.version,
                *_fingerprint_values(copy.base),
                copy.opened,
                copy.upload_job,
                *_fingerprint_values(copy.uploading),
            ),
        )

    def get(self, path: Path) -> OpenedCopy | None:
        """The record of the copy at `path`, if there is one."""
        row = self._row("SELECT * FROM copies WHERE path=?", (str(path),))
        return None if row is None else _copy_of(row)

    def of_account(self, account_key: str) -> list[OpenedCopy]:
        """Every copy of an account, oldest first."""
        rows = self._rows("SELECT * FROM copies WHERE account_key=? ORDER BY opened", (account_key,))
        return [_copy_of(row) for row in rows]

    def of_dentry(self, account_key: str, space_id: str, dentry_id: str) -> OpenedCopy | None:
        """The newest copy of a file, if it was opened before."""
        row = self._row(
            "SELECT * FROM copies WHERE account_key=? AND space_id=? AND dentry_id=?"
            " ORDER BY opened DESC LIMIT 1",
            (account_key, space_id, dentry_id),
        )
        return None if row is None else _copy_of(row)

    def forget(self, path: Path) -> None:
        """Drop the record of a copy (the copy itself stays where it is)."""
        self._execute("DELETE FROM copies WHERE path=?", (str(path),))


def _fingerprint_values(print_: Fingerprint | None) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if print_ is None else (print_.size, print_.mtime_ns, print_.sha256)


def _copy_of(row: sqlite3.Row) -> OpenedCopy:
    uploading = None
    if row["upload_sha256"] is not None:
        uploading = Fingerprint(row["upload_size"], row["upload_mtime_ns"], row["upload_sha256"])
    return OpenedCopy(
        path=Path(row["path"]),
        account_key=row["account_key"],
        space_id=row["space_id"],
        dentry_id=row["dentry_id"],
        parent_id=row["parent_id"],
        name=row["name"],
        version=row["version"],
        base=Fingerprint(row["size"], row["mtime_ns"], row["sha256"]),
        opened=row["opened"],
        upload_job=row["upload_job"],
        uploading=uploading,
    )


def copy_path(root: Path, space_id: str, dentry: Dentry) -> Path:
    """Where a new copy of `dentry` goes: a folder of its own under `root` (never an existing one).

    ``root/SPACE/ID-vVERSION/NAME``; when that folder is taken (a copy whose record is gone, which
    may hold an edit), ``ID-vVERSION-2`` and so on.
    """
    base = f"{dentry.id}-v{dentry.version}"
    folder = root / space_id / base
    number = 1
    while folder.exists():
        number += 1
        folder = root / space_id / f"{base}-{number}"
    return folder / dentry.name


def record_copy(
    log: EditLog, path: Path, account_key: str, space_id: str, dentry: Dentry, version: int | None
) -> OpenedCopy:
    """Record the copy just downloaded to `path` (of `version` of `dentry`), with its fingerprint.

    An earlier record of the same file, whose copy is left as it was, is forgotten: this copy
    takes its place. (One holding an edit is never replaced: it is opened instead of a new one.)
    """
    base = fingerprint(path)
    if base is None:
        raise FileNotFoundError(f"{path} is not there")
    earlier = log.of_dentry(account_key, space_id, dentry.id)
    if earlier is not None and earlier.path != path and copy_state(earlier)[0] != CopyState.EDITED:
        log.forget(earlier.path)
    copy = OpenedCopy(
        path, account_key, space_id, dentry.id, dentry.parent_id, dentry.name, version, base, time.time()
    )
    log.add(copy)
    return copy


class CopyState(StrEnum):
    """What a copy holds compared with its record."""

    UNCHANGED = "unchanged"
    EDITED = "edited"
    MISSING = "missing"


def copy_state(copy: OpenedCopy) -> tuple[CopyState, Fingerprint | None]:
    """Whether the copy holds an edit (other bytes than its `base`), and its fingerprint now.

    A copy whose size and modification time are as recorded is not read; otherwise its SHA-256
    decides (a save that wrote the same bytes is no edit).
    """
    against = copy.base
    try:
        stat = copy.path.stat()
    except OSError:
        return CopyState.MISSING, None
    if against.same_stat(stat):
        return CopyState.UNCHANGED, against
    now = fingerprint(copy.path)
    if now is None:
        return CopyState.MISSING, None
    if now.sha256 == against.sha256 and now.size == against.size:
        return CopyState.UNCHANGED, now
    return CopyState.EDITED, now


class Destination(StrEnum):
    """Where an edit goes."""

    NEW_VERSION = "new version"
    """The file is still at the version the copy was made from: the edit becomes its next version."""
    CHANGED = "changed"
    """The file has a newer version on the service: the edit goes beside it, under a new name."""
    GONE = "gone"
    """The file was deleted from the service: the edit goes where it was (or to the space's root,
    when its folder went too), under a new name."""


@dataclass(frozen=True, slots=True)
class Decision:
    """How to upload an edit: into which folder, under which name, with which conflict strategy."""

    destination: Destination
    parent_id: str
    name: str

    @property
    def conflict(self) -> str:
        """``overwrite`` makes a new version of the same file; ``rename`` never replaces anything."""
        return "overwrite" if self.destination == Destination.NEW_VERSION else "rename"


Mark = Callable[[str, str], str]
"""What an edit uploaded beside its file says in its name, from the host and the date."""


def english_mark(host: str, date: str) -> str:
    """``edited on HOST DATE`` (the window gives its own language's words)."""
    return f"edited on {host} {date}"


def host_name() -> str:
    """This computer's name, as it goes into the name of an edit uploaded beside its file."""
    return socket.gethostname() or "localhost"


def edit_date(mtime_ns: int) -> str:
    """``2026-12-04 14.30``: when an edit was saved, in this computer's time zone."""
    return time.strftime(DATE_FORMAT, time.localtime(mtime_ns / 1e9))


def edited_name(name: str, mark: str) -> str:
    """``report (edited on HOST DATE).docx`` for ``report.docx``: a name the service accepts."""
    stem, suffix = split_suffix(name)
    edited = f"{stem} ({mark}){suffix}"
    return edited if name_problem(edited) is None else replace_illegal(edited)


def decide(copy: OpenedCopy, remote: Dentry | None, mark: str) -> Decision:
    """Where the edit in `copy` goes, given the file as the service has it now (None: unknown to it).

    A file renamed or moved since keeps its version: the edit follows it. `mark` goes into the
    name of an edit that cannot be the file's next version.
    """
    if remote is None or remote.is_deleted:
        return Decision(Destination.GONE, copy.parent_id, edited_name(copy.name, mark))
    if remote.version != copy.version:
        return Decision(Destination.CHANGED, remote.parent_id, edited_name(remote.name, mark))
    return Decision(Destination.NEW_VERSION, remote.parent_id, remote.name)


def remote_file(client: StorageClient, copy: OpenedCopy) -> Dentry | None:
    """The file of a copy as the service has it now (None: it no longer knows it)."""
    try:
        return client.get_dentry(copy.space_id, copy.dentry_id)
    except ApiError as error:
        if error.code.startswith("dentryNotExist"):
            return None
        raise


@dataclass(frozen=True, slots=True)
class QueuedEdit:
    """An edit whose upload was queued: the copy's record then, where it goes, the job."""

    copy: OpenedCopy
    decision: Decision
    job: Job


@dataclass(frozen=True, slots=True)
class Settled:
    """An edit that reached the service: the record before and after, the file it became.

    Attributes:
        before: the record while the upload ran (its name and version are the file the edit was of).
        after: the record now (the file the copy now stands for).
        dentry: that file on the service: the new version, or the new file beside the old one
            (None when it was deleted right after: the next save then goes beside it).
        beside: whether the edit became a file of its own (the original changed or was gone).
        edited_again: the copy was saved again during the upload (it is uploaded again).
    """

    before: OpenedCopy
    after: OpenedCopy
    dentry: Dentry | None
    beside: bool
    edited_again: bool


def settle(log: EditLog, path: Path, job: Job, client: StorageClient) -> Settled | None:
    """Move the record of `path` to what its finished upload `job` made (None: not its upload).

    The record then stands for the uploaded bytes and the file (or version) they became, so the
    next save is an edit of that.
    """
    copy = log.get(path)
    if copy is None or copy.upload_job != job.id or job.state != State.DONE or not job.result:
        return None
    dentry = remote_file(client, replace(copy, dentry_id=job.result))
    after = replace(copy, base=copy.uploading or copy.base, upload_job=None, uploading=None)
    if dentry is not None:
        after = replace(
            after, dentry_id=dentry.id, parent_id=dentry.parent_id, name=dentry.name, version=dentry.version
        )
    log.add(after)
    state, _now = copy_state(after)
    beside = job.result != copy.dentry_id
    return Settled(copy, after, dentry, beside, edited_again=state == CopyState.EDITED)


def _folder_there(client: StorageClient, space_id: str, folder_id: str) -> bool:
    """Whether a folder still exists (not in the recycle bin); the root always does."""
    if folder_id == ROOT_ID:
        return True
    try:
        return not client.get_dentry(space_id, folder_id).is_deleted
    except ApiError as error:
        if error.code.startswith("dentryNotExist"):
            return False
        raise


def _in_flight(copy: OpenedCopy, journal: Journal) -> Job | None:
    """The copy's recorded upload job, as the journal has it now (None: none, or it is gone)."""
    if copy.upload_job is None:
        return None
    try:
        return journal.get(copy.upload_job)
    except KeyError:
        return None


def settle_earlier(log: EditLog, path: Path, client: StorageClient, journal: Journal) -> Settled | None:
    """Settle an upload of the copy that ended unseen (while Dentry was closed); forget a lost one.

    An upload that was cancelled, or cleared from the journal before it ended, no longer counts:
    the copy's edit is then found again as an edit.
    """
    copy = log.get(path)
    if copy is None or copy.upload_job is None:
        return None
    job = _in_flight(copy, journal)
    if job is not None and job.state == State.DONE:
        return settle(log, path, job, client)
    if job is None or job.state == State.CANCELLED:
        log.add(replace(copy, upload_job=None, uploading=None))
    return None


def uploading(copy: OpenedCopy, journal: Journal) -> bool:
    """Whether an upload of the copy's edit is queued or running (a failed one is not)."""
    job = _in_flight(copy, journal)
    return job is not None and not job.state.finished


def queue_edit(
    log: EditLog,
    path: Path,
    client: StorageClient,
    transfers: TransferManager,
    account: str,
    mark: Mark = english_mark,
) -> QueuedEdit | None:
    """Queue the upload of the edit the copy at `path` holds; None when there is nothing to upload.

    Nothing is queued for a copy without a record, one that is unchanged or missing, or one whose
    edit is being uploaded already (what was saved meanwhile goes once that upload is settled).
    The service is asked first whether the file is still at the copy's version (`decide`).

    Args:
        account: the name of the account the job is for (the transfer manager's own).
        mark: the words of the name of an edit that goes beside its file.
    """
    settle_earlier(log, path, client, transfers.journal)
    copy = log.get(path)
    if copy is None or uploading(copy, transfers.journal):
        return None
    state, now = copy_state(copy)
    if state != CopyState.EDITED or now is None:
        if state == CopyState.UNCHANGED and now is not None and now != copy.base:
            log.add(replace(copy, base=now))  # touched, same bytes: no need to read it again
        return None
    decision = decide(copy, remote_file(client, copy), mark(host_name(), edit_date(now.mtime_ns)))
    if decision.destination == Destination.GONE and not _folder_there(
        client, copy.space_id, decision.parent_id
    ):
        decision = replace(decision, parent_id=ROOT_ID)  # its folder went too: the space's root
    job = transfers.add_upload(
        account,
        copy.space_id,
        decision.parent_id,
        copy.path,
        decision.name,
        conflict=decision.conflict,
    )
    copy = replace(copy, upload_job=job.id, uploading=now)
    log.add(copy)
    return QueuedEdit(copy, decision, job)


@dataclass(frozen=True, slots=True)
class Review:
    """What the copies of an account hold, looked at when it connects.

    Attributes:
        edited: copies holding edits the service does not have (none of them being uploaded).
        settled: uploads that ended while Dentry was closed, now settled.
        uploading: copies whose edit's upload is queued or running.
    """

    edited: list[OpenedCopy]
    settled: list[Settled]
    uploading: list[OpenedCopy]


def review(log: EditLog, account_key: str, client: StorageClient, journal: Journal) -> Review:
    """Look at every copy of an account: settle uploads that ended unseen, find edits not uploaded.

    The record of a copy that is gone (the cache was cleaned) is forgotten: it holds nothing.
    """
    edited: list[OpenedCopy] = []
    settled: list[Settled] = []
    in_flight: list[OpenedCopy] = []
    for copy in log.of_account(account_key):
        done = settle_earlier(log, copy.path, client, journal)
        if done is not None:
            settled.append(done)
        now = log.get(copy.path)
        if now is None:
            continue
        if uploading(now, journal):
            in_flight.append(now)
            continue
        state, _print = copy_state(now)
        if state == CopyState.MISSING:
            log.forget(now.path)
        elif state == CopyState.EDITED:
            edited.append(now)
    return Review(edited, settled, in_flight)
