"""Benchmark: the window on a folder of 100,000 entries, a grid of 300 thumbnails, and start-up time.

Run by hand (not in CI; several minutes with the defaults, plus about 3 the first time while the
data is made)::

    .venv/bin/python tests/bench/bench_ui.py [--entries 100000] [--images 300] [--runs 3]

Each figure is measured against a reference in the same run:

1. A folder of `--entries` folders on the local service (its own process, so it does not share
   the UI's GIL), opened in the real `MainWindow` (details view): time from ``go_to`` to the
   view's first paint with rows (goal ≤ 300 ms); the longest gap of a 5 ms timer on the UI
   thread from opening the folder until the scrollbar, set to its maximum every 16 ms, has made
   the model list every page (goal ≤ 50 ms); memory per row (goal ≤ 1 KiB) as RSS growth of
   that process, and as tracemalloc heap growth in another process that shows the same folder
   (pages fetched back to back, no scrolling). Reference: `QFileSystemModel` in a `QTreeView`
   opening a local folder of as many empty files, measured the same way.
2. A grid of `--images` PNGs: time until every visible image has its thumbnail
   (``window.loader.icon``), and GetDentryThumbnails calls (``window.loader.calls_made``) for that
   screen against ⌈(visible + margin rows)/30⌉, worked out from the grid's geometry rather than
   asked of the app; then screen by screen to the end, against ⌈new visible/30⌉ per screen.
3. ``python -m app --local --screenshot`` with a fresh HOME (cold: new data folder, demo content
   created) and again on the same HOME (warm): time to exit and to the PNG being written; the
   first paint of the main window comes from a launcher that installs an application event
   filter and then calls the app's own ``main`` with the same arguments. Reference: a bare
   PySide6 script that shows a QMainWindow and exits at its first paint.

The service's data is created through the API (AddFolder and uploads, 8 threads) once and kept
in ``/tmp/dentry-bench-<entries>`` (``100k`` for the default), the local folder for
`QFileSystemModel` in ``/tmp/dentry-bench-qfs-<entries>``; later runs reuse both. Each UI
measurement runs in a child process of its own (`bench_ui_phases.py`); figures are saved to
``/tmp/dentry-bench-<entries>-last-run.json`` as they come. Prints a table and a ``JSON`` line.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import requests
from PIL import Image, ImageDraw

from app.api import StorageClient
from app.api.models import Dentry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.support, when run as a script

from tests.support.local_service import start_service, stop_service  # noqa: E402

PHASES = Path(__file__).resolve().with_name("bench_ui_phases.py")
KEY, SECRET, UNION = "dentry-local", "dentry-local-secret", "local-user"
BIG_FOLDER = "big"
MARKER = "bench-ui.json"
QUIET_STDERR = ("This plugin does not support propagateSizeHints()",)

LAUNCHER = """
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
        ):
            print(f"FIRST_PAINT {time.monotonic()!r}", flush=True)
            QApplication.instance().removeEventFilter(self)
            if sys.argv[1] == "bare":
                QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
if sys.argv[1] == "bare":
    window = QMainWindow()
    window.resize(1100, 700)
    window.show()
    sys.exit(app.exec())
from app.ui.application import main

