"""The in-process halves of `bench_ui.py`: one Qt measurement per process, printed as a JSON line.

`bench_ui.py` starts this file once per measurement, so each one gets a fresh heap (its RSS
difference is its own) and no measurement inherits another's caches. It can be run by hand too::

    .venv/bin/python tests/bench/bench_ui_phases.py dentry --url URL --space-id ID --folder big
    .venv/bin/python tests/bench/bench_ui_phases.py qfs --dir /tmp/dentry-bench-qfs-100k --entries 100000
    .venv/bin/python tests/bench/bench_ui_phases.py grid --url URL --space-id ID --folder images-300

Phases:
    dentry: the real `MainWindow` (details view) on the local service opens a big folder: time to
        the first paint of the view with rows, then the scrollbar is set to its maximum every
        16 ms until every page is listed; a 5 ms watchdog timer records the longest gap of the UI
        thread over the whole run; RSS before and after gives bytes per row.
    qfs: the same for `QFileSystemModel` in a `QTreeView` on a local folder (the reference).
    --tracemalloc (dentry, qfs): instead of timing, load every row with tracemalloc on and report
        the Python heap's growth per row (a separate process, so the timings above are clean; for
        dentry the window shows the folder, pages are fetched one after another without scrolling).
    grid: the window in thumbnail mode opens a folder of images: time until every visible
        supported item has its thumbnail (``window.loader.icon``), GetDentryThumbnails calls made
        for that first screen, then the same screen by screen down to the last image (a screen
        whose thumbnails do not come within --screen-timeout is counted, not fatal).

The last stdout line starting with ``RESULT `` holds the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import pstats
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QModelIndex, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileSystemModel,
    QMainWindow,
    QTreeView,
    QWidget,
)

from app.accounts.model import Account
from app.accounts.secrets import SecretStore
from app.api.models import Dentry
from app.transfers.journal import Journal
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession
from app.ui.background import Background
from app.ui.garbage import UiThreadCollector
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.models.thumbnail_loader import BATCH_SIZE, supports
from app.ui.widgets.file_views import MARGIN_ROWS

KEY, SECRET, UNION = "dentry-local", "dentry-local-secret", "local-user"
WATCHDOG_MS = 5
SCROLL_MS = 16
STALL_GOAL_MS = 50.0
WINDOW_SIZE = (1100, 700)
LOAD_TIMEOUT = 7200.0


# --- helpers -------------------------------------------------------------------------------------


def rss_bytes() -> int:
    """This process's resident set size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def run_until(done: Callable[[], bool], timeout: float, poll_ms: int = 5) -> bool:
    """Run the Qt event loop until `done()` or `timeout` seconds; returns `done()`."""
    if done():
        return True
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(lambda: loop.quit() if done() or time.perf_counter() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return done()


def pump(seconds: float) -> None:
    """Let the event loop run for a while (settle after a step)."""
    end = time.perf_counter() + seconds
    run_until(lambda: time.perf_counter() >= end, seconds + 1.0)


class Watchdog(QObject):
    """A 5 ms precise timer; the gaps between its ticks are how long the UI thread was busy."""

    def __init__(self, interval_ms: int = WATCHDOG_MS) -> None:
        super().__init__()
        self.gaps: list[tuple[float, float]] = []  # (seconds since start, gap in seconds)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._start = self._last = 0.0

    def start(self) -> None:
        self._start = self._last = time.perf_counter()
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._start, now - self._last))
        self._last = now

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def summary(self) -> dict[str, Any]:
        """Longest gap, 99th percentile, gaps over the goal, and the five longest with their time."""
        gaps = sorted(gap for _at, gap in self.gaps)
        if not gaps:
            return {"max_stall_ms": 0.0, "p99_gap_ms": 0.0, "stalls_over_goal": 0, "worst": []}
        worst = sorted(self.gaps, key=lambda item: item[1], reverse=True)[:5]
        return {
            "max_stall_ms": gaps[-1] * 1000,
            "p99_gap_ms": gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))] * 1000,
            "stalls_over_goal": sum(1 for gap in gaps if gap * 1000 > STALL_GOAL_MS),
            "ticks": len(gaps),
            "worst": [[round(at, 3), round(gap * 1000, 1)] for at, gap in worst],
        }


