"""What a running transfer works with, and the outcomes it can end in besides success."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, TypeVar

import requests

from app.api import StorageClient
from app.api.errors import SENTENCES
from app.transfers.bandwidth import RateLimiter
from app.transfers.journal import Job, Journal, Part
from app.transfers.progress import ProgressMeter

T = TypeVar("T")
TRANSIENT_RETRIES = 5
CHUNK = 1024 * 1024  # streaming chunk: large enough for full speed, small enough for flat memory
TIMEOUT = (10.0, 60.0)  # connect, read (between bytes)
ERROR_BODY_BYTES = 64 * 1024  # read of an error answer's body, whatever it claims
STORAGE_FULL = "storageFull"
MAX_REDIRECTS = 5  # a signed URL may send us on a few times; a loop ends here, not at requests' 30


@dataclass(slots=True)
class Settings:
    """Tunable thresholds and limits of the engine."""

    concurrency: int = 3
    segment_threshold: int = 64 * 1024 * 1024
    segments: int = 4
    multipart_threshold: int = 64 * 1024 * 1024
    part_size: int = 16 * 1024 * 1024
    part_concurrency: int = 3
    max_attempts: int = 6
    checkpoint_bytes: int = 4 * 1024 * 1024


class Stopped(Exception):
    """The job was paused or cancelled while it ran."""


class TransferError(Exception):
    """A failure with a sentence for a person; `retryable` ones are tried again with backoff.

    `code` is the storage service's error code when it gave one (e.g. ``storageFull``).
    """

    def __init__(self, message: str, *, retryable: bool = False, code: str | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.code = code


class SignedUrlExpired(Exception):
    """The data plane refused a signed URL (403): fetch a fresh one and continue."""


_sessions = threading.local()


def data_session() -> requests.Session:
    """This thread's session for signed-URL traffic."""
    session: requests.Session | None = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = requests.Session()
        session.max_redirects = MAX_REDIRECTS
    return session


def check_data_response(response: requests.Response) -> None:
    """Raise for a failed signed-URL answer: 403 means expired/refused, 5xx is worth a retry.

    A full disk (507, or the error body's code ``storageFull``) is not: it names the cause.
    """
    status = response.status_code
    if status == 403:
        raise SignedUrlExpired
    if status < 400:
        return
    code = _error_code(response)
    if status == 507 or code == STORAGE_FULL:
        raise TransferError(SENTENCES[STORAGE_FULL], code=STORAGE_FULL)
    if status >= 500 or status == 429:
        raise TransferError(f"The storage server answered {status}", retryable=True, code=code)
    raise TransferError(f"The storage server refused the transfer ({status} {response.reason})", code=code)


def _error_code(response: requests.Response) -> str | None:
    """The ``code`` of an error body like the control plane's, if the answer has one."""
    try:
        body = json.loads(next(response.iter_content(ERROR_BODY_BYTES), b""))
    except (ValueError, requests.RequestException):
        return None
    code = body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, str) else None


@dataclass(slots=True)
class TransferContext:
    """One run of one job."""

    job: Job
    client: StorageClient
    journal: Journal
    settings: Settings
    limiter: RateLimiter
    meter: ProgressMeter
    stop: threading.Event
    report: Callable[[], None]
    """Send a progress event (paced by the meter)."""
    say: Callable[[str], None]
    """Tell the user something about this job (e.g. "starting over")."""
    stop_parts: threading.Event = field(default_factory=threading.Event)
    """Set when one part failed: the other parts of this run stop too."""

    def count(self, size: int) -> None:
        """Account for `size` bytes moved: bandwidth limit, progress, and stop requests."""
        self.limiter.consume(size)
        if self.meter.add(size):
            self.report()
        self.check_stop()

    def check_stop(self) -> None:
        """Raise Stopped when the job was paused or cancelled, or another part failed."""
        if self.stop.is_set() or self.stop_parts.is_set():
            raise Stopped

    def retrying(self, call: Callable[..., T], *args: Any) -> T:
        """`call`, tried again after short pauses when the network or the server fails for a moment.

        Transient trouble (a dropped connection, a 5xx) is handled here, per request, so one
        hiccup costs a few seconds and not a restart of the whole job.
        """
        for attempt in range(TRANSIENT_RETRIES):
            self.check_stop()
            try:
                return call(*args)
            except requests.TooManyRedirects as error:  # asking again would go round the same loop
                raise TransferError(
                    f"The storage server keeps redirecting the transfer (over {MAX_REDIRECTS} times)"
                ) from error
            except (TransferError, requests.RequestException) as error:
                if isinstance(error, TransferError) and not error.retryable:
                    raise
                if attempt == TRANSIENT_RETRIES - 1:
                    raise
                if self.stop.wait(min(4.0, 0.25 * 2**attempt)):
                    raise Stopped from None
        raise AssertionError("unreachable")


def run_all(ctx: TransferContext, work: Callable[[Part], None], parts: list[Part], workers: int) -> None:
    """Run `work` on every part with a few threads; the first failure (or a stop) ends the rest.

    Parts not started yet are dropped, and the running ones stop at their next chunk.
    """
    if not parts:
        return
    stop_others = threading.Event()

    def guarded(part: Part) -> None:
        if stop_others.is_set():
            raise Stopped
        ctx.check_stop()
        work(part)

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(parts))), thread_name_prefix="part") as pool:
        futures = [pool.submit(guarded, part) for part in parts]
        try:
            for future in as_completed(futures):
                future.result()
        except BaseException:
            stop_others.set()
            ctx.stop_parts.set()
            for future in futures:
                future.cancel()
            raise
