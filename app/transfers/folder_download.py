"""Planning a download of remote folders: which local folders to make and which files to fetch.

The remote tree is listed one ListDentries page per call (never one call per item); the folders
of one depth are listed together, a few at a time (each one's pages in turn, as its page tokens
need), so a deep or wide tree far from the service costs round trips per depth. Every
folder is made locally, empty ones too. An entry whose remote name cannot be a file name on this
system is reported, never dropped silently. Running the same download again continues it:
unfinished jobs resume where they stopped, and files the journal saw arrive (same version, same
size on disk) are not fetched again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.api import StorageClient
from app.api.models import Dentry
from app.api.paging import check_child_folder
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import TransferManager

ROOT_ID = "0"
LISTING_CALLS = 8
"""Folders listed at once while a download is planned."""
LocalDir = tuple[str, ...]
"""A folder below the download's target, as the names leading to it."""

_WINDOWS_FORBIDDEN = set('<>:"|?*\\') | {chr(code) for code in range(32)}
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in range(1, 10)
}


def local_name_problem(name: str, *, windows: bool = os.name == "nt") -> str | None:
    """Why `name` cannot be a file or folder name on this system, or None when it can."""
    if name in ("", ".", ".."):
        return "not a usable file name"
    if "/" in name or "\0" in name:
        return "contains a path separator"
    if windows:
        if any(char in _WINDOWS_FORBIDDEN for char in name):
            return 'contains a character Windows does not allow (< > : " / \\ | ? *)'
        if name.split(".", 1)[0].upper() in _WINDOWS_RESERVED:
            return "a name Windows reserves for devices"
        if name.endswith((".", " ")):
            return "ends with a dot or a space, which Windows drops"
    return None


@dataclass(frozen=True, slots=True)
class PlannedDownload:
    """A remote file to fetch into the local folder `folder` (relative to the target)."""

    dentry: Dentry
    folder: LocalDir


@dataclass(frozen=True, slots=True)
class RemoteProblem:
    """Something about a remote entry (`path` is relative to what was chosen) that is not fetched."""

    path: str
    reason: str


@dataclass(slots=True)
class DownloadPlan:
    """Local folders to make (parents first, empty ones too), files to fetch, and what cannot be."""

    folders: list[LocalDir] = field(default_factory=list)
    files: list[PlannedDownload] = field(default_factory=list)
    problems: list[RemoteProblem] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        """Bytes of all the files, as the service listed them."""
        return sum(planned.dentry.size or 0 for planned in self.files)


def plan_download(client: StorageClient, space_id: str, chosen: Sequence[Dentry]) -> DownloadPlan:
    """Plan the download of files and folders (recursively); a space's root brings its contents.

    Lists each folder page by page, breadth first, so the parents come before their children.
    """
    plan = DownloadPlan()
    for dentry in chosen:
        if dentry.id == ROOT_ID:
            _add_tree(client, space_id, dentry.id, (), plan)
            continue
        problem = local_name_problem(dentry.name)
        if problem is not None:
            plan.problems.append(RemoteProblem(dentry.name, f"skipped: {problem}"))
        elif dentry.is_folder:
            plan.folders.append((dentry.name,))
            _add_tree(client, space_id, dentry.id, (dentry.name,), plan)
        else:
            plan.files.append(PlannedDownload(dentry, ()))
    return plan


def _add_tree(
    client: StorageClient, space_id: str, folder_id: str, here: LocalDir, plan: DownloadPlan
) -> None:
    # Each folder waits with the ids above it, so that one listed inside itself (or inside a
    # folder below it) ends the plan with a clear error instead of a download that never ends.
    level: list[tuple[str, LocalDir, tuple[str, ...]]] = [(folder_id, here, ())]

    def listing(folder: tuple[str, LocalDir, tuple[str, ...]]) -> list[Dentry]:
        return list(client.iter_dentries(space_id, folder[0]))

    with ThreadPoolExecutor(max_workers=LISTING_CALLS, thread_name_prefix="list") as pool:
        while level:
            below_level: list[tuple[str, LocalDir, tuple[str, ...]]] = []
            for (parent_id, local, ancestors), entries in zip(level, pool.map(listing, level), strict=True):
                above = (*ancestors, parent_id)
                for child in entries:
                    problem = local_name_problem(child.name)
                    if problem is not None:
                        plan.problems.append(
                            RemoteProblem("/".join((*local, child.name)), f"skipped: {problem}")
                        )
                    elif child.is_folder:
                        check_child_folder(child.id, above, child.name)
                        below = (*local, child.name)
                        plan.folders.append(below)
                        below_level.append((child.id, below, above))
                    else:
                        plan.files.append(PlannedDownload(child, local))
            level = below_level


@dataclass(slots=True)
class QueuedDownload:
    """What `queue_download` did: jobs queued (and their bytes), files already here, what could not be."""

    jobs: list[Job] = field(default_factory=list)
    total_bytes: int = 0
    already_here: int = 0
    problems: list[RemoteProblem] = field(default_factory=list)


def queue_download(
    plan: DownloadPlan,
    manager: TransferManager,
    account: str,
    space_id: str,
    target: Path,
    conflict: str = "rename",
    *,
    batch: str | None = None,
) -> QueuedDownload:
    """Make the plan's folders under `target` (merging into existing ones) and queue its files.

    `batch` goes to every job (see `TransferManager.new_batch`).
    """
    queued = QueuedDownload()
    unmade: set[LocalDir] = set()

    def below_unmade(folder: LocalDir) -> bool:
        return any(folder[:depth] in unmade for depth in range(1, len(folder) + 1))

    for folder in plan.folders:
        if below_unmade(folder[:-1]):
            unmade.add(folder)
            continue
        try:
            target.joinpath(*folder).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            unmade.add(folder)
            reason = (
                "a file of that name is in the way" if isinstance(error, FileExistsError) else error.strerror
            )
            queued.problems.append(
                RemoteProblem("/".join(folder), f"skipped: cannot make the folder ({reason})")
            )
    for planned in plan.files:
        local = target.joinpath(*planned.folder, planned.dentry.name)
        if below_unmade(planned.folder):
            continue
        if arrived_before(manager, space_id, planned.dentry, local) is not None:
            queued.already_here += 1
            continue
        dentry = planned.dentry
        queued.jobs.append(
            manager.add_download(
                account,
                space_id,
                dentry.id,
                dentry.name,
                local,
                conflict=conflict,
                version=dentry.version,
                size=dentry.size,
                batch=batch,
            )
        )
        queued.total_bytes += dentry.size or 0
    return queued


def arrived_before(manager: TransferManager, space_id: str, dentry: Dentry, local: Path) -> Job | None:
    """The done job of an earlier run that fetched this version of the file, still there, whole."""
    done = manager.journal.find_latest(
        manager.account_key, Kind.DOWNLOAD, space_id, dentry.id, str(local.absolute())
    )
    if done is None or done.state != State.DONE or done.version != dentry.version or not done.result:
        return None
    placed = Path(done.result)
    try:
        whole = placed.is_file() and placed.stat().st_size == (dentry.size or 0)
    except OSError:
        return None
    return done if whole else None
