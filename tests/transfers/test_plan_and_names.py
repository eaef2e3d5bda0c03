"""Planning uploads: bad names, empty files and folders, unicode, many small files, links, unreadable."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.transfers.folders import plan_upload, queue_plan
from app.transfers.journal import Journal, State
from app.transfers.manager import TransferManager
from tests.support.local_service import service_process
from tests.transfers.conftest import SMALL, MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    ROOT,
    account_on,
    children,
    cli_command,
    cli_env,
    download_bytes,
    finish,
    make_client,
    pattern,
    remote_tree,
)

BAD_NAMES = ["a*b.txt", "a|b.txt", 'say "hi".txt', "tab\there.txt", "ends with dot.", "<angle>.txt"]


def _tree_with_bad_names(root: Path) -> Path:
    tree = root / "tree"
    (tree / "bad|folder").mkdir(parents=True)
    (tree / "bad|folder" / "inside.txt").write_bytes(b"inside")
    (tree / "ok.txt").write_bytes(b"ok")
    for name in BAD_NAMES:
        (tree / name).write_bytes(name.encode())
    return tree


def test_bad_names_with_fail_are_all_reported_at_once(tmp_path: Path) -> None:
    tree = _tree_with_bad_names(tmp_path)
    plan = plan_upload([tree], "fail")
    assert plan.blocked
    blocking = {problem.path.name for problem in plan.problems if problem.blocking}
    assert blocking == {*BAD_NAMES, "bad|folder"}
    assert all("refuse" in problem.reason for problem in plan.problems)
    assert [planned.name for planned in plan.files] == ["ok.txt"]


def test_bad_names_with_fail_upload_nothing_from_the_cli(
    client: StorageClient, server: LocalServer, space_id: str, tmp_path: Path
) -> None:
    tree = _tree_with_bad_names(tmp_path)
    home = tmp_path / "home"
    result = subprocess.run(
        cli_command(server.url, "put", str(tree), f"{space_id}:/"),
        env=cli_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 5, result.stderr
    for name in [*BAD_NAMES, "bad|folder"]:
        shown = str(tree / name) if "\t" not in name else f"$'{tree / name}'".replace("\t", "\\t")
        assert f"{shown}: the service would refuse its name" in result.stderr, name
    assert "nothing was uploaded" in result.stderr
    assert children(client, space_id) == {}


def test_bad_names_with_replace_are_renamed(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    tree = _tree_with_bad_names(tmp_path)
    plan = plan_upload([tree], "replace")
    assert not plan.blocked
    assert len(plan.problems) == len(BAD_NAMES) + 1
    assert all(problem.reason.startswith("renamed to") for problem in plan.problems)
    manager = make_manager(start=False)
    jobs = queue_plan(plan, manager, client, ACCOUNT, space_id, "0")
    manager.start()
    assert all(job.state == State.DONE for job in finish(manager, jobs))
    assert remote_tree(client, space_id) == {
        "tree/": None,
        "tree/a_b.txt": len("a*b.txt"),
        "tree/a_b (1).txt": len("a|b.txt"),  # both became a_b.txt: the service renamed the second
        "tree/say _hi_.txt": len('say "hi".txt'),
        "tree/tab_here.txt": len("tab\there.txt"),
        "tree/ends with dot": len("ends with dot."),
        "tree/_angle_.txt": len("<angle>.txt"),
        "tree/ok.txt": 2,
        "tree/bad_folder/": None,
        "tree/bad_folder/inside.txt": 6,
    }


def test_bad_names_with_skip_are_skipped_and_reported(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    tree = _tree_with_bad_names(tmp_path)
    plan = plan_upload([tree], "skip")
    assert not plan.blocked
    assert {problem.path.name for problem in plan.problems} == {*BAD_NAMES, "bad|folder"}
    assert all(problem.reason.startswith("skipped") for problem in plan.problems)
    manager = make_manager(start=False)
    jobs = queue_plan(plan, manager, client, ACCOUNT, space_id, "0")
    manager.start()
    assert all(job.state == State.DONE for job in finish(manager, jobs))
    assert remote_tree(client, space_id) == {"tree/": None, "tree/ok.txt": 2}


def test_empty_files_and_an_empty_folder_tree(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    tree = tmp_path / "empty"
    for folder in ("a/b/c", "a/d", "e"):
        (tree / folder).mkdir(parents=True)
    (tree / "a" / "zero.txt").write_bytes(b"")
    plan = plan_upload([tree])
    assert plan.problems == []
    assert plan.total_bytes == 0
    manager = make_manager(start=False)
    jobs = queue_plan(plan, manager, client, ACCOUNT, space_id, "0")
    manager.start()
    (uploaded,) = finish(manager, jobs)
    assert uploaded.state == State.DONE, uploaded.error
    assert remote_tree(client, space_id) == {
        "empty/": None,
        "empty/a/": None,
        "empty/a/b/": None,
        "empty/a/b/c/": None,
        "empty/a/d/": None,
        "empty/a/zero.txt": 0,
        "empty/e/": None,
    }
    # And down again.
    target = tmp_path / "down" / "zero.txt"
    download = manager.add_download(ACCOUNT, space_id, uploaded.result or "", "zero.txt", target)
    (downloaded,) = finish(manager, [download])
    assert downloaded.state == State.DONE, downloaded.error
    assert target.read_bytes() == b""
    assert not list(target.parent.glob("*.part"))


UNICODE_NAMES = ["中文文件.txt", "emoji 😀🎉.bin", "e\u0301cole.txt", "\u00e9cole.txt", "Ñandú – été.md"]


def test_unicode_names_round_trip(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    """Names keep every code point both ways (NFD "é" and NFC "é" are two different files)."""
    tree = tmp_path / "ünï"
    tree.mkdir()
    for number, name in enumerate(UNICODE_NAMES):
        (tree / name).write_bytes(pattern(KIB + number, number))
    manager = make_manager(start=False)
    jobs = queue_plan(plan_upload([tree]), manager, client, ACCOUNT, space_id, "0")
    manager.start()
    assert all(job.state == State.DONE for job in finish(manager, jobs))
    folder = children(client, space_id)["ünï"]
    remote = children(client, space_id, folder.id)
    assert sorted(remote) == sorted(UNICODE_NAMES)
    down = tmp_path / "down"
    downloads = [
        manager.add_download(ACCOUNT, space_id, dentry.id, name, down / name)
        for name, dentry in remote.items()
    ]
    assert all(job.state == State.DONE for job in finish(manager, downloads))
    assert sorted(os.listdir(down)) == sorted(UNICODE_NAMES)
    for number, name in enumerate(UNICODE_NAMES):
        assert (down / name).read_bytes() == pattern(KIB + number, number)


def test_a_thousand_small_files_all_arrive_in_their_folders(tmp_path: Path) -> None:
    """1,000 files of 1 KiB in 10 folders (the service in a process of its own, for speed)."""
    tree = tmp_path / "many"
    expected: dict[str, int | None] = {"many/": None}
    for number in range(1000):
        folder = f"d{number % 10}"
        (tree / folder).mkdir(parents=True, exist_ok=True)
        (tree / folder / f"f{number:04}.txt").write_bytes(pattern(KIB, number))
        expected[f"many/{folder}/"] = None
        expected[f"many/{folder}/f{number:04}.txt"] = KIB
    with service_process(tmp_path / "service") as url:
        client = make_client(url)
        space_id = client.add_space("t").id
        manager = TransferManager(
            Journal(tmp_path / "j.sqlite3"),
            settings=dataclasses.replace(SMALL, concurrency=4),
            account=account_on(url),
            client=client,
            retry_base=0.01,
            retry_cap=0.05,
        )
        plan = plan_upload([tree])
        assert (len(plan.files), len(plan.folders), plan.problems) == (1000, 11, [])
        jobs = queue_plan(plan, manager, client, ACCOUNT, space_id, "0")
        manager.start()
        try:
            finished = finish(manager, jobs, timeout=120)
        finally:
            manager.shutdown()
        assert [job.id for job in finished if job.state != State.DONE] == []
        assert remote_tree(client, space_id) == expected
        many = children(client, space_id)["many"]
        d7 = children(client, space_id, children(client, space_id, many.id)["d7"].id)
        assert download_bytes(client, space_id, d7["f0007.txt"].id) == pattern(KIB, 7)


def test_symbolic_links_are_not_followed_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"secret")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "inside.txt").write_bytes(b"inside")
    (tree / "link-inside.txt").symlink_to(tree / "inside.txt")
    (tree / "link-outside.txt").symlink_to(outside)
    (tree / "relative-out.txt").symlink_to(Path("..") / "outside.txt")
    (tree / "link-to-folder").symlink_to(tree / "sub")
    (tree / "loop").symlink_to(tree)
    plan = plan_upload([tree])
    assert sorted(planned.name for planned in plan.files) == ["inside.txt", "link-inside.txt"]
    reasons = {problem.path.name: problem.reason for problem in plan.problems}
    assert "leads out of the folder" in reasons["link-outside.txt"]
    assert "leads out of the folder" in reasons["relative-out.txt"]
    assert "link to a folder" in reasons["link-to-folder"]
    assert "link to a folder" in reasons["loop"]
    assert not plan.blocked
    assert sorted(plan.folders) == [("tree",), ("tree", "sub")]


def test_a_dangling_link_is_reported_as_such(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "dangling").symlink_to(tree / "gone.txt")
    (problem,) = plan_upload([tree]).problems
    assert "folder" not in problem.reason


def test_an_unreadable_file_is_reported_and_the_rest_continue(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_bytes(b"a")
    locked = tree / "locked.txt"
    locked.write_bytes(b"locked")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: every file is readable")
        plan = plan_upload([tree])
    finally:
        locked.chmod(0o644)
    assert [planned.name for planned in plan.files] == ["a.txt"]
    (problem,) = plan.problems
    assert problem.path == locked
    assert "cannot be read" in problem.reason


def test_a_file_gone_before_its_upload_fails_alone(
    client: StorageClient, space_id: str, make_manager: MakeManager, tmp_path: Path
) -> None:
    """The case root can test: the file vanishes between planning and sending."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (tree / name).write_bytes(name.encode())
    plan = plan_upload([tree])
    (tree / "b.txt").unlink()
    manager = make_manager(start=False)
    jobs = queue_plan(plan, manager, client, ACCOUNT, space_id, "0")
    manager.start()
    states = {Path(job.local_path).name: (job.state, job.error) for job in finish(manager, jobs)}
    assert states["a.txt"] == states["c.txt"] == (State.DONE, None)
    assert states["b.txt"][0] == State.FAILED
    assert "Cannot read" in (states["b.txt"][1] or "")
    assert "b.txt" in (states["b.txt"][1] or "")
    assert remote_tree(client, space_id) == {"tree/": None, "tree/a.txt": 5, "tree/c.txt": 5}
