"""The recycle bin and version revert over raw HTTP: bodies, ids, limits, clashes, bytes on disk.

What the SDK does with these calls is in `test_sdk_recycle_bin`; here the wire is chosen byte by
byte where it matters (no body at all, ``{}``, ``Content-Length: 0``), and the data folder is
looked at to see bytes go when an item is purged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.localserver import LocalServer
from tests.localserver.helpers import (
    OTHER_USER,
    ROOT,
    Json,
    RawConnection,
    Storage,
    assert_error,
    assert_param_error,
    connect,
    image_bytes,
    ok,
    running_server,
)

BINS = "/v1.0/storage/recycleBins"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


@pytest.fixture
def space_id(storage: Storage) -> str:
    """A fresh USER space."""
    return storage.new_space_id("recycle bin")


def bin_of(storage: Storage, space_id: str) -> str:
    """GetRecycleBin for a space."""
    query = {"recycleBinScope": "SPACE", "scopeId": space_id}
    return str(ok(storage.call("GET", BINS, params=query))["recycleBin"]["id"])


def items_of(storage: Storage, bin_id: str) -> list[Json]:
    """Every item of a bin (the tests keep bins under one page)."""
    body = ok(storage.call("GET", f"{BINS}/{bin_id}/recycleItems", params={"maxResults": 50}))
    assert "nextToken" not in body
    items: list[Json] = body["recycleItems"]
    return items


def item_of(storage: Storage, bin_id: str, dentry_id: str) -> Json:
    """The item holding a deleted dentry."""
    (item,) = [item for item in items_of(storage, bin_id) if item["dentryId"] == dentry_id]
    return item


def restore(storage: Storage, bin_id: str, item_id: str, strategy: str | None = None) -> requests.Response:
    """RestoreRecycleItem (raw answer)."""
    body: Json = {"option": {"conflictStrategy": strategy}} if strategy else {}
    return storage.call("POST", f"{BINS}/{bin_id}/recycleItems/{item_id}/restore", json=body)


def used_quota(storage: Storage, space_id: str) -> int:
    """The space's usedQuota."""
    return int(ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}"))["space"]["usedQuota"])


def blob_files(server: LocalServer, storage: Storage, space_id: str, file: Json) -> list[Path]:
    """The files on disk holding each version of a file (from its signed download URLs)."""
    paths = []
    for version in range(1, file["version"] + 1):
        info = storage.download_info(space_id, file["id"], version)["headerSignatureInfo"]
        blob_id = info["resourceUrls"][0].split("?", 1)[0].rsplit("/", 1)[1]
        paths.append(Path(server.config.data_dir) / "blobs" / blob_id[:2] / blob_id)
    return paths


def raw_request(
    server: LocalServer, storage: Storage, method: str, path: str, body: bytes | None, content_type: bool
) -> Json:
    """One request written by hand: no body at all when `body` is None (``Content-Length: 0``)."""
    headers: dict[str, str | bytes] = {"x-acs-dingtalk-access-token": storage.api.token or ""}
    if content_type:
        headers["content-type"] = "application/json; charset=utf-8"
    separator = "&" if "?" in path else "?"
    with RawConnection(server.url) as connection:
        answer = connection.request(
            method, f"{path}{separator}unionId={storage.union_id}", headers, body or b""
        )
    assert answer.status == 200, (answer.status, answer.body)
    result: Json = answer.json()
    return result


