"""The browser window: spaces and folders on the left, the current folder on the right.

This module builds the window's parts, its actions and menus, and connects them; nothing else.
Where the user is lives in `Navigator`, what the user does in `app.ui.actions`, the work in
`app.ui.operations`; every view updates itself from the changes operations announce on the
window's `ChangeBus`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
)

from app.api.models import Dentry, Space
from app.preferences import Preferences, PreferencesError, PreferencesFile
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession, Connection, account_title
from app.ui.actions.accounts import ask_space_id
from app.ui.actions.clipboard import ItemDrops, MoveCopyActions
from app.ui.actions.context import ActionContext
from app.ui.actions.drag_out import DragOut
from app.ui.actions.edits import EditInPlace
from app.ui.actions.files import FileActions
from app.ui.actions.preferences import PreferencesActions
from app.ui.actions.recycle_bin import RecycleBinActions
from app.ui.actions.roles import RoleGate
from app.ui.actions.search import SpaceSearch
from app.ui.actions.sharing import ShareActions
from app.ui.actions.transfers import TransferActions
from app.ui.actions.versions import VersionActions
from app.ui.background import Background
from app.ui.errors import explain_text
from app.ui.language import LANGUAGE_KEY, LANGUAGES, SYSTEM
from app.ui.models.dentry_model import DentryModel
from app.ui.models.item_mime import ItemsMime
from app.ui.models.recycle_bin_model import RecycleBinModel
from app.ui.models.remote_folders import RemoteFolders
from app.ui.models.roles import Roles
from app.ui.models.thumbnail_loader import ThumbnailLoader
from app.ui.models.transfer_events import TransferEvents
from app.ui.models.transfers_model import TransfersModel
from app.ui.navigation import Navigator
from app.ui.notifications import TransferNotifier
from app.ui.operations.changes import ChangeBus
from app.ui.operations.transfers import UploadArrivals
from app.ui.preferences import WindowPreferences
from app.ui.texts import arg, translate, without_mnemonic
from app.ui.theme import THEME_NAMES, THEMES, apply_theme
from app.ui.widgets.drag import DragSource
from app.ui.widgets.file_views import FileViews
from app.ui.widgets.path_bar import PathBar
from app.ui.widgets.recycle_bin_view import RecycleBinView
from app.ui.widgets.spaces_pane import SpacesPane
from app.ui.widgets.status_line import StatusLine
from app.ui.widgets.transfers_panel import TransfersPanel
from app.ui.widgets.transfers_summary import TransfersSummary

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class MainWindow(QMainWindow):
    """Dentry's main window.

    Signals:
        folderShown(): the current folder's first page is listed (used by --screenshot and tests).
    """

    folderShown = Signal()

    def __init__(
        self,
        *,
        background: Background,
        session: AccountSession,
        transfers: TransferManager,
        settings: QSettings,
        cache_dir: Path,
        preferences: PreferencesFile | None = None,
    ) -> None:
        """Build the window; connecting an account fills it (see `AccountSession.connect_to`).

        `preferences` is the file the Preferences dialog reads and writes (default: the user's).
        """
        super().__init__()
        self.setWindowTitle("Dentry")
        self.setAccessibleName("Dentry")
        self.background = background
        self.session = session
        self.transfers = transfers
        self.settings = settings
        self.changes = ChangeBus(self)
        self.model = DentryModel(background, self)
        self.loader = ThumbnailLoader(background, cache_dir / "thumbnails", parent=self)
        self.model.set_thumbnail_loader(self.loader)
        self.navigator = Navigator(self.model, settings, self)
        self.transfer_events = TransferEvents(transfers, self)
        self.preferences = WindowPreferences(preferences or PreferencesFile(), transfers, self)
        self.transfers_model = TransfersModel(transfers, self, RemoteFolders(session, background, self))
        self.bin_model = RecycleBinModel(background, self)
        self._build_parts()
        context = ActionContext(
            self, session, background, self.changes, transfers, self.navigator, self.views, self.status
        )
        self.edits = EditInPlace(context, cache_dir / "open")
        self.files = FileActions(context, self.edits.open)
        self.uploads = TransferActions(
            context, [self.views.details, self.views.grid], self.preferences.download_folder
        )
        self.roles = Roles(background, self)
        self.gate = RoleGate(self.roles, lambda: list(self.move_copy.chain_ids()), self.views, self)
        self.uploads.upload_refusal = lambda: self.gate.folder_refusal("upload")
        self.move_copy = MoveCopyActions(
            context,
            self.gate,
            lambda: self.navigator.chain,
            lambda: self.navigator.space.name if self.navigator.space else "",
            self.batch_progress,
        )
        self.item_drops = ItemDrops(
            self.move_copy, [self.views.details, self.views.grid], self.spaces_pane.folder_tree
        )
        self.drag_out = DragOut(context, self.gate, self.transfer_events, cache_dir)
        self.drag_source = DragSource([self.views.details, self.views.grid], self._drag_items, self)
        self.sharing = ShareActions(context, self.gate)
        self.preferences_actions = PreferencesActions(self, self.preferences)
        self.notifier = TransferNotifier(
            transfers, self, self.transfers_panel, lambda: self.preferences.current.notify_finished
        )
        self.searcher = SpaceSearch(context)
        self.bin_actions = RecycleBinActions(context, self.bin_view)
        self.versions = VersionActions(context, self.preferences.download_folder)
        self.arrivals = UploadArrivals(
            session, background, self.changes, self._shows_space, self.status.show_failure, self
        )
        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_settings()
        self.preferences_actions.report_problems()

    # --- construction -------------------------------------------------------------------------

    def _build_parts(self) -> None:
        self.spaces_pane = SpacesPane(self.model, self)
        self.views = FileViews(self.model, self.loader, self)
        self.bin_view = RecycleBinView(self.bin_model, self)
        # The current folder, or a space's recycle bin in its place.
        self.content = QStackedWidget(self)
        self.content.addWidget(self.views)
        self.content.addWidget(self.bin_view)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.spaces_pane)
        self.splitter.addWidget(self.content)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 760])
        self.setCentralWidget(self.splitter)
        self.path_bar = PathBar(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setAccessibleName(self.tr("Filter"))
        self.filter_edit.setPlaceholderText(self.tr("Filter (* ?) — Enter searches the space"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(320)
        self.status = StatusLine(self.statusBar(), self.views, self.model)
        self.batch_progress = QProgressBar(self)
        self.batch_progress.setAccessibleName(self.tr("Progress of the moves or copies"))
        self.batch_progress.setMaximumWidth(160)
        self.statusBar().addPermanentWidget(self.batch_progress)
        self.transfers_summary = TransfersSummary(self.statusBar(), self.transfers_model)
        self.transfers_panel = TransfersPanel(self.transfers, self.transfers_model, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.transfers_panel)
        self.transfers_panel.hide()

    def _action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(without_mnemonic(text))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        navigator, files, uploads, move_copy = self.navigator, self.files, self.uploads, self.move_copy
        self.back_action = self._action(self.tr("&Back"), navigator.go_back, keys.Back)
        self.forward_action = self._action(self.tr("&Forward"), navigator.go_forward, keys.Forward)
        self.up_action = self._action(self.tr("&Up"), navigator.go_up, "Alt+Up")
        self.refresh_action = self._action(self.tr("&Refresh"), self.refresh, keys.Refresh)
        self.find_action = self._action(self.tr("&Find"), self.focus_filter, keys.Find)
        self.edit_path_action = self._action(self.tr("Edit &path"), self.path_bar.start_editing, "Ctrl+L")
        self.open_action = self._action(self.tr("&Open"), files.open_current)
        self.properties_action = self._action(self.tr("P&roperties"), files.show_properties, "Alt+Return")
        self.new_folder_action = self._action(self.tr("&New folder…"), files.new_folder, "Ctrl+Shift+N")
        self.rename_action = self._action(self.tr("Re&name…"), files.rename, "F2")
        self.versions_action = self._action(self.tr("&Versions…"), self.versions.show_versions)
        self._versions_tip = self.tr("The versions of the file: download one, or restore it as the newest")
        self.versions_action.setToolTip(self._versions_tip)
        self.delete_action = self._action(self.tr("&Delete"), self.bin_actions.delete, keys.Delete)
        self.undo_action = self._action(self.tr("&Undo"), self.bin_actions.undo, keys.Undo)
        self.undo_action.setEnabled(False)
        self.go_bin_action = self._action(self.tr("Recycle &bin"), self.show_recycle_bin)
        self.restore_action = self._action(self.tr("R&estore"), self.bin_actions.restore)
        self.restore_action.setToolTip(self.tr("Put the chosen items back where they were deleted from"))
        # Delete in the recycle bin deletes for good (the file views' Delete is disabled there).
        self.delete_forever_action = self._action(
            self.tr("Delete &forever…"), self.bin_actions.delete_forever, keys.Delete
        )
        self.empty_bin_action = self._action(self.tr("&Empty recycle bin…"), self.bin_actions.empty)
        self.download_now_action = self._action(self.tr("Down&load"), uploads.download_to_download_folder)
        self.download_now_action.setToolTip(
            self.tr("Download the chosen items into the download folder (Edit → Preferences…)")
        )
        self.download_action = self._action(self.tr("Do&wnload to…"), uploads.download_selected, "Ctrl+D")
        self.download_action.setToolTip(self.tr("Download the chosen items into a folder you pick"))
        self.cut_action = self._action(self.tr("Cu&t"), move_copy.cut, keys.Cut)
        self.copy_action = self._action(self.tr("&Copy"), move_copy.copy, keys.Copy)
        self.paste_action = self._action(self.tr("&Paste"), move_copy.paste, keys.Paste)
        self.share_action = self._action(self.tr("&Share…"), self.sharing.share, "Ctrl+Shift+S")
        self.share_action.setToolTip(self.tr("Who has which role on the chosen items: add, change or remove"))
        self.upload_files_action = self._action(self.tr("&Upload files…"), uploads.upload_files)
        self.upload_folder_action = self._action(self.tr("Upload &folder…"), uploads.upload_folder)
        self.thumbnail_action = self._action(self.tr("Make &thumbnail"), uploads.make_thumbnails)
        self.details_action = self._action(
            self.tr("&Details"), lambda: self.set_view_mode("details"), "Ctrl+1"
        )
        self.grid_action = self._action(self.tr("&Thumbnails"), lambda: self.set_view_mode("grid"), "Ctrl+2")
        self.add_space_action = self._action(
            self.tr("Add space by &id…"), lambda: ask_space_id(self, self.session)
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, keys.Quit)
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self.preferences_actions.open_dialog, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (self.details_action, self.grid_action):
            action.setCheckable(True)
        self._thumbnail_tip = self.tr("Have the storage service make thumbnails of the selected files")
        self.thumbnail_action.setToolTip(self._thumbnail_tip)
        icons = {
            self.back_action: QStyle.StandardPixmap.SP_ArrowBack,
            self.forward_action: QStyle.StandardPixmap.SP_ArrowForward,
            self.up_action: QStyle.StandardPixmap.SP_ArrowUp,
            self.refresh_action: QStyle.StandardPixmap.SP_BrowserReload,
            self.details_action: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            self.grid_action: QStyle.StandardPixmap.SP_FileDialogContentsView,
            self.properties_action: QStyle.StandardPixmap.SP_FileDialogInfoView,
            self.go_bin_action: QStyle.StandardPixmap.SP_TrashIcon,
            self.restore_action: QStyle.StandardPixmap.SP_DialogResetButton,
            self.delete_forever_action: QStyle.StandardPixmap.SP_DialogDiscardButton,
            self.empty_bin_action: QStyle.StandardPixmap.SP_TrashIcon,
        }
        for action, icon in (
            (self.cut_action, "edit-cut"),
            (self.copy_action, "edit-copy"),
            (self.paste_action, "edit-paste"),
        ):
            action.setIcon(QIcon.fromTheme(icon))
        for action, pixmap in icons.items():
            action.setIcon(self.style().standardIcon(pixmap))
        self.views.set_menu_actions(
            [
                self.open_action,
                self.download_now_action,
                self.download_action,
                self.thumbnail_action,
                self.cut_action,
                self.copy_action,
                self.rename_action,
                self.delete_action,
                self.versions_action,
                self.share_action,
                self.properties_action,
            ],
            [
                self.paste_action,
                self.new_folder_action,
                self.upload_files_action,
                self.upload_folder_action,
                self.refresh_action,
            ],
        )
        self.bin_view.set_actions([self.restore_action, self.delete_forever_action], [self.empty_bin_action])
        self.status.set_undo_action(self.undo_action)
        self._govern_by_roles()

    def _govern_by_roles(self) -> None:
        """What the user's role refuses is disabled, its tooltip saying why."""
        gate = self.gate

        def space_shown() -> bool:  # a folder of a space, not its recycle bin
            return bool(self.model.space_id) and self.content.currentWidget() is self.views

        for action, name in (
            (self.cut_action, "cut"),
            (self.copy_action, "copy"),
            (self.rename_action, "rename"),
            (self.delete_action, "delete"),
            (self.download_now_action, "download"),
            (self.download_action, "download"),
        ):
            gate.govern_items(action, name)
        gate.govern_items(self.open_action, "open", files_only=True)
        gate.govern_folder(self.paste_action, "paste", self.move_copy.can_paste)
        gate.govern_folder(self.new_folder_action, "new_folder", space_shown)
        gate.govern_folder(self.upload_files_action, "upload", space_shown)
        gate.govern_folder(self.upload_folder_action, "upload", space_shown)

    def _build_menus(self) -> None:
        toolbar = QToolBar(self.tr("Navigation"), self)
        toolbar.setAccessibleName(self.tr("Navigation"))
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        for action in (self.back_action, self.forward_action, self.up_action, self.refresh_action):
            toolbar.addAction(action)
        toolbar.addWidget(self.path_bar)
        toolbar.addAction(self.details_action)
        toolbar.addAction(self.grid_action)
        toolbar.addWidget(self.filter_edit)
        self.addToolBar(toolbar)
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.setToolTipsVisible(True)  # a disabled action says why
        for action in (
            self.open_action,
            self.new_folder_action,
            self.upload_files_action,
            self.upload_folder_action,
            self.download_now_action,
            self.download_action,
            self.rename_action,
            self.delete_action,
            self.versions_action,
            self.share_action,
            self.properties_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.restore_action, self.delete_forever_action, self.empty_bin_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.setToolTipsVisible(True)
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        go_menu = menu.addMenu(self.tr("&Go"))
        for action in (
            self.back_action,
            self.forward_action,
            self.up_action,
            self.refresh_action,
            self.edit_path_action,
            self.find_action,
            self.go_bin_action,
        ):
            go_menu.addAction(action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.details_action)
        view_menu.addAction(self.grid_action)
        theme_menu = view_menu.addMenu(self.tr("T&heme"))
        theme_menu.setObjectName("theme")
        themes = QActionGroup(self)
        self._theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = theme_menu.addAction(translate("MainWindow", THEME_NAMES[theme]))
            action.setCheckable(True)
            action.setChecked(theme == self.preferences.current.theme)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            themes.addAction(action)
            self._theme_actions[theme] = action
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.setObjectName("language")
        self._build_language_menu(language_menu)
        view_menu.addSeparator()
        view_menu.addAction(self.transfers_panel.toggleViewAction())
        self.account_menu = menu.addMenu(self.tr("&Account"))
        self.account_menu.addAction(self.add_space_action)

    def _build_language_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        current = str(self.settings.value(LANGUAGE_KEY, SYSTEM))
        for choice, name in [(SYSTEM, self.tr("System")), *LANGUAGES.items()]:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_language(c))
            group.addAction(action)

    def _connect(self) -> None:
        session, navigator, views, status = self.session, self.navigator, self.views, self.status
        session.connected.connect(self._connected)
        session.connected.connect(self.edits.connected)
        session.failed.connect(lambda text: status.show_error(text.sentence, text.details))
        session.spaceAdded.connect(lambda _space: self._fill_spaces(session.connection))
        self.background.unhandledError.connect(status.show_failure)
        # Where the user goes, and the parts that show it.
        self.spaces_pane.spaceChosen.connect(self._space_chosen)
        self.spaces_pane.recycleBinChosen.connect(self._recycle_bin_chosen)
        self.spaces_pane.folderChosen.connect(navigator.go_to_index)
        self.path_bar.crumbClicked.connect(self._crumb_clicked)
        navigator.folderChanged.connect(self._show_files)  # going anywhere leaves the recycle bin
        self.path_bar.pathEntered.connect(navigator.go_to_path)
        navigator.folderChanged.connect(views.show_folder)
        navigator.folderChanged.connect(self.spaces_pane.show_folder)
        navigator.pathChanged.connect(self.path_bar.set_path)
        navigator.historyChanged.connect(self._history_changed)
        navigator.folderShown.connect(self.folderShown)
        navigator.failed.connect(status.show_error)
        views.activated.connect(self._open)
        views.selectionChanged.connect(self._update_thumbnail_action)
        views.selectionChanged.connect(self._update_versions_action)
        views.selectionChanged.connect(self.gate.refresh)
        navigator.folderChanged.connect(self.gate.refresh)
        self.move_copy.clipboardChanged.connect(self.gate.refresh)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.returnPressed.connect(lambda: self.searcher.start(self.filter_edit.text()))
        # What happened: the transfer engine's events, and the changes operations announce.
        self.preferences.changed.connect(self._preferences_changed)
        self.transfers_panel.showInDentry.connect(self.uploads.show_in_dentry)
        self.uploads.batchQueueing.connect(self.notifier.hold)
        self.uploads.batchQueued.connect(self.notifier.release)
        for on_job_event in (
            self.edits.job_event,
            self.transfers_model.apply,
            self.uploads.job_event,
            self.arrivals.job_event,
        ):
            self.transfer_events.jobEvent.connect(on_job_event)
        self.bin_actions.undoChanged.connect(self._undo_changed)
        for on_changes in (
            self.roles.apply_changes,
            self.model.apply_changes,
            self.bin_model.apply_changes,
            self.loader.apply_changes,
            self.transfers_panel.apply_changes,
            status.apply_changes,
        ):
            self.changes.changed.connect(on_changes)

    # --- accounts and spaces -------------------------------------------------------------------

    def _connected(self, connection: Connection) -> None:
        self.setWindowTitle(arg(self.tr("Dentry — %1"), account_title(connection.account)))
        self.transfers_model.reload()  # the queue runs this account's jobs now; the others wait
        self.bin_actions.forget_undo()
        self._fill_spaces(connection)

    def _fill_spaces(self, connection: Connection | None) -> None:
        if connection is None:
            return
        self.spaces_pane.set_spaces(connection.spaces, self.navigator.remembered_space_id())
        if not connection.spaces:
            self.status.show_status(self.tr("No spaces yet: add one by id (Account menu)"))

    def _space_chosen(self, space: Space) -> None:
        connection = self.session.connection
        if connection is not None:
            if space.id != self.roles.space_id or self.navigator.model.client is not connection.client:
                self.roles.set_space(connection.client, space, connection.account.union_id)
            self.navigator.set_space(connection.client, space)
        self._show_files()

    # --- the recycle bin -------------------------------------------------------------------------

    def show_recycle_bin(self) -> None:
        """Show the recycle bin of the space shown (Go → Recycle bin)."""
        space = self.spaces_pane.current_space()
        if space is not None:
            self._recycle_bin_chosen(space)

    def _recycle_bin_chosen(self, space: Space) -> None:
        connection = self.session.connection
        if connection is None:
            return
        if space.id != self.model.space_id:
            self._space_chosen(space)  # its folders in the tree
        self.views.details.selectionModel().clear()  # the file views' item actions (Delete) stop
        self.content.setCurrentWidget(self.bin_view)
        self.gate.refresh()  # no new folder or upload in the bin
        self.status.count_label.hide()  # it counts the folder; the bin says its own count
        self.bin_view.show_bin(connection.client, space)
        self.spaces_pane.mark_shown(space.id, recycle_bin=True)
        self.path_bar.set_path(space.name, [self.tr("Recycle bin")])

    def _filter_changed(self, text: str) -> None:
        """The filter applies to the folder and to the recycle bin alike (whichever is shown)."""
        self.views.set_name_filter(text.strip())
        self.bin_view.set_name_filter(text.strip())

    def _show_files(self) -> None:
        """Show the current folder again, in place of the recycle bin."""
        if self.content.currentWidget() is self.views:
            return
        self.content.setCurrentWidget(self.views)
        self.status.count_label.show()
        self.gate.refresh()
        self.spaces_pane.mark_shown(self.model.space_id)
        navigator = self.navigator
        self.path_bar.set_path(
            navigator.space.name if navigator.space else "", [d.name for d in navigator.chain]
        )

    def _crumb_clicked(self, depth: int) -> None:
        if self.content.currentWidget() is self.bin_view:
            if depth == 0:  # the space, above its recycle bin
                self.navigator.go_to([])
        else:
            self.navigator.go_to_depth(depth)

    def refresh(self) -> None:
        """List what is shown again: the current folder, or the recycle bin."""
        if self.content.currentWidget() is self.bin_view:
            self.bin_model.reload()
        else:
            self.navigator.refresh()

    def _undo_changed(self, description: str) -> None:
        self.undo_action.setEnabled(bool(description))
        self.undo_action.setToolTip(description or without_mnemonic(self.undo_action.text()))

    def _drag_items(self) -> ItemsMime | None:
        """What a drag of the chosen items carries."""
        held = self.move_copy.current_items()
        return None if held is None else self.drag_out.mime(held)

    def _open(self, dentry: Dentry) -> None:
        """Open what was double-clicked: a file only if the user's role lets them download it."""
        refusal = None if dentry.is_folder else self.gate.items_refusal("open", [dentry])
        if refusal is not None:
            self.status.show_error(refusal)
        else:
            self.files.open(dentry)

    def _shows_space(self, space_id: str) -> bool:
        return space_id == self.model.space_id

    def _update_thumbnail_action(self) -> None:
        """Make thumbnail only where the service can make one; otherwise its tooltip says why."""
        action = self.thumbnail_action
        # The file views enable item actions while something is chosen; this narrows that down.
        refusal = self.uploads.thumbnail_refusal() if action.isEnabled() else None
        action.setEnabled(action.isEnabled() and refusal is None)
        action.setToolTip(refusal or self._thumbnail_tip)

    def _update_versions_action(self) -> None:
        """Versions… only for a file (a folder has none); its tooltip says so."""
        action = self.versions_action
        current = self.views.current()
        folder = current is not None and current.is_folder
        action.setEnabled(action.isEnabled() and not folder)
        action.setToolTip(self.tr("A folder has no versions") if folder else self._versions_tip)

    def _history_changed(self, back: bool, forward: bool, up: bool) -> None:
        self.back_action.setEnabled(back)
        self.forward_action.setEnabled(forward)
        self.up_action.setEnabled(up)

    # --- views -----------------------------------------------------------------------------------

    def set_view_mode(self, mode: str) -> None:
        """Show the folder as ``details`` or as a ``grid`` of thumbnails (remembered)."""
        grid = mode == "grid"
        self.views.set_mode("grid" if grid else "details")
        self.details_action.setChecked(not grid)
        self.grid_action.setChecked(grid)
        self.settings.setValue("view/mode", "grid" if grid else "details")

    def set_theme(self, theme: str) -> None:
        """Light, dark, or what the system uses; kept in the preferences for the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        try:
            self.preferences.save(self.preferences.current.replace(theme=theme))
        except PreferencesError as error:
            self.status.show_error(explain_text(str(error)).sentence)

    def _preferences_changed(self, preferences: Preferences) -> None:
        self._theme_actions[preferences.theme].setChecked(True)

    def set_language(self, choice: str) -> None:
        """Speak another language (`SYSTEM` or a code of `LANGUAGES`) from the next start on."""
        if choice == str(self.settings.value(LANGUAGE_KEY, SYSTEM)):
            return
        self.settings.setValue(LANGUAGE_KEY, choice)
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("Dentry will use the language you chose the next time it starts."),
        )

    def focus_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # --- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)  # the Transfers panel's size, as the user left it
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = self.settings.value("view/columns")
        if columns is not None:
            self.views.details.horizontalHeader().restoreState(columns)
        self.set_view_mode(str(self.settings.value("view/mode", "details")))
        self._history_changed(False, False, False)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember sizes and the view, then close."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/columns", self.views.details.horizontalHeader().saveState())
        self.settings.sync()
        self.transfer_events.close()
        self.edits.close()
        self.notifier.close()
        super().closeEvent(event)
