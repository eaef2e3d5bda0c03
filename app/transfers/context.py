"""What a running transfer works with, and the outcomes it can end in besides success."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection

from app.api import StorageClient
from app.api.errors import SENTENCES
from app.transfers.adaptive import WINDOW_SECONDS, Ramp
from app.transfers.bandwidth import RateLimiter
from app.transfers.journal import Job, Journal
from app.transfers.progress import ProgressMeter

T = TypeVar("T")
TRANSIENT_RETRIES = 5
CHUNK = 1024 * 1024  # streaming chunk: large enough for full speed, small enough for flat memory
TIMEOUT = (10.0, 60.0)  # connect, read (between bytes)
ERROR_BODY_BYTES = 64 * 1024  # read of an error answer's body, whatever it claims
STORAGE_FULL = "storageFull"
MAX_REDIRECTS = 5  # a signed URL may send us on a few times; a loop ends here, not at requests' 30
MAX_STREAMS = 8
"""Streams of one file (download ranges, or upload parts in flight) at most."""
MAX_IN_FLIGHT = 16
"""Requests in flight at most, over every job of a manager together."""
AUTO = 0
"""`Settings.segments` / `Settings.concurrency`: decided from measured rates (see adaptive.py)."""


@dataclass(slots=True)
class Settings:
    """Tunable thresholds and limits of the engine.

    `segments` (streams per file) and `concurrency` (files at once) are `AUTO` by default: the
    engine measures what more of them bring (`app.transfers.adaptive.Ramp`); a number forces them.
    """

    concurrency: int = AUTO
    segment_threshold: int = 16 * 1024 * 1024
    segments: int = AUTO
    multipart_threshold: int = 16 * 1024 * 1024
    part_size: int = 8 * 1024 * 1024
    max_attempts: int = 6
    checkpoint_bytes: int = 4 * 1024 * 1024
    min_split: int = 1024 * 1024
    """A download range is split for another stream only when both halves hold this much."""
    first_request: int = 8 * 1024 * 1024
    """A download stream's first request asks for this much of its range (later ones: by its rate)."""
    max_streams: int = MAX_STREAMS
    max_in_flight: int = MAX_IN_FLIGHT


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


UNSENT_BYTES = 256 * 1024
"""Bytes an upload may queue in its socket beyond what the network took (TCP_NOTSENT_LOWAT).

Without it the kernel queues up to 4 MiB at once: an upload's progress would run a fraction of a
second ahead of the network, and the rates that decide how many parts go at once would be wrong.
It does not limit bytes in flight, so a long fat link still fills.
"""


class _DataAdapter(HTTPAdapter):
    """One kept-alive connection per session, with TCP_NOTSENT_LOWAT where the system has it."""

    def __init__(self) -> None:
        super().__init__(pool_connections=1, pool_maxsize=1)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        lowat = getattr(socket, "TCP_NOTSENT_LOWAT", None)
        if lowat is not None:
            kwargs["socket_options"] = [
                *HTTPConnection.default_socket_options,
                (socket.IPPROTO_TCP, lowat, UNSENT_BYTES),
            ]
        super().init_poolmanager(*args, **kwargs)


class SessionPool:
    """Kept-alive connections for signed-URL traffic, shared by every stream of every job.

    A `requests.Session` is not safe to use from two threads at once, so each request leases one
    (with the connection it kept alive) and gives it back; the most recently used comes first, so
    streams and parts that follow each other reuse connections instead of opening new ones (a
    real network charges a TLS handshake for each).
    """

    def __init__(self, keep: int = MAX_IN_FLIGHT) -> None:
        self._keep = keep
        self._free: list[requests.Session] = []
        self._lock = threading.Lock()

    @contextmanager
    def lease(self) -> Iterator[requests.Session]:
        """A session for one request (or several in a row), back in the pool afterwards."""
        with self._lock:
            session = self._free.pop() if self._free else None
        if session is None:
            session = requests.Session()
            session.max_redirects = MAX_REDIRECTS
            adapter = _DataAdapter()
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        try:
            yield session
        finally:
            with self._lock:
                if len(self._free) < self._keep:
                    self._free.append(session)
                    session = None
            if session is not None:
                session.close()


DATA_SESSIONS = SessionPool()


class Slots:
    """The budget of requests in flight of a manager: each running job holds one, extra streams more."""

    def __init__(self, total: int) -> None:
        self._total = total
        self._used = 0
        self._lock = threading.Lock()

    def try_acquire(self) -> bool:
        """Take one if one is free now."""
        with self._lock:
            if self._used >= self._total:
                return False
            self._used += 1
            return True

    def release(self) -> None:
        """Give one back."""
        with self._lock:
            self._used -= 1


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
    slots: Slots = field(default_factory=lambda: Slots(MAX_IN_FLIGHT))
    """The manager's budget of requests in flight; the job's first stream holds one already."""
    stop_parts: threading.Event = field(default_factory=threading.Event)
    """Set when one part failed: the other parts of this run stop too."""
    ramps: list[Ramp] = field(default_factory=list)
    """The ramps of this run's streams, so that new preferences reach them while they run."""

    def ramp_for(self, forced: int, min_work: float, window: float = WINDOW_SECONDS) -> Ramp:
        """A ramp for streams of this run: `forced` if not AUTO, else the settings' count, else measured."""
        ramp = Ramp(
            self.settings.max_streams,
            forced=forced or self.settings.segments or None,
            min_work=min_work,
            window=window,
            name=f"streams of job {self.job.id}",
        )
        self.ramps.append(ramp)
        return ramp

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
