"""MoveDentries and CopyDentries through the official SDK (REFERENCE.md §13.4, §13.8).

The plumbing (clients, token, expected errors) is `test_sdk_conformance`'s; the assertions read
the models the SDK parsed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alibabacloud_dingtalk.storage_1_0 import models as v1

from tests.localserver.test_sdk_conformance import (
    MISSING_ID,
    OTHER_UNION_ID,
    Sdk,
    expect_error,
    payload,
    sdk,
    space_id,
)

__all__ = ["sdk", "space_id"]  # fixtures, shared with the conformance suite

Items = list[v1.MoveDentriesResponseBodyResultItems] | list[v1.CopyDentriesResponseBodyResultItems]


def move_dentries(
    sdk: Sdk,
    space_id: str,
    dentry_ids: list[str],
    folder_id: str,
    *,
    target_space_id: str | None = None,
    strategy: str | None = None,
    preserve_permissions: bool | None = None,
) -> list[v1.MoveDentriesResponseBodyResultItems]:
    """MoveDentries through the SDK; its per-item results."""
    option = None
    if strategy is not None or preserve_permissions is not None:
        option = v1.MoveDentriesRequestOption(
            conflict_strategy=strategy, preserve_permissions=preserve_permissions
        )
    request = v1.MoveDentriesRequest(
        dentry_ids=dentry_ids,
        target_space_id=target_space_id or space_id,
        target_folder_id=folder_id,
        option=option,
        union_id=sdk.union_id,
    )
    response = sdk.v1.move_dentries_with_options(
        space_id, request, sdk.headers(v1.MoveDentriesHeaders), sdk.runtime
    )
    return response.body.result_items


def copy_dentries(
    sdk: Sdk,
    space_id: str,
    dentry_ids: list[str],
    folder_id: str,
    *,
    target_space_id: str | None = None,
    strategy: str | None = None,
) -> list[v1.CopyDentriesResponseBodyResultItems]:
    """CopyDentries through the SDK; its per-item results."""
    option = v1.CopyDentriesRequestOption(conflict_strategy=strategy) if strategy else None
    request = v1.CopyDentriesRequest(
        dentry_ids=dentry_ids,
        target_space_id=target_space_id or space_id,
        target_folder_id=folder_id,
        option=option,
        union_id=sdk.union_id,
    )
    response = sdk.v1.copy_dentries_with_options(
        space_id, request, sdk.headers(v1.CopyDentriesHeaders), sdk.runtime
    )
    return response.body.result_items


def outcomes(items: Items) -> dict[str, str]:
    """Source id → ``ok`` or its error code; every item answered synchronously."""
    assert all(item.async_ is False for item in items), [item.to_map() for item in items]
    return {item.dentry_id: "ok" if item.success else item.error_code for item in items}


def tree_of(sdk: Sdk, space_id: str, folder_id: str) -> dict[str, bytes | dict[str, object]]:
    """A folder's content, recursively: name → bytes (files) or the same mapping (folders)."""
    found: dict[str, bytes | dict[str, object]] = {}
    for dentry in sdk.list_children(space_id, folder_id):
        if dentry.type == "FOLDER":
            found[dentry.name] = tree_of(sdk, space_id, dentry.id)
        else:
            found[dentry.name] = sdk.download(space_id, dentry.id)
    return found


def test_move_dentries_keeps_ids_and_answers_each_item(sdk: Sdk, space_id: str) -> None:
    source = sdk.add_folder(space_id, "from")
    target = sdk.add_folder(space_id, "to")
    file = sdk.upload_v1(space_id, "a.txt", b"a", parent_id=source.id)
    folder = sdk.add_folder(space_id, "inner", parent_id=source.id)
    sdk.upload_v1(space_id, "deep.txt", b"deep", parent_id=folder.id)

    items = move_dentries(sdk, space_id, [file.id, MISSING_ID, folder.id], target.id)

    assert [item.dentry_id for item in items] == [file.id, MISSING_ID, folder.id]
    assert outcomes(items) == {file.id: "ok", MISSING_ID: "dentryNotExist", folder.id: "ok"}
    moved = {item.dentry_id: item for item in items if item.success}
    for dentry_id in (file.id, folder.id):
        # A move within a space keeps the id (§13.8), and says so.
        assert moved[dentry_id].target_dentry_id == dentry_id
        assert moved[dentry_id].target_space_id == space_id
        assert moved[dentry_id].space_id == space_id
    assert sdk.get_dentry(space_id, file.id).uuid == file.uuid
    assert sdk.list_children(space_id, source.id) == []
    assert tree_of(sdk, space_id, target.id) == {"a.txt": b"a", "inner": {"deep.txt": b"deep"}}


