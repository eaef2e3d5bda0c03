"""The flat current-folder model the file views use: rows follow the folder shown, and every change."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.ui.background import Background
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_model import DentryModel, DentryRole
from tests.ui.fakes import SPACE, FakeStorage, make_dentry
from tests.ui.helpers import fetch_all


def names(model: CurrentFolderModel) -> list[str]:
    return [model.index(row, 0).data(DentryRole).name for row in range(model.rowCount())]


def test_rows_follow_the_folder_and_every_change(
    qtbot: QtBot, background: Background, qtmodeltester: ModelTester
) -> None:
    storage = FakeStorage()
    docs = storage.add(make_dentry("10", "Docs", folder=True))
    other = storage.add(make_dentry("11", "Other", folder=True))
    storage.add(make_dentry("12", "top.txt"))
    for number in range(120):  # three pages
        storage.add(make_dentry(f"{1000 + number}", f"doc {number:03d}.txt", parent_id=docs.id))
    model = DentryModel(background)
    model.set_space(storage.client, SPACE)
    fetch_all(qtbot, model)
    rows = CurrentFolderModel(model)
    qtmodeltester.check(rows, force_py=True)
    assert names(rows) == ["Docs", "Other", "top.txt"]
    assert not rows.hasChildren(rows.index(0, 0))  # a flat list: nothing expands

    folder = QPersistentModelIndex(model.dentry_index(docs.id))
    rows.set_folder(model.dentry_index(docs.id))
    while rows.canFetchMore(QModelIndex()) or model.is_loading(folder):
        if not model.is_loading(folder):
            rows.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.is_loading(folder))
    assert len(names(rows)) == 120
    assert rows.mapToSource(rows.index(5, 0)) == model.index(5, 0, model.dentry_index(docs.id))

    model.insert_dentry(make_dentry("2000", "doc 050a.txt", parent_id=docs.id))
    assert names(rows)[51] == "doc 050a.txt"
    renamed = dataclasses.replace(model.dentry("1000"), name="zz last.txt")
    model.update_dentry(renamed)
    assert names(rows)[-1] == "zz last.txt"
    moved_out = dataclasses.replace(model.dentry("1001"), parent_id=other.id)
    model.update_dentry(moved_out)
    assert "doc 001.txt" not in names(rows)
    model.remove_dentry("1002")
    assert "doc 002.txt" not in names(rows)
    assert len(names(rows)) == 119

    model.remove_dentry(docs.id)  # the folder shown goes away
    assert rows.rowCount() == 0
    rows.set_folder(QModelIndex())
    assert names(rows) == ["Other", "top.txt"]
