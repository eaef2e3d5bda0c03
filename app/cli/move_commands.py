"""``cp`` and ``mv``: several files and folders into a folder with batch calls, or one to a new name.

The arguments read as for cp(1) and mv(1): when the last one is an existing folder (or a space's
root), every other one goes into it; when it does not exist yet, the one source before it goes
to its folder under its name. Every source is looked up before anything changes. Items that fail
are named on stderr, one line each; the others are done.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, dataclass

from app.api import ApiError, StorageClient
from app.api.models import BatchItemResult, Dentry
from app.cli import output
from app.cli.exit_codes import causes_exit_code
from app.cli.remote_path import (
    ROOT_ID,
    PathError,
    RemotePath,
    lookup,
    resolve_folder_id,
    resolve_item,
)
from app.cli.session import CliSession

CONFLICT_STRATEGIES = {
    "fail": "RETURN_ERROR_IF_EXISTS",
    "rename": "AUTO_RENAME",
    "overwrite": "OVERWRITE",
    "skip": "RETURN_DENTRY_IF_EXISTS",
}
CONFLICT_HELP = (
    "a name the folder holds already: fail (default), rename to 'name (1).ext', "
    "overwrite (the replaced item goes to the recycle bin, a copied file becomes a new version) or skip"
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source (``--json``)."""

    source: str
    success: bool
    error_code: str | None = None
    error: str | None = None
    target_space_id: str | None = None
    target_dentry_id: str | None = None


def copy(args: argparse.Namespace, session: CliSession) -> int:
    """``cp SOURCE... FOLDER`` or ``cp SOURCE NEW_PATH``."""
    return _copy_or_move(args, session, moving=False)


def move(args: argparse.Namespace, session: CliSession) -> int:
    """``mv SOURCE... FOLDER`` or ``mv SOURCE NEW_PATH`` (which also renames)."""
    return _copy_or_move(args, session, moving=True)


def _copy_or_move(args: argparse.Namespace, session: CliSession, *, moving: bool) -> int:
    verb = "move" if moving else "copy"
    if len(args.paths) < 2:
        raise PathError(f"Give what to {verb} and, last, where to: SPACE:/a SPACE:/b SPACE:/Folder")
    *source_texts, target_text = args.paths
    sources = [RemotePath.parse(text) for text in source_texts]
    target = RemotePath.parse(target_text)
    client = session.client
    strategy = CONFLICT_STRATEGIES[args.conflict]
    folder = _existing_folder(client, target)
    if folder is None and len(sources) > 1:
        raise PathError(
            f"{output.shown(str(target))} is not a folder; several items go into an existing folder"
        )
    items = [(path, resolve_item(client, path)) for path in sources]
    for path, item in items:
        # The service refuses it too, but only with a bare paramError on that item.
        if (
            item.is_folder
            and path.space_id == target.space_id
            and target.names[: len(path.names)] == path.names
        ):
            raise PathError(f"Cannot {verb} {output.shown(str(path))} into itself")
    if folder is None:
        (path, item), parent = items[0], resolve_folder_id(client, target.parent)
        rename = _move_renamed if moving else _copy_renamed
        outcomes = [rename(client, path, item, target, parent, strategy)]
    else:
        outcomes = _into_folder(client, items, target.space_id, folder, strategy, moving=moving)
    return _report(outcomes, args.json)


def _existing_folder(client: StorageClient, target: RemotePath) -> str | None:
    """The id of the folder `target` names; None when nothing has that name yet (its folder exists)."""
    if not target.names:
        return ROOT_ID
    found = lookup(client, target)
    if found is None:
        return None
    if not found.is_folder:
        raise PathError(f"{output.shown(str(target))} exists already and is not a folder")
    return found.id


def _into_folder(
    client: StorageClient,
    items: list[tuple[RemotePath, Dentry]],
    target_space: str,
    folder: str,
    strategy: str,
    *,
    moving: bool,
) -> list[Outcome]:
    """Batch calls, one run per source space; the outcomes in the order of the sources."""
    by_id: dict[tuple[str, str], BatchItemResult] = {}
    for space_id in dict.fromkeys(path.space_id for path, _ in items):
        ids = [item.id for path, item in items if path.space_id == space_id]
        if moving:
            results = client.move_dentries(
                space_id, ids, folder, target_space_id=target_space, conflict=strategy
            )
        else:
            results = client.copy_dentries(
                space_id, ids, folder, target_space_id=target_space, conflict=strategy
            )
        by_id.update({(space_id, result.dentry_id): result for result in results})
    return [_outcome(path, by_id[(path.space_id, item.id)]) for path, item in items]


def _outcome(path: RemotePath, result: BatchItemResult) -> Outcome:
    if result.success:
        return Outcome(str(path), True, None, None, result.target_space_id, result.target_dentry_id)
    code = result.error_code or "unknownError"
    return Outcome(str(path), False, code, ApiError(code, None).sentence)


def _move_renamed(
    client: StorageClient, path: RemotePath, item: Dentry, target: RemotePath, parent: str, strategy: str
) -> Outcome:
    """Move one item to a new name: renamed first (moving under the old name could collide where
    the new one would not), and renamed back when the move then fails."""
    renamed = target.name != item.name
    if renamed:
        client.rename_dentry(path.space_id, item.id, target.name)
    if (target.space_id, parent) == (path.space_id, item.parent_id):
        return Outcome(str(path), True, target_space_id=path.space_id, target_dentry_id=item.id)
    try:
        (result,) = client.move_dentries(
            path.space_id, [item.id], parent, target_space_id=target.space_id, conflict=strategy
        )
        if not result.success and renamed:
            client.rename_dentry(path.space_id, item.id, item.name)
    except ApiError:  # the whole call refused (the target folder)
        if renamed:
            client.rename_dentry(path.space_id, item.id, item.name)
        raise
    return _outcome(path, result)


def _copy_renamed(
    client: StorageClient, path: RemotePath, item: Dentry, target: RemotePath, parent: str, _strategy: str
) -> Outcome:
    """Copy one item to a new name: copied beside whatever is there, then given the name (the copy
    is removed again when the name is refused)."""
    (result,) = client.copy_dentries(path.space_id, [item.id], parent, target_space_id=target.space_id)
    if result.success and result.target_dentry_id:
        try:
            client.rename_dentry(target.space_id, result.target_dentry_id, target.name)
        except ApiError:
            client.delete_dentry(target.space_id, result.target_dentry_id, to_recycle_bin=False)
            raise
    return _outcome(path, result)


def _report(outcomes: list[Outcome], as_json: bool) -> int:
    """Each failure on stderr, a JSON list on stdout with ``--json``; the exit code of the causes."""
    if as_json:
        output.print_json([asdict(outcome) for outcome in outcomes])
    failed = [outcome for outcome in outcomes if not outcome.success]
    for outcome in failed:
        output.say_error(f"{output.shown(outcome.source)}: {outcome.error}")
    return causes_exit_code(outcome.error_code for outcome in failed)
