"""The service's data is private: folders 0700 and files 0600, and its secret kept out of ps."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import RawApi
from tests.localserver.helpers import (
    REPO_ROOT,
    ServiceProcess,
    Storage,
    image_bytes,
    ok,
    signed_request,
    start_service,
)

TOKEN_PATH = "/v1.0/oauth2/accessToken"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most open umask there is, for this process and the services it starts."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def _modes(folder: Path) -> dict[str, set[int]]:
    """The permission bits of `folder` and of every folder and file below it."""
    modes: dict[str, set[int]] = {"folders": {stat.S_IMODE(folder.stat().st_mode)}, "files": set()}
    for path in folder.rglob("*"):
        modes["folders" if path.is_dir() else "files"].add(stat.S_IMODE(path.stat().st_mode))
    return modes


PRIVATE = {"folders": {0o700}, "files": {0o600}}


def _fill(service: ServiceProcess) -> Storage:
    """A file, a picture with its thumbnail, an uncommitted upload and an uncommitted part."""
    raw = RawApi(service.url)
    raw.get_token()
    storage = Storage(raw)
    space_id = storage.new_space_id()
    storage.upload(space_id, "a.bin", b"private bytes")
    picture = storage.upload(space_id, "p.png", image_bytes("PNG"))
    storage.wait_thumbnails(space_id, [picture["id"]])
    storage.put(storage.upload_info(space_id, "later.bin", 5), b"later")
    upload_key = ok(
        storage.call("POST", f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init", json={})
    )["uploadKey"]
    infos = ok(
        storage.call(
            "POST",
            "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
            json={"uploadKey": upload_key, "partNumbers": [1]},
        )
    )["multipartHeaderSignatureInfos"]
    assert signed_request("PUT", infos[0]["headerSignatureInfo"], data=b"part").status_code == 200
    return storage


def test_a_new_data_folder_is_private_whatever_the_umask(tmp_path: Path, open_umask: None) -> None:
    data_dir = tmp_path / "data"
    service = start_service(data_dir)
    try:
        _fill(service)
        names = {path.name for path in data_dir.iterdir()}
        assert {"metadata.sqlite3", "metadata.sqlite3-wal", "metadata.sqlite3-shm"} <= names
        assert any((data_dir / "thumbnails").iterdir())
        assert len(list((data_dir / "uploads").glob("*/*"))) == 2
        assert _modes(data_dir) == PRIVATE
    finally:
        service.stop()


def test_an_open_data_folder_of_an_earlier_version_is_tightened_at_start(
    tmp_path: Path, open_umask: None
) -> None:
    data_dir = tmp_path / "data"
    service = start_service(data_dir)
    try:
        storage = _fill(service)
    finally:
        service.stop()
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    service = start_service(data_dir)
    try:
        assert _modes(data_dir) == PRIVATE
        raw = RawApi(service.url)
        raw.get_token()
        assert Storage(raw).names(storage.spaces[0]) == ["a.bin", "p.png"]
    finally:
        service.stop()


def _token_status(url: str, secret: str) -> int:
    answer = requests.post(
        f"{url}{TOKEN_PATH}", json={"appKey": "dentry-local", "appSecret": secret}, timeout=10
    )
    return answer.status_code


def _command_line(pid: int) -> str:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()


@pytest.mark.parametrize("source", ["file", "environment"])
def test_the_secret_can_stay_out_of_the_command_line(tmp_path: Path, source: str) -> None:
    secret = "from-a-quiet-place-0123456789"
    if source == "file":
        secret_file = tmp_path / "secret"
        secret_file.write_text(secret + "\n")
        service = start_service(tmp_path / "data", "--app-secret-file", str(secret_file))
    else:
        service = start_service(tmp_path / "data", env={"DENTRY_LOCALSERVER_APP_SECRET": secret})
    try:
        assert _token_status(service.url, secret) == 200
        assert _token_status(service.url, "dentry-local-secret") == 400
        if Path("/proc/self/cmdline").exists():
            assert secret not in _command_line(service.pid)
    finally:
        service.stop()


@pytest.mark.parametrize("content", [None, ""], ids=["missing", "empty"])
def test_an_unusable_secret_file_stops_the_start_with_a_message(tmp_path: Path, content: str | None) -> None:
    secret_file = tmp_path / "secret"
    if content is not None:
        secret_file.write_text(content)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.localserver",
            "--data-dir",
            str(tmp_path / "d"),
            "--app-secret-file",
            str(secret_file),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"--app-secret-file {secret_file}" in last_line
    assert "cannot read" in last_line or "is empty" in last_line
    assert "Traceback" not in result.stderr


def test_a_secret_on_the_command_line_still_works_for_tests(tmp_path: Path) -> None:
    service = start_service(tmp_path / "data", "--app-secret", "given-s3cret")
    try:
        assert _token_status(service.url, "given-s3cret") == 200
    finally:
        service.stop()
