"""The streams of one job: a stream that leaves (fewer wanted) hands its work back, and none is lost."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from app.api import StorageClient
from app.transfers.adaptive import Ramp
from app.transfers.bandwidth import RateLimiter
from app.transfers.context import Settings, TransferContext
from app.transfers.journal import Journal, Kind
from app.transfers.progress import ProgressMeter
from app.transfers.streams import Stream, StreamGroup


def _context(tmp_path: Path) -> TransferContext:
    journal = Journal(tmp_path / "j.sqlite3")
    job = journal.add(
        Kind.DOWNLOAD,
        account="t",
        space_id="1",
        remote_id="2",
        remote_name="n",
        local_path="/x",
        conflict="rename",
    )
    return TransferContext(
        job=job,
        client=StorageClient("http://127.0.0.1:9", "k", "s", "u"),  # (never called)
        journal=journal,
        settings=Settings(),
        limiter=RateLimiter(),
        meter=ProgressMeter(None),
        stop=threading.Event(),
        report=lambda: None,
        say=lambda _message: None,
    )


def test_work_handed_back_late_by_a_leaving_stream_is_still_done(tmp_path: Path) -> None:
    """Three streams, then one: the two that leave give their item back a moment later."""
    ctx = _context(tmp_path)
    ramp = Ramp(8, forced=3)
    lock = threading.Lock()
    waiting = list(range(6))
    done: list[int] = []

    def work(stream: Stream) -> None:
        while True:
            with lock:
                if not waiting:
                    return
                item = waiting.pop()
            stream.working()
            time.sleep(0.05)
            if stream.surplus():
                time.sleep(0.3)  # slow to let go: the others may have run out of work meanwhile
                with lock:
                    waiting.append(item)
                return
            with lock:
                done.append(item)

    group = StreamGroup(ctx, ramp)
    threading.Timer(0.02, lambda: ramp.force(1)).start()
    group.run(work, lambda: bool(waiting), lambda: len(done), lambda: len(waiting))
    assert sorted(done) == list(range(6))
    assert group.most == 3