def test_copy_dentries_copies_folders_deeply_with_bytes_and_app_properties(sdk: Sdk, space_id: str) -> None:
    source = sdk.add_folder(space_id, "project")
    target = sdk.add_folder(space_id, "backup")
    big = payload(300_000, seed=3)
    sdk.upload_v1(space_id, "big.bin", big, parent_id=source.id, app_properties=[("tag", "blue", "PUBLIC")])
    level1 = sdk.add_folder(space_id, "level1", parent_id=source.id)
    level2 = sdk.add_folder(space_id, "level2", parent_id=level1.id)
    sdk.upload_v1(space_id, "报告.txt", "季度".encode(), parent_id=level2.id)
    single = sdk.upload_v1(space_id, "single.txt", b"one", app_properties=[("k1", "v1", "PRIVATE")])
    before = tree_of(sdk, space_id, source.id)

    items = copy_dentries(sdk, space_id, [source.id, single.id], target.id)

    assert outcomes(items) == {source.id: "ok", single.id: "ok"}
    copies = {item.dentry_id: item.target_dentry_id for item in items}
    assert copies[source.id] != source.id
    assert copies[single.id] != single.id
    assert tree_of(sdk, space_id, target.id) == {"project": before, "single.txt": b"one"}
    # The originals stay where they were.
    assert tree_of(sdk, space_id, source.id) == before
    assert {d.name for d in sdk.list_children(space_id)} == {"project", "backup", "single.txt"}
    # App properties travel with the copy (read through the SDK: keyed "k", §2).
    copied_file = sdk.get_dentry(space_id, copies[single.id])
    assert {(p.name, p.value, p.visibility) for p in copied_file.app_properties["k"]} == {
        ("k1", "v1", "PRIVATE")
    }
    copied_big = next(d for d in sdk.list_children(space_id, copies[source.id]) if d.name == "big.bin")
    assert {(p.name, p.value) for p in sdk.get_dentry(space_id, copied_big.id).app_properties["k"]} == {
        ("tag", "blue")
    }


def test_a_folder_into_itself_or_below_fails_on_its_own_item(sdk: Sdk, space_id: str) -> None:
    outer = sdk.add_folder(space_id, "outer")
    inner = sdk.add_folder(space_id, "inner", parent_id=outer.id)
    loose = sdk.upload_v1(space_id, "loose.txt", b"l")

    for call in (move_dentries, copy_dentries):
        assert outcomes(call(sdk, space_id, [outer.id], outer.id))[outer.id].startswith("paramError")
    items = move_dentries(sdk, space_id, [outer.id, loose.id], inner.id)
    result = outcomes(items)
    assert result[outer.id].startswith("paramError")
    assert result[loose.id] == "ok"
    assert [d.name for d in sdk.list_children(space_id, inner.id)] == ["loose.txt"]
    assert {d.name for d in sdk.list_children(space_id)} == {"outer"}


def test_batch_limits_are_param_errors(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "f")
    ids = [sdk.upload_v1(space_id, f"{n}.txt", b"x").id for n in range(31)]
    for call in (move_dentries, copy_dentries):
        expect_error(lambda c=call: c(sdk, space_id, ids, folder.id), "paramError", {400}, or_subcode=True)
        expect_error(lambda c=call: c(sdk, space_id, [], folder.id), "paramError", {400}, or_subcode=True)
    # Nothing moved or copied.
    assert sdk.list_children(space_id, folder.id) == []
    # Thirty are fine.
    assert set(outcomes(copy_dentries(sdk, space_id, ids[:30], folder.id)).values()) == {"ok"}
    assert len(sdk.list_children(space_id, folder.id)) == 30


def test_the_target_must_be_a_folder_the_operator_may_use(sdk: Sdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "f.txt", b"f")
    other = sdk.upload_v1(space_id, "g.txt", b"g")
    expect_error(lambda: move_dentries(sdk, space_id, [file.id], MISSING_ID), "dentryNotExist", {404})
    expect_error(
        lambda: copy_dentries(sdk, space_id, [file.id], other.id), "paramError", {400}, or_subcode=True
    )
    foreign = sdk.as_user(OTHER_UNION_ID).add_space("Theirs").id
    expect_error(
        lambda: move_dentries(sdk, space_id, [file.id], "0", target_space_id=foreign),
        "permissionDenied",
        {403},
    )
    expect_error(lambda: copy_dentries(sdk, MISSING_ID, [file.id], "0"), "spaceNotExist", {404})
    assert {d.name for d in sdk.list_children(space_id)} == {"f.txt", "g.txt"}


