"""The command line `python -m app.localserver`: start-up line, options, signals, persistence, demo."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import RawApi
from tests.localserver.helpers import (
    REPO_ROOT,
    ROOT,
    Json,
    Storage,
    ok,
    running_server,
    signed_request,
    start_service,
)

pytestmark = pytest.mark.timeout(120)


def _client(
    url: str, union_id: str = "local-user", key: str = "dentry-local", secret: str = "dentry-local-secret"
) -> Storage:
    raw = RawApi(url, union_id=union_id)
    raw.get_token(key, secret)
    return Storage(raw, union_id)


def _spaces(storage: Storage, space_type: str) -> list[Json]:
    body = ok(storage.call("GET", "/v1.0/drive/spaces", params={"spaceType": space_type, "maxResults": 50}))
    return list(body["spaces"])


def _walk(storage: Storage, space_id: str, parent_id: str = ROOT, depth: int = 0) -> list[tuple[int, Json]]:
    found: list[tuple[int, Json]] = []
    for dentry in storage.list_all(space_id, parent_id, maxResults=50):
        found.append((depth, dentry))
        if dentry["type"] == "FOLDER":
            found.extend(_walk(storage, space_id, dentry["id"], depth + 1))
    return found


def test_listening_line_and_clean_sigterm(tmp_path: Path) -> None:
    service = start_service(tmp_path / "data")
    try:
        assert service.url.startswith("http://127.0.0.1:")
        port = int(service.url.rsplit(":", 1)[1])
        assert port > 0
        line = next(x for x in service.lines if "listening on" in x)
        assert f"listening on http://127.0.0.1:{port}" in line
        storage = _client(service.url)
        assert storage.new_space_id().isdigit()
    finally:
        code = service.stop(signal.SIGTERM)
    assert code == 0, service.lines
    assert not any("Traceback" in x for x in service.lines), service.lines


def test_clean_sigint(tmp_path: Path) -> None:
    service = start_service(tmp_path / "data")
    _client(service.url)
    code = service.stop(signal.SIGINT)
    assert code == 0, service.lines
    assert not any("Traceback" in x for x in service.lines), service.lines


def test_binds_loopback_by_default(tmp_path: Path) -> None:
    service = start_service(tmp_path / "data", host=None)
    try:
        assert service.url.startswith("http://127.0.0.1:"), service.lines
        ok(
            requests.post(
                f"{service.url}/v1.0/oauth2/accessToken",
                json={"appKey": "dentry-local", "appSecret": "dentry-local-secret"},
                timeout=10,
            )
        )
    finally:
        service.stop()  # the exit code is checked by the signal tests


def test_fixed_port(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = start_service(tmp_path / "data", port=str(port))
    try:
        assert service.url == f"http://127.0.0.1:{port}"
        _client(service.url)
    finally:
        service.stop()  # the exit code is checked by the signal tests


def test_restart_keeps_everything(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = start_service(data_dir)
    try:
        storage = _client(first.url)
        space = storage.add_space("kept", owner_type="USER")
        folder = storage.add_folder(space["id"], "folder")
        content = bytes(range(256)) * 100
        file = storage.upload(space["id"], "kept.bin", content, parent_id=folder["id"])
        storage.upload(space["id"], "kept.bin", b"v2", parent_id=folder["id"], conflict="OVERWRITE")
        gone = storage.upload(space["id"], "gone.txt", b"x")
        storage.delete(space["id"], gone["id"], to_recycle_bin=False)
    finally:
        first.stop()  # the exit code is checked by the signal tests
    second = start_service(data_dir)
    try:
        storage = _client(second.url)
        assert ok(storage.call("GET", f"/v1.0/storage/spaces/{space['id']}"))["space"]["name"] == "kept"
        assert [d["name"] for d in storage.list_all(space["id"])] == ["folder"]
        again = storage.get_dentry(space["id"], file["id"])
        assert again["name"] == "kept.bin"
        assert again["version"] == 2
        assert again["uuid"] == file["uuid"]
        assert storage.download(space["id"], file["id"]) == b"v2"
        assert storage.download(space["id"], file["id"], version=1) == content
        # New ids never reuse old ones.
        new_folder = storage.add_folder(space["id"], "after-restart")
        assert new_folder["id"] not in {folder["id"], file["id"], gone["id"]}
        assert space["id"] in {s["spaceId"] for s in _spaces(storage, "personal")}
    finally:
        second.stop()  # the exit code is checked by the signal tests


def test_options(tmp_path: Path) -> None:
    service = start_service(
        tmp_path / "data",
        "--app-key",
        "my-key",
        "--app-secret",
        "my-secret",
        "--url-ttl",
        "5",
        "--token-ttl",
        "60",
        "--public-url",
        "http://files.example.test:8443",
        "--fault-latency",
        "120",
    )
    try:
        refused = requests.post(
            f"{service.url}/v1.0/oauth2/accessToken",
            json={"appKey": "dentry-local", "appSecret": "dentry-local-secret"},
            timeout=10,
        )
        assert refused.status_code == 400
        token = ok(
            requests.post(
                f"{service.url}/v1.0/oauth2/accessToken",
                json={"appKey": "my-key", "appSecret": "my-secret"},
                timeout=10,
            )
        )
        assert token["expireIn"] == 60
        storage = _client(service.url, key="my-key", secret="my-secret")
        space_id = storage.new_space_id()
        info = storage.upload_info(space_id, "a.txt", 1)["headerSignatureInfo"]
        assert info["expirationSeconds"] == 5
        assert info["resourceUrls"][0].startswith("http://files.example.test:8443/")
        started = time.monotonic()
        storage.names(space_id)
        assert time.monotonic() - started >= 0.12  # --fault-latency: every answer comes late
    finally:
        service.stop()  # the exit code is checked by the signal tests


def test_demo_space(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    service = start_service(data_dir, "--demo", "--union-id", "demo-owner")
    try:
        storage = _client(service.url, union_id="demo-owner")
        org = _spaces(storage, "org")
        assert len(org) == 1, org
        space_id = org[0]["spaceId"]
        space = ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]
        assert space["ownerType"] != "USER"
        tree = _walk(storage, space_id)
        files = [d for _, d in tree if d["type"] == "FILE"]
        extensions = {d["extension"] for d in files}
        assert extensions & {"png", "jpg", "jpeg", "gif", "webp", "bmp"}, extensions
        assert "pdf" in extensions
        assert "txt" in extensions
        assert extensions & {"docx", "xlsx", "pptx", "doc", "xls", "ppt"}, extensions
        assert max(depth for depth, d in tree if d["type"] == "FOLDER") >= 1, "nested folders"
        sample = next(d for d in files if d["extension"] == "pdf")
        info = storage.download_info(space_id, sample["id"])["headerSignatureInfo"]
        response = signed_request("GET", info)
        assert response.content.startswith(b"%PDF")
        images = [d["id"] for d in files if d["extension"] in {"png", "jpg", "jpeg"}][:5]
        storage.wait_thumbnails(space_id, images, timeout=10)
        counted = len(tree)
    finally:
        service.stop()  # the exit code is checked by the signal tests
    again = start_service(data_dir, "--demo", "--union-id", "demo-owner")
    try:
        storage = _client(again.url, union_id="demo-owner")
        org = _spaces(storage, "org")
        assert len(org) == 1, "--demo on an existing data folder must not add another space"
        assert len(_walk(storage, org[0]["spaceId"])) == counted
    finally:
        again.stop()  # the exit code is checked by the signal tests


def test_demo_is_not_created_without_the_flag(tmp_path: Path) -> None:
    with running_server(tmp_path / "plain") as server:
        storage = _client(server.url)
        assert _spaces(storage, "org") == []
        assert _spaces(storage, "personal") == []


def test_demo_in_process(tmp_path: Path) -> None:
    with running_server(tmp_path / "demo", demo=True) as server:
        storage = _client(server.url)
        assert len(_spaces(storage, "org")) == 1


@pytest.mark.parametrize(
    "args",
    [["--port", "not-a-port"], ["--url-ttl", "soon"], [], ["--bogus"]],
    ids=["bad-port", "bad-ttl", "no-data-dir", "unknown-option"],
)
def test_bad_arguments_exit_non_zero_without_traceback(tmp_path: Path, args: list[str]) -> None:
    command = [sys.executable, "-m", "app.localserver", *args]
    if args and "--data-dir" not in args:
        command += ["--data-dir", str(tmp_path / "d")]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "usage" in (result.stderr + result.stdout).lower()


def test_port_in_use_fails_cleanly(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "app.localserver",
                "--port",
                str(port),
                "--data-dir",
                str(tmp_path / "d"),
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode != 0
    assert "listening on" not in result.stdout
