"""Adaptive parallelism against the real service: more streams (and files) where they pay, one where not.

The service's knobs make the network: ``throttle_bps`` limits each connection (as object stores
and long links do), ``latency_ms`` delays every answer (a far-away service), and its
``peak_in_flight`` counts the requests it handled at once. A proxy in front of the data plane
counts the connections the client opened.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from app.preferences import DEFAULTS
from app.transfers.context import MAX_IN_FLIGHT
from app.transfers.journal import Batch, Kind, State
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    Recorder,
    download_bytes,
    finish,
    sha256,
    sha256_file,
    upload_bytes,
    upload_path,
    wait_until,
    write_file,
)
from tests.transfers.proxy import CountingProxy


def _streams_seen(recorder: Recorder, job_id: int) -> list[int]:
    return [event.progress.streams for _, event in recorder.of(job_id) if event.job.state == State.RUNNING]


def test_a_download_opens_more_streams_where_each_connection_is_throttled(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    digest = write_file(source, 12 * MIB, 1)
    dentry = upload_path(client, space_id, source, "big.bin")
    server.faults.throttle_bps = 2_000_000  # one stream alone: 6.3 s
    server.faults.peak_in_flight = 0
    recorder = Recorder()
    manager = make_manager(recorder=recorder, start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "back.bin")
    started = time.monotonic()
    manager.start()
    (done,) = finish(manager, [job], timeout=30, recorder=recorder)
    seconds = time.monotonic() - started
    assert done.state == State.DONE, done.error
    assert sha256_file(tmp_path / "back.bin") == digest
    assert max(_streams_seen(recorder, job.id)) >= 4
    assert server.faults.peak_in_flight >= 4  # seen at the service: ranges in flight together
    assert seconds < 3.5, seconds
    assert len(manager.journal.parts(job.id)) >= 4  # ranges split off as streams opened


def test_a_download_stays_at_one_stream_where_more_do_not_pay(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    """The bottleneck is shared (the user's download limit), not per connection: one stream."""
    source = tmp_path / "big.bin"
    digest = write_file(source, 6 * MIB, 2)
    dentry = upload_path(client, space_id, source, "big.bin")
    server.faults.throttle_bps = 8_000_000
    server.faults.latency_ms = 20
    recorder = Recorder()
    manager = make_manager(recorder=recorder, start=False)
    manager.download_limit.rate = 2_000_000  # ~3 s for the file, however many streams
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "back.bin")
    manager.start()
    (done,) = finish(manager, [job], timeout=30, recorder=recorder)
    assert done.state == State.DONE, done.error
    assert sha256_file(tmp_path / "back.bin") == digest
    seen = _streams_seen(recorder, job.id)
    assert set(seen) <= {0, 1}, seen  # (0: before the first byte)
    assert len(manager.journal.parts(job.id)) == 1  # never split


def test_an_upload_sends_more_parts_at_once_where_each_connection_is_throttled(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    source = tmp_path / "up.bin"
    digest = write_file(source, 32 * MIB, 3)
    server.faults.throttle_bps = 8_000_000
    server.faults.peak_in_flight = 0
    recorder = Recorder()
    # Parts of 2 MiB, far above the 256 KiB a socket may hold unsent: the rates measured are the
    # network's.
    manager = make_manager(dataclasses.replace(SMALL, part_size=2 * MIB), recorder=recorder, start=False)
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "up.bin")
    started = time.monotonic()
    manager.start()
    (done,) = finish(manager, [job], timeout=30, recorder=recorder)
    seconds = time.monotonic() - started
    assert done.state == State.DONE, done.error
    assert max(_streams_seen(recorder, job.id)) >= 4
    assert server.faults.peak_in_flight >= 4
    assert seconds < 2.8, seconds  # one part at a time: 4.2 s
    server.faults.throttle_bps = None
    assert sha256(download_bytes(client, space_id, done.result or "")) == digest


