"""Reference cycles holding widgets are collected on the UI thread, whichever thread allocates."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.garbage import UiThreadCollector


class CyclicWidget(QWidget):
    """A widget kept alive only by a cycle through itself; it notes the thread that destroys it."""

    destroyed_on: ClassVar[list[int]] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self

    def __del__(self) -> None:
        CyclicWidget.destroyed_on.append(threading.get_ident())


def allocate_on_a_worker() -> list[list[int]]:
    """Many container objects made on another thread, enough to cross every collection threshold."""
    made: list[list[int]] = []
    worker = threading.Thread(target=lambda: made.extend([] for _ in range(50 * gc.get_threshold()[0])))
    worker.start()
    worker.join()
    return made


def test_a_widget_in_a_cycle_is_destroyed_on_the_ui_thread(qtbot: QtBot) -> None:
    CyclicWidget.destroyed_on.clear()
    widget = CyclicWidget()
    del widget  # now garbage, but only the cyclic collector can see it
    made = allocate_on_a_worker()
    assert CyclicWidget.destroyed_on == []  # the worker did not collect it
    qtbot.waitUntil(lambda: bool(CyclicWidget.destroyed_on), timeout=2000)
    del made
    assert CyclicWidget.destroyed_on == [threading.get_ident()]


def test_the_check_collects_the_generation_python_would() -> None:
    collector = UiThreadCollector()
    try:
        gc.collect()
        assert collector.check() is None  # nothing allocated since
        made = allocate_on_a_worker()
        assert collector.check() == 0
        del made
    finally:
        collector.stop()
    assert gc.isenabled() is False  # the session's collector (conftest) still holds collection
