"""``dentry-cli versions``, ``revert`` and ``get --version`` against the local service."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from tests.cli.helpers import run_cli
from tests.transfers.helpers import cli_journal, download_bytes, journal_rows, upload_bytes

CONTENTS = [b"first version", os.urandom(200_000), b"third"]


@pytest.fixture
def client(server: LocalServer) -> StorageClient:
    return StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


@pytest.fixture
def space_id(client: StorageClient) -> str:
    space = client.add_space("versions").id
    folder = client.add_folder(space, "0", "文档")
    for data in CONTENTS:
        upload_bytes(client, space, "plan.txt", data, parent_id=folder.id, conflict="OVERWRITE")
    return space


def test_versions_lists_number_size_time_and_modifier(
    server: LocalServer, space_id: str, tmp_path: Path
) -> None:
    result = run_cli(server, tmp_path, "versions", f"{space_id}:/文档/plan.txt")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert [line.split()[0] for line in lines] == ["3", "2", "1"]
    assert [" ".join(line.split()[1:3]) for line in lines] == ["5 B", "195.3 KiB", "13 B"]
    assert all(line.endswith(f"  {DEFAULT_UNION_ID}") for line in lines)
    as_json = json.loads(run_cli(server, tmp_path, "versions", "--json", f"{space_id}:/文档/plan.txt").stdout)
    assert [(v["version"], v["size"], v["modifier_id"]) for v in as_json] == [
        (3, 5, DEFAULT_UNION_ID),
        (2, 200_000, DEFAULT_UNION_ID),
        (1, 13, DEFAULT_UNION_ID),
    ]
    folder = run_cli(server, tmp_path, "versions", f"{space_id}:/文档")
    assert folder.returncode == 2
    assert b"only files have versions" in folder.stderr
    assert run_cli(server, tmp_path, "versions", f"{space_id}:/nothing.txt").returncode == 3


def test_revert_makes_an_old_version_the_newest(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    result = run_cli(server, tmp_path, "revert", f"{space_id}:/文档/plan.txt", "1")

    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.decode()
        == f"{space_id}:/文档/plan.txt is now version 4, with the content of version 1\n"
    )
    (folder,) = client.iter_dentries(space_id)
    (plan,) = client.iter_dentries(space_id, folder.id)
    assert (plan.version, download_bytes(client, space_id, plan.id)) == (4, CONTENTS[0])
    unknown = run_cli(server, tmp_path, "revert", f"{space_id}:/文档/plan.txt", "9")
    assert unknown.returncode == 5
    assert b"has no version 9" in unknown.stderr


def test_get_version_downloads_that_version(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    target = tmp_path / "plan v2.txt"

    result = run_cli(server, tmp_path, "get", "--version", "2", f"{space_id}:/文档/plan.txt", str(target))

    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == CONTENTS[1]
    jobs, _parts = journal_rows(cli_journal(tmp_path / "home"))
    (job,) = jobs
    assert (job["version"], job["pinned"], job["size"], job["state"]) == (2, 1, 200_000, "done")

    old = run_cli(server, tmp_path, "get", "--version", "1", f"{space_id}:/文档/plan.txt", str(tmp_path))
    assert old.returncode == 0, old.stderr
    assert (tmp_path / "plan.txt").read_bytes() == CONTENTS[0]

    missing = run_cli(server, tmp_path, "get", "--version", "7", f"{space_id}:/文档/plan.txt", str(tmp_path))
    assert missing.returncode == 3
    assert missing.stderr.decode() == f"dentry-cli: version 7 of {space_id}:/文档/plan.txt does not exist\n"
    folder = run_cli(server, tmp_path, "get", "--version", "1", f"{space_id}:/文档", str(tmp_path))
    assert folder.returncode == 2
