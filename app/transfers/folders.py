"""Planning an upload of files and folders: what to create, what to send, and what is wrong.

Every problem is found before any network call and reported at once: names the service would
refuse (fail, replace or skip, as the user chooses), unreadable files, and symbolic links that
lead out of the tree. Nothing is dropped silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.api import StorageClient
from app.api.models import Dentry
from app.transfers.journal import Job, Kind, State
from app.transfers.manager import TransferManager
from app.transfers.names import name_problem, replace_illegal

BAD_NAME_CHOICES = ("fail", "replace", "skip")
RemoteDir = tuple[str, ...]
FOLDER_CALLS = 8
"""AddFolder calls in flight at once while a plan's folders are made (siblings go together)."""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file to upload as `name` into the remote folder `folder` (relative to the target)."""

    source: Path
    folder: RemoteDir
    name: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something about a local path; `blocking` ones stop the upload until the user chooses."""

    path: Path
    reason: str
    blocking: bool = False


@dataclass(slots=True)
class UploadPlan:
    """Folders to create (parents first, empty ones too), files to send, and problems found."""

    folders: list[RemoteDir] = field(default_factory=list)
    files: list[PlannedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """Whether a problem needs the user's choice before anything is sent."""
        return any(problem.blocking for problem in self.problems)

    @property
    def total_bytes(self) -> int:
        """Bytes the files hold now."""
        return sum(planned.source.stat().st_size for planned in self.files)


