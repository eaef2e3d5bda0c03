"""File bytes: single and multipart uploads with CommitFile, versions, signed downloads with Range,
thumbnails (batched, polled until ready) and KooDrive's thumbnail task.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator

import pytest
import requests
from PIL import Image

from app.api import ApiError, StorageClient
from app.api.models import AppProperty, ItemResult
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from tests.api.conftest import ROOT, download, put_bytes, upload, watch


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for this module (each test works in a space of its own), to keep the suite fast."""
    with LocalServer(ServerConfig(data_dir=tmp_path_factory.mktemp("service"))) as running:
        yield running


# --------------------------------------------------------------------------- single-PUT uploads


def test_upload_info_is_a_signed_put(client: StorageClient, space_id: str) -> None:
    info = client.get_upload_info(space_id, ROOT, "a.txt", 5)

    assert info.upload_key
    assert info.signed.url.startswith(client.endpoint)
    assert info.signed.headers["Authorization"].startswith("DENTRY-HMAC-SHA256 ")
    assert info.signed.expiration_seconds == 900
    assert not info.signed.expires_within(60)


def test_upload_put_and_commit(client: StorageClient, space_id: str) -> None:
    data = "héllo wörld\n".encode()
    info = client.get_upload_info(space_id, ROOT, "greeting.txt", len(data))
    put = requests.put(info.signed.url, data=data, headers=info.signed.headers, timeout=10)

    dentry = client.commit_file(space_id, ROOT, info.upload_key, "greeting.txt", len(data))

    assert put.status_code == 200
    assert put.headers["x-oss-request-id"]
    assert (dentry.name, dentry.type, dentry.size, dentry.version) == ("greeting.txt", "FILE", len(data), 1)
    assert (dentry.extension, dentry.category, dentry.parent_id, dentry.path) == (
        "txt",
        "DOCUMENT",
        ROOT,
        "/greeting.txt",
    )
    assert dentry.app_properties == {}
    assert download(client, space_id, dentry.id) == data
    assert client.get_space(space_id).used_quota == len(data)


def test_commit_with_each_conflict_strategy(client: StorageClient, space_id: str) -> None:
    original = upload(client, space_id, "a.txt", b"one")

    renamed = upload(client, space_id, "a.txt", b"two")
    overwritten = upload(client, space_id, "a.txt", b"three", conflict="OVERWRITE")
    kept = upload(client, space_id, "a.txt", b"four", conflict="RETURN_DENTRY_IF_EXISTS")
    with pytest.raises(ApiError) as raised:
        upload(client, space_id, "a.txt", b"five", conflict="RETURN_ERROR_IF_EXISTS")

    assert renamed.name == "a (1).txt"
    assert renamed.id != original.id
    assert (overwritten.id, overwritten.name, overwritten.version, overwritten.size) == (
        original.id,
        "a.txt",
        2,
        5,
    )
    assert (kept.id, kept.version) == (original.id, 2)
    assert (raised.value.code, raised.value.status) == ("dentryNameConflict", 400)
    assert download(client, space_id, original.id) == b"three"
    assert download(client, space_id, renamed.id) == b"two"
    assert sorted(d.name for d in client.iter_dentries(space_id)) == ["a (1).txt", "a.txt"]


