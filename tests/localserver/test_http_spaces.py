"""Spaces over HTTP: AddSpace, GetSpace, ListSpaces and who may use a space."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.localserver import LocalServer
from tests.conftest import RawApi
from tests.localserver.helpers import (
    OTHER_USER,
    ROOT,
    Json,
    Storage,
    assert_error,
    assert_param_error,
    ok,
    running_server,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


ORG = "APP"


def _list_spaces(storage: Storage, space_type: str, max_results: int = 50) -> list[Json]:
    found: list[Json] = []
    token: str | None = None
    for _ in range(100):
        params: dict[str, object] = {"spaceType": space_type, "maxResults": max_results}
        if token:
            params["nextToken"] = token
        body = ok(storage.call("GET", "/v1.0/drive/spaces", params=params))
        found.extend(body["spaces"])
        token = body.get("nextToken")
        if not token:
            return found
    raise AssertionError("ListSpaces never ended")


def test_add_space_returns_a_decimal_id_and_the_option(api: RawApi) -> None:
    storage = Storage(api)
    space = storage.add_space("Team files", owner_type="USER")
    assert isinstance(space["id"], str)
    assert space["id"].isdigit()
    assert space["name"] == "Team files"
    assert space["ownerType"] == "USER"
    assert isinstance(space.get("ownerId"), str)
    assert space["ownerId"]


def test_each_space_gets_its_own_id(api: RawApi) -> None:
    storage = Storage(api)
    ids = {storage.new_space_id(f"s{i}") for i in range(5)}
    assert len(ids) == 5


def test_get_space_returns_what_was_added(api: RawApi) -> None:
    storage = Storage(api)
    added = storage.add_space("Projects", owner_type=ORG)
    fetched = ok(api.call("GET", f"/v1.0/storage/spaces/{added['id']}"))["space"]
    assert fetched["id"] == added["id"]
    assert fetched["name"] == "Projects"
    assert fetched["ownerType"] == ORG
    assert fetched.get("ownerId") == added.get("ownerId")
    assert isinstance(fetched.get("quota", 0), int)
    assert isinstance(fetched.get("usedQuota", 0), int)


def test_unicode_space_name_round_trips(api: RawApi) -> None:
    storage = Storage(api)
    added = storage.add_space("报告 空间 é")
    fetched = ok(api.call("GET", f"/v1.0/storage/spaces/{added['id']}"))["space"]
    assert fetched["name"] == "报告 空间 é"


@pytest.mark.parametrize("space_id", ["987654321", "0"])
def test_get_unknown_space_is_space_not_exist(api: RawApi, space_id: str) -> None:
    response = api.call("GET", f"/v1.0/storage/spaces/{space_id}")
    assert_error(response, 404, "spaceNotExist")


@pytest.mark.parametrize("space_id", ["abc", "1.5", "-3", "9" * 40])
def test_malformed_space_id_is_a_client_error(api: RawApi, space_id: str) -> None:
    response = api.call("GET", f"/v1.0/storage/spaces/{space_id}")
    assert_error(response, {400, 404}, {"paramError", "spaceNotExist"}, prefix=True)


def test_list_spaces_separates_personal_and_org(api: RawApi) -> None:
    storage = Storage(api)
    mine = storage.add_space("mine", owner_type="USER")
    team = storage.add_space("team", owner_type=ORG)
    personal = _list_spaces(storage, "personal")
    org = _list_spaces(storage, "org")
    personal_ids = {s["spaceId"] for s in personal}
    org_ids = {s["spaceId"] for s in org}
    assert mine["id"] in personal_ids
    assert team["id"] not in personal_ids
    assert team["id"] in org_ids
    assert mine["id"] not in org_ids
    entry = next(s for s in personal if s["spaceId"] == mine["id"])
    assert entry["spaceName"] == "mine"
    assert isinstance(entry["spaceId"], str)


def test_list_spaces_pages_without_loss(api: RawApi) -> None:
    storage = Storage(api)
    created = {storage.new_space_id(f"p{i}") for i in range(5)}
    listed = _list_spaces(storage, "personal", max_results=2)
    ids = [s["spaceId"] for s in listed]
    assert len(ids) == len(set(ids)), ids
    assert created <= set(ids)


def test_list_spaces_shows_only_the_callers_spaces(api: RawApi) -> None:
    storage = Storage(api)
    mine = storage.new_space_id("mine")
    other = storage.as_user(OTHER_USER)
    theirs = other.new_space_id("theirs")
    assert mine not in {s["spaceId"] for s in _list_spaces(other, "personal")}
    assert theirs not in {s["spaceId"] for s in _list_spaces(storage, "personal")}
    assert theirs in {s["spaceId"] for s in _list_spaces(other, "personal")}


def test_list_spaces_rejects_bad_max_results(api: RawApi) -> None:
    response = api.call("GET", "/v1.0/drive/spaces", params={"spaceType": "org", "maxResults": "x"})
    assert_param_error(response)


def test_another_user_is_denied_the_space(api: RawApi) -> None:
    storage = Storage(api)
    space_id = storage.new_space_id("private")
    folder = storage.add_folder(space_id, "inside")
    intruder = storage.as_user(OTHER_USER)
    checks = [
        intruder.call("GET", f"/v1.0/storage/spaces/{space_id}"),
        intruder.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"parentId": ROOT}),
        intruder.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/query", json={}),
        intruder.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json={"name": "x"}),
        intruder.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/rename",
            json={"newName": "y"},
        ),
        intruder.call(
            "DELETE",
            f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}",
            params={"toRecycleBin": "False"},
        ),
        intruder.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/files/uploadInfos/query",
            json={"protocol": "HEADER_SIGNATURE", "multipart": False},
        ),
        intruder.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/query",
            json={"dentryIds": [folder["id"]]},
        ),
    ]
    for response in checks:
        assert_error(response, {400, 403}, "permissionDenied")
    # Nothing changed for the owner.
    assert storage.get_dentry(space_id, folder["id"])["name"] == "inside"


def test_owner_keeps_working_after_a_denied_intruder(api: RawApi) -> None:
    storage = Storage(api)
    space_id = storage.new_space_id()
    assert_error(
        storage.as_user(OTHER_USER).call("GET", f"/v1.0/storage/spaces/{space_id}"),
        {400, 403},
        "permissionDenied",
    )
    assert ok(api.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]["id"] == space_id


@pytest.mark.parametrize(
    "body",
    [{"option": {"name": ["x"], "ownerType": "USER"}}, {"option": "x"}, [1, 2]],
    ids=["name-list", "option-str", "array"],
)
def test_add_space_rejects_malformed_bodies(api: RawApi, body: object) -> None:
    response = api.call("POST", "/v1.0/storage/spaces", json=body)
    assert_param_error(response)
