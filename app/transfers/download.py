"""Downloads: signed ranged GETs into a partial file, resumed after any interruption, renamed at the end.

The partial file has a name only Dentry makes (``.name.dentry-<job>.part`` beside the target),
recorded in the journal before it is created; a file the journal does not know is never read,
written or removed, and a recorded one is checked against the journal before bytes are added.
Small files come in one stream appended to the partial file, whose length is the progress, so a
killed process resumes exactly where it stopped. Large files come in ranges (ranges.py) written
into a partial file of the full size: one stream at first, more while they pay (adaptive.py),
each new one taking half of the largest range left; each range records its progress in the
journal after the bytes are written, so a restart fetches again at most what arrived since the
last checkpoint. Each stream asks for its whole range in one request (not one per checkpoint),
so a fast link is not slowed by requests, and its connection is kept alive for the next.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests
import urllib3

from app.api.models import SignedRequest
from app.transfers.context import (
    CHUNK,
    DATA_SESSIONS,
    TIMEOUT,
    SignedUrlExpired,
    TransferContext,
    TransferError,
    check_data_response,
)
from app.transfers.journal import Part
from app.transfers.names import free_local_path, partial_path
from app.transfers.ranges import Range, RangeTable
from app.transfers.streams import Stream, StreamGroup

URL_MARGIN_SECONDS = 5.0
FRESH_URL_TRIES = 3  # signed URLs refused in a row before the job fails (and the queue retries it)
REFUSED_LINKS = "The storage service keeps refusing the download link"
RAMP_MIN_BYTES = 256 * 1024
"""A measuring window of the streams holds at least this much per stream."""
REQUEST_SECONDS = 0.25
"""A range is asked for in spans of about this long at the stream's rate (see `_fetch_range`)."""
MAX_REQUEST = 256 * 1024 * 1024

Sink = Callable[[bytes, int], tuple[int, bool]]
"""Takes a chunk arriving for an offset; returns how many of its bytes it wrote, and whether to go on."""


class SourceChanged(Exception):
    """The remote file is no longer the version the partial bytes belong to."""


class SignedUrls:
    """The current download URL of a job, fetched again when it expires (shared by threads)."""

    def __init__(self, ctx: TransferContext) -> None:
        self._ctx = ctx
        self._lock = threading.Lock()
        self._signed: SignedRequest | None = None
        self._choice = 0

    @property
    def url(self) -> str:
        """The resource URL in use: the first, unless it failed and others were offered."""
        signed = self.current()
        return signed.urls[self._choice % len(signed.urls)]

    def unreachable(self) -> bool:
        """The URL in use failed at the network level: move to the next; False if none is left."""
        with self._lock:
            count = len(self._signed.urls) if self._signed else 1
            if self._choice + 1 >= count:
                return False
            self._choice += 1
            return True

    def current(self) -> SignedRequest:
        """A URL that is valid for a few seconds more."""
        with self._lock:
            if self._signed is None or self._signed.expires_within(URL_MARGIN_SECONDS):
                job = self._ctx.job
                self._signed = self._ctx.client.get_download_info(job.space_id, job.remote_id, job.version)
                self._choice = 0
            return self._signed

    def refused(self, signed: SignedRequest) -> None:
        """The service refused `signed`: the next `current()` fetches a fresh one."""
        with self._lock:
            if self._signed is signed:
                self._signed = None


def _disk_error(error: OSError, path: Path) -> TransferError:
    if error.errno == errno.ENOSPC:
        return TransferError(f"The disk is full; free some space on the drive of {path.parent} and retry")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return TransferError(f"Cannot write to {path.parent}: {error.strerror}")
    return TransferError(f"Cannot write {path}: {error.strerror}")


def _fetch(ctx: TransferContext, urls: SignedUrls, start: int, end: int, sink: Sink) -> int:
    """GET bytes ``start..end`` (inclusive) and hand them to `sink`; returns the bytes it wrote.

    Only bytes the answer proves to be that range are handed on, and never more than asked for;
    the sink may stop early (its range was shortened, or its stream should end).
    Raises SignedUrlExpired (after noting it) so the caller retries with a fresh URL.
    """
    signed = urls.current()
    headers = {**signed.headers, "Range": f"bytes={start}-{end}"}
    written = 0
    with DATA_SESSIONS.lease() as session:
        try:
            response = session.get(urls.url, headers=headers, stream=True, timeout=TIMEOUT)
        except requests.ConnectionError:
            if urls.unreachable():  # resourceUrls are in priority order: try the next one
                raise SignedUrlExpired from None
            raise
        with response:
            if response.status_code == 403:
                urls.refused(signed)
            check_data_response(response)
            etag = response.headers.get("ETag")
            if ctx.job.etag is None:
                ctx.job.etag = etag
                ctx.journal.update(ctx.job.id, etag=etag)
            elif etag != ctx.job.etag:
                raise SourceChanged  # (before the range check: a new version may have another size)
            _check_range(response, start, end, ctx.job.size or 0)
            left = end - start + 1  # a body that runs on past it is cut off here
            # read1 hands over what has arrived (up to CHUNK) instead of waiting for a whole CHUNK,
            # so a slow link still reports progress and obeys pause and cancel promptly.
            try:
                while left > 0 and (chunk := response.raw.read1(min(CHUNK, left))):
                    taken, go_on = sink(chunk, start + written)
                    written += taken
                    left -= len(chunk)
                    ctx.count(taken)
                    if not go_on:
                        break  # (the rest of the body is not read: this connection is not reused)
            except urllib3.exceptions.HTTPError as error:  # a cut body: as requests would report it
                raise requests.ConnectionError(error) from error
    return written


CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def _check_range(response: requests.Response, start: int, end: int, size: int) -> None:
    """Raise unless the answer holds exactly bytes ``start..end`` of the file's `size`.

    A 206 must say so in its Content-Range; a 200 (the whole file) does only when that is what
    was asked for. A server that answers other bytes is broken: asking again would not help. A
    Content-Range that is no range at all is an answer whose headers were cut on the way (seen
    through a cutting proxy: ``bytes 6160368``): asked again, a few times at most.
    """
    asked = f"bytes {start}-{end}/{size}"
    if response.status_code == 200:
        if (start, end) != (0, size - 1):
            raise TransferError(f"The storage server ignored the byte range asked for ({asked})")
    elif response.status_code == 206:
        sent = response.headers.get("Content-Range", "")
        match = CONTENT_RANGE.fullmatch(sent.strip())
        if match is None or match.groups() not in (
            (str(start), str(end), str(size)),
            (str(start), str(end), "*"),
        ):
            raise TransferError(
                f"The storage server sent {sent or 'no Content-Range'} when {asked} was asked for",
                retryable=match is None,
            )
    else:
        raise TransferError(f"The storage server answered {response.status_code} to a download")
    length = response.headers.get("Content-Length")
    if length is not None and length.strip() != str(end - start + 1):
        raise TransferError(f"The storage server announced {length} bytes for {asked}")


def _write_all(fd: int, data: bytes | memoryview, offset: int) -> None:
    """pwrite may write less than asked (a nearly full disk): go on until all of it is written."""
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


def _with_fresh_urls(ctx: TransferContext, fetch: Callable[[], int]) -> int:
    """`fetch` (retried on transient trouble), with a new signed URL when the old one expires, a few times."""
    for _ in range(FRESH_URL_TRIES):
        try:
            return ctx.retrying(fetch)
        except SignedUrlExpired:
            ctx.say("The download link expired or failed; continuing with a fresh one")
    raise TransferError(REFUSED_LINKS, retryable=True)


