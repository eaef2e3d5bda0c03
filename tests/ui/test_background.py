"""Background: results and failures come back on the UI thread; shutdown drops what is left."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.api import ApiError
from app.ui.background import Background


def test_results_and_failures_arrive_on_the_ui_thread(qtbot: QtBot, background: Background) -> None:
    ui_thread = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []

    def work(value: int) -> tuple[int, int]:
        return value * 2, threading.get_ident()

    def fail() -> None:
        raise ApiError("dentryNotExist", 404)

    background.submit(work, 21, on_done=lambda result: seen.append(("done", result, _on(ui_thread))))
    background.submit(fail, on_error=lambda error: seen.append(("error", error, _on(ui_thread))))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)

    done = next(item for item in seen if item[0] == "done")
    error = next(item for item in seen if item[0] == "error")
    assert done[2]
    assert error[2]
    result = done[1]
    assert isinstance(result, tuple)
    assert result[0] == 42
    assert result[1] != ui_thread  # the work itself ran on a worker
    assert isinstance(error[1], ApiError)
    assert error[1].code == "dentryNotExist"


def _on(thread: int) -> bool:
    return threading.get_ident() == thread


def test_failures_without_a_handler_are_reported_once(qtbot: QtBot, background: Background) -> None:
    with qtbot.waitSignal(background.unhandledError, timeout=5000) as reported:
        background.submit(int, "not a number")
    assert reported.args is not None
    assert isinstance(reported.args[0], ValueError)


def test_busy_while_tasks_run(qtbot: QtBot, background: Background) -> None:
    states: list[bool] = []
    background.busyChanged.connect(states.append)
    gate = threading.Event()
    background.submit(gate.wait, 5)
    background.submit(gate.wait, 5)
    assert background.pending == 2
    gate.set()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=5000)
    assert states == [True, False]


def test_a_failing_callback_does_not_hold_up_the_others(qtbot: QtBot, background: Background) -> None:
    delivered: list[int] = []

    def explode(_value: int) -> None:
        raise RuntimeError("bug in a callback")

    with qtbot.captureExceptions() as exceptions:
        background.submit(int, 1, on_done=explode)
        for n in range(2, 6):
            background.submit(int, n, on_done=delivered.append)
        qtbot.waitUntil(lambda: len(delivered) == 4, timeout=5000)
    assert sorted(delivered) == [2, 3, 4, 5]
    assert [str(error[1]) for error in exceptions] == ["bug in a callback"]


def test_shutdown_drops_outcomes_and_refuses_work(qtbot: QtBot) -> None:
    pool = Background(max_workers=1)
    gate = threading.Event()
    delivered: list[object] = []
    pool.submit(gate.wait, 5, on_done=delivered.append)
    queued = pool.submit(int, 1, on_done=delivered.append)

    pool.shutdown()
    gate.set()
    qtbot.wait(100)

    assert delivered == []
    assert queued.cancelled()
    with pytest.raises(RuntimeError):
        pool.submit(int, 2)
