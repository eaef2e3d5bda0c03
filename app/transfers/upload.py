"""Uploads: a streamed signed PUT for small files, resumable multipart for large ones, then CommitFile.

Bytes are read from the file as they are sent, never whole into memory. A multipart job records
its upload key and each part once the service has it, so after a restart only missing parts go.
Parts go one at a time at first, more at once while that pays (adaptive.py); their signed URLs
are asked for in batches, not one call per part.
Every commit carries a token of its job, so that when its answer is lost (the connection cut
after the request went out, or the process killed), the file it made is found instead of made
again under ``name (1)``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import BinaryIO

from app.api import ApiError, NetworkError
from app.api.models import AppProperty, Dentry, SignedRequest
from app.transfers.context import (
    DATA_SESSIONS,
    TIMEOUT,
    SignedUrlExpired,
    TransferContext,
    TransferError,
    check_data_response,
)
from app.transfers.journal import Job, Part, State
from app.transfers.names import split_suffix
from app.transfers.streams import Stream, StreamGroup

CONFLICT_STRATEGIES = {
    "rename": "AUTO_RENAME",
    "overwrite": "OVERWRITE",
    "skip": "RETURN_DENTRY_IF_EXISTS",
    "fail": "RETURN_ERROR_IF_EXISTS",
}
MAX_PARTS = 10000
PARTS_TARGET = 8
MAX_PART = 64 * 1024 * 1024
READ_SIZE = 256 * 1024
"""Bytes read from the file at a time: the upload's progress (and its rate) moves in steps this big."""
COMMIT_TAG = "dentryCommit"
"""The PRIVATE app property every commit carries (the job's token), to know the file after a lost answer."""
COMMIT_TRIES = 3
CLOCK_SLACK_SECONDS = 15 * 60
"""How far the service's clock may be behind this computer's when looking for a lost commit."""
URL_BATCH = 30
"""Signed part URLs asked for in one GetMultipartFileUploadInfos call."""
URL_MARGIN_SECONDS = 5.0
RAMP_MIN_BYTES = 8 * READ_SIZE
"""A measuring window holds at least this much per part in flight: progress moves a read at a time."""
RAMP_WINDOW_SECONDS = 0.2
"""Longer than a download's: a part's stream pauses between parts (the answer, the next request)."""


class FileSlice:
    """A file-like view of ``length`` bytes from ``start``, counting what `requests` reads from it.

    It has a length, so `requests` sends a Content-Length (object stores want one) and streams it.
    """

    def __init__(
        self, handle: BinaryIO, start: int, length: int, ctx: TransferContext, stream: Stream | None = None
    ) -> None:
        self._handle = handle
        self._left = length
        self._length = length
        self._ctx = ctx
        self._stream = stream
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
        if self._stream is not None:
            self._stream.working()
        return data


