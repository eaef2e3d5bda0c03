"""The texts a person reads in the window: counted right, said once, whole, and lined up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.api.models import Dentry
from app.ui.dialogs.account import AccountDialog
from app.ui.dialogs.properties import PropertiesDialog
from app.ui.language import Language
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from tests.window.helpers import answer_next_dialog, names, row_of


def drop(window: MainWindow, paths: list[Path], answer: str | None) -> list[QMessageBox]:
    """Upload `paths` as a drop does; the names box that opens is answered with the button `answer`."""
    boxes: list[QMessageBox] = []

    def reply() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, reply)
            return
        boxes.append(box)
        next(button for button in box.buttons() if button.text() == answer).click()

    if answer is not None:
        QTimer.singleShot(20, reply)
    window.uploads.upload(paths)
    return boxes


def test_the_names_box_counts_and_says_what_replacing_does(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Regression: "1 names cannot be used as they are", and no word of what the characters become."""
    bad = tmp_path / "quarter*plan.txt"
    bad.write_text("x", encoding="utf-8")
    boxes = drop(window, [bad], "Replace the characters")
    qtbot.waitUntil(lambda: "quarter_plan.txt" in names(window), timeout=15000)
    box = boxes[0]
    assert box.text().splitlines()[0] == "1 name cannot be used as it is:"
    assert "• quarter*plan.txt (it contains '*') → quarter_plan.txt" in box.text().splitlines()
    assert "becomes “_”" in box.informativeText()
    assert window.statusBar().currentMessage() == "1 item renamed: quarter*plan.txt → quarter_plan.txt"


