"""Recycle-bin and version calls of the client, over real HTTP against the local service."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from app.api import ApiError, StorageClient
from app.api.models import RecycleItem
from app.localserver.config import DEFAULT_UNION_ID
from tests.api.conftest import FAST_RETRY, ROOT, download, upload, watch
from tests.support.scripted_service import APP_KEY, APP_SECRET, UNION_ID, Request, not_found, scripted_service


def _binned_files(client: StorageClient, space_id: str, count: int, parent: str = ROOT) -> list[str]:
    """`count` small files deleted to the bin; their dentry ids."""
    ids = [
        upload(client, space_id, f"file {n:03d}.txt", f"content {n}".encode(), parent=parent).id
        for n in range(count)
    ]
    results = client.delete_dentries(space_id, ids, to_recycle_bin=True)
    assert all(result.success for result in results)
    return ids


def _items_by_dentry(client: StorageClient, bin_id: str) -> dict[str, RecycleItem]:
    return {item.dentry_id: item for item in client.list_recycle_items(bin_id)}


def test_get_recycle_bin_and_its_items(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Reports")
    upload(client, space_id, "inside.txt", b"12345", parent=folder.id)
    client.delete_dentry(space_id, folder.id)  # to the bin by default

    recycle_bin = client.get_recycle_bin(space_id)
    assert recycle_bin.id
    assert (recycle_bin.scope, recycle_bin.scope_id) == ("SPACE", space_id)
    assert client.get_recycle_bin(space_id) == recycle_bin

    (item,) = client.list_recycle_items(recycle_bin.id)
    assert item.dentry_id == folder.id
    assert item.space_id == space_id
    assert item.is_folder
    assert (item.original_name, item.original_path, item.size) == ("Reports", "/Reports", 5)
    assert item.operator_id == DEFAULT_UNION_ID
    assert item.operator_time is not None
    assert datetime.now(UTC) - item.operator_time < timedelta(minutes=1)
    assert client.get_recycle_item(recycle_bin.id, item.id) == item


def test_list_recycle_items_reads_every_page(client: StorageClient, space_id: str) -> None:
    ids = _binned_files(client, space_id, 120)
    bin_id = client.get_recycle_bin(space_id).id
    wire = watch(client)

    items = client.list_recycle_items(bin_id)

    assert sorted(item.dentry_id for item in items) == sorted(ids)
    calls = wire.calls("/recycleItems")
    assert len(calls) == 3
    assert all("maxResults=50" in path for _method, path, _status in calls)


def test_a_batch_restore_where_two_fail_says_which_and_why(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "batch")
    ids = _binned_files(client, space_id, 29, parent=folder.id)
    upload(client, space_id, "file 007.txt", b"taken meanwhile", parent=folder.id)
    bin_id = client.get_recycle_bin(space_id).id
    items = _items_by_dentry(client, bin_id)
    asked = [items[dentry_id].id for dentry_id in ids]
    asked.insert(12, "987654321")  # not an item of this bin
    assert len(asked) == 30
    wire = watch(client)

    results = client.restore_recycle_items(bin_id, asked, conflict="RETURN_ERROR_IF_EXISTS")

    assert len(wire.calls("/batchRestore")) == 1
    assert [result.recycle_item_id for result in results] == asked
    failed = {result.recycle_item_id: result for result in results if not result.success}
    assert set(failed) == {"987654321", items[ids[7]].id}
    missing, clash = failed["987654321"], failed[items[ids[7]].id]
    assert missing.error_code == "recycleItemNotExist"
    assert missing.error is not None
    assert missing.error.sentence == "The item is not in the recycle bin (any more)."
    assert clash.error_code == "dentryNameConflict"
    assert clash.error is not None
    assert clash.error.sentence == "An item with this name already exists."
    restored = {result.dentry_id for result in results if result.success}
    assert restored == set(ids) - {ids[7]}
    assert [item.dentry_id for item in client.list_recycle_items(bin_id)] == [ids[7]]


def test_restores_go_in_calls_of_at_most_30(client: StorageClient, space_id: str) -> None:
    ids = _binned_files(client, space_id, 65)
    bin_id = client.get_recycle_bin(space_id).id
    item_ids = [item.id for item in client.list_recycle_items(bin_id)]
    sent: list[list[str]] = []

    def record(response: requests.Response, *_args: object, **_kwargs: object) -> None:
        if response.request.url and "/batchRestore" in response.request.url:
            sent.append(json.loads(response.request.body or b"{}")["recycleItemIds"])

    client.transport.session.hooks["response"].append(record)

    results = client.restore_recycle_items(bin_id, item_ids)

    assert sent == [item_ids[:30], item_ids[30:60], item_ids[60:]]
    assert [result.recycle_item_id for result in results] == item_ids
    assert all(result.success for result in results)
    assert {d.id for d in client.iter_dentries(space_id)} == set(ids)
    assert client.list_recycle_items(bin_id) == []


def test_restore_one_item_back_where_it_was(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Docs")
    file = upload(client, space_id, "plan.txt", b"v1", parent=folder.id)
    upload(client, space_id, "plan.txt", b"v2", parent=folder.id, conflict="OVERWRITE")
    client.delete_dentry(space_id, file.id)
    upload(client, space_id, "plan.txt", b"newer", parent=folder.id)
    bin_id = client.get_recycle_bin(space_id).id
    (item,) = client.list_recycle_items(bin_id)

    with pytest.raises(ApiError) as refused:
        client.restore_recycle_item(bin_id, item.id, conflict="RETURN_ERROR_IF_EXISTS")
    assert refused.value.code == "dentryNameConflict"

    result = client.restore_recycle_item(bin_id, item.id)

    assert (result.success, result.dentry_id, result.space_id, result.pending) == (
        True,
        file.id,
        space_id,
        False,
    )
    names = {d.name: d.id for d in client.iter_dentries(space_id, folder.id)}
    assert names["plan (1).txt"] == file.id
    assert download(client, space_id, file.id) == b"v2"
    assert download(client, space_id, file.id, version=1) == b"v1"
    with pytest.raises(ApiError) as gone:
        client.restore_recycle_item(bin_id, item.id)
    assert gone.value.code == "recycleItemNotExist"


def test_delete_recycle_items_for_good(client: StorageClient, space_id: str) -> None:
    _binned_files(client, space_id, 120)
    bin_id = client.get_recycle_bin(space_id).id
    items = client.list_recycle_items(bin_id)
    used = client.get_space(space_id).used_quota
    wire = watch(client)

    client.delete_recycle_items(bin_id, [item.id for item in items[:110]] + ["987654321"])

    assert len(wire.calls("/batchRemove")) == 3  # 50, 50, 11
    left = client.list_recycle_items(bin_id)
    assert [item.id for item in left] == [item.id for item in items[110:]]
    assert client.get_space(space_id).used_quota == (used or 0) - sum(item.size or 0 for item in items[:110])

    client.delete_recycle_item(bin_id, left[0].id)
    with pytest.raises(ApiError) as again:
        client.delete_recycle_item(bin_id, left[0].id)
    assert again.value.code == "recycleItemNotExist"
    with pytest.raises(ApiError) as gone:
        client.get_recycle_item(bin_id, left[0].id)
    assert gone.value.code == "recycleItemNotExist"


def test_clear_recycle_bin_sends_no_body(client: StorageClient, space_id: str) -> None:
    _binned_files(client, space_id, 3)
    kept = upload(client, space_id, "kept.txt", b"kept")
    bin_id = client.get_recycle_bin(space_id).id
    wire = watch(client)

    client.clear_recycle_bin(bin_id)

    assert wire.last is not None
    sent = wire.last.request
    assert (sent.method, sent.body, sent.headers.get("Content-Type")) == ("POST", None, None)
    assert client.list_recycle_items(bin_id) == []
    assert client.get_space(space_id).used_quota == kept.size


def test_revert_dentry_version_and_download_every_version(client: StorageClient, space_id: str) -> None:
    contents = [b"first", b"second!", b"third!!!"]
    file = upload(client, space_id, "doc.txt", contents[0])
    for data in contents[1:]:
        upload(client, space_id, "doc.txt", data, conflict="OVERWRITE")
    wire = watch(client)

    client.revert_dentry_version(space_id, file.id, 2)

    assert wire.last is not None
    assert (wire.last.request.body, wire.last.request.headers.get("Content-Type")) == (None, None)
    assert wire.calls("/versions/2/revert")
    now = client.get_dentry(space_id, file.id)
    assert (now.version, now.size) == (4, len(contents[1]))
    versions = client.list_dentry_versions(space_id, file.id)
    assert [v.version for v in versions] == [4, 3, 2, 1]
    for version, data in zip((1, 2, 3, 4), [*contents, contents[1]], strict=True):
        assert download(client, space_id, file.id, version=version) == data
    with pytest.raises(ApiError) as unknown:
        client.revert_dentry_version(space_id, file.id, 9)
    assert unknown.value.code.startswith("paramError")


def _answers_for_one_item_only(request: Request) -> tuple[int, Any]:
    if request.path.endswith("/batchRestore"):
        first = request.body["recycleItemIds"][0]
        return 200, {"resultItems": [{"recycleItemId": first, "success": True, "dentryId": "21"}]}
    return not_found(request)


def test_an_item_the_answer_leaves_out_counts_as_failed() -> None:
    with scripted_service(_answers_for_one_item_only) as service:
        client = StorageClient(service.url, APP_KEY, APP_SECRET, UNION_ID, retry=FAST_RETRY)

        results = client.restore_recycle_items("5", ["1", "2"])

    assert [(r.recycle_item_id, r.success, r.error_code) for r in results] == [
        ("1", True, None),
        ("2", False, "unknownError"),
    ]