# --------------------------------------------------------------------------- bodies


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(None, False), (b"{}", True), (b"{ }", True)],
    ids=["no-body", "empty-object", "doc-example"],
)
def test_clear_revert_and_restore_take_no_body_or_an_empty_one(
    server: LocalServer, storage: Storage, space_id: str, body: bytes | None, content_type: bool
) -> None:
    file = storage.upload(space_id, "a.txt", b"one")
    storage.upload(space_id, "a.txt", b"two", conflict="OVERWRITE")
    spaces = f"/v1.0/storage/spaces/{space_id}"

    answer = raw_request(
        server, storage, "POST", f"{spaces}/dentries/{file['id']}/versions/1/revert", body, content_type
    )
    assert answer == {"success": True}
    assert storage.download(space_id, file["id"]) == b"one"

    bin_id = bin_of(storage, space_id)
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    item = item_of(storage, bin_id, file["id"])
    restore_path = f"{BINS}/{bin_id}/recycleItems/{item['id']}/restore"
    answer = raw_request(server, storage, "POST", restore_path, body, content_type)
    assert answer == {"async": False, "spaceId": space_id, "dentryId": file["id"]}

    storage.delete(space_id, file["id"], to_recycle_bin=True)
    assert raw_request(server, storage, "POST", f"{BINS}/{bin_id}/clear", body, content_type) == {
        "success": True
    }
    assert items_of(storage, bin_id) == []


def test_delete_recycle_item_with_content_length_zero(
    server: LocalServer, storage: Storage, space_id: str
) -> None:
    file = storage.upload(space_id, "gone.txt", b"gone")
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, file["id"])
    # As the SDK sends it: DELETE, Content-Length: 0, no content-type.
    with RawConnection(server.url) as connection:
        connection.send(
            f"DELETE {BINS}/{bin_id}/recycleItems/{item['id']}?unionId={storage.union_id} HTTP/1.1\r\n"
            f"Host: {connection.host}\r\nx-acs-dingtalk-access-token: {storage.api.token}\r\n"
            "Content-Length: 0\r\n\r\n".encode()
        )
        answer = connection.read_response()
    assert (answer.status, answer.json()) == (200, {"success": True})
    assert items_of(storage, bin_id) == []


def test_restore_with_a_bad_body_is_param_error(storage: Storage, space_id: str) -> None:
    file = storage.upload(space_id, "a.txt", b"a")
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, file["id"])
    path = f"{BINS}/{bin_id}/recycleItems/{item['id']}/restore"
    for body in ({"option": "AUTO_RENAME"}, {"option": {"conflictStrategy": "MERGE"}}, [1]):
        assert_param_error(storage.call("POST", path, json=body))
    assert_param_error(storage.call("POST", f"{BINS}/{bin_id}/recycleItems/batchRestore", json={}))
    assert_param_error(
        storage.call("POST", f"{BINS}/{bin_id}/recycleItems/batchRemove", json={"recycleItemIds": "1"})
    )
    assert [i["id"] for i in items_of(storage, bin_id)] == [item["id"]]


# --------------------------------------------------------------------------- ids and limits


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "1.5", "9" * 30, "%E4%B8%AD"])
def test_bad_bin_and_item_ids(storage: Storage, space_id: str, bad: str) -> None:
    file = storage.upload(space_id, "a.txt", b"a")
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, file["id"])
    for method, path in [
        ("GET", f"{BINS}/{bad}/recycleItems"),
        ("GET", f"{BINS}/{bad}/recycleItems/{item['id']}"),
        ("POST", f"{BINS}/{bad}/recycleItems/{item['id']}/restore"),
        ("DELETE", f"{BINS}/{bad}/recycleItems/{item['id']}"),
        ("POST", f"{BINS}/{bad}/clear"),
    ]:
        assert_error(
            storage.call(method, path, json={} if method == "POST" else None), 404, "recycleBinNotExist"
        )
    for method, path in [
        ("GET", f"{BINS}/{bin_id}/recycleItems/{bad}"),
        ("POST", f"{BINS}/{bin_id}/recycleItems/{bad}/restore"),
        ("DELETE", f"{BINS}/{bin_id}/recycleItems/{bad}"),
    ]:
        assert_error(
            storage.call(method, path, json={} if method == "POST" else None), 404, "recycleItemNotExist"
        )
    # An id holding "/" splits the path: still no such item.
    assert_error(
        storage.call("GET", f"{BINS}/{bin_id}/recycleItems/{item['id']}%2F1"), 404, "recycleItemNotExist"
    )
    assert [i["id"] for i in items_of(storage, bin_id)] == [item["id"]]


