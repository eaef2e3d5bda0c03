"""The HTTP side of the client: per-thread sessions, timeouts, error parsing, retries, token refresh.

Thread safety: each thread gets its own `requests.Session` (sessions are not thread-safe), all
sharing one token cache.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter

from app.api import redact
from app.api.errors import ApiError, NetworkError
from app.api.models import Json
from app.api.tokens import AccessTokens

log = logging.getLogger(__name__)

MAX_BATCH = 30
TOKEN_HEADER = "x-acs-dingtalk-access-token"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with full jitter, bounded in attempts."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


def segment(value: str) -> str:
    """One path segment, percent-encoded by us, ``/`` included (the SDK forgets to, §9.11).

    ``.`` and ``..`` are encoded too: as bare segments, URL normalisation would drop them and
    turn ``DELETE …/dentries/..`` into a DELETE of the space itself.
    """
    if value in (".", ".."):
        return value.replace(".", "%2E")
    return quote(value, safe="")


def chunks(items: Iterable[T], size: int = MAX_BATCH) -> Iterator[list[T]]:
    """Split ids (or other items) into lists of at most `size`, the service's batch limit."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Transport:
    """Sends Open API calls for one endpoint, app and operator (unionId)."""

    def __init__(
        self,
        endpoint: str,
        app_key: str,
        app_secret: str,
        union_id: str,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        retry: RetryPolicy | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.app_key = app_key
        self.union_id = union_id
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._app_secret = app_secret
        redact.add_secret(app_secret)
        self._local = threading.local()
        self.tokens = AccessTokens(self._fetch_token)

    @property
    def session(self) -> requests.Session:
        """This thread's session (connection pool)."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=16)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
        return session

    def send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            return self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            sent = not isinstance(error, requests.ConnectTimeout | requests.exceptions.SSLError) and not (
                isinstance(error, requests.ConnectionError) and "NewConnectionError" in repr(error)
            )
            raise NetworkError(urlsplit(url).netloc, type(error).__name__, sent=sent) from error

    @staticmethod
    def parse(response: requests.Response) -> Json:
        """The JSON object of an answer, or the ApiError it carries.

        Raises:
            NetworkError: the answer was cut off (it reached us, so the request may have had its
                effect: ``sent`` is true).
        """
        try:
            data = response.json() if response.content else {}
        except ValueError:
            data = None
        if (not response.content or data is None) and _length_unknown(response):
            # A connection cut inside the headers looks like a complete answer with no body to
            # requests; taken as `{}` it would become an empty dentry of size 0.
            raise NetworkError(urlsplit(response.url).netloc, "the answer was cut off", sent=True)
        if response.status_code >= 400:
            if not isinstance(data, dict):
                code = "systemError" if response.status_code >= 500 else "paramError"
                raise ApiError(code, response.status_code, response.reason or "", None)
            # The SDK reads capitalised keys first (§2); so do we.
            code = str(data.get("Code") or data.get("code") or f"http{response.status_code}")
            message = str(data.get("Message") or data.get("message") or "")
            request_id = (
                data.get("RequestId") or data.get("requestid") or response.headers.get("x-acs-request-id")
            )
            raise ApiError(code, response.status_code, message, request_id)
        if not isinstance(data, dict):
            raise ApiError("unknownError", response.status_code, "the answer is not a JSON object")
        return data

    def _fetch_token(self) -> tuple[str, int]:
        response = self.send(
            "POST",
            f"{self.endpoint}/v1.0/oauth2/accessToken",
            json={"appKey": self.app_key, "appSecret": self._app_secret},
        )
        data = self.parse(response)
        token = data.get("accessToken")
        if not isinstance(token, str) or not token:
            raise ApiError("unknownError", response.status_code, "the answer holds no access token")
        return token, int(data.get("expireIn") or 7200)

    def call(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Json | None = None,
        idempotent: bool = True,
        operator_param: str = "unionId",
    ) -> Json:
        """One Open API call with the token, the operator, retries and one token refresh.

        A call that changes something is not repeated after a network error that may have
        reached the service, since repeating it could do the change twice.
        """
        params = {operator_param: self.union_id}
        for key, value in (query or {}).items():
            if value is not None:
                params[key] = ("true" if value else "false") if isinstance(value, bool) else value
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            token = ""
            asked = False  # the call itself went out (fetching a token never changes anything)
            try:
                token = self.tokens.get()
                asked = True
                response = self.send(
                    method, self.endpoint + path, params=params, json=body, headers={TOKEN_HEADER: token}
                )
                return self.parse(response)
            except ApiError as error:
                if error.code == "InvalidAuthentication" and not refreshed:
                    refreshed = True
                    self.tokens.refused(token)
                    continue
                may_repeat = idempotent or not (asked and isinstance(error, NetworkError) and error.sent)
                if not (error.retryable and may_repeat) or attempt >= self.retry.attempts:
                    raise
                delay = self.retry.delay(attempt)
                log.info("%s %s failed (%s); retry %d in %.1fs", method, path, error.code, attempt, delay)
                time.sleep(delay)


def _length_unknown(response: requests.Response) -> bool:
    """Whether the answer said neither its length nor that it comes in chunks.

    Every answer of the Open API does one or the other (or has no body by its status), so one
    that does neither lost the end of its headers.
    """
    if response.status_code in (204, 304):
        return False
    chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
    return "Content-Length" not in response.headers and not chunked
