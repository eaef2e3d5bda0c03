"""Shared helpers for the HTTP integration tests of the local storage service.

Everything here speaks plain HTTP with `requests`, the way a client of the DingTalk storage
Open API would; nothing reaches into the service's code.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from PIL import Image, ImageChops, ImageDraw

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_UNION_ID, ServerConfig
from tests.conftest import RawApi

Json = dict[str, Any]

ROOT = "0"
"""The dentry id of a space's root folder."""
OTHER_USER = "intruder-user"
"""A unionId that owns none of the spaces the tests create."""
REPO_ROOT = Path(__file__).resolve().parents[2]
ERROR_KEYS = {"code", "message", "requestid"}
DENTRY_STATUSES = {"NORMAL", "DELETED", "EXPIRED"}
CATEGORIES = {"IMAGE", "VIDEO", "AUDIO", "ARCHIVE", "SHORTCUT", "DOCUMENT", "ALI_DOC", "OTHER"}


# --------------------------------------------------------------------------- responses


def describe(response: requests.Response) -> str:
    """One line telling what was sent and what came back, for assertion messages."""
    request = response.request
    body = request.body
    if isinstance(body, bytes):
        body = body[:300].decode("utf-8", "replace")
    elif body is not None and not isinstance(body, str):
        body = "<stream>"
    return f"{request.method} {request.url} body={body!r} -> {response.status_code} {response.text[:500]!r}"


def ok(response: requests.Response, status: int = 200) -> Json:
    """Assert a successful JSON answer and return its body."""
    assert response.status_code == status, describe(response)
    assert response.headers.get("x-acs-request-id"), f"no x-acs-request-id: {describe(response)}"
    body = response.json()
    assert isinstance(body, dict), describe(response)
    return body


def assert_error(
    response: requests.Response,
    status: int | Iterable[int],
    code: str | Iterable[str] | None,
    *,
    prefix: bool = False,
) -> Json:
    """Assert the §2 error shape: status, `{"code","message","requestid"}`, request id header.

    Args:
        response: The answer to check.
        status: The expected HTTP status, or the statuses that are acceptable.
        code: The expected error code, the acceptable codes, or None for any non-empty code.
        prefix: Accept any code that starts with one of `code` (e.g. ``paramError.name``).

    Returns:
        The parsed error body.
    """
    statuses = {status} if isinstance(status, int) else set(status)
    codes = {code} if isinstance(code, str) else set(code or ())
    assert response.status_code in statuses, describe(response)
    assert "Traceback" not in response.text, describe(response)
    body = response.json()
    assert isinstance(body, dict), describe(response)
    assert set(body) >= ERROR_KEYS, describe(response)
    got = body["code"]
    assert isinstance(got, str), describe(response)
    assert got, describe(response)
    if code is None:
        pass
    elif prefix:
        assert any(got.startswith(expected) for expected in codes), describe(response)
    else:
        assert got in codes, describe(response)
    assert isinstance(body["message"], str), describe(response)
    assert isinstance(body["requestid"], str), describe(response)
    assert body["requestid"], describe(response)
    header = response.headers.get("x-acs-request-id")
    assert header, f"no x-acs-request-id: {describe(response)}"
    assert header == body["requestid"], describe(response)
    return body


def assert_param_error(response: requests.Response) -> Json:
    """Assert a 400 whose code is ``paramError`` or one of its ``paramError.<field>`` forms."""
    return assert_error(response, 400, "paramError", prefix=True)


# --------------------------------------------------------------------------- sample content


