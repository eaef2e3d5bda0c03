"""Files and folders over HTTP: list, get, add, rename, move, copy, delete, versions, search."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from app.localserver import LocalServer
from tests.localserver.helpers import (
    OTHER_USER,
    ROOT,
    Json,
    Storage,
    assert_dentry,
    assert_error,
    assert_param_error,
    ok,
    running_server,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


@pytest.fixture
def space_id(storage: Storage) -> str:
    """A fresh USER space."""
    return storage.new_space_id("dentries")


def _ids(dentries: list[Json]) -> list[str]:
    return [d["id"] for d in dentries]


def _names(dentries: list[Json]) -> list[str]:
    return [d["name"] for d in dentries]


# --------------------------------------------------------------------------- AddFolder


def test_add_folder_at_root(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "Reports")
    assert_dentry(folder, kind="FOLDER")
    assert folder["name"] == "Reports"
    assert folder["parentId"] == ROOT
    assert folder["spaceId"] == space_id
    assert folder["status"] == "NORMAL"
    assert folder["path"].endswith("/Reports")
    assert folder["creatorId"] == storage.union_id


def test_nested_folders_have_paths_and_parents(storage: Storage, space_id: str) -> None:
    outer = storage.add_folder(space_id, "A")
    inner = storage.add_folder(space_id, "B", parent_id=outer["id"])
    deepest = storage.add_folder(space_id, "C", parent_id=inner["id"])
    assert inner["parentId"] == outer["id"]
    assert deepest["path"].endswith("/A/B/C")
    assert _names(storage.list_all(space_id, outer["id"])) == ["B"]
    assert _names(storage.list_all(space_id, ROOT)) == ["A"]
    fetched = storage.get_dentry(space_id, deepest["id"])
    assert fetched["path"] == deepest["path"]
    assert fetched["uuid"] == deepest["uuid"]


def test_add_folder_accepts_the_sdks_empty_app_properties(storage: Storage, space_id: str) -> None:
    option = {"appProperties": [], "conflictStrategy": "RETURN_ERROR_IF_EXISTS"}
    folder = storage.add_folder(space_id, "新建 文件夹", option=option)
    assert folder["name"] == "新建 文件夹"
    assert not folder.get("appProperties")
    again = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders",
        json={"name": "新建 文件夹", "option": option},
    )
    assert_error(again, 400, "dentryNameConflict")
    assert storage.names(space_id) == ["新建 文件夹"]


def test_add_folder_auto_renames_on_request(storage: Storage, space_id: str) -> None:
    storage.add_folder(space_id, "Docs")
    second = storage.add_folder(space_id, "Docs", option={"conflictStrategy": "AUTO_RENAME"})
    third = storage.add_folder(space_id, "Docs", option={"conflictStrategy": "AUTO_RENAME"})
    assert second["name"] == "Docs (1)"
    assert third["name"] == "Docs (2)"
    assert storage.names(space_id) == ["Docs", "Docs (1)", "Docs (2)"]


@pytest.mark.parametrize("name", ["a\tb", "a*b", 'a"b', "a<b", "a>b", "a|b", "ends.", "   "])
def test_add_folder_refuses_illegal_names(storage: Storage, space_id: str, name: str) -> None:
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json={"name": name}
    )
    assert_error(response, 400, {"dentryNameIllegal", "paramError"}, prefix=True)
    assert storage.names(space_id) == []


def test_add_folder_trims_spaces(storage: Storage, space_id: str) -> None:
    assert storage.add_folder(space_id, "  padded  ")["name"] == "padded"


def test_add_folder_under_unknown_parent(storage: Storage, space_id: str) -> None:
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/987654/folders", json={"name": "x"}
    )
    assert_error(response, {400, 404}, "dentryNotExist")


def test_add_folder_under_a_file_is_refused(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "plain.txt", b"hello")
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/folders", json={"name": "x"}
    )
    assert 400 <= response.status_code < 500, response.text
    assert_error(response, response.status_code, None)


@pytest.mark.parametrize(
    "body",
    [{}, {"name": None}, {"name": ["x"]}, {"name": "x", "option": {"conflictStrategy": "NOPE"}}],
)
def test_add_folder_bad_bodies_are_param_errors(storage: Storage, space_id: str, body: Json) -> None:
    response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json=body)
    assert_param_error(response)


def test_add_folder_in_unknown_space(storage: Storage) -> None:
    response = storage.call("POST", "/v1.0/storage/spaces/987654321/dentries/0/folders", json={"name": "x"})
    assert_error(response, 404, "spaceNotExist")


# --------------------------------------------------------------------------- ListDentries


def test_list_dentries_returns_files_and_folders(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "dir")
    file = storage.upload(space_id, "note.txt", b"hello world")
    page = storage.list_page(space_id, ROOT, maxResults=50)
    assert "nextToken" not in page or not page["nextToken"]
    by_id = {d["id"]: d for d in page["dentries"]}
    assert set(by_id) == {folder["id"], file["id"]}
    assert_dentry(by_id[folder["id"]], kind="FOLDER")
    assert_dentry(by_id[file["id"]], kind="FILE")
    assert by_id[file["id"]]["size"] == 11
    assert by_id[file["id"]]["extension"] == "txt"


def test_list_empty_folder(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "empty")
    page = storage.list_page(space_id, folder["id"])
    assert page["dentries"] == []
    assert not page.get("nextToken")


def test_list_unknown_parent_and_space(storage: Storage, space_id: str) -> None:
    missing_parent = storage.call(
        "GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"parentId": "987654"}
    )
    assert_error(missing_parent, {400, 404}, "dentryNotExist")
    missing_space = storage.call("GET", "/v1.0/storage/spaces/987654321/dentries", params={"parentId": ROOT})
    assert_error(missing_space, 404, "spaceNotExist")


@pytest.mark.parametrize("max_results", ["51", "0", "-1", "abc", "1000"])
def test_list_rejects_bad_max_results(storage: Storage, space_id: str, max_results: str) -> None:
    response = storage.call(
        "GET",
        f"/v1.0/storage/spaces/{space_id}/dentries",
        params={"parentId": ROOT, "maxResults": max_results},
    )
    assert_param_error(response)


def test_list_accepts_fifty(storage: Storage, space_id: str) -> None:
    for i in range(3):
        storage.add_folder(space_id, f"f{i}")
    assert len(storage.list_page(space_id, ROOT, maxResults=50)["dentries"]) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"orderBy": "COLOR"},
        {"order": "SIDEWAYS"},
        {"nextToken": "not-a-token"},
        {"nextToken": "eyJ4IjogMX0="},
        {"withThumbnail": "maybe"},
    ],
)
def test_list_rejects_bad_parameters(storage: Storage, space_id: str, params: Json) -> None:
    storage.add_folder(space_id, "x")
    response = storage.call(
        "GET",
        f"/v1.0/storage/spaces/{space_id}/dentries",
        params={"parentId": ROOT, **params},
    )
    assert_param_error(response)


@pytest.fixture
def ordered_files(storage: Storage, space_id: str) -> tuple[Storage, str, str]:
    """A folder with four files created in the order b, d, a, c, with distinct sizes.

    Returns the client, the space id and the folder id.
    """
    folder = storage.add_folder(space_id, "ordered")
    for name, size in [("b.txt", 30), ("d.txt", 10), ("a.txt", 20), ("c.txt", 40)]:
        storage.upload(space_id, name, b"x" * size, parent_id=folder["id"])
        time.sleep(0.02)
    return storage, space_id, folder["id"]


@pytest.mark.parametrize(
    ("order_by", "order", "expected"),
    [
        ("NAME", "ASC", ["a.txt", "b.txt", "c.txt", "d.txt"]),
        ("NAME", "DESC", ["d.txt", "c.txt", "b.txt", "a.txt"]),
        ("SIZE", "ASC", ["d.txt", "a.txt", "b.txt", "c.txt"]),
        ("SIZE", "DESC", ["c.txt", "b.txt", "a.txt", "d.txt"]),
        ("CREATE_TIME", "ASC", ["b.txt", "d.txt", "a.txt", "c.txt"]),
        ("CREATE_TIME", "DESC", ["c.txt", "a.txt", "d.txt", "b.txt"]),
        ("MODIFIED_TIME", "ASC", ["b.txt", "d.txt", "a.txt", "c.txt"]),
        ("MODIFIED_TIME", "DESC", ["c.txt", "a.txt", "d.txt", "b.txt"]),
    ],
)
def test_list_orders(
    ordered_files: tuple[Storage, str, str], order_by: str, order: str, expected: list[str]
) -> None:
    storage, space_id, folder_id = ordered_files
    listed = storage.list_all(space_id, folder_id, orderBy=order_by, order=order, maxResults=3)
    assert _names(listed) == expected


def test_default_order_is_most_recently_modified_first(
    ordered_files: tuple[Storage, str, str],
) -> None:
    storage, space_id, folder_id = ordered_files
    assert _names(storage.list_all(space_id, folder_id)) == ["c.txt", "a.txt", "d.txt", "b.txt"]
    time.sleep(1.05)  # be safe with services that keep whole seconds
    storage.upload(space_id, "b.txt", b"y" * 5, parent_id=folder_id, conflict="OVERWRITE")
    assert _names(storage.list_all(space_id, folder_id))[0] == "b.txt"
    by_size = storage.list_all(space_id, folder_id, orderBy="SIZE", order="ASC")
    assert _names(by_size)[0] == "b.txt"


@pytest.mark.parametrize(
    ("order_by", "order"),
    [
        ("NAME", "ASC"),
        ("NAME", "DESC"),
        ("SIZE", "ASC"),
        ("SIZE", "DESC"),
        ("CREATE_TIME", "ASC"),
        ("CREATE_TIME", "DESC"),
        ("MODIFIED_TIME", "ASC"),
        ("MODIFIED_TIME", "DESC"),
    ],
)
def test_next_token_survives_inserts_and_deletes(
    storage: Storage, space_id: str, order_by: str, order: str
) -> None:
    """Entries that exist throughout are each seen exactly once while the folder changes."""
    folder = storage.add_folder(space_id, "busy")["id"]
    original = {}
    for i in range(0, 40, 2):
        dentry = storage.add_folder(space_id, f"f{i:02d}", parent_id=folder)
        original[dentry["id"]] = dentry["name"]
    params = {"orderBy": order_by, "order": order, "maxResults": 6}
    seen: list[str] = []
    deleted: set[str] = set()
    added = 0
    page = storage.list_page(space_id, folder, **params)
    rounds = 0
    while True:
        rounds += 1
        assert rounds < 50, "paging never ended"
        seen.extend(_ids(page["dentries"]))
        token = page.get("nextToken")
        if not token:
            break
        # Change the folder between pages: add names on both sides, delete one seen and one unseen.
        for name in (f"e{added:02d}", f"g{added:02d}", f"f{added * 2 + 1:02d}"):
            storage.add_folder(space_id, name, parent_id=folder)
        added += 1
        remaining = [i for i in original if i not in deleted]
        seen_ids = [i for i in remaining if i in seen]
        unseen_ids = [i for i in remaining if i not in seen]
        for victim in seen_ids[:1] + unseen_ids[-1:]:
            storage.delete(space_id, victim)
            deleted.add(victim)
        page = storage.list_page(space_id, folder, nextToken=token, **params)
    assert len(seen) == len(set(seen)), f"duplicates across pages: {seen}"
    throughout = set(original) - deleted
    missing = {original[i] for i in throughout - set(seen)}
    assert not missing, f"skipped while paging: {sorted(missing)}"
    assert added >= 2, "the test wants several pages"


def test_next_token_pages_cover_everything_once(storage: Storage, space_id: str) -> None:
    for i in range(23):
        storage.add_folder(space_id, f"n{i:02d}")
    pages: list[list[Json]] = []
    token: str | None = None
    while True:
        params: Json = {"maxResults": 5, "orderBy": "NAME", "order": "ASC"}
        if token:
            params["nextToken"] = token
        page = storage.list_page(space_id, ROOT, **params)
        pages.append(page["dentries"])
        token = page.get("nextToken")
        if not token:
            break
        assert isinstance(token, str)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [d["name"] for p in pages for d in p] == [f"n{i:02d}" for i in range(23)]


def test_deleted_entries_are_not_listed(storage: Storage, space_id: str) -> None:
    keep = storage.add_folder(space_id, "keep")
    gone = storage.add_folder(space_id, "gone")
    binned = storage.upload(space_id, "binned.txt", b"x")
    storage.delete(space_id, gone["id"])
    storage.delete(space_id, binned["id"], to_recycle_bin=True)
    assert _ids(storage.list_all(space_id)) == [keep["id"]]


# ------------------------------------------------------------------ GetDentry / GetDentries


def test_get_dentry_file_and_folder(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "box")
    file = storage.upload(space_id, "data.csv", b"a,b\n1,2\n", parent_id=folder["id"])
    got_file = storage.get_dentry(space_id, file["id"])
    assert_dentry(got_file, kind="FILE")
    assert got_file["name"] == "data.csv"
    assert got_file["size"] == 8
    assert got_file["parentId"] == folder["id"]
    assert got_file["extension"] == "csv"
    assert got_file["version"] == 1
    assert got_file["uuid"] == file["uuid"]
    assert got_file["path"].endswith("/box/data.csv")
    got_folder = storage.get_dentry(space_id, folder["id"])
    assert_dentry(got_folder, kind="FOLDER")


def test_get_dentry_errors(storage: Storage, space_id: str) -> None:
    unknown = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/987654/query", json={})
    assert_error(unknown, 404, "dentryNotExist")
    no_space = storage.call("POST", "/v1.0/storage/spaces/987654321/dentries/1/query", json={})
    assert_error(no_space, 404, "spaceNotExist")
    bad_id = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/x%2Fy/query", json={})
    assert_error(bad_id, {400, 404}, None)


def test_dentry_of_another_space_is_not_found_here(storage: Storage, space_id: str) -> None:
    other_space = storage.new_space_id("second")
    elsewhere = storage.add_folder(other_space, "elsewhere")
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{elsewhere['id']}/query", json={}
    )
    assert_error(response, 404, "dentryNotExist")


def test_get_dentries_reports_each_item(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "f")
    file = storage.upload(space_id, "a.txt", b"abc")
    binned = storage.upload(space_id, "b.txt", b"abcd")
    storage.delete(space_id, binned["id"], to_recycle_bin=True)
    ids = [folder["id"], file["id"], "987654", binned["id"]]
    body = ok(
        storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/query", json={"dentryIds": ids})
    )
    items = {item["dentryId"]: item for item in body["resultItems"]}
    assert set(items) == set(ids)
    assert items[folder["id"]]["success"] is True
    assert items[folder["id"]]["dentry"]["type"] == "FOLDER"
    assert items[file["id"]]["success"] is True
    assert items[file["id"]]["dentry"]["size"] == 3
    assert items[file["id"]]["spaceId"] == space_id
    assert items["987654"]["success"] is False
    assert items["987654"]["errorCode"] == "dentryNotExist"
    assert "dentry" not in items["987654"] or not items["987654"]["dentry"]
    assert items[binned["id"]]["success"] is True
    assert items[binned["id"]]["dentry"]["status"] == "DELETED"


def test_get_dentries_permanently_deleted_is_not_exist(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "a.txt", b"abc")
    storage.delete(space_id, file["id"], to_recycle_bin=False)
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/query",
            json={"dentryIds": [file["id"]]},
        )
    )
    (item,) = body["resultItems"]
    assert item["success"] is False
    assert item["errorCode"] == "dentryNotExist"


def test_get_dentries_limit_is_thirty(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "f")
    thirty = [folder["id"]] + [str(900000 + i) for i in range(29)]
    body = ok(
        storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/query", json={"dentryIds": thirty})
    )
    assert len(body["resultItems"]) == 30
    too_many = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/query",
        json={"dentryIds": [*thirty, "1"]},
    )
    assert_param_error(too_many)


@pytest.mark.parametrize("body", [{}, {"dentryIds": "1"}, {"dentryIds": [1, {}]}, {"dentryIds": None}])
def test_get_dentries_bad_bodies(storage: Storage, space_id: str, body: Json) -> None:
    response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/query", json=body)
    assert_param_error(response)


def test_get_dentries_unknown_space(storage: Storage) -> None:
    response = storage.call(
        "POST", "/v1.0/storage/spaces/987654321/dentries/query", json={"dentryIds": ["1"]}
    )
    assert_error(response, 404, "spaceNotExist")


# --------------------------------------------------------------------------- ListAllDentries


def test_list_all_dentries_walks_the_space(storage: Storage, space_id: str) -> None:
    outer = storage.add_folder(space_id, "outer")
    inner = storage.add_folder(space_id, "inner", parent_id=outer["id"])
    file = storage.upload(space_id, "deep.txt", b"deep", parent_id=inner["id"])
    found: list[str] = []
    token: str | None = None
    for _ in range(10):
        option: Json = {"maxResults": 2}
        if token:
            option["nextToken"] = token
        body = ok(
            storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/listAll", json={"option": option})
        )
        found.extend(_ids(body["dentries"]))
        token = body.get("nextToken")
        if not token:
            break
    assert sorted(found) == sorted([outer["id"], inner["id"], file["id"]])


# --------------------------------------------------------------------------- RenameDentry


def test_rename_file_keeps_identity(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "draft.txt", b"text")
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/rename",
            json={"newName": "final.md"},
        )
    )
    renamed = body["dentry"]
    assert renamed["id"] == file["id"]
    assert renamed["uuid"] == file["uuid"]
    assert renamed["name"] == "final.md"
    fetched = storage.get_dentry(space_id, file["id"])
    assert fetched["name"] == "final.md"
    assert fetched["extension"] == "md"
    assert fetched["path"].endswith("/final.md")
    assert storage.names(space_id) == ["final.md"]
    assert storage.download(space_id, file["id"]) == b"text"


def test_rename_folder_updates_child_paths(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "old")
    child = storage.add_folder(space_id, "child", parent_id=folder["id"])
    ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/rename",
            json={"newName": "new"},
        )
    )
    assert storage.get_dentry(space_id, child["id"])["path"].endswith("/new/child")


def test_rename_conflicts_and_illegal_names(storage: Storage, space_id: str) -> None:
    storage.upload(space_id, "taken.txt", b"1")
    file = storage.upload(space_id, "mine.txt", b"2")
    path = f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/rename"
    assert_error(storage.call("POST", path, json={"newName": "taken.txt"}), 400, "dentryNameConflict")
    for bad in ("a*b.txt", "a|b", "dot.", "tab\there"):
        assert_error(storage.call("POST", path, json={"newName": bad}), 400, "dentryNameIllegal")
    assert_param_error(storage.call("POST", path, json={}))
    assert storage.names(space_id) == ["mine.txt", "taken.txt"]


def test_rename_unknown_dentry(storage: Storage, space_id: str) -> None:
    response = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/987654/rename",
        json={"newName": "x"},
    )
    assert_error(response, 404, "dentryNotExist")


def test_rename_to_same_name_is_fine(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "same.txt", b"2")
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/rename",
            json={"newName": "same.txt"},
        )
    )
    assert body["dentry"]["name"] == "same.txt"


# --------------------------------------------------------------------------- MoveDentry


def _move(
    storage: Storage, space_id: str, dentry_id: str, target: str, **option: object
) -> requests.Response:
    body: Json = {"targetSpaceId": space_id, "targetFolderId": target}
    if option:
        body["option"] = option
    return storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/move", json=body)


def test_move_file_into_folder(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "dest")
    file = storage.upload(space_id, "moving.txt", b"payload")
    body = storage.wait_task(ok(_move(storage, space_id, file["id"], folder["id"])))
    if not body.get("async"):
        assert body["dentry"]["parentId"] == folder["id"]
    moved = storage.get_dentry(space_id, file["id"])
    assert moved["parentId"] == folder["id"]
    assert moved["uuid"] == file["uuid"]
    assert moved["path"].endswith("/dest/moving.txt")
    assert storage.names(space_id) == ["dest"]
    assert storage.names(space_id, folder["id"]) == ["moving.txt"]
    assert storage.download(space_id, file["id"]) == b"payload"


def test_move_with_sdk_option_spelling(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "dest")
    file = storage.upload(space_id, "a.txt", b"a")
    response = _move(
        storage,
        space_id,
        file["id"],
        folder["id"],
        conflictStrategy="AUTO_RENAME",
        presevePermissions=True,
    )
    storage.wait_task(ok(response))
    assert storage.get_dentry(space_id, file["id"])["parentId"] == folder["id"]


def test_move_conflicts(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "dest")
    storage.upload(space_id, "x.txt", b"old", parent_id=folder["id"])
    first = storage.upload(space_id, "x.txt", b"new")
    refused = _move(storage, space_id, first["id"], folder["id"], conflictStrategy="RETURN_ERROR_IF_EXISTS")
    assert_error(refused, 400, "dentryNameConflict")
    assert storage.get_dentry(space_id, first["id"])["parentId"] == ROOT
    storage.wait_task(ok(_move(storage, space_id, first["id"], folder["id"], conflictStrategy="AUTO_RENAME")))
    assert storage.names(space_id, folder["id"]) == ["x (1).txt", "x.txt"]


def test_move_folder_into_itself_or_descendant_is_refused(storage: Storage, space_id: str) -> None:
    outer = storage.add_folder(space_id, "outer")
    inner = storage.add_folder(space_id, "inner", parent_id=outer["id"])
    for target in (outer["id"], inner["id"]):
        response = _move(storage, space_id, outer["id"], target)
        assert_error(response, 400, None)
    assert storage.get_dentry(space_id, outer["id"])["parentId"] == ROOT


def test_move_errors(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "a.txt", b"a")
    assert_error(_move(storage, space_id, file["id"], "987654"), {400, 404}, "dentryNotExist")
    assert_error(_move(storage, space_id, "987654", ROOT), 404, "dentryNotExist")
    missing_target = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/move", json={}
    )
    assert_param_error(missing_target)


def test_move_folder_carries_its_tree(storage: Storage, space_id: str) -> None:
    src = storage.add_folder(space_id, "src")
    sub = storage.add_folder(space_id, "sub", parent_id=src["id"])
    file = storage.upload(space_id, "leaf.txt", b"leaf", parent_id=sub["id"])
    dest = storage.add_folder(space_id, "dest")
    storage.wait_task(ok(_move(storage, space_id, src["id"], dest["id"])))
    assert storage.get_dentry(space_id, file["id"])["path"].endswith("/dest/src/sub/leaf.txt")
    assert storage.names(space_id) == ["dest"]


# --------------------------------------------------------------------------- CopyDentry


def _copy(
    storage: Storage,
    space_id: str,
    dentry_id: str,
    target: str,
    target_space: str | None = None,
    **option: object,
) -> requests.Response:
    body: Json = {"targetSpaceId": target_space or space_id, "targetFolderId": target}
    if option:
        body["option"] = option
    return storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/copy", json=body)


def test_copy_file(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "dest")
    file = storage.upload(space_id, "orig.bin", bytes(range(256)) * 10)
    body = storage.wait_task(ok(_copy(storage, space_id, file["id"], folder["id"])))
    (copy,) = storage.list_all(space_id, folder["id"])
    if not body.get("async"):
        assert body["dentry"]["id"] == copy["id"]
    assert copy["id"] != file["id"]
    assert copy["uuid"] != file["uuid"]
    assert copy["name"] == "orig.bin"
    assert copy["size"] == 2560
    assert storage.download(space_id, copy["id"]) == bytes(range(256)) * 10
    assert storage.download(space_id, file["id"]) == bytes(range(256)) * 10


def test_copy_into_same_folder_auto_renames(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "twin.txt", b"t")
    storage.wait_task(ok(_copy(storage, space_id, file["id"], ROOT, conflictStrategy="AUTO_RENAME")))
    storage.wait_task(ok(_copy(storage, space_id, file["id"], ROOT, conflictStrategy="AUTO_RENAME")))
    assert storage.names(space_id) == ["twin (1).txt", "twin (2).txt", "twin.txt"]
    refused = _copy(storage, space_id, file["id"], ROOT, conflictStrategy="RETURN_ERROR_IF_EXISTS")
    assert_error(refused, 400, "dentryNameConflict")


def test_copy_folder_is_recursive(storage: Storage, space_id: str) -> None:
    src = storage.add_folder(space_id, "src")
    sub = storage.add_folder(space_id, "sub", parent_id=src["id"])
    storage.add_folder(space_id, "empty", parent_id=sub["id"])
    storage.upload(space_id, "top.txt", b"top", parent_id=src["id"])
    storage.upload(space_id, "leaf.txt", b"leaf", parent_id=sub["id"])
    dest = storage.add_folder(space_id, "dest")
    storage.wait_task(ok(_copy(storage, space_id, src["id"], dest["id"])))

    (copied,) = storage.list_all(space_id, dest["id"])
    assert copied["name"] == "src"
    assert copied["id"] != src["id"]
    top = {d["name"]: d for d in storage.list_all(space_id, copied["id"])}
    assert set(top) == {"sub", "top.txt"}
    assert top["sub"]["id"] != sub["id"]
    inner = {d["name"]: d for d in storage.list_all(space_id, top["sub"]["id"])}
    assert set(inner) == {"empty", "leaf.txt"}
    assert storage.download(space_id, inner["leaf.txt"]["id"]) == b"leaf"
    assert storage.download(space_id, top["top.txt"]["id"]) == b"top"
    assert inner["leaf.txt"]["path"].endswith("/dest/src/sub/leaf.txt")
    # The original tree is untouched.
    assert sorted(storage.names(space_id, src["id"])) == ["sub", "top.txt"]


def test_copy_folder_into_its_own_subtree_is_refused(storage: Storage, space_id: str) -> None:
    outer = storage.add_folder(space_id, "outer")
    inner = storage.add_folder(space_id, "inner", parent_id=outer["id"])
    response = _copy(storage, space_id, outer["id"], inner["id"])
    assert_error(response, 400, None)
    assert storage.names(space_id, inner["id"]) == []


def test_copy_to_another_space_of_the_same_owner(storage: Storage, space_id: str) -> None:
    other = storage.new_space_id("other")
    file = storage.upload(space_id, "share.txt", b"shared")
    storage.wait_task(ok(_copy(storage, space_id, file["id"], ROOT, target_space=other)))
    (copy,) = storage.list_all(other, ROOT)
    assert copy["spaceId"] == other
    assert storage.download(other, copy["id"]) == b"shared"


def test_copy_to_a_space_of_someone_else_is_denied(storage: Storage, space_id: str) -> None:
    theirs = storage.as_user(OTHER_USER).new_space_id("theirs")
    file = storage.upload(space_id, "share.txt", b"shared")
    response = _copy(storage, space_id, file["id"], ROOT, target_space=theirs)
    assert_error(response, {400, 403}, "permissionDenied")


# ------------------------------------------------------------ DeleteDentry / DeleteDentries


@pytest.mark.parametrize("flag", ["True", "true", "False", "false"])
def test_delete_accepts_both_boolean_spellings(storage: Storage, space_id: str, flag: str) -> None:
    file = storage.upload(space_id, "victim.txt", b"v")
    body = ok(
        storage.call(
            "DELETE",
            f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}",
            params={"toRecycleBin": flag},
        )
    )
    storage.wait_task(body)
    assert storage.names(space_id) == []
    items = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/query",
            json={"dentryIds": [file["id"]]},
        )
    )["resultItems"]
    if flag.lower() == "true":
        assert items[0]["success"] is True
        assert items[0]["dentry"]["status"] == "DELETED"
    else:
        assert items[0]["success"] is False
        assert items[0]["errorCode"] == "dentryNotExist"


def test_delete_without_flag_and_twice(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "once.txt", b"v")
    path = f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}"
    storage.wait_task(ok(storage.call("DELETE", path)))
    assert storage.names(space_id) == []
    again = storage.call("DELETE", path, params={"toRecycleBin": "False"})
    assert again.status_code in {200, 404}, again.text
    if again.status_code == 404:
        assert_error(again, 404, "dentryNotExist")


def test_delete_rejects_a_bad_boolean(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "stay.txt", b"v")
    response = storage.call(
        "DELETE",
        f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}",
        params={"toRecycleBin": "perhaps"},
    )
    assert_param_error(response)
    assert storage.names(space_id) == ["stay.txt"]


def test_delete_unknown(storage: Storage, space_id: str) -> None:
    response = storage.call(
        "DELETE",
        f"/v1.0/storage/spaces/{space_id}/dentries/987654",
        params={"toRecycleBin": "False"},
    )
    assert_error(response, 404, "dentryNotExist")


def test_delete_folder_takes_its_contents(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "doomed")
    child = storage.upload(space_id, "inside.txt", b"i", parent_id=folder["id"])
    storage.wait_task(storage.delete(space_id, folder["id"]))
    response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{child['id']}/query", json={})
    if response.status_code == 200:
        assert response.json()["dentry"]["status"] != "NORMAL"
    else:
        assert_error(response, 404, "dentryNotExist")
    assert storage.names(space_id) == []


def test_name_is_free_again_after_delete(storage: Storage, space_id: str) -> None:
    first = storage.add_folder(space_id, "reuse")
    storage.delete(space_id, first["id"], to_recycle_bin=True)
    second = storage.add_folder(space_id, "reuse", option={"conflictStrategy": "RETURN_ERROR_IF_EXISTS"})
    assert second["name"] == "reuse"
    assert second["id"] != first["id"]


def test_delete_dentries_batch(storage: Storage, space_id: str) -> None:
    a = storage.upload(space_id, "a.txt", b"a")
    b = storage.add_folder(space_id, "b")
    keep = storage.upload(space_id, "keep.txt", b"k")
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/batchRemove",
            json={"dentryIds": [a["id"], b["id"], "987654"], "option": {"toRecycleBin": False}},
        )
    )
    items = {item["dentryId"]: item for item in body["resultItems"]}
    assert items[a["id"]]["success"] is True
    assert items[b["id"]]["success"] is True
    assert items["987654"]["success"] is False
    assert items["987654"]["errorCode"] == "dentryNotExist"
    for item in body["resultItems"]:
        if item.get("async"):
            storage.wait_task(item)
    assert _ids(storage.list_all(space_id)) == [keep["id"]]


@pytest.mark.parametrize(
    "body", [{}, {"dentryIds": "1"}, {"dentryIds": ["1"], "option": {"toRecycleBin": "x"}}]
)
def test_delete_dentries_bad_bodies(storage: Storage, space_id: str, body: Json) -> None:
    response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/batchRemove", json=body)
    assert_param_error(response)


# --------------------------------------------------------------------------- ListDentryVersions


def test_versions_follow_overwrites(storage: Storage, space_id: str) -> None:
    first = storage.upload(space_id, "doc.txt", b"version one")
    second = storage.upload(space_id, "doc.txt", b"version two!", conflict="OVERWRITE")
    third = storage.upload(space_id, "doc.txt", b"3", conflict="OVERWRITE")
    assert first["id"] == second["id"] == third["id"]
    assert [first["version"], second["version"], third["version"]] == [1, 2, 3]
    body = ok(
        storage.call(
            "GET",
            f"/v1.0/storage/spaces/{space_id}/dentries/{first['id']}/versions",
            params={"maxResults": 10},
        )
    )
    versions = {d["version"]: d for d in body["dentries"]}
    assert {1, 2} <= set(versions)
    assert versions[1]["size"] == len(b"version one")
    assert versions[2]["size"] == len(b"version two!")
    assert storage.download(space_id, first["id"], version=1) == b"version one"
    assert storage.download(space_id, first["id"], version=2) == b"version two!"
    assert storage.download(space_id, first["id"]) == b"3"


def test_versions_page(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "v.txt", b"0")
    for i in range(1, 5):
        storage.upload(space_id, "v.txt", str(i).encode(), conflict="OVERWRITE")
    seen: list[int] = []
    token: str | None = None
    for _ in range(10):
        params: Json = {"maxResults": 2}
        if token:
            params["nextToken"] = token
        body = ok(
            storage.call(
                "GET",
                f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/versions",
                params=params,
            )
        )
        seen.extend(d["version"] for d in body["dentries"])
        token = body.get("nextToken")
        if not token:
            break
    assert len(seen) == len(set(seen))
    assert {1, 2, 3, 4} <= set(seen)


def test_versions_of_unknown_dentry(storage: Storage, space_id: str) -> None:
    response = storage.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries/987654/versions")
    assert_error(response, 404, "dentryNotExist")


def test_download_unknown_version(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "v.txt", b"0")
    response = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/downloadInfos/query",
        json={"option": {"version": 99}},
    )
    assert_error(response, {400, 404}, None)


# --------------------------------------------------------------------------- SearchDentries v2


def _search(
    storage: Storage, keyword: str | None, space_ids: list[object] | None = None, **extra: object
) -> requests.Response:
    body: Json = {}
    if keyword is not None:
        body["keyword"] = keyword
    option: Json = dict(extra)
    if space_ids is not None:
        option["spaceIds"] = space_ids
    if option:
        body["option"] = option
    return storage.api.session.post(
        f"{storage.api.base_url}/v2.0/storage/dentries/search",
        params={"operatorId": storage.union_id},
        json=body,
        headers={"x-acs-dingtalk-access-token": storage.api.token or ""},
        timeout=10,
    )


def test_search_finds_by_keyword(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "archive")
    report = storage.upload(space_id, "Quarterly Report.pdf", b"%PDF-1.4", parent_id=folder["id"])
    storage.upload(space_id, "notes.txt", b"n")
    body = ok(_search(storage, "report", [int(space_id)]))
    items = body["items"]
    assert [i["dentryUuid"] for i in items] == [report["uuid"]]
    item = items[0]
    assert item["name"] == "Quarterly Report.pdf"
    assert isinstance(item.get("lastModifyTime"), int)
    assert "path" in item


def test_search_without_space_filter_covers_own_spaces_only(storage: Storage, space_id: str) -> None:
    storage.upload(space_id, "needle-1.txt", b"1")
    other_space = storage.new_space_id("second")
    storage.upload(other_space, "needle-2.txt", b"2")
    storage.as_user(OTHER_USER).upload(
        storage.as_user(OTHER_USER).new_space_id("theirs"), "needle-3.txt", b"3"
    )
    names = sorted(i["name"] for i in ok(_search(storage, "needle"))["items"])
    assert names == ["needle-1.txt", "needle-2.txt"]
    only_first = ok(_search(storage, "needle", [int(space_id)]))["items"]
    assert [i["name"] for i in only_first] == ["needle-1.txt"]


def test_search_skips_deleted(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "ephemeral.txt", b"e")
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    assert ok(_search(storage, "ephemeral", [int(space_id)]))["items"] == []


def test_search_pages(storage: Storage, space_id: str) -> None:
    for i in range(7):
        storage.add_folder(space_id, f"page-{i}")
    seen: list[str] = []
    token: str | None = None
    for _ in range(10):
        extra: Json = {"maxResults": 3}
        if token:
            extra["nextToken"] = token
        body = ok(_search(storage, "page-", [int(space_id)], **extra))
        seen.extend(i["dentryUuid"] for i in body["items"])
        token = body.get("nextToken")
        if not token:
            break
    assert len(seen) == 7
    assert len(set(seen)) == 7


def test_search_errors(storage: Storage, space_id: str) -> None:
    assert_param_error(_search(storage, None, [int(space_id)]))
    assert_param_error(_search(storage, "x", ["not-an-int"]))
    no_operator = storage.api.session.post(
        f"{storage.api.base_url}/v2.0/storage/dentries/search",
        json={"keyword": "x"},
        headers={"x-acs-dingtalk-access-token": storage.api.token or ""},
        timeout=10,
    )
    assert_param_error(no_operator)


def test_search_in_someone_elses_space(storage: Storage, space_id: str) -> None:
    storage.upload(space_id, "secret.txt", b"s")
    intruder = storage.as_user(OTHER_USER)
    response = _search(intruder, "secret", [int(space_id)])
    if response.status_code == 200:
        assert response.json()["items"] == []
    else:
        assert_error(response, {400, 403}, "permissionDenied")


def test_deleted_folder_accepts_nothing(storage: Storage, space_id: str) -> None:
    folder = storage.add_folder(space_id, "binned")
    file = storage.upload(space_id, "f.txt", b"f")
    storage.delete(space_id, folder["id"], to_recycle_bin=True)
    add = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/folders", json={"name": "x"}
    )
    assert_error(add, {400, 404}, "dentryNotExist")
    listed = storage.call(
        "GET", f"/v1.0/storage/spaces/{space_id}/dentries", params={"parentId": folder["id"]}
    )
    assert_error(listed, {400, 404}, "dentryNotExist")
    moved = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/move",
        json={"targetSpaceId": space_id, "targetFolderId": folder["id"]},
    )
    assert_error(moved, {400, 404}, "dentryNotExist")
    assert storage.get_dentry(space_id, file["id"])["parentId"] == ROOT


@pytest.mark.parametrize(
    ("order_by", "order"),
    [
        (by, direction)
        for by in ("NAME", "SIZE", "CREATE_TIME", "MODIFIED_TIME")
        for direction in ("ASC", "DESC")
    ],
)
def test_next_token_with_mixed_content_and_ties(
    storage: Storage, space_id: str, order_by: str, order: str
) -> None:
    """Files and folders, mixed-case and non-ASCII names, equal sizes: paging stays exact."""
    parent = storage.add_folder(space_id, "mixed")["id"]
    names = ["b", "B2", "a", "Ä", "é.txt", "Z.txt", "y.TXT", "c.bin", "C.bin", "文件.txt", "_x", "0"]
    original: dict[str, str] = {}
    for index, name in enumerate(names):
        if index % 3 == 0:
            dentry = storage.add_folder(space_id, name, parent_id=parent)
        else:
            dentry = storage.upload(space_id, name, b"s" * (index % 2), parent_id=parent)
        original[dentry["id"]] = dentry["name"]
    assert len(original) == len(names), "names differing only by case may collide: none here do"
    params = {"orderBy": order_by, "order": order, "maxResults": 3}
    unchanged = [d["id"] for d in storage.list_all(space_id, parent, **params)]
    assert sorted(unchanged) == sorted(original)
    seen: list[str] = []
    page = storage.list_page(space_id, parent, **params)
    step = 0
    while True:
        seen.extend(_ids(page["dentries"]))
        token = page.get("nextToken")
        if not token:
            break
        step += 1
        assert step < 40
        storage.upload(space_id, f"new-{step}.dat", b"s", parent_id=parent)
        storage.add_folder(space_id, f"A-new-{step}", parent_id=parent)
        page = storage.list_page(space_id, parent, nextToken=token, **params)
    assert len(seen) == len(set(seen)), "duplicates across pages"
    missing = [original[i] for i in original if i not in seen]
    assert not missing, f"skipped while paging: {missing}"
    # Without changes, paging must give exactly the one-shot order.
    one_shot = [
        d["id"]
        for d in storage.list_page(space_id, parent, orderBy=order_by, order=order, maxResults=50)["dentries"]
    ]
    paged = [d["id"] for d in storage.list_all(space_id, parent, **params)]
    assert paged == one_shot


# --------------------------------------------------------------------------- names, adversarially


def test_rename_changing_only_case(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "readme.txt", b"r")
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/rename",
            json={"newName": "README.txt"},
        )
    )
    assert body["dentry"]["name"] == "README.txt"
    assert storage.names(space_id) == ["README.txt"]


def test_auto_rename_skips_taken_numbers(storage: Storage, space_id: str) -> None:
    storage.upload(space_id, "n.txt", b"0")
    storage.upload(space_id, "n (1).txt", b"1")
    third = storage.upload(space_id, "n.txt", b"2", conflict="AUTO_RENAME")
    assert third["name"] == "n (2).txt"
    plain = storage.upload(space_id, "README", b"r")
    again = storage.upload(space_id, "README", b"r", conflict="AUTO_RENAME")
    assert plain["name"] == "README"
    assert again["name"] == "README (1)"
    dot = storage.upload(space_id, ".env", b"e")
    dot_again = storage.upload(space_id, ".env", b"e", conflict="AUTO_RENAME")
    assert dot["name"] == ".env"
    assert dot_again["name"] not in {".env", ""}
    assert dot_again["name"].startswith(".env")


@pytest.mark.parametrize("name", [".", "..", "a/b", "../escape", "/abs"])
def test_path_like_names_are_refused(storage: Storage, space_id: str, name: str) -> None:
    response = storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json={"name": name}
    )
    assert_error(response, 400, None)
    info = storage.upload_info(space_id, "x.txt", 1)
    storage.put(info, b"x")
    committed = storage.commit(space_id, info["uploadKey"], name, ROOT, {"size": 1})
    assert_error(committed, 400, None)
    assert storage.names(space_id) == []


def test_search_treats_wildcards_literally(storage: Storage, space_id: str) -> None:
    for name in ("100%.txt", "a_b.txt", "axb.txt", "plain.txt"):
        storage.upload(space_id, name, b"w")
    percent = ok(_search(storage, "%", [int(space_id)]))["items"]
    assert [i["name"] for i in percent] == ["100%.txt"]
    underscore = ok(_search(storage, "_", [int(space_id)]))["items"]
    assert [i["name"] for i in underscore] == ["a_b.txt"]
    case = ok(_search(storage, "PLAIN", [int(space_id)]))["items"]
    assert [i["name"] for i in case] == ["plain.txt"]


def test_move_to_another_space_of_the_same_owner(storage: Storage, space_id: str) -> None:
    other = storage.new_space_id("target")
    file = storage.upload(space_id, "travel.txt", b"travel")
    response = storage.call(
        "POST",
        f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/move",
        json={"targetSpaceId": other, "targetFolderId": ROOT},
    )
    storage.wait_task(ok(response))
    assert storage.names(space_id) == []
    (moved,) = storage.list_all(other)
    assert moved["name"] == "travel.txt"
    assert moved["spaceId"] == other
    assert moved["uuid"] == file["uuid"]
    assert storage.download(other, moved["id"]) == b"travel"
