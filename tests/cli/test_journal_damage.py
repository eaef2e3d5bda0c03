"""A damaged or unreadable transfer journal: ``dentry-cli get``/``put`` say so in one line and exit 7.

Issue 8, item 10 (CONTRACTS.md #4): garbage bytes, a truncated file, a folder in its place and a
file the user cannot read. The file is left as it is; once it is set aside (renamed, never
deleted), the next command starts a new journal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.localserver import LocalServer
from app.transfers.journal import Journal, Kind, set_aside
from tests.transfers.helpers import (
    ROOT,
    cli_command,
    cli_env,
    cli_journal,
    make_client,
    pattern,
    upload_bytes,
)

NOBODY = 65534
REASONS = {
    "garbage": "it is not a journal (damaged or overwritten)",
    "truncated": "it is damaged",
    "folder": "a folder is in its place",
    "unreadable": "it cannot be read and written (permissions)",
}


@dataclass
class User:
    """Who runs dentry-cli: its home, and the command prefix that makes the process that user."""

    home: Path
    prefix: list[str]

    def run(self, url: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, *cli_command(url, *args)],
            env=cli_env(self.home),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


@pytest.fixture
def user(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[User]:
    """This test's user; for an unreadable journal, one whom permissions apply to (not root)."""
    if request.node.callspec.params["kind"] != "unreadable" or os.geteuid() != 0:
        yield User(tmp_path / "home", [])
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no user to whom a file can be unreadable")
    if not _others_can_run(ROOT):
        pytest.skip(f"another user cannot run the code here: {ROOT} is private (e.g. under /root)")
    folder = Path(tempfile.mkdtemp(prefix="dentry-nobody-"))  # outside root's private tmp_path
    try:
        folder.chmod(0o755)
        home = folder / "home"
        (home / ".local" / "share" / "dentry").mkdir(parents=True)
        for path in [home, *home.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        yield User(home, [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"])
    finally:
        shutil.rmtree(folder)


def _others_can_run(checkout: Path) -> bool:
    """Whether a user other than root may enter every folder down to `checkout` and read it."""
    folders = [checkout, *checkout.parents]
    return all(folder.stat().st_mode & 0o001 for folder in folders) and bool(checkout.stat().st_mode & 0o004)


def _damage(journal: Path, kind: str) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    if kind == "folder":
        journal.mkdir()
        return
    if kind == "garbage":
        journal.write_bytes(pattern(64 * 1024, 1))
        return
    made = Journal(journal)  # a real journal with enough jobs to span many pages
    for number in range(300):
        made.add(
            Kind.DOWNLOAD,
            account="a",
            account_key="k",
            space_id="1",
            remote_id=str(number),
            remote_name=f"file {number}.bin",
            local_path=f"/home/someone/Downloads/file {number}.bin",
            conflict="rename",
        )
    made.close()
    if kind == "truncated":
        os.truncate(journal, journal.stat().st_size * 2 // 3)
    else:
        journal.chmod(0)
        os.chown(journal, NOBODY if os.geteuid() == 0 else os.getuid(), -1)


def _snapshot(journal: Path) -> bytes | None:
    """The file's bytes (None for a folder): what must be left as it was."""
    return None if journal.is_dir() else journal.read_bytes()


@pytest.mark.parametrize("command", ["get", "put"])
@pytest.mark.parametrize("kind", list(REASONS))
def test_a_damaged_journal_is_one_line_and_exit_7_and_set_aside_starts_a_new_one(
    server: LocalServer, user: User, tmp_path: Path, kind: str, command: str
) -> None:
    client = make_client(server.url)
    space_id = client.add_space("t").id
    upload_bytes(client, space_id, "report.txt", b"the report")
    work = user.home / "work"
    work.mkdir(parents=True, exist_ok=True)
    (work / "notes.txt").write_bytes(b"notes")
    if user.prefix:
        os.chown(work, NOBODY, NOBODY)
    args = (
        ["get", f"{space_id}:/report.txt", str(work)]
        if command == "get"
        else ["put", str(work / "notes.txt"), f"{space_id}:/"]
    )
    journal = cli_journal(user.home)
    _damage(journal, kind)
    before = _snapshot(journal)

    result = user.run(server.url, *args)
    assert result.returncode == 7, result.stderr
    assert result.stderr.splitlines() == [
        f"dentry-cli: The transfer journal {journal} cannot be used: {REASONS[kind]}; "
        "move it aside (e.g. rename it to transfers.sqlite3.damaged) to start a new one"
    ]
    assert _snapshot(journal) == before  # nothing read into it, nothing written over it

    aside = set_aside(journal)
    assert aside.name.startswith("transfers.sqlite3.damaged-")
    assert not journal.exists()
    assert _snapshot(aside) == before
    again = user.run(server.url, *args)
    assert again.returncode == 0, again.stderr
    assert journal.is_file()
    assert _snapshot(aside) == before
