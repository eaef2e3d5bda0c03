"""Uploads: a streamed signed PUT for small files, resumable multipart for large ones, then CommitFile.

Bytes are read from the file as they are sent, never whole into memory. A multipart job records
its upload key and each part once the service has it, so after a restart only missing parts go.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import BinaryIO

from app.api import ApiError
from app.api.models import SignedRequest
from app.transfers.context import (
    TIMEOUT,
    SignedUrlExpired,
    TransferContext,
    TransferError,
    check_data_response,
    data_session,
    run_all,
)
from app.transfers.journal import Part, State

CONFLICT_STRATEGIES = {
    "rename": "AUTO_RENAME",
    "overwrite": "OVERWRITE",
    "skip": "RETURN_DENTRY_IF_EXISTS",
    "fail": "RETURN_ERROR_IF_EXISTS",
}
MAX_PARTS = 10000
READ_SIZE = 1024 * 1024


class FileSlice:
    """A file-like view of ``length`` bytes from ``start``, counting what `requests` reads from it.

    It has a length, so `requests` sends a Content-Length (object stores want one) and streams it.
    """

    def __init__(self, handle: BinaryIO, start: int, length: int, ctx: TransferContext) -> None:
        self._handle = handle
        self._left = length
        self._length = length
        self._ctx = ctx
        handle.seek(start)

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes of the slice (urllib3 asks for small blocks; we read larger ones)."""
        if self._left <= 0:
            return b""
        wanted = self._left if size is None or size < 0 else min(max(size, READ_SIZE), self._left)
        data = self._handle.read(wanted)
        if not data:
            raise TransferError("The file got shorter while it was being uploaded", retryable=True)
        self._left -= len(data)
        self._ctx.count(len(data))
        return data


def _put(ctx: TransferContext, signed: SignedRequest, path: Path, start: int, length: int) -> None:
    """PUT one slice of the file to a signed URL; raises SignedUrlExpired on 403."""
    with path.open("rb") as handle:
        body = FileSlice(handle, start, length, ctx)
        response = data_session().put(signed.url, data=body, headers=signed.headers, timeout=TIMEOUT)
    check_data_response(response)


def _source(ctx: TransferContext) -> tuple[Path, int]:
    """The local file and its size, checking it did not change since the job was queued."""
    path = Path(ctx.job.local_path)
    try:
        stat = path.stat()
    except OSError as error:
        raise TransferError(f"Cannot read {path}: {error.strerror}") from error
    job = ctx.job
    if job.size is not None and (stat.st_size != job.size or stat.st_mtime != job.source_mtime):
        ctx.say("The file changed since the upload began; starting over")
        job.upload_key = None
        ctx.journal.set_parts(job.id, [])
    job.size, job.source_mtime = stat.st_size, stat.st_mtime
    ctx.journal.update(job.id, size=job.size, source_mtime=job.source_mtime, upload_key=job.upload_key)
    ctx.meter.total = job.size
    return path, stat.st_size


def _single(ctx: TransferContext, path: Path, size: int) -> str:
    job = ctx.job
    for _ in range(3):
        ctx.meter.reset(0)
        info = ctx.client.get_upload_info(job.space_id, job.remote_id, job.remote_name, size)
        try:
            ctx.retrying(_put, ctx, info.signed, path, 0, size)
        except SignedUrlExpired:
            ctx.say("The upload link expired; starting the upload again with a fresh one")
            continue
        return info.upload_key
    raise TransferError("The storage service keeps refusing the upload link", retryable=True)


def part_size_for(size: int, preferred: int) -> int:
    """Parts of `preferred` size, larger when a file would need more than the service's 10,000."""
    return max(preferred, -(-size // MAX_PARTS))


def _multipart(ctx: TransferContext, path: Path, size: int) -> str:
    job = ctx.job
    parts = ctx.journal.parts(job.id)
    if job.upload_key is None or not parts:
        job.upload_key = ctx.client.init_multipart_upload(job.space_id, job.remote_id, job.remote_name, size)
        step = part_size_for(size, ctx.settings.part_size)
        parts = [
            Part(n + 1, start, min(step, size - start), 0) for n, start in enumerate(range(0, size, step))
        ]
        ctx.journal.set_parts(job.id, parts)
        ctx.journal.update(job.id, upload_key=job.upload_key, bytes_done=0)
    done = sum(part.length for part in parts if part.complete)
    ctx.meter.reset(done)
    missing = [part for part in parts if not part.complete]
    lock = threading.Lock()
    totals = {"done": done}
    upload_key = job.upload_key

    def send(part: Part) -> None:
        for _ in range(3):
            # Asking again for the same upload key gives fresh URLs, so expiry costs one call.
            signed = ctx.client.get_multipart_upload_infos(upload_key, [part.number])[part.number]
            try:
                ctx.retrying(_put, ctx, signed, path, part.start, part.length)
            except SignedUrlExpired:
                ctx.say(f"The link for part {part.number} expired; sending it again with a fresh one")
                continue
            with lock:
                totals["done"] += part.length
                ctx.journal.part_done(job.id, part.number, part.length, totals["done"])
            return
        raise TransferError("The storage service keeps refusing the part upload links", retryable=True)

    run_all(ctx, send, missing, ctx.settings.part_concurrency)
    return upload_key


def run_upload(ctx: TransferContext) -> str:
    """Upload the job's file into its folder and commit it; returns the new dentry's id."""
    job = ctx.job
    path, size = _source(ctx)
    multipart = size >= ctx.settings.multipart_threshold
    upload_key = _multipart(ctx, path, size) if multipart else _single(ctx, path, size)
    ctx.journal.update(job.id, state=State.COMMITTING, bytes_done=size)
    try:
        dentry = ctx.client.commit_file(
            job.space_id,
            job.remote_id,
            upload_key,
            job.remote_name,
            size,
            conflict=CONFLICT_STRATEGIES.get(job.conflict, "AUTO_RENAME"),
        )
    except ApiError as error:
        if error.code.startswith("paramError.uploadKey") or (error.code == "paramError" and multipart):
            # The key expired (24 h) or was used: the parts are gone with it, start afresh.
            job.upload_key = None
            ctx.journal.set_parts(job.id, [])
            ctx.journal.update(job.id, upload_key=None, bytes_done=0)
        raise
    return dentry.id
