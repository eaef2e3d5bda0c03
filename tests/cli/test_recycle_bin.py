"""``dentry-cli trash ls|restore|rm|empty`` as a user types them, against the local service."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.models import RecycleItem
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from tests.cli.helpers import run_cli
from tests.support.local_service import REPO_ROOT, cli_env
from tests.transfers.helpers import download_bytes, upload_bytes


@pytest.fixture
def client(server: LocalServer) -> StorageClient:
    return StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


@pytest.fixture
def space_id(client: StorageClient) -> str:
    return client.add_space("trash").id


def cli(server: LocalServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`dentry-cli` with its output as text."""
    result = run_cli(server, tmp_path, *args)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def items(client: StorageClient, space_id: str) -> list[RecycleItem]:
    return client.list_recycle_items(client.get_recycle_bin(space_id).id)


def test_delete_then_restore_brings_everything_back_where_it_was(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    source = tmp_path / "Project"
    (source / "docs").mkdir(parents=True)
    files = {"docs/季度报告.pdf": os.urandom(300_000), "notes.txt": b"notes", "docs/empty.bin": b""}
    for name, data in files.items():
        (source / name).write_bytes(data)
    (tmp_path / "loose.bin").write_bytes(os.urandom(70_000))
    assert (
        cli(server, tmp_path, "put", str(source), str(tmp_path / "loose.bin"), f"{space_id}:/").returncode
        == 0
    )

    removed = cli(server, tmp_path, "rm", "-r", f"{space_id}:/Project", f"{space_id}:/loose.bin")
    assert removed.returncode == 0, removed.stderr
    assert cli(server, tmp_path, "ls", f"{space_id}:/").stdout == ""

    listed = cli(server, tmp_path, "trash", "ls", "--json", space_id)
    assert listed.returncode == 0, listed.stderr
    by_path = {item["original_path"]: item for item in json.loads(listed.stdout)}
    assert set(by_path) == {"/Project", "/loose.bin"}  # one item per deleted root

    restored = cli(server, tmp_path, "trash", "restore", space_id, *(item["id"] for item in by_path.values()))

    assert restored.returncode == 0, restored.stderr
    assert sorted(restored.stdout.splitlines()) == ["restored /Project", "restored /loose.bin"]
    assert items(client, space_id) == []
    fetched = tmp_path / "fetched"
    fetched.mkdir()
    assert cli(server, tmp_path, "get", f"{space_id}:/", str(fetched)).returncode == 0
    for name, data in files.items():
        assert (fetched / "Project" / name).read_bytes() == data, name
    assert (fetched / "loose.bin").read_bytes() == (tmp_path / "loose.bin").read_bytes()


def test_trash_ls_shows_every_column_and_names_safely(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    folder = client.add_folder(space_id, "0", "照片")
    upload_bytes(client, space_id, "a.jpg", b"x" * 2048, parent_id=folder.id)
    hostile = upload_bytes(client, space_id, "placeholder.txt", b"h")
    with sqlite3.connect(server.config.data_dir / "metadata.sqlite3") as conn:  # the API refuses the name
        conn.execute("UPDATE dentries SET name=? WHERE id=?", ("evil\x1b[31m.txt", int(hostile.id)))
    client.delete_dentries(space_id, [hostile.id, folder.id])

    result = cli(server, tmp_path, "trash", "ls", f"{space_id}:")

    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    first, second = result.stdout.splitlines()
    by_id = {item.dentry_id: item for item in items(client, space_id)}
    folder_item, file_item = by_id[folder.id], by_id[hostile.id]
    assert first.split()[:4] == [folder_item.id, "folder", "2.0", "KiB"]
    assert first.endswith(f"  {DEFAULT_UNION_ID}  /照片/")
    assert second.split()[:4] == [file_item.id, "file", "1", "B"]
    assert second.endswith("  $'/evil\\x1b[31m.txt'")
    assert first.index(DEFAULT_UNION_ID) == second.index(DEFAULT_UNION_ID)
    local_time = (
        file_item.operator_time.astimezone().strftime("%Y-%m-%d %H:%M") if file_item.operator_time else ""
    )
    assert local_time in second

    as_json = json.loads(cli(server, tmp_path, "trash", "ls", "--json", space_id).stdout)
    assert [entry["id"] for entry in as_json] == [folder_item.id, file_item.id]
    assert as_json[0] | {"operator_time": None} == {
        "id": folder_item.id,
        "space_id": space_id,
        "dentry_id": folder.id,
        "type": "FOLDER",
        "original_name": "照片",
        "original_path": "/照片",
        "size": 2048,
        "operator_id": DEFAULT_UNION_ID,
        "operator_time": None,
    }
    assert cli(server, tmp_path, "trash", "ls", f"{space_id}:/照片").returncode == 2
    assert cli(server, tmp_path, "trash", "ls", "987654").returncode == 3


def test_a_batch_restore_names_each_failure_and_fails(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    dentries = [upload_bytes(client, space_id, f"f{n}.txt", f"{n}".encode()) for n in range(4)]
    client.delete_dentries(space_id, [d.id for d in dentries])
    upload_bytes(client, space_id, "f1.txt", b"taken meanwhile")
    upload_bytes(client, space_id, "f3.txt", b"taken meanwhile")
    by_dentry = {item.dentry_id: item.id for item in items(client, space_id)}
    asked = [by_dentry[d.id] for d in dentries]

    result = cli(server, tmp_path, "trash", "restore", "--conflict", "fail", space_id, *asked, "987654321")

    assert result.returncode == 1  # a taken name (5) and a missing item (3): more than one cause
    assert result.stderr.splitlines() == [
        f"dentry-cli: {asked[1]} (/f1.txt): An item with this name already exists.",
        f"dentry-cli: {asked[3]} (/f3.txt): An item with this name already exists.",
        "dentry-cli: 987654321: The item is not in the recycle bin (any more).",
    ]
    assert result.stdout.splitlines() == ["restored /f0.txt", "restored /f2.txt"]
    assert {item.dentry_id for item in items(client, space_id)} == {dentries[1].id, dentries[3].id}

    only_missing = cli(server, tmp_path, "trash", "restore", space_id, "987654321")
    assert only_missing.returncode == 3
    as_json = cli(server, tmp_path, "trash", "restore", "--conflict", "fail", "--json", space_id, asked[1])
    assert as_json.returncode == 5
    (report,) = json.loads(as_json.stdout)
    assert report["outcome"] == "failed"
    assert report["error_code"] == "dentryNameConflict"


def test_restore_conflicts_and_all(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    old = upload_bytes(client, space_id, "report.pdf", b"old")
    client.delete_dentry(space_id, old.id)
    newer = upload_bytes(client, space_id, "report.pdf", b"newer")
    (item,) = items(client, space_id)

    skipped = cli(server, tmp_path, "trash", "restore", "--conflict", "skip", space_id, item.id)
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout == "kept in the recycle bin: /report.pdf (the name is taken)\n"
    assert [i.id for i in items(client, space_id)] == [item.id]

    overwritten = cli(server, tmp_path, "trash", "restore", "--conflict", "overwrite", space_id, item.id)
    assert overwritten.returncode == 0, overwritten.stderr
    assert overwritten.stdout == "restored /report.pdf\n"
    assert download_bytes(client, space_id, old.id) == b"old"
    assert [i.dentry_id for i in items(client, space_id)] == [newer.id]  # the other one went to the bin

    renamed = cli(server, tmp_path, "trash", "restore", "--all", space_id)
    assert renamed.returncode == 0, renamed.stderr
    assert renamed.stdout == "restored /report.pdf as /report (1).pdf\n"
    assert items(client, space_id) == []
    assert (
        cli(server, tmp_path, "trash", "restore", "--all", space_id).stderr == "The recycle bin is empty.\n"
    )

    for wrong in ([space_id], [space_id, item.id, "--all"]):
        usage = cli(server, tmp_path, "trash", "restore", *wrong)
        assert usage.returncode == 2
        assert "or --all" in usage.stderr


def test_trash_rm_deletes_for_good_and_names_unknown_ids(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    dentries = [upload_bytes(client, space_id, f"f{n}.bin", b"z" * 1000) for n in range(3)]
    client.delete_dentries(space_id, [d.id for d in dentries])
    listed = items(client, space_id)

    result = cli(server, tmp_path, "trash", "rm", space_id, listed[0].id, "987654321", listed[1].id)

    assert result.returncode == 3
    assert result.stderr == f"dentry-cli: 987654321: no such item in the recycle bin of space {space_id}\n"
    assert [i.id for i in items(client, space_id)] == [listed[2].id]
    assert client.get_space(space_id).used_quota == 1000


def test_trash_empty_asks_first(
    server: LocalServer, client: StorageClient, space_id: str, tmp_path: Path
) -> None:
    dentries = [upload_bytes(client, space_id, f"f{n}.bin", b"z") for n in range(2)]
    client.delete_dentries(space_id, [d.id for d in dentries])

    refused = cli(server, tmp_path, "trash", "empty", space_id)  # standard input is not a terminal
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert len(items(client, space_id)) == 2

    declined = _on_a_terminal(server, tmp_path, "n\n", "trash", "empty", space_id)
    assert declined.returncode == 0
    assert declined.stderr == (
        f"Delete the 2 items in the recycle bin of space {space_id} for good? [y/N] Nothing was deleted.\n"
    )
    assert len(items(client, space_id)) == 2

    confirmed = _on_a_terminal(server, tmp_path, "y\n", "trash", "empty", space_id)
    assert confirmed.returncode == 0, confirmed.stderr
    assert items(client, space_id) == []
    assert client.get_space(space_id).used_quota == 0

    client.delete_dentry(space_id, upload_bytes(client, space_id, "again.bin", b"a").id)
    assert cli(server, tmp_path, "trash", "empty", "--yes", space_id).returncode == 0
    assert items(client, space_id) == []


def _on_a_terminal(
    server: LocalServer, tmp_path: Path, typed: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """`dentry-cli` with its standard input on a pseudo-terminal where `typed` is typed."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    options = ["--endpoint", server.url, "--app-key", DEFAULT_APP_KEY, "--union-id", DEFAULT_UNION_ID]
    leader, follower = pty.openpty()
    try:
        os.write(leader, typed.encode())  # the terminal keeps the line until it is read
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *options, *args],
            stdin=follower,
            capture_output=True,
            text=True,
            env=cli_env(home, tmp_path / "keyring.json", DEFAULT_APP_SECRET),
            cwd=REPO_ROOT,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
