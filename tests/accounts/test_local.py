"""LocalService: the built-in account's embedded storage service, reached over HTTP like any endpoint."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.accounts import (
    LOCAL_ACCOUNT_NAME,
    LOCAL_APP_KEY,
    LOCAL_UNION_ID,
    LocalService,
    SecretStore,
    local_account,
    local_app_secret,
    local_data_dir,
)


@pytest.fixture
def service() -> Iterator[LocalService]:
    running = LocalService()
    yield running
    running.stop()


def test_local_account() -> None:
    account = local_account("http://127.0.0.1:5")
    assert account.is_local
    assert account.name == LOCAL_ACCOUNT_NAME
    assert (account.endpoint, account.app_key, account.union_id) == (
        "http://127.0.0.1:5",
        LOCAL_APP_KEY,
        LOCAL_UNION_ID,
    )
    assert local_account().endpoint == ""


def test_the_data_folder_is_in_the_user_data_dir(user_dirs: Path) -> None:
    assert local_data_dir() == user_dirs / ".local" / "share" / "dentry" / "localserver"
    assert LocalService().data_dir == local_data_dir()


def test_the_service_answers_with_the_local_credentials_and_a_demo_space(service: LocalService) -> None:
    url = service.start()
    assert url.startswith("http://127.0.0.1:")
    assert service.start() == url
    assert (local_data_dir()).is_dir()

    account = local_account(url)
    with requests.Session() as session:
        response = session.post(
            f"{account.endpoint}/v1.0/oauth2/accessToken",
            json={"appKey": account.app_key, "appSecret": SecretStore().get(account)},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        token = response.json()["accessToken"]

        response = session.get(
            f"{account.endpoint}/v1.0/drive/spaces",
            params={"unionId": account.union_id, "spaceType": "org"},
            headers={"x-acs-dingtalk-access-token": token},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        assert [space["spaceName"] for space in response.json()["spaces"]] == ["Demo space"]

    service.stop()
    service.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/v1.0/drive/spaces", timeout=2)


def test_a_restart_keeps_the_data_and_the_secret(tmp_path: Path) -> None:
    service = LocalService(tmp_path / "local")
    try:
        secret = local_app_secret(service.data_dir)
        first = _space_ids(service.start(), secret)
        service.stop()
        assert local_app_secret(service.data_dir) == secret
        assert _space_ids(service.start(), secret) == first
    finally:
        service.stop()


def _token_answer(url: str, secret: str) -> requests.Response:
    return requests.post(
        f"{url}/v1.0/oauth2/accessToken", json={"appKey": LOCAL_APP_KEY, "appSecret": secret}, timeout=10
    )


def _space_ids(url: str, secret: str) -> list[str]:
    token = _token_answer(url, secret).json()["accessToken"]
    response = requests.get(
        f"{url}/v1.0/drive/spaces",
        params={"unionId": LOCAL_UNION_ID, "spaceType": "org"},
        headers={"x-acs-dingtalk-access-token": token},
        timeout=10,
    )
    response.raise_for_status()
    return [space["spaceId"] for space in response.json()["spaces"]]


@pytest.mark.parametrize("in_process", [False, True], ids=["child-process", "thread"])
def test_the_embedded_service_has_a_random_secret_and_refuses_the_old_default(
    tmp_path: Path, in_process: bool
) -> None:
    service = LocalService(tmp_path / "local", in_process=in_process)
    try:
        url = service.start()
        refused = _token_answer(url, "dentry-local-secret")
        assert refused.status_code == 400, refused.text
        assert refused.json()["code"] == "invalidClientIdOrSecret"
        secret = local_app_secret(service.data_dir)
        assert len(secret) >= 40
        assert _token_answer(url, secret).status_code == 200
        other = LocalService(tmp_path / "other", in_process=in_process)
        assert local_app_secret(other.data_dir) != secret  # one secret per data folder
    finally:
        service.stop()


def _children_command_lines() -> list[str]:
    """The command lines (as ps shows them) of this process's children."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == os.getpid():
            found.append(command)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_the_secret_is_not_on_the_child_processes_command_line(service: LocalService) -> None:
    service.start()
    secret = local_app_secret()
    (command,) = [line for line in _children_command_lines() if "app.localserver" in line]
    assert "--app-secret-file" in command
    assert secret not in command
    assert "dentry-local-secret" not in command


@pytest.mark.parametrize("in_process", [False, True], ids=["child-process", "thread"])
def test_the_data_folder_is_private_whatever_the_umask(tmp_path: Path, in_process: bool) -> None:
    """Folders 0700 and files 0600: the database (with -wal and -shm), blobs, thumbnails, the secret."""
    previous = os.umask(0)  # the most open umask there is; the child process inherits it
    service = LocalService(tmp_path / "local", in_process=in_process)
    try:
        _space_ids(service.start(), local_app_secret(service.data_dir))
        thumbnails = service.data_dir / "thumbnails"
        deadline = time.monotonic() + 30
        while not any(thumbnails.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        names = {path.name for path in service.data_dir.iterdir()}
        assert {"metadata.sqlite3", "metadata.sqlite3-wal", "metadata.sqlite3-shm", "app-secret"} <= names
        assert any(thumbnails.iterdir())
        assert any((service.data_dir / "blobs").glob("*/*"))
        # Thumbnails still being written pass through the renderer's own modes for a moment.
        private = {"folders": {0o700}, "files": {0o600}}
        while _modes(service.data_dir) != private and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _modes(service.data_dir) == private
    finally:
        service.stop()
        os.umask(previous)


def _modes(folder: Path) -> dict[str, set[int]]:
    """The permission bits of `folder` and of every folder and file below it."""
    modes: dict[str, set[int]] = {"folders": {stat.S_IMODE(folder.stat().st_mode)}, "files": set()}
    for path in folder.rglob("*"):
        with contextlib.suppress(FileNotFoundError):  # a temporary file renamed meanwhile
            modes["folders" if path.is_dir() else "files"].add(stat.S_IMODE(path.stat().st_mode))
    return modes
