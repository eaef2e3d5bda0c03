"""``dentry-cli`` prints hostile names escaped, CJK names as they are, and columns aligned by cells.

The CLI runs as a subprocess against the local service; its output is checked as the bytes a
terminal would receive. Names with control characters and bidi overrides are given to files by
writing into the local service's SQLite database in the set-up: the service refuses such names
over its API (CONTRACTS.md #2), but another service, or an older one, may still hold them.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from tests.cli.helpers import run_cli
from tests.transfers.helpers import upload_bytes

ESC_NAME = "evil\x1b[31mname.txt"
RLO_NAME = "invoice\u202etxt.exe"
CSI_NAME = "c1\x9b2J.txt"
CJK_NAME = "季度报告.pdf"
# What must never reach a terminal raw: ESC, BEL, the C1 CSI and the right-to-left override.
RAW_HOSTILE = [b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()]


@pytest.fixture
def client(server: LocalServer) -> StorageClient:
    return StorageClient(server.url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID)


@pytest.fixture
def space_id(client: StorageClient, server: LocalServer) -> str:
    """A space holding a file of each kind of name (hostile ones renamed in the database)."""
    space = client.add_space("names").id
    for name in (ESC_NAME, RLO_NAME, CSI_NAME):
        placeholder = upload_bytes(client, space, f"placeholder {len(name)}.txt", name.encode())
        _rename_in_database(server, placeholder.id, name)
    upload_bytes(client, space, CJK_NAME, b"pdf")
    return space


def _rename_in_database(server: LocalServer, dentry_id: str, name: str) -> None:
    # Set-up only: the service's API refuses such names, so they are written where it keeps them.
    with sqlite3.connect(server.config.data_dir / "metadata.sqlite3", timeout=10) as conn:
        conn.execute(
            "UPDATE dentries SET name=?, name_key=? WHERE id=?", (name, name.casefold(), int(dentry_id))
        )


def assert_terminal_safe(output: bytes) -> None:
    for raw in RAW_HOSTILE:
        assert raw not in output, (raw, output)


def test_ls_escapes_hostile_names_and_keeps_cjk(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    short = run_cli(server, tmp_path, "ls", f"{space_id}:/")
    long = run_cli(server, tmp_path, "ls", "-l", f"{space_id}:/")

    assert (short.returncode, long.returncode) == (0, 0), short.stderr + long.stderr
    assert_terminal_safe(short.stdout + long.stdout)
    assert sorted(short.stdout.decode().splitlines()) == sorted(
        [
            "$'evil\\x1b[31mname.txt'",
            "$'invoice\\u202etxt.exe'",
            "$'c1\\u009b2J.txt'",
            CJK_NAME,
        ]
    )
    long_lines = long.stdout.decode().splitlines()
    assert any(line.endswith("  $'evil\\x1b[31mname.txt'") for line in long_lines)
    assert any(line.endswith(f"  {CJK_NAME}") for line in long_lines)


def test_ls_long_columns_line_up_with_cjk_names(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    long = run_cli(server, tmp_path, "ls", "-l", f"{space_id}:/")

    lines = long.stdout.decode().splitlines()
    # The name is the last column, so every line's name starts at the same cell.
    starts = {_cells(line[: line.index("  ", 40) + 2]) for line in lines}
    assert len(starts) == 1, lines


def test_json_stays_exact_and_terminal_safe(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    result = run_cli(server, tmp_path, "ls", "--json", f"{space_id}:/")

    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout)
    names = {entry["name"] for entry in json.loads(result.stdout)}
    assert names == {ESC_NAME, RLO_NAME, CSI_NAME, CJK_NAME}
    assert CJK_NAME.encode() in result.stdout  # readable, not \\u-escaped


def test_stat_escapes_the_name_and_path(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    result = run_cli(server, tmp_path, "stat", f"{space_id}:/{RLO_NAME}")

    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout)
    lines = result.stdout.decode().splitlines()
    assert "name: $'invoice\\u202etxt.exe'" in lines
    assert "path: $'/invoice\\u202etxt.exe'" in lines


def test_error_messages_escape_names(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    missing = run_cli(server, tmp_path, "ls", f"{space_id}:/no\x1b]0;pwned\x07such")
    not_a_folder = run_cli(server, tmp_path, "ls", f"{space_id}:/{ESC_NAME}/inside")

    assert missing.returncode == 3
    assert missing.stderr.decode() == f"dentry-cli: $'{space_id}:/no\\x1b]0;pwned\\x07such' does not exist\n"
    assert not_a_folder.returncode == 2
    assert_terminal_safe(missing.stderr + not_a_folder.stderr)
    assert "$'" in not_a_folder.stderr.decode()


def test_get_failure_names_the_file_escaped(server: LocalServer, space_id: str, tmp_path: Path) -> None:
    target = tmp_path / "down"
    target.mkdir()
    (target / ESC_NAME).write_bytes(b"mine")

    result = run_cli(server, tmp_path, "get", "--conflict", "fail", f"{space_id}:/{ESC_NAME}", f"{target}/")

    assert result.returncode == 1
    assert_terminal_safe(result.stderr)
    last = result.stderr.decode().splitlines()[-1]
    assert last.startswith("dentry-cli: $'evil\\x1b[31mname.txt': ")
    assert last.endswith("/down/evil\\x1b[31mname.txt exists already")
    assert (target / ESC_NAME).read_bytes() == b"mine"


def test_put_refuses_such_names_up_front_and_says_so_escaped(
    server: LocalServer, client: StorageClient, tmp_path: Path
) -> None:
    space = client.add_space("put").id
    source = tmp_path / "src"
    source.mkdir()
    for name in (ESC_NAME, RLO_NAME, "del\x7f.txt"):
        (source / name).write_bytes(b"x")

    result = run_cli(server, tmp_path, "put", *sorted(str(path) for path in source.iterdir()), f"{space}:/")

    assert result.returncode == 5
    assert_terminal_safe(result.stderr)
    assert b"\x7f" not in result.stderr
    errors = result.stderr.decode()
    assert f"dentry-cli: $'{source}/evil\\x1b[31mname.txt': the service would refuse its name" in errors
    assert "it contains '\\u202e'" in errors
    assert "it contains '\\x7f'" in errors
    assert list(client.iter_dentries(space)) == []


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["PYTHONIOENCODING=ascii", "C-locale"],
)
def test_names_print_on_an_ascii_terminal(
    server: LocalServer, space_id: str, tmp_path: Path, env: dict[str, str]
) -> None:
    listing = run_cli(server, tmp_path, "ls", f"{space_id}:/", env=env)
    as_json = run_cli(server, tmp_path, "ls", "--json", f"{space_id}:/", env=env)
    missing = run_cli(server, tmp_path, "stat", f"{space_id}:/{CJK_NAME}/没有", env=env)

    assert listing.returncode == 0, listing.stderr
    assert b"Traceback" not in listing.stderr + as_json.stderr + missing.stderr
    listing.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    assert "$'\\u5b63\\u5ea6\\u62a5\\u544a.pdf'" in listing.stdout.decode().splitlines()
    assert {entry["name"] for entry in json.loads(as_json.stdout.decode("ascii"))} >= {CJK_NAME, ESC_NAME}
    assert missing.returncode == 2
    assert missing.stderr.decode("ascii").startswith("dentry-cli: $'")


def test_spaces_align_by_display_width_and_escape_names(
    server: LocalServer, client: StorageClient, tmp_path: Path
) -> None:
    for name in ("演示空间", "Demo space"):
        client.add_space(name)
    hostile = client.add_space("placeholder")
    # Set-up only: the service refuses such a space name, so it is written where it keeps it.
    with sqlite3.connect(server.config.data_dir / "metadata.sqlite3", timeout=10) as conn:
        conn.execute("UPDATE spaces SET name=? WHERE id=?", ("evil\x1b]0;owned\x07", int(hostile.id)))

    result = run_cli(server, tmp_path, "spaces")

    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout)
    lines = result.stdout.decode().splitlines()
    assert [line.rsplit("  ", 1)[1] for line in lines] == [
        "演示空间",
        "Demo space",
        "$'evil\\x1b]0;owned\\x07'",
    ]
    # The name is the last column, so every other column lines up whatever the names hold.
    assert len({_cells(line.rsplit("  ", 1)[0]) for line in lines}) == 1, lines


def _cells(text: str) -> int:
    """Terminal cells, computed here independently of the code under test."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