def test_batch_limits(storage: Storage, space_id: str) -> None:
    bin_id = bin_of(storage, space_id)
    restore_many = f"{BINS}/{bin_id}/recycleItems/batchRestore"
    remove_many = f"{BINS}/{bin_id}/recycleItems/batchRemove"
    ids = [str(n) for n in range(900_000, 900_051)]

    assert_param_error(storage.call("POST", restore_many, json={"recycleItemIds": ids[:31]}))
    assert_param_error(storage.call("POST", restore_many, json={"recycleItemIds": []}))
    results = ok(storage.call("POST", restore_many, json={"recycleItemIds": ids[:30]}))["resultItems"]
    assert [r["recycleItemId"] for r in results] == ids[:30]
    assert {(r["success"], r["errorCode"]) for r in results} == {(False, "recycleItemNotExist")}

    assert_param_error(storage.call("POST", remove_many, json={"recycleItemIds": ids}))
    assert_param_error(storage.call("POST", remove_many, json={"recycleItemIds": []}))
    assert ok(storage.call("POST", remove_many, json={"recycleItemIds": ids[:50]})) == {"success": True}


def test_get_recycle_bin_needs_its_scope(storage: Storage, space_id: str) -> None:
    assert_param_error(storage.call("GET", BINS, params={"scopeId": space_id}))
    assert_param_error(storage.call("GET", BINS, params={"recycleBinScope": "SPACE"}))
    assert_param_error(storage.call("GET", BINS, params={"recycleBinScope": "ORG", "scopeId": "local"}))
    assert_error(
        storage.call("GET", BINS, params={"recycleBinScope": "SPACE", "scopeId": "abc"}), 404, "spaceNotExist"
    )
    other = storage.as_user(OTHER_USER)
    assert_error(
        other.call("GET", BINS, params={"recycleBinScope": "SPACE", "scopeId": space_id}),
        403,
        "permissionDenied",
    )
    bin_id = bin_of(storage, space_id)
    assert_error(other.call("GET", f"{BINS}/{bin_id}/recycleItems"), 403, "permissionDenied")
    assert_error(
        other.call("POST", f"{BINS}/{bin_id}/recycleItems/1/restore", json={}), 403, "permissionDenied"
    )


def test_a_page_token_of_another_bin_is_refused(storage: Storage, space_id: str) -> None:
    bins = []
    for space in (space_id, storage.new_space_id("second")):
        files = [storage.add_folder(space, f"f{n}") for n in range(3)]
        for file in files:
            storage.delete(space, file["id"], to_recycle_bin=True)
        bins.append(bin_of(storage, space))
    page = ok(storage.call("GET", f"{BINS}/{bins[0]}/recycleItems", params={"maxResults": 2}))
    assert len(page["recycleItems"]) == 2
    assert page["nextToken"]
    assert_param_error(
        storage.call("GET", f"{BINS}/{bins[1]}/recycleItems", params={"nextToken": page["nextToken"]})
    )
    rest = ok(storage.call("GET", f"{BINS}/{bins[0]}/recycleItems", params={"nextToken": page["nextToken"]}))
    assert len(rest["recycleItems"]) == 1
    assert "nextToken" not in rest


# --------------------------------------------------------------------------- where a restore goes


def test_restore_after_its_folder_was_deleted_for_good(storage: Storage, space_id: str) -> None:
    outer = storage.add_folder(space_id, "outer")
    inner = storage.add_folder(space_id, "inner", outer["id"])
    file = storage.upload(space_id, "file.txt", b"in the bin", inner["id"])
    storage.delete(space_id, file["id"], to_recycle_bin=True)
    storage.delete(space_id, inner["id"], to_recycle_bin=False)  # its binned child is not purged
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, file["id"])
    assert item["originalPath"] == "/outer/inner/file.txt"

    assert ok(restore(storage, bin_id, item["id"]))["dentryId"] == file["id"]
    assert [d["id"] for d in storage.list_all(space_id, outer["id"])] == [file["id"]]
    assert storage.download(space_id, file["id"]) == b"in the bin"


