"""``dentry-cli``: argument parsing, and turning every failure into one line and an exit code.

Exit codes:
    0 success · 2 usage · 3 not found · 4 not allowed (permission, token, secret) ·
    5 refused input (bad name, name taken, bad parameter, quota, the service's disk full) ·
    6 network or service trouble (try again) · 7 local set-up (accounts file, keyring, transfer
    journal) · 1 any other service error · 130 interrupted.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Callable

from app.accounts.secrets import SecretError
from app.accounts.store import AccountError
from app.api import ApiError, redact
from app.api.models import ROLES
from app.cli import (
    commands,
    move_commands,
    recycle_bin_commands,
    share_commands,
    transfer_commands,
    version_commands,
)
from app.cli.exit_codes import (
    EXIT_INTERRUPTED,
    EXIT_NOT_ALLOWED,
    EXIT_NOT_FOUND,
    EXIT_OTHER,
    EXIT_SETUP,
    EXIT_USAGE,
    exit_code,
)
from app.cli.output import say_error
from app.cli.remote_path import PathError
from app.cli.session import CliSession
from app.transfers.journal import JournalError

EPILOG = """remote paths are SPACE_ID:/folder/name

exit codes:
  0 success    4 not allowed (permission, token, secret)           7 local set-up (accounts,
  2 usage      5 refused (bad name, name taken, quota, disk full)    keyring, transfer journal)
  3 not found  6 network or service trouble: try again             1 other service error
                                                                 130 interrupted
