"""The progress line on a terminal: it names the file in progress and never wraps, CJK names included."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from app.api import StorageClient
from app.cli.progress_bar import ProgressBar
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.transfers.journal import Job, Journal, Kind, State
from app.transfers.manager import JobEvent
from app.transfers.progress import Progress
from tests.support.local_service import REPO_ROOT, cli_env

LONG_CJK = "第三季度财务报告与预算明细（最终版）" * 3 + ".pdf"


class Terminal(io.StringIO):
    """What a terminal of the test's width would receive."""

    def isatty(self) -> bool:
        return True


def _cells(text: str) -> int:
    """Terminal cells, computed here independently of the code under test."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _drawn(output: str) -> list[str]:
    """The progress lines as redrawn (each starts with a carriage return and an erase)."""
    return [piece.split("\n")[0] for piece in output.split("\r\x1b[K")[1:] if piece.split("\n")[0]]


def _job(tmp_path: Path, name: str) -> Job:
    journal = Journal(tmp_path / "j.sqlite3")
    job = journal.add(
        Kind.UPLOAD,
        account="a",
        space_id="1",
        remote_id="0",
        remote_name=name,
        local_path="/x",
        conflict="rename",
    )
    journal.close()
    job.state = State.RUNNING
    return job


@pytest.mark.parametrize("columns", [80, 132])
def test_the_line_names_the_file_and_fits_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = Terminal()
    bar = ProgressBar(10 * 1024 * 1024, out)

    bar(JobEvent(_job(tmp_path, LONG_CJK), Progress(3 * 1024 * 1024, 10 * 1024 * 1024, 1024 * 1024, 7.0)))

    (line,) = _drawn(out.getvalue())
    assert _cells(line) <= columns - 1
    assert "第三季度" in line
    assert line.endswith("…")  # cut, and says so


def test_on_a_very_narrow_terminal_the_name_gives_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = Terminal()
    bar = ProgressBar(10 * 1024 * 1024, out)

    bar(JobEvent(_job(tmp_path, LONG_CJK), Progress(3 * 1024 * 1024, 10 * 1024 * 1024, 1024 * 1024, 7.0)))

    (line,) = _drawn(out.getvalue())
    assert _cells(line) <= 39
    assert "第" not in line


def test_notes_show_hostile_names_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = Terminal()
    bar = ProgressBar(100, out)
    job = _job(tmp_path, "evil\x1b[2Jname")
    job.state, job.error = State.FAILED, "the disk said \x1b]0;owned\x07 no"

    bar(JobEvent(job, Progress(0, 100, None, None), "starting over \u202e"))

    text = out.getvalue().replace("\r\x1b[K", "")
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text
    assert "$'evil\\x1b[2Jname': starting over \\u202e\n" in text


def test_dentry_cli_put_on_a_narrow_terminal(server: LocalServer, tmp_path: Path) -> None:
    """The real CLI with its standard error on a pseudo-terminal 80 columns wide."""
    client = StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)
    space = client.add_space("progress").id
    source = tmp_path / LONG_CJK
    source.write_bytes(os.urandom(400 * 1024))
    server.faults.throttle_bps = 200_000  # about two seconds: several redraws
    home = tmp_path / "home"
    home.mkdir()
    leader, follower = pty.openpty()
    env = {**cli_env(home, tmp_path / "keyring.json", DEFAULT_APP_SECRET), "COLUMNS": "80"}
    options = ["--endpoint", server.url, "--app-key", DEFAULT_APP_KEY, "--union-id", DEFAULT_UNION_ID]
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *options, "put", str(source), f"{space}:/"],
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            cwd=REPO_ROOT,
        )
        os.close(follower)
        received = _read_until_closed(leader, deadline=time.monotonic() + 60)
        assert process.wait(10) == 0
    finally:
        server.faults.throttle_bps = None
        os.close(leader)

    text = received.decode()
    lines = _drawn(text.replace("\r\n", "\n"))
    assert lines, text
    assert all(_cells(line) <= 79 for line in lines), lines
    assert any("第三季度" in line for line in lines), lines
    assert re.search(r"1 of 1 done", text)


def _read_until_closed(fd: int, deadline: float) -> bytes:
    chunks = []
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other side closed (Linux reports EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
