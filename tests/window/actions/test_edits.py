"""Edit in place, as a person does it: double-click a file, edit it in its application, save.

The application is played by the test: the window's "open with its application" is caught
(`opening_files`), and the copy is saved the way editors save, a temporary file renamed over it.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Dentry
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_SECRET, ServerConfig
from app.transfers.journal import Kind, State
from app.ui.actions import edits as edit_actions
from app.ui.dialogs.edits import UnsentEditsDialog
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from tests.ui.conftest import upload
from tests.window.conftest import running_window, window_account
from tests.window.helpers import (
    double_click,
    names,
    opening_files,
    row_of,
    save_like_an_editor,
    wait_for_dialog,
)

EDITED_NAME = r"{stem} \(edited on {host} \d{{4}}-\d\d-\d\d \d\d\.\d\d\)\.txt"


def content(client: StorageClient, space_id: str, dentry_id: str) -> bytes:
    """What the service holds for a file now."""
    signed = client.get_download_info(space_id, dentry_id)
    response = requests.get(signed.url, headers=signed.headers, timeout=10)
    response.raise_for_status()
    return response.content


def client_of(window: MainWindow) -> StorageClient:
    assert window.session.connection is not None
    return window.session.connection.client


def put_file(qtbot: QtBot, window: MainWindow, name: str, data: bytes) -> Dentry:
    """A new file in the space's root, listed in the window."""
    dentry = upload(client_of(window), window.model.space_id, "0", name, data)
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: name in names(window), timeout=10000)
    return dentry


def open_in_window(qtbot: QtBot, window: MainWindow, name: str) -> Path:
    """Double-click the file in the current view; the copy its application opened."""
    with opening_files() as opened:
        double_click(qtbot, window.views.current_view(), row_of(window, name))
        qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=15000)
    return opened.paths()[0]


def version_of(window: MainWindow, dentry: Dentry) -> int | None:
    return client_of(window).get_dentry(window.model.space_id, dentry.id).version


def edit_uploads(window: MainWindow, name: str) -> list[State]:
    """The states of the uploads the window's transfers list (the Transfers panel) has of `name`."""
    model = window.transfers_model
    jobs = [model.job(row) for row in range(model.rowCount())]
    return [job.state for job in jobs if job.kind == Kind.UPLOAD and job.remote_name == name]


@pytest.mark.parametrize("mode", ["details", "grid"])
def test_a_saved_edit_becomes_a_new_version_of_the_file(qtbot: QtBot, window: MainWindow, mode: str) -> None:
    name = f"Minutes {mode}.txt"
    dentry = put_file(qtbot, window, name, b"first draft\n")
    window.set_view_mode(mode)
    path = open_in_window(qtbot, window, name)
    assert path.read_bytes() == b"first draft\n"

    edited = b"first draft\nand what we decided\n"
    save_like_an_editor(path, edited)
    qtbot.waitUntil(lambda: version_of(window, dentry) == 2, timeout=15000)
    assert content(client_of(window), window.model.space_id, dentry.id) == edited
    # What the user sees: the status line, the Transfers panel, the file's new size in the view.
    qtbot.waitUntil(lambda: "is uploaded: version 2" in window.status.state_label.text(), timeout=10000)
    assert name in window.status.state_label.text()
    qtbot.waitUntil(lambda: edit_uploads(window, name) == [State.DONE], timeout=5000)
    shown = row_of(window, name).data(DentryRole)
    assert (shown.version, shown.size) == (2, len(edited))
    assert [d.name for d in client_of(window).iter_dentries(window.model.space_id, "0")].count(name) == 1


