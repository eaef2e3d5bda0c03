"""Uploads over HTTP: upload infos (v1, v2, multipart), signed PUTs, commits and their rules."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from app.localserver import LocalServer
from tests.localserver.helpers import (
    CATEGORIES,
    OTHER_USER,
    ROOT,
    Json,
    Storage,
    assert_dentry,
    assert_error,
    assert_param_error,
    connect,
    describe,
    early_in_second,
    ok,
    pattern_bytes,
    running_server,
    signed_request,
    tamper_value,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


REGIONS = {"ZHANGJIAKOU", "SHENZHEN", "SHANGHAI", "SINGAPORE", "UNKNOWN"}


@pytest.fixture
def space_id(storage: Storage) -> str:
    """A fresh USER space."""
    return storage.new_space_id("uploads")


@pytest.fixture(scope="module")
def short_url_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A service whose signed URLs live one second."""
    with running_server(tmp_path_factory.mktemp("short"), url_ttl=1) as server:
        yield server


def _check_signature_info(info: Json, ttl: int = 900) -> None:
    assert isinstance(info["resourceUrls"], list)
    assert info["resourceUrls"]
    assert all(isinstance(u, str) and u.startswith("http") for u in info["resourceUrls"])
    assert isinstance(info["headers"], dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in info["headers"].items())
    assert info["expirationSeconds"] == ttl
    assert info["region"] in REGIONS


def _v2(storage: Storage, parent_uuid: str, op: str, body: Json) -> requests.Response:
    return storage.call("POST", f"/v2.0/storage/spaces/files/{parent_uuid}/{op}", json=body)


def _v2_upload(storage: Storage, parent_uuid: str, name: str, data: bytes, **option: object) -> Json:
    info = ok(
        _v2(
            storage,
            parent_uuid,
            "uploadInfos/query",
            {
                "protocol": "HEADER_SIGNATURE",
                "option": {"preCheckParam": {"name": name, "size": len(data)}},
            },
        )
    )
    storage.put(info, data)
    body = {
        "uploadKey": info["uploadKey"],
        "name": name,
        "option": {"size": len(data), "appProperties": [], **option},
    }
    return ok(_v2(storage, parent_uuid, "commit", body))["dentry"]


# --------------------------------------------------------------------------- upload infos


def test_upload_info_v1(storage: Storage, space_id: str) -> None:
    body = storage.upload_info(space_id, "a.txt", 5)
    assert isinstance(body["uploadKey"], str)
    assert body["uploadKey"]
    assert body.get("protocol", "HEADER_SIGNATURE") == "HEADER_SIGNATURE"
    _check_signature_info(body["headerSignatureInfo"])


def test_each_upload_info_has_its_own_key(storage: Storage, space_id: str) -> None:
    keys = {storage.upload_info(space_id)["uploadKey"] for _ in range(5)}
    assert len(keys) == 5


@pytest.mark.parametrize(
    "body",
    [
        {"protocol": "FTP", "multipart": False},
        {"protocol": "HEADER_SIGNATURE", "multipart": "sometimes"},
        {"protocol": "HEADER_SIGNATURE", "multipart": False, "option": "x"},
    ],
    ids=["bad-protocol", "bad-multipart", "bad-option"],
)
def test_upload_info_v1_bad_bodies(storage: Storage, space_id: str, body: Json) -> None:
    response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/files/uploadInfos/query", json=body)
    assert_param_error(response)


def test_upload_info_precheck_refuses_illegal_name(storage: Storage, space_id: str) -> None:
    response = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/files/uploadInfos/query",
        json={
            "protocol": "HEADER_SIGNATURE",
            "multipart": False,
            "option": {"preCheckParam": {"name": "bad|name.txt", "size": 3, "parentId": ROOT}},
        },
    )
    assert_error(response, 400, {"dentryNameIllegal", "paramError"}, prefix=True)


def test_upload_info_unknown_space(storage: Storage) -> None:
    response = storage.call(
        "POST",
        "/v1.0/storage/spaces/987654321/files/uploadInfos/query",
        json={"protocol": "HEADER_SIGNATURE", "multipart": False},
    )
    assert_error(response, 404, "spaceNotExist")


# --------------------------------------------------------------------------- single PUT + commit v1