def image_bytes(fmt: str, size: tuple[int, int] = (640, 480), color: str = "teal") -> bytes:
    """A small real picture in Pillow's format `fmt` (PNG, JPEG, GIF, WEBP, BMP, PDF)."""
    picture = Image.new("RGB", size, color)
    pen = ImageDraw.Draw(picture)
    pen.rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill="orange")
    pen.ellipse((size[0] // 2, size[1] // 3, size[0] - 10, size[1] - 10), fill="purple")
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def pattern_bytes(size: int, seed: int = 0) -> bytes:
    """Deterministic, non-repeating-looking bytes of length `size`."""
    block = bytes((i * 131 + seed * 7 + (i >> 8) * 17) % 256 for i in range(65_536))
    repeats, rest = divmod(size, len(block))
    return block * repeats + block[:rest]


def open_image(data: bytes) -> Image.Image:
    """Decode a picture fully, failing the test when it is not one."""
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def differing_pixels(first: Image.Image, second: Image.Image) -> int:
    """How many pixels of two same-sized pictures clearly differ (in grey, by more than 64)."""
    assert first.size == second.size
    difference = ImageChops.difference(first.convert("L"), second.convert("L"))
    return sum(difference.histogram()[65:])


# Texts of the same shape in other words: where a font lacks the glyphs, both draw the same boxes
# (every missing character is the font's one .notdef glyph), so their thumbnails are identical.
CHINESE_TEXTS = ("季度报告 2026\n照片", "会议纪要 2026\n文件")


# --------------------------------------------------------------------------- data plane


def signed_request(
    method: str,
    info: Json,
    *,
    data: Any = None,
    extra_headers: dict[str, str] | None = None,
    drop_header: str | None = None,
    url: str | None = None,
    stream: bool = False,
    session: requests.Session | None = None,
) -> requests.Response:
    """Send a GET/PUT/HEAD to a `headerSignatureInfo`'s first URL with every header it lists.

    Args:
        method: The HTTP method.
        info: The `headerSignatureInfo` object.
        data: The body of a PUT (bytes or an iterator of bytes).
        extra_headers: Headers to add (e.g. Range).
        drop_header: The name of one returned header to leave out.
        url: Use this URL instead of ``resourceUrls[0]``.
        stream: Stream the answer.
        session: Reuse this session.
    """
    headers = {k: v for k, v in info["headers"].items() if k != drop_header}
    headers.update(extra_headers or {})
    caller = session or requests
    return caller.request(
        method,
        url or info["resourceUrls"][0],
        data=data,
        headers=headers,
        stream=stream,
        timeout=60,
    )


def tamper_url(url: str) -> str:
    """Change one character of the longest query value (the signature, in all likelihood)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not query:
        return url + ("x" if not url.endswith("x") else "y")
    longest = max(range(len(query)), key=lambda i: len(query[i][1]))
    key, value = query[longest]
    flipped = ("1" if value[-1:] != "1" else "2") if value else "x"
    query[longest] = (key, value[:-1] + flipped)
    return urlunsplit(parts._replace(query=urlencode(query)))


def tamper_value(value: str) -> str:
    """Change the last character of a header value."""
    if not value:
        return "x"
    last = value[-1]
    return value[:-1] + ("A" if last != "A" else "B")


def chunks(total: int, chunk: int = 1 << 20, fill: bytes = b"\x5a") -> Iterator[bytes]:
    """Yield `total` bytes in `chunk`-sized pieces without holding them all in memory."""
    piece = fill * chunk
    sent = 0
    while sent < total:
        step = min(chunk, total - sent)
        yield piece if step == chunk else piece[:step]
        sent += step


class SizedStream:
    """An iterable body of known length: `requests` sends Content-Length and streams the pieces."""

    def __init__(self, pieces: Iterable[bytes], length: int) -> None:
        self._pieces = pieces
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._pieces)


@dataclass
class RawResponse:
    """An HTTP answer read off a socket by hand."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


class ConnectionClosed(Exception):
    """The service closed the connection before a whole answer arrived."""


class RawConnection:
    """One keep-alive TCP connection to the service, speaking HTTP/1.1 by hand.

    `requests` hides whether a connection was reused; tests of keep-alive and of hostile bytes
    need to choose exactly what goes on the wire and on which connection.
    """

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        host, port = urlsplit(url).netloc.rsplit(":", 1)
        self.host = f"{host}:{port}"
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self._buffer = b""

    def send(self, data: bytes) -> None:
        """Write raw bytes."""
        self.sock.sendall(data)

    def request(
        self,
        method: str,
        target: str,
        headers: dict[str, str | bytes] | None = None,
        body: bytes = b"",
    ) -> RawResponse:
        """Send one request (with Content-Length when there is a body) and read its answer."""
        lines = [f"{method} {target} HTTP/1.1".encode(), f"Host: {self.host}".encode()]
        for name, value in (headers or {}).items():
            raw = value if isinstance(value, bytes) else value.encode("latin-1")
            lines.append(name.encode() + b": " + raw)
        if body or method in ("PUT", "POST"):
            lines.append(f"Content-Length: {len(body)}".encode())
        self.send(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        return self.read_response(head_only=method == "HEAD")

    def _fill(self) -> None:
        data = self.sock.recv(1 << 16)
        if not data:
            raise ConnectionClosed(f"closed after {self._buffer[:200]!r}")
        self._buffer += data

    def read_response(self, *, head_only: bool = False) -> RawResponse:
        """Read one answer (status line, headers and a Content-Length body)."""
        while b"\r\n\r\n" not in self._buffer:
            self._fill()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = 0 if head_only else int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            self._fill()
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return RawResponse(int(status_line.split()[1]), headers, body)

    def is_closed_by_peer(self, wait: float) -> bool:
        """Whether the service closes the connection within `wait` seconds (sending nothing)."""
        self.sock.settimeout(wait)
        try:
            return self.sock.recv(1) == b""
        except TimeoutError:
            return False
        except ConnectionResetError:
            return True

    def close(self) -> None:
        """Close the socket."""
        self.sock.close()

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# --------------------------------------------------------------------------- API client


@dataclass
class Storage:
    """Typed shortcuts over `RawApi` for the operations the tests use as set-up."""

    api: RawApi
    union_id: str = DEFAULT_UNION_ID
    spaces: list[str] = field(default_factory=list)

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send one storage call as this client's unionId (unless `union_id` is given)."""
        kwargs.setdefault("union_id", self.union_id)
        return self.api.call(method, path, **kwargs)

    def as_user(self, union_id: str) -> Storage:
        """The same connection acting as another unionId."""
        return Storage(self.api, union_id)

    # spaces
    def add_space(self, name: str = "tests", owner_type: str = "USER") -> Json:
        """AddSpace; returns the `space` object."""
        body = ok(
            self.call(
                "POST",
                "/v1.0/storage/spaces",
                json={"option": {"name": name, "ownerType": owner_type}},
            )
        )
        space = body["space"]
        self.spaces.append(space["id"])
        return space

    def new_space_id(self, name: str = "tests") -> str:
        """A fresh USER space owned by this client; returns its id."""
        return str(self.add_space(name)["id"])

    # dentries
    def add_folder(self, space_id: str, name: str, parent_id: str = ROOT, option: Json | None = None) -> Json:
        """AddFolder; returns the `dentry`."""
        body: Json = {"name": name}
        if option is not None:
            body["option"] = option
        return ok(
            self.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{parent_id}/folders", json=body)
        )["dentry"]

    def get_dentry(self, space_id: str, dentry_id: str, option: Json | None = None) -> Json:
        """GetDentry; returns the `dentry`."""
        body = {"option": option} if option else {}
        return ok(
            self.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/query", json=body)
        )["dentry"]

    def list_page(self, space_id: str, parent_id: str = ROOT, **params: Any) -> Json:
        """One ListDentries page (`dentries`, maybe `nextToken`)."""
        query = {"parentId": parent_id, **params}
        return ok(self.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries", params=query))

    def list_all(self, space_id: str, parent_id: str = ROOT, **params: Any) -> list[Json]:
        """Every dentry of a folder, following `nextToken`."""
        found: list[Json] = []
        token: str | None = None
        for _ in range(1000):
            query = dict(params)
            if token:
                query["nextToken"] = token
            page = self.list_page(space_id, parent_id, **query)
            found.extend(page["dentries"])
            token = page.get("nextToken")
            if not token:
                return found
        raise AssertionError("ListDentries never ended")

    def names(self, space_id: str, parent_id: str = ROOT) -> list[str]:
        """The names in a folder, sorted."""
        return sorted(d["name"] for d in self.list_all(space_id, parent_id, maxResults=50))

    def delete(self, space_id: str, dentry_id: str, to_recycle_bin: bool = False) -> Json:
        """DeleteDentry."""
        return ok(
            self.call(
                "DELETE",
                f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}",
                params={"toRecycleBin": str(to_recycle_bin)},
            )
        )

    def wait_task(self, body: Json, timeout: float = 10.0) -> Json:
        """If a move/copy/delete answered `async`, poll GetTask until it ends."""
        if not body.get("async"):
            return body
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            task = ok(self.call("GET", f"/v1.0/storage/tasks/{body['taskId']}"))["task"]
            if task["status"] in {"SUCCESS", "FAIL"}:
                assert task["status"] == "SUCCESS", task
                return body
            time.sleep(0.1)
        raise AssertionError(f"task {body['taskId']} did not finish")

    # upload
    def upload_info(self, space_id: str, name: str = "f.bin", size: int = 0) -> Json:
        """GetFileUploadInfo v1 (single PUT); returns the whole answer."""
        body = {
            "protocol": "HEADER_SIGNATURE",
            "multipart": False,
            "option": {
                "storageDriver": "DINGTALK",
                "preCheckParam": {"name": name, "size": size, "parentId": ROOT},
            },
        }
        return ok(self.call("POST", f"/v1.0/storage/spaces/{space_id}/files/uploadInfos/query", json=body))

    def put(self, info: Json, data: Any) -> requests.Response:
        """PUT a body to an upload's signed URL with all its headers; asserts 200."""
        response = signed_request("PUT", info["headerSignatureInfo"], data=data)
        assert response.status_code == 200, describe(response)
        return response

    def commit(
        self,
        space_id: str,
        upload_key: str,
        name: str,
        parent_id: str = ROOT,
        option: Json | None = None,
    ) -> requests.Response:
        """CommitFile v1 (raw answer)."""
        body: Json = {"uploadKey": upload_key, "name": name, "parentId": parent_id}
        if option is not None:
            body["option"] = option
        return self.call("POST", f"/v1.0/storage/spaces/{space_id}/files/commit", json=body)

    def upload(
        self,
        space_id: str,
        name: str,
        data: bytes,
        parent_id: str = ROOT,
        *,
        conflict: str | None = None,
        app_properties: list[Json] | None = None,
    ) -> Json:
        """Upload info, PUT, commit (v1); returns the committed `dentry`."""
        info = self.upload_info(space_id, name, len(data))
        self.put(info, data)
        option: Json = {"size": len(data), "appProperties": app_properties or []}
        if conflict:
            option["conflictStrategy"] = conflict
        return ok(self.commit(space_id, info["uploadKey"], name, parent_id, option))["dentry"]

    # download
    def download_info(self, space_id: str, dentry_id: str, version: int | None = None) -> Json:
        """GetFileDownloadInfo; returns the whole answer."""
        option: Json = {"preferIntranet": False}
        if version is not None:
            option["version"] = version
        return ok(
            self.call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/downloadInfos/query",
                json={"option": option},
            )
        )

    def download(self, space_id: str, dentry_id: str, version: int | None = None) -> bytes:
        """The bytes of a file (or of one of its versions)."""
        info = self.download_info(space_id, dentry_id, version)["headerSignatureInfo"]
        response = signed_request("GET", info)
        assert response.status_code == 200, describe(response)
        return response.content

    # thumbnails
    def thumbnails(self, space_id: str, dentry_ids: list[str]) -> requests.Response:
        """GetDentryThumbnails (raw answer)."""
        return self.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/thumbnails/query",
            json={"dentryIds": dentry_ids},
        )

    def wait_thumbnails(self, space_id: str, dentry_ids: list[str], timeout: float = 10.0) -> dict[str, Json]:
        """Poll GetDentryThumbnails until every item has a thumbnail; returns id → thumbnail."""
        deadline = time.monotonic() + timeout
        items: list[Json] = []
        while True:
            items = ok(self.thumbnails(space_id, dentry_ids))["resultItems"]
            ready = {i["dentryId"]: i["thumbnail"] for i in items if i.get("success")}
            if len(ready) == len(dentry_ids):
                return ready
            if time.monotonic() > deadline:
                raise AssertionError(f"thumbnails not ready after {timeout} s: {items}")
            time.sleep(0.2)


def assert_dentry(dentry: Json, *, kind: str = "FILE") -> None:
    """Check the shape of a dentry object (REFERENCE.md §3)."""
    for key in ("id", "spaceId", "parentId", "name", "uuid"):
        assert isinstance(dentry.get(key), str), (key, dentry)
    assert dentry["id"].isdigit(), dentry
    assert dentry["spaceId"].isdigit(), dentry
    assert dentry["type"] == kind, dentry
    assert isinstance(dentry.get("version"), int), dentry
    assert dentry.get("status") in DENTRY_STATUSES, dentry
    for key in ("createTime", "modifiedTime"):
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", dentry.get(key, "")), (key, dentry)
    assert isinstance(dentry.get("creatorId"), str), dentry
    assert isinstance(dentry.get("modifierId"), str), dentry
    assert "path" in dentry, dentry
    if kind == "FILE":
        assert isinstance(dentry.get("size"), int), dentry
    else:
        assert "size" not in dentry, f"folders carry no size: {dentry}"
        assert "extension" not in dentry, f"folders carry no extension: {dentry}"


# --------------------------------------------------------------------------- servers


@contextmanager
def running_server(data_dir: Path, **settings: Any) -> Iterator[LocalServer]:
    """Run an in-process service with `ServerConfig` settings other than the defaults."""
    with LocalServer(ServerConfig(data_dir=data_dir, **settings)) as server:
        yield server


def fake_soffice(folder: Path, body: str) -> str:
    """A stand-in for LibreOffice's soffice: a Python script that gets the same command line."""
    script = folder / "fake-soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, os, time, shutil\nargs = sys.argv[1:]\n{body}")
    script.chmod(0o755)
    return str(script)


