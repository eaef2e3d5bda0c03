"""Two accounts on one computer share the transfer journal; each ``dentry-cli`` runs only its own jobs.

Account A's ``put`` is killed (SIGKILL) mid-upload; account B's ``get`` must leave A's job queued
instead of finishing it with B's credentials into B's space (issue 8, item 1). The two accounts are
two local services whose spaces have the same id, so a job run under the wrong account would land.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.localserver import LocalServer, ServerConfig
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
    upload_bytes,
    wait_until,
    write_file,
)


@pytest.fixture
def other_server(tmp_path: Path) -> Iterator[LocalServer]:
    with LocalServer(ServerConfig(data_dir=tmp_path / "service-b")) as running:
        yield running


def test_a_killed_upload_of_account_a_waits_through_account_bs_get(
    server: LocalServer, other_server: LocalServer, tmp_path: Path
) -> None:
    a_client, b_client = make_client(server.url), make_client(other_server.url)
    space = a_client.add_space("A's").id
    b_space = b_client.add_space("B's").id
    assert b_space == space  # the same id, on each account's own service
    b_data = b"B" * (512 * KIB)
    upload_bytes(b_client, space, "b.bin", b_data)
    home, source = tmp_path / "home", tmp_path / "a-report.bin"
    home.mkdir()
    digest = write_file(source, 200 * KIB, 1)

    put = subprocess.Popen(
        cli_command(server.url, "put", str(source), f"{space}:/", "--limit", "20K"),
        env=cli_env(home),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until(lambda: [job["state"] for job in journal_rows(cli_journal(home))[0]] == ["running"], 30)
    os.kill(put.pid, signal.SIGKILL)
    put.wait(timeout=10)

    # B's download is slow enough that A's upload would finish meanwhile if B's run took it up.
    got = run_cli_at(
        other_server.url, home, "get", f"{space}:/b.bin", str(tmp_path / "b.bin"), "--limit", "128K"
    )
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "b.bin").read_bytes() == b_data
    assert "1 transfer of other accounts is waiting; they run when you use those accounts" in got.stderr
    assert set(children(b_client, space)) == {"b.bin"}  # A's file did not land in B's space
    assert children(a_client, space) == {}
    (a_job, b_job) = journal_rows(cli_journal(home))[0]
    assert a_job["state"] == "running"  # as the kill left it: B's run did not touch it
    assert (a_job["account_key"], b_job["account_key"]) == (
        f"local-user|dentry-local|{server.url}",
        f"local-user|dentry-local|{other_server.url}",
    )

    again = run_cli_at(server.url, home, "put", str(source), f"{space}:/", "--json")
    assert again.returncode == 0, again.stderr
    (job,) = json.loads(again.stdout)["jobs"]
    assert (job["id"], job["state"]) == (a_job["id"], "done")  # the same job, continued
    uploaded = children(a_client, space)
    assert set(uploaded) == {"a-report.bin"}
    assert sha256(download_bytes(a_client, space, uploaded["a-report.bin"].id)) == digest
    assert set(children(b_client, space)) == {"b.bin"}