def test_upload_and_commit_v1(storage: Storage, space_id: str) -> None:
    data = pattern_bytes(100_000)
    info = storage.upload_info(space_id, "data.bin", len(data))
    storage.put(info, data)
    body = ok(
        storage.commit(
            space_id,
            info["uploadKey"],
            "data.bin",
            ROOT,
            {"size": len(data), "conflictStrategy": "AUTO_RENAME", "appProperties": []},
        )
    )
    dentry = body["dentry"]
    assert_dentry(dentry)
    assert dentry["name"] == "data.bin"
    assert dentry["size"] == len(data)
    assert dentry["parentId"] == ROOT
    assert dentry["version"] == 1
    assert dentry["extension"] == "bin"
    assert dentry["status"] == "NORMAL"
    assert dentry.get("category", "OTHER") in CATEGORIES
    assert not dentry.get("appProperties")
    assert storage.download(space_id, dentry["id"]) == data


def test_commit_into_a_folder(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "inbox")
    dentry = storage.upload(space_id, "in.txt", b"inside", parent_id=folder["id"])
    assert dentry["parentId"] == folder["id"]
    assert storage.names(space_id, folder["id"]) == ["in.txt"]
    assert storage.names(space_id) == ["inbox"]


def test_put_answers_200_and_a_request_id(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)
    response = storage.put(info, b"abc")
    assert response.headers.get("x-acs-request-id")


def test_empty_file(storage: Storage, space_id: str) -> None:
    dentry = storage.upload(space_id, "empty.txt", b"")
    assert dentry["size"] == 0
    assert storage.download(space_id, dentry["id"]) == b""


def test_commit_without_option(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "plain.txt", 5)
    storage.put(info, b"plain")
    dentry = ok(storage.commit(space_id, info["uploadKey"], "plain.txt"))["dentry"]
    assert dentry["size"] == 5


