"""The recycle bin and version revert through the official SDK (REFERENCE.md §13.2, §13.3, §13.8).

Same plumbing as `test_sdk_conformance`: every control-plane call goes through
`alibabacloud-dingtalk` unchanged, and the assertions read the models the SDK parsed, so a field
the SDK cannot see counts as missing. Edge cases of the wire (no body, bad ids, limits) are in
`test_http_recycle_bin`.
"""

from __future__ import annotations

import calendar
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from alibabacloud_dingtalk.storage_1_0 import models as v1
from alibabacloud_dingtalk.storage_2_0 import models as v2
from PIL import Image

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_UNION_ID
from tests.localserver.helpers import poll
from tests.localserver.test_sdk_conformance import (
    MISSING_ID,
    OTHER_UNION_ID,
    THUMBNAIL_WAIT_SECONDS,
    Sdk,
    expect_error,
    fetch_token,
    payload,
    sample_png,
)

Item = v1.ListRecycleItemsResponseBodyRecycleItems


@dataclass
class RecycleBinSdk(Sdk):
    """`Sdk` with the recycle-bin and version calls of §13."""

    def as_user(self, union_id: str) -> RecycleBinSdk:
        """The same token acting for another unionId."""
        return RecycleBinSdk(self.server_url, self.token, union_id)

    # ---- bins and items ----------------------------------------------------------------

    def get_recycle_bin(self, scope_id: str, scope: str = "SPACE") -> v1.GetRecycleBinResponseBodyRecycleBin:
        request = v1.GetRecycleBinRequest(recycle_bin_scope=scope, scope_id=scope_id, union_id=self.union_id)
        return self.v1.get_recycle_bin_with_options(
            request, self.headers(v1.GetRecycleBinHeaders), self.runtime
        ).body.recycle_bin

    def bin_id(self, space_id: str) -> str:
        return str(self.get_recycle_bin(space_id).id)

    def recycle_page(
        self, bin_id: str, *, max_results: int | None = None, next_token: str | None = None
    ) -> v1.ListRecycleItemsResponseBody:
        """One ListRecycleItems page."""
        request = v1.ListRecycleItemsRequest(
            max_results=max_results, next_token=next_token, union_id=self.union_id
        )
        return self.v1.list_recycle_items_with_options(
            bin_id, request, self.headers(v1.ListRecycleItemsHeaders), self.runtime
        ).body

    def items(self, bin_id: str, max_results: int | None = None) -> list[Item]:
        """Every item of a bin, following `nextToken`."""
        found: list[Item] = []
        token: str | None = None
        for _ in range(100):
            page = self.recycle_page(bin_id, max_results=max_results, next_token=token)
            found.extend(page.recycle_items or [])
            token = page.next_token
            if not token:
                return found
        raise AssertionError("ListRecycleItems never stopped returning a nextToken")

    def get_item(self, bin_id: str, item_id: str) -> v1.GetRecycleItemResponseBodyItem:
        request = v1.GetRecycleItemRequest(union_id=self.union_id)
        return self.v1.get_recycle_item_with_options(
            bin_id, item_id, request, self.headers(v1.GetRecycleItemHeaders), self.runtime
        ).body.item

    def restore(
        self, bin_id: str, item_id: str, strategy: str | None = None
    ) -> v1.RestoreRecycleItemResponseBody:
        option = v1.RestoreRecycleItemRequestOption(conflict_strategy=strategy) if strategy else None
        request = v1.RestoreRecycleItemRequest(option=option, union_id=self.union_id)
        return self.v1.restore_recycle_item_with_options(
            bin_id, item_id, request, self.headers(v1.RestoreRecycleItemHeaders), self.runtime
        ).body

    def restore_many(
        self, bin_id: str, item_ids: list[str], strategy: str | None = None
    ) -> list[v1.RestoreRecycleItemsResponseBodyResultItems]:
        option = v1.RestoreRecycleItemsRequestOption(conflict_strategy=strategy) if strategy else None
        request = v1.RestoreRecycleItemsRequest(
            recycle_item_ids=item_ids, option=option, union_id=self.union_id
        )
        return self.v1.restore_recycle_items_with_options(
            bin_id, request, self.headers(v1.RestoreRecycleItemsHeaders), self.runtime
        ).body.result_items

    def purge(self, bin_id: str, item_id: str) -> v1.DeleteRecycleItemResponseBody:
        request = v1.DeleteRecycleItemRequest(union_id=self.union_id)
        return self.v1.delete_recycle_item_with_options(
            bin_id, item_id, request, self.headers(v1.DeleteRecycleItemHeaders), self.runtime
        ).body

    def purge_many(self, bin_id: str, item_ids: list[str]) -> v1.DeleteRecycleItemsResponseBody:
        request = v1.DeleteRecycleItemsRequest(recycle_item_ids=item_ids, union_id=self.union_id)
        return self.v1.delete_recycle_items_with_options(
            bin_id, request, self.headers(v1.DeleteRecycleItemsHeaders), self.runtime
        ).body

    def clear(self, bin_id: str) -> v1.ClearRecycleBinResponseBody:
        request = v1.ClearRecycleBinRequest(union_id=self.union_id)
        return self.v1.clear_recycle_bin_with_options(
            bin_id, request, self.headers(v1.ClearRecycleBinHeaders), self.runtime
        ).body

    # ---- dentries ------------------------------------------------------------------------

    def delete_many(self, space_id: str, dentry_ids: list[str], *, to_recycle_bin: bool) -> None:
        request = v1.DeleteDentriesRequest(
            dentry_ids=dentry_ids,
            option=v1.DeleteDentriesRequestOption(to_recycle_bin=to_recycle_bin),
            union_id=self.union_id,
        )
        response = self.v1.delete_dentries_with_options(
            space_id, request, self.headers(v1.DeleteDentriesHeaders), self.runtime
        )
        assert all(item.success for item in response.body.result_items)

    def versions(self, space_id: str, dentry_id: str) -> list[v1.ListDentryVersionsResponseBodyDentries]:
        request = v1.ListDentryVersionsRequest(union_id=self.union_id, max_results=50)
        return self.v1.list_dentry_versions_with_options(
            space_id, dentry_id, request, self.headers(v1.ListDentryVersionsHeaders), self.runtime
        ).body.dentries

    def revert(self, space_id: str, dentry_id: str, version: int | str) -> v1.RevertDentryVersionResponseBody:
        request = v1.RevertDentryVersionRequest(union_id=self.union_id)
        return self.v1.revert_dentry_version_with_options(
            space_id,
            dentry_id,
            str(version),
            request,
            self.headers(v1.RevertDentryVersionHeaders),
            self.runtime,
        ).body

    def used_quota(self, space_id: str) -> int:
        return int(self.get_space(space_id).body.space.used_quota)

    def list_everything(self, space_id: str) -> list[str]:
        """ListAllDentries: the ids of every live dentry of the space."""
        request = v1.ListAllDentriesRequest(
            union_id=self.union_id, option=v1.ListAllDentriesRequestOption(max_results=50)
        )
        body = self.v1.list_all_dentries_with_options(
            space_id, request, self.headers(v1.ListAllDentriesHeaders), self.runtime
        ).body
        assert not body.next_token
        return [d.id for d in body.dentries or []]

    def search(self, space_id: str, keyword: str) -> list[str]:
        """SearchDentries v2: the uuids found in the space."""
        request = v2.SearchDentriesRequest(
            keyword=keyword,
            operator_id=self.union_id,
            option=v2.SearchDentriesRequestOption(space_ids=[int(space_id)], max_results=20),
        )
        items = self.v2.search_dentries_with_options(
            request, self.headers(v2.SearchDentriesHeaders), self.runtime
        ).body.items
        return [item.dentry_uuid for item in items or []]