def test_commit_into_a_folder_with_app_properties(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Docs")
    owner = client.get_space(space_id).owner_id
    assert owner is not None
    properties = [AppProperty("color", "red", "PRIVATE"), AppProperty("tag", "q3")]

    dentry = upload(client, space_id, "b.txt", b"bee", parent=folder.id, app_properties=properties)

    assert dentry.parent_id == folder.id
    assert dentry.path == "/Docs/b.txt"
    assert dentry.app_properties == {owner: properties}
    assert client.get_dentry(space_id, dentry.id).app_properties == {owner: properties}


def test_commit_refuses_more_than_three_app_properties(client: StorageClient, space_id: str) -> None:
    properties = [AppProperty(f"p{n}", "v") for n in range(4)]

    with pytest.raises(ApiError) as raised:
        upload(client, space_id, "c.txt", b"c", app_properties=properties)

    assert raised.value.code == "paramError.appProperties"


def test_an_upload_key_is_good_for_one_commit(client: StorageClient, space_id: str) -> None:
    key = put_bytes(client, space_id, ROOT, "a.txt", b"abc")
    client.commit_file(space_id, ROOT, key, "a.txt", 3)

    with pytest.raises(ApiError) as raised:
        client.commit_file(space_id, ROOT, key, "b.txt", 3)

    assert raised.value.code == "paramError.uploadKey"


def test_upload_info_prechecks_the_name(client: StorageClient, space_id: str) -> None:
    with pytest.raises(ApiError) as raised:
        client.get_upload_info(space_id, ROOT, 'bad"name.txt', 3)

    assert raised.value.code == "dentryNameIllegal"


# --------------------------------------------------------------------------- multipart


def test_multipart_upload(client: StorageClient, space_id: str) -> None:
    parts = [os.urandom(300_000), os.urandom(300_000), b"tail"]
    size = sum(map(len, parts))
    key = client.init_multipart_upload(space_id, ROOT, "big.bin", size)

    signed = client.get_multipart_upload_infos(key, [1, 2, 3])
    again = client.get_multipart_upload_infos(key, [2])  # fresh URLs, as often as needed
    for number, body in [(1, parts[0]), (3, parts[2]), (2, parts[1])]:
        response = requests.put(signed[number].url, data=body, headers=signed[number].headers, timeout=10)
        assert response.status_code == 200
    dentry = client.commit_file(space_id, ROOT, key, "big.bin", size)

    assert sorted(signed) == [1, 2, 3]
    assert list(again) == [2]
    assert signed[1].url != signed[2].url
    assert (dentry.name, dentry.size, dentry.category) == ("big.bin", size, "OTHER")
    assert download(client, space_id, dentry.id) == b"".join(parts)


def test_multipart_infos_for_a_single_put_key_are_refused(client: StorageClient, space_id: str) -> None:
    key = client.get_upload_info(space_id, ROOT, "a.txt", 1).upload_key

    with pytest.raises(ApiError) as raised:
        client.get_multipart_upload_infos(key, [1])

    assert raised.value.code == "paramError.uploadKey"


# --------------------------------------------------------------------------- downloads and versions


def test_download_info_and_range_get(client: StorageClient, space_id: str) -> None:
    data = bytes(range(256)) * 40
    file = upload(client, space_id, "data.bin", data)

    signed = client.get_download_info(space_id, file.id)
    whole = requests.get(signed.url, headers=signed.headers, timeout=10)
    part = requests.get(signed.url, headers={**signed.headers, "Range": "bytes=100-199"}, timeout=10)
    tail = requests.get(signed.url, headers={**signed.headers, "Range": "bytes=-10"}, timeout=10)

    assert signed.url.startswith(client.endpoint)
    assert signed.expiration_seconds == 900
    assert whole.status_code == 200
    assert whole.content == data
    assert (part.status_code, part.content) == (206, data[100:200])
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert (tail.status_code, tail.content) == (206, data[-10:])


def test_versions_after_overwrite_commits(client: StorageClient, space_id: str) -> None:
    bodies = [b"v1", b"version 2", b"the third"]
    file = upload(client, space_id, "doc.txt", bodies[0])
    for body in bodies[1:]:
        upload(client, space_id, "doc.txt", body, conflict="OVERWRITE")

    versions = client.list_dentry_versions(space_id, file.id)

    assert [v.version for v in versions] == [3, 2, 1]
    assert [v.size for v in versions] == [len(b) for b in reversed(bodies)]
    assert all(v.id == file.id and v.name == "doc.txt" for v in versions)
    for version, body in zip((1, 2, 3), bodies, strict=True):
        assert download(client, space_id, file.id, version=version) == body
    assert download(client, space_id, file.id) == bodies[-1]
    assert client.get_dentry(space_id, file.id).version == 3


def test_versions_page_through_more_than_50(client: StorageClient, space_id: str) -> None:
    file = upload(client, space_id, "log.txt", b"0")
    for n in range(1, 52):
        upload(client, space_id, "log.txt", str(n).encode(), conflict="OVERWRITE")
    wire = watch(client)

    versions = client.list_dentry_versions(space_id, file.id)

    assert [v.version for v in versions] == list(range(52, 0, -1))
    assert len(wire.calls("/versions")) == 2


# --------------------------------------------------------------------------- thumbnails


def png_bytes(color: str = "red", size: tuple[int, int] = (64, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def poll_thumbnail(client: StorageClient, space: str, dentry_id: str, timeout: float = 15.0) -> ItemResult:
    deadline = time.monotonic() + timeout
    while True:
        (result,) = client.get_thumbnails(space, [dentry_id])
        if result.success or result.error_code != "thumbnailNotExist" or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def test_thumbnails_for_75_ids_in_3_calls_then_ready(client: StorageClient, space_id: str) -> None:
    image = upload(client, space_id, "pic.png", png_bytes())
    text = upload(client, space_id, "notes.txt", b"line one\nline two\n")
    binary = upload(client, space_id, "blob.bin", os.urandom(64))
    folder = client.add_folder(space_id, ROOT, "Folder")
    unknown = [str(900000 + n) for n in range(71)]
    ids = [image.id, text.id, binary.id, folder.id, *unknown]
    wire = watch(client)

    results = client.get_thumbnails(space_id, ids)

    assert len(ids) == 75
    assert len(wire.calls("/thumbnails/query")) == 3
    assert [r.dentry_id for r in results] == ids
    by_id = {r.dentry_id: r for r in results}
    assert by_id[binary.id].error_code == "dentryFormatNotSupport"
    assert by_id[folder.id].error_code == "dentryFormatNotSupport"
    assert all(by_id[n].error_code == "dentryNotExist" for n in unknown)
    assert all(not by_id[n].success for n in [binary.id, folder.id, *unknown])
    for dentry_id in (image.id, text.id):
        assert by_id[dentry_id].success or by_id[dentry_id].error_code == "thumbnailNotExist"

    ready = poll_thumbnail(client, space_id, image.id)
    ready_text = poll_thumbnail(client, space_id, text.id)

    assert ready.success, ready
    assert ready.thumbnail is not None
    assert (ready.thumbnail.width, ready.thumbnail.height) == (64, 32)
    assert "signature=" in ready.thumbnail.url
    picture = requests.get(ready.thumbnail.url, timeout=10)
    assert picture.status_code == 200
    assert picture.headers["content-type"].startswith("image/")
    assert Image.open(io.BytesIO(picture.content)).size == (64, 32)
    assert ready_text.success
    assert ready_text.thumbnail is not None


def test_dentries_come_with_thumbnails_when_asked(client: StorageClient, space_id: str) -> None:
    image = upload(client, space_id, "pic.png", png_bytes("blue"))
    assert poll_thumbnail(client, space_id, image.id).success

    listed = client.list_dentries(space_id, with_thumbnail=True).dentries[0]
    got = client.get_dentry(space_id, image.id, with_thumbnail=True)
    (batch,) = client.get_dentries(space_id, [image.id], with_thumbnail=True)
    plain = client.get_dentry(space_id, image.id)

    assert listed.thumbnail is not None
    assert got.thumbnail is not None
    assert batch.dentry is not None
    assert batch.dentry.thumbnail is not None
    assert (got.thumbnail.width, got.thumbnail.height) == (64, 32)
    assert plain.thumbnail is None


def test_generate_thumbnail_task(client: StorageClient, space_id: str) -> None:
    file = upload(client, space_id, "notes.txt", b"some text to draw\n")

    assert client.generate_thumbnail(space_id, file.id) is None

    # The task answers once the thumbnail exists.
    (result,) = client.get_thumbnails(space_id, [file.id])
    assert result.success
    assert result.thumbnail is not None


@pytest.mark.parametrize(
    ("make", "code", "status"),
    [
        (lambda c, s: upload(c, s, "blob.bin", b"\x00\x01").id, "koodrive.415", 400),
        (lambda c, s: c.add_folder(s, ROOT, "Folder").id, "koodrive.415", 400),
        (lambda c, s: "424242", "koodrive.404", 404),
    ],
    ids=["unsupported file", "folder", "unknown file"],
)
def test_generate_thumbnail_failures(
    client: StorageClient, space_id: str, make: object, code: str, status: int
) -> None:
    file_id = make(client, space_id)  # type: ignore[operator]

    with pytest.raises(ApiError) as raised:
        client.generate_thumbnail(space_id, file_id)

    error = raised.value
    assert error.code.startswith("koodrive.")
    assert (error.code, error.status) == (code, status)
    assert error.message
    assert error.sentence.endswith(".")
    assert not error.retryable


def test_generate_thumbnail_in_another_users_space_fails(client: StorageClient, space_id: str) -> None:
    file = upload(client, space_id, "notes.txt", b"x")
    intruder = StorageClient(client.endpoint, "dentry-local", "dentry-local-secret", "intruder")

    with pytest.raises(ApiError) as raised:
        intruder.generate_thumbnail(space_id, file.id)

    assert raised.value.code == "koodrive.403"
