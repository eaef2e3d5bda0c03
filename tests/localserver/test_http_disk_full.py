"""A full disk under the data folder: 507 ``storageFull`` everywhere, nothing leaked, and recovery.

The data folder lives on a small tmpfs of the test's own (mounting one needs root; the tests are
skipped where that is not allowed), so the disk really fills up.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    ServiceProcess,
    SizedStream,
    Storage,
    assert_error,
    chunks,
    ok,
    signed_request,
    start_service,
)

MIB = 1 << 20
DISK_SIZE = 8 * MIB


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MiB tmpfs of this test's own (needs root and mount rights; skipped otherwise)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(folder)],
        check=False,
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def service(small_disk: Path) -> Iterator[ServiceProcess]:
    """The service with its data folder on the small disk; its log must stay free of errors."""
    running = start_service(small_disk / "data")
    yield running
    running.stop()
    logged = "\n".join(running.lines)
    assert "Traceback" not in logged, logged
    assert "ERROR" not in logged, logged


@pytest.fixture
def storage(service: ServiceProcess) -> Storage:
    raw = RawApi(service.url)
    raw.get_token()
    return Storage(raw)


def _free(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def _fill(disk: Path) -> Path:
    """Take every free byte of `disk` with a file; returns it (delete it to free the space)."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    assert _free(disk) < 65536
    return filler


def _assert_storage_full(response: requests.Response) -> None:
    body = assert_error(response, 507, "storageFull")
    assert body["message"] == "the storage service has no disk space left"


def test_a_body_larger_than_the_free_space_is_507_and_takes_no_space(
    small_disk: Path, storage: Storage
) -> None:
    space_id = storage.new_space_id()
    free = _free(small_disk)
    single = storage.upload_info(space_id, "big.bin", 3 * DISK_SIZE)
    answer = signed_request(
        "PUT", single["headerSignatureInfo"], data=SizedStream(chunks(3 * DISK_SIZE), 3 * DISK_SIZE)
    )
    _assert_storage_full(answer)
    upload_key = ok(
        storage.call("POST", f"/v1.0/storage/spaces/{space_id}/files/multiPartUploadInfos/init", json={})
    )["uploadKey"]
    (part,) = ok(
        storage.call(
            "POST",
            "/v1.0/storage/spaces/files/multiPartUploadInfos/query",
            json={"uploadKey": upload_key, "partNumbers": [1]},
        )
    )["multipartHeaderSignatureInfos"]
    answer = signed_request("PUT", part["headerSignatureInfo"], data=b"p" * (2 * DISK_SIZE))
    _assert_storage_full(answer)
    # The cut bodies are gone: the space is free again, and nothing waits in the staging folders.
    assert [path for path in (small_disk / "data" / "uploads").rglob("*") if path.is_file()] == []
    assert _free(small_disk) >= free - 64 * 1024
    # The same upload key takes a body that fits.
    storage.put(single, b"fits")
    dentry = ok(storage.commit(space_id, single["uploadKey"], "big.bin", ROOT, {"size": 4}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == b"fits"


def test_changes_on_a_full_disk_are_507_and_work_once_space_is_free(
    small_disk: Path, storage: Storage
) -> None:
    space_id = storage.new_space_id()
    folder = storage.add_folder(space_id, "folder")
    for number in range(20):
        storage.upload(space_id, f"f{number}.bin", b"x" * 1000, folder["id"])
    staged = storage.upload_info(space_id, "staged.bin", 6)
    storage.put(staged, b"staged")
    filler = _fill(small_disk)
    copy_path = f"/v1.0/storage/spaces/{space_id}/dentries/{folder['id']}/copy"
    copy_body = {"targetSpaceId": space_id, "targetFolderId": ROOT}
    _assert_storage_full(storage.call("POST", copy_path, json=copy_body))
    _assert_storage_full(
        storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{ROOT}/folders", json={"name": "new"})
    )
    _assert_storage_full(storage.commit(space_id, staged["uploadKey"], "staged.bin", ROOT, {"size": 6}))
    assert storage.names(space_id) == ["folder"]
    filler.unlink()
    ok(storage.call("POST", copy_path, json=copy_body))
    storage.add_folder(space_id, "new")
    # The refused commit kept the staged bytes: the same upload key commits now.
    dentry = ok(storage.commit(space_id, staged["uploadKey"], "staged.bin", ROOT, {"size": 6}))["dentry"]
    assert storage.download(space_id, dentry["id"]) == b"staged"
    assert storage.names(space_id) == ["folder", "folder (1)", "new", "staged.bin"]
