"""A data server that answers the wrong bytes, or keeps redirecting, ends a download with a clear error.

The local service signs its URLs for a small misbehaving server in front of it (`HostileServer`),
which forwards to the service and bends the answers (issue 8, item 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer, ServerConfig
from app.transfers.journal import State
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import ACCOUNT, KIB, MIB, children, finish, pattern, upload_bytes
from tests.transfers.hostile import HostileServer, hostile_server


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with hostile_server() as server:
        yield server


@pytest.fixture
def server_config(tmp_path: Path, hostile: HostileServer) -> ServerConfig:
    """The service signs its data URLs for the hostile server."""
    return ServerConfig(data_dir=tmp_path / "service", public_url=hostile.url)


@pytest.fixture(autouse=True)
def upstream(hostile: HostileServer, server: LocalServer) -> None:
    hostile.upstream = server.url


def _download(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    hostile: HostileServer,
    folder: Path,
    mode: str,
    size: int,
    segments: int,
) -> tuple[State, str | None, bytes]:
    """Upload `size` bytes, bend the data server to `mode`, download; (state, error, the remote bytes)."""
    data = pattern(size, size % 97)
    dentry = upload_bytes(client, space_id, "r.bin", data)
    hostile.mode, hostile.requests = mode, 0
    manager = make_manager(start=False)
    job = manager.add_download(ACCOUNT, space_id, dentry.id, "r.bin", folder / "r.bin", segments=segments)
    manager.start()
    (ended,) = finish(manager, [job], timeout=60)
    return ended.state, ended.error, data


def test_the_hostile_server_forwards_faithfully_when_told_to(
    client: StorageClient, space_id: str, make_manager: MakeManager, hostile: HostileServer, tmp_path: Path
) -> None:
    state, error, data = _download(client, space_id, make_manager, hostile, tmp_path, "forward", 2 * MIB, 4)
    assert state == State.DONE, error
    assert (tmp_path / "r.bin").read_bytes() == data


@pytest.mark.parametrize(("size", "segments"), [(300 * KIB, 1), (2 * MIB, 4)])
def test_a_range_answered_with_other_bytes_is_an_error_and_nothing_is_placed(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    hostile: HostileServer,
    tmp_path: Path,
    size: int,
    segments: int,
) -> None:
    """Every range is answered with ``bytes 0-17/…``: once a "complete" file of those 18 bytes repeated."""
    state, error, _ = _download(client, space_id, make_manager, hostile, tmp_path, "first-18", size, segments)
    assert state == State.FAILED
    assert re.fullmatch(
        rf"The storage server sent bytes 0-17/{size} when bytes \d+-\d+/{size} was asked for", error or ""
    )
    assert not (tmp_path / "r.bin").exists()
    assert hostile.requests <= segments  # not retried: a server that sends other bytes is broken


def test_a_content_range_cut_short_on_the_way_is_asked_again(
    client: StorageClient, space_id: str, make_manager: MakeManager, hostile: HostileServer, tmp_path: Path
) -> None:
    """Found by the soak: a proxy cut an answer inside its headers, leaving ``bytes 6160368``."""
    state, error, data = _download(
        client, space_id, make_manager, hostile, tmp_path, "cut-range", 300 * KIB, 1
    )
    assert state == State.DONE, error
    assert (tmp_path / "r.bin").read_bytes() == data
    assert hostile.requests == 2


@pytest.mark.parametrize(("size", "segments", "placed"), [(300 * KIB, 1, True), (2 * MIB, 4, False)])
def test_a_range_answered_with_the_whole_file_is_used_only_when_the_whole_file_was_asked_for(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    hostile: HostileServer,
    tmp_path: Path,
    size: int,
    segments: int,
    placed: bool,
) -> None:
    state, error, data = _download(
        client, space_id, make_manager, hostile, tmp_path, "no-range", size, segments
    )
    if placed:  # one stream from byte 0: a 200 with the whole file is the same bytes
        assert state == State.DONE, error
        assert (tmp_path / "r.bin").read_bytes() == data
    else:
        assert state == State.FAILED
        assert "ignored the byte range" in (error or ""), error
        assert not (tmp_path / "r.bin").exists()


@pytest.mark.parametrize(("size", "segments"), [(300 * KIB, 1), (2 * MIB, 4)])
def test_bytes_beyond_the_range_asked_for_are_never_written(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    hostile: HostileServer,
    tmp_path: Path,
    size: int,
    segments: int,
) -> None:
    """Each answer runs 1,000 bytes past its range (no length, until the connection closes)."""
    state, error, data = _download(client, space_id, make_manager, hostile, tmp_path, "more", size, segments)
    assert state == State.DONE, error
    assert (tmp_path / "r.bin").read_bytes() == data


def test_a_redirect_loop_ends_at_once_with_a_clear_error(
    client: StorageClient, space_id: str, make_manager: MakeManager, hostile: HostileServer, tmp_path: Path
) -> None:
    state, error, _ = _download(
        client, space_id, make_manager, hostile, tmp_path, "redirect-loop", 300 * KIB, 1
    )
    assert state == State.FAILED
    assert "keeps redirecting" in (error or ""), error
    assert hostile.requests <= 10, hostile.requests


def test_a_redirect_to_a_host_that_keeps_refusing_ends_after_a_few_tries(
    client: StorageClient, space_id: str, make_manager: MakeManager, hostile: HostileServer, tmp_path: Path
) -> None:
    """Each fresh link is sent on to a server that refuses it: once a new link, for ever."""
    with hostile_server() as elsewhere:
        elsewhere.refuse(403)
        hostile.redirect_to = elsewhere.url
        state, error, _ = _download(
            client, space_id, make_manager, hostile, tmp_path, "redirect-away", 300 * KIB, 1
        )
    assert state == State.FAILED
    assert error == "The storage service keeps refusing the download link"
    # Three links in a row per run, and the queue's six runs.
    assert hostile.requests == elsewhere.requests <= 3 * SMALL.max_attempts, hostile.requests


STORAGE_FULL = (
    b'{"code": "storageFull", "message": "the storage service has no disk space left", "requestid": "r"}'
)


@pytest.mark.parametrize("size", [300 * KIB, 2 * MIB])  # one PUT; parts, 3 at a time
def test_a_service_out_of_disk_space_fails_the_upload_at_once_naming_the_cause(
    client: StorageClient,
    space_id: str,
    make_manager: MakeManager,
    hostile: HostileServer,
    tmp_path: Path,
    size: int,
) -> None:
    """507 ``storageFull`` on the signed PUTs (CONTRACTS.md #1): retrying at once would not help."""
    source = tmp_path / "up.bin"
    source.write_bytes(pattern(size, 11))
    hostile.refuse(507, STORAGE_FULL)
    manager = make_manager(start=False)
    job = manager.add_upload(ACCOUNT, space_id, "0", source, "up.bin")
    manager.start()
    (failed,) = finish(manager, [job])
    assert failed.state == State.FAILED
    assert (failed.error, failed.error_code, failed.attempts) == (
        "The storage service has no disk space left",
        "storageFull",
        1,
    )
    assert hostile.refused <= SMALL.max_streams
    assert children(client, space_id) == {}