def test_streamed_put_body(storage: Storage, space_id: str) -> None:
    """A chunked (generator) PUT body is accepted like a sized one."""
    info = storage.upload_info(space_id, "s.bin", 3 * 65_536)
    pieces = [pattern_bytes(65_536, seed) for seed in range(3)]
    storage.put(info, iter(pieces))
    dentry = ok(storage.commit(space_id, info["uploadKey"], "s.bin", ROOT, {"size": 3 * 65_536}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == b"".join(pieces)


def test_nothing_is_visible_before_commit(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "pending.txt", 7)
    storage.put(info, b"pending")
    assert storage.names(space_id) == []
    search = storage.api.session.post(
        f"{storage.api.base_url}/v2.0/storage/dentries/search",
        params={"operatorId": storage.union_id},
        json={"keyword": "pending", "option": {"spaceIds": [int(space_id)]}},
        headers={"x-acs-dingtalk-access-token": storage.api.token or ""},
        timeout=10,
    )
    assert ok(search)["items"] == []
    ok(storage.commit(space_id, info["uploadKey"], "pending.txt"))
    assert storage.names(space_id) == ["pending.txt"]


def test_abandoned_upload_leaves_nothing(storage: Storage, space_id: str) -> None:
    for i in range(3):
        info = storage.upload_info(space_id, f"abandoned-{i}.txt", 4)
        storage.put(info, b"left")
    assert storage.names(space_id) == []
    ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}"))


# --------------------------------------------------------------------------- signed PUT checks


def test_put_without_each_signed_header_is_forbidden(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)["headerSignatureInfo"]
    assert info["headers"], "the signature travels in headers"
    for name in info["headers"]:
        response = signed_request("PUT", info, data=b"abc", drop_header=name)
        assert_error(response, 403, None)


def test_put_with_tampered_signature_is_forbidden(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)
    signature = info["headerSignatureInfo"]
    for name, value in signature["headers"].items():
        response = signed_request(
            "PUT", signature, data=b"abc", drop_header=name, extra_headers={name: tamper_value(value)}
        )
        assert_error(response, 403, None)
    # After all those refusals the genuine request still works and can be committed.
    storage.put(info, b"abc")
    ok(storage.commit(space_id, info["uploadKey"], "a.txt", ROOT, {"size": 3}))


def test_put_with_wrong_url_is_refused(storage: Storage, space_id: str) -> None:
    first = storage.upload_info(space_id, "a.txt", 3)["headerSignatureInfo"]
    second = storage.upload_info(space_id, "b.txt", 3)["headerSignatureInfo"]
    # The first upload's headers against the second's URL: the signature does not match.
    response = signed_request("PUT", first, data=b"abc", url=second["resourceUrls"][0])
    assert_error(response, 403, None)


def test_url_ttl_expires_urls_but_not_upload_keys(short_url_server: LocalServer) -> None:
    """Signed URLs die after url_ttl; upload keys live 24 h; part infos can be asked afresh."""
    storage = connect(short_url_server)
    space_id = storage.new_space_id()
    early_in_second()
    late = storage.upload_info(space_id, "late.txt", 4)
    assert late["headerSignatureInfo"]["expirationSeconds"] == 1
    kept = storage.upload_info(space_id, "kept.txt", 4)
    storage.put(kept, b"kept")
    key = _init_multipart(storage, space_id, "parts.bin", 6)
    stale = _part_infos(storage, key, [1], ttl=1)
    time.sleep(1.6)

    assert_error(signed_request("PUT", late["headerSignatureInfo"], data=b"late"), 403, None)
    assert_error(signed_request("PUT", stale[1], data=b"parts!"), 403, None)
    assert storage.names(space_id) == []

    dentry = ok(storage.commit(space_id, kept["uploadKey"], "kept.txt", ROOT, {"size": 4}))["dentry"]
    assert dentry["size"] == 4

    early_in_second()
    fresh = _part_infos(storage, key, [1], ttl=1)
    assert signed_request("PUT", fresh[1], data=b"parts!").status_code == 200
    parts = ok(storage.commit(space_id, key, "parts.bin", ROOT, {"size": 6}))["dentry"]
    assert storage.download(space_id, parts["id"]) == b"parts!"
    assert storage.names(space_id) == ["kept.txt", "parts.bin"]


def test_slow_put_started_in_time_completes(short_url_server: LocalServer) -> None:
    """Expiry is checked when the request starts, so a throttled PUT outlasting the TTL succeeds."""
    storage = connect(short_url_server)
    space_id = storage.new_space_id()
    data = pattern_bytes(100_000)
    early_in_second()
    info = storage.upload_info(space_id, "slow.bin", len(data))
    short_url_server.faults.throttle_bps = 50_000
    try:
        started = time.monotonic()
        response = signed_request("PUT", info["headerSignatureInfo"], data=data)
        elapsed = time.monotonic() - started
    finally:
        short_url_server.faults.throttle_bps = None
    assert response.status_code == 200, describe(response)
    assert elapsed > 1.5, f"the throttle should have made the PUT outlast the TTL ({elapsed:.2f} s)"
    dentry = ok(storage.commit(space_id, info["uploadKey"], "slow.bin", ROOT, {"size": len(data)}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == data


# --------------------------------------------------------------------------- commit rules


def test_upload_key_is_single_use(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "once.txt", 4)
    storage.put(info, b"once")
    ok(storage.commit(space_id, info["uploadKey"], "once.txt", ROOT, {"size": 4}))
    again = storage.commit(space_id, info["uploadKey"], "twice.txt", ROOT, {"size": 4})
    assert_param_error(again)
    assert storage.names(space_id) == ["once.txt"]


@pytest.mark.parametrize("key", ["no-such-key", "", "../../etc/passwd"])
def test_unknown_upload_key(storage: Storage, space_id: str, key: str) -> None:
    assert_param_error(storage.commit(space_id, key, "x.txt", ROOT, {"size": 1}))
    assert storage.names(space_id) == []


def test_commit_before_any_put(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "never.txt", 4)
    response = storage.commit(space_id, info["uploadKey"], "never.txt", ROOT, {"size": 4})
    assert_param_error(response)
    assert storage.names(space_id) == []


def test_upload_key_belongs_to_its_space(storage: Storage, space_id: str) -> None:
    other = storage.new_space_id("other")
    info = storage.upload_info(space_id, "here.txt", 4)
    storage.put(info, b"here")
    response = storage.commit(other, info["uploadKey"], "here.txt", ROOT, {"size": 4})
    assert_param_error(response)
    assert storage.names(other) == []


def test_size_mismatch_commits_nothing(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "short.txt", 10)
    storage.put(info, b"12345")
    response = storage.commit(space_id, info["uploadKey"], "short.txt", ROOT, {"size": 10})
    assert_param_error(response)
    assert storage.names(space_id) == []


def test_name_spaces_are_trimmed(storage: Storage, space_id: str) -> None:
    dentry = storage.upload(space_id, "   spaced name.txt  ", b"s")
    assert dentry["name"] == "spaced name.txt"
    assert storage.names(space_id) == ["spaced name.txt"]


@pytest.mark.parametrize(
    "name",
    ["tab\tname.txt", "star*.txt", 'quote".txt', "less<.txt", "more>.txt", "pipe|.txt", "dot.", "a.txt."],
)
def test_illegal_names_are_refused(storage: Storage, space_id: str, name: str) -> None:
    info = storage.upload_info(space_id, "placeholder.txt", 3)
    storage.put(info, b"abc")
    response = storage.commit(space_id, info["uploadKey"], name, ROOT, {"size": 3})
    assert_error(response, 400, "dentryNameIllegal")
    assert storage.names(space_id) == []


@pytest.mark.parametrize("name", ["报告 1.pdf", "a'b (x) [y] {z} #1 &2 %3 +4 =5.txt", ".hidden", "no-ext"])
def test_unusual_but_legal_names(storage: Storage, space_id: str, name: str) -> None:
    dentry = storage.upload(space_id, name, b"ok")
    assert dentry["name"] == name
    assert storage.get_dentry(space_id, dentry["id"])["name"] == name


def test_missing_commit_fields(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)
    storage.put(info, b"abc")
    path = f"/v1.0/storage/spaces/{space_id}/files/commit"
    for body in (
        {"name": "a.txt", "parentId": ROOT},
        {"uploadKey": info["uploadKey"], "parentId": ROOT},
        {"uploadKey": info["uploadKey"], "name": "a.txt", "option": {"size": "three"}},
        {"uploadKey": info["uploadKey"], "name": "a.txt", "option": {"conflictStrategy": "MERGE"}},
    ):
        assert_param_error(storage.call("POST", path, json=body))
    assert storage.names(space_id) == []


def test_commit_into_unknown_parent(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)
    storage.put(info, b"abc")
    response = storage.commit(space_id, info["uploadKey"], "a.txt", "987654", {"size": 3})
    assert_error(response, {400, 404}, "dentryNotExist")


def test_commit_by_another_user_is_denied(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "a.txt", 3)
    storage.put(info, b"abc")
    response = storage.as_user(OTHER_USER).commit(space_id, info["uploadKey"], "a.txt", ROOT)
    assert_error(response, {400, 403}, "permissionDenied")
    assert storage.names(space_id) == []


# --------------------------------------------------------------------------- conflict strategies


def test_auto_rename_is_the_default_and_numbers_names(storage: Storage, space_id: str) -> None:
    first = storage.upload(space_id, "name.ext", b"1")
    second = storage.upload(space_id, "name.ext", b"2")
    third = storage.upload(space_id, "name.ext", b"3", conflict="AUTO_RENAME")
    assert [first["name"], second["name"], third["name"]] == ["name.ext", "name (1).ext", "name (2).ext"]
    assert storage.download(space_id, second["id"]) == b"2"
    assert storage.download(space_id, first["id"]) == b"1"


def test_overwrite_keeps_the_id_and_bumps_the_version(storage: Storage, space_id: str) -> None:
    first = storage.upload(space_id, "same.txt", b"old content")
    second = storage.upload(space_id, "same.txt", b"new", conflict="OVERWRITE")
    assert second["id"] == first["id"]
    assert second["uuid"] == first["uuid"]
    assert second["version"] == first["version"] + 1
    assert second["size"] == 3
    assert storage.names(space_id) == ["same.txt"]
    assert storage.download(space_id, first["id"]) == b"new"


def test_overwrite_without_existing_creates(storage: Storage, space_id: str) -> None:
    dentry = storage.upload(space_id, "fresh.txt", b"f", conflict="OVERWRITE")
    assert dentry["version"] == 1


def test_return_dentry_if_exists(storage: Storage, space_id: str) -> None:
    first = storage.upload(space_id, "keep.txt", b"original")
    returned = storage.upload(space_id, "keep.txt", b"ignored!", conflict="RETURN_DENTRY_IF_EXISTS")
    assert returned["id"] == first["id"]
    assert returned["version"] == first["version"]
    assert returned["size"] == len(b"original")
    assert storage.download(space_id, first["id"]) == b"original"
    assert storage.names(space_id) == ["keep.txt"]


def test_return_error_if_exists(storage: Storage, space_id: str) -> None:
    storage.upload(space_id, "only.txt", b"1")
    info = storage.upload_info(space_id, "only.txt", 1)
    storage.put(info, b"2")
    response = storage.commit(
        space_id,
        info["uploadKey"],
        "only.txt",
        ROOT,
        {"size": 1, "conflictStrategy": "RETURN_ERROR_IF_EXISTS"},
    )
    assert_error(response, 400, "dentryNameConflict")
    assert storage.names(space_id) == ["only.txt"]


def test_conflict_with_a_folder_of_the_same_name(storage: Storage, space_id: str) -> None:
    storage.add_folder(space_id, "thing")
    dentry = storage.upload(space_id, "thing", b"file", conflict="AUTO_RENAME")
    assert dentry["name"] == "thing (1)"


# --------------------------------------------------------------------------- appProperties


def test_app_properties_come_back_keyed_by_owner(storage: Storage, space_id: str) -> None:
    space = ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]
    properties = [
        {"name": "color", "value": "red", "visibility": "PRIVATE"},
        {"name": "size", "value": "L", "visibility": "PUBLIC"},
        {"name": "tag", "value": "标签", "visibility": "PUBLIC"},
    ]
    dentry = storage.upload(space_id, "props.txt", b"p", app_properties=properties)
    for shown in (dentry, storage.get_dentry(space_id, dentry["id"])):
        mapped = shown["appProperties"]
        assert isinstance(mapped, dict), shown
        assert list(mapped) == [space["ownerId"]]
        (listed,) = mapped.values()
        assert sorted((p["name"], p["value"], p["visibility"]) for p in listed) == sorted(
            (p["name"], p["value"], p["visibility"]) for p in properties
        )


def test_empty_app_properties_mean_none(storage: Storage, space_id: str) -> None:
    dentry = storage.upload(space_id, "none.txt", b"n", app_properties=[])
    assert dentry.get("appProperties") in (None, {})
    assert storage.get_dentry(space_id, dentry["id"]).get("appProperties") in (None, {})


def test_more_than_three_app_properties(storage: Storage, space_id: str) -> None:
    info = storage.upload_info(space_id, "many.txt", 1)
    storage.put(info, b"m")
    properties = [{"name": f"p{i}", "value": "v", "visibility": "PUBLIC"} for i in range(4)]
    response = storage.commit(
        space_id, info["uploadKey"], "many.txt", ROOT, {"size": 1, "appProperties": properties}
    )
    assert_param_error(response)
    assert storage.names(space_id) == []


@pytest.mark.parametrize(
    "properties",
    [
        [{"name": "x"}],
        [{"name": "x", "value": "v", "visibility": "SECRET"}],
        {"name": "x", "value": "v", "visibility": "PUBLIC"},
        ["x"],
    ],
    ids=["incomplete", "bad-visibility", "object", "strings"],
)
def test_malformed_app_properties(storage: Storage, space_id: str, properties: object) -> None:
    info = storage.upload_info(space_id, "bad.txt", 1)
    storage.put(info, b"b")
    response = storage.commit(
        space_id, info["uploadKey"], "bad.txt", ROOT, {"size": 1, "appProperties": properties}
    )
    assert_param_error(response)


def test_get_dentry_filters_app_properties_by_app(storage: Storage, space_id: str) -> None:
    space = ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]
    properties = [{"name": "k", "value": "v", "visibility": "PUBLIC"}]
    dentry = storage.upload(space_id, "f.txt", b"f", app_properties=properties)
    mine = storage.get_dentry(space_id, dentry["id"], {"appIdsForAppProperties": [space["ownerId"]]})
    assert list(mine["appProperties"]) == [space["ownerId"]]
    others = storage.get_dentry(space_id, dentry["id"], {"appIdsForAppProperties": ["another-app"]})
    assert not others.get("appProperties")


# --------------------------------------------------------------------------- v2


def test_v2_upload_into_a_folder_by_uuid(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "v2")
    info = ok(
        _v2(
            storage,
            folder["uuid"],
            "uploadInfos/query",
            {"protocol": "HEADER_SIGNATURE", "option": {"preCheckParam": {"name": "v2.txt", "size": 2}}},
        )
    )
    assert info["uploadKey"]
    _check_signature_info(info["headerSignatureInfo"])
    storage.put(info, b"v2")
    dentry = ok(
        _v2(
            storage,
            folder["uuid"],
            "commit",
            {"uploadKey": info["uploadKey"], "name": "v2.txt", "option": {"size": 2, "appProperties": []}},
        )
    )["dentry"]
    assert_dentry(dentry)
    assert dentry["parentId"] == folder["id"]
    assert dentry["spaceId"] == space_id
    assert storage.names(space_id, folder["id"]) == ["v2.txt"]
    assert storage.download(space_id, dentry["id"]) == b"v2"


def test_v2_conflicts_and_names(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "v2")
    first = _v2_upload(storage, folder["uuid"], "n.txt", b"1")
    renamed = _v2_upload(storage, folder["uuid"], "n.txt", b"2", conflictStrategy="AUTO_RENAME")
    assert renamed["name"] == "n (1).txt"
    over = _v2_upload(storage, folder["uuid"], "n.txt", b"3", conflictStrategy="OVERWRITE")
    assert over["id"] == first["id"]
    assert over["version"] == 2
    info = ok(_v2(storage, folder["uuid"], "uploadInfos/query", {"protocol": "HEADER_SIGNATURE"}))
    storage.put(info, b"4")
    refused = _v2(
        storage,
        folder["uuid"],
        "commit",
        {
            "uploadKey": info["uploadKey"],
            "name": "n.txt",
            "option": {"conflictStrategy": "RETURN_ERROR_IF_EXISTS"},
        },
    )
    assert_error(refused, 400, "dentryNameConflict")
    illegal = _v2(storage, folder["uuid"], "commit", {"uploadKey": info["uploadKey"], "name": "a<b"})
    assert_error(illegal, 400, "dentryNameIllegal")
    mismatch = _v2(
        storage,
        folder["uuid"],
        "commit",
        {"uploadKey": info["uploadKey"], "name": "m.txt", "option": {"size": 9}},
    )
    assert_param_error(mismatch)
    assert storage.names(space_id, folder["id"]) == ["n (1).txt", "n.txt"]


def test_v2_app_properties_limit(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "v2")
    info = ok(_v2(storage, folder["uuid"], "uploadInfos/query", {"protocol": "HEADER_SIGNATURE"}))
    storage.put(info, b"x")
    properties = [{"name": f"p{i}", "value": "v", "visibility": "PUBLIC"} for i in range(4)]
    response = _v2(
        storage,
        folder["uuid"],
        "commit",
        {"uploadKey": info["uploadKey"], "name": "x.txt", "option": {"appProperties": properties}},
    )
    assert_param_error(response)
    ok_props = properties[:3]
    dentry = ok(
        _v2(
            storage,
            folder["uuid"],
            "commit",
            {"uploadKey": info["uploadKey"], "name": "x.txt", "option": {"appProperties": ok_props}},
        )
    )["dentry"]
    (listed,) = dentry["appProperties"].values()
    assert len(listed) == 3


def test_v2_unknown_parent_uuid(storage: Storage, space_id: str) -> None:
    response = _v2(storage, "no-such-uuid", "uploadInfos/query", {"protocol": "HEADER_SIGNATURE"})
    assert_error(response, {400, 404}, {"dentryNotExist", "paramError", "spaceNotExist"}, prefix=True)
    commit = _v2(storage, "no-such-uuid", "commit", {"uploadKey": "k", "name": "a.txt"})
    assert_error(commit, {400, 404}, {"dentryNotExist", "paramError", "spaceNotExist"}, prefix=True)


def test_v2_parent_of_another_user_is_denied(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "mine")
    response = _v2(
        storage.as_user(OTHER_USER), folder["uuid"], "uploadInfos/query", {"protocol": "HEADER_SIGNATURE"}
    )
    assert_error(response, {400, 403}, "permissionDenied")


def test_v2_parent_that_is_a_file_is_refused(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "f.txt", b"f")
    response = _v2(storage, file["uuid"], "uploadInfos/query", {"protocol": "HEADER_SIGNATURE"})
    assert_error(response, {400, 404}, None)


def test_v1_key_committed_through_v2(storage: Storage, space_id: str) -> None:
    """An upload key is an upload key: the v2 commit accepts a v1 key for the same space."""
    folder = storage.add_folder(space_id, "mix")
    info = storage.upload_info(space_id, "mix.txt", 3)
    storage.put(info, b"mix")
    dentry = ok(_v2(storage, folder["uuid"], "commit", {"uploadKey": info["uploadKey"], "name": "mix.txt"}))[
        "dentry"
    ]
    assert dentry["parentId"] == folder["id"]


# --------------------------------------------------------------------------- multipart


def _init_multipart(storage: Storage, space_id: str, name: str, size: int) -> str:
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init",
            json={
                "option": {
                    "storageDriver": "DINGTALK",
                    "preCheckParam": {"name": name, "size": size, "parentId": ROOT},
                }
            },
        )
    )
    assert isinstance(body["uploadKey"], str)
    return str(body["uploadKey"])


