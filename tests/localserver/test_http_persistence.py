"""Persistence and concurrency: restarts keep everything, parallel clients stay consistent."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    Json,
    RawConnection,
    Storage,
    connect,
    image_bytes,
    ok,
    pattern_bytes,
    poll,
    running_server,
    signed_request,
    start_service,
)


def _thread_client(url: str, token: str) -> Storage:
    """A client with its own session (one `requests.Session` per thread)."""
    raw = RawApi(url, session=requests.Session(), token=token)
    return Storage(raw)


def test_twenty_parallel_commits_with_auto_rename(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        folder = storage.add_folder(space_id, "inbox")
        assert storage.api.token
        token = storage.api.token
        barrier = threading.Barrier(20)

        def one(index: int) -> Json:
            client = _thread_client(server.url, token)
            data = f"payload {index}".encode()
            info = client.upload_info(space_id, "same.txt", len(data))
            client.put(info, data)
            barrier.wait(10)
            response = client.commit(
                space_id,
                info["uploadKey"],
                "same.txt",
                folder["id"],
                {"size": len(data), "conflictStrategy": "AUTO_RENAME", "appProperties": []},
            )
            return ok(response)["dentry"]

        with ThreadPoolExecutor(20) as pool:
            dentries = list(pool.map(one, range(20)))
        names = [d["name"] for d in dentries]
        assert len(set(names)) == 20, names
        assert "same.txt" in names
        expected = {"same.txt"} | {f"same ({i}).txt" for i in range(1, 20)}
        assert set(names) == expected
        assert set(storage.names(space_id, folder["id"])) == expected
        # Each name holds the content of the commit that got it.
        contents = {storage.download(space_id, d["id"]) for d in dentries}
        assert contents == {f"payload {i}".encode() for i in range(20)}


def test_parallel_folder_creation_and_listing(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        assert storage.api.token
        token = storage.api.token

        def one(index: int) -> str:
            client = _thread_client(server.url, token)
            dentry = client.add_folder(space_id, f"dir-{index:02d}")
            client.list_all(space_id)
            return str(dentry["id"])

        with ThreadPoolExecutor(10) as pool:
            ids = list(pool.map(one, range(30)))
        assert len(set(ids)) == 30
        assert storage.names(space_id) == [f"dir-{i:02d}" for i in range(30)]


def test_parallel_overwrites_leave_one_consistent_file(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        first = storage.upload(space_id, "hot.txt", b"v0")
        assert storage.api.token
        token = storage.api.token

        def one(index: int) -> Json:
            client = _thread_client(server.url, token)
            return client.upload(space_id, "hot.txt", f"v{index + 1}".encode(), conflict="OVERWRITE")

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(one, range(8)))
        assert {r["id"] for r in results} == {first["id"]}
        assert sorted(r["version"] for r in results) == list(range(2, 10))
        final = storage.get_dentry(space_id, first["id"])
        assert final["version"] == 9
        winner = next(r for r in results if r["version"] == 9)
        assert storage.download(space_id, first["id"]) == f"v{results.index(winner) + 1}".encode()


def test_in_process_restart_keeps_spaces_files_and_thumbnails(tmp_path: Path) -> None:
    data_dir = tmp_path / "svc"
    content = pattern_bytes(200_000, 1)
    with running_server(data_dir) as server:
        storage = connect(server)
        space = storage.add_space("persist")
        folder = storage.add_folder(space["id"], "a")
        file = storage.upload(space["id"], "big.bin", content, parent_id=folder["id"])
        picture = storage.upload(space["id"], "p.png", image_bytes("PNG"))
        storage.wait_thumbnails(space["id"], [picture["id"]])
        binned = storage.upload(space["id"], "binned.txt", b"b")
        storage.delete(space["id"], binned["id"], to_recycle_bin=True)
    with running_server(data_dir) as server:
        storage = connect(server)
        assert ok(storage.call("GET", f"/v1.0/storage/spaces/{space['id']}"))["space"]["name"] == "persist"
        assert storage.names(space["id"]) == ["a", "p.png"]
        assert storage.download(space["id"], file["id"]) == content
        (item,) = ok(storage.thumbnails(space["id"], [picture["id"]]))["resultItems"]
        assert item["success"] is True
        assert requests.get(item["thumbnail"]["url"], timeout=10).status_code == 200
        items = ok(
            storage.call(
                "POST",
                f"/v1.0/storage/spaces/{space['id']}/dentries/query",
                json={"dentryIds": [binned["id"]]},
            )
        )["resultItems"]
        assert items[0]["dentry"]["status"] == "DELETED"


def test_pending_upload_survives_restart(tmp_path: Path) -> None:
    """An upload key lives 24 h: PUT before a restart, commit after it."""
    data_dir = tmp_path / "svc"
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        info = storage.upload_info(space_id, "later.txt", 5)
        storage.put(info, b"later")
        assert storage.names(space_id) == []
    with running_server(data_dir) as server:
        storage = connect(server)
        dentry = ok(storage.commit(space_id, info["uploadKey"], "later.txt", ROOT, {"size": 5}))["dentry"]
        assert storage.download(space_id, dentry["id"]) == b"later"


def _race(count: int, action: Callable[[int], requests.Response]) -> list[requests.Response]:
    """Run `action(i)` for i in range(count) at the same moment from separate threads."""
    barrier = threading.Barrier(count)

    def one(index: int) -> requests.Response:
        barrier.wait(10)
        return action(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_one_upload_key_committed_twice_at_once(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        info = storage.upload_info(space_id, "once.txt", 4)
        storage.put(info, b"once")
        token = storage.api.token or ""
        answers = _race(
            6,
            lambda i: _thread_client(server.url, token).commit(
                space_id, info["uploadKey"], f"once-{i}.txt", ROOT, {"size": 4}
            ),
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200, 400, 400, 400, 400, 400], [a.text for a in answers]
        assert len(storage.names(space_id)) == 1


def test_same_folder_name_created_at_once(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        token = storage.api.token or ""
        answers = _race(
            8,
            lambda _: _thread_client(server.url, token).call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders",
                json={"name": "shared", "option": {"conflictStrategy": "RETURN_ERROR_IF_EXISTS"}},
            ),
        )
        assert sorted(a.status_code for a in answers) == [200] + [400] * 7
        assert all(a.json()["code"] == "dentryNameConflict" for a in answers if a.status_code == 400)
        assert storage.names(space_id) == ["shared"]


def test_two_renames_to_one_name_at_once(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        files = [storage.upload(space_id, f"f{i}.txt", b"x") for i in range(6)]
        token = storage.api.token or ""
        answers = _race(
            6,
            lambda i: _thread_client(server.url, token).call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{files[i]['id']}/rename",
                json={"newName": "target.txt"},
            ),
        )
        assert sorted(a.status_code for a in answers) == [200] + [400] * 5
        names = storage.names(space_id)
        assert names.count("target.txt") == 1
        assert len(names) == 6


def test_parallel_multipart_parts(tmp_path: Path) -> None:
    with running_server(tmp_path / "svc") as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        parts = [pattern_bytes(200_000, seed) for seed in range(8)]
        total = sum(len(p) for p in parts)
        key = ok(
            storage.call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init",
                json={"option": {"preCheckParam": {"name": "p.bin", "size": total, "parentId": ROOT}}},
            )
        )["uploadKey"]
        infos = ok(
            storage.call(
                "POST",
                "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
                json={"uploadKey": key, "partNumbers": list(range(1, 9))},
            )
        )["multipartHeaderSignatureInfos"]
        by_number = {item["partNumber"]: item["headerSignatureInfo"] for item in infos}
        answers = _race(8, lambda i: signed_request("PUT", by_number[8 - i], data=parts[7 - i]))
        assert {a.status_code for a in answers} == {200}
        dentry = ok(storage.commit(space_id, key, "p.bin", ROOT, {"size": total}))["dentry"]
        assert storage.download(space_id, dentry["id"]) == b"".join(parts)


BIG_FOLDER_FILES = 2048


def _big_folder(storage: Storage, space_id: str, files: int) -> str:
    """A folder of `files` small files (16 times a power of two) in nested folders; returns its id.

    Built by doubling (copy the folder next to itself, move the copy in), a request pair per
    doubling, so thousands of files take a second instead of thousands of uploads.
    """
    folder = storage.add_folder(space_id, "big")
    for number in range(16):
        storage.upload(space_id, f"f{number}.bin", f"file {number}".encode(), folder["id"])
    count = 16
    while count < files:
        copy = ok(
            storage.call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/copy",
                json={"targetSpaceId": space_id, "targetFolderId": ROOT},
            )
        )["dentry"]
        ok(
            storage.call(
                "POST",
                f"/v1.0/storage/spaces/{space_id}/dentries/{copy['id']}/move",
                json={"targetSpaceId": space_id, "targetFolderId": folder["id"]},
            )
        )
        count *= 2
    return str(folder["id"])


def _files_below(storage: Storage, space_id: str, folder_id: str) -> list[Json]:
    found = []
    for dentry in storage.list_all(space_id, folder_id, maxResults=50):
        if dentry["type"] == "FOLDER":
            found += _files_below(storage, space_id, dentry["id"])
        else:
            found.append(dentry)
    return found


def _blob_files(data_dir: Path) -> set[str]:
    return {path.name for path in (data_dir / "blobs").glob("*/*")}


def _download_all(url: str, token: str, space_id: str, files: list[Json]) -> set[str]:
    """Download every file (GetFileDownloadInfo, then GET) in 4 threads; returns their blob ids."""
    local = threading.local()

    def one(dentry: Json) -> str:
        if not hasattr(local, "client"):
            local.client = _thread_client(url, token)
        info = local.client.download_info(space_id, dentry["id"])["headerSignatureInfo"]
        response = signed_request("GET", info, session=local.client.api.session)
        assert response.status_code == 200, (dentry["name"], response.status_code, response.text)
        assert len(response.content) == dentry["size"]
        return str(info["resourceUrls"][0].rsplit("/", 1)[1])

    with ThreadPoolExecutor(4) as pool:
        return set(pool.map(one, files))


def _writing(database: Path) -> bool:
    """Whether someone holds the write lock of an SQLite database (asks for it without waiting)."""
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["inside-the-transaction", "first-blob-gone"])
def test_sigkill_during_a_permanent_delete_keeps_every_listed_file(tmp_path: Path, moment: str) -> None:
    """A killed delete leaves every listed file downloadable, and no bytes that nothing lists.

    The kill comes while the delete's transaction holds the database (it rolls back), or as soon
    as the first of the folder's blobs is gone from disk (which may happen only after the commit).
    """
    data_dir = tmp_path / "data"
    service = start_service(data_dir)
    raw = RawApi(service.url)
    storage = Storage(raw)
    try:
        raw.get_token()
        space_id = storage.new_space_id()
        folder_id = _big_folder(storage, space_id, BIG_FOLDER_FILES)
        blobs = list((data_dir / "blobs").glob("*/*"))
        assert len(blobs) == BIG_FOLDER_FILES
        with RawConnection(service.url) as connection:
            connection.send(
                f"DELETE /v1.0/storage/spaces/{space_id}/dentries/{folder_id}?unionId={storage.union_id}"
                f"&toRecycleBin=false HTTP/1.1\r\nHost: {connection.host}\r\n"
                f"x-acs-dingtalk-access-token: {raw.token}\r\n\r\n".encode()
            )
            if moment == "first-blob-gone":
                assert poll(lambda: not all(blob.exists() for blob in blobs), timeout=30, step=0)
            else:
                assert poll(lambda: _writing(data_dir / "metadata.sqlite3"), timeout=30, step=0)
            service.stop(signal.SIGKILL)
    finally:
        service.stop(signal.SIGKILL)
    service = start_service(data_dir)
    try:
        raw = RawApi(service.url)
        raw.get_token()
        storage = Storage(raw)
        folder = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{folder_id}/query", json={})
        listed = _files_below(storage, space_id, folder_id) if folder.status_code == 200 else []
        assert len(listed) in (0, BIG_FOLDER_FILES)
        referenced = _download_all(service.url, raw.token or "", space_id, listed)
        # Whatever the kill interrupted, after start-up the bytes on disk are the listed files'.
        assert _blob_files(data_dir) == referenced
    finally:
        service.stop()


def test_start_up_removes_bytes_no_metadata_refers_to(tmp_path: Path) -> None:
    """Leftovers of crashes (a blob half written, a committed upload's staging, a cut PUT) go."""
    data_dir = tmp_path / "svc"
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        kept = storage.upload(space_id, "kept.bin", b"kept")
        deleted = storage.upload(space_id, "deleted.png", image_bytes("PNG"))
        storage.wait_thumbnails(space_id, [deleted["id"]])
        pending = storage.upload_info(space_id, "pending.bin", 7)
        storage.put(pending, b"pending")
        committed = storage.upload_info(space_id, "committed.bin", 4)
        storage.put(committed, b"done")
        ok(storage.commit(space_id, committed["uploadKey"], "committed.bin"))
    # What a kill between a commit and its clean-up, or in the middle of a write, leaves behind:
    leftovers = [
        data_dir / "blobs" / "ab" / ("ab" + "0" * 30),
        data_dir / "blobs" / "cd" / ("cd" + "1" * 30 + ".tmp"),
        data_dir / "uploads" / committed["uploadKey"] / "body",
        data_dir / "uploads" / pending["uploadKey"] / "body.partial-1234",
        data_dir / "uploads" / "joined-x1y2",
        data_dir / "thumbnails" / f"{int(kept['id']) + 1000}-1",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"leftover")
    with running_server(data_dir) as server:
        storage = connect(server)
        storage.delete(space_id, deleted["id"])  # its blob and thumbnail go once the delete commits
        assert [path for path in leftovers if path.exists()] == []
        assert storage.download(space_id, kept["id"]) == b"kept"
        assert len(list((data_dir / "thumbnails").iterdir())) == 0
        answer = ok(storage.commit(space_id, pending["uploadKey"], "pending.bin", ROOT, {"size": 7}))
        assert storage.download(space_id, answer["dentry"]["id"]) == b"pending"
    assert len(list((data_dir / "blobs").glob("*/*"))) == 3  # kept, committed and pending


def test_bytes_that_cannot_be_removed_after_a_delete_go_at_the_next_start(tmp_path: Path) -> None:
    """The delete has committed: a blob that cannot be unlinked now (busy) is no error for it."""
    data_dir = tmp_path / "svc"
    cover = tmp_path / "cover"
    cover.write_bytes(b"")
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        dentry = storage.upload(space_id, "busy.bin", b"busy")
        info = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
        blob_id = info["resourceUrls"][0].rsplit("/", 1)[1]
        blob = data_dir / "blobs" / blob_id[:2] / blob_id
        # A file with something mounted on it cannot be unlinked (EBUSY); needs root.
        mounted = subprocess.run(["mount", "--bind", str(cover), str(blob)], capture_output=True, check=False)
        if mounted.returncode != 0:
            pytest.skip(f"cannot bind-mount here: {mounted.stderr.decode().strip()}")
        try:
            storage.delete(space_id, dentry["id"])
            assert storage.names(space_id) == []
        finally:
            subprocess.run(["umount", str(blob)], check=False)
        assert blob.exists()
    with running_server(data_dir):
        assert not blob.exists()
