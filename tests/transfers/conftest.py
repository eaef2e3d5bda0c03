"""Fixtures for the transfer-engine tests: a client, a space per test, and managers on a journal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.context import Settings
from app.transfers.journal import Journal
from app.transfers.manager import TransferManager
from tests.transfers.helpers import KIB, MIB, Recorder, account_on, all_faults_off

SMALL = Settings(
    segment_threshold=1 * MIB,
    multipart_threshold=1 * MIB,
    part_size=256 * KIB,
    max_attempts=6,
    checkpoint_bytes=64 * KIB,
    min_split=64 * KIB,
    first_request=256 * KIB,
)
"""Small thresholds, so that ranges, parts and checkpoints all run on files of a few MiB.

Streams per file and files at once are the defaults: adaptive (`AUTO`).
"""

MakeManager = Callable[..., TransferManager]


@pytest.fixture(autouse=True)
def faults_off(server: LocalServer) -> Iterator[None]:
    """Every test starts and ends with the fault knobs off."""
    all_faults_off(server)
    yield
    all_faults_off(server)


@pytest.fixture
def client(server: LocalServer) -> StorageClient:
    """A client with quick retries (503 storms would otherwise take many seconds)."""
    return StorageClient(
        server.url,
        DEFAULT_APP_KEY,
        DEFAULT_APP_SECRET,
        DEFAULT_UNION_ID,
        retry=RetryPolicy(attempts=8, base_delay=0.01, max_delay=0.1),
    )


@pytest.fixture
def space_id(client: StorageClient) -> str:
    """A personal space of this test's own."""
    return client.add_space("t").id


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """The journal file of this test's managers."""
    return tmp_path / "j.sqlite3"


@pytest.fixture
def make_manager(server: LocalServer, client: StorageClient, journal_path: Path) -> Iterator[MakeManager]:
    """Build managers on the test's journal (small thresholds unless given); all shut down at the end.

    Pass ``start=False`` to add jobs before `start()`: an idle worker notices a job added later
    only after up to a second (see test_a_new_job_starts_at_once_when_a_worker_is_idle).
    """
    made: list[TransferManager] = []

    def make(
        settings: Settings | None = None, *, recorder: Recorder | None = None, start: bool = True
    ) -> TransferManager:
        manager = TransferManager(
            Journal(journal_path),
            settings=settings or SMALL,
            account=account_on(server.url),
            client=client,
            retry_base=0.01,
            retry_cap=0.05,
        )
        if recorder is not None:
            manager.subscribe(recorder)
        if start:
            manager.start()
        made.append(manager)
        return manager

    yield make
    for manager in made:
        manager.shutdown()
        manager.journal.close()


@pytest.fixture
def recorder() -> Recorder:
    """An event recorder to subscribe to a manager."""
    return Recorder()