def test_many_small_files_far_away_move_many_at_once_within_the_bound(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    """60 uploads and 60 downloads 40 ms away, with two big throttled files among them."""
    folder = tmp_path / "small"
    for number in range(60):
        write_file(folder / f"f{number:02}.bin", 4 * KIB, number)
    big = tmp_path / "big.bin"
    write_file(big, 6 * MIB, 99)
    remote = [
        upload_bytes(client, space_id, f"r{number:02}.bin", bytes([number]) * 4096) for number in range(60)
    ]
    server.faults.latency_ms = 40
    server.faults.throttle_bps = 3_000_000
    server.faults.peak_in_flight = 0
    manager = make_manager(start=False)
    jobs = [manager.add_upload(ACCOUNT, space_id, "0", big, "big.bin")]
    jobs += [manager.add_upload(ACCOUNT, space_id, "0", path, path.name) for path in sorted(folder.iterdir())]
    jobs += [
        manager.add_download(
            ACCOUNT, space_id, d.id, d.name, tmp_path / "down" / d.name, version=d.version, size=d.size
        )
        for d in remote
    ]
    started = time.monotonic()
    manager.start()
    done = finish(manager, jobs, timeout=60)
    seconds = time.monotonic() - started
    assert {job.state for job in done} == {State.DONE}
    # One at a time, each small file costs 2-3 answers of 40 ms: 120 files take over 12 s.
    assert seconds < 8, seconds
    assert 6 <= server.faults.peak_in_flight <= MAX_IN_FLIGHT
    assert manager.jobs_ramp.limit > 2
    assert (tmp_path / "down" / "r07.bin").read_bytes() == bytes([7]) * 4096


class TestConnections:
    """The data plane behind a proxy that counts connections."""

    @pytest.fixture
    def proxy(self) -> Iterator[CountingProxy]:
        proxy = CountingProxy()
        yield proxy
        proxy.close()

    @pytest.fixture
    def server_config(self, tmp_path: Path, proxy: CountingProxy) -> ServerConfig:
        return ServerConfig(data_dir=tmp_path / "service", public_url=proxy.url)

    def test_streams_and_files_reuse_kept_alive_connections(
        self,
        client: StorageClient,
        server: LocalServer,
        proxy: CountingProxy,
        space_id: str,
        make_manager: MakeManager,
        tmp_path: Path,
    ) -> None:
        proxy.upstream_port = int(server.url.rsplit(":", 1)[1])
        source = tmp_path / "f.bin"
        write_file(source, 2 * MIB, 4)
        dentries = [upload_path(client, space_id, source, f"f{number}.bin") for number in range(8)]
        proxy.reset()
        manager = make_manager(dataclasses.replace(SMALL, segments=4, concurrency=1), start=False)
        jobs = [
            manager.add_download(ACCOUNT, space_id, d.id, d.name, tmp_path / "down" / d.name)
            for d in dentries
        ]
        manager.start()
        done = finish(manager, jobs, timeout=30)
        assert {job.state for job in done} == {State.DONE}
        # 8 files of 4 ranges each, one after the other: 32 responses over a handful of connections
        # (a new connection per range or per file would be 32, or 8 per 4 streams).
        assert proxy.connections <= 8, proxy.connections


def test_preferences_apply_to_a_running_download_at_once(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    digest = write_file(source, 8 * MIB, 5)
    dentry = upload_path(client, space_id, source, "big.bin")
    server.faults.throttle_bps = 1_000_000
    recorder = Recorder()
    manager = make_manager(recorder=recorder, start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "back.bin")
    manager.start()
    manager.apply(DEFAULTS.replace(streams_per_file=6))
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).streams == 6, timeout=10)
    manager.apply(DEFAULTS.replace(streams_per_file=2, download_limit=500_000))
    assert manager.download_limit.rate == 500_000  # at once
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).streams == 2, timeout=10)
    manager.apply(DEFAULTS)
    assert manager.download_limit.rate is None
    (done,) = finish(manager, [job], timeout=30, recorder=recorder)
    assert done.state == State.DONE, done.error
    assert sha256_file(tmp_path / "back.bin") == digest


def test_a_batch_is_announced_once_when_its_last_job_ends_with_its_counts(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    for number in range(5):
        write_file(folder / f"p{number}.jpg", 10 * KIB, number)
    upload_bytes(client, space_id, "p0.jpg", b"already there")
    heard: list[Batch] = []
    manager = make_manager(start=False)
    manager.subscribe_batches(heard.append)
    batch = manager.new_batch(Kind.UPLOAD, "Photos")
    other = manager.new_batch(Kind.UPLOAD, "Other")
    jobs = [
        manager.add_upload(ACCOUNT, space_id, "0", path, path.name, conflict="fail", batch=batch.id)
        for path in sorted(folder.iterdir())
    ]
    single = manager.add_upload(ACCOUNT, space_id, "0", folder / "p1.jpg", "copy.jpg", batch=other.id)
    manager.start()
    finish(manager, [*jobs, single])
    wait_until(lambda: len(heard) == 2)
    time.sleep(0.2)
    assert len(heard) == 2  # one per batch, not one per file
    photos = next(b for b in heard if b.id == batch.id)
    assert (photos.label, photos.kind, photos.total, photos.done, photos.failed) == (
        "Photos",
        Kind.UPLOAD,
        5,
        4,
        1,
    )
    assert photos.bytes_done == 4 * 10 * KIB
    assert manager.journal.batch(other.id).done == 1
    assert all(manager.journal.get(job.id).batch == batch.id for job in jobs)