def connect(server: LocalServer) -> Storage:
    """A `Storage` client with a fresh token for the default unionId."""
    raw = RawApi(server.url)
    raw.get_token()
    return Storage(raw)


def koodrive_headers(token: str, user_id: str = DEFAULT_UNION_ID) -> dict[str, str]:
    """The headers of a KooDrive call (§7)."""
    return {
        "Authorization": f"Bearer {token}",
        "X-User-Id": user_id,
        "X-Date": formatdate(usegmt=True),
        "X-Traceid": "t" * 58,
    }


@dataclass
class ServiceProcess:
    """`python -m app.localserver` started as a subprocess, with its output captured."""

    process: subprocess.Popen[str]
    url: str
    lines: list[str]
    reader: threading.Thread | None = None

    @property
    def pid(self) -> int:
        """The process id of the service."""
        return self.process.pid

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        """Send `sig` and wait for the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            raise
        if self.reader is not None:
            self.reader.join(5)
        return code


def start_service(
    data_dir: Path,
    *args: str,
    timeout: float = 20.0,
    port: str = "0",
    host: str | None = "127.0.0.1",
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> ServiceProcess:
    """Start the service's command line and wait for its ``listening on http://…`` line.

    `env`: variables to set for it, beside this process's own; `preexec`: run in the child
    before the service starts (e.g. to lower a resource limit).
    """
    command = [sys.executable, "-m", "app.localserver", "--port", port, "--data-dir", str(data_dir)]
    if host is not None:
        command += ["--host", host]
    command += list(args)
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        preexec_fn=preexec,  # noqa: PLW1509 (tests only; no threads of ours run in the child)
    )
    lines: list[str] = []
    found: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            match = re.search(r"listening on (http://[^\s/]+)", line)
            if match and not found:
                found.append(match.group(1))
                ready.set()
        ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    if not ready.wait(timeout) or not found:
        if process.poll() is None:
            process.kill()
        process.wait(5)
        raise AssertionError(f"service did not start: {lines}")
    return ServiceProcess(process, found[0], lines, reader)


def wait_for_fraction(target: float) -> None:
    """Sleep until the wall clock's fraction of a second is `target` (0 <= target < 1)."""
    time.sleep((target - time.time() % 1) % 1)


def early_in_second() -> None:
    """Make sure the wall clock is in the first half of a second.

    Services that truncate expiry times to whole seconds shorten a 1-second URL by up to a
    second; tests that only need a short URL to work right away start early in a second, and a
    dedicated test checks the full lifetime.
    """
    if time.time() % 1 > 0.5:
        wait_for_fraction(0.02)


def poll(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.1) -> bool:
    """Call `predicate` until it is true or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
