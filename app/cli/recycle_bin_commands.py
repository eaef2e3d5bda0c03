"""``trash ls|restore|rm|empty``: a space's recycle bin from the command line.

Items are named by the ids ``trash ls`` prints (an item id, not the deleted dentry's id). A
restore puts each item back in its original folder, or the nearest folder above it that still
exists; what happens when the name is taken meanwhile is ``--conflict``, as for ``put``. Failed
items are one line each on stderr, and the exit code is their cause's (1 when causes differ).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.api import ApiError, StorageClient
from app.api.models import RecycleBin, RecycleItem, RestoreResult
from app.cli import output
from app.cli.exit_codes import EXIT_NOT_FOUND, EXIT_OK, EXIT_OTHER, EXIT_USAGE, exit_code
from app.cli.remote_path import PathError, RemotePath
from app.cli.session import CliSession
from app.transfers.upload import CONFLICT_STRATEGIES


def space_argument(text: str) -> str:
    """A space given as ``1001``, ``1001:`` or ``1001:/`` (a space, not a path inside it)."""
    if ":" not in text:
        text += ":"
    path = RemotePath.parse(text)
    if path.names:
        raise PathError(f"{output.shown(text)}: give a space (e.g. {path.space_id}), not a path in it")
    return path.space_id


def _bin_and_items(client: StorageClient, space_id: str) -> tuple[RecycleBin, dict[str, RecycleItem]]:
    recycle_bin = client.get_recycle_bin(space_id)
    return recycle_bin, {item.id: item for item in client.list_recycle_items(recycle_bin.id)}


def _original(item: RecycleItem | None) -> str:
    if item is None:
        return ""
    return item.original_path or item.original_name


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def ls(args: argparse.Namespace, session: CliSession) -> int:
    """The items of a space's recycle bin, the latest deletions first."""
    client = session.client
    _bin, items = _bin_and_items(client, space_argument(args.space))
    if args.json:
        output.print_json(list(items.values()))
        return EXIT_OK
    width = max((output.cells(output.shown(item.operator_id or "-")) for item in items.values()), default=0)
    for item in items.values():
        print(output.recycle_item_line(item, width))
    return EXIT_OK


def restore(args: argparse.Namespace, session: CliSession) -> int:
    """Put items back where they were (every item with --all)."""
    if bool(args.item_ids) == args.all:
        output.say_error("give the ids of the items to restore (`dentry-cli trash ls SPACE`), or --all")
        return EXIT_USAGE
    space_id = space_argument(args.space)
    client = session.client
    recycle_bin, items = _bin_and_items(client, space_id)
    wanted = list(items) if args.all else list(dict.fromkeys(args.item_ids))
    if not wanted:
        print("The recycle bin is empty.", file=sys.stderr)
        return EXIT_OK
    conflict = CONFLICT_STRATEGIES[args.conflict]
    results = client.restore_recycle_items(recycle_bin.id, wanted, conflict=conflict)
    kept = _kept_in_bin(client, recycle_bin, items, results) if args.conflict == "skip" else set()
    restored_ids = [
        r.dentry_id for r in results if r.success and r.dentry_id and r.recycle_item_id not in kept
    ]
    paths = {
        result.dentry_id: result.dentry.path
        for result in client.get_dentries(space_id, restored_ids)
        if result.dentry is not None
    }
    report: list[dict[str, Any]] = []
    failed: list[ApiError] = []
    for result in results:
        item = items.get(result.recycle_item_id)
        path = paths.get(result.dentry_id or "")
        outcome = _outcome(result, kept)
        error = result.error
        report.append(
            {
                "recycle_item_id": result.recycle_item_id,
                "outcome": outcome,
                "original_path": _original(item) if item else None,
                "path": path,
                "dentry_id": result.dentry_id,
                "task_id": result.task_id,
                "error_code": result.error_code,
                "error": error.sentence if error else None,
            }
        )
        if error is not None:
            failed.append(error)
            named = output.shown(result.recycle_item_id)
            if item is not None:
                named += f" ({output.shown(_original(item))})"
            output.say_error(f"{named}: {error.sentence}")
        elif not args.json:
            print(_restored_line(outcome, _original(item), path, result))
    if args.json:
        output.print_json(report)
    causes = {exit_code(error) for error in failed}
    if not failed:
        return EXIT_OK
    return causes.pop() if len(causes) == 1 else EXIT_OTHER


def _outcome(result: RestoreResult, kept: set[str]) -> str:
    """``restored``, ``pending`` (in the background), ``kept`` (in the bin: skipped) or ``failed``."""
    if not result.success:
        return "failed"
    if result.recycle_item_id in kept:
        return "kept"
    return "pending" if result.pending else "restored"


def _restored_line(outcome: str, original: str, path: str | None, result: RestoreResult) -> str:
    if outcome == "kept":
        return f"kept in the recycle bin: {output.shown(original)} (the name is taken)"
    if outcome == "pending":
        return output.terminal_safe(
            f"restoring {output.shown(original)} in the background (task {result.task_id})"
        )
    if path is not None and path != original:
        return f"restored {output.shown(original)} as {output.shown(path)}"
    return f"restored {output.shown(path or original)}"


def _kept_in_bin(
    client: StorageClient,
    recycle_bin: RecycleBin,
    items: dict[str, RecycleItem],
    results: list[RestoreResult],
) -> set[str]:
    """The items a ``skip`` left in the bin because their name was taken.

    Such an answer names the dentry that holds the name instead; asking the bin tells it apart
    from a service that restores items under new ids.
    """
    kept = set()
    for result in results:
        item = items.get(result.recycle_item_id)
        if result.success and not result.pending and (item is None or result.dentry_id != item.dentry_id):
            try:
                client.get_recycle_item(recycle_bin.id, result.recycle_item_id)
            except ApiError as error:
                if error.code != "recycleItemNotExist":
                    raise
                continue
            kept.add(result.recycle_item_id)
    return kept


def remove(args: argparse.Namespace, session: CliSession) -> int:
    """Delete items for good; ids not in the bin are named on stderr (exit code 3)."""
    space_id = space_argument(args.space)
    client = session.client
    recycle_bin, items = _bin_and_items(client, space_id)
    wanted = list(dict.fromkeys(args.item_ids))
    unknown = [item_id for item_id in wanted if item_id not in items]
    known = [item_id for item_id in wanted if item_id in items]
    if known:
        client.delete_recycle_items(recycle_bin.id, known)
    for item_id in unknown:
        output.say_error(
            f"{output.shown(item_id)}: no such item in the recycle bin of space {output.shown(space_id)}"
        )
    return EXIT_NOT_FOUND if unknown else EXIT_OK


def empty(args: argparse.Namespace, session: CliSession) -> int:
    """Delete every item of the bin for good, after asking (unless --yes)."""
    space_id = space_argument(args.space)
    if not args.yes and not sys.stdin.isatty():
        output.say_error("not emptying the recycle bin without --yes (there is no terminal to ask on)")
        return EXIT_USAGE
    client = session.client
    recycle_bin, items = _bin_and_items(client, space_id)
    if not args.yes:
        if not items:
            print("The recycle bin is empty.", file=sys.stderr)
            return EXIT_OK
        count = _plural(len(items), "item")
        question = f"Delete the {count} in the recycle bin of space {space_id} for good? [y/N] "
        print(output.terminal_safe(question), end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            print("Nothing was deleted.", file=sys.stderr)
            return EXIT_OK
    client.clear_recycle_bin(recycle_bin.id)
    return EXIT_OK
