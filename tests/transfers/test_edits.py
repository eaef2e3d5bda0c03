"""Edit in place, the Qt-free part: records of opened copies, what a save means, where an edit goes.

The decisions are tested as plain functions; the uploads run through a real transfer manager
against the local service.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import time
from pathlib import Path

import pytest

from app.api import StorageClient
from app.api.models import Dentry
from app.localserver import LocalServer
from app.transfers.edits import (
    CopyState,
    Destination,
    EditLog,
    Fingerprint,
    OpenedCopy,
    copy_path,
    copy_state,
    decide,
    edit_date,
    edited_name,
    english_mark,
    fingerprint,
    queue_edit,
    record_copy,
    review,
    settle,
)
from app.transfers.journal import State
from app.transfers.names import name_problem
from tests.transfers.conftest import MakeManager
from tests.transfers.helpers import ACCOUNT, account_on, download_bytes, finish, upload_bytes

KEY = "local-user|dentry-local|http://127.0.0.1:1"
MARK = "edited on host 2026-12-04 14.30"


def save_like_an_editor(path: Path, text: str) -> None:
    """Write a temporary file beside `path` and rename it over `path`, as most editors save."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def file_dentry(
    name: str = "notes.txt", version: int = 1, dentry_id: str = "7", parent_id: str = "3"
) -> Dentry:
    return Dentry(dentry_id, "1001", parent_id, "FILE", name, size=5, version=version, status="NORMAL")


def opened(tmp_path: Path, text: str = "first", version: int = 1) -> tuple[EditLog, OpenedCopy]:
    """A copy of ``notes.txt`` (id 7) recorded as opened at `version`."""
    log = EditLog(tmp_path / "open" / "edits.sqlite3")
    path = copy_path(tmp_path / "open", "1001", file_dentry(version=version))
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return log, record_copy(log, path, KEY, "1001", file_dentry(version=version), version)


# --- the copy: unchanged, edited, missing --------------------------------------------------------


def test_a_copy_as_opened_is_unchanged_and_an_editors_save_is_an_edit(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path)
    assert copy_state(copy) == (CopyState.UNCHANGED, copy.base)
    save_like_an_editor(copy.path, "second")
    state, now = copy_state(copy)
    assert state == CopyState.EDITED
    assert now == fingerprint(copy.path)
    assert now is not None
    assert now.sha256 != copy.base.sha256


def test_a_save_of_the_same_bytes_is_no_edit(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path)
    later = time.time() + 60
    os.utime(copy.path, (later, later))
    state, now = copy_state(copy)
    assert state == CopyState.UNCHANGED
    assert now is not None
    assert now.mtime_ns != copy.base.mtime_ns


