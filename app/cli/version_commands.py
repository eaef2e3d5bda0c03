"""``versions`` and ``revert``: a file's versions, and bringing an older one back as the newest.

A revert adds a version (version 5 reverted to 3 becomes version 6 with version 3's content);
nothing is rewritten, so every version stays listed and can be fetched with ``get --version N``.
"""

from __future__ import annotations

import argparse

from app.api import StorageClient
from app.api.models import Dentry
from app.cli import output
from app.cli.remote_path import PathError, RemotePath, resolve
from app.cli.session import CliSession


def existing_file(client: StorageClient, path: RemotePath) -> Dentry:
    """The file at `path` (a folder, or the root, has no versions)."""
    dentry = resolve(client, path)
    if dentry is None or dentry.is_folder:
        raise PathError(f"{output.shown(str(path))} is a folder; only files have versions")
    return dentry


def find_version(client: StorageClient, path: RemotePath, file: Dentry, number: int) -> Dentry:
    """Version `number` of a file, with its own size and time (ListDentryVersions)."""
    for version in client.list_dentry_versions(path.space_id, file.id):
        if version.version == number:
            return version
    raise PathError(f"version {number} of {output.shown(str(path))} does not exist")


def versions(args: argparse.Namespace, session: CliSession) -> int:
    """Every version of a file, the newest (the current one) first."""
    path = RemotePath.parse(args.path)
    client = session.client
    found = client.list_dentry_versions(path.space_id, existing_file(client, path).id)
    if args.json:
        output.print_json(found)
    else:
        for version in found:
            print(output.version_line(version))
    return 0


def revert(args: argparse.Namespace, session: CliSession) -> int:
    """Make an older version the newest one again (as a new version: history stays)."""
    path = RemotePath.parse(args.path)
    client = session.client
    file = existing_file(client, path)
    client.revert_dentry_version(path.space_id, file.id, args.version)
    now = client.get_dentry(path.space_id, file.id)
    shown = output.shown(str(path))
    print(
        output.terminal_safe(
            f"{shown} is now version {now.version}, with the content of version {args.version}"
        )
    )
    return 0
