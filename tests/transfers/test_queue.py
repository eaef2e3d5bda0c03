"""Queue control: concurrency, pause/resume/cancel/retry, events, bandwidth, restarts, changed sources."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import TransferManager
from app.transfers.progress import STALL_SECONDS, ProgressMeter
from app.transfers.upload import part_size_for
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    Recorder,
    download_bytes,
    finish,
    pattern,
    sha256,
    sha256_file,
    upload_bytes,
    wait_until,
    write_file,
)


def throttled_download(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    folder: Path,
    name: str,
    data: bytes,
    rate: int,
    recorder: Recorder | None = None,
    **options: Any,
) -> tuple[TransferManager, Job, Path]:
    """Put `data` on the service as `name`, slow it to `rate` B/s per connection, start downloading.

    Returns the (started) manager, the job and the download's target in `folder`.
    """
    dentry = upload_bytes(client, space_id, name, data)
    server.faults.throttle_bps = rate
    manager = make_manager(recorder=recorder, start=False)
    target = folder / name
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, target, **options)
    manager.start()
    return manager, job, target


def test_a_download_goes_queued_running_done(
    client: StorageClient, space_id: str, make_manager: MakeManager, recorder: Recorder, tmp_path: Path
) -> None:
    data = pattern(300 * KIB, 1)
    dentry = upload_bytes(client, space_id, "a.bin", data)
    manager = make_manager(recorder=recorder, start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "a.bin")
    manager.start()
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE
    assert recorder.states(job.id) == [State.QUEUED, State.RUNNING, State.DONE]
    assert sha256_file(tmp_path / "a.bin") == sha256(data)
    assert done.result == str(tmp_path / "a.bin")
    last = recorder.of(job.id)[-1][1].progress
    assert (last.bytes_done, last.total, last.moved) == (len(data), len(data), len(data))


def test_never_more_than_the_concurrency_limit_run(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    dentries = [upload_bytes(client, space_id, f"f{n}.bin", pattern(200 * KIB, n)) for n in range(6)]
    server.faults.throttle_bps = 1_000_000
    manager = make_manager(dataclasses.replace(SMALL, concurrency=2), start=False)
    running_counts: list[int] = []

    def count_running(_event: object) -> None:
        running_counts.append(sum(job.state == State.RUNNING for job in manager.journal.jobs()))

    manager.subscribe(count_running)
    manager.subscribe(recorder)
    jobs = [
        manager.add_download(ACCOUNT, space_id, d.id, d.name, tmp_path / d.name, segments=1) for d in dentries
    ]
    manager.start()
    assert all(job.state == State.DONE for job in finish(manager, jobs, recorder=recorder))
    assert max(running_counts) == 2, running_counts
    # The same seen through the events alone: a job's RUNNING event comes after the start of no
    # more than one other job that has not finished yet.
    spans = {}
    for job in jobs:
        times = [at for at, event in recorder.of(job.id) if event.job.state == State.RUNNING]
        end = next(at for at, event in recorder.of(job.id) if event.job.state == State.DONE)
        spans[job.id] = (min(times), end)
    for job_id, (start, _end) in spans.items():
        overlapping = [other for other, (s, e) in spans.items() if other != job_id and s <= start < e]
        assert len(overlapping) <= 1, spans


def test_pause_keeps_the_partial_and_resume_continues(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    data = pattern(2560 * KIB, 2)
    manager, job, target = throttled_download(
        client, server, space_id, make_manager, tmp_path, "p.bin", data, 2_000_000, recorder, segments=1
    )
    partial = tmp_path / f".p.bin.dentry-{job.id}.part"
    wait_until(lambda: partial.exists() and partial.stat().st_size >= MIB)
    manager.pause(job.id)
    wait_until(lambda: recorder.last_state(job.id) == State.PAUSED)
    kept = partial.stat().st_size
    assert 0 < kept < len(data)
    time.sleep(0.3)
    assert partial.stat().st_size == kept  # nothing runs while paused
    assert manager.journal.get(job.id).bytes_done == kept
    assert not target.exists()
    first_moved = recorder.moved(job.id)
    server.faults.throttle_bps = None
    manager.resume(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE
    assert sha256_file(target) == sha256(data)
    assert recorder.moved(job.id) == len(data) - kept  # the paused bytes are not fetched again
    assert first_moved == kept
    states = recorder.states(job.id)
    assert states[:3] == [State.QUEUED, State.RUNNING, State.PAUSED]
    # Events come from the resuming thread and the worker, so "queued" and "running" may interleave.
    assert set(states[3:]) <= {State.QUEUED, State.RUNNING, State.DONE}
    assert State.RUNNING in states[3:]
    assert states[-1] == State.DONE


def test_pause_takes_effect_promptly_on_a_slow_link(
    client: StorageClient, server: LocalServer, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    manager, job, _target = throttled_download(
        client, server, space_id, make_manager, tmp_path, "slow.bin", pattern(300 * KIB, 40), 200_000
    )
    wait_until(lambda: manager.journal.get(job.id).state == State.RUNNING)
    time.sleep(0.4)  # ~80 kB have arrived, ~220 kB (1.1 s) to go
    asked = time.monotonic()
    manager.pause(job.id)
    while manager.journal.get(job.id).state != State.PAUSED and time.monotonic() - asked < 0.5:
        time.sleep(0.02)
    assert manager.journal.get(job.id).state == State.PAUSED, "still running 0.5 s after pause"


def test_cancel_drops_the_partial_and_retry_starts_afresh(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    data = pattern(2 * MIB, 3)
    manager, job, target = throttled_download(  # segmented
        client, server, space_id, make_manager, tmp_path, "c.bin", data, 1_000_000, recorder
    )
    wait_until(lambda: manager.journal.get(job.id).bytes_done > 256 * KIB)
    manager.cancel(job.id)
    (cancelled,) = finish(manager, [job], recorder=recorder)
    assert cancelled.state == State.CANCELLED
    assert not list(tmp_path.glob("*.part"))
    cancelled = manager.journal.get(job.id)
    assert not target.exists()
    assert manager.journal.parts(job.id) == []
    assert cancelled.bytes_done == 0
    server.faults.throttle_bps = None
    manager.retry(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE
    assert sha256_file(target) == sha256(data)
    assert recorder.moved(job.id) == len(data)  # from zero
    states = recorder.states(job.id)
    after_cancel = states[states.index(State.CANCELLED) + 1 :]
    assert set(after_cancel) <= {State.QUEUED, State.RUNNING, State.DONE}
    assert State.RUNNING in after_cancel
    assert after_cancel[-1] == State.DONE


def test_cancel_a_queued_upload_and_retry_a_failed_one(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    source = tmp_path / "u.bin"
    write_file(source, 100 * KIB, 4)
    upload_bytes(client, space_id, "u.bin", b"already here")
    manager = make_manager(start=False)
    manager.pause_all()  # nothing yet; must not fail
    failing = manager.add_upload(ACCOUNT, space_id, "0", source, "u.bin", conflict="fail")
    manager.start()
    (failed,) = finish(manager, [failing])
    assert failed.state == State.FAILED
    assert failed.error
    client.delete_dentry(space_id, children_id(client, space_id, "u.bin"), to_recycle_bin=False)
    manager.retry(failing.id)
    (done,) = finish(manager, [failing])
    assert done.state == State.DONE
    assert client.get_dentry(space_id, done.result or "").size == 100 * KIB

    paused_manager = make_manager(dataclasses.replace(SMALL, concurrency=1))
    paused_manager.pause_all()
    queued = paused_manager.add_upload(ACCOUNT, space_id, "0", source, "other.bin")
    paused_manager.cancel(queued.id)
    assert paused_manager.journal.get(queued.id).state == State.CANCELLED
    paused_manager.retry(queued.id)
    (again,) = finish(paused_manager, [queued])
    assert again.state == State.DONE


def children_id(client: StorageClient, space_id: str, name: str) -> str:
    """The id of a file in the space's root."""
    return next(d.id for d in client.iter_dentries(space_id, "0") if d.name == name)


