"""Fault knobs seen from a client: dropped data-plane connections, injected 503s, throttling."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from app.localserver import LocalServer
from tests.localserver.helpers import (
    ROOT,
    Json,
    Storage,
    assert_error,
    describe,
    ok,
    pattern_bytes,
    running_server,
    signed_request,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


SIZE = 400_000


@pytest.fixture(autouse=True)
def faults_off(server: LocalServer) -> Iterator[None]:
    """Leave the knobs as found, whatever a test does."""
    yield
    server.faults.drop_after_bytes = None
    server.faults.drop_times = None
    server.faults.error_rate = 0.0
    server.faults.throttle_bps = None
    server.faults.latency_ms = 0.0


@pytest.fixture
def stored(storage: Storage) -> tuple[str, Json, bytes]:
    """A space with one 400 kB file: (space id, dentry, content)."""
    space_id = storage.new_space_id("faults")
    data = pattern_bytes(SIZE, 3)
    return space_id, storage.upload(space_id, "big.bin", data), data


def _read_until_failure(info: Json) -> tuple[bytes, bool]:
    """GET the file; return what arrived and whether the transfer broke."""
    received = bytearray()
    try:
        with signed_request("GET", info, stream=True) as response:
            assert response.status_code == 200, describe(response)
            for piece in response.iter_content(chunk_size=65_536):
                received.extend(piece)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError, http.client.HTTPException):
        return bytes(received), True
    return bytes(received), False


def test_download_drop_then_range_resume(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.drop_after_bytes = 100_000
    server.faults.drop_times = 1
    first, broken = _read_until_failure(info)
    assert broken, "the connection should have been cut"
    assert 0 < len(first) < SIZE
    assert len(first) <= 100_000 + 65_536
    assert data.startswith(first)
    resumed = signed_request("GET", info, extra_headers={"Range": f"bytes={len(first)}-"})
    assert resumed.status_code == 206, describe(resumed)
    assert resumed.headers["Content-Range"] == f"bytes {len(first)}-{SIZE - 1}/{SIZE}"
    assert first + resumed.content == data


def test_drop_times_limits_the_drops(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.drop_after_bytes = 50_000
    server.faults.drop_times = 2
    assert _read_until_failure(info)[1]
    assert _read_until_failure(info)[1]
    whole, broken = _read_until_failure(info)
    assert not broken
    assert whole == data


def test_drop_every_time_without_drop_times(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.drop_after_bytes = 150_000
    server.faults.drop_times = None
    received = b""
    for _ in range(3):
        headers = {"Range": f"bytes={len(received)}-"} if received else {}
        piece = bytearray()
        try:
            with signed_request("GET", info, stream=True, extra_headers=headers) as response:
                assert response.status_code in {200, 206}
                for chunk in response.iter_content(chunk_size=65_536):
                    piece.extend(chunk)
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            pass
        received += bytes(piece)
        if len(received) == SIZE:
            break
    assert received == data


def test_upload_drop_then_retry(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    data = pattern_bytes(SIZE, 4)
    info = storage.upload_info(space_id, "up.bin", SIZE)
    server.faults.drop_after_bytes = 100_000
    server.faults.drop_times = 1
    failed = False
    try:
        response = signed_request("PUT", info["headerSignatureInfo"], data=data)
        failed = response.status_code != 200
    except requests.ConnectionError:
        failed = True
    assert failed, "the PUT should have been cut"
    # The broken upload is not a file, and committing it now fails.
    assert storage.names(space_id) == []
    half = storage.commit(space_id, info["uploadKey"], "up.bin", ROOT, {"size": SIZE})
    assert_error(half, 400, "paramError", prefix=True)
    assert storage.names(space_id) == []
    # The retry goes through.
    storage.put(info, data)
    dentry = ok(storage.commit(space_id, info["uploadKey"], "up.bin", ROOT, {"size": SIZE}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == data


def test_drop_does_not_touch_the_control_plane(server: LocalServer, storage: Storage) -> None:
    server.faults.drop_after_bytes = 10
    space_id = storage.new_space_id()
    for i in range(5):
        storage.add_folder(space_id, f"folder-{i}-" + "x" * 40)
    assert len(storage.names(space_id)) == 5


def test_error_rate_one_answers_every_call_with_503(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    server.faults.error_rate = 1.0
    for _ in range(5):
        response = storage.call("GET", f"/v1.0/storage/spaces/{space_id}")
        body = assert_error(response, 503, "operationTimeout")
        assert body["message"]
    created = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/0/folders", json={"name": "n"})
    assert_error(created, 503, "operationTimeout")
    server.faults.error_rate = 0.0
    # "Before any work": the refused AddFolder created nothing.
    assert storage.names(space_id) == []


def test_error_rate_half_is_a_share(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    server.faults.error_rate = 0.5
    statuses = [storage.call("GET", f"/v1.0/storage/spaces/{space_id}").status_code for _ in range(80)]
    server.faults.error_rate = 0.0
    assert set(statuses) <= {200, 503}
    failures = statuses.count(503)
    assert 15 <= failures <= 65, failures


def test_error_rate_zero_is_quiet(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    statuses = {storage.call("GET", f"/v1.0/storage/spaces/{space_id}").status_code for _ in range(30)}
    assert statuses == {200}


def test_throttle_slows_a_download(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    started = time.monotonic()
    assert signed_request("GET", info).content == data
    fast = time.monotonic() - started
    server.faults.throttle_bps = 400_000
    started = time.monotonic()
    with signed_request("GET", info, stream=True) as response:
        slow_data = b"".join(response.iter_content(chunk_size=1 << 20))
    slow = time.monotonic() - started
    assert slow_data == data
    assert slow >= 0.7, f"400 kB at 400 kB/s took {slow:.2f} s"
    assert slow < 5
    assert fast < slow


def test_throttle_slows_an_upload(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    data = pattern_bytes(200_000, 8)
    info = storage.upload_info(space_id, "t.bin", len(data))
    server.faults.throttle_bps = 200_000
    started = time.monotonic()
    storage.put(info, data)
    elapsed = time.monotonic() - started
    server.faults.throttle_bps = None
    assert elapsed >= 0.7, f"200 kB at 200 kB/s took {elapsed:.2f} s"
    dentry = ok(storage.commit(space_id, info["uploadKey"], "t.bin", ROOT, {"size": len(data)}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == data


def test_throttle_is_per_connection(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    """Two parallel downloads each get the full rate, so together they take about as long as one."""
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.throttle_bps = 400_000
    results: list[bytes] = []

    def fetch() -> None:
        with signed_request("GET", info, stream=True) as response:
            results.append(b"".join(response.iter_content(chunk_size=1 << 20)))

    started = time.monotonic()
    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    elapsed = time.monotonic() - started
    assert results == [data, data]
    assert elapsed < 1.8, f"two throttled downloads in parallel took {elapsed:.2f} s"


def test_latency_delays_every_answer_control_and_data_plane(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    space_id, dentry, data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]

    def timed(call: object) -> float:
        started = time.monotonic()
        assert callable(call)
        call()
        return time.monotonic() - started

    def control() -> None:
        assert storage.call("GET", f"/v1.0/storage/spaces/{space_id}").status_code == 200

    def data_plane() -> None:
        assert signed_request("GET", info, extra_headers={"Range": "bytes=0-9"}).content == data[:10]

    quick = min(timed(control) for _ in range(3)), min(timed(data_plane) for _ in range(3))
    server.faults.latency_ms = 150
    slow = min(timed(control) for _ in range(3)), min(timed(data_plane) for _ in range(3))
    server.faults.latency_ms = 0.0
    for before, after in zip(quick, slow, strict=True):
        assert after >= 0.15, slow
        assert after - before < 0.15 + 0.5, (quick, slow)


def test_latency_overlaps_for_requests_in_flight_together(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    """Latency is a delay, not a queue: 8 requests at once take about one delay, not eight."""
    space_id, dentry, _data = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.latency_ms = 200
    server.faults.peak_in_flight = 0
    threads = [
        threading.Thread(target=lambda: signed_request("GET", info, extra_headers={"Range": "bytes=0-9"}))
        for _ in range(8)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    elapsed = time.monotonic() - started
    server.faults.latency_ms = 0.0
    assert 0.2 <= elapsed < 1.2, elapsed
    assert server.faults.peak_in_flight == 8  # counted at the service: all were in flight at once
    assert server.faults.in_flight == 0


def test_raw_socket_sees_a_short_body(
    server: LocalServer, storage: Storage, stored: tuple[str, Json, bytes]
) -> None:
    """At the HTTP level, the cut shows as fewer bytes than Content-Length promised."""
    space_id, dentry, _ = stored
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.drop_after_bytes = 64_000
    server.faults.drop_times = 1
    url = urlsplit(info["resourceUrls"][0])
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
    try:
        path = url.path + (f"?{url.query}" if url.query else "")
        connection.request("GET", path, headers=info["headers"])
        response = connection.getresponse()
        assert response.status == 200
        declared = int(response.getheader("Content-Length") or 0)
        assert declared == SIZE
        body = b""
        try:
            body = response.read()
        except (http.client.IncompleteRead, ConnectionError, OSError) as error:
            partial = getattr(error, "partial", b"")
            assert len(partial) < SIZE
            return
        assert len(body) < declared, "the body should have been cut short"
    finally:
        connection.close()


def test_drop_and_resume_on_a_multipart_file(server: LocalServer, storage: Storage) -> None:
    space_id = storage.new_space_id()
    parts = [pattern_bytes(150_000, 1), pattern_bytes(150_000, 2)]
    key = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init",
            json={"option": {"preCheckParam": {"name": "m.bin", "size": 300_000, "parentId": ROOT}}},
        )
    )["uploadKey"]
    infos = ok(
        storage.call(
            "POST",
            "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
            json={"uploadKey": key, "partNumbers": [1, 2]},
        )
    )["multipartHeaderSignatureInfos"]
    for item in infos:
        assert signed_request("PUT", item["headerSignatureInfo"], data=parts[item["partNumber"] - 1]).ok
    dentry = ok(storage.commit(space_id, key, "m.bin", ROOT, {"size": 300_000}))["dentry"]
    info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    server.faults.drop_after_bytes = 200_000
    server.faults.drop_times = 1
    first, broken = _read_until_failure(info)
    assert broken
    rest = signed_request("GET", info, extra_headers={"Range": f"bytes={len(first)}-"})
    assert rest.status_code == 206
    assert first + rest.content == b"".join(parts)
