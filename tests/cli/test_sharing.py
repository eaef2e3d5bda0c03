"""``share``, ``share ls`` and ``unshare`` with two users of one local service, as they type them.

The issue's acceptance: a second user (another unionId) browses and downloads a folder shared with
them as DOWNLOADER, and is refused an upload there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from tests.support.local_service import CliUser

COLLEAGUE = "colleague-union-id"


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    return ServerConfig(data_dir=tmp_path / "service", demo=True)


def user(server: LocalServer, tmp_path: Path, union_id: str) -> CliUser:
    return CliUser(server.url, union_id, tmp_path / union_id, DEFAULT_APP_KEY, DEFAULT_APP_SECRET)


@pytest.fixture
def owner(server: LocalServer, tmp_path: Path) -> CliUser:
    """The creator of the demo space, with /Team/Docs holding report.txt and Drafts/plan.txt."""
    me = user(server, tmp_path, DEFAULT_UNION_ID)
    me.home.mkdir()
    space = server.demo_space_id
    (me.home / "report.txt").write_text("quarterly numbers")
    (me.home / "plan.txt").write_text("the plan")
    for command in (
        ("mkdir", "-p", f"{space}:/Team/Docs/Drafts"),
        ("mkdir", "-p", f"{space}:/Team/Private"),
        ("put", "report.txt", f"{space}:/Team/Docs"),
        ("put", "plan.txt", f"{space}:/Team/Docs/Drafts"),
    ):
        result = me.run(*command)
        assert result.returncode == 0, result.stderr
    return me


def test_a_colleague_browses_and_downloads_a_shared_folder_but_cannot_upload(
    owner: CliUser, server: LocalServer, tmp_path: Path
) -> None:
    space = server.demo_space_id
    colleague = user(server, tmp_path, COLLEAGUE)
    assert colleague.run("spaces").stdout == ""  # nothing is shared yet
    shared = owner.run("share", f"{space}:/Team/Docs", COLLEAGUE, "--role", "downloader")
    assert shared.returncode == 0, shared.stderr

    # The space is among the colleague's, and from its root they see the way down, nothing else.
    spaces = colleague.run("spaces")
    assert spaces.returncode == 0, spaces.stderr
    assert spaces.stdout.split()[0] == space
    assert colleague.run("ls", f"{space}:/").stdout.splitlines() == ["Team/"]
    assert colleague.run("ls", f"{space}:/Team").stdout.splitlines() == ["Docs/"]
    assert colleague.run("ls", f"{space}:/Team/Docs").stdout.splitlines() == ["Drafts/", "report.txt"]

    # They download a file, and the folder with everything in it.
    got = colleague.run("get", f"{space}:/Team/Docs/report.txt", "mine.txt")
    assert got.returncode == 0, got.stderr
    assert (colleague.home / "mine.txt").read_text() == "quarterly numbers"
    folder = colleague.run("get", f"{space}:/Team/Docs", "copy")
    assert folder.returncode == 0, folder.stderr
    assert (colleague.home / "copy" / "Drafts" / "plan.txt").read_text() == "the plan"

    # An upload there is refused, with the exit code for "not allowed", and leaves nothing.
    (colleague.home / "theirs.txt").write_text("mine")
    refused = colleague.run("put", "theirs.txt", f"{space}:/Team/Docs")
    assert refused.returncode == 4, refused.stderr
    assert "permission" in refused.stderr
    assert "Traceback" not in refused.stderr
    for command in (("mkdir", f"{space}:/Team/Docs/New"), ("rm", f"{space}:/Team/Docs/report.txt")):
        assert colleague.run(*command).returncode == 4
    assert owner.run("ls", f"{space}:/Team/Docs").stdout.splitlines() == ["Drafts/", "report.txt"]
    # Beside what is shared: nothing, not even its name.
    hidden = colleague.run("ls", f"{space}:/Team/Private")
    assert (hidden.returncode, hidden.stderr) == (3, f"dentry-cli: {space}:/Team/Private does not exist\n")


def test_share_ls_shows_members_roles_and_expiry_and_unshare_takes_them_back(
    owner: CliUser, server: LocalServer, tmp_path: Path
) -> None:
    space = server.demo_space_id
    assert owner.run("share", f"{space}:/Team", "team-reader", "--role", "READER").returncode == 0
    assert (
        owner.run("share", f"{space}:/Team/Docs", COLLEAGUE, "--role", "EDITOR", "--for", "2h").returncode
        == 0
    )

    listed = owner.run("share", "ls", f"{space}:/Team/Docs")
    assert listed.returncode == 0, listed.stderr
    editor, reader = listed.stdout.splitlines()
    assert editor.startswith("EDITOR ")
    assert editor.endswith(f"  {COLLEAGUE}")
    assert editor.split()[1].count("-") == 2  # an expiry date, not "-"
    assert reader.split()[:2] == ["READER", "-"]
    assert reader.endswith(f"team-reader  (from {space}:/Team)")
    as_json = json.loads(owner.run("share", "ls", f"{space}:/Team/Docs", "--json").stdout)
    assert [(p["member_id"], p["role"], p["duration"], p["granted_on"]) for p in as_json] == [
        (COLLEAGUE, "EDITOR", 7200, f"{space}:/Team/Docs"),
        ("team-reader", "READER", None, f"{space}:/Team"),
    ]
    # The colleague, an EDITOR, sees who has access to what they were given, not above it.
    seen = user(server, tmp_path, COLLEAGUE).run("share", "ls", f"{space}:/Team/Docs")
    assert seen.returncode == 0, seen.stderr
    assert [line.split()[-1] for line in seen.stdout.splitlines()] == [COLLEAGUE]

    wrong = owner.run("unshare", f"{space}:/Team/Docs", COLLEAGUE, "--role", "reader")
    assert wrong.returncode == 3
    assert "holds EDITOR" in wrong.stderr
    above = owner.run("unshare", f"{space}:/Team/Docs", "team-reader")
    assert above.returncode == 3
    assert "folder above" in above.stderr
    assert owner.run("unshare", f"{space}:/Team/Docs", COLLEAGUE).returncode == 0
    assert [
        line.split()[0] for line in owner.run("share", "ls", f"{space}:/Team/Docs").stdout.splitlines()
    ] == ["READER"]


def test_share_refuses_bad_input_without_changing_anything(owner: CliUser, server: LocalServer) -> None:
    space = server.demo_space_id
    no_role = owner.run("share", f"{space}:/Team", COLLEAGUE)
    assert no_role.returncode == 2
    assert "--role ROLE" in no_role.stderr
    assert owner.run("share", f"{space}:/Team", COLLEAGUE, "--role", "boss").returncode == 2
    assert (
        owner.run("share", f"{space}:/Team", COLLEAGUE, "--role", "reader", "--for", "soon").returncode == 2
    )
    missing = owner.run("share", f"{space}:/Nowhere", COLLEAGUE, "--role", "reader")
    assert missing.returncode == 3
    assert owner.run("share", "ls", f"{space}:/Team").stdout == ""


def test_a_refused_move_to_a_new_name_keeps_the_old_name(
    owner: CliUser, server: LocalServer, tmp_path: Path
) -> None:
    space = server.demo_space_id
    assert owner.run("share", f"{space}:/Team/Docs", COLLEAGUE, "--role", "editor").returncode == 0
    assert owner.run("share", f"{space}:/Team/Private", COLLEAGUE, "--role", "reader").returncode == 0
    colleague = user(server, tmp_path, COLLEAGUE)

    refused = colleague.run("mv", f"{space}:/Team/Docs/report.txt", f"{space}:/Team/Private/final.txt")

    assert refused.returncode == 4
    assert "permission" in refused.stderr
    assert colleague.run("ls", f"{space}:/Team/Docs").stdout.splitlines() == ["Drafts/", "report.txt"]
    assert colleague.run("ls", f"{space}:/Team/Private").stdout == ""