def test_pause_all_and_resume_all(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
) -> None:
    dentries = [upload_bytes(client, space_id, f"g{n}.bin", pattern(1536 * KIB, n)) for n in range(4)]
    sources = [tmp_path / f"up{n}.bin" for n in range(2)]
    for n, source in enumerate(sources):
        write_file(source, 1536 * KIB, 10 + n)
    server.faults.throttle_bps = 1_000_000
    manager = make_manager(dataclasses.replace(SMALL, concurrency=2), start=False)
    jobs = [
        manager.add_download(ACCOUNT, space_id, d.id, d.name, tmp_path / "down" / d.name) for d in dentries
    ] + [manager.add_upload(ACCOUNT, space_id, "0", source, source.name) for source in sources]
    manager.start()
    wait_until(lambda: sum(manager.journal.get(job.id).bytes_done > 0 for job in jobs) >= 2)
    manager.pause_all()
    wait_until(lambda: all(manager.journal.get(job.id).state == State.PAUSED for job in jobs))
    time.sleep(0.3)
    assert all(manager.journal.get(job.id).state == State.PAUSED for job in jobs)
    server.faults.throttle_bps = None
    manager.resume_all()
    assert all(job.state == State.DONE for job in finish(manager, jobs))
    for dentry in dentries:
        assert sha256_file(tmp_path / "down" / dentry.name) == sha256(
            pattern(1536 * KIB, int(dentry.name[1]))
        )
    names = {d.name: d.size for d in client.iter_dentries(space_id, "0")}
    assert names["up0.bin"] == names["up1.bin"] == 1536 * KIB


