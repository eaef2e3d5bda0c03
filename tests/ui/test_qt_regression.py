"""Regression: PySide6 6.12.0 drops a reference to ``True`` on each signal emit from Python and
aborts the interpreter (``Fatal Python error: bool_dealloc``) after a few hundred emits.

If this test kills the whole run, check the pinned PySide6 version (see ENVIRONMENT.md).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.ui.background import Background

EMITS = 10_000


class Emitter(QObject):
    """A signal of each kind the app emits: with a bool, a str and a Python object."""

    flag = Signal(bool)
    text = Signal(str)
    payload = Signal(object)


def test_ten_thousand_emits_keep_the_interpreter_alive(qtbot: QtBot) -> None:
    emitter = Emitter()
    received: list[int] = [0, 0, 0]
    emitter.flag.connect(lambda _value: received.__setitem__(0, received[0] + 1))
    emitter.text.connect(lambda _value: received.__setitem__(1, received[1] + 1))
    emitter.payload.connect(lambda _value: received.__setitem__(2, received[2] + 1))
    true_refs = sys.getrefcount(True)

    for n in range(EMITS):
        emitter.flag.emit(n % 2 == 0)
        emitter.text.emit("x")
        emitter.payload.emit(n)

    assert received == [EMITS, EMITS, EMITS]
    assert sys.getrefcount(True) > true_refs - EMITS // 10  # 6.12.0 loses one per emit of True


def test_ten_thousand_background_deliveries(qtbot: QtBot, background: Background) -> None:
    """The queued relay of `Background` emits once per task (as qasync would per callback)."""
    delivered: list[int] = []
    for n in range(EMITS):
        background.submit(int, n, on_done=delivered.append)
    qtbot.waitUntil(lambda: len(delivered) == EMITS, timeout=30_000)
    assert sorted(delivered) == list(range(EMITS))
