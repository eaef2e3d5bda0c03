"""An answer cut off inside its headers is a lost answer, never an empty success.

When a connection breaks after the status line but before the headers end, `requests` hands
back a "200" with no body; read as ``{}`` it became a dentry of size 0 (an empty file placed
under the final name, exit 0), an empty folder page (files silently not downloaded) or a token
answer without a token. A real proxy (tests/support/cutting_proxy.py) sends the first bytes of
the chosen answer and closes the connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.folder_download import plan_download
from app.transfers.journal import Journal, State
from app.transfers.manager import TransferManager
from tests.support.cutting_proxy import CuttingProxy, cutting_proxy
from tests.transfers.conftest import SMALL
from tests.transfers.helpers import ACCOUNT, KIB, children, finish, pattern, sha256, sha256_file, upload_bytes

HEADER_BYTES = 40
"""Enough for the status line and part of the first header, not for the end of the headers."""


@pytest.fixture
def proxy(server: LocalServer) -> Iterator[CuttingProxy]:
    """The answer-cutting proxy in front of the test's service."""
    with cutting_proxy(server.url) as running:
        yield running


@pytest.fixture
def proxied(proxy: CuttingProxy) -> StorageClient:
    """A client that talks to the service through the proxy, retrying quickly."""
    return StorageClient(
        proxy.url,
        DEFAULT_APP_KEY,
        DEFAULT_APP_SECRET,
        DEFAULT_UNION_ID,
        retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02),
    )


def _run(proxied: StorageClient, tmp_path: Path, add: str, *args: object) -> State:
    manager = TransferManager(
        Journal(tmp_path / "j.sqlite3"), lambda _account: proxied, SMALL, retry_base=0.01, retry_cap=0.05
    )
    job = getattr(manager, add)(ACCOUNT, *args)
    manager.start()
    try:
        (done,) = finish(manager, [job])
    finally:
        manager.shutdown()
        manager.journal.close()
    assert done.error is None, done.error
    return done.state


def test_a_file_whose_details_answer_is_cut_is_downloaded_whole(
    client: StorageClient, space_id: str, proxy: CuttingProxy, proxied: StorageClient, tmp_path: Path
) -> None:
    data = pattern(300 * KIB, 1)
    dentry = upload_bytes(client, space_id, "report.bin", data)
    proxy.cut("POST", f"/dentries/{dentry.id}/query", keep=HEADER_BYTES)
    target = tmp_path / "down" / "report.bin"

    # No listed version and size: the job asks GetDentry first, and that answer is cut.
    state = _run(proxied, tmp_path, "add_download", space_id, dentry.id, dentry.name, target)

    assert state == State.DONE
    assert sha256_file(target) == sha256(data)
    assert [seen.cut for seen in proxy.requests(f"/dentries/{dentry.id}/query")][:2] == [True, False]


def test_a_folder_page_cut_off_is_asked_again_not_taken_as_empty(
    client: StorageClient, space_id: str, proxy: CuttingProxy, proxied: StorageClient
) -> None:
    folder = client.add_folder(space_id, "0", "Reports")
    for number in range(3):
        upload_bytes(client, space_id, f"r{number}.bin", pattern(KIB, number), parent_id=folder.id)
    proxy.cut("GET", "/dentries", keep=HEADER_BYTES)

    plan = plan_download(proxied, space_id, [folder])

    assert sorted(planned.dentry.name for planned in plan.files) == ["r0.bin", "r1.bin", "r2.bin"]


def test_a_token_answer_cut_off_is_asked_again(proxy: CuttingProxy, proxied: StorageClient) -> None:
    proxy.cut("POST", "/oauth2/accessToken", keep=HEADER_BYTES)

    space = proxied.add_space("after a cut token answer", owner_type="USER")

    assert proxied.get_space(space.id).name == "after a cut token answer"


def test_a_commit_answer_cut_inside_its_headers_makes_one_file(
    client: StorageClient, space_id: str, proxy: CuttingProxy, proxied: StorageClient, tmp_path: Path
) -> None:
    source = tmp_path / "notes.bin"
    source.write_bytes(pattern(20 * KIB, 3))
    proxy.cut("POST", "/files/commit", keep=HEADER_BYTES)

    state = _run(proxied, tmp_path, "add_upload", space_id, "0", source, "notes.bin")

    assert state == State.DONE
    assert sorted(children(client, space_id)) == ["notes.bin"]