def test_skipped_names_are_said_once(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """Regression: "1 items skipped: x: skipped: it contains …"."""
    bad = [tmp_path / "a|b.txt", tmp_path / "c<d.txt"]
    for path in bad:
        path.write_text("x", encoding="utf-8")
    boxes = drop(window, bad, "Skip those")
    qtbot.waitUntil(lambda: "skipped" in window.status.state_label.text(), timeout=15000)
    assert boxes[0].text().startswith("2 names cannot be used as they are:")
    assert window.status.state_label.text() == "2 items skipped, among them a|b.txt (it contains '|')"
    assert window.status.state_label.toolTip().splitlines() == [
        "a|b.txt (it contains '|')",
        "c<d.txt (it contains '<')",
    ]


def test_one_item_is_one_item(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_edit.setText("Welcome")
    qtbot.waitUntil(lambda: names(window) == ["Welcome.txt"])
    assert window.status.count_label.text() == "1 item"
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    assert window.status.count_label.text() == "1 item — 1 selected (717 bytes)"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_account_dialog_shows_every_field_whole(
    qtbot: QtBot, request: pytest.FixtureRequest, lang: str
) -> None:
    """Regression: the endpoint read "s://api.dingtalk.com" and the hints were cut ("kept in the syste…")."""
    if lang == "zh_CN":
        request.getfixturevalue("chinese")
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.remote_choice.setChecked(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = dialog.findChildren(QLineEdit)
    assert len(fields) == 5
    for field in fields:
        text = field.text() or field.placeholderText()
        room = field.contentsRect().width() - 8  # text margins and the cursor
        assert field.fontMetrics().horizontalAdvance(text) <= room, text
    assert dialog.endpoint.cursorPosition() == 0  # its start is shown, not its end


@pytest.mark.parametrize("local", [True, False])
def test_properties_say_where_a_file_is_stored(qtbot: QtBot, window: MainWindow, local: bool) -> None:
    """Regression: "Storage driver: DINGTALK" for a file on this computer's local service."""
    welcome: Dentry = row_of(window, "Welcome.txt").data(DentryRole)
    assert welcome.storage_driver == "DINGTALK"  # what the local service says, as DingTalk does
    dialog = PropertiesDialog(welcome, window, local=local)
    qtbot.addWidget(dialog)
    expected = "This computer (local storage)" if local else "DingTalk storage"
    assert dialog.values["storage_driver"].text() == expected
    assert dialog.values["type"].text() == "File"
    assert dialog.values["size"].text() == "717 bytes"


def test_one_space_is_one_short_line(window: MainWindow) -> None:
    """Regression: "Demo space  (org)" with two spaces, in a list half the pane tall."""
    spaces = window.spaces_pane.spaces_list
    assert [spaces.item(row).text() for row in range(spaces.count())] == ["Demo space (organization)"]
    assert spaces.height() <= 2 * spaces.sizeHintForRow(0) + 2 * spaces.frameWidth()
    assert window.spaces_pane.folder_tree.height() > 5 * spaces.height()


def test_names_in_the_details_view_line_up_whatever_the_thumbnail(qtbot: QtBot, window: MainWindow) -> None:
    """Regression: the narrow thumbnails of text and PDF pages moved their names sideways."""
    view, style, loader = window.views.details, window.views.details.style(), window.loader
    window.set_view_mode("details")
    shown = ["Welcome.txt", "Beach.jpg", "Logo.png"]
    qtbot.waitUntil(
        lambda: all(loader.icon(window.model.space_id, row_of(window, n).data(DentryRole)) for n in shown),
        timeout=20000,
    )

    def name_left(name: str) -> tuple[int, int]:
        index = row_of(window, name)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        view.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        picture = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, option, view)
        return text.left() - option.rect.left(), picture.width()

    lefts = {name: name_left(name) for name in [*shown, "Documents"]}
    assert len(set(lefts.values())) == 1, lefts


def test_make_thumbnail_only_where_the_service_can(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """Regression: Make thumbnail was offered for any file, and a refusal read as a bare code."""
    data = tmp_path / "numbers.bin"
    data.write_bytes(b"\0" * 64)
    window.uploads.upload([data])
    qtbot.waitUntil(lambda: "numbers.bin" in names(window), timeout=15000)
    action = window.thumbnail_action
    window.views.details.setCurrentIndex(row_of(window, "numbers.bin"))
    assert not action.isEnabled()
    assert action.toolTip() == (
        "The storage service makes thumbnails of pictures, PDF and text files and office documents only"
    )
    window.views.details.setCurrentIndex(row_of(window, "Beach.jpg"))
    assert action.isEnabled()
    assert action.toolTip() == "Have the storage service make thumbnails of the selected files"
    window.views.details.selectAll()
    assert action.isEnabled()  # some of them can have one
    action.trigger()
    qtbot.waitUntil(lambda: "left out" in window.status.state_label.text(), timeout=30000)
    left_out = len(
        [n for n in names(window) if "." in n and n.rpartition(".")[2] not in ("jpg", "png", "txt", "pdf")]
    )
    assert window.status.state_label.text().startswith(f"{left_out} file")


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice renders office documents here")
def test_a_thumbnail_the_service_refuses_is_said_in_words(qtbot: QtBot, window: MainWindow) -> None:
    window.path_bar.pathEntered.emit("/Documents")
    qtbot.waitUntil(lambda: "Budget.xlsx" in names(window), timeout=10000)
    window.views.details.setCurrentIndex(row_of(window, "Budget.xlsx"))
    assert window.thumbnail_action.isEnabled()  # an office document: the service may have LibreOffice
    window.thumbnail_action.trigger()
    qtbot.waitUntil(lambda: "Budget" in window.status.state_label.text(), timeout=30000)
    assert window.status.state_label.text() == (
        "No thumbnail of “Budget.xlsx”: The service cannot make thumbnails of this kind of file."
    )
    details = window.status.state_label.toolTip()
    assert "Error code: koodrive.415" in details.splitlines()
    assert "Service message: no thumbnails for files like 'Budget.xlsx'" in details.splitlines()


def test_errors_of_the_service_are_said_in_chinese(
    qtbot: QtBot, chinese: Language, window: MainWindow
) -> None:
    """Renamed to a name taken, the service answers dentryNameConflict: words in the status line,
    the service's own in its tooltip."""
    window.views.details.setCurrentIndex(row_of(window, "Documents"))
    answer_next_dialog(qtbot, "Photos")
    window.rename_action.trigger()
    qtbot.waitUntil(lambda: window.status.state_label.text() != "", timeout=10000)
    assert window.status.state_label.text() == "已存在同名项目。"
    assert "错误代码：dentryNameConflict" in window.status.state_label.toolTip().splitlines()
