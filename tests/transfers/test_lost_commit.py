"""A commit whose answer is lost does not upload the file twice.

A real proxy (tests/support/cutting_proxy.py) stands between the client and the local service's
Open API: it forwards CommitFile, lets the service commit, then cuts the client's connection
instead of relaying the answer. The signed-URL bytes go to the service directly, as they would
to an object store. Afterwards there must be exactly one file (no ``name (1)``), the job done
with that file's id, and the same bytes.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import Job, Journal, State
from app.transfers.manager import TransferManager
from tests.support.cutting_proxy import CuttingProxy, cutting_proxy
from tests.support.local_service import REPO_ROOT
from tests.transfers.conftest import SMALL
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    children,
    cli_command,
    cli_env,
    cli_journal,
    download_bytes,
    finish,
    journal_rows,
    pattern,
    sha256,
    upload_bytes,
)

COMMIT = "/files/commit"
RETRIES = 3


@pytest.fixture
def proxy(server: LocalServer) -> Iterator[CuttingProxy]:
    """The answer-cutting proxy in front of the test's service."""
    with cutting_proxy(server.url) as running:
        yield running


def _proxied_client(proxy: CuttingProxy) -> StorageClient:
    return StorageClient(
        proxy.url,
        DEFAULT_APP_KEY,
        DEFAULT_APP_SECRET,
        DEFAULT_UNION_ID,
        retry=RetryPolicy(attempts=RETRIES, base_delay=0.01, max_delay=0.02),
    )


def _upload(
    proxy: CuttingProxy, tmp_path: Path, space_id: str, source: Path, name: str, conflict: str = "rename"
) -> Job:
    """Run one upload job through the proxy to its end, with a manager of its own."""
    client = _proxied_client(proxy)
    manager = TransferManager(
        Journal(tmp_path / "j.sqlite3"), lambda _account: client, SMALL, retry_base=0.01, retry_cap=0.05
    )
    job = manager.add_upload(ACCOUNT, space_id, "0", source, name, conflict=conflict)
    manager.start()
    try:
        (done,) = finish(manager, [job])
    finally:
        manager.shutdown()
        manager.journal.close()
    return done


@pytest.mark.parametrize("size", [200 * KIB, 3 * MIB], ids=["single-put", "multipart"])
def test_a_lost_commit_answer_leaves_one_file(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path, size: int
) -> None:
    data = pattern(size, 4)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    proxy.cut("POST", COMMIT)

    done = _upload(proxy, tmp_path, space_id, source, "report.bin")

    remote = children(client, space_id)
    assert list(remote) == ["report.bin"]
    assert (done.state, done.result) == (State.DONE, remote["report.bin"].id)
    assert sha256(download_bytes(client, space_id, remote["report.bin"].id)) == sha256(data)
    assert [seen.cut for seen in proxy.requests(COMMIT)] == [True]  # found, not committed again


def test_a_lost_answer_to_an_overwrite_adds_one_version(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path
) -> None:
    before = upload_bytes(client, space_id, "report.bin", b"version one\n")
    data = pattern(300 * KIB, 5)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    proxy.cut("POST", COMMIT)

    done = _upload(proxy, tmp_path, space_id, source, "report.bin", conflict="overwrite")

    remote = children(client, space_id)
    assert list(remote) == ["report.bin"]
    assert (done.state, done.result) == (State.DONE, before.id)
    assert [version.version for version in client.list_dentry_versions(space_id, before.id)] == [2, 1]
    assert download_bytes(client, space_id, before.id) == data


def test_a_lost_answer_to_a_skip_finds_the_file_that_was_there(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path
) -> None:
    before = upload_bytes(client, space_id, "report.bin", b"the file that was here first\n")
    source = tmp_path / "report.bin"
    source.write_bytes(pattern(10 * KIB, 6))
    proxy.cut("POST", COMMIT)

    done = _upload(proxy, tmp_path, space_id, source, "report.bin", conflict="skip")

    assert list(children(client, space_id)) == ["report.bin"]
    assert (done.state, done.result) == (State.DONE, before.id)
    assert download_bytes(client, space_id, before.id) == b"the file that was here first\n"