sys.exit(main(["--local", "--screenshot", sys.argv[2]]))
"""


def label(entries: int) -> str:
    """``100k`` for 100000, else the number."""
    return f"{entries // 1000}k" if entries % 1000 == 0 and entries >= 1000 else str(entries)


# --- the local service and its data -----------------------------------------------------------


def in_parallel(count: int, threads: int, work: Callable[[int], object], what: str) -> float:
    """Run ``work(n)`` for n in range(count) on `threads` threads; seconds taken (progress to stderr)."""
    done = [0]
    lock = threading.Lock()
    started = time.monotonic()

    def one(number: int) -> None:
        work(number)
        with lock:
            done[0] += 1
            if done[0] % 10_000 == 0:
                rate = done[0] / (time.monotonic() - started)
                print(f"  {what}: {done[0]}/{count} ({rate:.0f}/s)", file=sys.stderr, flush=True)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    return time.monotonic() - started


def png_bytes(number: int) -> bytes:
    """A small, distinct 320×240 PNG."""
    image = Image.new("RGB", (320, 240), ((number * 37) % 256, (number * 91) % 256, (number * 53) % 256))
    draw = ImageDraw.Draw(image)
    for step in range(0, 240, 24):
        draw.line([(0, step), (319, 239 - step)], fill=(255 - step, step, 128), width=3)
    draw.text((20, 20), f"image {number}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def upload(client: StorageClient, space_id: str, parent_id: str, name: str, data: bytes) -> Dentry:
    """GetFileUploadInfo, PUT, CommitFile: a small file in one go."""
    info = client.get_upload_info(space_id, parent_id, name, len(data))
    response = requests.put(info.signed.url, data=data, headers=info.signed.headers, timeout=60)
    response.raise_for_status()
    return client.commit_file(space_id, parent_id, info.upload_key, name, len(data), conflict="OVERWRITE")


def wait_for_thumbnails(client: StorageClient, space_id: str, ids: list[str], timeout: float = 300) -> None:
    """Until the service has rendered every thumbnail (so the grid measures the client, not Pillow)."""
    deadline = time.monotonic() + timeout
    pending = ids
    while pending and time.monotonic() < deadline:
        answers = client.get_thumbnails(space_id, pending)
        pending = [a.dentry_id for a in answers if not a.success and a.error_code == "thumbnailNotExist"]
        if pending:
            time.sleep(0.5)
    if pending:
        raise RuntimeError(f"{len(pending)} thumbnails were not rendered in {timeout} s")


def ensure_service_data(data_dir: Path, entries: int, images: int, threads: int) -> dict[str, Any]:
    """The space with the big folder and the images folder, created through the API once and kept."""
    marker = data_dir / MARKER
    info: dict[str, Any] | None = json.loads(marker.read_text()) if marker.exists() else None
    images_folder = f"images-{images}"
    if info is not None and info.get("entries") == entries and images_folder in info["images"]:
        info["cached"] = True
        return info
    if info is None or info.get("entries") != entries:
        shutil.rmtree(data_dir, ignore_errors=True)  # missing or half-made: start again
        info = None
    data_dir.mkdir(parents=True, exist_ok=True)
    process, url = start_service(data_dir)
    try:
        client = StorageClient(url, KEY, SECRET, UNION)
        if info is None:
            space_id = client.add_space("Bench", owner_type="APP").id
            big_id = client.add_folder(space_id, "0", BIG_FOLDER).id
            print(f"creating {entries} folders with {threads} threads…", file=sys.stderr, flush=True)
            seconds = in_parallel(
                entries,
                threads,
                lambda n: client.add_folder(
                    space_id, big_id, f"entry {n:06d}", conflict="RETURN_DENTRY_IF_EXISTS"
                ),
                "folders",
            )
            info = {"entries": entries, "space_id": space_id, "big_id": big_id, "create_s": seconds}
            info["images"] = {}
            marker.write_text(json.dumps(info))
        space_id = info["space_id"]
        folder_id = client.add_folder(space_id, "0", images_folder, conflict="RETURN_DENTRY_IF_EXISTS").id
        print(f"uploading {images} PNGs with {threads} threads…", file=sys.stderr, flush=True)
        uploaded: list[str] = [""] * images
        width = len(str(images))

        def one(n: int) -> None:
            dentry = upload(client, space_id, folder_id, f"image {n:0{width}d}.png", png_bytes(n))
            uploaded[n] = dentry.id

        seconds = in_parallel(images, threads, one, "images")
        wait_for_thumbnails(client, space_id, uploaded)
        info["images"][images_folder] = {"id": folder_id, "count": images, "create_s": seconds}
        marker.write_text(json.dumps(info))
    finally:
        stop_service(process)
    info["cached"] = False
    return info


def ensure_local_folder(folder: Path, entries: int) -> tuple[float, bool]:
    """A local folder of `entries` empty files for QFileSystemModel; (seconds to make it, cached)."""
    if folder.is_dir() and sum(1 for _ in os.scandir(folder)) == entries:
        return 0.0, True
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.monotonic()
    for number in range(entries):
        os.close(os.open(folder / f"entry {number:06d}", os.O_CREAT | os.O_WRONLY, 0o644))
    return time.monotonic() - started, False


# --- child processes ---------------------------------------------------------------------------


def qt_env(home: Path | None = None) -> dict[str, str]:
    """This environment, offscreen; with `home`, every per-user folder inside it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if home is not None:
        runtime = home / "runtime"
        runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(runtime),
        )
    return env


