"""Operations announce what they changed on the bus, and the dentry model updates itself from it.

The operations run against the local storage service; the model's handling of each kind of change
is checked on `FakeStorage` under the model tester.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.api import ApiError, StorageClient
from app.localserver import LocalServer
from app.ui.background import Background
from app.ui.models.dentry_model import DentryModel
from app.ui.operations import ChangeBus, Changes, Operation, dentries
from tests.ui.fakes import SPACE, FakeStorage, make_dentry
from tests.ui.helpers import fetch_all

ROOT = QModelIndex()


def names(model: DentryModel, parent: QModelIndex = ROOT) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


@pytest.fixture
def bus(qapp: object) -> ChangeBus:
    return ChangeBus()


def test_an_operation_announces_its_changes_before_its_success_callback(
    qtbot: QtBot, background: Background, bus: ChangeBus, client: StorageClient, server: LocalServer
) -> None:
    space = server.demo_space_id
    assert space is not None
    model = DentryModel(background)
    model.set_space(client, space)
    fetch_all(qtbot, model)
    bus.changed.connect(model.apply_changes)
    announced: list[Changes] = []
    bus.changed.connect(announced.append)
    shown_on_success: list[bool] = []

    operation = dentries.new_folder(client, space, "0", "Made by an operation")
    operation.success(lambda folder: shown_on_success.append(model.dentry_index(folder.id).isValid()))
    with qtbot.waitSignal(bus.changed, timeout=10_000):
        operation.run_in_background(background, bus)
    qtbot.waitUntil(lambda: bool(shown_on_success))

    assert shown_on_success == [True]  # the view had the row when the action went on to select it
    [changes] = announced
    assert [d.name for d in changes.added] == ["Made by an operation"]
    assert changes.space_id == space
    assert "Made by an operation" in names(model)
    assert {d.name for d in client.iter_dentries(space, "0")} >= {"Made by an operation"}


def test_a_failed_operation_announces_nothing(
    qtbot: QtBot, background: Background, bus: ChangeBus, client: StorageClient, server: LocalServer
) -> None:
    space = server.demo_space_id
    assert space is not None
    announced: list[Changes] = []
    bus.changed.connect(announced.append)
    errors: list[BaseException] = []
    taken = dentries.new_folder(client, space, "0", "Photos")  # the demo space has it
    taken.success(lambda _folder: pytest.fail("a taken name made a folder")).failure(errors.append)
    taken.run_in_background(background, bus)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ApiError)
    assert announced == []


def test_nothing_is_announced_for_an_operation_that_only_reads(
    qtbot: QtBot, background: Background, bus: ChangeBus
) -> None:
    announced: list[Changes] = []
    bus.changed.connect(announced.append)
    results: list[int] = []
    Operation(lambda: 42).success(results.append).run_in_background(background, bus)
    qtbot.waitUntil(lambda: results == [42])
    assert announced == []
    assert not Changes("7")


def test_the_model_applies_each_kind_of_change_in_place(
    qtbot: QtBot, background: Background, qtmodeltester: ModelTester
) -> None:
    storage = FakeStorage()
    docs = storage.add(make_dentry("10", "Docs", folder=True))
    storage.add(make_dentry("11", "b.txt"))
    storage.add(make_dentry("12", "c.txt"))
    storage.add(make_dentry("20", "inside.txt", parent_id=docs.id))
    model = DentryModel(background)
    qtmodeltester.check(model, force_py=True)
    model.set_space(storage.client, SPACE)
    fetch_all(qtbot, model, recursive=True)
    listed = len(storage.calls)
    docs_index = model.dentry_index(docs.id)

    model.apply_changes(Changes(SPACE, added=(make_dentry("13", "a.txt"),)))
    assert names(model) == ["a.txt", "b.txt", "c.txt", "Docs"]
    model.apply_changes(Changes(SPACE, updated=(make_dentry("11", "z.txt"),)))
    assert names(model) == ["a.txt", "c.txt", "Docs", "z.txt"]
    model.apply_changes(Changes(SPACE, moved={"12": docs.id}))  # known by id only
    assert names(model) == ["a.txt", "Docs", "z.txt"]
    assert names(model, docs_index) == ["c.txt", "inside.txt"]
    model.apply_changes(Changes(SPACE, removed=("13", "20")))
    assert names(model) == ["Docs", "z.txt"]
    assert names(model, docs_index) == ["c.txt"]
    model.apply_changes(Changes("another space", removed=("11",), added=(make_dentry("14", "x.txt"),)))
    assert names(model) == ["Docs", "z.txt"]
    assert len(storage.calls) == listed  # nothing was listed again
