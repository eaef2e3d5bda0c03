"""Access tokens over HTTP: issuing them, refusing bad credentials, and guarding every call."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET
from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    Storage,
    assert_error,
    ok,
    running_server,
    start_service,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


TOKEN_PATH = "/v1.0/oauth2/accessToken"

# Every storage and drive operation of REFERENCE.md §4, with a body that would be plausible.
OPERATIONS: list[tuple[str, str, dict[str, object] | None]] = [
    ("POST", "/v1.0/storage/spaces", {"option": {"name": "x", "ownerType": "USER"}}),
    ("GET", "/v1.0/storage/spaces/1", None),
    ("GET", "/v1.0/drive/spaces", None),
    ("GET", "/v1.0/storage/spaces/1/dentries", None),
    ("POST", "/v1.0/storage/spaces/1/dentries/listAll", {"option": {}}),
    ("POST", "/v1.0/storage/spaces/1/dentries/2/query", {}),
    ("POST", "/v1.0/storage/spaces/1/dentries/query", {"dentryIds": ["2"]}),
    ("POST", "/v1.0/storage/spaces/1/dentries/0/folders", {"name": "x"}),
    ("POST", "/v1.0/storage/spaces/1/dentries/2/rename", {"newName": "y"}),
    (
        "POST",
        "/v1.0/storage/spaces/1/dentries/2/move",
        {"targetSpaceId": "1", "targetFolderId": "0"},
    ),
    (
        "POST",
        "/v1.0/storage/spaces/1/dentries/2/copy",
        {"targetSpaceId": "1", "targetFolderId": "0"},
    ),
    ("DELETE", "/v1.0/storage/spaces/1/dentries/2", None),
    ("POST", "/v1.0/storage/spaces/1/dentries/batchRemove", {"dentryIds": ["2"]}),
    ("POST", "/v1.0/storage/spaces/1/dentries/2/downloadInfos/query", {}),
    (
        "POST",
        "/v1.0/storage/spaces/1/files/uploadInfos/query",
        {"protocol": "HEADER_SIGNATURE", "multipart": False},
    ),
    ("POST", "/v1.0/storage/spaces/1/files/multiPartUploadInfos/init", {"option": {}}),
    (
        "POST",
        "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
        {"uploadKey": "k", "partNumbers": [1]},
    ),
    (
        "POST",
        "/v1.0/storage/spaces/1/files/commit",
        {"uploadKey": "k", "name": "a", "parentId": "0"},
    ),
    ("POST", "/v1.0/storage/spaces/1/thumbnails/query", {"dentryIds": ["2"]}),
    ("GET", "/v1.0/storage/spaces/1/dentries/2/versions", None),
    ("GET", "/v1.0/storage/tasks/1", None),
    ("POST", "/v2.0/storage/spaces/files/u/uploadInfos/query", {"protocol": "HEADER_SIGNATURE"}),
    ("POST", "/v2.0/storage/spaces/files/u/commit", {"uploadKey": "k", "name": "a"}),
    ("POST", "/v2.0/storage/dentries/search", {"keyword": "a"}),
]


def _send(server: LocalServer, method: str, path: str, body: object, token: str | None) -> requests.Response:
    headers = {} if token is None else {"x-acs-dingtalk-access-token": token}
    params = {"unionId": "local-user", "operatorId": "local-user", "parentId": "0"}
    return requests.request(
        method, f"{server.url}{path}", json=body, params=params, headers=headers, timeout=10
    )


def test_token_is_issued_for_the_configured_app(server: LocalServer) -> None:
    response = requests.post(
        f"{server.url}{TOKEN_PATH}",
        json={"appKey": DEFAULT_APP_KEY, "appSecret": DEFAULT_APP_SECRET},
        timeout=10,
    )
    body = ok(response)
    assert isinstance(body["accessToken"], str)
    assert len(body["accessToken"]) >= 16
    assert body["expireIn"] == 7200


def test_each_request_for_a_token_works(server: LocalServer) -> None:
    first, second = RawApi(server.url), RawApi(server.url)
    first.get_token()
    second.get_token()
    for caller in (first, second):
        ok(caller.call("GET", "/v1.0/drive/spaces", params={"spaceType": "org", "maxResults": 10}))


@pytest.mark.parametrize(
    "credentials",
    [
        {"appKey": DEFAULT_APP_KEY, "appSecret": "wrong-secret"},
        {"appKey": "wrong-key", "appSecret": DEFAULT_APP_SECRET},
        {"appKey": DEFAULT_APP_KEY},
        {"appSecret": DEFAULT_APP_SECRET},
        {},
        {"appKey": 12, "appSecret": ["x"]},
    ],
    ids=["bad-secret", "bad-key", "no-secret", "no-key", "empty", "wrong-types"],
)
def test_wrong_credentials_get_400_with_a_code(server: LocalServer, credentials: dict[str, object]) -> None:
    response = requests.post(f"{server.url}{TOKEN_PATH}", json=credentials, timeout=10)
    body = assert_error(response, 400, None)
    assert "accessToken" not in body


def test_token_request_must_be_json(server: LocalServer) -> None:
    response = requests.post(
        f"{server.url}{TOKEN_PATH}",
        data={"appKey": DEFAULT_APP_KEY, "appSecret": DEFAULT_APP_SECRET},
        timeout=10,
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"]
    garbled = requests.post(
        f"{server.url}{TOKEN_PATH}",
        data=b"{not json",
        headers={"content-type": "application/json"},
        timeout=10,
    )
    assert garbled.status_code == 400, garbled.text
    assert "Traceback" not in garbled.text


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_every_storage_call_without_token_is_invalid_authentication(
    server: LocalServer, method: str, path: str, body: object
) -> None:
    response = _send(server, method, path, body, token=None)
    assert_error(response, 400, "InvalidAuthentication")


@pytest.mark.parametrize("token", ["", "garbage", "Bearer x", "0" * 64])
def test_bad_token_values_are_invalid_authentication(server: LocalServer, token: str) -> None:
    response = _send(server, "GET", "/v1.0/drive/spaces", None, token=token)
    assert_error(response, 400, "InvalidAuthentication")


def test_token_is_checked_before_anything_else(server: LocalServer) -> None:
    """Unknown space, missing parameters or a bad body still give InvalidAuthentication first."""
    response = requests.post(
        f"{server.url}/v1.0/storage/spaces/999999/dentries/query",
        data=b"{broken",
        headers={"content-type": "application/json", "x-acs-dingtalk-access-token": "nope"},
        timeout=10,
    )
    assert_error(response, 400, "InvalidAuthentication")


def test_token_in_query_or_bearer_header_is_not_accepted(server: LocalServer, api: RawApi) -> None:
    assert api.token
    in_query = requests.get(
        f"{server.url}/v1.0/drive/spaces",
        params={"unionId": "local-user", "spaceType": "org", "access_token": api.token},
        timeout=10,
    )
    assert_error(in_query, 400, "InvalidAuthentication")
    bearer = requests.get(
        f"{server.url}/v1.0/drive/spaces",
        params={"unionId": "local-user", "spaceType": "org"},
        headers={"x-acs-dingtalk-access-token": f"Bearer {api.token}"},
        timeout=10,
    )
    assert_error(bearer, 400, "InvalidAuthentication")


def test_valid_token_is_accepted_with_sdk_style_headers(server: LocalServer, api: RawApi) -> None:
    """The exact header set the official SDK sends (§10)."""
    headers = {
        "Accept-Encoding": "identity",
        "user-agent": "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2",
        "accept": "application/json",
        "x-acs-dingtalk-access-token": api.token or "",
        "content-type": "application/json; charset=utf-8",
    }
    response = requests.post(
        f"{server.url}/v1.0/storage/spaces?unionId=local-user",
        data=b'{"option":{"name":"sdk","ownerType":"USER"}}',
        headers=headers,
        timeout=10,
    )
    space = ok(response)["space"]
    assert space["id"].isdigit()


def test_missing_union_id_is_a_param_error(server: LocalServer, api: RawApi) -> None:
    response = requests.get(
        f"{server.url}/v1.0/storage/spaces/1",
        headers={"x-acs-dingtalk-access-token": api.token or ""},
        timeout=10,
    )
    assert_error(response, 400, "paramError", prefix=True)


def test_token_expires_after_token_ttl(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc", token_ttl=1) as server:
        raw = RawApi(server.url)
        response = requests.post(
            f"{server.url}{TOKEN_PATH}",
            json={"appKey": DEFAULT_APP_KEY, "appSecret": DEFAULT_APP_SECRET},
            timeout=10,
        )
        assert ok(response)["expireIn"] == 1
        raw.token = response.json()["accessToken"]
        storage = Storage(raw)
        space_id = storage.new_space_id()
        time.sleep(1.6)
        expired = raw.call("GET", f"/v1.0/storage/spaces/{space_id}")
        assert_error(expired, 400, "InvalidAuthentication")
        listed = raw.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"parentId": ROOT})
        assert_error(listed, 400, "InvalidAuthentication")
        raw.get_token()
        assert ok(raw.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]["id"] == space_id


def test_custom_credentials_replace_the_defaults(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc", app_key="k-1", app_secret="s-1") as server:
        default = requests.post(
            f"{server.url}{TOKEN_PATH}",
            json={"appKey": DEFAULT_APP_KEY, "appSecret": DEFAULT_APP_SECRET},
            timeout=10,
        )
        assert default.status_code == 400
        raw = RawApi(server.url)
        raw.get_token("k-1", "s-1")
        assert ok(raw.call("GET", "/v1.0/drive/spaces", params={"spaceType": "org", "maxResults": 5}))


def test_new_credentials_revoke_the_tokens_of_the_old_ones(tmp_path: Path) -> None:
    """Restarting the service with another secret or key refuses every token issued before."""
    data_dir = tmp_path / "data"
    tokens: dict[str, str] = {}
    space_id = ""
    for run, (key, secret) in enumerate([("k-1", "s-1"), ("k-1", "s-1"), ("k-1", "s-2"), ("k-2", "s-2")]):
        service = start_service(data_dir, "--app-key", key, "--app-secret", secret)
        try:
            for issued_for, token in tokens.items():
                raw = RawApi(service.url, token=token)
                answer = raw.call("GET", "/v1.0/drive/spaces", params={"spaceType": "org"})
                if issued_for == f"{key}/{secret}":
                    assert answer.status_code == 200, (run, issued_for, answer.text)
                else:
                    assert_error(answer, 400, "InvalidAuthentication")
            raw = RawApi(service.url)
            tokens[f"{key}/{secret}"] = raw.get_token(key, secret)
            storage = Storage(raw)
            space_id = space_id or storage.new_space_id()
            assert ok(raw.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]["id"] == space_id
        finally:
            service.stop()
