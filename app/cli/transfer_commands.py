"""``get`` and ``put``: the transfer engine from the command line.

Both use the journal in the user's data folder, so running the same command again after an
interruption (Ctrl-C, a crash, a kill) continues the transfer instead of starting over. Both
honour the preferences file (streams per file, parallel transfers, bandwidth limits, the download
folder); their options override it for one command.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from app.api.models import Dentry
from app.cli.exit_codes import EXIT_OK, EXIT_OTHER, job_exit_code
from app.cli.output import human_size, say_error, shown
from app.cli.progress_bar import ProgressBar
from app.cli.remote_path import ROOT_ID, RemotePath, resolve, resolve_folder_id
from app.cli.session import CliSession
from app.cli.version_commands import existing_file, find_version
from app.preferences import MAX_PARALLEL_TRANSFERS, MAX_STREAMS_PER_FILE, Preferences, PreferencesFile
from app.transfers.folder_download import arrived_before, plan_download, queue_download
from app.transfers.folders import plan_upload, queue_plan
from app.transfers.journal import Job, Journal, Kind, State
from app.transfers.manager import JobEvent, TransferManager, default_journal_path

CONFLICTS = ("rename", "overwrite", "skip", "fail")


def byte_rate(text: str) -> int:
    """``500K``, ``2M``, ``1.5G`` or plain bytes, per second."""
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    cleaned = text.strip().upper().removesuffix("/S").removesuffix("B").removesuffix("I")
    number, unit = (cleaned[:-1], cleaned[-1]) if cleaned[-1:] in "KMG" else (cleaned, "")
    try:
        rate = int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate like 500K or 2M") from None
    if rate <= 0:
        raise argparse.ArgumentTypeError("the rate must be positive")
    return rate


def streams(text: str) -> int:
    """``--segments``: a number of streams per file, 1 to 8."""
    return _count(text, MAX_STREAMS_PER_FILE)


def parallel(text: str) -> int:
    """``--parallel``: a number of files at once, 1 to 16."""
    return _count(text, MAX_PARALLEL_TRANSFERS)


def _count(text: str, most: int) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= most:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to {most}")
    return number


def preferences() -> Preferences:
    """The preferences file's choices; what is wrong with it is said on stderr, one line each."""
    store = PreferencesFile()
    chosen = store.load()
    for warning in store.warnings:
        say_error(warning)
    return chosen


def _manager(session: CliSession, args: argparse.Namespace, chosen: Preferences) -> TransferManager:
    """The queue of the session's account with the preferences, overridden by the command's options.

    Says on stderr how many jobs of other accounts wait.
    """
    journal = Journal(default_journal_path())
    manager = TransferManager(journal, account=session.account, client=session.client)
    changes: dict[str, object] = {}
    if args.segments is not None:
        changes["streams_per_file"] = args.segments
    if args.parallel is not None:
        changes["parallel_transfers"] = args.parallel
    if args.limit is not None:
        changes["download_limit"] = changes["upload_limit"] = args.limit
    manager.apply(chosen.replace(**changes))
    others = manager.other_jobs()
    unkeyed = sum(1 for job in others if job.account_key is None)
    if len(others) > unkeyed:
        _say_waiting(len(others) - unkeyed, "of other accounts", "they run when you use those accounts")
    if unkeyed:
        _say_waiting(
            unkeyed,
            "recorded without their account",
            "run the same command as their account to continue them",
        )
    return manager


def _files(number: int) -> str:
    """``1 file was`` / ``3 files were``."""
    return f"{number} file was" if number == 1 else f"{number} files were"


def _say_waiting(number: int, whose: str, when: str) -> None:
    """``2 transfers of other accounts are waiting; …`` on stderr."""
    transfers, are = ("transfer", "is") if number == 1 else ("transfers", "are")
    print(f"{number} {transfers} {whose} {are} waiting; {when}", file=sys.stderr)