def test_a_second_save_uploads_a_further_version(qtbot: QtBot, window: MainWindow) -> None:
    dentry = put_file(qtbot, window, "Agenda.txt", b"1\n")
    path = open_in_window(qtbot, window, "Agenda.txt")
    # Saved as most editors save (a temporary file renamed over it), then written in place.
    for version, data, save in ((2, b"1\n2\n", save_like_an_editor), (3, b"1\n2\n3\n", Path.write_bytes)):
        save(path, data)
        qtbot.waitUntil(lambda v=version: version_of(window, dentry) == v, timeout=15000)
        qtbot.waitUntil(lambda v=version: f"version {v}" in window.status.state_label.text(), timeout=10000)
        assert content(client_of(window), window.model.space_id, dentry.id) == data
    # Opened again, it is the same copy (the editor's), not a fresh download.
    assert open_in_window(qtbot, window, "Agenda.txt") == path
    assert len(client_of(window).list_dentry_versions(window.model.space_id, dentry.id)) == 3


def test_an_edit_of_a_file_changed_on_the_service_goes_beside_it(qtbot: QtBot, window: MainWindow) -> None:
    client, space_id = client_of(window), window.model.space_id
    dentry = put_file(qtbot, window, "Budget notes.txt", b"ours\n")
    path = open_in_window(qtbot, window, "Budget notes.txt")
    # Meanwhile someone else saves a new version on the service.
    upload(client, space_id, "0", "Budget notes.txt", b"theirs\n", conflict="OVERWRITE")

    save_like_an_editor(path, b"ours, edited\n")
    pattern = re.compile(EDITED_NAME.format(stem="Budget notes", host=re.escape(socket.gethostname())))

    def beside() -> list[Dentry]:
        return [d for d in client.iter_dentries(space_id, "0") if pattern.fullmatch(d.name)]

    qtbot.waitUntil(lambda: len(beside()) == 1, timeout=15000)
    [edit] = beside()
    assert content(client, space_id, edit.id) == b"ours, edited\n"
    assert content(client, space_id, dentry.id) == b"theirs\n"  # nothing overwritten
    assert version_of(window, dentry) == 2
    # The user is told, and sees the new file.
    qtbot.waitUntil(lambda: edit.name in window.status.state_label.text(), timeout=10000)
    assert "changed on the service" in window.status.state_label.text()
    qtbot.waitUntil(lambda: edit.name in names(window), timeout=10000)


def test_editors_temporary_and_lock_files_are_not_uploaded(qtbot: QtBot, window: MainWindow) -> None:
    dentry = put_file(qtbot, window, "Plan.txt", b"plan\n")
    path = open_in_window(qtbot, window, "Plan.txt")
    folder = path.parent
    for scratch in (".~lock.Plan.txt#", "Plan.txt.swp", ".Plan.txt.swp", "~$Plan.txt", "Plan.txt~", "4913"):
        (folder / scratch).write_bytes(b"an editor's own file")
    save_like_an_editor(path, b"plan\n")  # saved without a change
    (folder / ".~lock.Plan.txt#").unlink()
    qtbot.wait(1500)  # well past the quiet moment a save is given
    assert edit_uploads(window, "Plan.txt") == []
    assert version_of(window, dentry) == 1
    assert {d.name for d in client_of(window).iter_dentries(window.model.space_id, "0")} & {
        "Plan.txt.swp",
        "~$Plan.txt",
        "Plan.txt~",
    } == set()
    # Still watched: a real save goes up, once.
    save_like_an_editor(path, b"plan, edited\n")
    qtbot.waitUntil(lambda: version_of(window, dentry) == 2, timeout=15000)
    qtbot.waitUntil(lambda: edit_uploads(window, "Plan.txt") == [State.DONE], timeout=5000)


