"""Access tokens over real HTTP: cached, refreshed before they expire (at expireIn/4 for short
lives), and refreshed once when the service refuses one with InvalidAuthentication.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.api import ApiError, StorageClient
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from tests.api.conftest import FAST_RETRY, TOKEN_PATH, watch

TOKEN_TTL = 2


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", token_ttl=TOKEN_TTL)


def statuses(client_wire: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    return [("token" if path.startswith(TOKEN_PATH) else "call", status) for _m, path, status in client_wire]


def test_the_token_is_fetched_once_and_reused(client: StorageClient) -> None:
    wire = watch(client)

    for _ in range(5):
        client.list_spaces()

    assert client.transport.tokens.fetch_count == 1
    assert wire.token_fetches == 1


def test_a_call_after_expiry_fetches_a_new_token_first(client: StorageClient) -> None:
    wire = watch(client)
    client.list_spaces()

    time.sleep(TOKEN_TTL + 0.2)
    spaces = client.list_spaces()

    assert spaces == []
    assert client.transport.tokens.fetch_count == 2
    # Refreshed before the call: the service never saw the expired token.
    assert statuses(wire.seen) == [("token", 200), ("call", 200), ("token", 200), ("call", 200)]


def test_the_token_is_refreshed_a_quarter_of_its_life_early(client: StorageClient) -> None:
    wire = watch(client)
    client.list_spaces()

    time.sleep(TOKEN_TTL * 0.3)
    client.list_spaces()
    early = client.transport.tokens.fetch_count
    time.sleep(TOKEN_TTL * 0.5)  # now 0.8 of the life: inside the last quarter
    client.list_spaces()

    assert early == 1
    assert client.transport.tokens.fetch_count == 2
    assert [status for _kind, status in statuses(wire.seen)] == [200] * 5


def test_a_refused_token_is_refreshed_once_and_the_call_repeated(tmp_path: Path) -> None:
    """The service forgets the token (a fresh instance on the same address): one refresh fixes it."""
    first = LocalServer(ServerConfig(data_dir=tmp_path / "first")).start()
    client = StorageClient(first.url, "dentry-local", "dentry-local-secret", "local-user", retry=FAST_RETRY)
    client.add_space("Old")
    port = int(first.url.rsplit(":", 1)[1])
    first.stop()
    second = LocalServer(ServerConfig(data_dir=tmp_path / "second", port=port)).start()
    try:
        assert second.url == client.endpoint
        wire = watch(client)

        created = client.add_space("New")

        assert created.name == "New"
        assert client.transport.tokens.fetch_count == 2
        assert statuses(wire.seen) == [("call", 400), ("token", 200), ("call", 200)]
        assert [space.name for space in client.list_spaces("personal")] == ["New"]
    finally:
        second.stop()


def test_a_token_refused_twice_reaches_the_caller(tmp_path: Path) -> None:
    """A service whose tokens die at once (expireIn 0): refresh once, then give up."""
    with LocalServer(ServerConfig(data_dir=tmp_path / "service", token_ttl=0)) as service:
        client = StorageClient(
            service.url, "dentry-local", "dentry-local-secret", "local-user", retry=FAST_RETRY
        )
        wire = watch(client)

        with pytest.raises(ApiError) as raised:
            client.list_spaces()

    error = raised.value
    assert (error.code, error.status) == ("InvalidAuthentication", 400)
    assert wire.last is not None
    assert error.request_id == wire.last.headers["x-acs-request-id"]
    assert error.sentence.startswith("The access token was refused; check the app key and secret")
    assert error.sentence.endswith(".")
    assert not error.retryable
    assert client.transport.tokens.fetch_count == 2
    assert statuses(wire.seen) == [("token", 200), ("call", 400), ("token", 200), ("call", 400)]
