"""DentryModel: Fetch More paging, loading and error states, in-place changes, roles and memory.

Tests of listings and changes run against the local storage service; the ones that need to hold a
listing half-way (loading state, double fetch, stale results) or build many rows use `FakeStorage`.
Tests that do not time their own fetches run under pytest-qt's model tester (the Python one, see
ENVIRONMENT.md); the tester lists every folder it sees.
"""

from __future__ import annotations

import gc
import json
import threading
import tracemalloc
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Dentry, DentryPage
from app.localserver import LocalServer
from app.ui.background import Background
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_model import (
    PAGE_SIZE,
    DentryModel,
    DentryRole,
    ErrorRole,
    LoadingRole,
    SortRole,
)
from app.ui.models.file_types import format_size
from tests.ui.conftest import BIG_FOLDER_SIZE, BigSpace, make_tree, upload
from tests.ui.fakes import SPACE, FakeStorage, make_dentry
from tests.ui.helpers import LIST_TIMEOUT_MS, CallLog, fetch_all

ROOT = QModelIndex()


def names(model: DentryModel, parent: QModelIndex = ROOT) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def tree_of(model: DentryModel, parent: QModelIndex = ROOT) -> list[tuple[str, object]]:
    """The listed tree: (name, subtree) for folders, (name, None) for files, in row order."""
    rows = [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
    return [(i.data(), tree_of(model, i) if i.data(DentryRole).is_folder else None) for i in rows]


def service_tree(client: StorageClient, space_id: str, parent_id: str = "0") -> list[tuple[str, object]]:
    """The same, straight from the service."""
    return [
        (d.name, service_tree(client, space_id, d.id) if d.is_folder else None)
        for d in client.iter_dentries(space_id, parent_id)
    ]


def child_named(model: DentryModel, name: str, parent: QModelIndex = ROOT) -> QModelIndex:
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data() == name:
            return index
    raise AssertionError(f"{name!r} is not listed under {parent.data()!r}")


@pytest.fixture
def model(background: Background) -> DentryModel:
    """An empty model (tests that want the model tester on it say so)."""
    return DentryModel(background)


@pytest.fixture
def fake() -> FakeStorage:
    """Root: folders ``Docs`` (3 files) and ``Empty``, files ``b.txt`` and ``A.png``."""
    storage = FakeStorage()
    docs = storage.add(make_dentry("10", "Docs", folder=True))
    storage.add(make_dentry("11", "Empty", folder=True))
    storage.add(make_dentry("12", "b.txt"))
    storage.add(make_dentry("13", "A.png", size=1536 * 1024))
    for n, name in enumerate(["report.pdf", "notes.txt", "zeta.docx"]):
        storage.add(make_dentry(f"2{n}", name, parent_id=docs.id))
    return storage


# --------------------------------------------------------------------------- listing (local service)


def test_lists_the_demo_space_under_the_model_tester(
    qtbot: QtBot, model: DentryModel, qtmodeltester: ModelTester, client: StorageClient, server: LocalServer
) -> None:
    qtmodeltester.check(model, force_py=True)
    space = server.demo_space_id
    assert space is not None
    empty = client.add_folder(space, "0", "Nothing here")
    model.set_space(client, space)
    assert model.hasChildren(ROOT)
    assert model.canFetchMore(ROOT) or model.is_loading(ROOT)  # the tester may have started it

    fetch_all(qtbot, model, recursive=True)

    assert tree_of(model) == service_tree(client, space)
    assert any(model.hasChildren(model.index(row, 0)) for row in range(model.rowCount()))  # nested folders
    nothing = model.dentry_index(empty.id)
    assert model.is_complete(nothing)
    assert not model.hasChildren(nothing)
    assert not model.canFetchMore(nothing)
    file = next(d for d in model.dentries() if not d.is_folder)
    assert not model.hasChildren(model.dentry_index(file.id))
    assert model.flags(model.dentry_index(file.id)) & Qt.ItemFlag.ItemNeverHasChildren


@pytest.mark.slow
def test_pages_a_500_entry_folder_one_call_per_page(
    qtbot: QtBot, background: Background, big_client: StorageClient, big_space: BigSpace
) -> None:
    listings = CallLog(big_client, "list_dentries")
    model = DentryModel(background)
    model.set_space(big_client, big_space.space_id)
    fetch_all(qtbot, model)
    folder = model.dentry_index(big_space.folder_id)
    inserted: list[int] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
    listings.calls.clear()

    fetches = 0
    while model.canFetchMore(folder):
        model.fetchMore(folder)
        model.fetchMore(folder)  # a second call while the page is on its way does nothing
        fetches += 1
        qtbot.waitUntil(lambda: not model.is_loading(folder), timeout=LIST_TIMEOUT_MS)

    assert model.rowCount(folder) == BIG_FOLDER_SIZE
    assert fetches == BIG_FOLDER_SIZE // PAGE_SIZE
    assert inserted == [PAGE_SIZE] * fetches
    assert len(listings) == fetches  # one ListDentries call per page
    tokens = [kwargs["next_token"] for _args, kwargs in listings.calls]
    assert tokens[0] is None
    assert len(set(tokens)) == fetches
    assert all(kwargs["max_results"] == PAGE_SIZE for _args, kwargs in listings.calls)
    assert all((kwargs["order_by"], kwargs["order"]) == ("NAME", "ASC") for _args, kwargs in listings.calls)
    listed = [model.index(row, 0, folder).data(DentryRole) for row in range(model.rowCount(folder))]
    assert len({dentry.id for dentry in listed}) == BIG_FOLDER_SIZE
    assert [d.name.casefold() for d in listed] == sorted(d.name.casefold() for d in listed)


def test_paging_500_entries_under_the_model_tester(
    qtbot: QtBot, model: DentryModel, qtmodeltester: ModelTester
) -> None:
    """The same paging, watched by the model tester (files only: it would list every subfolder)."""
    qtmodeltester.check(model, force_py=True)
    storage = FakeStorage()
    for n in range(BIG_FOLDER_SIZE - 1):
        storage.add(make_dentry(f"{1000 + n}", f"file {n:03d}.txt"))
    storage.add(make_dentry("5", "a folder", folder=True))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
    model.set_space(storage.client, SPACE)

    fetch_all(qtbot, model)

    assert model.rowCount(ROOT) == BIG_FOLDER_SIZE
    root_calls = [token for parent, token in storage.calls if parent == "0"]
    assert root_calls == [None, *(str(n) for n in range(PAGE_SIZE, BIG_FOLDER_SIZE, PAGE_SIZE))]
    assert inserted == [PAGE_SIZE] * (BIG_FOLDER_SIZE // PAGE_SIZE)


# --------------------------------------------------------------------------- loading and errors


def test_loading_state_is_visible_while_a_page_is_on_its_way(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage
) -> None:
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    docs = child_named(model, "Docs")
    fake.gate = threading.Event()
    changes: list[tuple[str | None, bool]] = []
    model.loadingChanged.connect(lambda index, loading: changes.append((index.data(), loading)))

    with qtbot.waitSignal(model.dataChanged) as changed:
        model.fetchMore(docs)

    assert changed.args is not None
    assert changed.args[0] == docs
    assert changes == [("Docs", True)]
    assert model.is_loading(docs)
    assert docs.data(LoadingRole) is True
    assert "Loading…" in docs.data(Qt.ItemDataRole.ToolTipRole)
    assert not model.canFetchMore(docs)

    fake.gate.set()
    qtbot.waitUntil(lambda: not model.is_loading(docs), timeout=LIST_TIMEOUT_MS)
    assert changes == [("Docs", True), ("Docs", False)]
    assert docs.data(LoadingRole) is False
    assert names(model, docs) == ["notes.txt", "report.pdf", "zeta.docx"]


def test_root_loading_is_announced_with_the_invalid_index(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage
) -> None:
    model.set_space(fake.client, SPACE)
    changes: list[tuple[bool, bool]] = []
    model.loadingChanged.connect(lambda index, loading: changes.append((index.isValid(), loading)))

    with qtbot.waitSignal(model.pageLoaded, timeout=LIST_TIMEOUT_MS) as loaded:
        model.fetchMore(ROOT)
        assert model.is_loading(ROOT)

    assert loaded.args is not None
    assert not loaded.args[0].isValid()
    assert loaded.args[1] == 4
    assert changes == [(False, True), (False, False)]
    assert not model.is_loading(ROOT)
    assert names(model) == ["A.png", "b.txt", "Docs", "Empty"]  # the service's order: case-folded name


def test_fetch_more_twice_quickly_lists_once(qtbot: QtBot, model: DentryModel, fake: FakeStorage) -> None:
    model.set_space(fake.client, SPACE)
    fake.gate = threading.Event()

    model.fetchMore(ROOT)
    model.fetchMore(ROOT)
    assert not model.canFetchMore(ROOT)
    fake.gate.set()
    qtbot.waitUntil(lambda: model.is_complete(ROOT), timeout=LIST_TIMEOUT_MS)
    model.fetchMore(ROOT)  # complete: nothing more to ask

    assert fake.calls == [("0", None)]
    assert model.rowCount(ROOT) == 4


def test_a_failed_listing_shows_on_the_folder_and_a_later_fetch_retries(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage
) -> None:
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    docs = child_named(model, "Docs")
    fake.failures["10"] = "permissionDenied"

    with qtbot.waitSignal(model.folderError, timeout=LIST_TIMEOUT_MS) as failed:
        model.fetchMore(docs)

    assert failed.args is not None
    assert failed.args[0] == docs
    assert "permission" in failed.args[1]
    assert docs.data(ErrorRole) == failed.args[1]
    assert model.error_text(docs) == failed.args[1]
    assert failed.args[1] in docs.data(Qt.ItemDataRole.ToolTipRole)
    assert not model.is_loading(docs)
    assert model.hasChildren(docs)  # still unknown
    assert not model.canFetchMore(docs)  # views do not retry in a loop

    del fake.failures["10"]
    model.fetchMore(docs)  # an explicit fetch retries at once
    qtbot.waitUntil(lambda: model.is_complete(docs), timeout=LIST_TIMEOUT_MS)
    assert docs.data(ErrorRole) is None
    assert model.rowCount(docs) == 3
    assert [parent for parent, _token in fake.calls].count("10") == 2


def test_errors_of_the_service_show_on_the_folder(
    qtbot: QtBot, model: DentryModel, client: StorageClient, server: LocalServer
) -> None:
    space = server.demo_space_id
    assert space is not None
    doomed = client.add_folder(space, "0", "Doomed")
    model.set_space(client, space)
    fetch_all(qtbot, model)
    folder = model.dentry_index(doomed.id)
    client.delete_dentry(space, doomed.id)

    with qtbot.waitSignal(model.folderError, timeout=LIST_TIMEOUT_MS) as deleted:
        model.fetchMore(folder)
    assert deleted.args is not None
    assert deleted.args[0] == folder
    assert "does not exist" in deleted.args[1]
    assert folder.data(ErrorRole) == deleted.args[1]

    model.set_space(client, "999999")
    with qtbot.waitSignal(model.folderError, timeout=LIST_TIMEOUT_MS) as wrong_space:
        model.fetchMore(ROOT)
    assert wrong_space.args is not None
    assert not wrong_space.args[0].isValid()
    assert "space" in wrong_space.args[1].lower()
    assert model.error_text(ROOT) == wrong_space.args[1]
    assert model.rowCount(ROOT) == 0


def test_results_of_a_previous_space_are_dropped(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage, background: Background
) -> None:
    model.set_space(fake.client, SPACE)
    fake.gate = threading.Event()
    model.fetchMore(ROOT)

    other = FakeStorage()
    model.set_space(other.client, SPACE)
    fake.gate.set()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=LIST_TIMEOUT_MS)

    assert model.rowCount(ROOT) == 0
    assert not model.is_loading(ROOT)
    assert model.canFetchMore(ROOT)


def test_results_for_a_removed_folder_are_dropped(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage, background: Background
) -> None:
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    fake.gate = threading.Event()
    model.fetchMore(child_named(model, "Docs"))

    assert model.remove_dentry("10")
    fake.gate.set()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=LIST_TIMEOUT_MS)

    assert names(model) == ["A.png", "b.txt", "Empty"]
    assert not model.dentry_index("20").isValid()


