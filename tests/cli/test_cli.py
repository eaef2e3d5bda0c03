"""``dentry-cli`` end to end, through a subprocess as a user types it, against the local service."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from tests.support.local_service import cli_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", demo=True)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A user's home with its own XDG folders; the test keyring file lives outside it."""
    folder = tmp_path / "home"
    (folder / ".config").mkdir(parents=True)
    return folder


class Cli:
    """Runs ``python -m app.cli`` with an isolated home and a file-backed test keyring."""

    def __init__(self, home: Path, keyring_file: Path, server: LocalServer) -> None:
        self.server = server
        self.env = cli_env(home, keyring_file)

    def run(self, *args: str, stdin: str = "", remote: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command; `remote` adds the global options naming the test service."""
        options = []
        if remote:
            options = [
                "--endpoint",
                self.server.url,
                "--app-key",
                DEFAULT_APP_KEY,
                "--union-id",
                DEFAULT_UNION_ID,
            ]
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *options, *args],
            check=False,
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=60,
        )


@pytest.fixture
def cli(home: Path, tmp_path: Path, server: LocalServer) -> Cli:
    return Cli(home, tmp_path / "keyring.json", server)


@pytest.fixture
def logged_in(cli: Cli) -> Cli:
    result = cli.run("login", "--secret-stdin", stdin=DEFAULT_APP_SECRET + "\n")
    assert result.returncode == 0, result.stderr
    return cli


def test_login_then_ls_lists_the_demo_space(logged_in: Cli, server: LocalServer) -> None:
    result = logged_in.run("ls", f"{server.demo_space_id}:/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Beach.jpg",
        "Documents/",
        "Empty folder/",
        "Logo.png",
        "Photos/",
        "Sunset.jpg",
        "Welcome.txt",
        "会议纪要.txt",
        "季度报告.pdf",
        "照片/",
    ]


def test_ls_long_and_json(logged_in: Cli, server: LocalServer) -> None:
    long = logged_in.run("ls", "-l", f"{server.demo_space_id}:/Photos")
    assert long.returncode == 0, long.stderr
    sunset = next(line for line in long.stdout.splitlines() if line.endswith("sunset.jpg"))
    assert sunset.startswith("-")
    assert "KiB" in sunset
    as_json = json.loads(logged_in.run("ls", "--json", f"{server.demo_space_id}:/Photos").stdout)
    names = {entry["name"]: entry for entry in as_json}
    assert names["Holidays"]["type"] == "FOLDER"
    assert names["sunset.jpg"]["size"] > 0


def test_wrong_secret_is_refused_at_login_and_not_stored(cli: Cli, home: Path, tmp_path: Path) -> None:
    result = cli.run("login", "--secret-stdin", stdin="not-the-secret\n")
    assert result.returncode == 4
    assert "app key or app secret is wrong" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "keyring.json").exists()


def test_commands_change_the_space(logged_in: Cli, server: LocalServer) -> None:
    space = server.demo_space_id
    assert logged_in.run("mkdir", "-p", f"{space}:/Work/2026/Q4").returncode == 0
    assert logged_in.run("mkdir", f"{space}:/Work").returncode == 5  # exists already
    assert logged_in.run("rename", f"{space}:/Work/2026/Q4", "Q4 final").returncode == 0
    assert logged_in.run("mv", f"{space}:/Welcome.txt", f"{space}:/Work/2026").returncode == 0
    assert logged_in.run("ls", f"{space}:/Work/2026").stdout.splitlines() == ["Q4 final/", "Welcome.txt"]
    stat = logged_in.run("stat", "--json", f"{space}:/Work/2026/Welcome.txt")
    assert json.loads(stat.stdout)["path"] == "/Work/2026/Welcome.txt"
    assert logged_in.run("rm", f"{space}:/Work").returncode == 2  # a folder needs -r
    assert logged_in.run("rm", "-r", f"{space}:/Work").returncode == 0
    missing = logged_in.run("ls", f"{space}:/Work")
    assert missing.returncode == 3
    assert missing.stderr.strip() == f"dentry-cli: {space}:/Work does not exist"


def test_thumb_waits_for_the_thumbnail_or_says_why_not(logged_in: Cli, server: LocalServer) -> None:
    space = server.demo_space_id
    made = logged_in.run("thumb", f"{space}:/Photos/sunset.jpg")
    assert made.returncode == 0, made.stderr
    size, url = made.stdout.split()
    assert int(size.split("x")[0]) > 0
    assert url.startswith("http")
    folder = logged_in.run("thumb", f"{space}:/Photos")
    assert folder.returncode == 2
    assert "is a folder" in folder.stderr


def test_spaces_lists_org_and_personal(logged_in: Cli, server: LocalServer) -> None:
    result = logged_in.run("spaces", "--json")
    assert result.returncode == 0, result.stderr
    spaces = json.loads(result.stdout)
    assert [(s["id"], s["space_type"]) for s in spaces] == [(server.demo_space_id, "org")]


def test_errors_are_one_line_with_a_kind_specific_exit_code(logged_in: Cli, server: LocalServer) -> None:
    no_space = logged_in.run("ls", "999999:/")
    assert no_space.returncode == 3
    assert no_space.stderr.count("\n") == 1
    assert "space does not exist" in no_space.stderr
    other_user = logged_in.run("--union-id", "someone-else", "ls", f"{server.demo_space_id}:/", remote=False)
    assert other_user.returncode == 7  # --union-id alone names no account
    bad_path = logged_in.run("ls", "no-colon")
    assert bad_path.returncode == 2
    assert "SPACE_ID:/folder/name" in bad_path.stderr


def test_network_failure_is_a_clear_error(cli: Cli) -> None:
    env_secret = {**cli.env, "DENTRY_APP_SECRET": "x"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "--endpoint",
            "http://127.0.0.1:9",
            "--app-key",
            "k",
            "--union-id",
            "u",
            "ls",
            "1:/",
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env_secret,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 6
    assert result.stderr.startswith("dentry-cli: Could not reach the storage service")
    assert "Traceback" not in result.stderr


def test_secret_and_token_never_land_in_files_or_logs(cli: Cli, home: Path, server: LocalServer) -> None:
    secret = DEFAULT_APP_SECRET
    login = cli.run("login", "--secret-stdin", stdin=secret + "\n")
    listing = cli.run("-v", "ls", f"{server.demo_space_id}:/")
    logout = cli.run("logout")
    assert (login.returncode, listing.returncode, logout.returncode) == (0, 0, 0)
    logs = login.stdout + login.stderr + listing.stdout + listing.stderr + logout.stdout + logout.stderr
    assert "oauth2/accessToken" in logs  # the verbose run did log its HTTP calls
    token = _current_tokens(server)
    assert secret not in logs
    assert not any(value in logs for value in token)
    for path in home.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert secret.encode() not in content, path
            assert not any(value.encode() in content for value in token), path
    after = cli.run("ls", f"{server.demo_space_id}:/")
    assert after.returncode == 4
    assert "dentry-cli login" in after.stderr


def _current_tokens(server: LocalServer) -> list[str]:
    """Every access token the service has issued (read from its own database)."""
    with sqlite3.connect(server.config.data_dir / "metadata.sqlite3") as conn:
        return [row[0] for row in conn.execute("SELECT token FROM tokens")]
