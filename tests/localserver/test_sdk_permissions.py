"""Permissions through the official SDK: Add/Update/Delete/ListPermissions and BatchQueryRoles (§13.5).

The plumbing is `test_sdk_conformance`'s. What the roles allow in every other call is checked over
raw HTTP in `test_http_permissions`.
"""

from __future__ import annotations

from alibabacloud_dingtalk.storage_1_0 import models as v1

from tests.localserver.test_sdk_conformance import MISSING_ID, Sdk, expect_error, sdk, space_id

__all__ = ["sdk", "space_id"]  # fixtures, shared with the conformance suite

EDITOR_USER = "colleague-editor"
READER_USER = "colleague-reader"


def members(*union_ids: str, kind: str = "USER") -> list[v1.AddPermissionRequestMembers]:
    return [v1.AddPermissionRequestMembers(type=kind, id=union_id, corp_id="local") for union_id in union_ids]


def add_permission(
    sdk: Sdk,
    space_id: str,
    dentry_id: str,
    role: str,
    *union_ids: str,
    duration: int | None = None,
    kind: str = "USER",
) -> v1.AddPermissionResponseBody:
    request = v1.AddPermissionRequest(
        role_id=role,
        members=members(*union_ids, kind=kind),
        option=v1.AddPermissionRequestOption(duration=duration) if duration is not None else None,
        union_id=sdk.union_id,
    )
    return sdk.v1.add_permission_with_options(
        space_id, dentry_id, request, sdk.headers(v1.AddPermissionHeaders), sdk.runtime
    ).body


def update_permission(
    sdk: Sdk, space_id: str, dentry_id: str, role: str, *union_ids: str, duration: int | None = None
) -> v1.UpdatePermissionResponseBody:
    request = v1.UpdatePermissionRequest(
        role_id=role,
        members=[v1.UpdatePermissionRequestMembers(type="USER", id=union_id) for union_id in union_ids],
        option=v1.UpdatePermissionRequestOption(duration=duration) if duration is not None else None,
        union_id=sdk.union_id,
    )
    return sdk.v1.update_permission_with_options(
        space_id, dentry_id, request, sdk.headers(v1.UpdatePermissionHeaders), sdk.runtime
    ).body


def delete_permission(
    sdk: Sdk, space_id: str, dentry_id: str, role: str, *union_ids: str
) -> v1.DeletePermissionResponseBody:
    request = v1.DeletePermissionRequest(
        role_id=role,
        members=[v1.DeletePermissionRequestMembers(type="USER", id=union_id) for union_id in union_ids],
        union_id=sdk.union_id,
    )
    return sdk.v1.delete_permission_with_options(
        space_id, dentry_id, request, sdk.headers(v1.DeletePermissionHeaders), sdk.runtime
    ).body


def list_permissions(
    sdk: Sdk,
    space_id: str,
    dentry_id: str,
    *,
    roles: list[str] | None = None,
    max_results: int | None = None,
    next_token: str | None = None,
) -> v1.ListPermissionsResponseBody:
    option = None
    if roles is not None or max_results is not None or next_token is not None:
        option = v1.ListPermissionsRequestOption(
            filter_role_ids=roles, max_results=max_results, next_token=next_token
        )
    request = v1.ListPermissionsRequest(option=option, union_id=sdk.union_id)
    return sdk.v1.list_permissions_with_options(
        space_id, dentry_id, request, sdk.headers(v1.ListPermissionsHeaders), sdk.runtime
    ).body


def batch_query_roles(sdk: Sdk, space_id: str, dentry_ids: list[str]) -> v1.BatchQueryRolesResponseBody:
    request = v1.BatchQueryRolesRequest(dentry_id_list=dentry_ids, union_id=sdk.union_id)
    return sdk.v1.batch_query_roles_with_options(
        space_id, request, sdk.headers(v1.BatchQueryRolesHeaders), sdk.runtime
    ).body


def granted(sdk: Sdk, space_id: str, dentry_id: str) -> dict[str, str]:
    """Member unionId → role id of the grants on a dentry."""
    return {p.member.id: p.role.id for p in list_permissions(sdk, space_id, dentry_id).permissions}