@pytest.fixture
def sdk(server: LocalServer) -> RecycleBinSdk:
    """SDK clients holding a token fetched through the SDK's own oauth call."""
    return RecycleBinSdk(server.url, fetch_token(server.url).access_token)


@pytest.fixture
def space_id(sdk: RecycleBinSdk) -> str:
    """A fresh personal space of the default user."""
    return sdk.add_space("Recycle bin").id


def _by_dentry(items: list[Item]) -> dict[str, Item]:
    return {item.dentry_id: item for item in items}


# --------------------------------------------------------------------------------------------
# GetRecycleBin
# --------------------------------------------------------------------------------------------


def test_get_recycle_bin_gives_one_stable_bin_per_space(sdk: RecycleBinSdk, space_id: str) -> None:
    first = sdk.get_recycle_bin(space_id)
    assert isinstance(first.id, str)
    assert first.id
    assert first.scope == "SPACE"
    assert first.scope_id == space_id
    assert sdk.get_recycle_bin(space_id).id == first.id
    # The scope is compared as the Go SDK's enum, whatever its case.
    assert sdk.get_recycle_bin(space_id, scope="space").id == first.id

    other_space = sdk.add_space("another").id
    assert sdk.bin_id(other_space) != first.id


def test_get_recycle_bin_refusals(sdk: RecycleBinSdk, space_id: str) -> None:
    for scope in ("ORG", "APP", "FOLDER"):
        expect_error(
            lambda s=scope: sdk.get_recycle_bin(space_id, scope=s), "paramError", {400}, or_subcode=True
        )
    expect_error(lambda: sdk.get_recycle_bin(MISSING_ID), "spaceNotExist", {404})
    intruder = sdk.as_user(OTHER_UNION_ID)
    expect_error(lambda: intruder.get_recycle_bin(space_id), "permissionDenied", {403})
    # The bin of someone else's space is as closed as the space.
    bin_id = sdk.bin_id(space_id)
    expect_error(lambda: intruder.items(bin_id), "permissionDenied", {403})
    expect_error(lambda: intruder.clear(bin_id), "permissionDenied", {403})


