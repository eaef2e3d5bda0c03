"""A storage service whose disk is full (507 ``storageFull``) stops ``dentry-cli put`` at once, saying why.

A small real server in front of the local service (`HostileServer`) answers 507 with the
service's error body, on the signed-URL data plane or on CommitFile (issue 8, item 9a;
CONTRACTS.md #1: not retried, exit code 5).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.localserver import LocalServer, ServerConfig
from tests.transfers.helpers import (
    KIB,
    ROOT,
    children,
    cli_command,
    cli_env,
    cli_journal,
    journal_rows,
    make_client,
)
from tests.transfers.hostile import HostileServer, hostile_server

STORAGE_FULL = json.dumps(
    {"code": "storageFull", "message": "the storage service has no disk space left", "requestid": "r-1"}
).encode()


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with hostile_server() as server:
        yield server


@pytest.fixture
def server_config(tmp_path: Path, hostile: HostileServer) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", public_url=hostile.url)


@pytest.fixture(autouse=True)
def upstream(hostile: HostileServer, server: LocalServer) -> None:
    hostile.upstream = server.url


@pytest.mark.parametrize("where", ["data plane", "CommitFile"])
def test_put_onto_a_full_service_stops_at_once_and_names_the_cause(
    server: LocalServer, hostile: HostileServer, tmp_path: Path, where: str
) -> None:
    client = make_client(server.url)
    space_id = client.add_space("t").id
    source = tmp_path / "report.bin"
    source.write_bytes(b"r" * (300 * KIB))
    if where == "data plane":  # the signed PUT of the bytes
        endpoint = server.url
        hostile.refuse(507, STORAGE_FULL, "/_local/uploads/")
    else:  # the control plane: --endpoint is the server in front
        endpoint = hostile.url
        hostile.refuse(507, STORAGE_FULL, "/files/commit")
    home = tmp_path / "home"
    result = subprocess.run(
        cli_command(endpoint, "put", str(source), f"{space_id}:/"),
        env=cli_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 5, result.stderr
    assert result.stderr.splitlines() == [
        "dentry-cli: report.bin: The storage service has no disk space left"
        + ("." if where == "CommitFile" else "")
    ]
    assert hostile.refused <= 2  # at most a couple of tries: here, one
    (job,) = journal_rows(cli_journal(home))[0]
    assert (job["state"], job["error_code"]) == ("failed", "storageFull")
    assert children(client, space_id) == {}
