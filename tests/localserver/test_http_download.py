"""Downloads over HTTP: download infos, signed GET/HEAD, Range, ETag and expiry."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from app.localserver import LocalServer
from tests.localserver.helpers import (
    OTHER_USER,
    ROOT,
    Json,
    Storage,
    assert_error,
    connect,
    describe,
    early_in_second,
    ok,
    pattern_bytes,
    running_server,
    signed_request,
    tamper_url,
    tamper_value,
    wait_for_fraction,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


SIZE = 300_000


@pytest.fixture
def stored(storage: Storage) -> tuple[Storage, str, Json, bytes]:
    """A space holding one 300 kB file: (client, space id, dentry, content)."""
    space_id = storage.new_space_id("downloads")
    data = pattern_bytes(SIZE, 5)
    dentry = storage.upload(space_id, "blob.bin", data)
    return storage, space_id, dentry, data


@pytest.fixture
def signed(stored: tuple[Storage, str, Json, bytes]) -> tuple[Json, bytes]:
    """A download's headerSignatureInfo and the expected content."""
    storage, space_id, dentry, data = stored
    return storage.download_info(space_id, dentry["id"])["headerSignatureInfo"], data


@pytest.fixture(scope="module")
def short_url_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A service whose signed URLs live one second."""
    with running_server(tmp_path_factory.mktemp("short"), url_ttl=1) as server:
        yield server


def test_download_info_shape(stored: tuple[Storage, str, Json, bytes]) -> None:
    storage, space_id, dentry, _ = stored
    body = storage.download_info(space_id, dentry["id"])
    assert body["protocol"] == "HEADER_SIGNATURE"
    info = body["headerSignatureInfo"]
    assert info["resourceUrls"]
    assert all(url.startswith("http://") for url in info["resourceUrls"])
    assert isinstance(info["headers"], dict)
    assert info["expirationSeconds"] == 900
    assert info["region"] in {"ZHANGJIAKOU", "SHENZHEN", "SHANGHAI", "SINGAPORE", "UNKNOWN"}


def test_download_info_without_option(stored: tuple[Storage, str, Json, bytes]) -> None:
    storage, space_id, dentry, _ = stored
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry['id']}/downloadInfos/query", json={}
    )
    assert ok(response)["protocol"] == "HEADER_SIGNATURE"


def test_full_get(signed: tuple[Json, bytes]) -> None:
    info, data = signed
    response = signed_request("GET", info)
    assert response.status_code == 200, describe(response)
    assert response.content == data
    assert response.headers["Content-Length"] == str(SIZE)
    assert response.headers.get("ETag")
    assert response.headers.get("Accept-Ranges", "bytes") == "bytes"


def test_streamed_get_with_large_chunks(signed: tuple[Json, bytes]) -> None:
    info, data = signed
    with signed_request("GET", info, stream=True) as response:
        assert response.status_code == 200
        got = b"".join(response.iter_content(chunk_size=1 << 20))
    assert got == data


def test_head(signed: tuple[Json, bytes]) -> None:
    info, _ = signed
    head = signed_request("HEAD", info)
    assert head.status_code == 200, describe(head)
    assert head.headers["Content-Length"] == str(SIZE)
    assert head.content == b""
    get = signed_request("GET", info, extra_headers={"Range": "bytes=0-0"})
    assert head.headers.get("ETag") == get.headers.get("ETag")


def test_etag_is_stable_and_changes_with_content(stored: tuple[Storage, str, Json, bytes]) -> None:
    storage, space_id, dentry, _ = stored
    first = signed_request("GET", storage.download_info(space_id, dentry["id"])["headerSignatureInfo"])
    second = signed_request("GET", storage.download_info(space_id, dentry["id"])["headerSignatureInfo"])
    assert first.headers["ETag"] == second.headers["ETag"]
    storage.upload(space_id, "blob.bin", b"changed", conflict="OVERWRITE")
    third = signed_request("GET", storage.download_info(space_id, dentry["id"])["headerSignatureInfo"])
    assert third.content == b"changed"
    assert third.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-1999", 1000, 1999),
        (f"bytes={SIZE - 1}-{SIZE - 1}", SIZE - 1, SIZE - 1),
        (f"bytes=100-{SIZE + 5000}", 100, SIZE - 1),
        ("bytes=-10", SIZE - 10, SIZE - 1),
        (f"bytes=-{SIZE + 10}", 0, SIZE - 1),
        ("bytes=250000-", 250000, SIZE - 1),
        ("bytes=0-", 0, SIZE - 1),
    ],
)
def test_single_ranges(signed: tuple[Json, bytes], header: str, start: int, end: int) -> None:
    info, data = signed
    response = signed_request("GET", info, extra_headers={"Range": header})
    assert response.status_code == 206, describe(response)
    assert response.headers["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response.headers["Content-Length"] == str(end - start + 1)
    assert response.content == data[start : end + 1]


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={SIZE + 10}-{SIZE + 20}"])
def test_unsatisfiable_range(signed: tuple[Json, bytes], header: str) -> None:
    info, _ = signed
    response = signed_request("GET", info, extra_headers={"Range": header})
    assert response.status_code == 416, describe(response)
    assert response.headers.get("Content-Range") == f"bytes */{SIZE}"


def test_malformed_range_is_ignored_or_refused(signed: tuple[Json, bytes]) -> None:
    info, data = signed
    for header in ("bytes=abc", "items=0-5", "bytes=9-3"):
        response = signed_request("GET", info, extra_headers={"Range": header})
        assert response.status_code in {200, 416}, describe(response)
        if response.status_code == 200:
            assert response.content == data


def test_ranges_reassemble_the_file(signed: tuple[Json, bytes]) -> None:
    info, data = signed
    session = requests.Session()
    pieces = []
    step = 65_536
    for start in range(0, SIZE, step):
        end = min(start + step, SIZE) - 1
        response = signed_request(
            "GET", info, extra_headers={"Range": f"bytes={start}-{end}"}, session=session
        )
        assert response.status_code == 206
        pieces.append(response.content)
    assert b"".join(pieces) == data


def test_empty_file_downloads(storage: Storage) -> None:
    space_id = storage.new_space_id()
    dentry = storage.upload(space_id, "empty.txt", b"")
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    response = signed_request("GET", info)
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Length"] == "0"


# --------------------------------------------------------------------------- signature checks


def test_get_without_signed_headers_is_forbidden(signed: tuple[Json, bytes]) -> None:
    info, _ = signed
    plain = requests.get(info["resourceUrls"][0], timeout=10)
    assert_error(plain, 403, None)
    for name in info["headers"]:
        assert_error(signed_request("GET", info, drop_header=name), 403, None)


def test_get_with_tampered_signature_is_forbidden(signed: tuple[Json, bytes]) -> None:
    info, _ = signed
    for name, value in info["headers"].items():
        response = signed_request("GET", info, drop_header=name, extra_headers={name: tamper_value(value)})
        assert_error(response, 403, None)
    tampered_url = signed_request("GET", info, url=tamper_url(info["resourceUrls"][0]))
    assert tampered_url.status_code in {403, 404}, describe(tampered_url)
    head = signed_request("HEAD", {**info, "headers": {}})
    assert head.status_code == 403


def test_signature_is_bound_to_its_file(storage: Storage) -> None:
    space_id = storage.new_space_id()
    a = storage.upload(space_id, "a.txt", b"aaaa")
    b = storage.upload(space_id, "b.txt", b"bbbb")
    info_a = storage.download_info(space_id, a["id"])["headerSignatureInfo"]
    info_b = storage.download_info(space_id, b["id"])["headerSignatureInfo"]
    response = signed_request("GET", info_a, url=info_b["resourceUrls"][0])
    assert_error(response, 403, None)


def test_upload_signature_does_not_download(storage: Storage) -> None:
    space_id = storage.new_space_id()
    info = storage.upload_info(space_id, "u.txt", 3)["headerSignatureInfo"]
    response = signed_request("GET", info)
    assert 400 <= response.status_code < 500, describe(response)


def test_get_expires_with_url_ttl(short_url_server: LocalServer) -> None:
    storage = connect(short_url_server)
    space_id = storage.new_space_id()
    dentry = storage.upload(space_id, "exp.txt", b"expiring")
    early_in_second()
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    assert info["expirationSeconds"] == 1
    assert signed_request("GET", info).content == b"expiring"
    time.sleep(1.6)
    expired = signed_request("GET", info)
    assert_error(expired, 403, None)
    assert signed_request("HEAD", info).status_code == 403
    early_in_second()
    fresh = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    assert signed_request("GET", fresh).content == b"expiring"


def test_short_url_lives_its_whole_ttl(short_url_server: LocalServer) -> None:
    """A URL announced with expirationSeconds=1 works for a second, late in a clock second too."""
    storage = connect(short_url_server)
    space_id = storage.new_space_id()
    dentry = storage.upload(space_id, "ttl.txt", b"ttl")
    wait_for_fraction(0.85)
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    assert info["expirationSeconds"] == 1
    time.sleep(0.5)
    response = signed_request("GET", info)
    assert response.status_code == 200, (
        f"a 1-second URL failed 0.5 s after it was issued: {describe(response)} (headers {info['headers']})"
    )


def test_slow_get_started_in_time_completes(short_url_server: LocalServer) -> None:
    storage = connect(short_url_server)
    space_id = storage.new_space_id()
    data = pattern_bytes(100_000, 9)
    dentry = storage.upload(space_id, "slow.bin", data)
    early_in_second()
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    short_url_server.faults.throttle_bps = 50_000
    try:
        started = time.monotonic()
        with signed_request("GET", info, stream=True) as response:
            assert response.status_code == 200
            got = b"".join(response.iter_content(chunk_size=1 << 20))
        elapsed = time.monotonic() - started
    finally:
        short_url_server.faults.throttle_bps = None
    assert got == data
    assert elapsed > 1.5, f"the throttle should have made the GET outlast the TTL ({elapsed:.2f} s)"


# --------------------------------------------------------------------------- control-plane errors


def test_download_info_errors(stored: tuple[Storage, str, Json, bytes]) -> None:
    storage, space_id, dentry, _ = stored
    unknown = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/987654/downloadInfos/query", json={}
    )
    assert_error(unknown, 404, "dentryNotExist")
    no_space = storage.call("POST", "/v1.0/storage/spaces/987654321/dentries/1/downloadInfos/query", json={})
    assert_error(no_space, 404, "spaceNotExist")
    intruder = storage.as_user(OTHER_USER).call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry['id']}/downloadInfos/query", json={}
    )
    assert_error(intruder, {400, 403}, "permissionDenied")
    bad_version = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/{dentry['id']}/downloadInfos/query",
        json={"option": {"version": "latest"}},
    )
    assert_error(bad_version, 400, "paramError", prefix=True)


def test_download_info_of_a_folder_is_refused(storage: Storage) -> None:
    space_id = storage.new_space_id()
    folder = storage.add_folder(space_id, "dir")
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/downloadInfos/query", json={}
    )
    assert_error(response, 400, None)


def test_download_of_deleted_file(storage: Storage) -> None:
    space_id = storage.new_space_id()
    dentry = storage.upload(space_id, "bye.txt", b"bye")
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    storage.delete(space_id, dentry["id"], to_recycle_bin=False)
    again = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry['id']}/downloadInfos/query", json={}
    )
    assert_error(again, 404, "dentryNotExist")
    response = signed_request("GET", info)
    assert response.status_code in {403, 404, 410}, describe(response)
    assert "Traceback" not in response.text


def test_root_is_not_downloadable(storage: Storage) -> None:
    space_id = storage.new_space_id()
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/downloadInfos/query", json={}
    )
    assert_error(response, {400, 404}, None)


@pytest.fixture
def multipart_file(storage: Storage) -> tuple[Storage, str, Json, bytes]:
    """A file committed from three uneven parts: (client, space id, dentry, content)."""
    space_id = storage.new_space_id("composite")
    parts = [pattern_bytes(70_001, 1), pattern_bytes(5, 2), pattern_bytes(130_000, 3)]
    total = sum(len(p) for p in parts)
    key = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init",
            json={"option": {"preCheckParam": {"name": "c.bin", "size": total, "parentId": ROOT}}},
        )
    )["uploadKey"]
    infos = ok(
        storage.call(
            "POST",
            "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
            json={"uploadKey": key, "partNumbers": [1, 2, 3]},
        )
    )["multipartHeaderSignatureInfos"]
    for item in infos:
        answer = signed_request("PUT", item["headerSignatureInfo"], data=parts[item["partNumber"] - 1])
        assert answer.status_code == 200
    dentry = ok(storage.commit(space_id, key, "c.bin", ROOT, {"size": total}))["dentry"]
    return storage, space_id, dentry, b"".join(parts)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (0, 70_000),
        (70_000, 70_001),
        (69_999, 70_010),
        (70_001, 70_005),
        (70_004, 70_006),
        (0, 200_005),
        (100_000, 200_005),
        (200_005, 200_005),
    ],
)
def test_ranges_across_multipart_boundaries(
    multipart_file: tuple[Storage, str, Json, bytes], start: int, end: int
) -> None:
    storage, space_id, dentry, data = multipart_file
    size = len(data)
    assert size == 200_006
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    response = signed_request("GET", info, extra_headers={"Range": f"bytes={start}-{end}"})
    assert response.status_code == 206, describe(response)
    assert response.headers["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert response.content == data[start : end + 1]


def test_multipart_file_behaves_like_any_file(multipart_file: tuple[Storage, str, Json, bytes]) -> None:
    storage, space_id, dentry, data = multipart_file
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    full = signed_request("GET", info)
    assert full.content == data
    assert full.headers["Content-Length"] == str(len(data))
    head = signed_request("HEAD", info)
    assert head.headers["Content-Length"] == str(len(data))
    assert head.headers.get("ETag") == full.headers.get("ETag")
    suffix = signed_request("GET", info, extra_headers={"Range": "bytes=-130003"})
    assert suffix.content == data[-130_003:]
    copy = storage.wait_task(
        ok(
            storage.call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{dentry['id']}/copy",
                json={"targetSpaceId": space_id, "targetFolderId": ROOT},
            )
        )
    )
    copies = [d for d in storage.list_all(space_id) if d["id"] != dentry["id"]]
    assert len(copies) == 1, copy
    assert storage.download(space_id, copies[0]["id"]) == data
    storage.upload(space_id, "c.bin", b"small now", conflict="OVERWRITE")
    assert storage.download(space_id, dentry["id"]) == b"small now"
    assert storage.download(space_id, dentry["id"], version=1) == data