@pytest.mark.parametrize("batch", [move_dentries, copy_dentries], ids=["move", "copy"])
def test_conflict_strategies_as_for_commit(sdk: Sdk, space_id: str, batch: Callable[..., Items]) -> None:
    target = sdk.add_folder(space_id, "target")
    existing = sdk.upload_v1(space_id, "same.txt", b"old", parent_id=target.id)
    sdk.add_folder(space_id, "dir.txt", parent_id=target.id)  # a folder with a file's name

    def source(data: bytes) -> str:
        folder = sdk.add_folder(space_id, "src", strategy="AUTO_RENAME")
        return sdk.upload_v1(space_id, "same.txt", data, parent_id=folder.id).id

    def names() -> set[str]:
        return {d.name for d in sdk.list_children(space_id, target.id)}

    # RETURN_ERROR_IF_EXISTS: the item fails, nothing changes.
    refused = source(b"refused")
    assert outcomes(batch(sdk, space_id, [refused], target.id, strategy="RETURN_ERROR_IF_EXISTS")) == {
        refused: "dentryNameConflict"
    }
    assert names() == {"same.txt", "dir.txt"}

    # RETURN_DENTRY_IF_EXISTS: nothing changes; the existing dentry is the answer.
    kept = source(b"kept")
    (item,) = batch(sdk, space_id, [kept], target.id, strategy="RETURN_DENTRY_IF_EXISTS")
    assert item.success
    assert item.target_dentry_id == existing.id
    assert sdk.download(space_id, existing.id) == b"old"

    # AUTO_RENAME (the default): renamed as CommitFile renames.
    renamed = source(b"renamed")
    (item,) = batch(sdk, space_id, [renamed], target.id)
    assert item.success
    assert sdk.get_dentry(space_id, item.target_dentry_id).name == "same (1).txt"
    assert sdk.download(space_id, item.target_dentry_id) == b"renamed"

    # OVERWRITE: the target name ends up with the new bytes, and nothing is lost.
    replacing = source(b"new")
    (item,) = batch(sdk, space_id, [replacing], target.id, strategy="OVERWRITE")
    assert item.success
    current = {d.name: d for d in sdk.list_children(space_id, target.id)}
    assert sdk.download(space_id, current["same.txt"].id) == b"new"
    if batch is copy_dentries:
        # As CommitFile: a new version of the existing file, whose old bytes stay a version.
        assert item.target_dentry_id == existing.id
        assert sdk.download(space_id, existing.id, version=1) == b"old"
    else:
        # A move keeps its id; the file it replaced went to the recycle bin.
        assert item.target_dentry_id == replacing
        assert sdk.get_dentry(space_id, existing.id).status == "DELETED"

    # A file never replaces a folder (CommitFile answers the same).
    clash = sdk.add_folder(space_id, "clash", strategy="AUTO_RENAME")
    onto_folder = sdk.upload_v1(space_id, "dir.txt", b"f", parent_id=clash.id).id
    assert outcomes(batch(sdk, space_id, [onto_folder], target.id, strategy="OVERWRITE")) == {
        onto_folder: "dentryNameConflict"
    }
    assert next(d for d in sdk.list_children(space_id, target.id) if d.name == "dir.txt").type == "FOLDER"


def test_move_and_copy_into_another_space(sdk: Sdk, space_id: str) -> None:
    other = sdk.add_space("Archive").id
    data = payload(10_000, seed=9)
    file = sdk.upload_v1(space_id, "moved.bin", data)
    folder = sdk.add_folder(space_id, "copied")
    sdk.upload_v1(space_id, "in.txt", b"in", parent_id=folder.id)

    (moved,) = move_dentries(sdk, space_id, [file.id], "0", target_space_id=other)
    (copied,) = copy_dentries(sdk, space_id, [folder.id], "0", target_space_id=other)

    assert moved.success
    assert copied.success
    assert (moved.target_space_id, moved.target_dentry_id) == (other, file.id)
    assert copied.target_space_id == other
    assert sdk.download(other, file.id) == data
    assert tree_of(sdk, other, "0") == {"moved.bin": data, "copied": {"in.txt": b"in"}}
    assert [d.name for d in sdk.list_children(space_id)] == ["copied"]
    # The moved bytes count against the space they are in now.
    assert sdk.get_space(other).body.space.used_quota == len(data) + 2
    assert sdk.get_space(space_id).body.space.used_quota == 2


def test_an_item_that_fails_halfway_leaves_nothing_behind(sdk: Sdk) -> None:
    request = v1.AddSpaceRequest(
        union_id=sdk.union_id, option=v1.AddSpaceRequestOption(name="Small", owner_type="USER", quota=1000)
    )
    space_id = sdk.v1.add_space_with_options(
        request, sdk.headers(v1.AddSpaceHeaders), sdk.runtime
    ).body.space.id
    big = sdk.add_folder(space_id, "big")
    sdk.upload_v1(space_id, "a.bin", payload(300, seed=1), parent_id=big.id)
    sdk.upload_v1(space_id, "b.bin", payload(300, seed=2), parent_id=big.id)
    small = sdk.upload_v1(space_id, "small.txt", b"0123456789")

    # The folder's first file still fits, its second does not: the whole item is undone.
    items = copy_dentries(sdk, space_id, [big.id, small.id], "0")

    assert outcomes(items) == {big.id: "spaceQuotaInsufficient", small.id: "ok"}
    assert {d.name for d in sdk.list_children(space_id)} == {"big", "small.txt", "small (1).txt"}
    assert sdk.get_space(space_id).body.space.used_quota == 620


def test_get_task_of_an_unknown_task(sdk: Sdk) -> None:
    # Every move and copy here finishes at once (async false), so no task id is ever handed out.
    request = v1.GetTaskRequest(union_id=sdk.union_id)
    expect_error(
        lambda: sdk.v1.get_task_with_options("task-1", request, sdk.headers(v1.GetTaskHeaders), sdk.runtime),
        "taskNotExist",
        {404},
    )