def _run(manager: TransferManager, jobs: list[Job], total: int, as_json: bool) -> list[Job]:
    """Run the jobs to the end, with a progress bar on a terminal; Ctrl-C leaves them resumable."""
    bar = ProgressBar(total)
    moved: dict[int, int] = {}

    def record(event: JobEvent) -> None:
        moved[event.job.id] = max(moved.get(event.job.id, 0), event.progress.moved)

    manager.subscribe(bar)
    manager.subscribe(record)
    started = time.monotonic()
    manager.start()
    try:
        manager.wait([job.id for job in jobs])
    finally:
        manager.shutdown()
        bar.finish()
    finished = [manager.journal.get(job.id) for job in jobs]
    seconds = time.monotonic() - started
    if as_json:
        summary = [
            {
                "id": job.id,
                "state": str(job.state),
                "name": job.remote_name,
                "local": job.local_path,
                "size": job.size,
                "result": job.result,
                "error": job.error,
                "moved": moved.get(job.id, 0),
            }
            for job in finished
        ]
        json.dump({"seconds": round(seconds, 3), "jobs": summary}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif bar.enabled:
        done = [job for job in finished if job.state == State.DONE]
        size = sum(job.size or 0 for job in done)
        rate = human_size(int(sum(moved.values()) / seconds)) if seconds > 0 else "-"
        print(
            f"{len(done)} of {len(finished)} done, {human_size(size)} in {seconds:.1f} s ({rate}/s)",
            file=sys.stderr,
        )
    return finished


def _exit_code(jobs: list[Job]) -> int:
    """Says why each failed job failed; the exit code of their cause when they share one."""
    failed = [job for job in jobs if job.state == State.FAILED]
    for job in failed:
        say_error(f"{shown(job.remote_name)}: {job.error}")
    causes = {job_exit_code(job.error_code) for job in failed}
    if not failed:
        return EXIT_OK
    return causes.pop() if len(causes) == 1 else EXIT_OTHER


def get(args: argparse.Namespace, session: CliSession) -> int:
    """Download a file, or a folder with everything in it.

    LOCAL may be an existing folder (the download goes inside it) or a new name (default: here).
    """
    chosen = preferences()
    path = RemotePath.parse(args.path)
    if args.version is not None:
        # One version, as it was: never started over when a newer one appears meanwhile.
        dentry = find_version(session.client, path, existing_file(session.client, path), args.version)
    else:
        found = resolve(session.client, path)
        if found is None or found.is_folder:
            return _get_folder(args, session, path, found, chosen)
        dentry = found
    local = _local(args, chosen)
    if local.is_dir() or (args.local or "").endswith(("/", "\\")):
        local = local / dentry.name
    manager = _manager(session, args, chosen)
    batch = manager.new_batch(Kind.DOWNLOAD, str(local.parent))
    earlier = arrived_before(manager, path.space_id, dentry, local)
    if earlier is not None:  # e.g. a run killed after it finished: nothing to fetch again
        print(f"{shown(dentry.name)} was downloaded before; not fetched again", file=sys.stderr)
    job = earlier or manager.add_download(
        session.account.name,
        path.space_id,
        dentry.id,
        dentry.name,
        local,
        conflict=args.conflict,
        segments=args.segments,
        version=dentry.version,
        size=dentry.size,
        batch=batch.id,
        pinned=args.version is not None,
    )
    if job.bytes_done:
        print(f"Continuing {shown(dentry.name)} from {human_size(job.bytes_done)}", file=sys.stderr)
    return _exit_code(_run(manager, [job], dentry.size or 0, args.json))


def _local(args: argparse.Namespace, chosen: Preferences) -> Path:
    """Where ``get`` puts things: LOCAL, else the preferences' download folder, else here."""
    if args.local:
        return Path(args.local)
    return Path(chosen.download_folder).expanduser() if chosen.download_folder else Path.cwd()


def _get_folder(
    args: argparse.Namespace,
    session: CliSession,
    path: RemotePath,
    folder: Dentry | None,
    chosen: Preferences,
) -> int:
    """A folder (or the whole space, for its root) as a local folder of the same shape."""
    local = _local(args, chosen)
    if folder is None:  # the root: its contents go into LOCAL itself
        top = Dentry(id=ROOT_ID, space_id=path.space_id, parent_id="", type="FOLDER", name="")
        target = local
    elif local.is_dir():
        top, target = folder, local
    else:  # a new name for the folder, as with cp -r
        top, target = dataclasses.replace(folder, name=local.name), local.parent
    if sys.stderr.isatty():
        print(f"Listing {shown(str(path))}…", file=sys.stderr)
    plan = plan_download(session.client, path.space_id, [top])
    manager = _manager(session, args, chosen)
    batch = manager.new_batch(Kind.DOWNLOAD, str(target))
    queued = queue_download(
        plan, manager, session.account.name, path.space_id, target, args.conflict, batch=batch.id
    )
    for problem in [*plan.problems, *queued.problems]:
        say_error(f"{shown(f'{path}/{problem.path}')}: {problem.reason}")
    if queued.already_here:
        print(f"{_files(queued.already_here)} downloaded before; not fetched again", file=sys.stderr)
    finished = _run(manager, queued.jobs, queued.total_bytes, args.json)
    return _exit_code(finished) or (1 if plan.problems or queued.problems else 0)


def put(args: argparse.Namespace, session: CliSession) -> int:
    """Upload files and folders (recursively) into a remote folder."""
    chosen = preferences()
    target = RemotePath.parse(args.target)
    plan = plan_upload([Path(source) for source in args.sources], args.on_bad_name)
    for problem in plan.problems:
        say_error(f"{shown(str(problem.path))}: {problem.reason}")
    if plan.blocked:
        say_error("nothing was uploaded; rename those files, or use --on-bad-name replace|skip")
        return 5
    client = session.client
    parent = resolve_folder_id(client, target)
    manager = _manager(session, args, chosen)
    batch = manager.new_batch(Kind.UPLOAD, str(target))
    jobs = queue_plan(
        plan,
        manager,
        client,
        session.account.name,
        target.space_id,
        parent,
        args.conflict,
        batch=batch.id,
        segments=args.segments,
        skip_sent=True,
    )
    sent = [job for job in jobs if job.state == State.DONE]
    if sent:
        print(f"{_files(len(sent))} uploaded before; not sent again", file=sys.stderr)
    total = plan.total_bytes - sum(job.size or 0 for job in sent)
    return _exit_code(_run(manager, jobs, total, args.json))