def test_what_was_binned_from_a_folder_before_stays_an_item_of_its_own(
    storage: Storage, space_id: str
) -> None:
    folder = storage.add_folder(space_id, "folder")
    early = storage.upload(space_id, "early.txt", b"early", folder["id"])
    late = storage.upload(space_id, "late.txt", b"late", folder["id"])
    storage.delete(space_id, early["id"], to_recycle_bin=True)
    storage.delete(space_id, folder["id"], to_recycle_bin=True)
    bin_id = bin_of(storage, space_id)

    # Restoring the folder does not bring back what was deleted from it before.
    ok(restore(storage, bin_id, item_of(storage, bin_id, folder["id"])["id"]))
    assert [d["id"] for d in storage.list_all(space_id, folder["id"])] == [late["id"]]
    assert [i["dentryId"] for i in items_of(storage, bin_id)] == [early["id"]]

    # Nor does purging the folder take it along.
    storage.delete(space_id, folder["id"], to_recycle_bin=True)
    ok(storage.call("DELETE", f"{BINS}/{bin_id}/recycleItems/{item_of(storage, bin_id, folder['id'])['id']}"))
    assert [i["dentryId"] for i in items_of(storage, bin_id)] == [early["id"]]
    gone = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{late['id']}/query", json={})
    assert_error(gone, 404, "dentryNotExist")
    ok(restore(storage, bin_id, item_of(storage, bin_id, early["id"])["id"]))
    assert [d["name"] for d in storage.list_all(space_id)] == ["early.txt"]
    assert storage.download(space_id, early["id"]) == b"early"


def test_a_folder_moved_to_another_space_leaves_its_binned_child_behind(
    storage: Storage, space_id: str
) -> None:
    other_space = storage.new_space_id("target")
    folder = storage.add_folder(space_id, "moving")
    binned = storage.upload(space_id, "binned.bin", b"x" * 1000, folder["id"])
    storage.upload(space_id, "live.bin", b"y" * 10, folder["id"])
    storage.delete(space_id, binned["id"], to_recycle_bin=True)
    body = {"targetSpaceId": other_space, "targetFolderId": ROOT}
    ok(storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/move", json=body))

    assert used_quota(storage, other_space) == 10
    assert used_quota(storage, space_id) == 1000  # the item stays in this space's bin
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, binned["id"])
    assert items_of(storage, bin_of(storage, other_space)) == []
    ok(restore(storage, bin_id, item["id"]))  # its folder is in another space now: the root
    assert [d["id"] for d in storage.list_all(space_id)] == [binned["id"]]


# --------------------------------------------------------------------------- name clashes