"""

Command = Callable[[argparse.Namespace, CliSession], int]


def build_parser() -> argparse.ArgumentParser:
    """All commands and options."""
    parser = argparse.ArgumentParser(
        prog="dentry-cli",
        description="Browse and change DingTalk organization storage (or Dentry's local storage).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--account", help="a saved account (default: the last one used)")
    parser.add_argument("--endpoint", help="Open API base URL, e.g. https://api.dingtalk.com")
    parser.add_argument("--app-key", help="the app's appKey")
    parser.add_argument("--union-id", help="the unionId of the user to act as")
    parser.add_argument("-v", "--verbose", action="store_true", help="log HTTP calls (secrets are masked)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, command: Command, help_text: str) -> argparse.ArgumentParser:
        child = sub.add_parser(name, help=help_text, description=help_text)
        child.set_defaults(run=command)
        return child

    login = add("login", commands.login, "check an app secret and store it in the OS keyring")
    login.add_argument("--secret-stdin", action="store_true", help="read the secret from standard input")
    login.add_argument("--name", help="name to save the account under")
    logout = add("logout", commands.logout, "remove the account's secret from the keyring")
    logout.add_argument("--forget", action="store_true", help="also forget the account")
    add("accounts", commands.accounts, "list saved accounts")
    spaces = add("spaces", commands.spaces, "list the spaces you can use")
    spaces.add_argument("--json", action="store_true", help="print JSON")
    ls = add("ls", commands.ls, "list a folder")
    ls.add_argument("path", metavar="SPACE:/PATH")
    ls.add_argument("-l", "--long", action="store_true", help="size, date and id too")
    ls.add_argument("--json", action="store_true", help="print JSON")
    stat = add("stat", commands.stat, "show every field of a file or folder")
    stat.add_argument("path", metavar="SPACE:/PATH")
    stat.add_argument("--json", action="store_true", help="print JSON")
    mkdir = add("mkdir", commands.mkdir, "create a folder")
    mkdir.add_argument("path", metavar="SPACE:/PATH")
    mkdir.add_argument(
        "-p", "--parents", action="store_true", help="create parents; an existing folder is fine"
    )
    for name, command, help_text in (
        ("cp", move_commands.copy, "copy files and folders into a folder, or one of them to a new name"),
        ("mv", move_commands.move, "move files and folders into a folder, or one of them to a new name"),
    ):
        batch = add(name, command, help_text)
        batch.add_argument(
            "paths",
            nargs="+",
            metavar="SPACE:/PATH",
            help="what to copy or move, then where: an existing folder, or a new name for one item",
        )
        batch.add_argument(
            "--conflict",
            choices=move_commands.CONFLICT_STRATEGIES,
            default="fail",
            help=move_commands.CONFLICT_HELP,
        )
        batch.add_argument("--json", action="store_true", help="print what became of each item as JSON")
    rename = add("rename", commands.rename, "rename a file or folder")
    rename.add_argument("path", metavar="SPACE:/PATH")
    rename.add_argument("new_name", metavar="NEW_NAME")
    share = add("share", share_commands.share, "give a user a role on a file or folder and all in it")
    share.usage = share_commands.USAGE
    share.add_argument(
        "path", metavar="SPACE:/PATH", help="what to share (SPACE:/ is the whole space), or ls"
    )
    share.add_argument("member", nargs="?", metavar="UNIONID", help="whom to share it with")
    share.add_argument(
        "--role",
        type=str.upper,
        choices=ROLES,
        help="READER (list), DOWNLOADER (also download), EDITOR (also change), MANAGER (also share), OWNER",
    )
    share.add_argument(
        "--for",
        dest="duration",
        type=share_commands.duration,
        metavar="DURATION",
        help="until it lapses: 30m, 12h, 7d",
    )
    share.add_argument("--json", action="store_true", help="share ls: print JSON")
    unshare = add("unshare", share_commands.unshare, "take back the role a user holds on a file or folder")
    unshare.add_argument("path", metavar="SPACE:/PATH")
    unshare.add_argument("member", metavar="UNIONID")
    unshare.add_argument("--role", type=str.upper, choices=ROLES, help="only if it is this role")
    rm = add("rm", commands.remove, "delete files or folders (to the recycle bin)")
    rm.add_argument("paths", nargs="+", metavar="SPACE:/PATH")
    rm.add_argument("-r", "--recursive", action="store_true", help="allow deleting folders")
    rm.add_argument("--permanent", action="store_true", help="delete for good, not to the recycle bin")
    trash = sub.add_parser(
        "trash", help="the recycle bin of a space", description="List, restore or delete what was deleted."
    )
    trash_sub = trash.add_subparsers(dest="trash_command", required=True, metavar="ACTION")

    def add_trash(name: str, command: Command, help_text: str) -> argparse.ArgumentParser:
        child = trash_sub.add_parser(name, help=help_text, description=help_text)
        child.add_argument("space", metavar="SPACE", help="a space id (SPACE_ID or SPACE_ID:)")
        child.set_defaults(run=command)
        return child

    trash_ls = add_trash("ls", recycle_bin_commands.ls, "list the items in the recycle bin, latest first")
    trash_ls.add_argument("--json", action="store_true", help="print JSON")
    trash_restore = add_trash(
        "restore", recycle_bin_commands.restore, "put items back in their folders (the nearest one left)"
    )
    trash_restore.add_argument("item_ids", nargs="*", metavar="ITEM_ID", help="ids from `trash ls`")
    trash_restore.add_argument("--all", action="store_true", help="every item in the recycle bin")
    trash_restore.add_argument(
        "--conflict",
        choices=transfer_commands.CONFLICTS,
        default="rename",
        help="the name is taken: rename (default), overwrite (the other one goes to the bin), "
        "skip (leave the item in the bin) or fail",
    )
    trash_restore.add_argument("--json", action="store_true", help="print JSON")
    trash_rm = add_trash("rm", recycle_bin_commands.remove, "delete items for good")
    trash_rm.add_argument("item_ids", nargs="+", metavar="ITEM_ID", help="ids from `trash ls`")
    trash_empty = add_trash(
        "empty", recycle_bin_commands.empty, "delete everything in the recycle bin for good"
    )
    trash_empty.add_argument("--yes", action="store_true", help="do not ask (needed without a terminal)")
    versions = add("versions", version_commands.versions, "list the versions of a file, newest first")
    versions.add_argument("path", metavar="SPACE:/PATH")
    versions.add_argument("--json", action="store_true", help="print JSON")
    revert = add("revert", version_commands.revert, "make an older version of a file the newest again")
    revert.add_argument("path", metavar="SPACE:/PATH")
    revert.add_argument("version", type=int, metavar="VERSION", help="a version number from `versions`")
    get = add("get", transfer_commands.get, "download a file or folder (an interrupted download continues)")
    get.add_argument("path", metavar="SPACE:/PATH")
    get.add_argument(
        "local",
        nargs="?",
        metavar="LOCAL",
        help="file or folder (default: the preferences' download folder, else here)",
    )
    get.add_argument(
        "--segments",
        type=transfer_commands.streams,
        metavar="N",
        help="streams per large file, 1-8 (default: as many as pay, or the preferences' number)",
    )
    get.add_argument(
        "--parallel",
        type=transfer_commands.parallel,
        metavar="N",
        help="files at once, 1-16 (default: as many as pay, or the preferences' number)",
    )
    get.add_argument(
        "--conflict",
        choices=transfer_commands.CONFLICTS,
        default="rename",
        help="LOCAL exists: rename to 'name (1).ext' (default), overwrite, skip or fail",
    )
    get.add_argument("--json", action="store_true", help="print a JSON summary")
    get.add_argument("--version", type=int, metavar="N", help="that version of a file (see `versions`)")
    get.add_argument(
        "--limit",
        type=transfer_commands.byte_rate,
        metavar="RATE",
        help="at most RATE/s, e.g. 2M (default: the preferences' download limit)",
    )
    put = add("put", transfer_commands.put, "upload files and folders (interrupted uploads continue)")
    put.add_argument("sources", nargs="+", metavar="LOCAL")
    put.add_argument("target", metavar="SPACE:/FOLDER")
    put.add_argument(
        "--conflict",
        choices=transfer_commands.CONFLICTS,
        default="rename",
        help="the name exists remotely: rename (default), overwrite, skip or fail",
    )
    put.add_argument(
        "--on-bad-name",
        choices=("fail", "replace", "skip"),
        default="fail",
        help="names the service refuses: fail (default; lists them all), replace or skip",
    )
    put.add_argument("--json", action="store_true", help="print a JSON summary")
    put.add_argument(
        "--limit",
        type=transfer_commands.byte_rate,
        metavar="RATE",
        help="at most RATE/s, e.g. 2M (default: the preferences' upload limit)",
    )
    put.add_argument(
        "--segments",
        type=transfer_commands.streams,
        metavar="N",
        help="parts in flight per large file, 1-8 (default: as many as pay, or the preferences' number)",
    )
    put.add_argument(
        "--parallel",
        type=transfer_commands.parallel,
        metavar="N",
        help="files at once, 1-16 (default: as many as pay, or the preferences' number)",
    )
    thumb = add("thumb", commands.thumb, "have a thumbnail made and wait for it")
    thumb.add_argument("path", metavar="SPACE:/PATH")
    thumb.add_argument("--timeout", type=float, default=60.0, help="seconds to wait (default 60)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; never a traceback for an API, network or set-up error."""
    _tolerant_output()
    args = build_parser().parse_args(argv)
    redact.install()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # A cut answer's headers: urllib3 warns with a traceback, our transport reports and retries it.
    logging.getLogger("urllib3.connection").setLevel(logging.ERROR)
    session: CliSession | None = None
    try:
        session = CliSession(args)
        return int(args.run(args, session))
    except ApiError as error:
        request = f" (request id {error.request_id})" if error.request_id else ""
        say_error(f"{error.sentence}{request}")
        return exit_code(error)
    except PathError as error:
        say_error(str(error))
        return EXIT_NOT_FOUND if "does not exist" in str(error) else EXIT_USAGE
    except JournalError as error:
        say_error(str(error))
        return EXIT_SETUP
    except (AccountError, SecretError) as error:
        say_error(str(error))
        missing_secret = isinstance(error, AccountError) and "No app secret" in str(error)
        return EXIT_NOT_ALLOWED if missing_secret else EXIT_SETUP
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing left to say
        sys.stderr.close()
        return EXIT_OTHER
    except KeyboardInterrupt:
        say_error("interrupted")
        return EXIT_INTERRUPTED
    finally:
        if session is not None:
            session.close()


def _tolerant_output() -> None:
    """What the output's encoding cannot carry is printed as a backslash escape, not a traceback.

    A bare system's C locale with ``PYTHONUTF8=0``, or ``PYTHONIOENCODING=ascii``, gives an
    ASCII standard output; names are escaped by `output.shown`, and this catches the rest.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