def _single_stream(ctx: TransferContext, urls: SignedUrls, part_file: Path, size: int) -> bool:
    """Append to the partial file until it is whole; True if it all came in one response."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(part_file, flags, 0o644)
    responses = 0

    def append(chunk: bytes, offset: int) -> tuple[int, bool]:
        _write_all(fd, chunk, offset)
        return len(chunk), True

    def fetch_rest() -> int:
        nonlocal responses
        responses += 1
        have = os.fstat(fd).st_size
        return _fetch(ctx, urls, have, size - 1, append)

    try:
        have = os.fstat(fd).st_size  # checked by _own_partial: at most `size`
        resumed = have > 0
        ctx.meter.reset(have)
        ctx.meter.streams = 1
        refused = 0  # fresh links refused in a row, with no byte between them
        while have < size:
            try:
                # Each try continues from what is on disk, so a retry never fetches bytes twice.
                ctx.retrying(fetch_rest)
            except SignedUrlExpired:
                refused += 1
                if refused >= FRESH_URL_TRIES:
                    raise TransferError(REFUSED_LINKS, retryable=True) from None
                ctx.say("The download link expired; continuing with a fresh one")
            finally:
                ctx.journal.update(ctx.job.id, bytes_done=os.fstat(fd).st_size)
            if os.fstat(fd).st_size > have:
                have, refused = os.fstat(fd).st_size, 0
        os.fsync(fd)
    finally:
        ctx.meter.streams = 0
        os.close(fd)
    return responses <= 1 and not resumed


def _ranged(ctx: TransferContext, urls: SignedUrls, part_file: Path, size: int) -> None:
    """Fetch the file in ranges, as many streams at once as pay (or as the job forces)."""
    job = ctx.job
    parts = ctx.journal.parts(job.id)
    if not parts or part_file.stat().st_size != size:
        parts = [Part(1, 0, size, 0)]
        ctx.journal.set_parts(job.id, parts)
        # The full size at once, but sparse: preallocating costs as much as writing on tmpfs,
        # and a full disk is found by the write that meets it.
        os.truncate(part_file, size)
    table = RangeTable(ctx.journal, job.id, parts, ctx.settings.checkpoint_bytes, ctx.settings.min_split)
    ctx.meter.reset(table.done)
    fd = os.open(part_file, os.O_WRONLY | getattr(os, "O_BINARY", 0))

    def fetch_ranges(stream: Stream) -> None:
        while (piece := table.take()) is not None:
            try:
                leaving = _fetch_range(ctx, urls, table, piece, stream, fd)
            finally:
                table.release(piece)
            if leaving or stream.surplus():
                return

    ramp = ctx.ramp_for(job.segments, RAMP_MIN_BYTES)
    try:
        StreamGroup(ctx, ramp).run(
            fetch_ranges, table.can_split, lambda: table.moved, lambda: size - table.done
        )
        if not table.complete:  # (never expected: a file with a hole must not be placed)
            raise TransferError("Some ranges of the download were not fetched", retryable=True)
        os.fsync(fd)
    finally:
        os.close(fd)


def _fetch_rest(ctx: TransferContext, urls: SignedUrls, piece: Range, asked: int, sink: Sink) -> int:
    """The request in progress from where its bytes stopped (a retry continues, never repeats)."""
    return _fetch(ctx, urls, piece.position, asked - 1, sink)


def _fetch_range(
    ctx: TransferContext, urls: SignedUrls, table: RangeTable, piece: Range, stream: Stream, fd: int
) -> bool:
    """Fetch one range to its end (which may move closer meanwhile); True if the stream should end.

    It goes a span at a time: the first `Settings.first_request` bytes, then what the stream
    moves in `REQUEST_SECONDS` at the rate it reached, so another stream can take the range's
    tail without cutting an answer short (which would close its kept-alive connection).
    """
    leaving = False
    span = ctx.settings.first_request

    def write(chunk: bytes, offset: int) -> tuple[int, bool]:
        nonlocal leaving
        taken = table.accept(piece, len(chunk))
        _write_all(fd, memoryview(chunk)[:taken], offset)
        table.advance(piece, taken)
        stream.working()
        leaving = stream.surplus()
        return taken, taken == len(chunk) and not leaving

    while piece.remaining and not leaving:
        started, before = time.monotonic(), piece.position
        asked = table.ask(piece, span)
        _with_fresh_urls(ctx, functools.partial(_fetch_rest, ctx, urls, piece, asked, write))
        seconds = time.monotonic() - started
        if seconds > 0:
            rate = (piece.position - before) / seconds
            span = max(ctx.settings.min_split, min(MAX_REQUEST, int(rate * REQUEST_SECONDS)))
    return leaving


def _place(ctx: TransferContext, part_file: Path, target: Path) -> Path | None:
    """Move the finished bytes to their final name under the conflict policy; None if skipped."""
    policy = ctx.job.conflict
    if policy == "overwrite":
        os.replace(part_file, target)
        return target
    if policy in ("skip", "fail") and target.exists():
        part_file.unlink()
        if policy == "fail":
            raise TransferError(f"{target} exists already")
        return None
    candidate = target if policy in ("skip", "fail") else free_local_path(target)
    while True:
        try:
            # A hard link never replaces a file that appeared meanwhile; a rename would.
            os.link(part_file, candidate)
        except FileExistsError:
            if policy != "rename":
                part_file.unlink()
                raise TransferError(f"{target} exists already") from None
            candidate = free_local_path(target)
            continue
        except OSError:
            if candidate.exists():
                continue
            os.replace(part_file, candidate)  # no hard links here (e.g. FAT): best effort
            return candidate
        part_file.unlink()
        return candidate


def _own_partial(ctx: TransferContext, target: Path, size: int, segmented: bool) -> Path:
    """The job's partial file, checked against the journal, or a new empty one of Dentry's own."""
    job = ctx.job
    if job.partial is not None:
        recorded = Path(job.partial)
        if _as_recorded(ctx, recorded, size, segmented):
            return recorded
        if job.bytes_done or recorded.exists():
            ctx.say("The partial download is not as the journal left it; starting over")
    if job.partial is not None or job.bytes_done:
        _forget_partial(ctx)  # (a job from before partials were recorded starts afresh too)
    for attempt in range(100):
        candidate = partial_path(target, job.id, attempt)
        if os.path.lexists(candidate):
            continue  # someone's file (or that of a journal set aside): never recorded, never touched
        # Recorded before it exists, so that no file of Dentry's is ever unknown to the journal.
        ctx.journal.update(job.id, partial=str(candidate))
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            ctx.journal.update(job.id, partial=None)  # appeared just now: not ours either
            continue
        job.partial = str(candidate)
        return candidate
    raise TransferError(f"Cannot find a free name for the partial download beside {target}")


def _as_recorded(ctx: TransferContext, partial: Path, size: int, segmented: bool) -> bool:
    """Whether the recorded partial file holds what the journal says, in the layout this run uses.

    One stream: at least the bytes recorded as done (more arrive between checkpoints), never more
    than the file, and their ETag known. Ranges: a file of the full size, with its parts recorded.
    """
    job = ctx.job
    try:
        info = partial.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    parts = ctx.journal.parts(job.id)
    if segmented:
        return info.st_size == size and bool(parts)
    have = info.st_size
    return not parts and job.bytes_done <= have <= size and (have == 0 or job.etag is not None)


def run_download(ctx: TransferContext) -> str:
    """Download the job's dentry to its target; returns the final path (or a note when skipped)."""
    job = ctx.job
    target = Path(job.local_path)
    if job.conflict in ("skip", "fail") and target.exists() and job.bytes_done == 0:
        if job.conflict == "fail":
            raise TransferError(f"{target} exists already")
        return f"skipped: {target} exists"
    fresh = job.bytes_done == 0 and job.partial is None  # (stale segment records are redone)
    if job.pinned or (fresh and job.version is not None and job.size is not None):
        # Just listed by the caller, or one version asked for by number: fetch that version
        # without asking again (a pinned version does not change when the file does).
        size = job.size or 0
    else:
        dentry = ctx.client.get_dentry(job.space_id, job.remote_id)
        if dentry.is_folder:
            raise TransferError(f"{dentry.name} is a folder")
        size = dentry.size or 0
        if job.version is not None and (dentry.version != job.version or size != job.size):
            ctx.say("The file changed on the server since the download began; starting over")
            _forget_partial(ctx)
        job.version, job.size = dentry.version, size
        ctx.journal.update(job.id, version=job.version, size=size)
    ctx.meter.total = size
    urls = SignedUrls(ctx)
    segmented = size >= ctx.settings.segment_threshold and job.segments != 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part_file = _own_partial(ctx, target, size, segmented)
        try:
            if segmented:
                _ranged(ctx, urls, part_file, size)
                one_response = False
            else:
                one_response = _single_stream(ctx, urls, part_file, size)
        except SourceChanged:
            ctx.say("The file changed on the server during the download; starting over")
            _forget_partial(ctx)
            _forget_version(ctx)
            raise TransferError("The file changed on the server", retryable=True) from None
        # Bytes from several responses must all belong to the version that is still current;
        # one whole response is one version by itself (a small file: no extra call). A pinned
        # version is the same bytes however many versions the file gets meanwhile.
        if (
            not one_response
            and not job.pinned
            and ctx.client.get_dentry(job.space_id, job.remote_id).version != job.version
        ):
            # Overwritten while we were downloading: the bytes we have are not the file any more.
            ctx.say("The file changed on the server during the download; starting over")
            _forget_partial(ctx)
            _forget_version(ctx)
            raise TransferError("The file changed on the server", retryable=True)
        if part_file.stat().st_size != size:
            raise TransferError(
                f"The download ended at {part_file.stat().st_size} of {size} bytes", retryable=True
            )
        placed = _place(ctx, part_file, target)
        ctx.journal.update(job.id, partial=None)
    except requests.RequestException:
        raise  # network trouble (an OSError subclass too): retried by the queue
    except OSError as error:
        raise _disk_error(error, target) from error
    return str(placed) if placed else f"skipped: {target} exists"


def _forget_partial(ctx: TransferContext) -> None:
    """Drop the job's own partial file (the one the journal recorded) and its progress."""
    job = ctx.job
    if job.partial is not None:
        remove_partial(job.partial)
    job.partial, job.etag, job.bytes_done = None, None, 0
    ctx.journal.set_parts(job.id, [])
    ctx.journal.update(job.id, bytes_done=0, partial=None, etag=None)
    ctx.meter.reset(0)


def _forget_version(ctx: TransferContext) -> None:
    """The next try fetches whatever version is current then (a pinned job keeps its version)."""
    if not ctx.job.pinned:
        ctx.journal.update(ctx.job.id, version=None)


def remove_partial(partial: str) -> None:
    """Remove a job's recorded partial file; whatever else took its place is not Dentry's to remove."""
    if os.path.isfile(partial) and not os.path.islink(partial):
        os.unlink(partial)
