"""Batch move and copy, permissions, roles and app properties through `StorageClient`.

Against the local service over real HTTP; the background tasks a cloud service may answer with
(the local one works synchronously) come from a small scripted service.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.api import ApiError, StorageClient
from app.api.models import ROLES, AppProperty, BatchItemResult, Permission, role_rank
from tests.api.conftest import ROOT, MakeClient, download, upload, watch
from tests.support.scripted_service import APP_KEY, APP_SECRET, UNION_ID, Request, not_found, scripted_service

COLLEAGUE = "colleague"


def test_move_dentries_batches_of_30_with_a_result_per_item(client: StorageClient, space_id: str) -> None:
    target = client.add_folder(space_id, ROOT, "Target")
    files = [upload(client, space_id, f"{n:02d}.txt", str(n).encode()) for n in range(31)]
    ids = [f.id for f in files]
    wire = watch(client)
    batches: list[list[BatchItemResult]] = []

    results = client.move_dentries(
        space_id, [*ids[:10], "987654321", *ids[10:]], target.id, on_batch=batches.append
    )

    assert [len(batch) for batch in batches] == [30, 2]
    assert [m for m, _p, _s in wire.calls("/batchMove")] == ["POST", "POST"]
    assert results == [item for batch in batches for item in batch]
    failed = [r for r in results if not r.success]
    assert [(r.dentry_id, r.error_code) for r in failed] == [("987654321", "dentryNotExist")]
    done = [r for r in results if r.success]
    assert [r.dentry_id for r in done] == ids
    assert all(r.target_dentry_id == r.dentry_id and r.target_space_id == space_id for r in done)
    assert len(list(client.iter_dentries(space_id, target.id))) == 31


def test_copy_dentries_into_another_space_with_a_conflict_strategy(
    client: StorageClient, space_id: str
) -> None:
    other = client.add_space("Other").id
    folder = client.add_folder(space_id, ROOT, "Folder")
    upload(client, space_id, "inside.txt", b"inside", parent=folder.id)
    upload(client, other, "Folder", b"a file in the way")

    (refused,) = client.copy_dentries(
        space_id, [folder.id], ROOT, target_space_id=other, conflict="RETURN_ERROR_IF_EXISTS"
    )
    (renamed,) = client.copy_dentries(space_id, [folder.id], ROOT, target_space_id=other)

    assert (refused.success, refused.error_code) == (False, "dentryNameConflict")
    assert renamed.success
    assert renamed.target_space_id == other
    copy = client.get_dentry(other, renamed.target_dentry_id or "")
    assert copy.name == "Folder (1)"
    (inside,) = client.iter_dentries(other, copy.id)
    assert download(client, other, inside.id) == b"inside"


def test_the_whole_call_fails_when_the_target_is_refused(make_client: MakeClient, space_id: str) -> None:
    client = make_client()
    file = upload(client, space_id, "mine.txt", b"m")
    theirs = make_client(COLLEAGUE).add_space("Theirs").id
    with pytest.raises(ApiError) as refused:
        client.move_dentries(space_id, [file.id], ROOT, target_space_id=theirs)
    assert refused.value.code == "permissionDenied"
    assert client.get_dentry(space_id, file.id).parent_id == ROOT


class Background:
    """A service that moves folders in the background: t-ok ends after three polls, t-bad fails."""

    def __init__(self) -> None:
        self.polls = 0

    def __call__(self, request: Request) -> tuple[int, Any]:
        if request.path.endswith("/batchMove"):
            items = [
                {"spaceId": "7", "dentryId": "1", "async": True, "taskId": "t-ok", "targetDentryId": "1"},
                {"spaceId": "7", "dentryId": "2", "async": True, "taskId": "t-bad"},
                {"spaceId": "7", "dentryId": "3", "async": False, "success": True, "targetDentryId": "3"},
            ]
            return 200, {"resultItems": items}
        if request.path == "/v1.0/storage/tasks/t-ok":
            status = ("INIT", "IN_PROGRESS", "SUCCESS")[min(self.polls, 2)]
            self.polls += 1
            return 200, {"task": {"id": "t-ok", "status": status, "totalCount": 4}}
        if request.path == "/v1.0/storage/tasks/t-bad":
            task = {"id": "t-bad", "status": "FAIL", "failCount": 1, "failMessage": "permissionDenied"}
            return 200, {"task": task}
        return not_found(request)


def test_items_done_in_the_background_are_waited_for() -> None:
    with scripted_service(Background()) as service:
        client = StorageClient(service.url, APP_KEY, APP_SECRET, UNION_ID)
        results = client.move_dentries("7", ["1", "2", "3"], "9")
        task_polls = [r.path for r in service.requests if "/tasks/" in r.path]

    assert [(r.dentry_id, r.success, r.error_code, r.task_id) for r in results] == [
        ("1", True, None, "t-ok"),
        ("2", False, "permissionDenied", "t-bad"),
        ("3", True, None, None),
    ]
    assert results[0].target_dentry_id == "1"
    assert task_polls == ["/v1.0/storage/tasks/t-ok"] * 3 + ["/v1.0/storage/tasks/t-bad"]
    assert service.calls("/batchMove")[0].body == {
        "dentryIds": ["1", "2", "3"],
        "targetSpaceId": "7",
        "targetFolderId": "9",
        "option": {"conflictStrategy": "AUTO_RENAME", "preservePermissions": True},
    }


def test_a_task_that_does_not_end_in_time_is_a_failed_item() -> None:
    def forever(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/batchCopy"):
            return 200, {"resultItems": [{"spaceId": "7", "dentryId": "1", "async": True, "taskId": "t"}]}
        if request.path.startswith("/v1.0/storage/tasks/"):
            return 200, {"task": {"id": "t", "status": "IN_PROGRESS"}}
        return not_found(request)

    with scripted_service(forever) as service:
        client = StorageClient(service.url, APP_KEY, APP_SECRET, UNION_ID)
        (result,) = client.copy_dentries("7", ["1"], "0", task_timeout=0.2)
    assert (result.success, result.error_code) == (False, "taskUnfinished")
    assert (
        ApiError("taskUnfinished", None).sentence
        == "The storage service did not finish the operation in time."
    )


def test_permissions_round_trip(make_client: MakeClient, space_id: str) -> None:
    client = make_client()
    folder = client.add_folder(space_id, ROOT, "Shared")
    crowd = [f"member-{n:02d}" for n in range(55)]
    wire = watch(client)

    client.add_permission(space_id, folder.id, "READER", crowd)
    client.add_permission(space_id, folder.id, "EDITOR", [COLLEAGUE], duration=3600)

    assert len(wire.calls("/permissions?")) == 3  # 30 + 25 members, then one
    listed = client.list_permissions(space_id, folder.id)
    assert len(wire.calls("/permissions/query")) == 2  # 56 grants, 50 a page
    assert [p.member_id for p in listed] == sorted([*crowd, COLLEAGUE])
    editor = next(p for p in listed if p.member_id == COLLEAGUE)
    assert (editor.role, editor.role_name, editor.member_type, editor.duration) == (
        "EDITOR",
        "Editor",
        "USER",
        3600,
    )
    assert editor.operator_id == client.union_id
    assert editor.expires_at is not None
    assert abs(editor.expires_at - (datetime.now(UTC) + timedelta(hours=1))) < timedelta(seconds=30)
    assert next(p for p in listed if p.member_id == crowd[0]).expires_at is None
    assert [p.member_id for p in client.list_permissions(space_id, folder.id, roles=["EDITOR"])] == [
        COLLEAGUE
    ]

    client.update_permission(space_id, folder.id, "DOWNLOADER", [COLLEAGUE])
    client.delete_permission(space_id, folder.id, "READER", crowd)
    (left,) = client.list_permissions(space_id, folder.id)
    assert (left.member_id, left.role, left.duration) == (COLLEAGUE, "DOWNLOADER", 3600)

    # The grantee's own roles, per dentry: the client keeps the keys the SDK loses.
    colleague = make_client(COLLEAGUE)
    inside = upload(client, space_id, "inside.txt", b"i", parent=folder.id)
    beside = upload(client, space_id, "beside.txt", b"b")
    assert colleague.batch_query_roles(space_id, [folder.id, inside.id, beside.id, ROOT]) == {
        folder.id: ["DOWNLOADER"],
        inside.id: ["DOWNLOADER"],
        beside.id: [],
        ROOT: [],
    }
    assert client.batch_query_roles(space_id, [beside.id]) == {beside.id: ["OWNER"]}


def test_a_grantee_sees_the_space_and_who_made_it(make_client: MakeClient, space_id: str) -> None:
    client = make_client()
    folder = client.add_folder(space_id, ROOT, "Shared")
    colleague = make_client(COLLEAGUE)
    assert [s.id for s in colleague.list_spaces("personal")] == []
    client.add_permission(space_id, folder.id, "READER", [COLLEAGUE])
    (space,) = colleague.list_spaces("personal")
    assert (space.id, space.creator_id) == (space_id, client.union_id)
    assert [d.name for d in colleague.iter_dentries(space_id)] == ["Shared"]
    assert client.get_space(space_id).creator_id == client.union_id


def test_app_properties_three_a_call(client: StorageClient, space_id: str) -> None:
    file = upload(client, space_id, "tagged.txt", b"t")
    wire = watch(client)
    props = [AppProperty(f"p{n}", f"v{n}", "PRIVATE" if n % 2 else "PUBLIC") for n in range(5)]

    client.update_app_properties(space_id, file.id, props)
    client.delete_app_properties(space_id, file.id, ["p0", "p1", "p2", "p3"])

    assert [m for m, _p, _s in wire.calls("/appProperties")] == ["PUT", "PUT", "POST", "POST"]
    (owned,) = client.get_dentry(space_id, file.id).app_properties.values()
    assert owned == [AppProperty("p4", "v4", "PUBLIC")]


def test_roles_are_ordered() -> None:
    assert ROLES == ("READER", "DOWNLOADER", "EDITOR", "MANAGER", "OWNER")
    assert [role_rank(r) for r in (None, "nonsense", *ROLES)] == [0, 0, 1, 2, 3, 4, 5]
    parsed = Permission.parse(
        {
            "role": {"id": "READER"},
            "member": {"id": "u"},
            "duration": 60,
            "modifiedTime": "2026-01-01T00:00:00Z",
        }
    )
    assert parsed.expires_at == datetime(2026, 1, 1, 0, 1, tzinfo=UTC)


def test_move_keeps_the_grants_on_what_moves(client: StorageClient, space_id: str) -> None:
    shared = client.add_folder(space_id, ROOT, "Shared")
    target = client.add_folder(space_id, ROOT, "Target")
    client.add_permission(space_id, shared.id, "EDITOR", [COLLEAGUE])
    client.move_dentry(space_id, shared.id, target.id)
    assert [p.member_id for p in client.list_permissions(space_id, shared.id)] == [COLLEAGUE]
    (moved,) = client.move_dentries(space_id, [shared.id], ROOT)
    assert moved.success
    assert [p.member_id for p in client.list_permissions(space_id, shared.id)] == [COLLEAGUE]
    client.move_dentries(space_id, [shared.id], target.id, preserve_permissions=False)
    assert client.list_permissions(space_id, shared.id) == []
