"""What must hold after the soak, checked without the engine under test.

The service is read with `StorageClient` and its files fetched with plain `requests` from the
service itself (the proxy is gone by then); local folders are listed as they are, hidden files
included; the journals are read with sqlite3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.api import StorageClient
from app.api.models import Dentry
from tests.soak.plan import Direction, SoakFile, Transfer, expected_tree
from tests.transfers.helpers import children, cli_journal, journal_rows, remote_sha256, sha256_file

CHECKS = {
    "files_intact": "every file intact: SHA-256 of sources, the service's copies and downloads agree",
    "no_duplicates": 'no duplicate ("name (1)") in the service or in a download folder',
    "no_partial_files": "no partial file under a final name (after each kill and at the end), none left over",
    "no_stray_entries": "nothing else in the service or in the download folders",
    "no_job_lost": "every file has a job in the journal, and it is done",
    "no_job_duplicated": "each file has exactly one job in the journal",
    "runs_ended": "every dentry-cli run ended by itself and every transfer finished",
    "client_clean": "no traceback from dentry-cli",
    "service_clean": "no traceback or error in the service's log",
}
Job = dict[str, Any]
"""A journal row, as `tests.transfers.helpers.journal_rows` reads it."""
TRACEBACK = "Traceback (most recent call last)"
RENAMED = re.compile(r"^(?P<stem>.*?) \(\d+\)(?P<suffix>(?:\.[^./ ]+)*)$")
PARTIAL = re.compile(r"\.part$|\.dentry-\d+|\.partial")


@dataclass(slots=True)
class Lane:
    """One client's home (config and journal) and its download folder."""

    number: int
    home: Path
    downloads: Path
    transfers: list[Transfer] = field(default_factory=list)


@dataclass(slots=True)
class Findings:
    """Problems found, by check name (an empty list: the check passed)."""

    problems: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in CHECKS})

    def add(self, check: str, problem: str) -> None:
        """Record one problem of a check."""
        self.problems[check].append(problem)

    @property
    def passed(self) -> bool:
        """Whether every check passed."""
        return not any(self.problems.values())


def _duplicate_of(path: str, expected: Iterable[str]) -> str | None:
    """The expected path that `path` is a "name (n)" copy of, if any."""
    folder, _, name = path.rpartition("/")
    match = RENAMED.match(name)
    if match is None:
        return None
    original = f"{folder}/{match['stem']}{match['suffix']}" if folder else match["stem"] + match["suffix"]
    return original if original in expected else None


def classify_extra(
    path: str,
    expected: Iterable[str],
    findings: Findings,
    where: str,
    jobs: dict[str, list[Job]],
    prefix: str = "",
) -> None:
    """File an unexpected entry under the check it breaks.

    A duplicate says how many journal jobs its original has (`jobs` by `prefix` + path): one job
    that committed or placed its file twice, or a new job queued for a file already done.
    """
    original = _duplicate_of(path.rstrip("/"), expected)
    if original is not None:
        count = len(jobs.get(prefix + original, []))
        cause = (
            "1 job in the journal: that job made it twice"
            if count == 1
            else f"{count} jobs in the journal: a later run queued it again"
        )
        findings.add("no_duplicates", f"{where}: {path!r} beside {original!r} ({cause})")
    elif PARTIAL.search(path.rsplit("/", 1)[-1]):
        findings.add("no_partial_files", f"{where}: {path!r} left over")
    else:
        findings.add("no_stray_entries", f"{where}: {path!r} is not expected")


def remote_entries(
    client: StorageClient, space_id: str, parent_id: str = "0", prefix: str = ""
) -> dict[str, Dentry]:
    """Every entry under a remote folder by path; folders' paths end with "/"."""
    entries: dict[str, Dentry] = {}
    for name, dentry in children(client, space_id, parent_id).items():
        if dentry.is_folder:
            entries[f"{prefix}{name}/"] = dentry
            entries.update(remote_entries(client, space_id, dentry.id, f"{prefix}{name}/"))
        else:
            entries[f"{prefix}{name}"] = dentry
    return entries


def local_entries(root: Path) -> dict[str, Path]:
    """Every entry under a local folder by path relative to it (hidden ones too); folders end with "/"."""
    entries: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        entries[relative + "/" if path.is_dir() and not path.is_symlink() else relative] = path
    return entries


def expected_paths(transfer: Transfer) -> dict[str, int | None]:
    """The transfer's tree as `remote_entries`/`local_entries` name it (folders end with "/")."""
    return {path if size is not None else path + "/": size for path, size in expected_tree(transfer).items()}


