"""Update/DeleteDentryAppProperties through the official SDK (REFERENCE.md §13.6, §13.8).

The plumbing is `test_sdk_conformance`'s. The SDK re-keys the owner map to ``"k"`` (§2), so the
owner key itself is read once over raw HTTP.
"""

from __future__ import annotations

from alibabacloud_dingtalk.storage_1_0 import models as v1

from tests.conftest import RawApi
from tests.localserver.test_sdk_batch import copy_dentries
from tests.localserver.test_sdk_conformance import MISSING_ID, Sdk, expect_error, sdk, space_id

__all__ = ["sdk", "space_id"]  # fixtures, shared with the conformance suite


def update_properties(
    sdk: Sdk, space_id: str, dentry_id: str, properties: list[tuple[str, str, str]]
) -> v1.UpdateDentryAppPropertiesResponseBody:
    request = v1.UpdateDentryAppPropertiesRequest(
        app_properties=[
            v1.UpdateDentryAppPropertiesRequestAppProperties(name=n, value=v, visibility=vis)
            for n, v, vis in properties
        ],
        union_id=sdk.union_id,
    )
    return sdk.v1.update_dentry_app_properties_with_options(
        space_id, dentry_id, request, sdk.headers(v1.UpdateDentryAppPropertiesHeaders), sdk.runtime
    ).body


def delete_properties(
    sdk: Sdk, space_id: str, dentry_id: str, names: list[str]
) -> v1.DeleteDentryAppPropertiesResponseBody:
    request = v1.DeleteDentryAppPropertiesRequest(property_names=names, union_id=sdk.union_id)
    return sdk.v1.delete_dentry_app_properties_with_options(
        space_id, dentry_id, request, sdk.headers(v1.DeleteDentryAppPropertiesHeaders), sdk.runtime
    ).body


def properties_of(sdk: Sdk, space_id: str, dentry_id: str) -> set[tuple[str, str, str]]:
    """The (name, value, visibility) of a dentry's app properties, as GetDentry shows them."""
    dentry = sdk.get_dentry(space_id, dentry_id)
    return {(p.name, p.value, p.visibility) for p in (dentry.app_properties or {}).get("k", [])}


def test_update_upserts_by_name_and_delete_removes(sdk: Sdk, space_id: str, api: RawApi) -> None:
    file = sdk.upload_v1(space_id, "tagged.txt", b"t", app_properties=[("color", "red", "PUBLIC")])

    answer = update_properties(
        sdk, space_id, file.id, [("color", "blue", "PUBLIC"), ("状态", "已审核", "PRIVATE")]
    )
    assert answer.success is True
    assert properties_of(sdk, space_id, file.id) == {
        ("color", "blue", "PUBLIC"),
        ("状态", "已审核", "PRIVATE"),
    }
    # Properties not named stay as they are.
    update_properties(sdk, space_id, file.id, [("size", "L", "PUBLIC")])
    assert properties_of(sdk, space_id, file.id) == {
        ("color", "blue", "PUBLIC"),
        ("状态", "已审核", "PRIVATE"),
        ("size", "L", "PUBLIC"),
    }
    # Filed under the same owner key CommitFile used (the space's ownerId), as one list.
    raw = api.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{file.id}/query", json={}).json()
    assert list(raw["dentry"]["appProperties"]) == [sdk.get_space(space_id).body.space.owner_id]

    # Unknown names are ignored.
    assert delete_properties(sdk, space_id, file.id, ["color", "no-such-name"]).success is True
    assert properties_of(sdk, space_id, file.id) == {("状态", "已审核", "PRIVATE"), ("size", "L", "PUBLIC")}
    delete_properties(sdk, space_id, file.id, ["状态", "size"])
    assert properties_of(sdk, space_id, file.id) == set()


def test_at_most_three_per_call(sdk: Sdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "f.txt", b"f")
    four = [(f"p{n}", "v", "PUBLIC") for n in range(4)]
    expect_error(
        lambda: update_properties(sdk, space_id, file.id, four), "paramError", {400}, or_subcode=True
    )
    expect_error(lambda: update_properties(sdk, space_id, file.id, []), "paramError", {400}, or_subcode=True)
    expect_error(
        lambda: delete_properties(sdk, space_id, file.id, ["a", "b", "c", "d"]),
        "paramError",
        {400},
        or_subcode=True,
    )
    expect_error(lambda: update_properties(sdk, space_id, MISSING_ID, four[:1]), "dentryNotExist", {404})
    assert properties_of(sdk, space_id, file.id) == set()
    update_properties(sdk, space_id, file.id, four[:3])
    update_properties(sdk, space_id, file.id, four[3:])
    assert len(properties_of(sdk, space_id, file.id)) == 4


def test_a_folder_keeps_its_properties_and_its_copy_has_them(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "labelled")
    update_properties(sdk, space_id, folder.id, [("project", "apollo", "PUBLIC")])
    target = sdk.add_folder(space_id, "copies")
    (item,) = copy_dentries(sdk, space_id, [folder.id], target.id)
    assert properties_of(sdk, space_id, item.target_dentry_id) == {("project", "apollo", "PUBLIC")}
