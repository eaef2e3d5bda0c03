"""Path parameters are percent-encoded segment by segment, so an odd id can never reach another route."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest

from app.api import ApiError, StorageClient
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from tests.api.conftest import ROOT, upload, watch


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for this module (each test works in a space of its own), to keep the suite fast."""
    with LocalServer(ServerConfig(data_dir=tmp_path_factory.mktemp("service"))) as running:
        yield running


@pytest.mark.parametrize(
    ("dentry_id", "on_the_wire"),
    [
        ("12/34", "/dentries/12%2F34/query"),
        ("12 34", "/dentries/12%2034/query"),
        ("id x/é", "/dentries/id%20x%2F%C3%A9/query"),
        ("12?x=1", "/dentries/12%3Fx%3D1/query"),
        ("12#x", "/dentries/12%23x/query"),
        ("100%", "/dentries/100%25/query"),
        ("", "/dentries//query"),
    ],
)
def test_an_odd_dentry_id_is_one_segment_and_does_not_exist(
    client: StorageClient, space_id: str, dentry_id: str, on_the_wire: str
) -> None:
    wire = watch(client)

    with pytest.raises(ApiError) as raised:
        client.get_dentry(space_id, dentry_id)

    assert (raised.value.code, raised.value.status) == ("dentryNotExist", 404)
    (call,) = wire.calls()
    assert call[0] == "POST"
    assert call[1].startswith(f"/v1.0/storage/spaces/{space_id}{on_the_wire}?unionId=")


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c, s, i: c.rename_dentry(s, i, "x"), id="rename"),
        pytest.param(lambda c, s, i: c.delete_dentry(s, i), id="delete"),
        pytest.param(lambda c, s, i: c.list_dentry_versions(s, i), id="versions"),
        pytest.param(lambda c, s, i: c.get_download_info(s, i), id="download"),
        pytest.param(lambda c, s, i: c.move_dentry(s, i, ROOT), id="move"),
        pytest.param(lambda c, s, i: c.copy_dentry(s, i, ROOT), id="copy"),
    ],
)
def test_every_call_with_a_dentry_id_encodes_it(
    client: StorageClient, space_id: str, call: Callable[[StorageClient, str, str], object]
) -> None:
    file_id = upload(client, space_id, "a.txt", b"hello").id
    wire = watch(client)

    for suffix, encoded in [("/x", "%2Fx"), ("?x", "%3Fx"), (" x", "%20x")]:
        wire.clear()
        with pytest.raises(ApiError) as raised:
            call(client, space_id, file_id + suffix)

        assert raised.value.code == "dentryNotExist", suffix
        path = wire.calls()[0][1]
        assert path.startswith(f"/v1.0/storage/spaces/{space_id}/dentries/{file_id}{encoded}"), path
    assert client.get_dentry(space_id, file_id).name == "a.txt"


@pytest.mark.parametrize("suffix", ["/x", "?x"])
def test_a_space_id_is_encoded_too(client: StorageClient, space_id: str, suffix: str) -> None:
    wire = watch(client)

    # The local service decodes %2F before routing, so for "/" only the wire can show it.
    with contextlib.suppress(ApiError):
        client.list_dentries(space_id + suffix)

    encoded = suffix.replace("/", "%2F").replace("?", "%3F")
    assert wire.calls()[0][1].startswith(f"/v1.0/storage/spaces/{space_id}{encoded}/dentries?")


def test_a_space_id_with_a_question_mark_names_no_space(client: StorageClient, space_id: str) -> None:
    with pytest.raises(ApiError) as raised:
        client.get_space(f"{space_id}?x=1")

    assert raised.value.code == "spaceNotExist"


def test_a_folder_id_with_a_slash_is_encoded_for_add_folder(client: StorageClient, space_id: str) -> None:
    with pytest.raises(ApiError) as raised:
        client.add_folder(space_id, "0/x", "New")

    assert raised.value.code == "dentryNotExist"
    assert client.list_dentries(space_id).dentries == []


@pytest.mark.parametrize("dentry_id", [".", ".."])
def test_a_dot_dentry_id_does_not_exist(client: StorageClient, space_id: str, dentry_id: str) -> None:
    with pytest.raises(ApiError) as raised:
        client.get_dentry(space_id, dentry_id)

    assert raised.value.code == "dentryNotExist"


def test_deleting_a_dot_dot_dentry_id_does_not_address_the_space(
    client: StorageClient, space_id: str
) -> None:
    wire = watch(client)

    with pytest.raises(ApiError) as raised:
        client.delete_dentry(space_id, "..")

    assert wire.calls()[0][1].startswith(f"/v1.0/storage/spaces/{space_id}/dentries/")
    assert raised.value.code == "dentryNotExist"
