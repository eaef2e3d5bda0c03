"""The window driven by keyboard and mouse: open a space, page, filter, search, sort, views, history."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui.language import LANGUAGE_KEY, resolve
from app.ui.main_window import MainWindow
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_model import DentryRole
from tests.window.conftest import BIG_COUNT, BIG_FOLDER
from tests.window.helpers import double_click, menu_action, names, row_of, selected_names, wait_for_dialog

ROOT = Path(__file__).resolve().parents[2]


def test_opens_the_space_root_sorted_folders_first(window: MainWindow) -> None:
    shown = names(window)
    assert shown[:4] == [BIG_FOLDER, "Documents", "Empty folder", "Photos"]
    assert {"Beach.jpg", "Welcome.txt"} <= set(shown)
    assert window.status.count_label.text() == f"{len(shown)} items"
    assert window.spaces_pane.spaces_list.currentItem().text().startswith("Demo space")
    assert window.path_bar.text_path() == "/"


def test_pages_through_500_entries_by_scrolling(qtbot: QtBot, window: MainWindow) -> None:
    pages: list[int] = []
    window.model.pageLoaded.connect(lambda _index, rows: pages.append(rows))
    double_click(qtbot, window.views.details, row_of(window, BIG_FOLDER))
    qtbot.waitUntil(lambda: len(names(window)) >= 50, timeout=10000)
    assert window.path_bar.text_path() == f"/{BIG_FOLDER}"
    bar = window.views.details.verticalScrollBar()
    deadline = time.monotonic() + 30
    while len(names(window)) < BIG_COUNT and time.monotonic() < deadline:
        bar.setValue(bar.maximum())  # what dragging the scroll bar to the end does
        qtbot.wait(20)
    assert len(names(window)) == BIG_COUNT
    assert names(window)[:3] == ["entry 000", "entry 001", "entry 002"]
    assert max(pages) <= 50
    assert window.status.count_label.text() == f"{BIG_COUNT} items"


def test_filter_then_search_the_space(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, "*.jpg")
    qtbot.waitUntil(lambda: names(window) == ["Beach.jpg", "Sunset.jpg"])
    window.filter_edit.clear()
    qtbot.keyClicks(window.filter_edit, "?hotos")
    qtbot.waitUntil(lambda: names(window) == ["Photos"])
    window.filter_edit.clear()
    qtbot.keyClicks(window.filter_edit, "leaf")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    dialog = wait_for_dialog(qtbot, window, "SearchDialog")
    assert dialog.results.count() == 1
    assert dialog.results.item(0).text().startswith("leaf.webp")
    dialog.results.setCurrentRow(0)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    window.filter_edit.clear()
    qtbot.waitUntil(lambda: window.path_bar.text_path() == "/Photos", timeout=10000)
    qtbot.waitUntil(lambda: selected_names(window) == ["leaf.webp"], timeout=10000)


def test_sort_by_clicking_column_headers(qtbot: QtBot, window: MainWindow) -> None:
    double_click(qtbot, window.views.details, row_of(window, "Photos"))
    qtbot.waitUntil(lambda: "sunset.jpg" in names(window), timeout=10000)
    header = window.views.details.horizontalHeader()
    size_x = header.sectionViewportPosition(Column.SIZE) + header.sectionSize(Column.SIZE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(size_x, 5))
    sizes = [row_of(window, name).data(DentryRole).size for name in names(window) if "." in name]
    assert sizes == sorted(sizes)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(size_x, 5))
    sizes = [row_of(window, name).data(DentryRole).size for name in names(window) if "." in name]
    assert sizes == sorted(sizes, reverse=True)
    assert names(window)[0] == "Holidays"  # folders stay first either way


def test_switch_views_and_navigate_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.views.mode() == "grid"
    assert window.views.currentWidget() is window.views.grid
    double_click(qtbot, window.views.grid, row_of(window, "Documents"))
    qtbot.waitUntil(lambda: "Notes.txt" in names(window), timeout=10000)
    double_click(qtbot, window.views.grid, row_of(window, "Archive"))
    qtbot.waitUntil(lambda: names(window) == ["Old"], timeout=10000)
    assert window.path_bar.text_path() == "/Documents/Archive"
    window.back_action.trigger()
    assert window.path_bar.text_path() == "/Documents"
    window.back_action.trigger()
    assert window.path_bar.text_path() == "/"
    assert not window.back_action.isEnabled()
    window.forward_action.trigger()
    assert window.path_bar.text_path() == "/Documents"
    qtbot.keyClick(window.views.grid, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.path_bar.text_path() == "/"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.views.mode() == "details"
    assert window.settings.value("view/mode") == "details"


def test_names_in_the_grid_line_up_whatever_the_picture_shape(qtbot: QtBot, window: MainWindow) -> None:
    window.set_view_mode("grid")
    beach = row_of(window, "Beach.jpg")  # a landscape photo beside square folder icons
    qtbot.waitUntil(lambda: window.loader.icon(window.model.space_id, beach.data(DentryRole)) is not None)
    grid, style = window.views.grid, window.views.grid.style()

    def name_top(index: QModelIndex) -> int:
        option = QStyleOptionViewItem()
        grid.initViewItemOption(option)
        option.rect = grid.visualRect(index)
        grid.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, grid)
        return text.top() - option.rect.top()

    assert name_top(beach) == name_top(row_of(window, "Documents")) == name_top(row_of(window, "Welcome.txt"))


def test_chinese_names_are_drawn_in_real_glyphs(qtbot: QtBot, window: MainWindow) -> None:
    """The demo's 照片 holds 日落.jpg and 海滩.jpg, names of one shape: a font without Chinese draws
    both as the same boxes, so their text differs only when real glyphs are drawn."""
    assert {"季度报告.pdf", "会议纪要.txt", "照片"} <= set(names(window))
    double_click(qtbot, window.views.details, row_of(window, "照片"))
    qtbot.waitUntil(lambda: sorted(names(window)) == ["日落.jpg", "海滩.jpg"], timeout=10000)
    view, style = window.views.details, window.views.details.style()
    view.selectionModel().clear()
    view.setCurrentIndex(QModelIndex())  # no focus frame on either row
    shot = view.viewport().grab().toImage()

    def ink(name: str) -> list[bool]:
        """Where the name's text differs from its row's background."""
        index = row_of(window, name)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        view.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        width = view.fontMetrics().horizontalAdvance("日落")  # the Chinese part; the rest is ".jpg"
        crop = shot.copy(text.left(), text.top(), width, text.height())
        background = crop.pixel(0, 0)
        return [crop.pixel(x, y) != background for y in range(crop.height()) for x in range(crop.width())]

    sunset, beach = ink("日落.jpg"), ink("海滩.jpg")
    assert sum(sunset) > 20
    assert sunset != beach, "the Chinese names are drawn as boxes"


def test_typed_path_and_breadcrumbs(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window.path_bar._edit.selectAll()
    qtbot.keyClicks(window.path_bar._edit, "/Photos/Holidays/2025")
    qtbot.keyClick(window.path_bar._edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.path_bar.text_path() == "/Photos/Holidays/2025", timeout=10000)
    qtbot.waitUntil(lambda: names(window) == ["beach.jpg"], timeout=10000)
    window.path_bar.crumbClicked.emit(1)
    assert window.path_bar.text_path() == "/Photos"


def test_the_ui_thread_never_stalls_while_a_big_folder_lists(qtbot: QtBot, window: MainWindow) -> None:
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    window.set_view_mode("grid")
    double_click(qtbot, window.views.grid, row_of(window, BIG_FOLDER))
    bar = window.views.grid.verticalScrollBar()
    while len(names(window)) < BIG_COUNT:
        bar.setValue(bar.maximum())
        qtbot.wait(20)
    timer.stop()
    print(f"longest UI-thread stall {max(gaps[1:]) * 1000:.1f} ms over {len(gaps)} ticks")
    assert max(gaps[1:]) < 0.05, f"longest UI-thread stall {max(gaps) * 1000:.0f} ms"


def test_screenshot_command(tmp_path: Path) -> None:
    """`python -m app --local --screenshot PATH` on a fresh data folder: a picture of the grid."""
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "app", "--local", "--screenshot", str(shot)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with Image.open(shot) as image:
        assert image.width >= 640
        assert image.height >= 400
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 1000  # real pictures in it


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    controls = window.findChildren(QWidget)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()}"
        for widget in controls
        if isinstance(widget, QAbstractButton | QLineEdit | QAbstractItemView)
        and widget.isVisible()
        and not (widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text()))
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert unnamed == []


def test_theme_and_sizes_are_remembered(qtbot: QtBot, window: MainWindow) -> None:
    theme_menu = menu_action(window, "&View", "T&heme").menu()
    next(action for action in theme_menu.actions() if action.text() == "Dark").trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    next(action for action in theme_menu.actions() if action.text() == "Light").trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
    window.resize(900, 640)
    window.set_view_mode("grid")
    window.close()
    assert window.preferences.file.load().theme == "light"  # in the preferences file dentry-cli reads too
    assert window.settings.value("view/mode") == "grid"
    assert window.settings.value("window/geometry") is not None


def test_the_language_chosen_in_the_view_menu_is_kept_for_the_next_start(
    qtbot: QtBot, window: MainWindow
) -> None:
    languages = menu_action(window, "&View", "&Language").menu()
    assert [action.text() for action in languages.actions()] == ["System", "English", "简体中文"]
    assert languages.actions()[0].isChecked()  # nothing chosen yet: the system's
    told: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        told.append(box.text())
        box.accept()

    QTimer.singleShot(20, read_and_close)
    languages.actions()[2].trigger()
    assert told == ["Dentry will use the language you chose the next time it starts."]
    assert window.settings.value(LANGUAGE_KEY) == "zh_CN"
    assert resolve(str(window.settings.value(LANGUAGE_KEY)), QLocale("en_US")).code == "zh_CN"
    languages.actions()[2].trigger()  # chosen already: nothing to say
    assert len(told) == 1
