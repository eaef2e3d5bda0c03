"""Fixtures for the API client tests: a `StorageClient` on the local service, and wire counters.

Everything travels over real HTTP to `app.localserver.LocalServer` on 127.0.0.1; requests are
counted with a `requests` response hook on the client's own (per-thread) session.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
import requests

from app.api import StorageClient
from app.api.models import AppProperty, Dentry
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID

ROOT = "0"
FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)
TOKEN_PATH = "/v1.0/oauth2/accessToken"


@dataclass
class Wire:
    """Every answer one session received: method, path (with query) and status."""

    seen: list[tuple[str, str, int]] = field(default_factory=list)
    last: requests.Response | None = None

    def hook(self, response: requests.Response, *_args: object, **_kwargs: object) -> None:
        url = urlsplit(response.request.url or "")
        path = url.path + (f"?{url.query}" if url.query else "")
        self.seen.append((response.request.method or "", path, response.status_code))
        self.last = response

    def calls(self, fragment: str = "") -> list[tuple[str, str, int]]:
        """The answers whose path contains `fragment`, token fetches excluded."""
        return [item for item in self.seen if fragment in item[1] and not item[1].startswith(TOKEN_PATH)]

    @property
    def token_fetches(self) -> int:
        return sum(1 for _method, path, _status in self.seen if path.startswith(TOKEN_PATH))

    def clear(self) -> None:
        self.seen.clear()


def watch(client: StorageClient) -> Wire:
    """Count what this thread's session of `client` receives from now on."""
    wire = Wire()
    client.transport.session.hooks["response"].append(wire.hook)
    return wire


MakeClient = Callable[..., StorageClient]


@pytest.fixture
def make_client(server: LocalServer) -> MakeClient:
    """Build clients on the running service (another unionId, secret or retry policy on demand)."""

    def make(
        union_id: str = DEFAULT_UNION_ID,
        *,
        app_secret: str = DEFAULT_APP_SECRET,
        retry: RetryPolicy = FAST_RETRY,
        endpoint: str | None = None,
    ) -> StorageClient:
        return StorageClient(endpoint or server.url, DEFAULT_APP_KEY, app_secret, union_id, retry=retry)

    return make


@pytest.fixture
def client(make_client: MakeClient) -> StorageClient:
    """A client for the service's default app and unionId, with fast retries."""
    return make_client()


@pytest.fixture
def space_id(client: StorageClient) -> str:
    """A new, empty personal space of the default user."""
    return client.add_space("Test space").id


def put_bytes(client: StorageClient, space: str, parent: str, name: str, data: bytes) -> str:
    """Get a signed PUT for a new upload and send `data` with it; returns the upload key."""
    info = client.get_upload_info(space, parent, name, len(data))
    response = requests.put(info.signed.url, data=data, headers=info.signed.headers, timeout=10)
    assert response.status_code == 200, response.text
    return info.upload_key


def upload(
    client: StorageClient,
    space: str,
    name: str,
    data: bytes,
    *,
    parent: str = ROOT,
    conflict: str = "AUTO_RENAME",
    app_properties: list[AppProperty] | None = None,
) -> Dentry:
    """The whole single-PUT upload: upload info, PUT, commit."""
    key = put_bytes(client, space, parent, name, data)
    return client.commit_file(
        space, parent, key, name, len(data), conflict=conflict, app_properties=app_properties
    )


def download(client: StorageClient, space: str, dentry_id: str, *, version: int | None = None) -> bytes:
    """GET the file (or one version) through its signed URL."""
    signed = client.get_download_info(space, dentry_id, version)
    response = requests.get(signed.url, headers=signed.headers, timeout=10)
    assert response.status_code == 200, response.text
    return response.content


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (just freed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
