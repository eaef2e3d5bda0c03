"""Spaces: ListSpaces (drive API, org/personal, paged), GetSpace and AddSpace, on a demo service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.api import ApiError, StorageClient
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from tests.api.conftest import MakeClient, watch


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", demo=True)


def test_org_spaces_hold_the_demo_space(client: StorageClient, server: LocalServer) -> None:
    spaces = client.list_spaces("org")

    assert [space.id for space in spaces] == [server.demo_space_id]
    demo = spaces[0]
    assert (demo.name, demo.space_type) == ("Demo space", "org")
    assert demo.quota is not None
    assert demo.used_quota is not None
    assert 0 < demo.used_quota < demo.quota
    assert demo.create_time is not None
    assert client.list_spaces("personal") == []


def test_an_added_space_is_personal(client: StorageClient, server: LocalServer) -> None:
    before = datetime.now(UTC) - timedelta(seconds=2)

    space = client.add_space("My space", quota=5_000_000)

    assert space.id
    assert (space.name, space.owner_type, space.owner_id, space.space_type) == (
        "My space",
        "USER",
        "local-user",
        "personal",
    )
    assert (space.quota, space.used_quota) == (5_000_000, 0)
    assert space.create_time is not None
    assert space.create_time >= before.replace(microsecond=0)
    assert [s.id for s in client.list_spaces("personal")] == [space.id]
    assert [s.id for s in client.list_spaces("org")] == [server.demo_space_id]


def test_get_space_reads_the_storage_api_shape(client: StorageClient, server: LocalServer) -> None:
    assert server.demo_space_id is not None

    space = client.get_space(server.demo_space_id)

    assert (space.id, space.name, space.owner_type, space.space_type) == (
        server.demo_space_id,
        "Demo space",
        "APP",
        "org",
    )
    assert space.owner_id == "dentry-local"
    assert space.used_quota == client.list_spaces("org")[0].used_quota
    assert space.modified_time is not None


def test_list_spaces_follows_next_token_one_call_per_page(client: StorageClient) -> None:
    created = [client.add_space(f"Space {n:02d}").id for n in range(55)]
    wire = watch(client)

    spaces = client.list_spaces("personal")

    assert [space.id for space in spaces] == created
    pages = wire.calls("/v1.0/drive/spaces")
    assert len(pages) == 2
    assert "nextToken=" not in pages[0][1]
    assert "nextToken=" in pages[1][1]
    assert all("spaceType=personal" in path and "maxResults=50" in path for _m, path, _s in pages)


def test_another_user_may_not_use_the_demo_space(make_client: MakeClient, server: LocalServer) -> None:
    demo = server.demo_space_id
    assert demo is not None
    intruder = make_client("intruder")

    assert intruder.list_spaces("org") == []
    for call, status in [
        (lambda: intruder.get_space(demo), 403),
        (lambda: intruder.list_dentries(demo), 403),
        (lambda: intruder.add_folder(demo, "0", "mine now"), 403),
        (lambda: intruder.get_thumbnails(demo, ["1"]), 400),  # S000 says 400 for this call
    ]:
        with pytest.raises(ApiError) as raised:
            call()
        assert (raised.value.code, raised.value.status) == ("permissionDenied", status)
        assert raised.value.request_id
        assert raised.value.sentence == (
            "You do not have permission to do this in this space: no permission on this space."
        )


def test_the_demo_space_can_be_browsed(client: StorageClient, server: LocalServer) -> None:
    assert server.demo_space_id is not None

    root = list(client.iter_dentries(server.demo_space_id))

    names = {dentry.name: dentry for dentry in root}
    assert {"Documents", "Photos", "Welcome.txt"} <= set(names)
    assert names["Documents"].is_folder
    assert names["Documents"].size is None
    welcome = names["Welcome.txt"]
    assert (welcome.type, welcome.extension, welcome.category) == ("FILE", "txt", "DOCUMENT")
    assert welcome.size is not None
    assert welcome.size > 0
    assert welcome.path == "/Welcome.txt"
