"""Fixtures shared by every test: a real local storage service on 127.0.0.1 and a raw HTTP caller."""

from __future__ import annotations

import os

# Before any QApplication exists, so that a bare `pytest` runs Qt without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from app.ui.application import identify
from app.ui.garbage import UiThreadCollector


@pytest.fixture(scope="session")
def ui_thread_collector(qapp: Any) -> Iterator[None]:
    """Python's cyclic collector runs on the UI thread only, as in the app (`app.ui.garbage`)."""
    collector = UiThreadCollector(qapp)
    yield
    collector.stop()


@pytest.fixture
def identified(qapp: Any) -> Iterator[Any]:
    """The application named as the app's `main` names it; as before afterwards (the session shares it)."""
    before = qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName()
    identify(qapp)
    yield qapp
    qapp.setApplicationName(before[0])
    qapp.setOrganizationName(before[1])
    qapp.setDesktopFileName(before[2])


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    """The configuration of the `server` fixture; override it in a module to change settings."""
    return ServerConfig(data_dir=tmp_path / "service")


@pytest.fixture
def server(server_config: ServerConfig) -> Iterator[LocalServer]:
    """A local storage service listening on a free port of 127.0.0.1 for one test."""
    with LocalServer(server_config) as running:
        yield running


@dataclass
class RawApi:
    """Speaks the Open API over plain `requests`, the way any client would."""

    base_url: str
    union_id: str = DEFAULT_UNION_ID
    session: requests.Session = field(default_factory=requests.Session)
    token: str | None = None

    def get_token(self, app_key: str = DEFAULT_APP_KEY, app_secret: str = DEFAULT_APP_SECRET) -> str:
        """Fetch an access token and remember it for later calls."""
        response = self.session.post(
            f"{self.base_url}/v1.0/oauth2/accessToken",
            json={"appKey": app_key, "appSecret": app_secret},
            timeout=10,
        )
        response.raise_for_status()
        self.token = str(response.json()["accessToken"])
        return self.token

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        union_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """Send one storage call with the token header and `unionId` (unless `params` sets it)."""
        query = {"unionId": union_id or self.union_id}
        query.update(params or {})
        sent_headers = {"x-acs-dingtalk-access-token": self.token or ""}
        sent_headers.update(headers or {})
        return self.session.request(
            method, f"{self.base_url}{path}", json=json, params=query, headers=sent_headers, timeout=30
        )


@pytest.fixture
def api(server: LocalServer) -> RawApi:
    """A raw caller holding a valid access token for the default unionId."""
    caller = RawApi(server.url)
    caller.get_token()
    return caller