def test_add_list_update_delete_permission(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Team")
    assert add_permission(sdk, space_id, folder.id, "EDITOR", EDITOR_USER).success is True
    assert add_permission(sdk, space_id, folder.id, "READER", READER_USER, duration=600).success is True

    listed = {p.member.id: p for p in list_permissions(sdk, space_id, folder.id).permissions}
    assert set(listed) == {EDITOR_USER, READER_USER}
    editor = listed[EDITOR_USER]
    # `role` and `member` are objects the SDK parses (a bare string would void the whole body).
    assert (editor.role.id, editor.role.name) == ("EDITOR", "Editor")
    assert (editor.member.type, editor.member.corp_id) == ("USER", "local")
    assert (editor.space_id, editor.dentry_id) == (space_id, folder.id)
    assert editor.operator_id == sdk.union_id
    assert editor.create_time
    assert editor.modified_time
    assert editor.duration is None  # no expiry
    assert listed[READER_USER].duration == 600
    assert granted(sdk, space_id, folder.id) == {EDITOR_USER: "EDITOR", READER_USER: "READER"}
    filtered = list_permissions(sdk, space_id, folder.id, roles=["READER"]).permissions
    assert [p.member.id for p in filtered] == [READER_USER]

    # One role per member per dentry: UpdatePermission (PUT) and AddPermission both set it.
    assert update_permission(sdk, space_id, folder.id, "READER", EDITOR_USER).success is True
    assert granted(sdk, space_id, folder.id) == {EDITOR_USER: "READER", READER_USER: "READER"}
    add_permission(sdk, space_id, folder.id, "DOWNLOADER", EDITOR_USER)
    assert granted(sdk, space_id, folder.id) == {EDITOR_USER: "DOWNLOADER", READER_USER: "READER"}

    # DeletePermission takes the given role only.
    assert delete_permission(sdk, space_id, folder.id, "EDITOR", READER_USER).success is True
    assert granted(sdk, space_id, folder.id) == {EDITOR_USER: "DOWNLOADER", READER_USER: "READER"}
    delete_permission(sdk, space_id, folder.id, "READER", READER_USER)
    assert granted(sdk, space_id, folder.id) == {EDITOR_USER: "DOWNLOADER"}


def test_update_keeps_the_expiry_unless_given_one(sdk: Sdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "shared.txt", b"s")
    add_permission(sdk, space_id, file.id, "READER", READER_USER, duration=900)
    update_permission(sdk, space_id, file.id, "DOWNLOADER", READER_USER)
    (permission,) = list_permissions(sdk, space_id, file.id).permissions
    assert (permission.role.id, permission.duration) == ("DOWNLOADER", 900)
    update_permission(sdk, space_id, file.id, "DOWNLOADER", READER_USER, duration=60)
    assert list_permissions(sdk, space_id, file.id).permissions[0].duration == 60
    # AddPermission replaces the grant as a whole: no duration, no expiry.
    add_permission(sdk, space_id, file.id, "READER", READER_USER)
    assert list_permissions(sdk, space_id, file.id).permissions[0].duration is None


def test_list_permissions_pages_in_the_body(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Crowd")
    everyone = [f"member-{n:02d}" for n in range(7)]
    add_permission(sdk, space_id, folder.id, "READER", *everyone)

    seen: list[str] = []
    token: str | None = None
    for _ in range(10):
        page = list_permissions(sdk, space_id, folder.id, max_results=3, next_token=token)
        assert len(page.permissions) <= 3
        seen += [p.member.id for p in page.permissions]
        token = page.next_token
        if not token:
            break
    assert seen == everyone
    assert [p.member.id for p in list_permissions(sdk, space_id, folder.id).permissions] == everyone


def test_batch_query_roles_answers_the_operators_role(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Team")
    file = sdk.upload_v1(space_id, "inside.txt", b"i", parent_id=folder.id)
    outside = sdk.upload_v1(space_id, "outside.txt", b"o")
    add_permission(sdk, space_id, folder.id, "EDITOR", EDITOR_USER)

    # The creator is OWNER of everything. The SDK re-keys roleMap to "k" (§13.5), so one id per call.
    owner = batch_query_roles(sdk, space_id, [file.id]).role_map
    assert list(owner) == ["k"]
    assert [(role.id, role.name) for role in owner["k"]] == [("OWNER", "Owner")]
    colleague = sdk.as_user(EDITOR_USER)
    assert [role.id for role in batch_query_roles(colleague, space_id, [file.id]).role_map["k"]] == ["EDITOR"]
    assert batch_query_roles(colleague, space_id, [outside.id]).role_map["k"] == []


def test_permission_errors(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Team")
    expect_error(
        lambda: add_permission(sdk, space_id, folder.id, "ADMIN", EDITOR_USER),
        "paramError",
        {400},
        or_subcode=True,
    )
    expect_error(
        lambda: add_permission(sdk, space_id, folder.id, "READER", "dept-1", kind="DEPT"),
        "paramError",
        {400},
        or_subcode=True,
    )
    crowd = [f"u{n}" for n in range(31)]
    expect_error(
        lambda: add_permission(sdk, space_id, folder.id, "READER", *crowd),
        "paramError",
        {400},
        or_subcode=True,
    )
    expect_error(
        lambda: add_permission(sdk, space_id, folder.id, "READER", EDITOR_USER, duration=0),
        "paramError",
        {400},
        or_subcode=True,
    )
    expect_error(
        lambda: add_permission(sdk, space_id, MISSING_ID, "READER", EDITOR_USER), "dentryNotExist", {404}
    )
    assert list_permissions(sdk, space_id, folder.id).permissions == []

    # Only MANAGER and OWNER change permissions.
    add_permission(sdk, space_id, folder.id, "EDITOR", EDITOR_USER)
    editor = sdk.as_user(EDITOR_USER)
    expect_error(
        lambda: add_permission(editor, space_id, folder.id, "READER", READER_USER), "permissionDenied", {403}
    )
    expect_error(
        lambda: delete_permission(editor, space_id, folder.id, "EDITOR", EDITOR_USER),
        "permissionDenied",
        {403},
    )
    # Anyone who sees the dentry sees who else has access; someone with no role there does not.
    assert [p.member.id for p in list_permissions(editor, space_id, folder.id).permissions] == [EDITOR_USER]
    stranger = sdk.as_user(READER_USER)
    expect_error(lambda: list_permissions(stranger, space_id, folder.id), "permissionDenied", {403})
