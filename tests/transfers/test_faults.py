"""Every kind of transfer survives dropped connections, 503 storms and signed URLs that expire."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from app.transfers.journal import State
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    Recorder,
    all_faults_off,
    download_bytes,
    finish,
    sha256,
    sha256_file,
    upload_path,
    write_file,
)

SIZES = {"single": 700 * KIB, "segmented": 3 * MIB}
FAULTS_SETTINGS = dataclasses.replace(SMALL, checkpoint_bytes=256 * KIB, max_attempts=12)
"""Ranges of 256 KiB, so that a connection cut after 100 kB really cuts range requests."""


def drops(server: LocalServer) -> None:
    server.faults.drop_after_bytes = 100_000
    server.faults.drop_times = 5


def storm(server: LocalServer) -> None:
    server.faults.error_rate = 0.4


FAULTS: dict[str, Callable[[LocalServer], None]] = {"drops": drops, "503 storm": storm}


def _upload(
    server: LocalServer,
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    size: int,
    min_seconds: float = 0.0,
) -> None:
    source = tmp_path / "source.bin"
    digest = write_file(source, size, size % 97)
    manager = make_manager(FAULTS_SETTINGS, start=False)
    started = time.monotonic()
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "sent.bin")
    manager.start()
    (done,) = finish(manager, [job], timeout=60)
    assert done.state == State.DONE, done.error
    assert time.monotonic() - started >= min_seconds
    assert server.faults.drop_times in (None, 0)  # every planned drop happened
    all_faults_off(server)  # the checks below talk to the service without faults
    assert client.get_dentry(space_id, done.result or "").size == size
    assert sha256(download_bytes(client, space_id, done.result or "")) == digest


def _download(
    server: LocalServer,
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    size: int,
    turn_on: Callable[[], None],
    min_seconds: float = 0.0,
) -> None:
    source = tmp_path / "source.bin"
    digest = write_file(source, size, size % 89)
    dentry = upload_path(client, space_id, source, "here.bin")
    manager = make_manager(FAULTS_SETTINGS, start=False)
    turn_on()
    target = tmp_path / "back.bin"
    started = time.monotonic()
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, target)
    manager.start()
    (done,) = finish(manager, [job], timeout=60)
    assert done.state == State.DONE, done.error
    assert time.monotonic() - started >= min_seconds
    assert server.faults.drop_times in (None, 0)
    assert sha256_file(target) == digest
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("kind", list(SIZES))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_uploads_complete_through_faults(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    kind: str,
    fault: str,
) -> None:
    """A single PUT (700 KiB) or a multipart upload (3 MiB in 12 parts) with the fault on."""
    FAULTS[fault](server)
    _upload(server, client, space_id, make_manager, tmp_path, SIZES[kind])


@pytest.mark.parametrize("kind", list(SIZES))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_downloads_complete_through_faults(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
    kind: str,
    fault: str,
) -> None:
    """A single-stream (700 KiB) or segmented download (3 MiB, 4 segments) with the fault on."""
    _download(server, client, space_id, make_manager, tmp_path, SIZES[kind], lambda: FAULTS[fault](server))


def test_drops_really_happen_and_the_download_resumes_not_restarts(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    source = tmp_path / "source.bin"
    digest = write_file(source, 700 * KIB, 3)
    dentry = upload_path(client, space_id, source, "d.bin")
    server.faults.drop_after_bytes = 300_000
    server.faults.drop_times = 2
    recorder = Recorder()
    manager = make_manager(FAULTS_SETTINGS, recorder=recorder, start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "d.bin", segments=1)
    manager.start()
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE, done.error
    assert server.faults.drop_times == 0  # both drops were spent on this download
    assert sha256_file(tmp_path / "d.bin") == digest
    # Starting over after each drop would move ~300 kB twice more; continuing moves each byte once.
    assert recorder.moved(job.id) < 700 * KIB + 300_000


class TestShortLivedUrls:
    """Signed URLs that live one second, with transfers slow enough to outlive them."""

    @pytest.fixture
    def server_config(self, tmp_path: Path) -> ServerConfig:
        return ServerConfig(data_dir=tmp_path / "service", url_ttl=1)

    @pytest.mark.parametrize("kind", list(SIZES))
    def test_transfers_outlive_their_urls(
        self,
        client: StorageClient,
        server: LocalServer,
        space_id: str,
        make_manager: MakeManager,
        tmp_path: Path,
        kind: str,
    ) -> None:
        rate = 500_000 if kind == "single" else 550_000  # per connection: 1.3-1.9 s per transfer

        def slow() -> None:
            server.faults.throttle_bps = rate

        slow()
        _upload(server, client, space_id, make_manager, tmp_path, SIZES[kind], min_seconds=1.1)
        _download(server, client, space_id, make_manager, tmp_path, SIZES[kind], slow, min_seconds=1.1)

    def test_an_expired_url_is_replaced_mid_download(
        self,
        client: StorageClient,
        server: LocalServer,
        space_id: str,
        make_manager: MakeManager,
        tmp_path: Path,
    ) -> None:
        """A URL that expires between ranges (after a drop) is fetched again, and the job goes on."""
        source = tmp_path / "source.bin"
        digest = write_file(source, 3 * MIB, 5)
        dentry = upload_path(client, space_id, source, "e.bin")
        server.faults.throttle_bps = 600_000
        server.faults.drop_after_bytes = 200_000
        server.faults.drop_times = 3
        manager = make_manager(dataclasses.replace(FAULTS_SETTINGS, segments=2), start=False)
        job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "e.bin")
        manager.start()
        (done,) = finish(manager, [job], timeout=60)
        assert done.state == State.DONE, done.error
        assert sha256_file(tmp_path / "e.bin") == digest


class TestUrlsThatAreAlwaysExpired:
    """A service whose URLs are dead on arrival: the job fails with a clear reason, no endless retry."""

    @pytest.fixture
    def server_config(self, tmp_path: Path) -> ServerConfig:
        return ServerConfig(data_dir=tmp_path / "service", url_ttl=0)

    def test_the_upload_fails_with_a_clear_reason(
        self, space_id: str, make_manager: MakeManager, tmp_path: Path
    ) -> None:
        source = tmp_path / "s.bin"
        write_file(source, 10 * KIB)
        manager = make_manager(dataclasses.replace(SMALL, max_attempts=2), start=False)
        upload = manager.add_upload(ACCOUNT, space_id, "0", source, "s.bin")
        manager.start()
        (failed,) = finish(manager, [upload], timeout=3)
        assert failed.state == State.FAILED
        assert "refusing the upload link" in (failed.error or "")