def test_progress_events_are_paced_and_carry_speed_and_eta(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    data = pattern(3 * MIB, 5)
    manager, job, _target = throttled_download(  # per connection: ~1.6 MB/s over 4 streams
        client, server, space_id, make_manager, tmp_path, "slow.bin", data, 400_000, recorder, segments=4
    )
    started = time.monotonic()
    finish(manager, [job], recorder=recorder)
    seconds = time.monotonic() - started
    assert seconds > 1.5
    running = [(at, e) for at, e in recorder.of(job.id) if e.job.state == State.RUNNING and not e.message]
    progress = running[1:]  # the first one announces the start
    assert len(progress) >= 5
    assert len(progress) <= seconds * 5 + 2, [round(at - started, 3) for at, _ in progress]
    with_speed = [e.progress for _, e in progress if e.progress.speed]
    assert with_speed, "no progress event carried a speed"
    middle = with_speed[len(with_speed) // 2]
    assert 800_000 < (middle.speed or 0) < 3_200_000  # the service sends ~1.6 MB/s
    assert middle.eta is not None
    assert middle.eta == pytest.approx((len(data) - middle.bytes_done) / (middle.speed or 1), rel=0.01)
    assert middle.eta > 0
    done_bytes = [e.progress.bytes_done for _, e in progress]
    assert done_bytes == sorted(done_bytes)


def test_a_stalled_meter_has_no_speed_and_no_eta() -> None:
    meter = ProgressMeter(1000)
    for _ in range(10):
        meter.add(10)
        time.sleep(0.01)
    moving = meter.snapshot()
    assert moving.speed
    assert moving.eta is not None
    time.sleep(STALL_SECONDS + 0.2)
    stalled = meter.snapshot()
    assert (stalled.bytes_done, stalled.speed, stalled.eta) == (100, None, None)


@pytest.mark.parametrize("kind", [Kind.DOWNLOAD, Kind.UPLOAD])
def test_bandwidth_limit(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path, kind: Kind
) -> None:
    size = 4_000_000
    source = tmp_path / "src.bin"
    digest = write_file(source, size, 6)
    manager = make_manager(start=False)
    if kind == Kind.DOWNLOAD:
        dentry = upload_bytes(client, space_id, "bw.bin", source.read_bytes())
        manager.download_limit.rate = 2_000_000
        started = time.monotonic()
        job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "bw.bin")
    else:
        manager.upload_limit.rate = 2_000_000
        started = time.monotonic()
        job = manager.add_upload(ACCOUNT, space_id, "0", source, "bw.bin")
    manager.start()
    (done,) = finish(manager, [job])
    seconds = time.monotonic() - started
    assert done.state == State.DONE
    assert 1.5 <= seconds < 6, seconds
    if kind == Kind.DOWNLOAD:
        assert sha256_file(tmp_path / "bw.bin") == digest


def test_a_new_manager_on_the_same_journal_resumes_unfinished_jobs(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    tmp_path: Path,
) -> None:
    down_data = pattern(4 * MIB, 7)
    dentry = upload_bytes(client, space_id, "r.bin", down_data)
    source = tmp_path / "up.bin"
    up_digest = write_file(source, 3 * MIB, 8)
    server.faults.throttle_bps = 600_000
    first_events, second_events = Recorder(), Recorder()
    both = dataclasses.replace(SMALL, concurrency=2)  # the two run at once, to be stopped mid-way
    first = make_manager(both, recorder=first_events, start=False)
    download = first.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "r.bin")
    upload = first.add_upload(ACCOUNT, space_id, "0", source, "up.bin")
    first.start()
    jobs = [download, upload]
    wait_until(lambda: first.journal.get(download.id).bytes_done >= MIB)
    wait_until(lambda: first.journal.get(upload.id).bytes_done >= 512 * KIB)
    first.shutdown()
    assert [first.journal.get(job.id).state for job in jobs] == [State.QUEUED, State.QUEUED]
    first.journal.update(upload.id, state=State.RUNNING)  # as a crash would leave it
    recorded = {job.id: first.journal.get(job.id).bytes_done for job in jobs}
    server.faults.throttle_bps = None

    second = make_manager(recorder=second_events)
    done = finish(second, jobs, recorder=second_events)
    assert [job.state for job in done] == [State.DONE, State.DONE]
    assert sha256_file(tmp_path / "r.bin") == sha256(down_data)
    assert sha256(download_bytes(client, space_id, done[1].result or "")) == up_digest
    assert recorded[upload.id] >= 512 * KIB
    assert second_events.moved(upload.id) == 3 * MIB - recorded[upload.id]  # done parts not sent again
    assert second_events.moved(download.id) == len(down_data) - recorded[download.id]
    # At most one checkpoint per segment arrived twice.
    again = first_events.moved(download.id) + second_events.moved(download.id) - len(down_data)
    assert 0 <= again <= SMALL.max_streams * SMALL.checkpoint_bytes
    assert second_events.messages(download.id) == []