# --------------------------------------------------------------------------------------------
# Deleting to the bin, listing and getting items
# --------------------------------------------------------------------------------------------


def test_one_item_per_deleted_root_with_every_field(sdk: RecycleBinSdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Reports")
    inner = sdk.add_folder(space_id, "2025", parent_id=folder.id)
    sdk.upload_v1(space_id, "q1.txt", payload(100), parent_id=inner.id)
    sdk.upload_v1(space_id, "q2.txt", payload(50), parent_id=folder.id)
    loose = sdk.upload_v1(space_id, "季度报告.pdf", payload(7), parent_id=inner.id)
    kept = sdk.upload_v1(space_id, "kept.txt", b"k")
    before = time.time()

    sdk.delete(space_id, loose.id, to_recycle_bin=True)
    sdk.delete_many(space_id, [folder.id], to_recycle_bin=True)

    bin_id = sdk.bin_id(space_id)
    items = sdk.items(bin_id)
    # The folder's contents travel with it: two items, not five.
    assert len(items) == 2
    by_dentry = _by_dentry(items)
    assert set(by_dentry) == {loose.id, folder.id}
    latest, earlier = items  # the latest deletion first
    assert latest.dentry_id == folder.id
    assert earlier.dentry_id == loose.id

    file_item, folder_item = by_dentry[loose.id], by_dentry[folder.id]
    assert file_item.id != loose.id  # an item id, not the dentry's
    assert file_item.space_id == space_id
    assert file_item.type.upper() == "FILE"
    assert file_item.original_name == "季度报告.pdf"
    assert file_item.original_path == "/Reports/2025/季度报告.pdf"
    assert file_item.size == 7
    assert file_item.operator_id == DEFAULT_UNION_ID
    deleted_at = calendar.timegm(time.strptime(file_item.operator_time, "%Y-%m-%dT%H:%M:%SZ"))
    assert before - 2 <= deleted_at <= time.time() + 1
    assert folder_item.type.upper() == "FOLDER"
    assert folder_item.original_name == "Reports"
    assert folder_item.original_path == "/Reports"
    assert folder_item.size == 150  # the files it holds (the one deleted before is an item of its own)

    # GetRecycleItem gives the same fields.
    got = sdk.get_item(bin_id, folder_item.id)
    assert got.to_map() == folder_item.to_map()

    # Nowhere else to be seen: folders, the whole space, search; GetDentries says DELETED.
    assert [d.id for d in sdk.list_children(space_id)] == [kept.id]
    assert sdk.list_everything(space_id) == [kept.id]
    assert sdk.search(space_id, "q1") == []
    assert sdk.search(space_id, "季度") == []
    statuses = {
        r.dentry_id: r.dentry.status for r in sdk.get_dentries(space_id, [folder.id, inner.id, loose.id])
    }
    assert statuses == {folder.id: "DELETED", inner.id: "DELETED", loose.id: "DELETED"}


def test_deleting_for_good_puts_nothing_in_the_bin(sdk: RecycleBinSdk, space_id: str) -> None:
    gone = sdk.upload_v1(space_id, "gone.txt", b"g")
    folder = sdk.add_folder(space_id, "gone too")
    used = sdk.used_quota(space_id)
    sdk.delete(space_id, gone.id, to_recycle_bin=False)
    sdk.delete_many(space_id, [folder.id], to_recycle_bin=False)
    assert sdk.items(sdk.bin_id(space_id)) == []
    assert sdk.used_quota(space_id) == used - 1


def test_items_keep_counting_against_the_quota_until_purged(sdk: RecycleBinSdk, space_id: str) -> None:
    big = sdk.upload_v1(space_id, "big.bin", payload(5000))
    sdk.upload_v1(space_id, "big.bin", payload(3000, seed=1), strategy="OVERWRITE")
    assert sdk.used_quota(space_id) == 8000  # every version counts
    sdk.delete(space_id, big.id, to_recycle_bin=True)
    assert sdk.used_quota(space_id) == 8000
    (item,) = sdk.items(sdk.bin_id(space_id))
    assert item.size == 3000  # the current version's size
    assert sdk.purge(sdk.bin_id(space_id), item.id).success is True
    assert sdk.used_quota(space_id) == 0


def test_list_recycle_items_pages_of_at_most_50(sdk: RecycleBinSdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "many")
    ids = [sdk.add_folder(space_id, f"f{n:03d}", parent_id=folder.id).id for n in range(120)]
    for start in range(0, 120, 30):
        sdk.delete_many(space_id, ids[start : start + 30], to_recycle_bin=True)
    bin_id = sdk.bin_id(space_id)

    sizes = []
    seen: list[str] = []
    token: str | None = None
    while True:
        page = sdk.recycle_page(bin_id, max_results=50, next_token=token)
        sizes.append(len(page.recycle_items))
        seen += [item.dentry_id for item in page.recycle_items]
        token = page.next_token
        if not token:
            break
    assert sizes == [50, 50, 20]
    assert sorted(seen) == sorted(ids)  # each once
    assert len(sdk.items(bin_id, max_results=7)) == 120
    assert len(sdk.recycle_page(bin_id).recycle_items) == 50  # the default page
    expect_error(lambda: sdk.recycle_page(bin_id, max_results=51), "paramError", {400}, or_subcode=True)
    expect_error(
        lambda: sdk.recycle_page(bin_id, next_token="bm90IGEgdG9rZW4"), "paramError", {400}, or_subcode=True
    )


def test_get_recycle_item_of_no_item(sdk: RecycleBinSdk, space_id: str) -> None:
    bin_id = sdk.bin_id(space_id)
    expect_error(lambda: sdk.get_item(bin_id, MISSING_ID), "recycleItemNotExist", {404})
    # An item of another space's bin is not an item of this bin.
    other_space = sdk.add_space("other").id
    dentry = sdk.upload_v1(other_space, "elsewhere.txt", b"e")
    sdk.delete(other_space, dentry.id, to_recycle_bin=True)
    (foreign,) = sdk.items(sdk.bin_id(other_space))
    expect_error(lambda: sdk.get_item(bin_id, foreign.id), "recycleItemNotExist", {404})
    expect_error(lambda: sdk.get_item(MISSING_ID, foreign.id), "recycleBinNotExist", {404})


# --------------------------------------------------------------------------------------------
# Restore
# --------------------------------------------------------------------------------------------


def test_restore_brings_back_the_same_dentries_whole(sdk: RecycleBinSdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Project")
    sub = sdk.add_folder(space_id, "docs", parent_id=folder.id)
    properties = [("color", "red", "PUBLIC")]
    notes = sdk.upload_v1(space_id, "notes.txt", b"first", parent_id=sub.id, app_properties=properties)
    sdk.upload_v1(space_id, "notes.txt", b"second, longer", parent_id=sub.id, strategy="OVERWRITE")
    picture = sdk.upload_v1(space_id, "picture.png", sample_png(), parent_id=folder.id)
    before = {
        d.id: d.to_map()
        for d in [*sdk.list_children(space_id, folder.id), *sdk.list_children(space_id, sub.id)]
    }

    sdk.delete(space_id, folder.id, to_recycle_bin=True)
    bin_id = sdk.bin_id(space_id)
    (item,) = sdk.items(bin_id)
    answer = sdk.restore(bin_id, item.id)  # no option: the SDK sends {}

    assert answer.async_ is False
    assert not answer.task_id
    assert answer.space_id == space_id
    assert answer.dentry_id == folder.id  # the same id
    assert sdk.items(bin_id) == []
    expect_error(lambda: sdk.get_item(bin_id, item.id), "recycleItemNotExist", {404})

    assert [d.id for d in sdk.list_children(space_id)] == [folder.id]
    after = {
        d.id: d.to_map()
        for d in [*sdk.list_children(space_id, folder.id), *sdk.list_children(space_id, sub.id)]
    }
    assert after == before  # ids, names, versions, sizes, times, app properties
    assert sdk.get_dentry(space_id, folder.id).status == "NORMAL"
    assert sdk.download(space_id, notes.id) == b"second, longer"
    assert sdk.download(space_id, notes.id, version=1) == b"first"
    assert sorted(v.version for v in sdk.versions(space_id, notes.id)) == [1, 2]
    assert sdk.download(space_id, picture.id) == sample_png()
    assert {
        (p.name, p.value, p.visibility) for p in sdk.get_dentry(space_id, notes.id).app_properties["k"]
    } == set(properties)


def test_restore_into_the_nearest_folder_still_there(sdk: RecycleBinSdk, space_id: str) -> None:
    outer = sdk.add_folder(space_id, "A")
    middle = sdk.add_folder(space_id, "B", parent_id=outer.id)
    deep = sdk.upload_v1(space_id, "deep.txt", b"d", parent_id=middle.id)
    other = sdk.upload_v1(space_id, "other.txt", b"o", parent_id=middle.id)
    bin_id = sdk.bin_id(space_id)

    sdk.delete(space_id, deep.id, to_recycle_bin=True)
    sdk.delete(space_id, other.id, to_recycle_bin=True)
    sdk.delete(space_id, middle.id, to_recycle_bin=True)  # B: in the bin
    items = _by_dentry(sdk.items(bin_id))
    # B's item does not hold what was deleted from it before.
    assert items[middle.id].size == 0

    sdk.restore(bin_id, items[deep.id].id)
    assert [d.id for d in sdk.list_children(space_id, outer.id)] == [deep.id]

    sdk.delete(space_id, outer.id, to_recycle_bin=True)  # A too (with deep.txt in it)
    sdk.purge(bin_id, items[middle.id].id)  # and B gone for good
    sdk.restore(bin_id, items[other.id].id)
    assert [d.id for d in sdk.list_children(space_id)] == [other.id]  # the root at worst

    restored = sdk.restore(bin_id, _by_dentry(sdk.items(bin_id))[outer.id].id)
    assert restored.dentry_id == outer.id
    assert [d.id for d in sdk.list_children(space_id, outer.id)] == [deep.id]
    assert sdk.download(space_id, deep.id) == b"d"


def test_restore_auto_renames_and_leaves_the_newer_file_alone(sdk: RecycleBinSdk, space_id: str) -> None:
    old = sdk.upload_v1(space_id, "report.pdf", b"old")
    sdk.delete(space_id, old.id, to_recycle_bin=True)
    newer = sdk.upload_v1(space_id, "report.pdf", b"newer")
    bin_id = sdk.bin_id(space_id)
    (item,) = sdk.items(bin_id)

    answer = sdk.restore(bin_id, item.id, "AUTO_RENAME")
    assert answer.dentry_id == old.id
    by_name = {d.name: d for d in sdk.list_children(space_id)}
    assert set(by_name) == {"report.pdf", "report (1).pdf"}
    assert by_name["report.pdf"].id == newer.id
    assert by_name["report (1).pdf"].id == old.id
    assert sdk.download(space_id, newer.id) == b"newer"
    assert sdk.download(space_id, old.id) == b"old"


def test_restore_return_error_if_exists_keeps_the_item(sdk: RecycleBinSdk, space_id: str) -> None:
    old = sdk.add_folder(space_id, "Photos")
    sdk.delete(space_id, old.id, to_recycle_bin=True)
    newer = sdk.add_folder(space_id, "photos")  # names differing in case collide
    bin_id = sdk.bin_id(space_id)
    (item,) = sdk.items(bin_id)
    expect_error(lambda: sdk.restore(bin_id, item.id, "RETURN_ERROR_IF_EXISTS"), "dentryNameConflict", {400})
    assert [i.id for i in sdk.items(bin_id)] == [item.id]
    assert [d.id for d in sdk.list_children(space_id)] == [newer.id]


def test_restore_return_dentry_if_exists_answers_the_other_one(sdk: RecycleBinSdk, space_id: str) -> None:
    old = sdk.upload_v1(space_id, "notes.txt", b"old")
    sdk.delete(space_id, old.id, to_recycle_bin=True)
    newer = sdk.upload_v1(space_id, "notes.txt", b"newer")
    bin_id = sdk.bin_id(space_id)
    (item,) = sdk.items(bin_id)

    answer = sdk.restore(bin_id, item.id, "RETURN_DENTRY_IF_EXISTS")

    assert answer.dentry_id == newer.id
    assert [i.id for i in sdk.items(bin_id)] == [item.id]  # the item stays in the bin
    assert [d.id for d in sdk.list_children(space_id)] == [newer.id]


def test_restore_overwrite_sends_the_other_one_to_the_bin(sdk: RecycleBinSdk, space_id: str) -> None:
    old = sdk.upload_v1(space_id, "notes.txt", b"old")
    sdk.delete(space_id, old.id, to_recycle_bin=True)
    newer = sdk.upload_v1(space_id, "NOTES.txt", b"newer")
    bin_id = sdk.bin_id(space_id)
    (item,) = sdk.items(bin_id)

    answer = sdk.restore(bin_id, item.id, "OVERWRITE")

    assert answer.dentry_id == old.id
    assert [(d.id, d.name) for d in sdk.list_children(space_id)] == [(old.id, "notes.txt")]
    (replaced,) = sdk.items(bin_id)  # nothing is lost
    assert (replaced.dentry_id, replaced.original_name) == (newer.id, "NOTES.txt")
    sdk.restore(bin_id, replaced.id)
    assert {d.name for d in sdk.list_children(space_id)} == {"notes.txt", "NOTES (1).txt"}
    assert sdk.download(space_id, newer.id) == b"newer"


def test_batch_restore_answers_per_item(sdk: RecycleBinSdk, space_id: str) -> None:
    files = [sdk.upload_v1(space_id, f"file{n}.txt", payload(n + 1)) for n in range(3)]
    sdk.delete_many(space_id, [f.id for f in files], to_recycle_bin=True)
    sdk.upload_v1(space_id, "file2.txt", b"taken meanwhile")
    other_space = sdk.add_space("other").id
    stranger = sdk.upload_v1(other_space, "stranger.txt", b"s")
    sdk.delete(other_space, stranger.id, to_recycle_bin=True)
    (foreign,) = sdk.items(sdk.bin_id(other_space))
    bin_id = sdk.bin_id(space_id)
    items = _by_dentry(sdk.items(bin_id))
    asked = [items[files[0].id].id, MISSING_ID, items[files[2].id].id, foreign.id, items[files[1].id].id]

    results = sdk.restore_many(bin_id, asked, "RETURN_ERROR_IF_EXISTS")

    assert [r.recycle_item_id for r in results] == asked
    assert all(r.recycle_bin_id == bin_id and r.async_ is False for r in results)
    first, missing, clash, foreign_result, second = results
    assert (first.success, first.space_id, first.dentry_id) == (True, space_id, files[0].id)
    assert (second.success, second.dentry_id) == (True, files[1].id)
    assert (missing.success, missing.error_code) == (False, "recycleItemNotExist")
    assert (foreign_result.success, foreign_result.error_code) == (False, "recycleItemNotExist")
    assert (clash.success, clash.error_code) == (False, "dentryNameConflict")
    assert [i.dentry_id for i in sdk.items(bin_id)] == [files[2].id]
    assert [i.dentry_id for i in sdk.items(sdk.bin_id(other_space))] == [stranger.id]  # untouched
    assert {d.name for d in sdk.list_children(space_id)} == {"file0.txt", "file1.txt", "file2.txt"}

    expect_error(lambda: sdk.restore_many(bin_id, [MISSING_ID] * 31), "paramError", {400}, or_subcode=True)


# --------------------------------------------------------------------------------------------
# Delete for good, clear
# --------------------------------------------------------------------------------------------


def test_delete_recycle_items_for_good(sdk: RecycleBinSdk, space_id: str) -> None:
    files = [sdk.upload_v1(space_id, f"f{n}.bin", payload(1000)) for n in range(4)]
    sdk.delete_many(space_id, [f.id for f in files], to_recycle_bin=True)
    bin_id = sdk.bin_id(space_id)
    items = _by_dentry(sdk.items(bin_id))
    assert sdk.used_quota(space_id) == 4000

    one = items[files[0].id].id
    assert sdk.purge(bin_id, one).success is True
    assert sdk.used_quota(space_id) == 3000
    expect_error(lambda: sdk.get_item(bin_id, one), "recycleItemNotExist", {404})
    expect_error(lambda: sdk.restore(bin_id, one), "recycleItemNotExist", {404})
    expect_error(lambda: sdk.purge(bin_id, one), "recycleItemNotExist", {404})
    failed = sdk.restore_many(bin_id, [one])
    assert (failed[0].success, failed[0].error_code) == (False, "recycleItemNotExist")
    # The dentry is gone too.
    (result,) = sdk.get_dentries(space_id, [files[0].id])
    assert (result.success, result.error_code) == (False, "dentryNotExist")

    # In a batch, ids that are not items of the bin are ignored.
    two = [items[files[1].id].id, items[files[2].id].id]
    assert sdk.purge_many(bin_id, [*two, MISSING_ID, one]).success is True
    assert [i.dentry_id for i in sdk.items(bin_id)] == [files[3].id]
    assert sdk.used_quota(space_id) == 1000
    expect_error(lambda: sdk.purge_many(bin_id, [MISSING_ID] * 51), "paramError", {400}, or_subcode=True)


def test_clear_recycle_bin(sdk: RecycleBinSdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "folder")
    sdk.upload_v1(space_id, "in.txt", payload(300), parent_id=folder.id)
    loose = sdk.upload_v1(space_id, "loose.txt", payload(200))
    kept = sdk.upload_v1(space_id, "kept.txt", payload(10))
    sdk.delete_many(space_id, [folder.id, loose.id], to_recycle_bin=True)
    other_space = sdk.add_space("other").id
    elsewhere = sdk.upload_v1(other_space, "elsewhere.txt", b"e")
    sdk.delete(other_space, elsewhere.id, to_recycle_bin=True)
    bin_id = sdk.bin_id(space_id)

    assert sdk.clear(bin_id).success is True  # sent with no body at all
    assert sdk.items(bin_id) == []
    assert sdk.used_quota(space_id) == 10
    assert [d.id for d in sdk.list_children(space_id)] == [kept.id]
    assert len(sdk.items(sdk.bin_id(other_space))) == 1  # another space's bin keeps its items
    assert sdk.clear(bin_id).success is True  # an empty bin is fine
    expect_error(lambda: sdk.clear(MISSING_ID), "recycleBinNotExist", {404})


# --------------------------------------------------------------------------------------------
# RevertDentryVersion
# --------------------------------------------------------------------------------------------


def test_revert_adds_a_version_with_the_chosen_bytes(sdk: RecycleBinSdk, space_id: str) -> None:
    contents = [b"one", b"two, longer", b"three!"]
    first = sdk.upload_v1(space_id, "doc.txt", contents[0])
    for data in contents[1:]:
        sdk.upload_v1(space_id, "doc.txt", data, strategy="OVERWRITE")
    used = sdk.used_quota(space_id)

    answer = sdk.revert(space_id, first.id, 1)

    assert answer.success is True
    reverted = sdk.get_dentry(space_id, first.id)
    assert reverted.version == 4  # the version number only grows
    assert reverted.size == len(contents[0])
    assert reverted.modifier_id == sdk.union_id
    assert sdk.download(space_id, first.id) == contents[0]
    versions = {v.version: v for v in sdk.versions(space_id, first.id)}
    assert sorted(versions) == [1, 2, 3, 4]  # history kept
    assert [versions[n].size for n in (1, 2, 3, 4)] == [3, 11, 6, 3]
    for number, data in zip((1, 2, 3, 4), [*contents, contents[0]], strict=True):
        assert sdk.download(space_id, first.id, version=number) == data
    assert sdk.used_quota(space_id) == used + len(contents[0])

    # Reverting to the version that is current is a new version too; versions as strings work.
    assert sdk.revert(space_id, first.id, "4").success is True
    assert sdk.get_dentry(space_id, first.id).version == 5


def test_revert_refusals(sdk: RecycleBinSdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "one.txt", b"1")
    folder = sdk.add_folder(space_id, "folder")
    for version in (2, 0, "abc", "-1"):
        expect_error(lambda v=version: sdk.revert(space_id, file.id, v), "paramError", {400}, or_subcode=True)
    expect_error(lambda: sdk.revert(space_id, folder.id, 1), "paramError", {400}, or_subcode=True)
    expect_error(lambda: sdk.revert(space_id, MISSING_ID, 1), "dentryNotExist", {404})
    expect_error(lambda: sdk.as_user(OTHER_UNION_ID).revert(space_id, file.id, 1), "permissionDenied", {403})
    sdk.delete(space_id, file.id, to_recycle_bin=True)
    expect_error(lambda: sdk.revert(space_id, file.id, 1), "dentryNotExist", {404})
    assert sdk.get_dentry(space_id, file.id).version == 1


def _thumbnail_colour(sdk: RecycleBinSdk, space_id: str, dentry_id: str) -> tuple[int, ...]:
    """The middle pixel of the file's thumbnail, once the service has made it."""
    deadline = time.monotonic() + THUMBNAIL_WAIT_SECONDS
    while True:
        (result,) = sdk.thumbnails(space_id, [dentry_id])
        if result.success:
            break
        assert result.error_code == "thumbnailNotExist", result.error_code
        assert time.monotonic() < deadline, "no thumbnail in time"
        time.sleep(0.2)
    picture = Image.open(io.BytesIO(requests.get(result.thumbnail.url, timeout=10).content)).convert("RGB")
    pixel: Any = picture.getpixel((picture.width // 2, picture.height // 2))
    return tuple(pixel)


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_revert_makes_a_thumbnail_of_the_reverted_picture(
    server: LocalServer, sdk: RecycleBinSdk, space_id: str
) -> None:
    red, blue = (220, 20, 20), (20, 20, 220)
    picture = sdk.upload_v1(space_id, "picture.png", _png(red))
    sdk.upload_v1(space_id, "picture.png", _png(blue), strategy="OVERWRITE")
    assert _thumbnail_colour(sdk, space_id, picture.id)[2] > 150  # blue, the current version

    sdk.revert(space_id, picture.id, 1)

    # Made in the background like after any commit, before anyone asks for it.
    made = Path(server.config.data_dir) / "thumbnails" / f"{picture.id}-3"
    assert poll(made.exists, timeout=THUMBNAIL_WAIT_SECONDS)
    red_again = _thumbnail_colour(sdk, space_id, picture.id)
    assert red_again[0] > 150, red_again
    assert red_again[2] < 100, red_again
