"""Downloading folders: the remote tree arrives whole, listed page by page, and a second run continues.

Against the local service over real HTTP; the CLI cases run `dentry-cli` as a subprocess.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.models import Dentry
from app.localserver import LocalServer
from app.transfers.folder_download import local_name_problem, plan_download, queue_download
from app.transfers.journal import State
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import (
    ACCOUNT,
    KIB,
    MIB,
    ROOT,
    cli_command,
    cli_env,
    finish,
    pattern,
    sha256,
    sha256_file,
    upload_bytes,
)

ROOT_ID = "0"

TREE: dict[str, bytes | None] = {
    "Report.pdf": pattern(3 * KIB, 1),
    "Photos/": None,
    "Photos/beach.jpg": pattern(2 * MIB + 17, 2),  # segmented with the tests' small thresholds
    "Photos/Holidays 2025/": None,
    "Photos/Holidays 2025/日落 sunset.png": pattern(40 * KIB, 3),
    "Photos/Holidays 2025/empty.txt": b"",
    "Empty folder/": None,
    "Notes/": None,
    **{f"Notes/note {n:03}.txt": pattern(100 + n, 100 + n) for n in range(60)},  # more than a page
}


def build_remote(client: StorageClient, space_id: str, under: str = ROOT_ID) -> dict[str, Dentry]:
    """TREE in the space below `under`; returns the dentries by TREE path."""
    made: dict[str, Dentry] = {}
    for path, data in TREE.items():
        parent_path, _, name = path.rstrip("/").rpartition("/")
        parent_id = made[f"{parent_path}/"].id if parent_path else under
        if data is None:
            made[path] = client.add_folder(space_id, parent_id, name)
        else:
            made[path] = upload_bytes(client, space_id, name, data, parent_id=parent_id)
    return made


def record_calls(client: StorageClient, *names: str) -> list[str]:
    """The names of these client methods, in the order they are called from now on (still real HTTP)."""
    calls: list[str] = []

    def recording(name: str, method: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            calls.append(name)
            return method(*args, **kwargs)

        return call

    for name in names:
        setattr(client, name, recording(name, getattr(client, name)))
    return calls


def local_tree(folder: Path) -> dict[str, str | None]:
    """Every path below `folder`: folders end with "/" (None), files map to their SHA-256."""
    tree: dict[str, str | None] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        tree[f"{relative}/" if path.is_dir() else relative] = None if path.is_dir() else sha256_file(path)
    return tree


@pytest.fixture
def down(tmp_path: Path) -> Path:
    """The local folder downloads go into (the journal and the service live beside it)."""
    folder = tmp_path / "down"
    folder.mkdir()
    return folder


def expected_tree(prefix: str = "") -> dict[str, str | None]:
    """TREE as `local_tree` would show it, below `prefix`."""
    return {f"{prefix}{path}": None if data is None else sha256(data) for path, data in TREE.items()}


def test_a_folder_arrives_whole_with_empty_folders_and_unicode_names(
    client: StorageClient, space_id: str, make_manager: MakeManager, down: Path
) -> None:
    made = build_remote(client, space_id)
    manager = make_manager()
    plan = plan_download(client, space_id, [made["Photos/"], made["Empty folder/"], made["Report.pdf"]])

    assert plan.folders[:2] == [("Photos",), ("Photos", "Holidays 2025")]  # parents first
    assert not plan.problems
    queued = queue_download(plan, manager, ACCOUNT, space_id, down)
    assert all(job.state == State.DONE for job in finish(manager, queued.jobs))

    wanted = {p: h for p, h in expected_tree().items() if not p.startswith("Notes")}
    assert local_tree(down) == wanted
    assert not list(down.rglob("*.part"))


def test_the_whole_space_lists_one_call_per_page(
    client: StorageClient, space_id: str, make_manager: MakeManager, down: Path
) -> None:
    build_remote(client, space_id)
    calls = record_calls(client, "list_dentries")
    root = Dentry(id=ROOT_ID, space_id=space_id, parent_id="", type="FOLDER", name="")
    plan = plan_download(client, space_id, [root])

    # Root, Photos, Holidays, Empty folder: one page each; Notes (60 entries): two pages of 50.
    assert len(calls) == 6
    manager = make_manager()
    queued = queue_download(plan, manager, ACCOUNT, space_id, down)
    finish(manager, queued.jobs)
    assert local_tree(down) == expected_tree()


def test_listed_files_cost_one_download_info_and_one_get_each(
    client: StorageClient, space_id: str, make_manager: MakeManager, down: Path
) -> None:
    """The listing already says each file's version and size: no GetDentry per file, before or after."""
    made = build_remote(client, space_id)
    plan = plan_download(client, space_id, [made["Notes/"]])
    calls = record_calls(client, "get_dentry", "get_download_info")
    manager = make_manager()
    queued = queue_download(plan, manager, ACCOUNT, space_id, down)
    assert all(job.state == State.DONE for job in finish(manager, queued.jobs))
    assert calls.count("get_download_info") == 60
    assert calls.count("get_dentry") == 0