@pytest.mark.parametrize("kind", ["file", "folder"])
@pytest.mark.parametrize(
    "strategy", ["AUTO_RENAME", "OVERWRITE", "RETURN_DENTRY_IF_EXISTS", "RETURN_ERROR_IF_EXISTS"]
)
def test_restore_name_clash(storage: Storage, space_id: str, strategy: str, kind: str) -> None:
    parent = storage.add_folder(space_id, "parent")

    def make(content: bytes) -> Json:
        if kind == "file":
            return storage.upload(space_id, "Report.pdf", content, parent["id"])
        folder = storage.add_folder(space_id, "Report.pdf", parent["id"])
        storage.upload(space_id, "inside.txt", content, folder["id"])
        return folder

    def content(dentry: Json) -> bytes:
        if kind == "file":
            return storage.download(space_id, dentry["id"])
        (inside,) = storage.list_all(space_id, dentry["id"])
        return storage.download(space_id, inside["id"])

    old = make(b"old")
    storage.delete(space_id, old["id"], to_recycle_bin=True)
    newer = make(b"newer")
    bin_id = bin_of(storage, space_id)
    item = item_of(storage, bin_id, old["id"])

    response = restore(storage, bin_id, item["id"], strategy)

    listed = {d["name"]: d for d in storage.list_all(space_id, parent["id"])}
    left = {i["dentryId"]: i for i in items_of(storage, bin_id)}
    if strategy == "AUTO_RENAME":
        assert ok(response)["dentryId"] == old["id"]
        renamed = "Report (1).pdf" if kind == "file" else "Report.pdf (1)"
        assert {name: d["id"] for name, d in listed.items()} == {
            "Report.pdf": newer["id"],
            renamed: old["id"],
        }
        assert left == {}
    elif strategy == "OVERWRITE":
        assert ok(response)["dentryId"] == old["id"]
        assert {name: d["id"] for name, d in listed.items()} == {"Report.pdf": old["id"]}
        # What held the name went to the bin in its place, by the one who restored.
        assert set(left) == {newer["id"]}
        assert left[newer["id"]]["operatorId"] == storage.union_id
        assert left[newer["id"]]["originalPath"] == "/parent/Report.pdf"
    elif strategy == "RETURN_DENTRY_IF_EXISTS":
        assert ok(response)["dentryId"] == newer["id"]
        assert {name: d["id"] for name, d in listed.items()} == {"Report.pdf": newer["id"]}
        assert set(left) == {old["id"]}
    else:
        assert_error(response, 400, "dentryNameConflict")
        assert {name: d["id"] for name, d in listed.items()} == {"Report.pdf": newer["id"]}
        assert set(left) == {old["id"]}
    # Nothing is lost, whatever the strategy: what is left in the bin comes back beside it.
    for binned in left.values():
        ok(restore(storage, bin_id, binned["id"]))
    assert sorted(content(d) for d in storage.list_all(space_id, parent["id"])) == [b"newer", b"old"]


# --------------------------------------------------------------------------- bytes and quota


def test_purge_frees_the_quota_and_the_bytes_on_disk(
    server: LocalServer, storage: Storage, space_id: str
) -> None:
    picture = storage.upload(space_id, "picture.png", image_bytes("PNG"))
    picture = storage.upload(space_id, "picture.png", image_bytes("PNG", color="red"), conflict="OVERWRITE")
    storage.wait_thumbnails(space_id, [picture["id"]])
    folder = storage.add_folder(space_id, "folder")
    inside = storage.upload(space_id, "inside.bin", b"z" * 4096, folder["id"])
    kept = storage.upload(space_id, "kept.bin", b"k" * 7)
    picture_blobs = blob_files(server, storage, space_id, picture)
    inside_blobs = blob_files(server, storage, space_id, inside)
    thumbnails = Path(server.config.data_dir) / "thumbnails"
    picture_thumbnail = thumbnails / f"{picture['id']}-2"
    assert picture_thumbnail.exists()
    total = used_quota(storage, space_id)

    storage.delete(space_id, picture["id"], to_recycle_bin=True)
    storage.delete(space_id, folder["id"], to_recycle_bin=True)
    assert used_quota(storage, space_id) == total
    assert all(path.exists() for path in [*picture_blobs, *inside_blobs, picture_thumbnail])

    bin_id = bin_of(storage, space_id)
    ok(
        storage.call(
            "DELETE", f"{BINS}/{bin_id}/recycleItems/{item_of(storage, bin_id, picture['id'])['id']}"
        )
    )
    assert not any(path.exists() for path in [*picture_blobs, picture_thumbnail])
    assert used_quota(storage, space_id) == total - sum(
        len(image_bytes("PNG", color=c)) for c in ("teal", "red")
    )

    ok(storage.call("POST", f"{BINS}/{bin_id}/clear"))
    assert not any(path.exists() for path in inside_blobs)
    assert used_quota(storage, space_id) == 7
    assert storage.download(space_id, kept["id"]) == b"k" * 7


