"""Hostile bytes on raw connections: clean 4xx answers, keep-alive that survives errors, a quiet log.

The service runs as a process of its own with its output captured, so a test can see whether
anything it sent left a traceback in the log.
"""

from __future__ import annotations

import contextlib
import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    RawConnection,
    RawResponse,
    ServiceProcess,
    Storage,
    start_service,
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    """One service process for the module, its stdout and stderr captured."""
    running = start_service(tmp_path_factory.mktemp("service") / "data")
    yield running
    running.stop()


@pytest.fixture
def client(service: ServiceProcess) -> Iterator[Storage]:
    """A client with a token; at the end of the test the service's log must hold no error."""
    raw = RawApi(service.url)
    raw.get_token()
    since = len(service.lines)
    yield Storage(raw)
    time.sleep(0.3)  # the service logs right after answering
    logged = "\n".join(service.lines[since:])
    assert "Traceback" not in logged, logged
    assert "ERROR" not in logged, logged


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _space_request(connection: RawConnection, client: Storage, space_id: str) -> RawResponse:
    """A plain GetSpace on `connection`: what a client sends next on a kept-alive connection."""
    return connection.request(
        "GET",
        f"/v1.0/storage/spaces/{space_id}?unionId={client.union_id}",
        {"x-acs-dingtalk-access-token": client.api.token or ""},
    )


def _assert_error(response: RawResponse, status: int, code: str) -> None:
    assert response.status, response
    assert (response.status, response.json()["code"]) == (status, code), response
    assert b"Traceback" not in response.body


@pytest.mark.parametrize(
    "expires",
    [b"\xb2", b"9" * 5000, b"0" * 5000 + b"1", b"-1", b"1e12", b"", b"\xd9\xa3"],
    ids=["superscript-two", "5000-digits", "5000-zeros", "negative", "exponent", "empty", "arabic-digit"],
)
def test_odd_expiry_headers_are_403_and_the_connection_stays_usable(client: Storage, expires: bytes) -> None:
    space_id = client.new_space_id()
    upload = client.upload_info(space_id, "e.bin", 5)["headerSignatureInfo"]
    with RawConnection(upload["resourceUrls"][0]) as connection:
        headers: dict[str, str | bytes] = {
            "Authorization": upload["headers"]["Authorization"],
            "x-dentry-expires": expires,
        }
        answer = connection.request("PUT", _target(upload["resourceUrls"][0]), headers, b"hello")
        _assert_error(answer, 403, "AccessDenied")
        assert _space_request(connection, client, space_id).status == 200


@pytest.mark.parametrize(
    ("range_header", "status", "content"),
    [
        ("bytes=" + "9" * 5000 + "-", 416, b""),
        ("bytes=0-" + "9" * 5000, 206, b"0123456789"),
        ("bytes=-" + "9" * 5000, 206, b"0123456789"),
        ("bytes=" + "0" * 5000 + "4-5", 206, b"45"),
        ("bytes=" + "9" * 5000 + "-" + "9" * 5001, 416, b""),
    ],
    ids=["huge-first", "huge-last", "huge-suffix", "zero-padded", "both-huge"],
)
def test_huge_range_headers_get_a_clean_answer(
    client: Storage, range_header: str, status: int, content: bytes
) -> None:
    space_id = client.new_space_id()
    dentry = client.upload(space_id, "r.bin", b"0123456789")
    info = client.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    with RawConnection(info["resourceUrls"][0]) as connection:
        answer = connection.request(
            "GET", _target(info["resourceUrls"][0]), {**info["headers"], "Range": range_header}
        )
        assert answer.status == status, answer
        assert answer.body == content
        assert _space_request(connection, client, space_id).status == 200


def test_a_client_gone_mid_upload_is_quiet_and_leaves_nothing(client: Storage) -> None:
    space_id = client.new_space_id()
    info = client.upload_info(space_id, "cut.bin", 100_000)
    upload = info["headerSignatureInfo"]
    for _ in range(3):
        with RawConnection(upload["resourceUrls"][0]) as connection:
            head = [f"PUT {_target(upload['resourceUrls'][0])} HTTP/1.1", f"Host: {connection.host}"]
            head += [f"{name}: {value}" for name, value in upload["headers"].items()]
            head.append("Content-Length: 100000")
            connection.send(("\r\n".join(head) + "\r\n\r\n").encode() + b"x" * 5000)
            time.sleep(0.2)
    # The key still works, and nothing of the cut bodies is counted.
    client.put(info, b"y" * 100_000)
    response = client.commit(space_id, info["uploadKey"], "cut.bin", ROOT, {"size": 100_000})
    assert response.status_code == 200, response.text
    assert client.download(space_id, response.json()["dentry"]["id"]) == b"y" * 100_000


def test_every_error_answer_keeps_the_connection_usable(client: Storage) -> None:
    space_id = client.new_space_id()
    token = {"x-acs-dingtalk-access-token": client.api.token or ""}
    upload = client.upload_info(space_id, "k.bin", 1)["headerSignatureInfo"]
    query = f"unionId={client.union_id}"
    with RawConnection(client.api.base_url) as connection:
        answers = [
            connection.request("GET", "/no/such/route"),
            connection.request(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders?{query}",
                {**token, "Content-Type": "application/json"},
                b"{not json",
            ),
            connection.request(
                "GET", f"/v1.0/storage/spaces/{space_id}?{query}", {"x-acs-dingtalk-access-token": "x"}
            ),
            connection.request("PATCH", f"/v1.0/storage/spaces/{space_id}?{query}", token),
            # Refused before its body is read: the unread megabyte must not be taken for the next request.
            connection.request(
                "PUT",
                _target(upload["resourceUrls"][0]),
                {"Authorization": "DENTRY-HMAC-SHA256 0", "x-dentry-expires": "1"},
                b"z" * (1 << 20),
            ),
        ]
        assert [answer.status for answer in answers] == [404, 400, 400, 405, 403]
        assert _space_request(connection, client, space_id).status == 200


