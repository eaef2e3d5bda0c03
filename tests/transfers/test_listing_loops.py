"""A misbehaving service cannot make a folder download go on forever or crash a download job.

The service here is a small scripted one over real HTTP (the local service never misbehaves so).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.api import ApiError, StorageClient
from app.api.models import Dentry
from app.api.transport import RetryPolicy
from app.transfers.folder_download import plan_download
from app.transfers.journal import Journal, State
from app.transfers.manager import TransferManager
from tests.support.scripted_service import (
    APP_KEY,
    APP_SECRET,
    UNION_ID,
    Request,
    dentry,
    not_found,
    scripted_service,
)
from tests.transfers.conftest import SMALL
from tests.transfers.helpers import ACCOUNT, finish

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)


def _client(url: str) -> StorageClient:
    return StorageClient(url, APP_KEY, APP_SECRET, UNION_ID, retry=FAST)


def _tree(children: dict[str, list[dict[str, Any]]]) -> Any:
    def answer(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/dentries"):
            return 200, {"dentries": children.get(request.query.get("parentId", ""), [])}
        return not_found(request)

    return answer


FOLDER = Dentry(id="5", space_id="7", parent_id="0", type="FOLDER", name="Loop")


@pytest.mark.parametrize(
    "children",
    [
        # A folder that lists itself as its own child.
        {"5": [dentry("5", "Loop", parent_id="5", folder=True), dentry("8", "a.txt", parent_id="5")]},
        # One that lists its parent inside a child: 5 → 6 → 5.
        {"5": [dentry("6", "Inner", parent_id="5", folder=True)], "6": [dentry("5", "Loop", folder=True)]},
    ],
    ids=["itself", "an-ancestor"],
)
def test_a_folder_listed_inside_itself_ends_the_plan(children: dict[str, list[dict[str, Any]]]) -> None:
    with scripted_service(_tree(children)) as service:
        with pytest.raises(ApiError) as raised:
            plan_download(_client(service.url), "7", [FOLDER])

        assert raised.value.code == "listingLoop"
        assert "the folder 'Loop' (id 5) is listed inside itself" in raised.value.sentence
        assert len(service.calls("/dentries")) <= 2


def test_a_page_token_that_never_changes_ends_the_plan() -> None:
    def answer(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/dentries"):
            return 200, {"dentries": [dentry("8", "a.txt", parent_id="5")], "nextToken": "again"}
        return not_found(request)

    with scripted_service(answer) as service:
        with pytest.raises(ApiError, match="same page token"):
            plan_download(_client(service.url), "7", [FOLDER])
        assert len(service.calls("/dentries")) == 5


def test_a_download_without_an_address_fails_with_a_clear_reason(tmp_path: Path) -> None:
    def answer(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/downloadInfos/query"):
            return 200, {"headerSignatureInfo": {"resourceUrls": [], "headers": {}, "expirationSeconds": 900}}
        if request.path.endswith("/query"):
            return 200, {"dentry": dentry("8", "a.txt")}
        return not_found(request)

    with scripted_service(answer) as service:
        client = _client(service.url)
        manager = TransferManager(Journal(tmp_path / "j.sqlite3"), lambda _account: client, SMALL)
        job = manager.add_download(ACCOUNT, "7", "8", "a.txt", tmp_path / "a.txt")
        manager.start()
        try:
            (done,) = finish(manager, [job])
        finally:
            manager.shutdown()
            manager.journal.close()

    assert done.state == State.FAILED
    assert done.error == "The service gave no download address."
    assert not (tmp_path / "a.txt").exists()
