"""Every text of the window in Chinese, and every text fitting its widget, in both languages.

The walk is generic, so that what is added to the window later is covered without touching this
test: every menu of the menu bar (recursively), every action's text and tips, every widget of the
window and of each dialog the actions open (labels, buttons, placeholders, tooltips, titles,
accessible names, group boxes, item models' headers and cells), the item menus of both views,
and the status line after common actions and errors. In Chinese, a text that still holds an
English word fails; names (of files, folders, spaces, users), paths, URLs, numbers, units and
product names do not count. In both languages, a text cut short by its widget fails.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QAbstractListModel, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from app.accounts.secrets import SecretStore
from app.accounts.store import AccountStore
from app.api import StorageClient
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID
from app.ui.actions.accounts import AccountsMenu
from app.ui.dialogs.account import AccountDialog
from app.ui.dialogs.conflicts import ConflictDialog
from app.ui.dialogs.edits import UnsentEditsDialog
from app.ui.dialogs.preferences_dialog import PreferencesDialog
from app.ui.dialogs.share import ShareDialog
from app.ui.dialogs.versions import VersionsDialog
from app.ui.language import Language
from app.ui.main_window import MainWindow
from app.ui.models.dentry_model import DentryRole
from app.ui.texts import arg, translate
from tests.ui.conftest import upload
from tests.ui.languages import CHINESE, ENGLISH, speak
from tests.window.helpers import double_click, names, opening_files, row_of, save_like_an_editor

COLLEAGUE = "colleague-union-id"

# Words that are not English sentences: product names, units, keys, language names.
PRODUCT_WORDS = frozenset(
    [
        "Dentry",
        "DingTalk",
        "AppKey",
        "AppSecret",
        "unionId",
        "Client",
        "GNOME",
        "KWallet",
        "Windows",
        "Office",
        "Word",
        "Excel",
        "PowerPoint",
        "WebP",
        "QuickTime",
        "Markdown",
        "OpenDocument",
        "Android",
        "English",
        "KiB",
        "MiB",
        "GiB",
        "TiB",
    ]
)
TOKEN = re.compile(r"[A-Za-z0-9_.'’-]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"https?://\S+")
PATH = re.compile(r"(?<![\w.])/[^\s“”()（），、：]*")
OWN_TEXTS = (QLabel, QAbstractButton, QLineEdit, QGroupBox)


@dataclass
class Walk:
    """What the walk read, and what it found wrong."""

    chinese: bool
    names: set[str]
    details: tuple[str, ...] = ()
    """Starts of the lines of error details that quote the service (its code, its own message)."""
    english: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    seen: int = 0

    def text(self, where: str, text: object) -> None:
        """One text a person can read (anything else is not a text)."""
        if not isinstance(text, str) or not text:
            return
        self.seen += 1
        if not self.chinese:
            return
        lines = [line for line in text.splitlines() if not line.startswith(self.details)]
        plain = URL.sub(" ", "\n".join(lines))
        for name in sorted(self.names, key=len, reverse=True):
            plain = plain.replace(name, " ")
        plain = PATH.sub(" ", plain)
        words = [
            word
            for token in TOKEN.findall(plain)
            if not any(char.isdigit() for char in token)  # ids, hashes, versions: data
            for word in LATIN_WORD.findall(token)
            if word not in PRODUCT_WORDS and not word.isupper()  # PDF, JPEG, ID, OSS, HTTP …
        ]
        if words:
            self.english.append(f"{where}: {text!r} ({', '.join(words)})")

    def action(self, where: str, action: QAction) -> None:
        """An action's texts, and its menu's, recursively."""
        if action.isSeparator():
            return
        where = f"{where} › {action.text()}"
        for text in (action.text(), action.toolTip(), action.statusTip(), action.whatsThis()):
            self.text(where, text)
        if action.menu() is not None:
            self.menu(where, action.menu())  # type: ignore[arg-type]

    def menu(self, where: str, menu: QMenu) -> None:
        """A menu's title and its actions (menus filled on demand are filled first)."""
        menu.aboutToShow.emit()
        self.text(where, menu.title())
        for action in menu.actions():
            self.action(where, action)

    def widget(self, where: str, top: QWidget) -> None:
        """A window or dialog with everything in it."""
        for widget in [top, *top.findChildren(QWidget)]:
            here = f"{where} › {type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
            if widget.isWindow() or isinstance(widget, QDockWidget):
                self.text(here, widget.windowTitle())
            for text in (widget.toolTip(), widget.statusTip(), widget.whatsThis()):
                self.text(here, text)
            self.text(here, widget.accessibleName())
            self.text(here, widget.accessibleDescription())
            if isinstance(widget, QLabel | QAbstractButton):
                self.text(here, widget.text())
            elif isinstance(widget, QLineEdit):
                self.text(here, widget.placeholderText())
            elif isinstance(widget, QGroupBox):
                self.text(here, widget.title())
            elif isinstance(widget, QMenu):
                self.menu(here, widget)
            elif isinstance(widget, QAbstractItemView) and not isinstance(top, QFileDialog | QHeaderView):
                self.model(here, widget)  # (a file dialog lists the user's own files)
            if isinstance(widget, QMessageBox):
                self.text(here, widget.informativeText())
                self.text(here, widget.detailedText())
            for action in widget.actions():
                self.action(here, action)
            if isinstance(widget, OWN_TEXTS) and widget.isVisible():
                self.fits(here, widget)

    def model(self, where: str, view: QAbstractItemView) -> None:
        """Column titles, and each cell's words of the first rows (names are not checked)."""
        model = view.model()
        if model is None:
            return
        root = view.rootIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        for column in range(columns):
            self.text(f"{where} › column {column}", model.headerData(column, Qt.Orientation.Horizontal))
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
        for row in range(min(model.rowCount(root), 40)):
            for column in range(columns):
                index = model.index(row, column, root)
                for role in roles:
                    value = index.data(role)
                    if isinstance(value, str):
                        self.text(f"{where} › row {row} column {column}", value)

    def fits(self, where: str, widget: QWidget) -> None:
        """The widget shows its whole text: wide and tall enough for it."""
        if isinstance(widget, QLineEdit):
            text = widget.text() or widget.placeholderText()
            room = widget.contentsRect().width() - 8  # the text margins and the frame
            if text and widget.fontMetrics().horizontalAdvance(text) > room and not widget.text():
                self.cut.append(f"{where}: {text!r} in {widget.width()} px")
            return
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height() + 1:
                self.cut.append(f"{where}: {widget.text()!r} needs more height")
            return
        if isinstance(widget, QLabel | QAbstractButton) and not widget.text():
            return  # a picture (an icon-only button): no text to cut
        hint = widget.sizeHint()
        if isinstance(widget, QGroupBox):
            if widget.fontMetrics().horizontalAdvance(widget.title()) > widget.width():
                self.cut.append(f"{where}: {widget.title()!r}")
            return
        if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
            shown = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
            size = f"{widget.width()}×{widget.height()}"
            self.cut.append(f"{where}: {shown!r} is {size}, needs {hint.width()}×{hint.height()}")


