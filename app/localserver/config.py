"""Settings of one local storage service instance, including the fault knobs used by tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_APP_KEY = "dentry-local"
DEFAULT_APP_SECRET = "dentry-local-secret"
DEFAULT_UNION_ID = "local-user"


@dataclass
class Faults:
    """Faults injected on purpose so that resume and retry can be tested. All off by default.

    The object is read on every request, so tests may change it while the service runs.
    """

    drop_after_bytes: int | None = None
    """Abort the connection after this many body bytes of a signed-URL GET or PUT."""
    drop_times: int | None = None
    """How many more connections to drop (None: every one that reaches drop_after_bytes)."""
    error_rate: float = 0.0
    """Share of requests (0..1) answered with 503 ``operationTimeout`` before any work."""
    throttle_bps: int | None = None
    """Limit in bytes per second for each signed-URL body, both directions.

    It applies per request; an HTTP/1.1 connection carries one request at a time, so it is a
    limit per connection, as an object store or a long-haul link imposes.
    """
    latency_ms: float = 0.0
    """Delay before every answer (control and data plane), as if the service were far away."""
    in_flight: int = 0
    """Requests the service is handling right now (read by tests; not a knob)."""
    peak_in_flight: int = 0
    """The most requests it handled at once since this was last set to 0 (read by tests)."""


@dataclass
class ServerConfig:
    """Everything the service needs to run; the command line fills one of these."""

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    app_key: str = DEFAULT_APP_KEY
    app_secret: str = DEFAULT_APP_SECRET
    union_id: str = DEFAULT_UNION_ID
    public_url: str | None = None
    """Base URL put into signed URLs; defaults to the address the service listens on."""
    url_ttl: int = 900
    """``expirationSeconds`` of signed URLs."""
    token_ttl: int = 7200
    """``expireIn`` of access tokens."""
    header_timeout: float = 5.0
    """Seconds a connection has to send a request's headers (after connecting or an answer)."""
    demo: bool = False
    """Create a space with sample content when the data folder is new."""
    faults: Faults = field(default_factory=Faults)