def _put(
    ctx: TransferContext,
    signed: SignedRequest,
    path: Path,
    start: int,
    length: int,
    stream: Stream | None = None,
) -> None:
    """PUT one slice of the file to a signed URL; raises SignedUrlExpired on 403."""
    with path.open("rb") as handle, DATA_SESSIONS.lease() as session:
        body = FileSlice(handle, start, length, ctx, stream)
        response = session.put(signed.url, data=body, headers=signed.headers, timeout=TIMEOUT)
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
    ctx.meter.streams = 1
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
    """Parts of at least `preferred` bytes, about `PARTS_TARGET` of them, at most `MAX_PART` each.

    Enough parts for every stream to have one under a per-connection limit; few enough that a
    fast link does not spend its time on requests; more than 10,000 the service would refuse.
    """
    even = min(MAX_PART, -(-size // PARTS_TARGET))
    even += -even % (64 * 1024)
    return max(preferred, even, -(-size // MAX_PARTS))


class PartUrls:
    """Signed PUTs for the parts of one upload, asked for a batch at a time (shared by streams)."""

    def __init__(self, ctx: TransferContext, upload_key: str, numbers: list[int]) -> None:
        self._ctx = ctx
        self._upload_key = upload_key
        self._numbers = numbers
        self._signed: dict[int, SignedRequest] = {}
        self._lock = threading.Lock()

    def get(self, number: int) -> SignedRequest:
        """A URL for part `number` that is valid for a few seconds more."""
        with self._lock:
            signed = self._signed.get(number)
            if signed is None or signed.expires_within(URL_MARGIN_SECONDS):
                at = self._numbers.index(number)
                batch = self._numbers[at : at + URL_BATCH]
                self._signed.update(self._ctx.client.get_multipart_upload_infos(self._upload_key, batch))
                signed = self._signed.get(number)
                if signed is None:
                    raise TransferError(f"The storage service gave no upload address for part {number}")
            return signed

    def refused(self, number: int) -> None:
        """The service refused part `number`'s URL: ask again next time."""
        with self._lock:
            self._signed.pop(number, None)


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
    totals = {"done": done, "moved": 0}
    upload_key = job.upload_key
    urls = PartUrls(ctx, upload_key, [part.number for part in missing])
    waiting = list(reversed(missing))  # popped from the end: lowest numbers first

    def send(part: Part, stream: Stream) -> None:
        for _ in range(3):
            try:
                ctx.retrying(_put, ctx, urls.get(part.number), path, part.start, part.length, stream)
            except SignedUrlExpired:
                urls.refused(part.number)
                ctx.say(f"The link for part {part.number} expired; sending it again with a fresh one")
                continue
            with lock:
                totals["done"] += part.length
                ctx.journal.part_done(job.id, part.number, part.length, totals["done"])
            return
        raise TransferError("The storage service keeps refusing the part upload links", retryable=True)

    def next_part() -> Part | None:
        with lock:
            return waiting.pop() if waiting else None

    def send_parts(stream: Stream) -> None:
        while (part := next_part()) is not None:
            send(part, stream)
            if stream.surplus():
                return

    ramp = ctx.ramp_for(job.segments, RAMP_MIN_BYTES, RAMP_WINDOW_SECONDS)
    StreamGroup(ctx, ramp).run(
        send_parts, lambda: bool(waiting), lambda: ctx.meter.moved, lambda: size - ctx.meter.done
    )
    if waiting:  # (never expected: a commit must not be asked for with parts missing)
        raise TransferError("Some parts of the upload were not sent", retryable=True)
    return upload_key


def run_upload(ctx: TransferContext) -> str:
    """Upload the job's file into its folder and commit it; returns the new dentry's id.

    A run that finds every byte sent by an earlier one (the upload key is in the journal) asks
    the service first whether that run's commit happened, so a lost answer never makes a copy.
    """
    path, size = _source(ctx)
    upload_key = _sent_before(ctx)
    if upload_key is not None:
        committed = find_commit(ctx, size)
        if committed is not None:
            ctx.meter.reset(size)
            return committed.id
    elif size >= ctx.settings.multipart_threshold:
        upload_key = _multipart(ctx, path, size)
    else:
        upload_key = _single(ctx, path, size)
    return _commit(ctx, upload_key, size)


def _sent_before(ctx: TransferContext) -> str | None:
    """The upload key under which an earlier run sent every byte (and may have committed them)."""
    key = ctx.job.upload_key
    return key if key is not None and all(part.complete for part in ctx.journal.parts(ctx.job.id)) else None


def _commit(ctx: TransferContext, upload_key: str, size: int) -> str:
    """CommitFile, tagged with the job's token; a lost answer is looked for before committing again."""
    job = ctx.job
    # The key is recorded first: a run that follows a crash or a lost answer knows what was sent.
    job.upload_key = upload_key
    ctx.journal.update(job.id, state=State.COMMITTING, bytes_done=size, upload_key=upload_key)
    tag = AppProperty(COMMIT_TAG, commit_token(job), "PRIVATE")
    for attempt in range(1, COMMIT_TRIES + 1):
        try:
            dentry = ctx.client.commit_file(
                job.space_id,
                job.remote_id,
                upload_key,
                job.remote_name,
                size,
                conflict=CONFLICT_STRATEGIES.get(job.conflict, "AUTO_RENAME"),
                app_properties=[tag],
            )
            return dentry.id
        except NetworkError as error:
            if not error.sent or attempt == COMMIT_TRIES:
                raise
            ctx.say("The answer to the commit was lost; looking for the file before committing again")
            committed = find_commit(ctx, size)
            if committed is not None:
                return committed.id
            # Not there: the commit did not happen, and the single-use key may be committed again.
        except ApiError as error:
            if not _key_spent(error, size >= ctx.settings.multipart_threshold):
                raise
            # Used by a commit whose answer was lost, or expired (24 h)?
            committed = find_commit(ctx, size)
            if committed is not None:
                return committed.id
            # Expired: the staged bytes (and parts) are gone with the key; start afresh.
            job.upload_key = None
            ctx.journal.set_parts(job.id, [])
            ctx.journal.update(job.id, upload_key=None, bytes_done=0)
            raise
    raise AssertionError("unreachable")


def _key_spent(error: ApiError, multipart: bool) -> bool:
    """The service refused the upload key: used, or expired (it does not say which)."""
    return error.code.startswith("paramError.uploadKey") or (error.code == "paramError" and multipart)


def commit_token(job: Job) -> str:
    """What this job's commit carries in its PRIVATE app property: made from the job's own record.

    It is the same in every run of the job (so a later run recognises an earlier run's commit)
    and differs between jobs, here or on any other computer (the creation time is in microseconds).
    """
    seed = f"{job.id}|{job.created!r}|{job.space_id}|{job.remote_id}|{job.local_path}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def find_commit(ctx: TransferContext, size: int) -> Dentry | None:
    """The file this job's commit made, or the version it added, if that commit happened.

    The folder is read newest first, back to shortly before the job was queued: a file (or new
    version) carrying the job's token is the one. A service that drops app properties leaves
    the clues a person would use: one of the names the commit could have given, this size,
    changed by this user since the job began. With ``skip`` the commit may have returned the
    file that was there before, found by its name.
    """
    job = ctx.job
    token = commit_token(job)
    since = job.created - CLOCK_SLACK_SECONDS
    alike: Dentry | None = None
    newest_first = ctx.client.iter_dentries(
        job.space_id, job.remote_id, order_by="MODIFIED_TIME", order="DESC"
    )
    for dentry in newest_first:
        if dentry.modified_time is not None and dentry.modified_time.timestamp() < since:
            break
        if dentry.is_folder:
            continue
        tags = {
            prop.value
            for props in dentry.app_properties.values()
            for prop in props
            if prop.name == COMMIT_TAG
        }
        if token in tags:
            return dentry
        if alike is None and not tags and _alike(dentry, job.remote_name, size, ctx.client.union_id):
            alike = dentry
    if alike is None and job.conflict == "skip":
        alike = next(
            (
                dentry
                for dentry in ctx.client.iter_dentries(job.space_id, job.remote_id)
                if not dentry.is_folder and dentry.name.casefold() == job.remote_name.casefold()
            ),
            None,
        )
    return alike


def _alike(dentry: Dentry, name: str, size: int, union_id: str) -> bool:
    """`dentry` could be this upload: a name the commit could give it, its size, changed by this user."""
    stem, suffix = split_suffix(name)
    renamed = re.fullmatch(rf"{re.escape(stem)} \(\d+\){re.escape(suffix)}", dentry.name, re.IGNORECASE)
    named = dentry.name.casefold() == name.casefold() or renamed is not None
    return named and dentry.size == size and dentry.modifier_id == union_id