def test_an_edit_saved_while_dentry_was_closed_is_offered_at_the_next_start(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as first:
        dentry = put_file(qtbot, first, "Offline notes.txt", b"before\n")
        path = open_in_window(qtbot, first, "Offline notes.txt")
    save_like_an_editor(path, b"written on the train\n")

    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as second:
        dialog = wait_for_dialog(qtbot, second, "UnsentEditsDialog")
        assert isinstance(dialog, UnsentEditsDialog)
        assert [dialog.list.item(row).text().split(" — ")[0] for row in range(dialog.list.count())] == [
            "Offline notes.txt"
        ]
        assert version_of(second, dentry) == 1  # nothing is uploaded before the user says so
        dialog.upload_button.click()
        qtbot.waitUntil(lambda: version_of(second, dentry) == 2, timeout=15000)
        assert content(client_of(second), second.model.space_id, dentry.id) == b"written on the train\n"
        qtbot.waitUntil(lambda: "is uploaded: version 2" in second.status.state_label.text(), timeout=10000)
        qtbot.waitUntil(lambda: row_of(second, "Offline notes.txt").data(DentryRole).version == 2)

    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as third:
        qtbot.wait(500)
        assert not [w for w in third.findChildren(UnsentEditsDialog) if w.isVisible()]


def test_discarded_edits_are_not_uploaded_and_their_copies_stay(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as first:
        dentry = put_file(qtbot, first, "Draft to drop.txt", b"v1\n")
        path = open_in_window(qtbot, first, "Draft to drop.txt")
    save_like_an_editor(path, b"not wanted\n")

    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as second:
        dialog = wait_for_dialog(qtbot, second, "UnsentEditsDialog")
        assert isinstance(dialog, UnsentEditsDialog)
        dialog.discard_button.click()
        qtbot.waitUntil(lambda: "discarded" in second.status.state_label.text(), timeout=5000)
        assert path.read_bytes() == b"not wanted\n"  # the local bytes are never lost
        assert version_of(second, dentry) == 1
        # Opened again: the service's version, in a copy of its own.
        again = open_in_window(qtbot, second, "Draft to drop.txt")
        assert again != path
        assert again.read_bytes() == b"v1\n"


def test_an_edit_saved_while_the_service_cannot_be_reached_goes_up_when_it_answers(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(edit_actions, "RETRY_MS", 300)  # (30 s in the app)
    server = LocalServer(ServerConfig(data_dir=tmp_path / "service", demo=True)).start()
    try:
        with running_window(qtbot, tmp_path, window_account(server), DEFAULT_APP_SECRET) as window:
            dentry = put_file(qtbot, window, "Field notes.txt", b"on site\n")
            path = open_in_window(qtbot, window, "Field notes.txt")
            server.config.port = int(server.url.rpartition(":")[2])
            server.stop()
            save_like_an_editor(path, b"on site\nno network here\n")
            qtbot.waitUntil(
                lambda: "uploaded once the service answers" in window.status.state_label.text(), timeout=30000
            )
            server.start()  # on the same port and data
            qtbot.waitUntil(lambda: version_of(window, dentry) == 2, timeout=30000)
            assert (
                content(client_of(window), window.model.space_id, dentry.id) == b"on site\nno network here\n"
            )
            qtbot.waitUntil(
                lambda: "is uploaded: version 2" in window.status.state_label.text(), timeout=10000
            )
            qtbot.waitUntil(lambda: row_of(window, "Field notes.txt").data(DentryRole).version == 2)
    finally:
        server.stop()


def test_damaged_records_of_opened_files_are_set_aside_and_editing_still_works(
    qtbot: QtBot, service: LocalServer, tmp_path: Path
) -> None:
    records = tmp_path / "cache" / "open" / "edits.sqlite3"
    records.parent.mkdir(parents=True)
    records.write_bytes(b"this is not a database" * 100)
    with running_window(qtbot, tmp_path, window_account(service), DEFAULT_APP_SECRET) as window:
        [aside] = [p for p in records.parent.iterdir() if p.name.startswith("edits.sqlite3.damaged-")]
        assert aside.read_bytes() == b"this is not a database" * 100  # kept, not deleted
        dentry = put_file(qtbot, window, "After damage.txt", b"a\n")
        path = open_in_window(qtbot, window, "After damage.txt")
        save_like_an_editor(path, b"a\nb\n")
        qtbot.waitUntil(lambda: version_of(window, dentry) == 2, timeout=15000)
        qtbot.waitUntil(lambda: row_of(window, "After damage.txt").data(DentryRole).version == 2)