def check_service(
    client: StorageClient,
    space_id: str,
    plan: list[Transfer],
    digests: dict[str, str],
    jobs: dict[str, list[Job]],
    findings: Findings,
) -> dict[str, str]:
    """The whole space against the plan; returns the SHA-256 of every expected file the service has.

    `digests` maps ``up/tNN/path`` and ``down/tNN/path`` to the SHA-256 of the bytes it must hold,
    `jobs` (from `check_journal`) the same keys to their journal jobs.
    """
    expected: dict[str, int | None] = {"up/": None, "down/": None}
    for transfer in plan:
        side = "up" if transfer.direction == Direction.UPLOAD else "down"
        expected[f"{side}/{transfer.name}/"] = None
        expected.update(
            (f"{side}/{transfer.name}/{path}", size) for path, size in expected_paths(transfer).items()
        )
    remote = remote_entries(client, space_id)
    held: dict[str, str] = {}
    for path in sorted(remote.keys() - expected.keys()):
        classify_extra(path, expected, findings, "service", jobs)
    for path, size in sorted(expected.items()):
        dentry = remote.get(path)
        if dentry is None:
            findings.add("files_intact", f"service: {path!r} is missing")
        elif size is not None:
            if dentry.size != size:
                findings.add("files_intact", f"service: {path!r} has {dentry.size} bytes, not {size}")
                continue
            held[path] = remote_sha256(client, space_id, dentry.id, size)
            if held[path] != digests[path]:
                findings.add("files_intact", f"service: {path!r} does not hold the bytes it was given")
    return held


def check_downloads(lane: Lane, held: dict[str, str], jobs: dict[str, list[Job]], findings: Findings) -> None:
    """Each download folder holds exactly the expected files, with the service's bytes."""
    for transfer in lane.transfers:
        if transfer.direction != Direction.DOWNLOAD:
            continue
        root = lane.downloads / transfer.name
        expected = expected_paths(transfer)
        local = local_entries(root)
        where = f"lane {lane.number} {root.name}"
        for path in sorted(local.keys() - expected.keys()):
            classify_extra(path, expected, findings, where, jobs, f"down/{transfer.name}/")
        for path, size in sorted(expected.items()):
            found = local.get(path)
            if found is None:
                findings.add("files_intact", f"{where}: {path!r} was not downloaded")
            elif size is not None and sha256_file(found) != held.get(f"down/{transfer.name}/{path}"):
                findings.add("files_intact", f"{where}: {path!r} differs from the service's file")


def job_key(transfer: Transfer, file: SoakFile, lane: Lane, sources: Path) -> tuple[str, str]:
    """(kind, local path) of the journal job that moves `file`."""
    if transfer.direction == Direction.UPLOAD:
        return "upload", str((sources / transfer.name / file.path).absolute())
    return "download", str((lane.downloads / transfer.name / file.path).absolute())


def check_journal(lane: Lane, sources: Path, findings: Findings) -> dict[str, list[Job]]:
    """Each file of the lane has exactly one job in its journal, and it is done.

    Returns the jobs of each file by ``up/tNN/path`` or ``down/tNN/path``.
    """
    jobs, _parts = journal_rows(cli_journal(lane.home))
    by_key: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        by_key.setdefault((str(job["kind"]), str(job["local_path"])), []).append(job)
    where = f"lane {lane.number} journal"
    of_file: dict[str, list[Job]] = {}
    for transfer in lane.transfers:
        side = "up" if transfer.direction == Direction.UPLOAD else "down"
        for file in transfer.files:
            rows = of_file[f"{side}/{transfer.name}/{file.path}"] = by_key.pop(
                job_key(transfer, file, lane, sources), []
            )
            label = f"{transfer.name} {file.path!r}"
            if not rows:
                findings.add("no_job_lost", f"{where}: no job for {label}")
            if len(rows) > 1:
                states = ", ".join(f"job {row['id']} {row['state']} -> {row['result']}" for row in rows)
                findings.add("no_job_duplicated", f"{where}: {len(rows)} jobs for {label}: {states}")
            for row in rows:
                if row["state"] != "done":
                    findings.add(
                        "no_job_lost",
                        f"{where}: job {row['id']} for {label} is {row['state']}: {row['error']}",
                    )
    for (kind, local_path), rows in sorted(by_key.items()):
        findings.add(
            "no_job_duplicated",
            f"{where}: {len(rows)} {kind} jobs for {local_path}, which no transfer asked for",
        )
    return of_file


def check_logs(logs: Iterable[Path], check: str, patterns: tuple[str, ...], findings: Findings) -> None:
    """Tracebacks (and lines with one of `patterns`) in these logs: each kind once, how often, where first.

    A traceback is named by the log line before it and its last line (the exception).
    """
    seen: dict[str, list[str]] = {}
    for log in logs:
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        index = 0
        while index < len(lines):
            line, at = lines[index], index
            starts = line.startswith(TRACEBACK)
            if starts or any(pattern in line for pattern in patterns):
                header = line if not starts else (lines[index - 1] if index else "")
                traceback = index if starts else index + 1
                error = ""
                if traceback < len(lines) and lines[traceback].startswith(TRACEBACK):
                    index = traceback + 1
                    while index < len(lines) and (lines[index].startswith(" ") or not lines[index].strip()):
                        index += 1
                    error = lines[index] if index < len(lines) else ""
                what = " / ".join(part for part in (header, error) if part and not part.startswith(" "))
                seen.setdefault(_kind_of(what), []).append(f"{log.name}:{at + 1}: {what[:300]}")
            index += 1
    for places in seen.values():
        findings.add(check, f"{len(places)} times, first {places[0]}")


def _kind_of(line: str) -> str:
    """A log line without what differs between two occurrences (times, numbers, keys, URLs)."""
    line = re.sub(r"^\d{4}-\d\d-\d\d [\d:,]+ ", "", line)
    line = re.sub(r"https?://\S+|[A-Za-z0-9_-]{16,}|'[^']*'", "…", line)
    return re.sub(r"\d+", "N", line)
