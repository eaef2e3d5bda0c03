"""The commands of ``dentry-cli``; each takes the parsed arguments and the session, prints, returns 0."""

from __future__ import annotations

import argparse
import getpass
import sys
import time

from app.accounts.store import AccountError
from app.api import ApiError, StorageClient
from app.api.models import Dentry
from app.cli import output
from app.cli.remote_path import (
    ROOT_ID,
    PathError,
    RemotePath,
    remote_name,
    resolve,
    resolve_folder_id,
    resolve_item,
)
from app.cli.session import CliSession

THUMBNAIL_POLL_SECONDS = 0.5


def login(args: argparse.Namespace, session: CliSession) -> int:
    """Check the app secret with the service, then keep it in the OS keyring."""
    account = session.account
    if account.is_local:
        print("The local storage account needs no login.")
        return 0
    if args.name:
        account.name = args.name
    secret = sys.stdin.readline().rstrip("\r\n") if args.secret_stdin else getpass.getpass("App secret: ")
    if not secret:
        raise AccountError("No app secret was given")
    # A wrong secret is caught now, not on the first real command.
    StorageClient(account.endpoint, account.app_key, secret, account.union_id).transport.tokens.get()
    session.secrets.set(account, secret)
    session.store.save(account)
    session.store.set_default(account.name)
    print(
        output.terminal_safe(
            f"Logged in as {account.union_id} on {account.endpoint} (account {account.name!r})."
        )
    )
    print(f"The app secret is in the keyring ({session.secrets.backend_name()}).")
    return 0


def logout(args: argparse.Namespace, session: CliSession) -> int:
    """Remove the account's secret from the keyring (and the account itself with --forget)."""
    account = session.account
    if account.is_local:
        print("The local storage account has no secret to remove.")
        return 0
    session.secrets.delete(account)
    if args.forget:
        session.store.remove(account.name)
    print(
        output.terminal_safe(f"Signed out of {account.name!r}")
        + (" and forgot the account." if args.forget else ".")
    )
    return 0


def accounts(args: argparse.Namespace, session: CliSession) -> int:
    """List the accounts; the default one is marked with ``*``."""
    default = session.store.default_name()
    for account in session.store.accounts():
        mark = "*" if account.name == default else " "
        where = "embedded local service" if account.is_local else f"{account.endpoint}  {account.app_key}"
        print(
            output.terminal_safe(
                f"{mark} {output.shown(account.name)}  ({where}, unionId {account.union_id or '-'})"
            )
        )
    return 0


def spaces(args: argparse.Namespace, session: CliSession) -> int:
    """List the spaces of the account: org and personal ones, and those added by id."""
    client = session.client
    found = client.list_spaces("org") + client.list_spaces("personal")
    known = {space.id for space in found}
    found += [client.get_space(space_id) for space_id in session.account.spaces if space_id not in known]
    if args.json:
        output.print_json(found)
    else:
        for space in found:
            print(output.space_line(space))
    return 0


def ls(args: argparse.Namespace, session: CliSession) -> int:
    """List a folder (every page), or show one file."""
    path = RemotePath.parse(args.path)
    client = session.client
    target = resolve(client, path)
    if target is not None and not target.is_folder:
        entries = iter([target])
    else:
        folder = target.id if target else ROOT_ID
        entries = client.iter_dentries(path.space_id, folder, order_by="NAME", order="ASC")
    if args.json:
        output.print_json(list(entries))
        return 0
    for dentry in entries:
        print(output.dentry_line(dentry, args.long))
    return 0


def _existing(client: StorageClient, path: RemotePath) -> Dentry:
    return resolve_item(client, path)


def stat(args: argparse.Namespace, session: CliSession) -> int:
    """Every field of one dentry."""
    path = RemotePath.parse(args.path)
    dentry = session.client.get_dentry(path.space_id, _existing(session.client, path).id)
    if args.json:
        output.print_json(dentry)
    else:
        print("\n".join(output.dentry_details(dentry)))
    return 0


def mkdir(args: argparse.Namespace, session: CliSession) -> int:
    """Create a folder; with -p also its parents, and an existing folder is fine."""
    path = RemotePath.parse(args.path)
    if not path.names:
        raise PathError("Give the folder to create, e.g. SPACE:/New folder")
    client = session.client
    if args.parents:
        folder = ROOT_ID
        for name in path.names:
            folder = client.add_folder(path.space_id, folder, name, conflict="RETURN_DENTRY_IF_EXISTS").id
    else:
        parent = resolve_folder_id(client, path.parent)
        client.add_folder(path.space_id, parent, path.name, conflict="RETURN_ERROR_IF_EXISTS")
    return 0


def rename(args: argparse.Namespace, session: CliSession) -> int:
    """Give a file or folder a new name in the same folder."""
    path = RemotePath.parse(args.path)
    new_name = remote_name(args.new_name)
    session.client.rename_dentry(path.space_id, _existing(session.client, path).id, new_name)
    return 0


def remove(args: argparse.Namespace, session: CliSession) -> int:
    """Delete to the recycle bin (for good with --permanent); folders need -r."""
    client = session.client
    for text in args.paths:
        path = RemotePath.parse(text)
        dentry = _existing(client, path)
        if dentry.is_folder and not args.recursive:
            raise PathError(
                f"{output.shown(str(path))} is a folder; use -r to delete it with everything in it"
            )
        client.delete_dentry(path.space_id, dentry.id, to_recycle_bin=not args.permanent)
    return 0


def thumb(args: argparse.Namespace, session: CliSession) -> int:
    """Ask for a thumbnail with the KooDrive task, wait until it exists, print its URL and size."""
    path = RemotePath.parse(args.path)
    client = session.client
    dentry = _existing(client, path)
    if dentry.is_folder:
        raise PathError(f"{output.shown(str(path))} is a folder; thumbnails are made for files")
    client.generate_thumbnail(path.space_id, dentry.id)
    deadline = time.monotonic() + args.timeout
    while True:
        (result,) = client.get_thumbnails(path.space_id, [dentry.id])
        if result.thumbnail is not None:
            size = f"{result.thumbnail.width}x{result.thumbnail.height}"
            print(output.terminal_safe(f"{size} {result.thumbnail.url}"))
            return 0
        if result.error_code != "thumbnailNotExist" or time.monotonic() >= deadline:
            code = result.error_code or "thumbnailNotExist"
            raise ApiError(code, None, f"no thumbnail for {path}")
        time.sleep(THUMBNAIL_POLL_SECONDS)