@pytest.mark.parametrize("segments", [1, 4])
def test_a_file_changed_while_paused_starts_over_and_says_so(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
    segments: int,
) -> None:
    old, new = pattern(2560 * KIB, 20), pattern(2560 * KIB + 5, 21)
    manager, job, target = throttled_download(
        client, server, space_id, make_manager, tmp_path, "v.bin", old, 1_000_000, recorder, segments=segments
    )
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).bytes_done >= 256 * KIB)
    manager.pause(job.id)
    wait_until(lambda: manager.journal.get(job.id).state == State.PAUSED)
    upload_bytes(client, space_id, "v.bin", new, conflict="OVERWRITE")
    server.faults.throttle_bps = None
    manager.resume(job.id)
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE
    assert sha256_file(target) == sha256(new)
    assert any("changed on the server" in message for message in recorder.messages(job.id))


def test_a_file_changed_mid_download_starts_over_and_says_so(
    client: StorageClient,
    server: LocalServer,
    space_id: str,
    make_manager: MakeManager,
    recorder: Recorder,
    tmp_path: Path,
) -> None:
    old, new = pattern(2 * MIB, 22), pattern(2 * MIB, 23)
    manager, job, target = throttled_download(  # two ranges: slow enough to change it meanwhile
        client, server, space_id, make_manager, tmp_path, "m.bin", old, 1_000_000, recorder, segments=2
    )
    wait_until(lambda: manager.progress(manager.journal.get(job.id)).bytes_done >= 256 * KIB)
    server.faults.throttle_bps = None  # the new version goes up at once, while the download runs
    upload_bytes(client, space_id, "m.bin", new, conflict="OVERWRITE")
    assert manager.journal.get(job.id).state == State.RUNNING
    (done,) = finish(manager, [job], recorder=recorder)
    assert done.state == State.DONE
    assert any("changed on the server" in message for message in recorder.messages(job.id))
    assert sha256_file(target) == sha256(new)


def test_events_from_many_threads_do_not_break_a_listener_that_raises(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    dentry = upload_bytes(client, space_id, "l.bin", pattern(2 * MIB, 30))
    manager = make_manager(start=False)
    calls = []
    lock = threading.Lock()

    def broken(_event: object) -> None:
        with lock:
            calls.append(1)
        raise RuntimeError("listener bug")

    manager.subscribe(broken)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / "l.bin")
    manager.start()
    (done,) = finish(manager, [job])
    assert done.state == State.DONE
    assert calls


def test_pausing_a_multipart_upload_starts_no_more_parts(
    space_id: str, make_manager: MakeManager, recorder: Recorder, tmp_path: Path
) -> None:
    source = tmp_path / "parts.bin"
    write_file(source, 512 * KIB, 41)  # eight parts of 64 KiB
    settings = dataclasses.replace(SMALL, part_size=64 * KIB, multipart_threshold=256 * KIB, segments=2)
    manager = make_manager(settings, recorder=recorder, start=False)
    manager.upload_limit.rate = 500_000
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "parts.bin")
    manager.start()
    wait_until(lambda: manager.journal.get(job.id).bytes_done >= 128 * KIB)
    asked = time.monotonic()
    manager.pause(job.id)
    wait_until(lambda: recorder.last_state(job.id) == State.PAUSED)
    seconds = time.monotonic() - asked
    recorded = manager.journal.get(job.id).bytes_done
    moved = recorder.moved(job.id)
    in_flight = 2 * part_size_for(512 * KIB, settings.part_size)
    assert moved <= recorded + in_flight, (moved, recorded)  # only the parts in flight
    assert seconds < 0.5


def test_a_new_job_starts_at_once_when_a_worker_is_idle(
    client: StorageClient, space_id: str, make_manager: MakeManager, recorder: Recorder, tmp_path: Path
) -> None:
    dentry = upload_bytes(client, space_id, "quick.txt", b"quick")
    manager = make_manager(recorder=recorder)
    time.sleep(0.1)  # the workers are waiting now
    delays = []
    for number in range(2):
        added = time.monotonic()
        job = manager.add_download(ACCOUNT, space_id, dentry.id, dentry.name, tmp_path / f"q{number}.txt")
        wait_until(lambda job_id=job.id: recorder.last_state(job_id) == State.DONE)
        started = next(at for at, event in recorder.of(job.id) if event.job.state == State.RUNNING)
        delays.append(started - added)
    assert sum(delays) < 0.3, [round(delay, 3) for delay in delays]