class FirstPaint(QObject):
    """Notes the time of the first paint event of a widget for which `ready()` is true."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool]) -> None:
        super().__init__()
        self.at: float | None = None
        self._ready = ready
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.at is None and event.type() == QEvent.Type.Paint and self._ready():
            self.at = time.perf_counter()
            self._widget.removeEventFilter(self)
        return False


class ScrollToEnd(QObject):
    """Sets a view's vertical scrollbar to its maximum every frame, as a person dragging to the end."""

    def __init__(self, view: QAbstractItemView, interval_ms: int = SCROLL_MS) -> None:
        super().__init__()
        self.scrolls = 0
        self._bar = view.verticalScrollBar()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._scroll)

    def _scroll(self) -> None:
        if self._bar.value() != self._bar.maximum():
            self.scrolls += 1
            self._bar.setValue(self._bar.maximum())

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


@contextmanager
def profiled(enabled: bool, top: int = 30) -> Iterator[None]:
    """cProfile the block and print the top functions by own time to stderr (diagnosis only)."""
    if not enabled:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
        print(out.getvalue(), file=sys.stderr)


def heap_growth(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot) -> tuple[int, list[str]]:
    """Bytes the Python heap grew by, and the five lines that grew most."""
    stats = after.compare_to(before, "lineno")
    total = sum(stat.size_diff for stat in stats)
    top = [
        f"{stat.size_diff / 1024:.0f} KiB {stat.traceback[0].filename.split('/app/')[-1]}:"
        f"{stat.traceback[0].lineno}"
        for stat in sorted(stats, key=lambda stat: stat.size_diff, reverse=True)[:5]
    ]
    return total, top


# --- the Dentry window -----------------------------------------------------------------------------


class Bench:
    """A real `MainWindow` connected to the local service, as tests/window/conftest.py builds it."""

    def __init__(self, work: Path, url: str, space_id: str, view_mode: str) -> None:
        self.background = Background()
        self.transfers = TransferManager(Journal(work / "journal.sqlite3"))
        self.session = AccountSession(self.background, SecretStore(), self.transfers)
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("location/space", space_id)
        settings.setValue("view/mode", view_mode)
        self.window = MainWindow(
            background=self.background,
            session=self.session,
            transfers=self.transfers,
            settings=settings,
            cache_dir=work / "cache",
        )
        self.transfers.start()
        self.window.show()
        gc.freeze()  # as the app does once its window is up
        self.session.connect_to(Account("Bench", url, KEY, UNION), SECRET)
        model = self.window.model
        if not run_until(lambda: model.space_id == space_id and model.is_complete(QModelIndex()), 60):
            raise RuntimeError("the window did not list the space root")
        pump(0.3)

    def folder(self, name: str) -> Dentry:
        """A folder at the root of the space, by name."""
        for dentry in self.window.model.dentries():
            if dentry.name == name:
                return dentry
        raise RuntimeError(f"no folder {name!r} at the root of the space")

    def close(self) -> None:
        self.transfers.shutdown()
        self.window.close()
        self.background.shutdown()


class Progress(QObject):
    """Every 30 s, a line on stderr: rows so far and the longest gap yet (long runs stay legible)."""

    def __init__(self, name: str, rows: Callable[[], int], watchdog: Watchdog) -> None:
        super().__init__()
        self._name, self._rows, self._watchdog = name, rows, watchdog
        self._started = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._report)
        self._timer.start(30_000)

    def _report(self) -> None:
        longest = max((gap for _at, gap in self._watchdog.gaps), default=0.0) * 1000
        elapsed = time.perf_counter() - self._started
        print(
            f"{self._name}: {self._rows():,} rows after {elapsed:.0f} s, longest gap so far {longest:.0f} ms",
            file=sys.stderr,
            flush=True,
        )

    def stop(self) -> None:
        self._timer.stop()