def test_a_copy_whose_size_and_time_are_as_recorded_is_not_read(tmp_path: Path) -> None:
    """Size and time as recorded: the copy is not read (that is what keeps looking at copies cheap)."""
    _log, copy = opened(tmp_path, "aaaaa")
    stat = copy.path.stat()
    copy.path.write_text("bbbbb", encoding="utf-8")
    os.utime(copy.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert copy_state(copy)[0] == CopyState.UNCHANGED
    os.utime(copy.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert copy_state(copy)[0] == CopyState.EDITED


def test_a_copy_that_is_gone_is_missing(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path)
    copy.path.unlink()
    assert copy_state(copy) == (CopyState.MISSING, None)
    assert fingerprint(copy.path) is None


# --- where an edit goes ----------------------------------------------------------------------------


def test_an_edit_of_the_current_version_becomes_its_next_version(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path, version=4)
    decision = decide(copy, file_dentry(version=4), MARK)
    assert (decision.destination, decision.parent_id, decision.name) == (
        Destination.NEW_VERSION,
        "3",
        "notes.txt",
    )
    assert decision.conflict == "overwrite"


def test_an_edit_follows_its_file_when_it_was_renamed_or_moved(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path, version=4)
    decision = decide(copy, file_dentry("plans.txt", version=4, parent_id="9"), MARK)
    assert (decision.destination, decision.parent_id, decision.name) == (
        Destination.NEW_VERSION,
        "9",
        "plans.txt",
    )


def test_an_edit_goes_beside_its_file_when_the_file_changed_on_the_service(tmp_path: Path) -> None:
    _log, copy = opened(tmp_path, version=4)
    decision = decide(copy, file_dentry(version=5), MARK)
    assert (decision.destination, decision.parent_id, decision.name) == (
        Destination.CHANGED,
        "3",
        "notes (edited on host 2026-12-04 14.30).txt",
    )
    assert decision.conflict == "rename"  # nothing is ever replaced


@pytest.mark.parametrize("status", [None, "DELETED"])
def test_an_edit_goes_where_its_file_was_when_the_file_is_gone(tmp_path: Path, status: str | None) -> None:
    _log, copy = opened(tmp_path, version=4)
    remote = (
        None if status is None else Dentry("7", "1001", "3", "FILE", "notes.txt", version=4, status=status)
    )
    decision = decide(copy, remote, MARK)
    assert (decision.destination, decision.parent_id, decision.name, decision.conflict) == (
        Destination.GONE,
        "3",
        "notes (edited on host 2026-12-04 14.30).txt",
        "rename",
    )


@pytest.mark.parametrize(
    ("name", "mark", "expected"),
    [
        ("report.docx", MARK, "report (edited on host 2026-12-04 14.30).docx"),
        ("README", MARK, "README (edited on host 2026-12-04 14.30)"),
        (".bashrc", MARK, ".bashrc (edited on host 2026-12-04 14.30)"),
        ("archive.tar.gz", MARK, "archive.tar (edited on host 2026-12-04 14.30).gz"),
        ("季度报告.pdf", "编辑于 主机 2026-12-04 14.30", "季度报告 (编辑于 主机 2026-12-04 14.30).pdf"),
        ("a.txt", "edited on bad|host\t2026-12-04 14.30", "a (edited on bad_host_2026-12-04 14.30).txt"),
    ],
)
def test_the_name_of_an_edit_beside_its_file(name: str, mark: str, expected: str) -> None:
    assert edited_name(name, mark) == expected
    assert name_problem(expected) is None


def test_a_long_name_of_an_edit_beside_its_file_is_shortened_to_what_the_service_takes() -> None:
    name = edited_name("x" * 250 + ".txt", MARK)
    assert name_problem(name) is None
    assert name.endswith(".txt")


def test_the_date_of_an_edit_sorts_and_has_no_colon() -> None:
    moment = time.mktime((2026, 12, 4, 14, 30, 59, 0, 0, -1))
    assert edit_date(int(moment * 1e9)) == "2026-12-04 14.30"
    assert english_mark("pc", "2026-12-04 14.30") == "edited on pc 2026-12-04 14.30"


# --- the records ---------------------------------------------------------------------------------


def test_records_outlive_the_program_and_belong_to_their_account(tmp_path: Path) -> None:
    log, copy = opened(tmp_path)
    other = OpenedCopy(tmp_path / "other.txt", "cloud|k|https://x", "1001", "7", "3", "n", 1, copy.base, 0.0)
    log.add(other)
    log.close()
    again = EditLog(tmp_path / "open" / "edits.sqlite3")
    assert again.of_account(KEY) == [copy]
    assert again.of_dentry(KEY, "1001", "7") == copy
    assert again.of_dentry(KEY, "1001", "8") is None
    again.forget(copy.path)
    assert again.get(copy.path) is None
    assert copy.path.exists()  # forgetting a copy never removes it


def test_a_new_copy_goes_into_a_folder_of_its_own(tmp_path: Path) -> None:
    root = tmp_path / "open"
    first = copy_path(root, "1001", file_dentry(version=2))
    assert first == root / "1001" / "7-v2" / "notes.txt"
    first.parent.mkdir(parents=True)
    assert copy_path(root, "1001", file_dentry(version=2)) == root / "1001" / "7-v2-2" / "notes.txt"


def test_a_new_copy_replaces_the_record_of_an_unchanged_one_but_never_of_an_edited_one(
    tmp_path: Path,
) -> None:
    log, old = opened(tmp_path, version=1)
    newer = copy_path(tmp_path / "open", "1001", file_dentry(version=2))
    newer.parent.mkdir(parents=True)
    newer.write_text("two", encoding="utf-8")
    record_copy(log, newer, KEY, "1001", file_dentry(version=2), 2)
    assert log.get(old.path) is None
    assert old.path.exists()
    save_like_an_editor(newer, "two, edited")
    newest = copy_path(tmp_path / "open", "1001", file_dentry(version=3))
    newest.parent.mkdir(parents=True)
    newest.write_text("three", encoding="utf-8")
    record_copy(log, newest, KEY, "1001", file_dentry(version=3), 3)
    assert log.get(newer) is not None  # it holds an edit: kept


# --- uploads against the service -------------------------------------------------------------------


def opened_on_service(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, text: str = "first"
) -> tuple[EditLog, OpenedCopy, Dentry]:
    """``notes.txt`` on the service, and a copy of it opened here."""
    dentry = upload_bytes(client, space_id, "notes.txt", text.encode())
    log = EditLog(tmp_path / "open" / "edits.sqlite3")
    path = copy_path(tmp_path / "open", space_id, dentry)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    key = account_on(server.url).key
    return log, record_copy(log, path, key, space_id, dentry, dentry.version), dentry


def test_an_edit_becomes_the_next_version_and_a_second_save_the_one_after(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager()
    log, copy, dentry = opened_on_service(tmp_path, client, space_id, server)
    assert queue_edit(log, copy.path, client, manager, ACCOUNT) is None  # nothing saved yet
    for number, text in enumerate(["second", "third, longer"], start=2):
        save_like_an_editor(copy.path, text)
        queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
        assert queued is not None
        assert queued.decision.destination == Destination.NEW_VERSION
        assert queued.job.conflict == "overwrite"
        [job] = finish(manager, [queued.job])
        assert job.state == State.DONE
        settled = settle(log, copy.path, job, client)
        assert settled is not None
        assert settled.dentry is not None
        assert not settled.beside
        assert not settled.edited_again
        assert (settled.dentry.id, settled.dentry.version) == (dentry.id, number)
        assert download_bytes(client, space_id, dentry.id) == text.encode()
        record = log.get(copy.path)
        assert record is not None
        assert (record.version, record.upload_job, record.base) == (number, None, fingerprint(copy.path))
    assert [d.name for d in client.iter_dentries(space_id, "0")] == ["notes.txt"]


def test_an_edit_of_a_file_changed_on_the_service_goes_beside_it(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager()
    log, copy, dentry = opened_on_service(tmp_path, client, space_id, server)
    upload_bytes(client, space_id, "notes.txt", b"someone else's", conflict="OVERWRITE")
    save_like_an_editor(copy.path, "mine")
    queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert queued is not None
    assert queued.decision.destination == Destination.CHANGED
    [job] = finish(manager, [queued.job])
    settled = settle(log, copy.path, job, client)
    assert settled is not None
    assert settled.beside
    assert settled.dentry is not None
    host = re.escape(socket.gethostname())
    assert re.fullmatch(rf"notes \(edited on {host} \d{{4}}-\d\d-\d\d \d\d\.\d\d\)\.txt", settled.dentry.name)
    assert download_bytes(client, space_id, dentry.id) == b"someone else's"  # untouched
    assert download_bytes(client, space_id, settled.dentry.id) == b"mine"
    # The copy now stands for the new file: the next save is its next version.
    assert settled.after.dentry_id == settled.dentry.id
    assert settled.after.version == 1
    save_like_an_editor(copy.path, "mine, again")
    again = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert again is not None
    assert again.decision.destination == Destination.NEW_VERSION
    assert again.decision.name == settled.dentry.name


def test_an_edit_of_a_deleted_file_goes_where_it_was(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager()
    log, copy, dentry = opened_on_service(tmp_path, client, space_id, server)
    client.delete_dentries(space_id, [dentry.id], to_recycle_bin=True)
    save_like_an_editor(copy.path, "still mine")
    queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert queued is not None
    assert queued.decision.destination == Destination.GONE
    [job] = finish(manager, [queued.job])
    settled = settle(log, copy.path, job, client)
    assert settled is not None
    assert settled.beside
    assert settled.dentry is not None
    assert download_bytes(client, space_id, settled.dentry.id) == b"still mine"


def test_no_second_upload_while_one_is_in_flight(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager(start=False)
    log, copy, _dentry = opened_on_service(tmp_path, client, space_id, server)
    save_like_an_editor(copy.path, "second")
    first = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert first is not None
    save_like_an_editor(copy.path, "third")
    assert queue_edit(log, copy.path, client, manager, ACCOUNT) is None
    assert [job.id for job in manager.jobs()] == [first.job.id]


def test_an_upload_that_ended_while_dentry_was_closed_is_settled_not_taken_for_an_edit(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager()
    log, copy, dentry = opened_on_service(tmp_path, client, space_id, server)
    save_like_an_editor(copy.path, "second")
    queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert queued is not None
    finish(manager, [queued.job])  # nobody settles it: the program "was closed"
    found = review(log, copy.account_key, client, manager.journal)
    assert found.edited == []
    assert found.uploading == []
    [settled] = found.settled
    assert settled.dentry is not None
    assert settled.dentry.version == 2
    save_like_an_editor(copy.path, "third")
    again = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert again is not None
    assert again.decision.destination == Destination.NEW_VERSION
    [job] = finish(manager, [again.job])
    assert settle(log, copy.path, job, client) is not None
    assert download_bytes(client, space_id, dentry.id) == b"third"
    assert [d.name for d in client.iter_dentries(space_id, "0")] == ["notes.txt"]


def test_review_finds_edits_and_forgets_copies_that_are_gone(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager(start=False)
    log, copy, _dentry = opened_on_service(tmp_path, client, space_id, server)
    other = upload_bytes(client, space_id, "gone.txt", b"x")
    gone = copy_path(tmp_path / "open", space_id, other)
    gone.parent.mkdir(parents=True)
    gone.write_bytes(b"x")
    record_copy(log, gone, copy.account_key, space_id, other, other.version)
    gone.unlink()
    save_like_an_editor(copy.path, "edited while closed")
    found = review(log, copy.account_key, client, manager.journal)
    assert [c.path for c in found.edited] == [copy.path]
    assert log.get(gone) is None
    queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert queued is not None
    in_flight = review(log, copy.account_key, client, manager.journal)
    assert (in_flight.edited, [c.path for c in in_flight.uploading]) == ([], [copy.path])


def test_a_cancelled_upload_leaves_the_edit_to_be_found_again(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager(start=False)
    log, copy, _dentry = opened_on_service(tmp_path, client, space_id, server)
    save_like_an_editor(copy.path, "second")
    queued = queue_edit(log, copy.path, client, manager, ACCOUNT)
    assert queued is not None
    manager.cancel(queued.job.id)
    found = review(log, copy.account_key, client, manager.journal)
    assert [c.path for c in found.edited] == [copy.path]
    record = log.get(copy.path)
    assert record is not None
    assert record.upload_job is None


def test_fingerprint_reads_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 7))
    print_ = fingerprint(path)
    assert isinstance(print_, Fingerprint)
    assert print_.size == 3 * 1024 * 1024 + 7
    assert print_.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_edit_of_a_file_whose_folder_is_gone_goes_to_the_root(
    tmp_path: Path, client: StorageClient, space_id: str, server: LocalServer, make_manager: MakeManager
) -> None:
    manager = make_manager()
    folder = client.add_folder(space_id, "0", "Team")
    dentry = upload_bytes(client, space_id, "notes.txt", b"first", parent_id=folder.id)
    log = EditLog(tmp_path / "open" / "edits.sqlite3")
    path = copy_path(tmp_path / "open", space_id, dentry)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first")
    record_copy(log, path, account_on(server.url).key, space_id, dentry, dentry.version)
    client.delete_dentries(space_id, [folder.id], to_recycle_bin=True)
    save_like_an_editor(path, "kept")
    queued = queue_edit(log, path, client, manager, ACCOUNT)
    assert queued is not None
    assert (queued.decision.destination, queued.decision.parent_id) == (Destination.GONE, "0")
    [job] = finish(manager, [queued.job])
    assert job.state == State.DONE
    assert download_bytes(client, space_id, job.result or "") == b"kept"
