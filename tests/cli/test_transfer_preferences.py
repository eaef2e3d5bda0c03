"""``dentry-cli get``/``put`` honour the preferences file; their options override it for one command."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from app.localserver import LocalServer
from tests.transfers.helpers import (
    KIB,
    MIB,
    ROOT,
    cli_command,
    cli_env,
    cli_journal,
    journal_rows,
    make_client,
    sha256,
    sha256_file,
    upload_bytes,
    upload_path,
    write_file,
)


def _run(url: str, home: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(url, *args),
        env=cli_env(home),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _prefer(home: Path, **fields: object) -> Path:
    path = home / ".config" / "dentry" / "preferences.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fields), encoding="utf-8")
    return path


def test_get_without_a_target_goes_to_the_preferred_download_folder(
    server: LocalServer, tmp_path: Path
) -> None:
    client = make_client(server.url)
    space = client.add_space("p").id
    upload_bytes(client, space, "报告.txt", b"quarterly")
    home, downloads, elsewhere = tmp_path / "home", tmp_path / "下载", tmp_path / "cwd"
    downloads.mkdir()
    elsewhere.mkdir()
    _prefer(home, download_folder=str(downloads))
    got = _run(server.url, home, "get", f"{space}:/报告.txt", cwd=elsewhere)
    assert got.returncode == 0, got.stderr
    assert (downloads / "报告.txt").read_bytes() == b"quarterly"
    assert list(elsewhere.iterdir()) == []


def test_the_preferred_limit_holds_and_limit_overrides_it(server: LocalServer, tmp_path: Path) -> None:
    client = make_client(server.url)
    space = client.add_space("p").id
    data = b"z" * (600 * KIB)
    upload_bytes(client, space, "z.bin", data)
    home = tmp_path / "home"
    _prefer(home, download_limit=300_000)
    started = time.monotonic()
    slow = _run(server.url, home, "get", f"{space}:/z.bin", str(tmp_path / "slow.bin"))
    slow_seconds = time.monotonic() - started
    assert slow.returncode == 0, slow.stderr
    assert slow_seconds >= 1.8  # 600 KiB at 300 kB/s
    started = time.monotonic()
    fast = _run(server.url, home, "get", f"{space}:/z.bin", str(tmp_path / "fast.bin"), "--limit", "50M")
    assert fast.returncode == 0, fast.stderr
    assert time.monotonic() - started < slow_seconds - 1
    assert sha256_file(tmp_path / "fast.bin") == sha256(data)


def test_streams_per_file_from_the_file_and_from_segments(server: LocalServer, tmp_path: Path) -> None:
    client = make_client(server.url)
    space = client.add_space("p").id
    source = tmp_path / "big.bin"
    digest = write_file(source, 20 * MIB, 9)
    upload_path(client, space, source, "big.bin", part_size=4 * MIB)
    home = tmp_path / "home"
    _prefer(home, streams_per_file=1)
    one = _run(server.url, home, "get", f"{space}:/big.bin", str(tmp_path / "one.bin"))
    assert one.returncode == 0, one.stderr
    three = _run(server.url, home, "get", f"{space}:/big.bin", str(tmp_path / "three.bin"), "--segments", "3")
    assert three.returncode == 0, three.stderr
    jobs, parts = journal_rows(cli_journal(home))
    one_ranges, three_ranges = (sum(1 for part in parts if part["job_id"] == job["id"]) for job in jobs)
    assert one_ranges == 1  # one stream: one range, never split
    assert three_ranges >= 3  # three streams: a range each (and more, as the first to finish take over)
    assert sha256_file(tmp_path / "one.bin") == sha256_file(tmp_path / "three.bin") == digest


def test_a_damaged_preferences_file_is_one_warning_and_the_defaults(
    server: LocalServer, tmp_path: Path
) -> None:
    client = make_client(server.url)
    space = client.add_space("p").id
    upload_bytes(client, space, "a.txt", b"a")
    home = tmp_path / "home"
    path = _prefer(home)
    path.write_text("{not json", encoding="utf-8")
    got = _run(server.url, home, "get", f"{space}:/a.txt", str(tmp_path / "a.txt"))
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "a.txt").read_bytes() == b"a"
    (line,) = [line for line in got.stderr.splitlines() if "preferences" in line]
    assert str(path) in line
    assert "defaults" in line
    assert path.read_text(encoding="utf-8") == "{not json"  # the CLI only reads it


def test_bad_counts_are_usage_errors(server: LocalServer, tmp_path: Path) -> None:
    for option in (["--segments", "9"], ["--parallel", "0"], ["--segments", "many"]):
        got = _run(server.url, tmp_path / "home", "get", "1:/x", *option)
        assert got.returncode == 2
        assert "whole number" in got.stderr


def test_files_at_once_from_the_file_and_from_parallel(server: LocalServer, tmp_path: Path) -> None:
    """20 small files 30 ms away: each is two answers in a row, so the service's peak of requests
    in flight is the number of files that moved at once."""
    client = make_client(server.url)
    space = client.add_space("p").id
    folder = client.add_folder(space, "0", "small").id
    for number in range(20):
        upload_bytes(client, space, f"f{number:02}.txt", bytes([65 + number]) * 100, parent_id=folder)
    server.faults.latency_ms = 30
    home = tmp_path / "home"

    def peak_of(*args: str) -> int:
        target = tmp_path / f"run{len(runs)}"
        target.mkdir()
        server.faults.peak_in_flight = 0
        got = _run(server.url, home, "get", f"{space}:/small", str(target), *args)
        assert got.returncode == 0, got.stderr
        assert len(list((target / "small").iterdir())) == 20
        runs.append(server.faults.peak_in_flight)
        return runs[-1]

    runs: list[int] = []
    assert peak_of() >= 2  # no preferences: as many as pay
    _prefer(home, parallel_transfers=1)
    assert peak_of() == 1
    assert 2 <= peak_of("--parallel", "3") <= 3
