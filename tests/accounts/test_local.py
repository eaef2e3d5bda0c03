"""LocalService: the built-in account's embedded storage service, reached over HTTP like any endpoint."""

from __future__ import annotations

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


def test_a_restart_keeps_the_data(tmp_path: Path) -> None:
    service = LocalService(tmp_path / "local")
    try:
        first = _space_ids(service.start())
        service.stop()
        assert _space_ids(service.start()) == first
    finally:
        service.stop()


def _space_ids(url: str) -> list[str]:
    token = requests.post(
        f"{url}/v1.0/oauth2/accessToken",
        json={"appKey": LOCAL_APP_KEY, "appSecret": "dentry-local-secret"},
        timeout=10,
    ).json()["accessToken"]
    response = requests.get(
        f"{url}/v1.0/drive/spaces",
        params={"unionId": LOCAL_UNION_ID, "spaceType": "org"},
        headers={"x-acs-dingtalk-access-token": token},
        timeout=10,
    )
    response.raise_for_status()
    return [space["spaceId"] for space in response.json()["spaces"]]