def test_a_second_run_fetches_only_what_did_not_arrive(
    client: StorageClient, space_id: str, make_manager: MakeManager, down: Path
) -> None:
    made = build_remote(client, space_id)
    manager = make_manager()
    first = queue_download(
        plan_download(client, space_id, [made["Notes/"]]), manager, ACCOUNT, space_id, down
    )
    finish(manager, first.jobs)
    (down / "Notes" / "note 007.txt").unlink()  # the user deleted one
    upload_bytes(
        client, space_id, "note 008.txt", b"changed", parent_id=made["Notes/"].id, conflict="OVERWRITE"
    )

    again = queue_download(
        plan_download(client, space_id, [made["Notes/"]]), manager, ACCOUNT, space_id, down
    )

    assert again.already_here == 58
    assert sorted(job.remote_name for job in again.jobs) == ["note 007.txt", "note 008.txt"]
    assert again.total_bytes == len(TREE["Notes/note 007.txt"] or b"") + len(b"changed")
    finished = finish(manager, again.jobs)
    # The changed note keeps the old copy: the default conflict policy renames, never overwrites.
    assert {Path(job.result or "").name for job in finished} == {"note 007.txt", "note 008 (1).txt"}
    assert (down / "Notes" / "note 008 (1).txt").read_bytes() == b"changed"


def test_a_file_in_the_way_of_a_folder_is_reported_and_the_rest_arrives(
    client: StorageClient, space_id: str, make_manager: MakeManager, down: Path
) -> None:
    made = build_remote(client, space_id)
    (down / "Photos").mkdir()
    (down / "Photos" / "Holidays 2025").write_text("mine")  # a file where a folder should go
    manager = make_manager()
    queued = queue_download(
        plan_download(client, space_id, [made["Photos/"]]), manager, ACCOUNT, space_id, down
    )

    assert [(p.path, p.reason) for p in queued.problems] == [
        ("Photos/Holidays 2025", "skipped: cannot make the folder (a file of that name is in the way)")
    ]
    assert [job.remote_name for job in finish(manager, queued.jobs)] == ["beach.jpg"]
    assert (down / "Photos" / "Holidays 2025").read_text() == "mine"
    assert sha256_file(down / "Photos" / "beach.jpg") == sha256(TREE["Photos/beach.jpg"] or b"")


@pytest.mark.parametrize(
    ("name", "windows", "problem"),
    [
        ("report.pdf", False, None),
        ("a:b?.txt", False, None),  # fine on Linux and macOS
        ("a:b?.txt", True, "Windows does not allow"),
        ("CON.txt", True, "reserves for devices"),
        ("notes.", True, "ends with a dot"),
        ("..", False, "not a usable file name"),
        ("a/b", False, "path separator"),
    ],
)
def test_local_name_rules(name: str, windows: bool, problem: str | None) -> None:
    found = local_name_problem(name, windows=windows)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_cli_gets_a_folder_and_a_second_run_fetches_nothing_again(
    client: StorageClient, space_id: str, server: LocalServer, tmp_path: Path, down: Path
) -> None:
    build_remote(client, space_id)
    home = tmp_path / "home"
    env = cli_env(home)

    def get(*args: str) -> subprocess.CompletedProcess[str]:
        command = cli_command(server.url, "get", *args)
        return subprocess.run(
            command, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )

    first = get(f"{space_id}:/Photos", str(down))
    assert first.returncode == 0, first.stderr
    assert local_tree(down) == {p: h for p, h in expected_tree().items() if p.startswith("Photos")}

    again = get(f"{space_id}:/Photos", str(down))
    assert again.returncode == 0, again.stderr
    assert "3 files were downloaded before; not fetched again" in again.stderr
    assert local_tree(down) == {p: h for p, h in expected_tree().items() if p.startswith("Photos")}

    whole = get(f"{space_id}:/", str(tmp_path / "everything"))  # the root: its contents, in a new folder
    assert whole.returncode == 0, whole.stderr
    assert local_tree(tmp_path / "everything") == expected_tree()

    renamed = get(f"{space_id}:/Notes", str(tmp_path / "My notes"))  # a new name, as with cp -r
    assert renamed.returncode == 0, renamed.stderr
    assert sorted(p.name for p in (tmp_path / "My notes").iterdir())[:2] == ["note 000.txt", "note 001.txt"]