def test_reload_lists_a_folder_again(
    qtbot: QtBot, model: DentryModel, qtmodeltester: ModelTester, fake: FakeStorage
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    fake.add(make_dentry("14", "Added elsewhere.txt"))

    model.reload(ROOT)
    qtbot.waitUntil(lambda: model.is_complete(ROOT), timeout=LIST_TIMEOUT_MS)

    assert names(model) == ["A.png", "Added elsewhere.txt", "b.txt", "Docs", "Empty"]


# --------------------------------------------------------------------------- changes made by the app


def test_insert_remove_update_in_place(
    qtbot: QtBot, model: DentryModel, qtmodeltester: ModelTester, fake: FakeStorage
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    fetch_all(qtbot, model, child_named(model, "Docs"))

    index = model.insert_dentry(make_dentry("30", "c.txt"))
    assert index.isValid()
    assert names(model) == ["A.png", "b.txt", "c.txt", "Docs", "Empty"]
    assert model.dentry_index("30") == index
    assert not model.insert_dentry(make_dentry("32", "y.txt", parent_id="999")).isValid()  # unknown folder

    renamed = model.update_dentry(make_dentry("30", "0 first.txt"))
    assert renamed.row() == 0
    assert names(model) == ["0 first.txt", "A.png", "b.txt", "Docs", "Empty"]
    renamed = model.update_dentry(make_dentry("30", "zz last.txt"))
    assert names(model)[-1] == "zz last.txt"
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.update_dentry(make_dentry("12", "B.txt"))  # same place, new name
    assert changed.args is not None
    assert changed.args[0] == model.dentry_index("12")
    assert changed.args[1] == model.dentry_index("12", Column.MODIFIER)

    docs = child_named(model, "Docs")
    moved = model.update_dentry(make_dentry("30", "zz last.txt", parent_id="10"))
    assert moved.parent() == docs
    assert names(model, docs) == ["notes.txt", "report.pdf", "zeta.docx", "zz last.txt"]
    gone = model.update_dentry(make_dentry("30", "zz last.txt", parent_id="999"))  # out of sight
    assert not gone.isValid()
    assert not model.dentry_index("30").isValid()

    folder = QPersistentModelIndex(model.dentry_index("10"))
    assert model.remove_dentry("10")
    assert not folder.isValid()
    assert not model.dentry_index("20").isValid()  # its listed rows went with it
    assert not model.remove_dentry("10")
    assert names(model) == ["A.png", "B.txt", "Empty"]


def test_insert_into_a_partly_listed_folder_waits_for_its_page(qtbot: QtBot, model: DentryModel) -> None:
    storage = FakeStorage()
    storage.add(make_dentry("55", "unlisted", folder=True))
    for n in range(60):
        storage.add(make_dentry(f"{100 + n}", f"item {n:02d}.txt"))
    model.set_space(storage.client, SPACE)
    model.fetchMore(ROOT)
    qtbot.waitUntil(lambda: model.rowCount(ROOT) == 50 and not model.is_loading(ROOT), timeout=5000)

    assert not model.insert_dentry(make_dentry("902", "x.txt", parent_id="55")).isValid()  # not listed
    assert model.insert_dentry(make_dentry("900", "item 10b.txt")).isValid()  # among the listed rows
    late = make_dentry("901", "item 99.txt")  # sorts after the listed rows: a later page brings it
    assert not model.insert_dentry(late).isValid()
    storage.add(late)
    storage.add(make_dentry("900", "item 10b.txt"))
    fetch_all(qtbot, model)

    listed = names(model)
    assert len(listed) == 63
    assert listed.count("item 10b.txt") == 1
    assert listed[-2:] == ["item 99.txt", "unlisted"]


def test_changes_made_through_the_service(
    qtbot: QtBot,
    model: DentryModel,
    qtmodeltester: ModelTester,
    client: StorageClient,
    background: Background,
) -> None:
    qtmodeltester.check(model, force_py=True)
    space = client.add_space("Changes").id
    made = make_tree(client, space, {"Documents": {"Notes.txt": b"n", "Plan.txt": b"p"}, "Welcome.txt": b"w"})
    model.set_space(client, space)
    fetch_all(qtbot, model, recursive=True)
    documents = model.dentry_index(made["Documents"].id)

    folder = client.add_folder(space, "0", "New folder")
    assert model.insert_dentry(folder).isValid()
    uploaded = upload(client, space, folder.id, "first.txt", b"hello")
    # The model tester lists "New folder" as soon as it appears; its first page may have been read
    # before or after the upload: either way the file shows once.
    model.insert_dentry(uploaded)
    fetch_all(qtbot, model, model.dentry_index(folder.id))
    assert names(model, model.dentry_index(folder.id)) == ["first.txt"]

    renamed = client.rename_dentry(space, folder.id, "Archive 2024")
    assert model.update_dentry(renamed).isValid()
    moved = client.move_dentry(space, made["Documents/Notes.txt"].id, folder.id).dentry
    assert moved is not None
    assert model.update_dentry(moved).parent() == model.dentry_index(folder.id)
    assert names(model, documents) == ["Plan.txt"]
    client.delete_dentry(space, uploaded.id)
    assert model.remove_dentry(uploaded.id)

    fresh = DentryModel(background)  # compare with a new listing
    fresh.set_space(client, space)
    fetch_all(qtbot, fresh, recursive=True)
    assert tree_of(model) == tree_of(fresh) == service_tree(client, space)
    assert names(model) == ["Archive 2024", "Documents", "Welcome.txt"]
    assert names(model, model.dentry_index(folder.id)) == ["Notes.txt"]


# --------------------------------------------------------------------------- roles


def test_roles(qtbot: QtBot, model: DentryModel, qtmodeltester: ModelTester, fake: FakeStorage) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_space(fake.client, SPACE)
    fetch_all(qtbot, model)
    image = child_named(model, "A.png")
    docs = child_named(model, "Docs")
    row = image.row()

    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Name", "Size", "Kind", "Modified", "Modified by",
    ]  # fmt: skip
    assert model.index(row, Column.SIZE).data() == format_size(1536 * 1024) == "1.5 MiB"
    # Dentry's own translated name for common types, whatever the system's MIME database says.
    png = "PNG image"
    assert model.index(row, Column.KIND).data() == png
    assert model.index(row, Column.MODIFIED).data()  # localized; not empty
    assert model.index(row, Column.MODIFIER).data() == "local-user"
    assert model.index(docs.row(), Column.SIZE).data() == ""
    assert model.index(docs.row(), Column.KIND).data() == "Folder"
    assert image.data(DentryRole).id == "13"
    assert model.index(row, Column.SIZE).data(SortRole) == 1536 * 1024
    assert model.index(docs.row(), Column.SIZE).data(SortRole) == -1
    moment = datetime(2025, 1, 2, 3, 4, tzinfo=UTC).timestamp()
    assert model.index(row, Column.MODIFIED).data(SortRole) == moment
    assert isinstance(image.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert not docs.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(row, Column.SIZE).data(Qt.ItemDataRole.DecorationRole) is None
    assert image.data(Qt.ItemDataRole.ToolTipRole).startswith(f"A.png\n{png}, 1.5 MiB\nModified ")
    assert image.data(Qt.ItemDataRole.AccessibleTextRole) == f"{png} A.png"
    assert model.index(row, Column.SIZE).data(Qt.ItemDataRole.AccessibleTextRole) == "Size: 1.5 MiB"
    assert model.index(row, Column.SIZE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


# --------------------------------------------------------------------------- memory


def test_memory_per_row_stays_under_one_kib(qtbot: QtBot, background: Background) -> None:
    """10,000 rows listed from pages of service JSON cost less than 1 KiB each, dentries included.

    Each page is decoded from JSON text, as `requests` does, so every string is a new object
    (the model interns the repeated ones).
    """
    rows = 10_000
    payloads = [
        {
            "id": str(200_000 + n), "spaceId": "1002", "parentId": "0", "type": "FILE",
            "name": f"IMG_{n:05d} holiday picture.jpg", "size": 1_234_567 + n,
            "path": f"/Photos/IMG_{n:05d} holiday picture.jpg", "version": 1, "status": "NORMAL",
            "extension": "jpg", "uuid": f"{n:032x}", "creatorId": "local-user", "modifierId": "local-user",
            "createTime": "2025-01-02T03:04:05Z", "modifiedTime": "2025-01-02T03:04:05Z", "category": "IMAGE",
            "partitionType": "PUBLIC_OSS_PARTITION", "storageDriver": "DINGTALK",
        }
        for n in range(rows)
    ]  # fmt: skip
    pages = [json.dumps(payloads[start : start + PAGE_SIZE]) for start in range(0, rows, PAGE_SIZE)]

    class JsonPages:
        """Parses each page like the real client does (the Dentry objects are measured too)."""

        def list_dentries(self, space_id: str, parent_id: str, *, next_token: str | None = None,
                          max_results: int = 50, **_options: object) -> DentryPage:  # fmt: skip
            start = int(next_token or 0)
            end = start + max_results
            page = [Dentry.parse(item) for item in json.loads(pages[start // PAGE_SIZE])]
            return DentryPage(page, str(end) if end < rows else None)

    model = DentryModel(background)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    model.set_space(JsonPages(), "1002")  # type: ignore[arg-type]
    fetch_all(qtbot, model)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    per_row = (after - before) / rows
    print(f"memory per row: {per_row:.0f} bytes")
    assert model.rowCount(ROOT) == rows
    assert per_row <= 1024


def test_changes_while_the_first_page_is_on_its_way_are_kept(
    qtbot: QtBot, model: DentryModel, fake: FakeStorage
) -> None:
    model.set_space(fake.client, SPACE)
    fake.gate = threading.Event()
    model.fetchMore(ROOT)
    # The page was (or will be) read before these changes reached the service.
    assert not model.insert_dentry(make_dentry("40", "made meanwhile.txt")).isValid()
    assert not model.remove_dentry("12")

    fake.gate.set()
    qtbot.waitUntil(lambda: model.is_complete(ROOT), timeout=LIST_TIMEOUT_MS)

    assert names(model) == ["A.png", "Docs", "Empty", "made meanwhile.txt"]
