"""What a running transfer works with, and the outcomes it can end in besides success."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import requests

from app.api import StorageClient
from app.transfers.bandwidth import RateLimiter
from app.transfers.journal import Job, Journal
from app.transfers.progress import ProgressMeter

CHUNK = 1024 * 1024  # streaming chunk: large enough for full speed, small enough for flat memory
TIMEOUT = (10.0, 60.0)  # connect, read (between bytes)


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
    """A failure with a sentence for a person; `retryable` ones are tried again with backoff."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class SignedUrlExpired(Exception):
    """The data plane refused a signed URL (403): fetch a fresh one and continue."""


_sessions = threading.local()


def data_session() -> requests.Session:
    """This thread's session for signed-URL traffic."""
    session: requests.Session | None = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = requests.Session()
    return session


def check_data_response(response: requests.Response) -> None:
    """Raise for a failed signed-URL answer: 403 means expired/refused, 5xx is worth a retry."""
    status = response.status_code
    if status == 403:
        raise SignedUrlExpired
    if status >= 500 or status == 429:
        raise TransferError(f"The storage server answered {status}", retryable=True)
    if status >= 400:
        raise TransferError(f"The storage server refused the transfer ({status} {response.reason})")


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

    def count(self, size: int) -> None:
        """Account for `size` bytes moved: bandwidth limit, progress, and stop requests."""
        self.limiter.consume(size)
        if self.meter.add(size):
            self.report()
        if self.stop.is_set():
            raise Stopped
