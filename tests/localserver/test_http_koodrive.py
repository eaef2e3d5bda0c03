"""The KooDrive "generate document thumbnail" task over HTTP (REFERENCE.md §7)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from app.localserver import LocalServer
from tests.conftest import RawApi
from tests.localserver.helpers import (
    OTHER_USER,
    Json,
    Storage,
    describe,
    image_bytes,
    koodrive_headers,
    ok,
    running_server,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


PATH = "/koodrive/ose/v1/document/thumbnail"


@pytest.fixture
def picture(storage: Storage) -> tuple[str, Json]:
    """A space with one PNG: (space id, dentry)."""
    space_id = storage.new_space_id("koo")
    return space_id, storage.upload(space_id, "koo.png", image_bytes("PNG", (640, 480)))


def _task(
    server: LocalServer, headers: dict[str, str], body: object, *, raw: bytes | None = None
) -> requests.Response:
    if raw is not None:
        return requests.post(f"{server.url}{PATH}", data=raw, headers=headers, timeout=10)
    return requests.post(f"{server.url}{PATH}", json=body, headers=headers, timeout=10)


def _refused(response: requests.Response) -> Json:
    """A refusal: an HTTP error, or a 200 whose `code` is not zero; always with a message."""
    assert "Traceback" not in response.text, describe(response)
    assert response.status_code < 500, describe(response)
    body = response.json()
    assert isinstance(body, dict), describe(response)
    code = body.get("code")
    assert str(code) != "0", describe(response)
    assert code not in (None, ""), describe(response)
    message = body.get("msg", body.get("message"))
    assert isinstance(message, str), describe(response)
    assert message, describe(response)
    return body


def test_task_succeeds_and_the_thumbnail_exists(
    server: LocalServer, api: RawApi, storage: Storage, picture: tuple[str, Json]
) -> None:
    space_id, dentry = picture
    assert api.token
    body = ok(
        _task(
            server,
            koodrive_headers(api.token),
            {"fileId": dentry["id"], "userId": storage.union_id, "containerId": space_id},
        )
    )
    assert str(body["code"]) == "0"
    assert body["msg"] == "success"
    (item,) = ok(storage.thumbnails(space_id, [dentry["id"]]))["resultItems"]
    assert item["success"] is True, item
    assert item["thumbnail"]["width"] > 0
    assert requests.get(item["thumbnail"]["url"], timeout=10).status_code == 200


def test_task_for_a_pdf_and_a_text(server: LocalServer, api: RawApi, storage: Storage) -> None:
    space_id = storage.new_space_id("docs")
    pdf = storage.upload(space_id, "a.pdf", image_bytes("PDF", (300, 400)))
    txt = storage.upload(space_id, "a.txt", b"hello\nworld\n")
    assert api.token
    for dentry in (pdf, txt):
        body = ok(
            _task(
                server,
                koodrive_headers(api.token),
                {"fileId": dentry["id"], "userId": storage.union_id, "containerId": space_id},
            )
        )
        assert str(body["code"]) == "0"
    ready = storage.wait_thumbnails(space_id, [pdf["id"], txt["id"]], timeout=2)
    assert ready[pdf["id"]]["height"] > ready[pdf["id"]]["width"]


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer nope", "Basic abc", "TOKEN"],
    ids=["missing", "empty", "no-token", "unknown", "basic", "raw-token"],
)
def test_bad_token_is_refused(
    server: LocalServer,
    api: RawApi,
    picture: tuple[str, Json],
    authorization: str | None,
) -> None:
    space_id, dentry = picture
    assert api.token
    headers = koodrive_headers(api.token)
    if authorization is None:
        del headers["Authorization"]
    else:
        headers["Authorization"] = authorization.replace("TOKEN", api.token)
    body = {"fileId": dentry["id"], "userId": "local-user", "containerId": space_id}
    response = _task(server, headers, body)
    if authorization == "TOKEN" and response.status_code == 200 and str(response.json().get("code")) == "0":
        pytest.skip("a bare token without 'Bearer' is tolerated")
    _refused(response)


def test_user_id_must_match_the_header(server: LocalServer, api: RawApi, picture: tuple[str, Json]) -> None:
    space_id, dentry = picture
    assert api.token
    response = _task(
        server,
        koodrive_headers(api.token, user_id="local-user"),
        {"fileId": dentry["id"], "userId": "someone-else", "containerId": space_id},
    )
    _refused(response)


def test_user_without_access_to_the_container(
    server: LocalServer, api: RawApi, picture: tuple[str, Json]
) -> None:
    space_id, dentry = picture
    assert api.token
    response = _task(
        server,
        koodrive_headers(api.token, user_id=OTHER_USER),
        {"fileId": dentry["id"], "userId": OTHER_USER, "containerId": space_id},
    )
    _refused(response)


@pytest.mark.parametrize(
    "change",
    [
        {"fileId": "987654"},
        {"containerId": "987654321"},
        {"fileId": None},
        {"containerId": None},
        {"userId": None},
        {"fileId": 12},
    ],
    ids=["unknown-file", "unknown-container", "no-file", "no-container", "no-user", "int-file"],
)
def test_bad_bodies_are_refused(
    server: LocalServer, api: RawApi, picture: tuple[str, Json], change: Json
) -> None:
    space_id, dentry = picture
    assert api.token
    body: Json = {"fileId": dentry["id"], "userId": "local-user", "containerId": space_id}
    for key, value in change.items():
        if value is None:
            del body[key]
        else:
            body[key] = value
    _refused(_task(server, koodrive_headers(api.token), body))


def test_file_of_another_container_is_refused(
    server: LocalServer, api: RawApi, storage: Storage, picture: tuple[str, Json]
) -> None:
    _, dentry = picture
    other_space = storage.new_space_id("other")
    assert api.token
    response = _task(
        server,
        koodrive_headers(api.token),
        {"fileId": dentry["id"], "userId": "local-user", "containerId": other_space},
    )
    _refused(response)


def test_missing_headers_are_refused(server: LocalServer, api: RawApi, picture: tuple[str, Json]) -> None:
    space_id, dentry = picture
    assert api.token
    body = {"fileId": dentry["id"], "userId": "local-user", "containerId": space_id}
    for header in ("X-User-Id", "X-Date"):
        headers = koodrive_headers(api.token)
        del headers[header]
        _refused(_task(server, headers, body))


def test_malformed_json_is_refused(server: LocalServer, api: RawApi) -> None:
    assert api.token
    headers = {**koodrive_headers(api.token), "Content-Type": "application/json"}
    _refused(_task(server, headers, None, raw=b"{not json"))
    _refused(_task(server, headers, None, raw=b"[1, 2]"))


def test_unsupported_format_is_refused_or_harmless(
    server: LocalServer, api: RawApi, storage: Storage
) -> None:
    space_id = storage.new_space_id()
    binary = storage.upload(space_id, "x.bin", b"\x00\x01")
    assert api.token
    response = _task(
        server,
        koodrive_headers(api.token),
        {"fileId": binary["id"], "userId": "local-user", "containerId": space_id},
    )
    assert response.status_code < 500, describe(response)
    (item,) = ok(storage.thumbnails(space_id, [binary["id"]]))["resultItems"]
    assert item["success"] is False
    assert item["errorCode"] == "dentryFormatNotSupport"


def _koodrive_error(response: requests.Response, status: int) -> Json:
    """A refusal in KooDrive's own shape: exactly ``{"code", "msg"}``, ``code`` the status."""
    assert response.status_code == status, describe(response)
    body = response.json()
    assert set(body) == {"code", "msg"}, describe(response)
    assert body["code"] == str(status), describe(response)
    assert isinstance(body["msg"], str), describe(response)
    assert body["msg"], describe(response)
    return body


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/octet-stream"])
def test_a_json_body_is_read_whatever_its_content_type_says(
    server: LocalServer, api: RawApi, picture: tuple[str, Json], content_type: str | None
) -> None:
    """The seed's own example sends its JSON body with no Content-Type."""
    space_id, dentry = picture
    assert api.token
    headers = koodrive_headers(api.token)
    if content_type is not None:
        headers["Content-Type"] = content_type
    body = json.dumps({"containerId": space_id, "fileId": dentry["id"], "userId": "local-user"})
    response = _task(server, headers, None, raw=body.encode())
    if content_type is None:
        assert "Content-Type" not in response.request.headers
    assert response.status_code == 200, describe(response)
    assert response.json() == {"code": "0", "msg": "success"}


@pytest.mark.parametrize(
    ("raw", "status", "mentioned"),
    [
        (b'{"userId": "local-user", "containerId": "1"}', 400, "fileId"),
        (b'{"fileId": "1", "containerId": "1"}', 400, "userId"),
        (b'{"fileId": "1", "userId": "local-user"}', 400, "containerId"),
        (b'{"fileId": 12, "userId": "local-user", "containerId": "1"}', 400, "fileId"),
        (b"", 400, "fileId"),
        (b"{not json", 400, "JSON"),
        (b"[1, 2]", 400, ""),
        (b'{"fileId": "' + b"x" * 100_000 + b'"}', 413, "larger"),
    ],
    ids=["no-file", "no-user", "no-container", "int-file", "empty", "not-json", "array", "huge"],
)
def test_bad_bodies_are_answered_in_koodrive_shape(
    server: LocalServer, api: RawApi, raw: bytes, status: int, mentioned: str
) -> None:
    assert api.token
    for headers in (
        koodrive_headers(api.token),
        {**koodrive_headers(api.token), "Content-Type": "application/json"},
    ):
        body = _koodrive_error(_task(server, headers, None, raw=raw), status)
        assert mentioned in body["msg"]
