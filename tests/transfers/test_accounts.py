"""A job runs only under the account that queued it, whatever other accounts share the journal.

Two local services stand for two accounts whose spaces have the same id: a job run with the wrong
account's client would put its file in the other account's space, which is exactly what must not
happen (issue 8, item 1).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer, ServerConfig
from app.transfers.journal import Journal, Kind, State
from app.transfers.manager import TransferManager
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    account_on,
    children,
    download_bytes,
    finish,
    make_client,
    pattern,
    sha256,
    upload_bytes,
    wait_until,
)


@pytest.fixture
def other_server(tmp_path: Path) -> Iterator[LocalServer]:
    """A second service: account B's."""
    with LocalServer(ServerConfig(data_dir=tmp_path / "other-service")) as running:
        yield running


@pytest.fixture
def other_client(other_server: LocalServer) -> StorageClient:
    return make_client(other_server.url)


@pytest.fixture
def other_space(other_client: StorageClient, space_id: str) -> str:
    """B's space with the same id as A's `space_id` (each service numbers its own spaces)."""
    while (made := other_client.add_space("b").id) != space_id:
        assert int(made) < int(space_id), (made, space_id)
    return made


def _manager(journal: Path, account_url: str, client: StorageClient, name: str) -> TransferManager:
    return TransferManager(
        Journal(journal),
        settings=SMALL,
        account=account_on(account_url, name),
        client=client,
        retry_base=0.01,
        retry_cap=0.05,
    )


def test_another_accounts_queued_upload_waits_and_then_lands_in_its_own_space(
    server: LocalServer,
    client: StorageClient,
    space_id: str,
    other_server: LocalServer,
    other_client: StorageClient,
    other_space: str,
    make_manager: MakeManager,
    journal_path: Path,
    tmp_path: Path,
) -> None:
    source = tmp_path / "a-report.bin"
    source.write_bytes(pattern(200 * KIB, 1))
    a = make_manager(start=False)
    upload = a.add_upload(ACCOUNT, space_id, "0", source, source.name)
    a.journal.close()  # account A's program ends before its upload ran
    b_file = upload_bytes(other_client, other_space, "b.txt", b"B's own file")

    b = _manager(journal_path, other_server.url, other_client, "B")
    b.start()
    try:
        download = b.add_download("B", other_space, b_file.id, "b.txt", tmp_path / "down" / "b.txt")
        (done,) = finish(b, [download])
        assert done.state == State.DONE
        assert [job.id for job in b.other_jobs()] == [upload.id]
        assert b.other_jobs()[0].account == ACCOUNT  # to show beside B's jobs, greyed
        assert [job.id for job in b.jobs()] == [download.id]
        b.pause_all()
        b.cancel(upload.id)  # not B's to change
        b.retry(upload.id)
    finally:
        b.shutdown()
    waiting = b.journal.get(upload.id)
    assert (waiting.state, waiting.attempts, waiting.bytes_done) == (State.QUEUED, 0, 0)
    assert set(children(other_client, other_space)) == {"b.txt"}
    assert children(client, space_id) == {}

    again = make_manager()
    (uploaded,) = finish(again, [again.journal.get(upload.id)])
    assert uploaded.state == State.DONE, uploaded.error
    assert set(children(client, space_id)) == {"a-report.bin"}
    assert sha256(download_bytes(client, space_id, uploaded.result or "")) == sha256(source.read_bytes())
    assert set(children(other_client, other_space)) == {"b.txt"}