def test_the_queues_retry_after_a_lost_answer_looks_first(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path
) -> None:
    """The answer is lost and so is every try to look at once: the next run of the job looks first."""
    upload_bytes(client, space_id, "report.bin", b"another file of that name\n")
    data = pattern(100 * KIB, 7)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    proxy.cut("POST", COMMIT)
    proxy.cut("GET", "/dentries", times=RETRIES)  # the first look, with all its retries

    done = _upload(proxy, tmp_path, space_id, source, "report.bin")

    remote = children(client, space_id)
    assert sorted(remote) == ["report (1).bin", "report.bin"]  # renamed once, as asked; no (2)
    assert (done.state, done.result) == (State.DONE, remote["report (1).bin"].id)
    assert download_bytes(client, space_id, remote["report (1).bin"].id) == data
    assert len(proxy.requests(COMMIT)) == 1


def test_without_app_properties_the_file_is_known_by_name_size_and_user(
    client: StorageClient, space_id: str, server: LocalServer, tmp_path: Path
) -> None:
    data = pattern(50 * KIB, 8)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    with cutting_proxy(server.url, strip_app_properties=True) as proxy:
        proxy.cut("POST", COMMIT)
        done = _upload(proxy, tmp_path, space_id, source, "report.bin")

    remote = children(client, space_id)
    assert list(remote) == ["report.bin"]
    assert not remote["report.bin"].app_properties  # the service kept no tag
    assert (done.state, done.result) == (State.DONE, remote["report.bin"].id)


# --------------------------------------------------------------------------- dentry-cli put


def _put(url: str, home: Path, source: Path, space_id: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli_command(url, "put", str(source), f"{space_id}:/"),
        env=cli_env(home),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_dentry_cli_put_survives_a_lost_commit_answer(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path
) -> None:
    data = pattern(150 * KIB, 9)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    proxy.cut("POST", COMMIT)

    put = _put(proxy.url, tmp_path / "home", source, space_id)
    _out, err = put.communicate(timeout=60)

    assert put.returncode == 0, err
    remote = children(client, space_id)
    assert list(remote) == ["report.bin"]
    jobs, _parts = journal_rows(cli_journal(tmp_path / "home"))
    assert [(job["state"], job["result"]) for job in jobs] == [("done", remote["report.bin"].id)]
    assert download_bytes(client, space_id, remote["report.bin"].id) == data


def test_dentry_cli_killed_while_committing_finishes_without_a_copy(
    client: StorageClient, space_id: str, proxy: CuttingProxy, tmp_path: Path
) -> None:
    """SIGKILL while the commit's answer is on its way; the same command again finds the file."""
    data = pattern(150 * KIB, 10)
    source = tmp_path / "report.bin"
    source.write_bytes(data)
    home = tmp_path / "home"
    proxy.cut("POST", COMMIT, hold=True)

    first = _put(proxy.url, home, source, space_id)
    assert proxy.held.wait(60), first.communicate(timeout=5)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    proxy.release.set()
    jobs, _parts = journal_rows(cli_journal(home))
    assert [job["state"] for job in jobs] == ["committing"]

    again = _put(proxy.url, home, source, space_id)
    _out, err = again.communicate(timeout=60)

    assert again.returncode == 0, err
    remote = children(client, space_id)
    assert list(remote) == ["report.bin"]
    jobs, _parts = journal_rows(cli_journal(home))
    assert [(job["state"], job["result"]) for job in jobs] == [("done", remote["report.bin"].id)]
    assert len(proxy.requests(COMMIT)) == 1
    assert download_bytes(client, space_id, remote["report.bin"].id) == data