def _part_infos(storage: Storage, upload_key: str, parts: list[int], ttl: int = 900) -> dict[int, Json]:
    body = ok(
        storage.call(
            "POST",
            "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
            json={"uploadKey": upload_key, "partNumbers": parts, "option": {"preferIntranet": False}},
        )
    )
    infos = {
        item["partNumber"]: item["headerSignatureInfo"] for item in body["multipartHeaderSignatureInfos"]
    }
    assert sorted(infos) == sorted(parts)
    for info in infos.values():
        _check_signature_info(info, ttl)
    return infos


def test_multipart_out_of_order(storage: Storage, space_id: str) -> None:
    parts = [pattern_bytes(300_000, 1), pattern_bytes(300_000, 2), pattern_bytes(1234, 3)]
    total = sum(len(p) for p in parts)
    key = _init_multipart(storage, space_id, "multi.bin", total)
    infos = _part_infos(storage, key, [1, 2, 3])
    assert len({info["resourceUrls"][0] for info in infos.values()}) == 3
    for number in (3, 1, 2):
        response = signed_request("PUT", infos[number], data=parts[number - 1])
        assert response.status_code == 200, describe(response)
    assert storage.names(space_id) == []
    dentry = ok(storage.commit(space_id, key, "multi.bin", ROOT, {"size": total, "appProperties": []}))[
        "dentry"
    ]
    assert dentry["size"] == total
    assert storage.download(space_id, dentry["id"]) == b"".join(parts)


