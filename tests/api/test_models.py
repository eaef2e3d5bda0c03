"""Tolerant parsing of the Open API's JSON into typed results (no service needed)."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, datetime

import pytest

from app.api.models import (
    AppProperty,
    ChangeResult,
    Dentry,
    ItemResult,
    RecycleBin,
    RecycleItem,
    RestoreResult,
    SearchHit,
    SignedRequest,
    Space,
    Thumbnail,
    parse_time,
)

FULL_DENTRY = {
    "id": "2001",
    "spaceId": "1001",
    "parentId": "0",
    "type": "FILE",
    "name": "report.pdf",
    "size": 1234,
    "path": "/report.pdf",
    "version": 3,
    "status": "NORMAL",
    "extension": "pdf",
    "creatorId": "u1",
    "modifierId": "u2",
    "createTime": "2022-07-29T14:55Z",
    "modifiedTime": "2022-07-29T14:55:03Z",
    "properties": {"readOnly": True},
    "appProperties": {"owner-1": [{"name": "color", "value": "red", "visibility": "PRIVATE"}]},
    "uuid": "uuid-1",
    "partitionType": "PUBLIC_OSS_PARTITION",
    "storageDriver": "DINGTALK",
    "thumbnail": {"width": 64, "height": 48, "url": "http://x/t.png"},
    "category": "DOCUMENT",
    "someFieldFromTheFuture": {"nested": [1, 2]},
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-07-29T14:55Z", datetime(2022, 7, 29, 14, 55, tzinfo=UTC)),
        ("2022-07-29T14:55:03Z", datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)),
        ("2022-07-29T14:55:03.250Z", datetime(2022, 7, 29, 14, 55, 3, 250000, tzinfo=UTC)),
        ("2022-07-29T22:55:03+08:00", datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)),
        ("2022-07-29T14:55:03", datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)),
        (1659106503000, datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)),
        (1659106503, datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)),
    ],
)
def test_parse_time_reads_iso_with_and_without_seconds_and_epoch_values(
    text: object, expected: datetime
) -> None:
    parsed = parse_time(text)

    assert parsed == expected
    assert parsed is not None
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("value", [None, "", "yesterday", True, [], {}])
def test_parse_time_gives_none_for_what_is_not_a_time(value: object) -> None:
    assert parse_time(value) is None


def test_dentry_reads_every_field_and_ignores_unknown_ones() -> None:
    dentry = Dentry.parse(FULL_DENTRY)

    assert (dentry.id, dentry.space_id, dentry.parent_id) == ("2001", "1001", "0")
    assert (dentry.type, dentry.name, dentry.size, dentry.version) == ("FILE", "report.pdf", 1234, 3)
    assert (dentry.path, dentry.status, dentry.extension, dentry.uuid) == (
        "/report.pdf",
        "NORMAL",
        "pdf",
        "uuid-1",
    )
    assert (dentry.creator_id, dentry.modifier_id, dentry.category) == ("u1", "u2", "DOCUMENT")
    assert dentry.create_time == datetime(2022, 7, 29, 14, 55, tzinfo=UTC)
    assert dentry.modified_time == datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)
    assert dentry.read_only is True
    assert (dentry.partition_type, dentry.storage_driver) == ("PUBLIC_OSS_PARTITION", "DINGTALK")
    assert dentry.thumbnail == Thumbnail(64, 48, "http://x/t.png")
    assert dentry.app_properties == {"owner-1": [AppProperty("color", "red", "PRIVATE")]}
    assert not dentry.is_folder
    assert not dentry.is_deleted


def test_a_listed_dentry_costs_little_memory() -> None:
    """A folder of 100,000 rows must fit in ~1 KiB per row in the window; the parsed dentry is most of it.

    Values repeated on every row (space, parent, type, status, users, the empty app properties) are
    shared, not copied per row.
    """
    count = 5_000
    page = json.dumps(
        [
            dict(FULL_DENTRY, id=str(10_000 + i), name=f"file {i:05}.pdf", appProperties={})
            for i in range(count)
        ]
    )
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        dentries = [Dentry.parse(item) for item in json.loads(page)]
        per_row = (tracemalloc.get_traced_memory()[0] - before) / count
    finally:
        tracemalloc.stop()
    assert len(dentries) == count
    assert per_row < 800, f"{per_row:.0f} B per parsed dentry"


def test_dentry_missing_fields_are_none() -> None:
    dentry = Dentry.parse({"id": "7", "type": "FOLDER", "name": "Docs"})

    assert dentry.is_folder
    assert dentry.size is None
    assert dentry.extension is None
    assert dentry.path is None
    assert dentry.version is None
    assert dentry.status is None
    assert dentry.create_time is None
    assert dentry.thumbnail is None
    assert dentry.category is None
    assert dentry.app_properties == {}
    assert dentry.read_only is False
    assert not dentry.is_deleted


@pytest.mark.parametrize("data", [None, [], "x", 5])
def test_dentry_from_a_non_object_is_empty_not_an_exception(data: object) -> None:
    dentry = Dentry.parse(data)

    assert dentry.id == ""
    assert dentry.size is None


def test_dentry_tolerates_wrong_types() -> None:
    dentry = Dentry.parse({"id": 7, "size": "12", "version": "x", "thumbnail": "nope", "properties": []})

    assert dentry.id == "7"
    assert dentry.size == 12
    assert dentry.version is None
    assert dentry.thumbnail is None
    assert dentry.read_only is False


def test_deleted_dentry_says_so() -> None:
    assert Dentry.parse({**FULL_DENTRY, "status": "DELETED"}).is_deleted


def test_app_properties_as_an_array_as_in_the_s004_example() -> None:
    data = {
        **FULL_DENTRY,
        "appProperties": [
            {"name": "property_name", "value": "property_value", "visibility": "PRIVATE"},
            {"name": "n2", "value": "v2"},
            "garbage",
        ],
    }

    dentry = Dentry.parse(data)

    assert dentry.app_properties == {
        "": [AppProperty("property_name", "property_value", "PRIVATE"), AppProperty("n2", "v2", "PUBLIC")]
    }


def test_app_properties_as_a_map_keeps_the_owner_keys() -> None:
    data = {
        **FULL_DENTRY,
        "appProperties": {
            "app-a": [{"name": "x", "value": "1", "visibility": "PUBLIC"}],
            "app-b": [{"name": "x", "value": "2", "visibility": "PRIVATE"}],
            "app-c": "not a list",
        },
    }

    assert Dentry.parse(data).app_properties == {
        "app-a": [AppProperty("x", "1", "PUBLIC")],
        "app-b": [AppProperty("x", "2", "PRIVATE")],
        "app-c": [],
    }


def test_app_property_request_shape() -> None:
    assert AppProperty("color", "red").to_json() == {"name": "color", "value": "red", "visibility": "PUBLIC"}


def test_thumbnail_needs_a_url() -> None:
    assert Thumbnail.parse({"width": 1, "height": 2}) is None
    assert Thumbnail.parse({"url": "u"}) == Thumbnail(0, 0, "u")


def test_space_from_the_storage_api() -> None:
    space = Space.parse(
        {
            "id": "1001",
            "name": "Team",
            "ownerType": "APP",
            "ownerId": "app-1",
            "quota": 100,
            "usedQuota": 5,
            "createTime": "2022-07-29T14:55Z",
            "modifiedTime": "2022-07-30T14:55Z",
            "capabilities": {"canSearch": True},
        }
    )

    assert (space.id, space.name, space.space_type, space.owner_type, space.owner_id) == (
        "1001",
        "Team",
        "org",
        "APP",
        "app-1",
    )
    assert (space.quota, space.used_quota) == (100, 5)
    assert space.modified_time == datetime(2022, 7, 30, 14, 55, tzinfo=UTC)


def test_space_from_the_drive_api() -> None:
    space = Space.parse(
        {
            "spaceId": "1002",
            "spaceName": "Mine",
            "spaceType": "personal",
            "quota": 10,
            "usedQuota": 1,
            "modifyTime": "2022-07-29T14:55:00Z",
        }
    )

    assert (space.id, space.name, space.space_type, space.owner_type) == ("1002", "Mine", "personal", None)
    assert space.modified_time == datetime(2022, 7, 29, 14, 55, tzinfo=UTC)


def test_user_owned_space_is_personal() -> None:
    assert Space.parse({"id": "1", "ownerType": "USER"}).space_type == "personal"
    assert Space.parse(None).id == ""


def test_signed_request_reads_header_signature_info() -> None:
    signed = SignedRequest.parse(
        {
            "resourceUrls": ["http://a/1", "http://b/1"],
            "headers": {"Authorization": "X sig", "x-oss-date": 20220729},
            "expirationSeconds": 900,
            "region": "SHANGHAI",
            "internalResourceUrls": [],
            "extra": 1,
        }
    )

    assert signed.url == "http://a/1"
    assert signed.urls == ["http://a/1", "http://b/1"]
    assert signed.headers == {"Authorization": "X sig", "x-oss-date": "20220729"}
    assert (signed.expiration_seconds, signed.region) == (900, "SHANGHAI")
    assert not signed.expires_within(60)
    assert signed.expires_within(901)


def test_signed_request_without_a_lifetime_never_expires() -> None:
    signed = SignedRequest.parse({"resourceUrls": ["u"]})

    assert signed.headers == {}
    assert signed.expiration_seconds is None
    assert not signed.expires_within(10**9)


def test_item_results_of_batch_calls() -> None:
    ok = ItemResult.parse({"dentryId": "1", "success": True, "dentry": FULL_DENTRY, "spaceId": "9"})
    failed = ItemResult.parse({"dentryId": "2", "success": False, "errorCode": "dentryNotExist"})
    thumb = ItemResult.parse({"dentryId": "3", "success": True, "thumbnail": {"url": "u", "width": 1}})

    assert ok.success
    assert ok.dentry is not None
    assert ok.dentry.name == "report.pdf"
    assert (failed.success, failed.error_code, failed.dentry) == (False, "dentryNotExist", None)
    assert thumb.thumbnail == Thumbnail(1, 0, "u")
    assert ItemResult.parse("junk") == ItemResult("", False)


def test_change_result_is_a_dentry_or_a_task() -> None:
    done = ChangeResult.parse({"async": False, "dentry": FULL_DENTRY})
    pending = ChangeResult.parse({"async": True, "taskId": "task-1"})

    assert done.dentry is not None
    assert done.dentry.id == "2001"
    assert done.task_id is None
    assert (pending.dentry, pending.task_id) == (None, "task-1")


def test_search_hit_reads_uuid_path_and_epoch_millis() -> None:
    hit = SearchHit.parse(
        {
            "dentryUuid": "u-1",
            "name": "report.pdf",
            "lastModifyTime": 1659106503000,
            "creator": {"name": "A", "userId": "a"},
            "path": {"path": "/x/report.pdf", "longPath": "/x/report.pdf", "url": ""},
            "spaceId": "1001",
            "dentryId": "2001",
        }
    )

    assert (hit.uuid, hit.name, hit.path) == ("u-1", "report.pdf", "/x/report.pdf")
    assert hit.modified_time == datetime(2022, 7, 29, 14, 55, 3, tzinfo=UTC)
    assert (hit.space_id, hit.dentry_id) == ("1001", "2001")
    assert SearchHit.parse({"dentryUuid": "u"}).path is None


# --------------------------------------------------------------------------- recycle bin


def test_recycle_item_with_every_field() -> None:
    item = RecycleItem.parse(
        {
            "id": "ri-1",
            "spaceId": "1001",
            "dentryId": "2001",
            "type": "FOLDER",
            "originalName": "季度报告",
            "originalPath": "/Reports/季度报告",
            "size": 1234,
            "operatorId": "union-1",
            "operatorTime": "2022-01-01T10:00:00Z",
            "unknownField": True,
        }
    )

    assert item == RecycleItem(
        id="ri-1",
        space_id="1001",
        dentry_id="2001",
        type="FOLDER",
        original_name="季度报告",
        original_path="/Reports/季度报告",
        size=1234,
        operator_id="union-1",
        operator_time=datetime(2022, 1, 1, 10, 0, tzinfo=UTC),
    )
    assert item.is_folder


@pytest.mark.parametrize("data", [{"type": "folder"}, {"type": "Folder", "size": "nope"}, {"type": "FOLDER"}])
def test_recycle_item_type_is_compared_without_case(data: dict[str, object]) -> None:
    item = RecycleItem.parse(data)

    assert item.is_folder
    assert item.type == "FOLDER"
    assert item.size is None


@pytest.mark.parametrize("data", [None, [], "x", {}])
def test_recycle_item_and_bin_from_nothing(data: object) -> None:
    item = RecycleItem.parse(data)

    assert (item.id, item.type, item.original_path, item.operator_time) == ("", "FILE", None, None)
    assert not item.is_folder
    assert RecycleBin.parse(data) == RecycleBin("")


def test_restore_results_of_a_batch() -> None:
    done = RestoreResult.parse(
        {"recycleItemId": "1", "success": True, "async": False, "spaceId": "7", "dentryId": "21"}
    )
    refused = RestoreResult.parse({"recycleItemId": "2", "success": False, "errorCode": "dentryNameConflict"})
    # An item restored in the background has a task, and no success or error code (SDK-Go).
    background = RestoreResult.parse({"recycleItemId": "3", "async": True, "taskId": "t-1", "dentryId": "23"})
    silent = RestoreResult.parse({"recycleItemId": "4"})

    assert (done.success, done.error, done.dentry_id, done.pending) == (True, None, "21", False)
    assert (refused.success, refused.error_code, refused.dentry_id) == (False, "dentryNameConflict", None)
    assert refused.error is not None
    assert refused.error.sentence == "An item with this name already exists."
    assert (background.success, background.pending, background.task_id) == (True, True, "t-1")
    assert (silent.success, silent.error_code) == (False, None)
    assert silent.error is not None
    assert silent.error.code == "unknownError"


def test_a_single_restore_answer_is_a_success() -> None:
    result = RestoreResult.parse({"async": False, "spaceId": "7", "dentryId": "21"}, "9")

    assert result == RestoreResult("9", True, None, "7", "21", None)
