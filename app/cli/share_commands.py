"""``share``, ``share ls`` and ``unshare``: the roles other users hold on a file or folder.

A role reaches everything below what it was granted on and nothing beside it; the user finds it
in their own ``dentry-cli spaces`` and browses down to it from the root of that space.
"""

from __future__ import annotations

import argparse
import dataclasses
import re

from app.api import ApiError, StorageClient
from app.api.models import Permission
from app.cli import output
from app.cli.exit_codes import EXIT_NOT_FOUND, EXIT_OK
from app.cli.remote_path import ROOT_ID, PathError, RemotePath, resolve, resolve_chain
from app.cli.session import CliSession

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
USAGE = (
    "dentry-cli share SPACE:/PATH UNIONID --role ROLE [--for DURATION]\n"
    "       dentry-cli share ls SPACE:/PATH [--json]"
)


def duration(text: str) -> int:
    """``90s``, ``30m``, ``12h``, ``7d``, ``2w`` or plain seconds, as a number of seconds."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhdw]?)\s*", text.lower())
    if match is None or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration like 30m, 12h or 7d")
    return int(match.group(1)) * UNITS[match.group(2) or "s"]


def _dentry_id(client: StorageClient, path: RemotePath) -> str:
    """The id of what `path` names; the root (``0``) stands for the whole space."""
    dentry = resolve(client, path)
    return ROOT_ID if dentry is None else dentry.id


def share(args: argparse.Namespace, session: CliSession) -> int:
    """Give UNIONID the role on PATH (replacing a role they held there); ``share ls`` lists roles."""
    if args.path == "ls":
        return _list(args, session)
    if args.member is None or args.role is None:
        raise PathError(f"usage: {USAGE}")
    path = RemotePath.parse(args.path)
    client = session.client
    client.add_permission(
        path.space_id, _dentry_id(client, path), args.role, [args.member], duration=args.duration
    )
    return EXIT_OK


def _list(args: argparse.Namespace, session: CliSession) -> int:
    """The roles granted on PATH, then those granted above it (where the operator may see them)."""
    if args.member is None or args.role is not None or args.duration is not None:
        raise PathError(f"usage: {USAGE}")
    path = RemotePath.parse(args.member)
    client = session.client
    chain = resolve_chain(client, path)
    places = [(RemotePath(path.space_id, ()), ROOT_ID)]
    places += [(RemotePath(path.space_id, path.names[: depth + 1]), d.id) for depth, d in enumerate(chain)]
    rows: list[tuple[str | None, Permission]] = []
    for place, dentry_id in reversed(places):
        here = dentry_id == places[-1][1]
        try:
            found = client.list_permissions(path.space_id, dentry_id)
        except ApiError as error:
            # A folder above is only on the way to what is shared: who holds it is not for this user.
            if error.code == "permissionDenied" and not here:
                continue
            raise
        rows += [(None if here else str(place), permission) for permission in found]
    if args.json:
        output.print_json([{**dataclasses.asdict(p), "granted_on": where or str(path)} for where, p in rows])
    else:
        for where, permission in rows:
            print(output.permission_line(permission, where))
    return EXIT_OK


def unshare(args: argparse.Namespace, session: CliSession) -> int:
    """Take back the role UNIONID holds on PATH itself (only that role with ``--role``)."""
    path = RemotePath.parse(args.path)
    client = session.client
    dentry_id = _dentry_id(client, path)
    held = [p.role for p in client.list_permissions(path.space_id, dentry_id) if p.member_id == args.member]
    member, place = output.shown(args.member), output.shown(str(path))
    if not held:
        output.say_error(
            f"{member} holds no role granted on {place} itself"
            " (a role granted on a folder above it is taken back there)"
        )
        return EXIT_NOT_FOUND
    if args.role is not None and args.role not in held:
        output.say_error(f"{member} holds {held[0]} on {place}, not {args.role}")
        return EXIT_NOT_FOUND
    for role in held if args.role is None else [args.role]:
        client.delete_permission(path.space_id, dentry_id, role, [args.member])
    return EXIT_OK