def test_multipart_part_infos_can_be_asked_again(storage: Storage, space_id: str) -> None:
    parts = [b"a" * 1000, b"b" * 500]
    key = _init_multipart(storage, space_id, "again.bin", 1500)
    first = _part_infos(storage, key, [1, 2])
    second = _part_infos(storage, key, [2, 1])
    assert signed_request("PUT", first[1], data=parts[0]).status_code == 200
    assert signed_request("PUT", second[2], data=parts[1]).status_code == 200
    dentry = ok(storage.commit(space_id, key, "again.bin", ROOT, {"size": 1500}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == b"".join(parts)


def test_multipart_part_reuploaded_last_wins(storage: Storage, space_id: str) -> None:
    key = _init_multipart(storage, space_id, "redo.bin", 8)
    infos = _part_infos(storage, key, [1, 2])
    signed_request("PUT", infos[1], data=b"xxxx")
    signed_request("PUT", infos[2], data=b"5678")
    signed_request("PUT", infos[1], data=b"1234")
    dentry = ok(storage.commit(space_id, key, "redo.bin", ROOT, {"size": 8}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == b"12345678"


def test_multipart_missing_part_commits_nothing(storage: Storage, space_id: str) -> None:
    key = _init_multipart(storage, space_id, "holes.bin", 3000)
    infos = _part_infos(storage, key, [1, 2, 3])
    signed_request("PUT", infos[1], data=b"a" * 1000)
    signed_request("PUT", infos[3], data=b"c" * 1000)
    response = storage.commit(space_id, key, "holes.bin", ROOT, {"size": 3000})
    assert_param_error(response)
    assert storage.names(space_id) == []


@pytest.mark.parametrize(
    "body",
    [
        {"partNumbers": [1]},
        {"uploadKey": "no-such-key", "partNumbers": [1]},
        {"uploadKey": "KEY", "partNumbers": [0]},
        {"uploadKey": "KEY", "partNumbers": [-1]},
        {"uploadKey": "KEY", "partNumbers": "1"},
        {"uploadKey": "KEY"},
    ],
    ids=["no-key", "unknown-key", "part-0", "negative", "not-a-list", "no-parts"],
)
def test_multipart_part_infos_bad_requests(storage: Storage, space_id: str, body: Json) -> None:
    key = _init_multipart(storage, space_id, "x.bin", 10)
    if body.get("uploadKey") == "KEY":
        body = {**body, "uploadKey": key}
    response = storage.call("POST", "/v1.0/storage/spaces/files/multiPartUploadInfos/query", json=body)
    assert_param_error(response)


def test_multipart_part_infos_of_another_user(storage: Storage, space_id: str) -> None:
    key = _init_multipart(storage, space_id, "x.bin", 10)
    response = storage.as_user(OTHER_USER).call(
        "POST",
        "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
        json={"uploadKey": key, "partNumbers": [1]},
    )
    assert_error(response, {400, 403}, {"permissionDenied", "paramError"}, prefix=True)


def test_multipart_init_unknown_space(storage: Storage) -> None:
    response = storage.call(
        "POST", "/v1.0/storage/spaces/987654321/files/multiPartUploadInfos/init", json={"option": {}}
    )
    assert_error(response, 404, "spaceNotExist")


def test_multipart_key_is_single_use(storage: Storage, space_id: str) -> None:
    key = _init_multipart(storage, space_id, "one.bin", 3)
    infos = _part_infos(storage, key, [1])
    signed_request("PUT", infos[1], data=b"one")
    ok(storage.commit(space_id, key, "one.bin", ROOT, {"size": 3}))
    assert_param_error(storage.commit(space_id, key, "two.bin", ROOT, {"size": 3}))
    again = storage.call(
        "POST",
        "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
        json={"uploadKey": key, "partNumbers": [1]},
    )
    assert_param_error(again)


def test_commit_into_a_folder_deleted_meanwhile(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "vanishing")
    info = storage.upload_info(space_id, "late.txt", 4)
    storage.put(info, b"late")
    storage.delete(space_id, folder["id"], to_recycle_bin=True)
    response = storage.commit(space_id, info["uploadKey"], "late.txt", folder["id"], {"size": 4})
    assert_error(response, {400, 404}, "dentryNotExist")
    assert storage.names(space_id) == []


TERMINAL_HOSTILE = {
    "nul": "\x00",
    "escape": "\x1b",
    "unit-separator": "\x1f",
    "delete": "\x7f",
    "c1-first": "\x80",
    "c1-csi": "\x9b",
    "c1-last": "\x9f",
    "lre": "\u202a",
    "rlo": "\u202e",
    "lri": "\u2066",
    "pdi": "\u2069",
}


@pytest.mark.parametrize("character", TERMINAL_HOSTILE.values(), ids=TERMINAL_HOSTILE.keys())
def test_control_and_bidi_characters_are_refused_wherever_a_name_enters(
    storage: Storage, space_id: str, character: str
) -> None:
    """C0/C1 controls, DEL and bidi embeddings/overrides/isolates (CONTRACTS #2) in every name."""
    name = f"invoice{character}fdp.exe"
    refused = "dentryNameIllegal"
    folder = storage.add_folder(space_id, "f")
    spaces = f"/v1.0/storage/spaces/{space_id}"
    assert_error(storage.call("POST", f"{spaces}/dentries/{ROOT}/folders", json={"name": name}), 400, refused)
    rename = storage.call("POST", f"{spaces}/dentries/{folder['id']}/rename", json={"newName": name})
    assert_error(rename, 400, refused)
    precheck = {"protocol": "HEADER_SIGNATURE", "option": {"preCheckParam": {"name": name, "size": 1}}}
    assert_error(storage.call("POST", f"{spaces}/files/uploadInfos/query", json=precheck), 400, refused)
    assert_error(_v2(storage, folder["uuid"], "uploadInfos/query", precheck), 400, refused)
    multipart = storage.call(
        "POST", f"{spaces}/files/multiPartUploadInfos/init", json={"option": precheck["option"]}
    )
    assert_error(multipart, 400, refused)
    info = storage.upload_info(space_id, "placeholder.bin", 1)
    storage.put(info, b"x")
    assert_error(storage.commit(space_id, info["uploadKey"], name), 400, refused)
    v2_commit = _v2(storage, folder["uuid"], "commit", {"uploadKey": info["uploadKey"], "name": name})
    assert_error(v2_commit, 400, refused)
    space = storage.call("POST", "/v1.0/storage/spaces", json={"option": {"name": name, "ownerType": "USER"}})
    assert_error(space, 400, "paramError.name")
    assert storage.names(space_id) == ["f"]
    assert storage.names(space_id, folder["id"]) == []


def test_neighbours_of_the_refused_characters_are_fine(storage: Storage, space_id: str) -> None:
    for name in ("no\u00a0break", "mark\u200fright", "kana\u30fbdot", "em\u2014dash"):
        assert storage.upload(space_id, name, b"ok")["name"] == name
