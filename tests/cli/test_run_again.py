"""A ``put`` or ``get`` killed (SIGKILL) mid-way, or just after it finished, and run again.

Found by the soak (tests/soak): the same ``put`` of a folder run again after a kill uploaded the
files the first run had finished once more, as ``name (1)``. Run again, a command moves only
what is not yet where it goes: a file this account uploaded there (unchanged since, still on the
service) or downloaded there (the same version, still whole) is not moved again.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from app.localserver import LocalServer
from tests.transfers.helpers import (
    KIB,
    ROOT,
    children,
    cli_command,
    cli_env,
    cli_journal,
    download_bytes,
    journal_rows,
    make_client,
    run_cli_at,
    sha256,
    wait_until,
    write_file,
)

FILES = 24
SIZE = 64 * KIB


def _kill_when_done(url: str, home: Path, done: int, *args: str) -> list[dict[str, Any]]:
    """Start the command, SIGKILL it once `done` of its jobs are done, and return its jobs then."""
    home.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        cli_command(url, *args),
        env=cli_env(home),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def enough() -> bool:
        assert process.poll() is None, "the command ended before it could be killed"
        jobs, _ = journal_rows(cli_journal(home))
        return sum(job["state"] == "done" for job in jobs) >= done

    wait_until(enough, timeout=60, step=0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    jobs, _ = journal_rows(cli_journal(home))
    return jobs


def _folder(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "photos"
    folder.mkdir()
    return {
        f"p{number:02}.bin": write_file(folder / f"p{number:02}.bin", SIZE, number) for number in range(FILES)
    }


def test_a_folder_upload_killed_and_run_again_sends_each_file_once(
    server: LocalServer, tmp_path: Path
) -> None:
    digests = _folder(tmp_path)
    client = make_client(server.url)
    space = client.add_space("s").id
    home = tmp_path / "home"
    # 256 KiB/s: about 4 files a second, so the kill comes while most are still to go.
    args = ("put", str(tmp_path / "photos"), f"{space}:/", "--limit", "256K")

    killed = _kill_when_done(server.url, home, 3, *args)
    sent_before = {job["remote_name"] for job in killed if job["state"] == "done"}
    assert 3 <= len(sent_before) < FILES

    again = run_cli_at(server.url, home, *args[:-2], "--json")
    assert again.returncode == 0, again.stderr
    assert f"{len(sent_before)} files were uploaded before; not sent again" in again.stderr
    summary = json.loads(again.stdout)
    assert all(job["state"] == "done" for job in summary["jobs"])
    assert {job["name"] for job in summary["jobs"] if job["moved"]}.isdisjoint(sent_before)

    (folder,) = children(client, space, "0").values()
    files = children(client, space, folder.id)
    assert sorted(files) == sorted(digests)  # no "p03 (1).bin"
    for name, digest in digests.items():
        assert sha256(download_bytes(client, space, files[name].id)) == digest, name
    jobs, _ = journal_rows(cli_journal(home))
    assert sorted(job["remote_name"] for job in jobs) == sorted(digests)  # one job per file


def test_an_upload_run_again_sends_only_what_is_not_there(server: LocalServer, tmp_path: Path) -> None:
    """Run again after it finished (or was killed just before it could exit): nothing twice.

    A file changed since, or one whose upload was deleted on the service, goes up again.
    """
    note, plan = tmp_path / "note.txt", tmp_path / "plan.txt"
    note.write_text("one")
    plan.write_text("plan")
    client = make_client(server.url)
    space = client.add_space("s").id
    home = tmp_path / "home"
    args = ("put", str(note), str(plan), f"{space}:/")
    assert run_cli_at(server.url, home, *args).returncode == 0

    again = run_cli_at(server.url, home, *args)
    assert again.returncode == 0, again.stderr
    assert "2 files were uploaded before; not sent again" in again.stderr
    assert sorted(children(client, space, "0")) == ["note.txt", "plan.txt"]

    note.write_text("one, edited")
    client.delete_dentry(space, children(client, space, "0")["plan.txt"].id)
    third = run_cli_at(server.url, home, *args)
    assert third.returncode == 0, third.stderr
    assert "uploaded before" not in third.stderr
    names = children(client, space, "0")
    assert sorted(names) == ["note (1).txt", "note.txt", "plan.txt"]
    assert download_bytes(client, space, names["note (1).txt"].id) == b"one, edited"


def test_a_download_run_again_fetches_it_only_when_it_is_not_there(
    server: LocalServer, tmp_path: Path
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("report")
    client = make_client(server.url)
    space = client.add_space("s").id
    assert run_cli_at(server.url, tmp_path / "uploader", "put", str(source), f"{space}:/").returncode == 0
    home, target = tmp_path / "home", tmp_path / "down"
    target.mkdir()
    args = ("get", f"{space}:/report.txt", str(target))
    assert run_cli_at(server.url, home, *args).returncode == 0

    again = run_cli_at(server.url, home, *args)
    assert again.returncode == 0, again.stderr
    assert "report.txt was downloaded before; not fetched again" in again.stderr
    assert sorted(path.name for path in target.iterdir()) == ["report.txt"]

    (target / "report.txt").unlink()
    third = run_cli_at(server.url, home, *args)
    assert third.returncode == 0, third.stderr
    assert (target / "report.txt").read_text() == "report"


def test_a_folder_download_killed_and_run_again_fetches_each_file_once(
    server: LocalServer, tmp_path: Path
) -> None:
    digests = _folder(tmp_path)
    client = make_client(server.url)
    space = client.add_space("s").id
    uploaded = run_cli_at(server.url, tmp_path / "uploader", "put", str(tmp_path / "photos"), f"{space}:/")
    assert uploaded.returncode == 0, uploaded.stderr
    home = tmp_path / "home"
    target = tmp_path / "down"
    target.mkdir()
    args = ("get", f"{space}:/photos", str(target), "--limit", "256K")

    _kill_when_done(server.url, home, 3, *args)
    again = run_cli_at(server.url, home, *args[:-2])
    assert again.returncode == 0, again.stderr
    assert "were downloaded before; not fetched again" in again.stderr
    here = sorted(path.name for path in (target / "photos").iterdir())
    assert here == sorted(digests)  # no "p03 (1).bin", no partial file left
    for name, digest in digests.items():
        assert sha256((target / "photos" / name).read_bytes()) == digest, name
