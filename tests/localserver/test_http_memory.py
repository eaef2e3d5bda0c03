"""A 1 GiB upload and download through a service subprocess must not grow its memory."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RawApi
from tests.localserver.helpers import (
    ROOT,
    SizedStream,
    Storage,
    chunks,
    describe,
    ok,
    signed_request,
    start_service,
)

GIB = 1 << 30
MIB = 1 << 20
PEAK_LIMIT_KB = 150 * 1024

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"{field} missing from /proc/{pid}/status")


def test_one_gib_round_trip_keeps_memory_flat(tmp_path: Path) -> None:
    service = start_service(tmp_path / "data")
    try:
        raw = RawApi(service.url)
        raw.get_token()
        storage = Storage(raw)
        space_id = storage.new_space_id("memory")
        baseline = _status_kb(service.pid, "VmHWM")

        started = time.monotonic()
        info = storage.upload_info(space_id, "huge.bin", GIB)
        sent = hashlib.md5(usedforsecurity=False)

        def body() -> Iterator[bytes]:
            for piece in chunks(GIB, MIB, b"\xa5"):
                sent.update(piece)
                yield piece

        response = signed_request("PUT", info["headerSignatureInfo"], data=SizedStream(body(), GIB))
        assert response.status_code == 200, describe(response)
        dentry = ok(storage.commit(space_id, info["uploadKey"], "huge.bin", ROOT, {"size": GIB}))["dentry"]
        assert dentry["size"] == GIB
        uploaded = time.monotonic() - started

        started = time.monotonic()
        download = storage.download_info(space_id, dentry["id"])["headerSignatureInfo"]
        received = hashlib.md5(usedforsecurity=False)
        total = 0
        with signed_request("GET", download, stream=True) as answer:
            assert answer.status_code == 200
            assert answer.headers["Content-Length"] == str(GIB)
            for piece in answer.iter_content(chunk_size=MIB):
                received.update(piece)
                total += len(piece)
        downloaded = time.monotonic() - started

        peak = _status_kb(service.pid, "VmHWM")
    finally:
        service.stop()  # the exit code is checked by test_http_cli.py
    assert total == GIB
    assert received.hexdigest() == sent.hexdigest()
    assert peak < PEAK_LIMIT_KB, (
        f"peak RSS {peak / 1024:.0f} MiB (baseline {baseline / 1024:.0f} MiB); "
        f"upload {uploaded:.1f} s, download {downloaded:.1f} s"
    )
    assert uploaded + downloaded < 30, f"upload {uploaded:.1f} s, download {downloaded:.1f} s"