def test_an_internal_error_keeps_the_connection_usable(service: ServiceProcess, tmp_path: Path) -> None:
    """A damaged data folder (not any input) is a 500, once, and the next request still works."""
    raw = RawApi(service.url)
    raw.get_token()
    client = Storage(raw)
    space_id = client.new_space_id()
    dentry = client.upload(space_id, "d.bin", b"damaged")
    info = client.download_info(space_id, dentry["id"])["headerSignatureInfo"]
    blob_id = info["resourceUrls"][0].rsplit("/", 1)[1]
    data_dir = Path(service.process.args[service.process.args.index("--data-dir") + 1])
    blob = data_dir / "blobs" / blob_id[:2] / blob_id
    blob.unlink()
    blob.mkdir()  # a composite blob whose only part is a dangling link
    (blob / "part-00001").symlink_to(tmp_path / "gone")
    with RawConnection(service.url) as connection:
        answer = connection.request("GET", _target(info["resourceUrls"][0]), info["headers"])
        _assert_error(answer, 500, "systemError")
        assert _space_request(connection, client, space_id).status == 200


HEADER_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def strict_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    """A service that gives request headers one second."""
    running = start_service(
        tmp_path_factory.mktemp("strict") / "data", "--header-timeout", str(HEADER_TIMEOUT)
    )
    yield running
    running.stop()


def _address(url: str) -> tuple[str, int]:
    host, port = urlsplit(url).netloc.rsplit(":", 1)
    return host, int(port)


def _token_answer_seconds(url: str) -> float:
    """How long a normal client waits for an access token (on a new connection)."""
    started = time.monotonic()
    answer = requests.post(
        f"{url}/v1.0/oauth2/accessToken",
        json={"appKey": "dentry-local", "appSecret": "dentry-local-secret"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return time.monotonic() - started


def _closed_by_peer(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_idle_and_slow_connections_are_closed_and_nobody_is_locked_out(
    strict_service: ServiceProcess,
) -> None:
    soft_limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    count = min(1000, soft_limit - 100)
    address = _address(strict_service.url)
    idle = [socket.create_connection(address) for _ in range(count // 2)]
    slow = [socket.create_connection(address) for _ in range(count - count // 2)]
    try:
        for sock in slow:
            sock.sendall(b"GET /v1.0/drive/spaces HTTP/1.1\r\nHo")
        assert _token_answer_seconds(strict_service.url) < 0.5
        # The slow ones keep sending a byte of their headers now and then, to no avail.
        deadline = time.monotonic() + HEADER_TIMEOUT + 1.5
        while time.monotonic() < deadline:
            for sock in slow:
                with contextlib.suppress(OSError):
                    sock.send(b"s")
            time.sleep(0.25)
        still_open = [sock for sock in idle + slow if not _closed_by_peer(sock)]
        assert len(still_open) == 0, f"{len(still_open)} of {count} connections are still open"
        assert _token_answer_seconds(strict_service.url) < 0.5
    finally:
        for sock in idle + slow:
            sock.close()


def test_headers_that_arrive_in_pieces_in_time_are_served(strict_service: ServiceProcess) -> None:
    with RawConnection(strict_service.url) as connection:
        for piece in (b"GET /no/such/route HTTP/1.1\r\n", b"Host: x\r\n", b"X-Slow: yes\r\n", b"\r\n"):
            connection.send(piece)
            time.sleep(HEADER_TIMEOUT / 5)
        assert connection.read_response().status == 404
        time.sleep(HEADER_TIMEOUT * 0.8)  # idle between requests is the keep-alive's business
        assert connection.request("GET", "/no/such/route").status == 404


def test_huge_request_headers_are_431_and_closed(strict_service: ServiceProcess) -> None:
    with RawConnection(strict_service.url) as connection:
        connection.send(b"GET /no/such/route HTTP/1.1\r\nHost: x\r\nX-Big: ")
        with contextlib.suppress(OSError):  # the service may close while this is still sending
            connection.send(b"a" * (1 << 20))
        assert connection.read_response().status == 431
        assert connection.is_closed_by_peer(HEADER_TIMEOUT)
    assert _token_answer_seconds(strict_service.url) < 0.5


def test_a_low_limit_of_open_files_does_not_lock_everyone_out(tmp_path: Path) -> None:
    """The service raises its own soft limit of open files, so idle connections cannot use it up."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 2000:
        pytest.skip(f"the hard limit of open files is only {hard}")

    def lower_the_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

    service = start_service(tmp_path / "data", "--header-timeout", "30", preexec=lower_the_limit)
    address = _address(service.url)
    idle = [socket.create_connection(address) for _ in range(400)]
    try:
        assert _token_answer_seconds(service.url) < 0.5
    finally:
        for sock in idle:
            sock.close()
        service.stop()