def dentry_phase(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Open the big folder in the details view, then scroll to its end."""
    bench = Bench(work, args.url, args.space_id, "details")
    window, model = bench.window, bench.window.model
    big = bench.folder(args.folder)
    view = window.views.details
    pages: list[float] = []
    model.pageLoaded.connect(lambda _index, _rows: pages.append(time.perf_counter()))

    def folder() -> QModelIndex:
        return model.dentry_index(big.id)

    def rows() -> int:
        return window.views.proxy.rowCount(view.rootIndex())

    def complete() -> bool:
        return model.is_complete(folder()) and not model.canFetchMore(folder())

    if args.tracemalloc:
        return dentry_heap(bench, big)
    gc.collect()
    rss_before = rss_bytes()
    paint = FirstPaint(view.viewport(), lambda: rows() > 0)
    watchdog = Watchdog()
    scroller = ScrollToEnd(view)
    watchdog.start()
    started = time.perf_counter()
    window.navigator.go_to([big])
    go_to_done = time.perf_counter()
    run_until(lambda: paint.at is not None, 30, poll_ms=1)
    progress = Progress("dentry", rows, watchdog)
    scroller.start()
    budget = args.budget or math.inf
    with profiled(args.profile):
        finished = run_until(lambda: complete() or time.perf_counter() - started > budget, args.timeout, 10)
    loaded = time.perf_counter()
    progress.stop()
    scroller.stop()
    watchdog.stop()
    if not finished:
        raise RuntimeError(f"the folder did not finish listing in {args.timeout} s ({rows()} rows)")
    pump(0.3)
    gc.collect()
    rss_after = rss_bytes()
    count = rows()
    bench.close()
    return {
        "rows": count,
        "complete": complete(),
        "pages": len(pages),
        "go_to_ms": (go_to_done - started) * 1000,
        "first_page_ms": (pages[0] - started) * 1000 if pages else None,
        "first_paint_ms": (paint.at - started) * 1000 if paint.at else None,
        "all_rows_s": loaded - started,
        "scrolls": scroller.scrolls,
        "rss_delta_bytes": rss_after - rss_before,
        "rss_per_row": (rss_after - rss_before) / max(1, count),
        **watchdog.summary(),
    }


def dentry_heap(bench: Bench, big: Dentry) -> dict[str, Any]:
    """Every page of the folder with tracemalloc on: the Python heap's growth per row.

    The window shows the folder as in the timing pass, but pages are asked for as soon as the
    previous one is in, without scrolling (tracemalloc slows everything down).
    """
    window, model = bench.window, bench.window.model

    def folder() -> QModelIndex:
        return model.dentry_index(big.id)

    def rows() -> int:
        return window.views.proxy.rowCount(window.views.details.rootIndex())

    def next_page() -> None:
        if model.canFetchMore(folder()) and not model.is_loading(folder()):
            model.fetchMore(folder())

    tracemalloc.start()
    gc.collect()
    before = tracemalloc.take_snapshot()
    window.navigator.go_to([big])
    model.pageLoaded.connect(lambda _index, _rows: QTimer.singleShot(0, next_page))
    next_page()
    if not run_until(lambda: model.is_complete(folder()), LOAD_TIMEOUT, poll_ms=20):
        raise RuntimeError(f"the folder did not finish listing ({rows()} rows)")
    pump(0.3)
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    count = rows()
    growth, top = heap_growth(before, after)
    bench.close()
    return {"rows": count, "heap_delta_bytes": growth, "heap_per_row": growth / max(1, count), "top": top}


# --- QFileSystemModel, the reference --------------------------------------------------------------


def qfs_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Open a local folder with QFileSystemModel in a QTreeView, then scroll to its end."""
    window = QMainWindow()
    view = QTreeView(window)
    view.setUniformRowHeights(True)
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    model = QFileSystemModel(window)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.setCentralWidget(view)
    window.resize(*WINDOW_SIZE)
    window.show()
    gc.freeze()
    pump(0.3)
    loaded_at: list[float] = []
    model.directoryLoaded.connect(lambda _path: loaded_at.append(time.perf_counter()))

    def rows() -> int:
        return model.rowCount(view.rootIndex()) if view.rootIndex().isValid() else 0

    def complete() -> bool:
        return bool(loaded_at) and rows() >= args.entries

    if args.tracemalloc:
        tracemalloc.start()
        gc.collect()
        before = tracemalloc.take_snapshot()
        view.setRootIndex(model.setRootPath(str(args.dir)))
        model.fetchMore(view.rootIndex())
        if not run_until(complete, LOAD_TIMEOUT, poll_ms=20):
            raise RuntimeError(f"QFileSystemModel did not list the folder ({rows()} rows)")
        pump(0.3)
        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        growth, top = heap_growth(before, after)
        count = rows()
        return {"rows": count, "heap_delta_bytes": growth, "heap_per_row": growth / max(1, count), "top": top}
    gc.collect()
    rss_before = rss_bytes()
    paint = FirstPaint(view.viewport(), lambda: rows() > 0)
    watchdog = Watchdog()
    scroller = ScrollToEnd(view)
    watchdog.start()
    started = time.perf_counter()
    view.setRootIndex(model.setRootPath(str(args.dir)))
    run_until(lambda: paint.at is not None, 60, poll_ms=1)
    progress = Progress("qfs", rows, watchdog)
    scroller.start()
    with profiled(args.profile):
        finished = run_until(complete, args.timeout, poll_ms=10)
    loaded = time.perf_counter()
    progress.stop()
    scroller.stop()
    watchdog.stop()
    if not finished:
        raise RuntimeError(f"QFileSystemModel did not list the folder ({rows()} rows)")
    pump(0.3)
    gc.collect()
    rss_after = rss_bytes()
    count = rows()
    return {
        "rows": count,
        "first_paint_ms": (paint.at - started) * 1000 if paint.at else None,
        "directory_loaded_ms": (loaded_at[0] - started) * 1000 if loaded_at else None,
        "all_rows_s": loaded - started,
        "scrolls": scroller.scrolls,
        "rss_delta_bytes": rss_after - rss_before,
        "rss_per_row": (rss_after - rss_before) / max(1, count),
        **watchdog.summary(),
    }


# --- the thumbnail grid ----------------------------------------------------------------------------


def grid_phase(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Open the images folder as a grid; time until the visible thumbnails are shown, count calls.

    The expected number of GetDentryThumbnails calls is worked out here, not asked of the app:
    the rows whose cells intersect the viewport, plus `MARGIN_ROWS` before and after, in calls
    of at most 30.
    """
    bench = Bench(work, args.url, args.space_id, "grid")
    window, model, loader = bench.window, bench.window.model, bench.window.loader
    images = bench.folder(args.folder)
    view = window.views.grid
    space_id = model.space_id
    bar = view.verticalScrollBar()

    def visible_rows() -> list[tuple[int, Dentry]]:
        """Rows of supported files whose cell intersects the viewport."""
        root = view.rootIndex()
        area = view.viewport().rect()
        found = []
        for row in range(window.views.proxy.rowCount(root)):
            index = window.views.proxy.index(row, 0, root)
            dentry = index.data(DentryRole)
            if dentry is not None and supports(dentry) and view.visualRect(index).intersects(area):
                found.append((row, dentry))
        return found

    def visible() -> list[Dentry]:
        return [dentry for _row, dentry in visible_rows()]

    def with_margin() -> int:
        """Supported rows on screen plus the margin: what one screen should ask thumbnails for."""
        rows = visible_rows()
        if not rows:
            return 0
        root = view.rootIndex()
        first = max(0, rows[0][0] - MARGIN_ROWS)
        last = min(window.views.proxy.rowCount(root) - 1, rows[-1][0] + MARGIN_ROWS)
        indexes = (window.views.proxy.index(row, 0, root) for row in range(first, last + 1))
        return sum(1 for index in indexes if supports(index.data(DentryRole)))

    def all_shown() -> bool:
        shown = visible()
        return bool(shown) and all(loader.icon(space_id, dentry) is not None for dentry in shown)

    def more_rows_than(count: int) -> Callable[[], bool]:
        return lambda: window.views.proxy.rowCount(view.rootIndex()) > count

    def settle() -> None:
        run_until(lambda: loader.is_idle() and bench.background.pending == 0, 30)
        pump(0.3)

    watchdog = Watchdog()
    watchdog.start()
    started = time.perf_counter()
    window.navigator.go_to([images])
    if not run_until(all_shown, 60, poll_ms=2):
        raise RuntimeError("the visible thumbnails did not arrive within 60 s")
    shown_at = time.perf_counter()
    calls_at_shown, downloads_at_shown = loader.calls_made, loader.downloads_made
    first_visible, first_margin = len(visible()), with_margin()
    settle()
    first_calls, first_downloads = loader.calls_made, loader.downloads_made
    # Then screen by screen to the last image (the grid lists more pages as it reaches the end).
    shown_ms: list[float] = []
    failed: list[str] = []
    expected_total = math.ceil(first_margin / BATCH_SIZE)
    folder = model.dentry_index(images.id)
    while True:
        at_end = bar.value() >= bar.maximum()
        if at_end and not model.canFetchMore(folder) and not model.is_loading(folder):
            break
        if len(shown_ms) + len(failed) > 500:
            raise RuntimeError("scrolling the grid did not reach its end")
        if at_end:
            run_until(more_rows_than(window.views.proxy.rowCount(view.rootIndex())), 30)
        step_started = time.perf_counter()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        expected_total += math.ceil(len(visible()) / BATCH_SIZE)  # new rows of this screen
        if run_until(all_shown, args.screen_timeout, poll_ms=2):
            shown_ms.append((time.perf_counter() - step_started) * 1000)
        else:
            missing = [d.name for d in visible() if loader.icon(space_id, d) is None]
            failed.append(
                f"screen {len(shown_ms) + len(failed) + 2}: {len(missing)} missing, e.g. {missing[0]}"
            )
        settle()
    watchdog.stop()
    total_rows = window.views.proxy.rowCount(view.rootIndex())
    result = {
        "images": total_rows,
        "shown_ms": (shown_at - started) * 1000,
        "visible": first_visible,
        "requested_with_margin": first_margin,
        "expected_first_screen": math.ceil(first_margin / BATCH_SIZE),
        "calls_at_shown": calls_at_shown,
        "downloads_at_shown": downloads_at_shown,
        "calls_first_screen": first_calls,
        "downloads_first_screen": first_downloads,
        "screens": 1 + len(shown_ms) + len(failed),
        "screens_without_thumbnails": len(failed),
        "failed_screens": failed[:5],
        "screen_ms_median": statistics.median(shown_ms) if shown_ms else None,
        "screen_ms_max": max(shown_ms) if shown_ms else None,
        "calls_total": loader.calls_made,
        "expected_total_min": math.ceil(total_rows / BATCH_SIZE),
        "expected_total_screens": expected_total,
        "downloads": loader.downloads_made,
        "disk_hits": loader.disk_hits,
        "max_stall_ms": watchdog.summary()["max_stall_ms"],
    }
    bench.close()
    return result


# --- entry point -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("phase", choices=("dentry", "qfs", "grid"))
    parser.add_argument("--url", help="the local service (dentry, grid)")
    parser.add_argument("--space-id", help="the space holding the folder (dentry, grid)")
    parser.add_argument("--folder", help="the folder's name at the root of the space (dentry, grid)")
    parser.add_argument("--dir", type=Path, help="the local folder (qfs)")
    parser.add_argument("--entries", type=int, default=0, help="rows the local folder holds (qfs)")
    parser.add_argument("--tracemalloc", action="store_true", help="measure the Python heap instead of time")
    parser.add_argument("--profile", action="store_true", help="cProfile the scroll to the end (stderr)")
    parser.add_argument("--timeout", type=float, default=LOAD_TIMEOUT, help="seconds to list the folder")
    parser.add_argument("--budget", type=float, help="dentry: stop scrolling after this many seconds")
    parser.add_argument(
        "--screen-timeout", type=float, default=15.0, help="grid: seconds to wait for a later screen"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if args.phase != "qfs":
        UiThreadCollector(app)  # as the app does
    with tempfile.TemporaryDirectory(prefix="dentry-bench-ui-") as tmp:
        if args.phase == "dentry":
            result = dentry_phase(args, Path(tmp))
        elif args.phase == "qfs":
            result = qfs_phase(args)
        else:
            result = grid_phase(args, Path(tmp))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