def test_switching_accounts_stops_the_old_ones_jobs_and_runs_the_new_ones(
    server: LocalServer,
    client: StorageClient,
    space_id: str,
    other_server: LocalServer,
    other_client: StorageClient,
    other_space: str,
    make_manager: MakeManager,
    tmp_path: Path,
) -> None:
    """What the window does when the user switches accounts: `set_account` on the running queue."""
    data = pattern(2 * MIB, 2)
    a_file = upload_bytes(client, space_id, "a.bin", data)
    b_file = upload_bytes(other_client, other_space, "b.bin", pattern(300 * KIB, 3))
    server.faults.throttle_bps = 500_000
    manager = make_manager(start=False)
    a_job = manager.add_download(ACCOUNT, space_id, a_file.id, "a.bin", tmp_path / "a.bin", segments=1)
    manager.start()
    wait_until(lambda: manager.journal.get(a_job.id).bytes_done > 0 or manager.progress(a_job).moved > 0)

    b_account = account_on(other_server.url, "B")
    manager.set_account(b_account, other_client)
    assert manager.journal.get(a_job.id).state == State.QUEUED  # stopped, waiting for A
    with pytest.raises(ValueError, match="not of test"):
        manager.add_download(ACCOUNT, space_id, a_file.id, "a.bin", tmp_path / "x.bin")
    b_job = manager.add_download("B", other_space, b_file.id, "b.bin", tmp_path / "b.bin")
    (b_done,) = finish(manager, [b_job])
    assert b_done.state == State.DONE
    assert manager.journal.get(a_job.id).state == State.QUEUED
    assert [job.id for job in manager.other_jobs()] == [a_job.id]

    server.faults.throttle_bps = None
    manager.set_account(account_on(server.url), client)
    (a_done,) = finish(manager, [a_job])
    assert a_done.state == State.DONE, a_done.error
    assert (tmp_path / "a.bin").read_bytes() == data
    manager.set_account(None, None)  # signed out: nothing runs, nothing is lost
    assert manager.jobs() == []


OLD_SCHEMA = """
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, state TEXT NOT NULL,
    account TEXT NOT NULL, space_id TEXT NOT NULL, remote_id TEXT NOT NULL,
    remote_name TEXT NOT NULL, local_path TEXT NOT NULL, conflict TEXT NOT NULL, size INTEGER,
    version INTEGER, etag TEXT, source_mtime REAL, upload_key TEXT,
    segments INTEGER NOT NULL DEFAULT 1, bytes_done INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, note TEXT, result TEXT,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_target ON jobs (kind, space_id, remote_id, local_path);
CREATE TABLE parts (
    job_id INTEGER NOT NULL, number INTEGER NOT NULL, start INTEGER NOT NULL,
    length INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job_id, number));
"""


def test_a_job_from_a_journal_without_account_keys_runs_only_when_its_account_asks_again(
    client: StorageClient,
    space_id: str,
    other_server: LocalServer,
    other_client: StorageClient,
    other_space: str,
    make_manager: MakeManager,
    journal_path: Path,
    tmp_path: Path,
) -> None:
    """A journal written before jobs had account keys: its jobs carry only an account name."""
    source = tmp_path / "old.bin"
    source.write_bytes(pattern(100 * KIB, 4))
    with sqlite3.connect(journal_path) as old:
        old.executescript(OLD_SCHEMA)
        old.execute(
            "INSERT INTO jobs (kind, state, account, space_id, remote_id, remote_name, local_path,"
            " conflict, created, updated) VALUES ('upload', 'running', ?, ?, '0', 'old.bin', ?,"
            " 'rename', 0, 0)",
            (ACCOUNT, space_id, str(source)),
        )
    old.close()

    # B: another name, on another service.
    b = _manager(journal_path, other_server.url, other_client, "B")
    b.start()
    b.shutdown()
    (legacy,) = b.other_jobs()
    assert (legacy.account, legacy.account_key, legacy.state) == (ACCOUNT, None, State.RUNNING)
    same_name_elsewhere = _manager(journal_path, other_server.url, other_client, ACCOUNT)
    same_name_elsewhere.start()  # an account of that name does not take it up by itself
    same_name_elsewhere.shutdown()
    assert same_name_elsewhere.journal.get(legacy.id).state == State.RUNNING
    assert children(other_client, other_space) == {}

    a = make_manager()
    resumed = a.add_upload(ACCOUNT, space_id, "0", source, "old.bin")  # the same command again
    assert resumed.id == legacy.id
    assert resumed.account_key == account_on(client.endpoint).key
    (done,) = finish(a, [resumed])
    assert done.state == State.DONE, done.error
    assert set(children(client, space_id)) == {"old.bin"}
    assert children(other_client, other_space) == {}
    assert a.journal.find_unfinished(None, Kind.UPLOAD, space_id, "0", str(source)) is None
