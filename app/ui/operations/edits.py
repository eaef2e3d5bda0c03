"""Operations of edit in place: record a copy opened from the cache, upload its edits, settle them.

The decisions are the core's (`app.transfers.edits`); these run them off the UI thread (hashing a
copy reads it whole, asking the service waits for it) and say what they changed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from app.api.client import StorageClient
from app.api.models import Dentry
from app.transfers.edits import (
    EditLog,
    Mark,
    OpenedCopy,
    QueuedEdit,
    Review,
    Settled,
    queue_edit,
    record_copy,
    review,
    settle,
)
from app.transfers.journal import Job
from app.transfers.manager import TransferManager
from app.ui.operations import Changes, Operation


def record(
    log: EditLog, path: Path, account_key: str, space_id: str, dentry: Dentry, version: int | None
) -> Operation[OpenedCopy]:
    """Record the copy of `dentry` just downloaded to `path`, with the fingerprint of its bytes."""
    return Operation(partial(record_copy, log, path, account_key, space_id, dentry, version))


def upload(
    log: EditLog,
    path: Path,
    client: StorageClient,
    transfers: TransferManager,
    account: str,
    mark: Mark,
) -> Operation[QueuedEdit | None]:
    """Queue the upload of the edit in the copy at `path`, if it holds one (the service is asked first)."""
    return Operation(
        partial(queue_edit, log, path, client, transfers, account, mark),
        lambda queued: Changes() if queued is None else Changes(queued_jobs=(queued.job.id,)),
    )


def settled_changes(settled: Settled) -> Changes:
    """What an edit that reached the service changed: a new version of its file, or a new file."""
    dentry = settled.dentry
    if dentry is None:
        return Changes()
    if settled.beside:
        return Changes(dentry.space_id, added=(dentry,))
    return Changes(dentry.space_id, updated=(dentry,), versions_of=frozenset({dentry.id}))


def settle_upload(log: EditLog, path: Path, job: Job, client: StorageClient) -> Operation[Settled | None]:
    """Move the copy's record to what its finished upload made."""
    return Operation(
        partial(settle, log, path, job, client),
        lambda done: Changes() if done is None else settled_changes(done),
    )


def look(
    log: EditLog, account_key: str, client: StorageClient, transfers: TransferManager
) -> Operation[Review]:
    """Look at every copy of an account (when it connects): uploads that ended unseen, edits not uploaded.

    The settled uploads are in the result; the caller announces them (they may be in several spaces).
    """
    return Operation(partial(review, log, account_key, client, transfers.journal))
