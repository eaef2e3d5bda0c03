"""``cp`` and ``mv`` of several items into a folder (batch calls), or of one to a new name, as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from tests.support.local_service import CliUser


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", demo=True)


@pytest.fixture
def cli(server: LocalServer, tmp_path: Path) -> CliUser:
    """The demo space's creator, with an empty folder /Box."""
    me = CliUser(server.url, DEFAULT_UNION_ID, tmp_path / "home", DEFAULT_APP_KEY, DEFAULT_APP_SECRET)
    assert me.run("mkdir", f"{server.demo_space_id}:/Box").returncode == 0
    return me


def names(cli: CliUser, path: str) -> list[str]:
    listed = cli.run("ls", path)
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.splitlines()


def stat(cli: CliUser, path: str) -> dict[str, object]:
    result = cli.run("stat", "--json", path)
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_several_items_into_a_folder(cli: CliUser, server: LocalServer) -> None:
    s = server.demo_space_id
    documents = names(cli, f"{s}:/Documents")
    beach = stat(cli, f"{s}:/Beach.jpg")

    copied = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Documents", f"{s}:/Box")
    moved = cli.run("mv", f"{s}:/Beach.jpg", f"{s}:/Sunset.jpg", f"{s}:/Box")

    assert (copied.returncode, copied.stdout, copied.stderr) == (0, "", "")
    assert (moved.returncode, moved.stderr) == (0, "")
    assert names(cli, f"{s}:/Box") == ["Beach.jpg", "Documents/", "Sunset.jpg", "Welcome.txt"]
    assert names(cli, f"{s}:/Box/Documents") == documents
    root = names(cli, f"{s}:/")
    assert "Welcome.txt" in root
    assert "Documents/" in root
    assert "Beach.jpg" not in root
    assert stat(cli, f"{s}:/Box/Beach.jpg")["id"] == beach["id"]  # a move keeps the id


def test_a_taken_name_fails_that_item_only_unless_told_otherwise(cli: CliUser, server: LocalServer) -> None:
    s = server.demo_space_id
    assert cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Box").returncode == 0

    clash = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Logo.png", f"{s}:/Box")
    assert clash.returncode == 5
    assert clash.stderr == f"dentry-cli: {s}:/Welcome.txt: An item with this name already exists.\n"
    assert names(cli, f"{s}:/Box") == ["Logo.png", "Welcome.txt"]

    skipped = cli.run("mv", f"{s}:/Welcome.txt", f"{s}:/Box", "--conflict", "skip")
    assert skipped.returncode == 0
    assert "Welcome.txt" in names(cli, f"{s}:/")  # nothing moved: the folder had one

    renamed = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Box", "--conflict", "rename", "--json")
    assert renamed.returncode == 0, renamed.stderr
    (outcome,) = json.loads(renamed.stdout)
    assert outcome["source"] == f"{s}:/Welcome.txt"
    assert outcome["success"] is True
    assert outcome["target_space_id"] == s
    assert stat(cli, f"{s}:/Box/Welcome (1).txt")["id"] == outcome["target_dentry_id"]

    overwritten = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Box", "--conflict", "overwrite")
    assert overwritten.returncode == 0
    assert stat(cli, f"{s}:/Box/Welcome.txt")["version"] == 2  # a new version of the file there


def test_one_item_to_a_new_name(cli: CliUser, server: LocalServer) -> None:
    s = server.demo_space_id
    welcome = stat(cli, f"{s}:/Welcome.txt")

    assert cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Box/Hello.txt").returncode == 0
    hello = stat(cli, f"{s}:/Box/Hello.txt")
    assert (hello["size"], hello["id"] != welcome["id"]) == (welcome["size"], True)
    assert cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Copy of Welcome.txt").returncode == 0  # beside it

    assert cli.run("mv", f"{s}:/Box/Hello.txt", f"{s}:/Bye.txt").returncode == 0
    assert cli.run("mv", f"{s}:/Bye.txt", f"{s}:/Farewell.txt").returncode == 0  # a plain rename
    assert stat(cli, f"{s}:/Farewell.txt")["id"] == hello["id"]
    assert names(cli, f"{s}:/Box") == []
    assert "Copy of Welcome.txt" in names(cli, f"{s}:/")


def test_bad_arguments_change_nothing(cli: CliUser, server: LocalServer) -> None:
    s = server.demo_space_id
    before = names(cli, f"{s}:/")

    missing = cli.run("mv", f"{s}:/Welcome.txt", f"{s}:/Missing.txt", f"{s}:/Box")
    assert (missing.returncode, missing.stderr) == (3, f"dentry-cli: {s}:/Missing.txt does not exist\n")
    not_a_folder = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Logo.png", f"{s}:/Nowhere")
    assert not_a_folder.returncode == 2
    assert "is not a folder" in not_a_folder.stderr
    onto_a_file = cli.run("mv", f"{s}:/Welcome.txt", f"{s}:/Logo.png")
    assert onto_a_file.returncode == 2
    assert "exists already" in onto_a_file.stderr
    assert cli.run("mv", f"{s}:/Welcome.txt").returncode == 2
    inside = cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Photos", f"{s}:/Photos/Holidays")
    assert (inside.returncode, inside.stderr) == (2, f"dentry-cli: Cannot copy {s}:/Photos into itself\n")
    assert cli.run("mv", f"{s}:/Photos", f"{s}:/Photos").returncode == 2
    assert names(cli, f"{s}:/") == before
    assert names(cli, f"{s}:/Box") == []


def test_into_another_space(cli: CliUser, server: LocalServer) -> None:
    s = server.demo_space_id
    other = (
        StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID).add_space("Other").id
    )
    assert cli.run("cp", f"{s}:/Welcome.txt", f"{s}:/Photos", f"{other}:/").returncode == 0
    assert cli.run("mv", f"{s}:/Logo.png", f"{other}:/Photos").returncode == 0
    assert names(cli, f"{other}:/") == ["Photos/", "Welcome.txt"]
    assert "Logo.png" in names(cli, f"{other}:/Photos")
    assert "Logo.png" not in names(cli, f"{s}:/")
