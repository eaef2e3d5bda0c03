"""The error contract as a client sees it: one JSON shape, 400 for bad input, request ids always."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from app.localserver import LocalServer
from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    Storage,
    assert_error,
    assert_param_error,
    ok,
    running_server,
    signed_request,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


def _raw(api: RawApi, method: str, path: str, body: bytes, content_type: str) -> requests.Response:
    return api.session.request(
        method,
        f"{api.base_url}{path}",
        params={"unionId": api.union_id},
        data=body,
        headers={"x-acs-dingtalk-access-token": api.token or "", "content-type": content_type},
        timeout=10,
    )


def test_unknown_route_has_the_error_shape(server: LocalServer, api: RawApi) -> None:
    response = api.call("GET", "/v1.0/storage/nothing/here")
    assert_error(response, 404, None)
    anonymous = requests.get(f"{server.url}/definitely/not/a/route", timeout=10)
    assert anonymous.status_code in {400, 404}
    assert anonymous.headers.get("x-acs-request-id")
    assert set(anonymous.json()) >= {"code", "message", "requestid"}


def test_wrong_method_has_the_error_shape(storage: Storage) -> None:
    space_id = storage.new_space_id()
    response = storage.call("PATCH", f"/v1.0/storage/spaces/{space_id}")
    assert_error(response, {404, 405}, None)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1.0/storage/spaces"),
        ("POST", "/v1.0/storage/spaces/SPACE/dentries/0/folders"),
        ("POST", "/v1.0/storage/spaces/SPACE/dentries/query"),
        ("POST", "/v1.0/storage/spaces/SPACE/dentries/1/query"),
        ("POST", "/v1.0/storage/spaces/SPACE/files/uploadInfos/query"),
        ("POST", "/v1.0/storage/spaces/SPACE/files/commit"),
        ("POST", "/v1.0/storage/spaces/SPACE/thumbnails/query"),
        ("POST", "/v1.0/storage/spaces/SPACE/dentries/batchRemove"),
        ("POST", "/v1.0/storage/spaces/files/multiPartUploadInfos/query"),
    ],
)
@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2, 3]", b"null", b'"text"', b"\xff\xfe\x00garbage", b""],
    ids=["broken", "array", "null", "string", "binary", "empty"],
)
def test_malformed_bodies_are_400_param_error(storage: Storage, method: str, path: str, body: bytes) -> None:
    space_id = storage.new_space_id()
    response = _raw(
        storage.api, method, path.replace("SPACE", space_id), body, "application/json; charset=utf-8"
    )
    if body == b"" and response.status_code == 200:
        return  # an empty body read as {} is fine where nothing is required
    assert_param_error(response)


def test_form_body_is_refused(storage: Storage) -> None:
    response = _raw(
        storage.api, "POST", "/v1.0/storage/spaces", b"name=x", "application/x-www-form-urlencoded"
    )
    assert_error(response, 400, "paramError", prefix=True)


@pytest.mark.parametrize(
    "params",
    [
        {"parentId": "-1"},
        {"parentId": "abc"},
        {"parentId": "9" * 30},
        {"maxResults": "9" * 30},
        {"maxResults": "1e3"},
        {"parentId": "0", "orderBy": "name"},
    ],
)
def test_odd_query_values_never_500(storage: Storage, params: dict[str, str]) -> None:
    space_id = storage.new_space_id()
    response = storage.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params=params)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert_error(response, {400, 404}, None)


def test_huge_numbers_in_bodies_never_500(storage: Storage) -> None:
    space_id = storage.new_space_id()
    info = storage.upload_info(space_id, "a.txt", 1)
    storage.put(info, b"a")
    response = storage.commit(space_id, info["uploadKey"], "a.txt", ROOT, {"size": 10**40})
    assert_param_error(response)
    negative = storage.commit(space_id, info["uploadKey"], "a.txt", ROOT, {"size": -1})
    assert_param_error(negative)


def test_long_name_never_500(storage: Storage) -> None:
    space_id = storage.new_space_id()
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json={"name": "n" * 5000}
    )
    assert response.status_code < 500
    if response.status_code != 200:
        assert_error(response, 400, None)


def test_request_ids_are_on_every_answer_and_unique(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    dentry = storage.upload(space_id, "r.txt", b"request ids")
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    answers = [
        requests.post(
            f"{server.url}/v1.0/oauth2/accessToken",
            json={"appKey": "dentry-local", "appSecret": "dentry-local-secret"},
            timeout=10,
        ),
        storage.call("GET", f"/v1.0/storage/spaces/{space_id}"),
        storage.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"parentId": ROOT}),
        storage.call("GET", "/v1.0/storage/spaces/987654321"),
        signed_request("GET", info),
        signed_request("GET", info, extra_headers={"Range": "bytes=0-1"}),
        signed_request("HEAD", info),
        signed_request("GET", {**info, "headers": {}}),
        requests.get(f"{server.url}/openapi.json", timeout=10),
    ]
    ids = [answer.headers.get("x-acs-request-id") for answer in answers]
    assert all(ids), [(a.request.method, a.request.url, a.status_code) for a in answers]
    assert len(set(ids)) == len(ids)


def test_error_messages_carry_no_internals(storage: Storage) -> None:
    space_id = storage.new_space_id()
    responses = [
        _raw(storage.api, "POST", f"/v1.0/storage/spaces/{space_id}/files/commit", b"{", "application/json"),
        storage.call(
            "POST", f"/v1.0/storage/spaces/{space_id}/dentries/query", json={"dentryIds": [{"a": 1}]}
        ),
        storage.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"maxResults": "x"}),
    ]
    for response in responses:
        body = assert_param_error(response)
        for marker in ("Traceback", 'File "', "pydantic", "sqlite3", "/work/", "site-packages"):
            assert marker not in body["message"], body


def test_space_ids_are_decimal_strings_everywhere(storage: Storage) -> None:
    space = storage.add_space("types")
    folder = storage.add_folder(space["id"], "f")
    listed = ok(storage.call("GET", "/v1.0/drive/spaces", params={"spaceType": "personal", "maxResults": 50}))
    assert all(isinstance(s["spaceId"], str) and s["spaceId"].isdigit() for s in listed["spaces"])
    assert isinstance(folder["spaceId"], str)
    assert folder["spaceId"] == space["id"]
    assert isinstance(folder["id"], str)
    assert folder["id"].isdigit()