def relay(stream: IO[str], prefix: str, tail: list[str]) -> None:
    """Copy a child's stderr to ours as it comes (minus Qt's offscreen notice); keep the last lines."""
    for line in stream:
        tail[:] = [*tail[-40:], line]
        if line.strip() and not line.startswith(QUIET_STDERR):
            print(f"[{prefix}] {line}", end="", file=sys.stderr, flush=True)


def try_phase(*args: str, profile: bool = False) -> dict[str, Any]:
    """`run_phase`, but a failure becomes ``{"error": ...}`` so the other figures still get measured."""
    try:
        return run_phase(*args, profile=profile)
    except (RuntimeError, ValueError) as error:
        print(f"[{args[0]}] FAILED: {error}", file=sys.stderr, flush=True)
        return {"error": str(error).splitlines()[0]}


def run_phase(*args: str, profile: bool = False) -> dict[str, Any]:
    """One measurement of `bench_ui_phases.py` in its own process; its RESULT line."""
    command = [sys.executable, str(PHASES), *args, *(["--profile"] if profile else [])]
    with subprocess.Popen(
        command, cwd=ROOT, env=qt_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        tail: list[str] = []
        reader = threading.Thread(target=relay, args=(process.stderr, args[0], tail), daemon=True)
        reader.start()
        out = process.stdout.read()
        code = process.wait()
        reader.join(timeout=10)
    results = [line for line in out.splitlines() if line.startswith("RESULT ")]
    if code != 0 or not results:
        raise RuntimeError(f"phase {' '.join(args)} failed ({code}):\n{''.join(tail)}")
    result: dict[str, Any] = json.loads(results[-1][len("RESULT ") :])
    return result


def timed_start(command: list[str], env: dict[str, str], screenshot: Path | None) -> dict[str, Any]:
    """Run a start-up command: seconds to exit, to the first paint (if printed), to the screenshot."""
    started, wall = time.monotonic(), time.time()
    done = subprocess.run(
        command, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    total = time.monotonic() - started
    tail: list[str] = []
    relay(io.StringIO(done.stderr), "start", tail)
    paints = [line for line in done.stdout.splitlines() if line.startswith("FIRST_PAINT ")]
    if done.returncode != 0 or (screenshot is not None and not screenshot.is_file()):
        raise RuntimeError(f"{command[1:3]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {
        "total_s": total,
        "first_paint_s": float(paints[0].split()[1]) - started if paints else None,
        # The PNG is written once the grid shows its thumbnails; the rest is shutting down.
        "shot_s": screenshot.stat().st_mtime - wall if screenshot is not None else None,
    }


def startup(runs: int) -> dict[str, Any]:
    """Cold and warm ``--screenshot`` runs and a bare QMainWindow, interleaved; medians and samples."""
    samples: dict[str, list[float]] = {}

    def add(key: str, value: float | None) -> None:
        if value is not None:
            samples.setdefault(key, []).append(value)

    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="dentry-bench-home-") as tmp:
            plain, launched = Path(tmp) / "plain", Path(tmp) / "launched"
            bare = timed_start([sys.executable, "-c", LAUNCHER, "bare"], qt_env(Path(tmp) / "bare"), None)
            add("bare_first_paint_s", bare["first_paint_s"])
            add("bare_total_s", bare["total_s"])
            for state in ("cold", "warm"):
                shot = plain / f"{state}.png"
                command = [sys.executable, "-m", "app", "--local", "--screenshot", str(shot)]
                run = timed_start(command, qt_env(plain), shot)
                add(f"{state}_total_s", run["total_s"])
                add(f"{state}_shot_s", run["shot_s"])
                shot = launched / f"{state}.png"
                run = timed_start([sys.executable, "-c", LAUNCHER, "app", str(shot)], qt_env(launched), shot)
                add(f"{state}_first_paint_s", run["first_paint_s"])
                add(f"{state}_launcher_total_s", run["total_s"])
    result: dict[str, Any] = {key: statistics.median(values) for key, values in samples.items()}
    result["samples"] = {key: [round(value, 3) for value in values] for key, values in samples.items()}
    return result


def median_of(values: list[Any]) -> Any:
    """The median of numbers (None left out), or the first value of anything else."""
    numbers = [value for value in values if isinstance(value, int | float) and not isinstance(value, bool)]
    return statistics.median(numbers) if numbers else values[0]


# --- report ------------------------------------------------------------------------------------


def fmt(value: float | None, unit: str = "", digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}{' ' + unit if unit else ''}"


def ratio(ours: float | None, reference: float | None) -> str:
    if ours is None or not reference:
        return "—"
    return f"{ours / reference:.2f}"


def verdict(value: float | None, goal: float) -> str:
    return "" if value is None else ("ok" if value <= goal else "MISSED")


def report(args: argparse.Namespace, figures: dict[str, Any]) -> None:
    """The table, the notes under it, and the JSON line."""
    dentry, qfs = figures.get("dentry", {}), figures.get("qfs", {})
    heap, qfs_heap = figures.get("dentry_heap", {}), figures.get("qfs_heap", {})
    grid, start = figures.get("grid", {}), figures.get("startup", {})
    rows: list[tuple[str, str, str, str, str]] = []

    def row(name: str, ours: str, reference: str = "", ratio_text: str = "", note: str = "") -> None:
        rows.append((name, ours, reference, ratio_text, note))

    def compare(
        name: str,
        key: str,
        unit: str,
        digits: int,
        note: str,
        a: dict[str, Any],
        b: dict[str, Any],
        *,
        with_ratio: bool = True,
    ) -> None:
        row(
            name,
            fmt(a.get(key), unit, digits),
            fmt(b.get(key), unit, digits),
            ratio(a.get(key), b.get(key)) if with_ratio else "",
            note,
        )

    first_paint, stall = dentry.get("first_paint_ms"), dentry.get("max_stall_ms")
    rss, heap_row = dentry.get("rss_per_row"), heap.get("heap_per_row")
    compare(
        f"{args.entries:,} entries: open → first rows painted",
        "first_paint_ms",
        "ms",
        0,
        f"≤ 300 ms {verdict(first_paint, 300)}",
        dentry,
        qfs,
    )
    compare(
        "  longest UI stall, open → scrolled to end",
        "max_stall_ms",
        "ms",
        0,
        f"≤ 50 ms {verdict(stall, 50)}",
        dentry,
        qfs,
    )
    compare("  gaps over 50 ms", "stalls_over_goal", "", 0, "", dentry, qfs, with_ratio=False)
    compare("  99th percentile gap", "p99_gap_ms", "ms", 1, "", dentry, qfs)
    listed = (
        f"{dentry.get('pages', 0)} pages" if dentry.get("complete", True) else "STOPPED (--scroll-budget)"
    )
    compare("  every row listed (scrolling every 16 ms)", "all_rows_s", "s", 1, listed, dentry, qfs)
    compare(
        "  memory per row, RSS growth", "rss_per_row", "B", 0, f"≤ 1024 B {verdict(rss, 1024)}", dentry, qfs
    )
    compare(
        "  memory per row, tracemalloc (Python heap)",
        "heap_per_row",
        "B",
        0,
        f"≤ 1024 B {verdict(heap_row, 1024)} (QFileSystemModel's rows are C++)",
        heap,
        qfs_heap,
        with_ratio=False,
    )
    calls, expected = grid.get("calls_first_screen"), grid.get("expected_first_screen")
    row(
        f"{grid.get('images', args.images)} images: visible thumbnails shown",
        fmt(grid.get("shown_ms"), "ms"),
        note=f"{fmt(grid.get('visible'))} visible, {fmt(grid.get('requested_with_margin'))} with margin",
    )
    row(
        "  GetDentryThumbnails calls, first screen",
        fmt(calls),
        f"⌈{fmt(grid.get('requested_with_margin'))}/30⌉ = {fmt(expected)}",
        ratio(calls, expected),
        f"goal = ⌈n/30⌉ {verdict(calls, expected or 0)}; {fmt(grid.get('downloads_first_screen'))} downloads",
    )
    row(
        "  … of which before the screen was shown",
        fmt(grid.get("calls_at_shown")),
        note=f"{fmt(grid.get('downloads_at_shown'))} downloads",
    )
    row(
        f"  calls, screen by screen to the end ({fmt(grid.get('screens'))} screens)",
        fmt(grid.get("calls_total")),
        f"{fmt(grid.get('expected_total_screens'))} (⌈new/30⌉ per screen)",
        ratio(grid.get("calls_total"), grid.get("expected_total_screens")),
        f"{fmt(grid.get('downloads'))} downloads, {fmt(grid.get('disk_hits'))} disk-cache reads",
    )
    row(
        "  later screens shown (median / max)",
        f"{fmt(grid.get('screen_ms_median'), 'ms')} / {fmt(grid.get('screen_ms_max'), 'ms')}",
        note=f"screens that never got their thumbnails, per run: {grid.get('failed_per_run', '—')}",
    )
    for state in ("cold", "warm"):
        title = "Cold start (fresh HOME)" if state == "cold" else "Warm start (same HOME)"
        row(
            f"{title}: window first painted",
            fmt(start.get(f"{state}_first_paint_s"), "s", 2),
            fmt(start.get("bare_first_paint_s"), "s", 2),
            ratio(start.get(f"{state}_first_paint_s"), start.get("bare_first_paint_s")),
            "bare QMainWindow" if state == "cold" else "",
        )
        row("  --screenshot PNG written", fmt(start.get(f"{state}_shot_s"), "s", 2), note="thumbnails shown")
        row(
            "  --screenshot, process exit",
            fmt(start.get(f"{state}_total_s"), "s", 2),
            fmt(start.get("bare_total_s"), "s", 2),
            ratio(start.get(f"{state}_total_s"), start.get("bare_total_s")),
        )
    header = ("Measure", "Dentry", "Reference", "Ratio", "Goal / note")
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(5)]
    print()
    print("  ".join(header[i].ljust(widths[i]) for i in range(5)).rstrip())
    print("  ".join("-" * width for width in widths))
    for line in rows:
        cells = [line[i].ljust(widths[i]) if i in (0, 4) else line[i].rjust(widths[i]) for i in range(5)]
        print("  ".join(cells).rstrip())
    print()
    print(
        "References: QFileSystemModel + QTreeView on a local folder of as many empty files (same window size,"
    )
    print(
        "same 16 ms scrolling, same 5 ms watchdog); the grid's ideal call count; a bare PySide6 QMainWindow."
    )
    print(
        f"Start-up figures and grid figures are medians of {args.runs} runs; the folder figures are one run."
    )
    for name, section in (("Dentry", dentry), ("QFileSystemModel", qfs)):
        if section.get("worst"):
            print(f"Longest UI gaps, {name} [s after opening, ms]: {section['worst']}")
    if heap.get("top"):
        print(f"Python heap growth by line (Dentry): {'; '.join(heap['top'])}")
    if grid.get("failed_screens"):
        print(f"Grid screens without thumbnails: {grid['failed_screens']}")
    for name, section in figures.items():
        if isinstance(section, dict) and "error" in section:
            print(f"FAILED {name}: {section['error']}")
    print("JSON " + json.dumps(figures, separators=(",", ":")))


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000, help="entries of the big folder")
    parser.add_argument("--images", type=int, default=300, help="images in the grid's folder")
    parser.add_argument("--runs", type=int, default=3, help="runs of the start-up measurements")
    parser.add_argument("--threads", type=int, default=8, help="threads creating the data")
    parser.add_argument("--data-dir", type=Path, help="the service's data (default /tmp/dentry-bench-<n>)")
    parser.add_argument("--profile", action="store_true", help="cProfile the scroll phases (stderr)")
    parser.add_argument(
        "--scroll-budget", type=float, help="stop scrolling the big folder after this many seconds"
    )
    args = parser.parse_args()
    data_dir = args.data_dir or Path(f"/tmp/dentry-bench-{label(args.entries)}")
    local_dir = Path(f"/tmp/dentry-bench-qfs-{label(args.entries)}")

    info = ensure_service_data(data_dir, args.entries, args.images, args.threads)
    images = info["images"][f"images-{args.images}"]
    state = "reused, made" if info["cached"] else "made"
    print(
        f"service data in {data_dir}: {state} with {args.threads} threads — {args.entries:,} AddFolder calls "
        f"in {info['create_s']:.1f} s ({args.entries / info['create_s']:.0f}/s), {args.images} PNG uploads "
        f"in {images['create_s']:.1f} s"
    )
    local_s, local_cached = ensure_local_folder(local_dir, args.entries)
    print(f"local folder {local_dir}: {'reused' if local_cached else f'made in {local_s:.1f} s'}")

    figures: dict[str, Any] = {"entries": args.entries, "images": args.images}
    figures["setup"] = {"create_entries_s": info["create_s"], "create_images_s": images["create_s"]}
    partial = data_dir.parent / f"{data_dir.name}-last-run.json"

    def keep(name: str, result: dict[str, Any]) -> None:
        figures[name] = result
        partial.write_text(json.dumps(figures))  # a crash later on loses nothing measured

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    process, url = start_service(data_dir)
    try:
        service = ["--url", url, "--space-id", info["space_id"]]
        say("grid: thumbnails…")
        grids = [try_phase("grid", *service, "--folder", f"images-{args.images}") for _ in range(args.runs)]
        good = [run for run in grids if "error" not in run] or grids[:1]
        grid = {key: median_of([run[key] for run in good]) for key in good[0]}
        grid["calls_per_run"] = [run.get("calls_total") for run in grids]
        grid["failed_per_run"] = [run.get("screens_without_thumbnails") for run in grids]
        keep("grid", grid)
        say("heap: the big folder with tracemalloc, Dentry and QFileSystemModel…")
        keep("dentry_heap", try_phase("dentry", *service, "--folder", BIG_FOLDER, "--tracemalloc"))
        qfs_args = ["--dir", str(local_dir), "--entries", str(args.entries)]
        keep("qfs_heap", try_phase("qfs", *qfs_args, "--tracemalloc"))
        say("qfs: QFileSystemModel opens the local folder and scrolls to its end…")
        keep("qfs", try_phase("qfs", *qfs_args, profile=args.profile))
        say("startup: bare, cold and warm…")
        keep("startup", startup(args.runs))
        say("dentry: the window opens the big folder and scrolls to its end (the long one)…")
        budget = ["--budget", str(args.scroll_budget)] if args.scroll_budget else []
        keep("dentry", try_phase("dentry", *service, "--folder", BIG_FOLDER, *budget, profile=args.profile))
    finally:
        stop_service(process)
    report(args, figures)


if __name__ == "__main__":
    main()