def all_names(client: StorageClient, space_id: str) -> set[str]:
    """Every name of the space (they are data, not texts of the window), with their folders' paths."""
    found: set[str] = set()
    folders = ["0"]
    while folders:
        for dentry in client.iter_dentries(space_id, folders.pop()):
            found.add(dentry.name)
            if dentry.is_folder and dentry.name != "Big folder":
                folders.append(dentry.id)
    return found


def when_shown(kind: type[QWidget], handle: Callable[[QWidget], object]) -> list[QWidget]:
    """Call `handle` once a visible window of `kind` opens (modal dialogs block their opener)."""
    shown: list[QWidget] = []

    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not found:
            QTimer.singleShot(20, poll)
            return
        # Once more after this event, so that its layout is done before it is read.
        QTimer.singleShot(50, lambda: (shown.append(found[-1]), handle(found[-1])))

    QTimer.singleShot(20, poll)
    return shown


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    """The window of the test speaks this language (made after this fixture)."""
    chosen = CHINESE if request.param == "zh_CN" else ENGLISH
    speak(chosen)
    yield chosen
    speak(ENGLISH)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A headless machine's keyring: none (the AppSecret is kept for the session only)."""
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_every_text_is_chinese_and_fits(
    qtbot: QtBot,
    language: Language,
    window: MainWindow,
    service: LocalServer,
    tmp_path: Path,
    no_keyring: None,
) -> None:
    session = window.session
    assert session.connection is not None
    client = session.connection.client
    space_id = window.model.space_id
    known = all_names(client, space_id)
    extensions = {name.rpartition(".")[2] for name in known if "." in name}
    quoting = ("Service message: %1", "Error code: %1", "Request id: %1", "Original message: %1")
    walk = Walk(
        chinese=language.code == "zh_CN",
        names={*known, *extensions, "Demo space", "Test", "local-user", DEFAULT_APP_KEY, "Big folder"},
        details=tuple(translate("Errors", text).partition("%1")[0] for text in quoting),
    )
    accounts = AccountsMenu(
        window.account_menu,
        window,
        window.background,
        session,
        AccountStore(tmp_path / "accounts"),
        SecretStore(),
    )

    def status(where: str) -> None:
        qtbot.wait(50)  # the status bar lays out its labels for their new texts
        walk.widget(f"status after {where}", window.statusBar())

    def until_said(something: Callable[[], object]) -> None:
        """Do something, then wait until the status line says what came of it."""
        window.status.show_status("")
        something()
        qtbot.waitUntil(lambda: window.status.state_label.text() != "", timeout=15000)

    def dialog(
        where: str, kind: type[QWidget], trigger: Callable[[], object], answer: Callable[[QWidget], object]
    ) -> None:
        def handle(found: QWidget) -> None:
            walk.widget(where, found)
            answer(found)

        shown = when_shown(kind, handle)
        trigger()
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        qtbot.waitUntil(lambda: not isValid(shown[0]) or not shown[0].isVisible(), timeout=10000)

    def context_menus(where: str) -> None:
        for view in (window.views.details, window.views.grid):
            window.set_view_mode("grid" if view is window.views.grid else "details")
            qtbot.wait(50)
            item = view.visualRect(row_of(window, "Welcome.txt")).center()
            empty = QPoint(view.viewport().width() - 5, view.viewport().height() - 5)
            for spot, point in (("an item", item), ("empty space", empty)):
                if spot == "an item":
                    view.setCurrentIndex(row_of(window, "Welcome.txt"))
                dialog(
                    f"{where}: menu of the {view.accessibleName()} on {spot}",
                    QMenu,
                    lambda v=view, p=point: v.customContextMenuRequested.emit(p),
                    lambda menu: menu.close(),
                )

    # The window itself, its menus (the Account menu filled as it shows), both views.
    walk.widget("window", window)
    for action in window.menuBar().actions():
        walk.action("menu bar", action)
    window.set_view_mode("grid")
    walk.widget("window in the grid view", window)
    context_menus("window")

    # A file chosen: the status line counts it; Properties of a file and of a folder.
    window.set_view_mode("details")
    window.views.details.setCurrentIndex(row_of(window, "季度报告.pdf"))
    status("choosing a file")
    for name in ("季度报告.pdf", "Documents"):
        window.views.details.setCurrentIndex(row_of(window, name))
        dialog(f"properties of {name}", QDialog, window.properties_action.trigger, lambda d: d.close())

    # New folder: the prompt, a name the service refuses, a name taken (an error of the service).
    def refuse(prompt: QWidget) -> None:
        assert isinstance(prompt, QInputDialog)
        prompt.setTextValue("坏*名字")
        prompt.accept()

    refused = when_shown(QMessageBox, lambda box: (walk.widget("a refused name", box), box.close()))
    dialog("new folder prompt", QInputDialog, window.new_folder_action.trigger, refuse)
    qtbot.waitUntil(lambda: bool(refused), timeout=10000)

    def taken(prompt: QWidget) -> None:
        assert isinstance(prompt, QInputDialog)
        prompt.setTextValue("Documents")
        prompt.accept()

    until_said(lambda: dialog("new folder prompt", QInputDialog, window.new_folder_action.trigger, taken))
    status("a name taken")

    # Rename and Delete ask first.
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    dialog("rename prompt", QInputDialog, window.rename_action.trigger, lambda d: d.close())
    dialog(
        "delete question",
        QMessageBox,
        window.delete_action.trigger,
        lambda box: box.button(QMessageBox.StandardButton.No).click(),  # type: ignore[attr-defined]
    )

    # A file's versions.
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    window.versions_action.trigger()
    versions = [w for w in QApplication.topLevelWidgets() if isinstance(w, VersionsDialog) and w.isVisible()]
    qtbot.waitUntil(lambda: versions[0].table.topLevelItemCount() > 0, timeout=10000)
    qtbot.wait(50)
    walk.widget("versions of Welcome.txt", versions[0])
    versions[0].close()

    # Delete for real: the status line offers Undo; the recycle bin, its menu and questions; Restore.
    def yes(box: QWidget) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[attr-defined]

    def no(box: QWidget) -> None:
        box.button(QMessageBox.StandardButton.No).click()  # type: ignore[attr-defined]

    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    until_said(lambda: dialog("delete question", QMessageBox, window.delete_action.trigger, yes))
    status("a delete, with Undo")
    window.go_bin_action.trigger()
    bin_view = window.bin_view
    qtbot.waitUntil(lambda: bin_view.proxy.rowCount() > 0 and not window.bin_model.loading, timeout=10000)
    qtbot.wait(50)
    walk.widget("window in the recycle bin", window)
    row = next(
        r for r in range(bin_view.proxy.rowCount()) if bin_view.proxy.index(r, 0).data() == "Welcome.txt"
    )
    bin_view.table.selectRow(row)
    spot = bin_view.table.visualRect(bin_view.proxy.index(row, 0)).center()
    dialog(
        "menu of the recycle bin",
        QMenu,
        lambda: bin_view.table.customContextMenuRequested.emit(spot),
        lambda menu: menu.close(),
    )
    dialog("delete forever question", QMessageBox, window.delete_forever_action.trigger, no)
    dialog("empty recycle bin question", QMessageBox, window.empty_bin_action.trigger, no)
    until_said(window.restore_action.trigger)
    qtbot.waitUntil(lambda: "…" not in window.status.state_label.text(), timeout=10000)
    status("a restore")
    window.path_bar.crumbClicked.emit(0)
    qtbot.waitUntil(lambda: "Welcome.txt" in names(window), timeout=10000)

    # Share…: the dialog with a member who holds a role until a date.
    walk.names.add(COLLEAGUE)
    welcome_item = row_of(window, "Welcome.txt").data(DentryRole)
    client.add_permission(space_id, welcome_item.id, "DOWNLOADER", [COLLEAGUE], duration=3600)
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    window.share_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShareDialog), timeout=10000)
    share = QApplication.activeModalWidget()
    assert isinstance(share, ShareDialog)
    qtbot.waitUntil(lambda: share.members.topLevelItemCount() == 1, timeout=10000)
    qtbot.waitUntil(
        lambda: share.own_role.text() != translate("ShareDialog", "Your role: asking the service…")
    )
    share.members.topLevelItem(0).setSelected(True)
    walk.widget("share dialog", share)
    share.close()

    # Copy and paste onto a name taken: the question, and what the status line says.
    taken_in = f"冲突 {language.code}"  # the service lives as long as the module: one per language
    conflicts = client.add_folder(space_id, "0", taken_in)
    walk.names.add(taken_in)
    client.copy_dentries(space_id, [welcome_item.id], conflicts.id)
    window.copy_action.trigger()
    status("copying an item")
    window.refresh_action.trigger()  # the folder was made behind the window's back
    qtbot.waitUntil(lambda: taken_in in names(window), timeout=10000)
    window.path_bar.pathEntered.emit(f"/{taken_in}")
    qtbot.waitUntil(lambda: names(window) == ["Welcome.txt"], timeout=10000)
    until_said(
        lambda: dialog("name taken", ConflictDialog, window.paste_action.trigger, lambda d: d.skip.click())
    )
    status("pasting only what was skipped")
    window.path_bar.pathEntered.emit("/")
    qtbot.waitUntil(lambda: taken_in in names(window), timeout=10000)
    dialog("upload files", QFileDialog, window.upload_files_action.trigger, lambda d: d.close())

    # Add a space by id: the prompt, then the service's answer for a space that does not exist.
    def unknown_space(prompt: QWidget) -> None:
        assert isinstance(prompt, QInputDialog)
        prompt.setTextValue("424242")
        prompt.accept()

    until_said(
        lambda: dialog("add space prompt", QInputDialog, window.add_space_action.trigger, unknown_space)
    )
    status("adding a space that does not exist")

    # A path that does not exist.
    until_said(lambda: window.path_bar.pathEntered.emit("/没有这个文件夹"))
    status("a path that does not exist")

    # Search: results, and nothing found.
    walk.names.add("Welcome")  # what the user typed
    for keyword in ("Welcome", "没有这个名字"):
        window.filter_edit.setText(keyword)
        dialog(f"search for {keyword}", QDialog, window.filter_edit.returnPressed.emit, lambda d: d.close())
        status(f"search for {keyword}")
    window.filter_edit.clear()

    # View → Language: the choice is kept and applies from the next start.
    language_menu = window.findChild(QMenu, "language")
    other = language_menu.actions()[1 if language.code == "zh_CN" else 2]
    dialog("language chosen", QMessageBox, other.trigger, lambda box: box.close())

    # Edit → Preferences…: the dialog, and what it says about values it cannot use.
    def bad_values(found: QWidget) -> None:
        assert isinstance(found, PreferencesDialog)
        found.download_folder.setText(str(tmp_path / "没有这个文件夹"))
        found.download_limit.setText("快")
        qtbot.wait(50)  # the dialog lays out the problems it now says
        walk.widget("preferences with bad values", found)
        found.reject()

    walk.names |= {"快", "没有这个文件夹"}
    dialog("preferences", PreferencesDialog, window.preferences_action.trigger, bad_values)

    # Accounts: the dialog; a wrong AppSecret; a right one on a machine without a keyring.
    def sign_in(secret: str) -> Callable[[QWidget], None]:
        def fill(found: QWidget) -> None:
            assert isinstance(found, AccountDialog)
            found.remote_choice.setChecked(True)
            walk.widget("account dialog, organization chosen", found)
            found.endpoint.setText(service.url)
            found.app_key.setText(DEFAULT_APP_KEY)
            found.app_secret.setText(secret)
            found.union_id.setText(DEFAULT_UNION_ID)
            found.accept()

        return fill

    for secret, outcome in (("wrong", "cannot sign in"), (DEFAULT_APP_SECRET, "no keyring")):
        answered = when_shown(QMessageBox, lambda box, o=outcome: (walk.widget(o, box), box.close()))
        dialog("account dialog", AccountDialog, lambda: accounts.ask(first_run=False), sign_in(secret))
        qtbot.waitUntil(lambda a=answered: bool(a), timeout=15000)
    welcome = AccountDialog(window, first_run=True)
    dialog("first-run account dialog", AccountDialog, welcome.open, lambda d: d.close())
    walk.menu("account menu with an organization", window.account_menu)
    qtbot.waitUntil(lambda: window.model.space_id != "" and bool(names(window)), timeout=15000)

    # Uploads: names the service refuses (skipped), then files that go up; the transfers panel.
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("什么*名字.txt", "ends with dot."):
        (bad / name).write_text("x", encoding="utf-8")
    walk.names |= {
        "什么*名字.txt",
        "什么_名字.txt",
        "ends with dot.",
        "ends with dot",
        "data.bin",
        "report.txt",
    }

    def skip(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()

    until_said(
        lambda: dialog(
            "names the service refuses",
            QMessageBox,
            lambda: window.uploads.upload(sorted(bad.iterdir())),
            skip,
        )
    )
    status("skipping refused names")
    good = [tmp_path / "data.bin", tmp_path / "report.txt"]
    for path in good:
        path.write_bytes(b"1234" * 100)
    window.uploads.upload(good)
    qtbot.waitUntil(lambda: {"data.bin", "report.txt"} <= set(names(window)), timeout=15000)

    # Make thumbnail: not for a kind the service cannot render (its tooltip says why).
    window.views.details.setCurrentIndex(row_of(window, "data.bin"))
    assert not window.thumbnail_action.isEnabled()
    walk.action("make thumbnail on data.bin", window.thumbnail_action)
    context_menus("a file the service makes no thumbnail of")

    # Downloads: the folder chooser; one that fails (its folder is a file); the transfers panel.
    window.views.details.setCurrentIndex(row_of(window, "Welcome.txt"))
    dialog("download to", QFileDialog, window.download_action.trigger, lambda d: d.close())
    blocked = tmp_path / "blocked"
    blocked.write_text("in the way", encoding="utf-8")
    welcome_file = row_of(window, "Welcome.txt").data(DentryRole)
    window.uploads.download([welcome_file], blocked / "inside")
    window.uploads.download([welcome_file], tmp_path / "downloads")
    qtbot.waitUntil(
        lambda: (
            window.transfers_model.rowCount() >= 4 and all(j.state.finished for j in window.transfers.jobs())
        ),
        timeout=20000,
    )
    qtbot.wait(600)  # the panel repaints twice a second
    window.transfers_panel.show()
    qtbot.wait(50)
    walk.widget("transfers panel", window.transfers_panel)
    status("transfers")

    # Edit in place: an edit saved while Dentry was closed is offered at the next start; the status
    # line says what became of each edit (a new version; beside a file changed on the service).
    connection = session.connection
    assert connection is not None
    minutes = "会议记录.txt"
    upload(connection.client, window.model.space_id, "0", minutes, b"1\n", conflict="OVERWRITE")
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: minutes in names(window), timeout=10000)
    walk.names |= {minutes, socket.gethostname()}
    window.set_view_mode("details")
    with opening_files() as opened:
        double_click(qtbot, window.views.details, row_of(window, minutes))
        qtbot.waitUntil(lambda: bool(opened.urls), timeout=15000)
    copy = opened.paths()[0]
    window.edits.close()  # Dentry closes…
    save_like_an_editor(copy, b"1\n2\n")

    def upload_edits(found: QWidget) -> None:
        assert isinstance(found, UnsentEditsDialog)
        found.upload_button.click()

    def said(source: str) -> Callable[[], bool]:
        """Whether the status line says `source` (translated) about the file, whatever its ``%2``."""
        start = arg(translate("EditInPlace", source), minutes, "\0").partition("\0")[0]
        return lambda: window.status.state_label.text().startswith(start)

    dialog("edits not uploaded", UnsentEditsDialog, lambda: window.edits.connected(connection), upload_edits)
    qtbot.waitUntil(said("Your edit of “%1” is uploaded: version %2"), timeout=15000)
    status("an edit uploaded as a new version")
    upload(connection.client, window.model.space_id, "0", minutes, b"theirs\n", conflict="OVERWRITE")
    save_like_an_editor(copy, b"1\n2\n3\n")
    beside = re.compile(r"会议记录 \(.*\)\.txt")
    qtbot.waitUntil(lambda: any(beside.fullmatch(name) for name in names(window)), timeout=15000)
    walk.names |= {name for name in names(window) if beside.fullmatch(name)}
    qtbot.waitUntil(
        said(
            "Your edit of “%1” is uploaded beside it as “%2”: the file changed on the service since "
            "you opened it"
        ),
        timeout=15000,
    )
    status("an edit uploaded beside a file changed on the service")

    # An office document the local service cannot render without LibreOffice: its answer, in words.
    window.path_bar.pathEntered.emit("/Documents")
    qtbot.waitUntil(lambda: "Budget.xlsx" in names(window), timeout=10000)
    window.views.details.setCurrentIndex(row_of(window, "Budget.xlsx"))
    window.status.show_status("")
    window.thumbnail_action.trigger()
    qtbot.waitUntil(lambda: "…" not in window.status.state_label.text(), timeout=30000)
    status("make thumbnail of an office document")
    walk.widget("window at the end", window)

    assert walk.seen > 300
    assert walk.english == [], "\n".join(walk.english)
    assert walk.cut == [], "\n".join(walk.cut)


@pytest.mark.slow
def test_texts_fit_at_twice_the_scale() -> None:
    """The same walk on a high-density screen (Qt's scale factor is read when the app starts)."""
    if os.environ.get("QT_SCALE_FACTOR") == "2":
        pytest.skip("this run is the one at twice the scale")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         f"{__file__}::test_every_text_is_chinese_and_fits"],
        env={**os.environ, "QT_SCALE_FACTOR": "2"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 passed" in result.stdout
