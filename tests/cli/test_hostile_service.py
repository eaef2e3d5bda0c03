"""``dentry-cli`` against a misbehaving service: listings that never end stop with one clear line.

The service is a small scripted one over real HTTP (tests/support/scripted_service.py); the CLI
runs as a subprocess, as a user types it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.local_service import cli_env
from tests.support.scripted_service import (
    APP_KEY,
    APP_SECRET,
    UNION_ID,
    Request,
    dentry,
    not_found,
    scripted_service,
)

LISTING_LOOP_LINE = "dentry-cli: The storage service keeps listing the same entries: "


def run_cli(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`dentry-cli` naming the scripted service, with an isolated home."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "--endpoint",
            url,
            "--app-key",
            APP_KEY,
            "--union-id",
            UNION_ID,
            *args,
        ],
        check=False,
        capture_output=True,
        text=True,
        env=cli_env(home, tmp_path / "keyring.json", APP_SECRET),
        cwd=tmp_path,
        timeout=60,
    )


def _stuck_listing(request: Request) -> tuple[int, Any]:
    if request.path.endswith("/dentries"):
        return 200, {"dentries": [dentry("8", "a.txt")], "nextToken": "stuck"}
    if request.path == "/v1.0/drive/spaces":
        return 200, {"spaces": [{"spaceId": "7", "spaceName": "S"}], "nextToken": "stuck"}
    return not_found(request)


def test_ls_of_a_folder_whose_page_token_never_changes_ends(tmp_path: Path) -> None:
    with scripted_service(_stuck_listing) as service:
        result = run_cli(service.url, tmp_path, "ls", "7:/")
        listed = len(service.calls("/dentries"))

    assert result.returncode == 1
    assert result.stderr.startswith(LISTING_LOOP_LINE)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert listed == 5
    assert result.stdout.splitlines() == ["a.txt"] * 5  # what it did list is shown before the error


def test_spaces_whose_page_token_never_changes_ends(tmp_path: Path) -> None:
    with scripted_service(_stuck_listing) as service:
        result = run_cli(service.url, tmp_path, "spaces")
        listed = len(service.calls("/drive/spaces"))

    assert result.returncode == 1
    assert result.stderr.startswith(LISTING_LOOP_LINE)
    assert listed == 5


def _folder_inside_itself(request: Request) -> tuple[int, Any]:
    if request.path.endswith("/dentries"):
        children = {
            "0": [dentry("5", "Loop", folder=True)],
            "5": [dentry("8", "a.txt", parent_id="5"), dentry("5", "Loop", parent_id="5", folder=True)],
        }
        return 200, {"dentries": children.get(request.query.get("parentId", ""), [])}
    return not_found(request)


def test_get_of_a_folder_that_lists_itself_ends_without_downloading(tmp_path: Path) -> None:
    target = tmp_path / "down"
    target.mkdir()
    with scripted_service(_folder_inside_itself) as service:
        result = run_cli(service.url, tmp_path, "get", "7:/Loop", str(target))
        requests = list(service.requests)

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        LISTING_LOOP_LINE + "the folder 'Loop' (id 5) is listed inside itself."
    )
    assert "Traceback" not in result.stderr
    assert len(requests) <= 3  # the root (to find Loop), then Loop once
    assert list(target.iterdir()) == []  # nothing made, nothing queued


def test_get_of_a_folder_whose_page_token_never_changes_ends(tmp_path: Path) -> None:
    def answer(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/dentries"):
            if request.query.get("parentId") == "0":
                return 200, {"dentries": [dentry("5", "Loop", folder=True)]}
            return 200, {"dentries": [dentry("8", "a.txt", parent_id="5")], "nextToken": "stuck"}
        return not_found(request)

    target = tmp_path / "down"
    target.mkdir()
    with scripted_service(answer) as service:
        result = run_cli(service.url, tmp_path, "get", "7:/Loop", str(target))
        listed = len(service.calls("/dentries"))

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(LISTING_LOOP_LINE)
    assert listed == 1 + 5
    assert list(target.iterdir()) == []