def test_revert_keeps_every_old_version_downloadable(
    server: LocalServer, storage: Storage, space_id: str
) -> None:
    file = storage.upload(space_id, "v.txt", b"v1")
    for n in range(2, 5):
        file = storage.upload(space_id, "v.txt", f"v{n}".encode(), conflict="OVERWRITE")
    revert = f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/versions/2/revert"
    assert ok(storage.call("POST", revert)) == {"success": True}
    file = storage.get_dentry(space_id, file["id"])
    assert file["version"] == 5
    assert [storage.download(space_id, file["id"], n) for n in range(1, 6)] == [
        b"v1",
        b"v2",
        b"v3",
        b"v4",
        b"v2",
    ]
    versions = ok(storage.call("GET", f"/v1.0/storage/spaces/{space_id}/dentries/{file['id']}/versions"))
    assert [d["version"] for d in versions["dentries"]] == [5, 4, 3, 2, 1]
    # Its own bytes: purging the file frees them all.
    blobs = blob_files(server, storage, space_id, file)
    assert len(set(blobs)) == 5
    storage.delete(space_id, file["id"], to_recycle_bin=False)
    assert not any(path.exists() for path in blobs)


# --------------------------------------------------------------------------- restarts


def test_bins_and_items_survive_a_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "svc"
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        folder = storage.add_folder(space_id, "folder")
        storage.upload(space_id, "in.txt", b"in", folder["id"])
        storage.delete(space_id, folder["id"], to_recycle_bin=True)
        bin_id = bin_of(storage, space_id)
        before = items_of(storage, bin_id)
    with running_server(data_dir) as server:
        storage = connect(server)
        assert bin_of(storage, space_id) == bin_id
        assert items_of(storage, bin_id) == before
        ok(restore(storage, bin_id, before[0]["id"]))
        (restored,) = storage.list_all(space_id)
        (inside,) = storage.list_all(space_id, restored["id"])
        assert storage.download(space_id, inside["id"]) == b"in"


def test_a_data_folder_from_before_recycle_items_gets_them(tmp_path: Path) -> None:
    """Dentries an earlier version deleted to the bin (status DELETED, nothing more) become items."""
    data_dir = tmp_path / "svc"
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        folder = storage.add_folder(space_id, "old folder")
        inside = storage.upload(space_id, "inside.txt", b"inside", folder["id"])
        loose = storage.upload(space_id, "loose.txt", b"loose")
        storage.delete(space_id, inside["id"], to_recycle_bin=True)
        storage.delete(space_id, folder["id"], to_recycle_bin=True)
        storage.delete(space_id, loose["id"], to_recycle_bin=True)
    # What an earlier version left: no recycle tables, no recycle_item column.
    database = sqlite3.connect(data_dir / "metadata.sqlite3")
    with database:
        database.execute("DROP INDEX dentries_in_recycle_bin")
        database.execute("ALTER TABLE dentries DROP COLUMN recycle_item")
        database.execute("DROP TABLE recycle_items")
        database.execute("DROP TABLE recycle_bins")
        database.execute("DELETE FROM meta WHERE key='recycle_items_recorded'")
    database.close()
    with running_server(data_dir) as server:
        storage = connect(server)
        bin_id = bin_of(storage, space_id)
        items = {item["dentryId"]: item for item in items_of(storage, bin_id)}
        # One item per deleted root: the folder (with what was deleted in it before) and the file.
        assert set(items) == {folder["id"], loose["id"]}
        assert items[folder["id"]]["originalPath"] == "/old folder"
        assert items[folder["id"]]["size"] == len(b"inside")
        assert items[loose["id"]]["originalPath"] == "/loose.txt"
        ok(restore(storage, bin_id, items[folder["id"]]["id"]))
        assert [d["id"] for d in storage.list_all(space_id, folder["id"])] == [inside["id"]]
        ok(storage.call("POST", f"{BINS}/{bin_id}/clear"))
        assert used_quota(storage, space_id) == len(b"inside")