class _Planner:
    def __init__(self, bad_names: str) -> None:
        if bad_names not in BAD_NAME_CHOICES:
            raise ValueError(f"bad_names must be one of {BAD_NAME_CHOICES}")
        self.bad_names = bad_names
        self.plan = UploadPlan()

    def name_for(self, path: Path) -> str | None:
        """The remote name of `path`, or None when it is skipped (the problem is recorded)."""
        problem = name_problem(path.name)
        if problem is None:
            return path.name.strip(" ")
        if self.bad_names == "replace":
            fixed = replace_illegal(path.name)
            self.plan.problems.append(Problem(path, f"renamed to {fixed!r}: {problem}"))
            return fixed
        blocking = self.bad_names == "fail"
        verb = "the service would refuse its name" if blocking else "skipped"
        self.plan.problems.append(Problem(path, f"{verb}: {problem}", blocking))
        return None

    def add_file(self, path: Path, folder: RemoteDir) -> None:
        name = self.name_for(path)
        if name is None:
            return
        if not os.access(path, os.R_OK):
            self.plan.problems.append(Problem(path, "skipped: the file cannot be read"))
            return
        self.plan.files.append(PlannedFile(path, folder, name))

    def add_tree(self, root: Path, folder: RemoteDir, tree_root: Path) -> None:
        name = self.name_for(root)
        if name is None:
            return
        here = (*folder, name)
        self.plan.folders.append(here)
        try:
            entries = sorted(os.scandir(root), key=lambda entry: entry.name)
        except OSError as error:
            self.plan.problems.append(Problem(root, f"skipped: the folder cannot be read ({error.strerror})"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                self.add_link(path, here, tree_root)
            elif entry.is_dir():
                self.add_tree(path, here, tree_root)
            elif entry.is_file():
                self.add_file(path, here)
            else:
                self.plan.problems.append(Problem(path, "skipped: not a regular file"))

    def add_link(self, path: Path, folder: RemoteDir, tree_root: Path) -> None:
        # Links are never followed out of the tree (or into folders, which could loop).
        target = path.resolve()
        if not target.exists():
            self.plan.problems.append(Problem(path, "skipped: a symbolic link whose target does not exist"))
        elif not target.is_relative_to(tree_root):
            self.plan.problems.append(Problem(path, "skipped: a symbolic link that leads out of the folder"))
        elif target.is_file():
            self.add_file(path, folder)
        else:
            self.plan.problems.append(Problem(path, "skipped: a symbolic link to a folder"))


def plan_upload(sources: list[Path], bad_names: str = "fail") -> UploadPlan:
    """Plan the upload of files and folders (recursively) into one remote folder."""
    planner = _Planner(bad_names)
    for source in sources:
        if source.is_dir() and not source.is_symlink():
            planner.add_tree(source, (), source.resolve())
        elif source.is_file():
            planner.add_file(source, ())
        else:
            planner.plan.problems.append(Problem(source, "skipped: no such file or folder"))
    return planner.plan


def queue_plan(
    plan: UploadPlan,
    manager: TransferManager,
    client: StorageClient,
    account: str,
    space_id: str,
    parent_id: str,
    conflict: str = "rename",
    on_folder: Callable[[RemoteDir, Dentry], None] | None = None,
    *,
    batch: str | None = None,
    segments: int | None = None,
    skip_sent: bool = False,
) -> list[Job]:
    """Create the plan's folders remotely (reusing existing ones) and queue its files.

    Folders of one depth are made together (a few calls in flight), each depth once the one
    above it exists; far from the service that is one round trip per depth, not per folder.
    `on_folder` hears of each folder created or reused (a window shows new ones at once), on the
    calling thread. `batch` and `segments` go to every job (see `TransferManager.add_upload`).
    With `skip_sent`, a file this account already sent there (see `sent_before`) is not queued
    again: its done job stands in the list instead, so a command run again sends only the rest.
    """
    folder_ids: dict[RemoteDir, str] = {(): parent_id}
    depths: dict[int, list[RemoteDir]] = {}
    for folder in plan.folders:
        depths.setdefault(len(folder), []).append(folder)

    def make(folder: RemoteDir) -> Dentry:
        parent = folder_ids[folder[:-1]]
        return client.add_folder(space_id, parent, folder[-1], conflict="RETURN_DENTRY_IF_EXISTS")

    with ThreadPoolExecutor(max_workers=FOLDER_CALLS, thread_name_prefix="add-folder") as pool:
        for depth in sorted(depths):
            folders = depths[depth]
            for folder, created in zip(folders, pool.map(make, folders), strict=True):
                folder_ids[folder] = created.id
                if on_folder is not None:
                    on_folder(folder, created)
    sent = sent_before(manager, client, space_id, plan.files, folder_ids) if skip_sent else {}
    return [
        sent.get(planned.source)
        or manager.add_upload(
            account,
            space_id,
            folder_ids[planned.folder],
            planned.source,
            planned.name,
            conflict=conflict,
            segments=segments,
            batch=batch,
        )
        for planned in plan.files
    ]


def sent_before(
    manager: TransferManager,
    client: StorageClient,
    space_id: str,
    files: list[PlannedFile],
    folder_ids: dict[RemoteDir, str],
) -> dict[Path, Job]:
    """The planned files an earlier upload of this account already put where they are to go.

    A file counts when the journal has its upload done into the same folder under the same
    name, the local file still has the size and time it had then, and the service still holds
    what was uploaded there (one GetDentries call per 30 files). Keyed by source path.
    """
    done: dict[str, tuple[PlannedFile, Job]] = {}
    for planned in files:
        parent_id = folder_ids[planned.folder]
        job = manager.journal.find_latest(
            manager.account_key, Kind.UPLOAD, space_id, parent_id, str(planned.source.absolute())
        )
        if (
            job is not None
            and job.state == State.DONE
            and job.result
            and job.remote_name == planned.name
            and _unchanged_since(job, planned.source)
        ):
            done[job.result] = (planned, job)
    if not done:
        return {}
    sent: dict[Path, Job] = {}
    for item in client.get_dentries(space_id, list(done)):
        dentry = item.dentry
        if item.success and dentry is not None and item.dentry_id in done:
            planned, job = done[item.dentry_id]
            there = (dentry.parent_id, dentry.name, dentry.size) == (job.remote_id, job.remote_name, job.size)
            if there and not dentry.is_deleted:
                sent[planned.source] = job
    return sent


def _unchanged_since(job: Job, source: Path) -> bool:
    """Whether an upload's source still has the size and modification time it had when sent."""
    try:
        stat = source.stat()
    except OSError:
        return False
    return stat.st_size == job.size and stat.st_mtime == job.source_mtime
