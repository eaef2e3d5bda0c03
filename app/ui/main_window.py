"""The browser window: spaces and folders on the left, the current folder on the right.

Everything that waits (listing, thumbnails, keyring, downloads) runs through `Background` or the
transfer engine; this module only reacts to results on the UI thread.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from app.api.models import Dentry, Space
from app.cli.output import human_size
from app.transfers.manager import TransferManager
from app.ui.account_session import AccountSession, Connection
from app.ui.background import Background
from app.ui.dialogs.search import SpaceSearch
from app.ui.file_actions import FileActions
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_filter import DentryFilterModel
from app.ui.models.dentry_model import DentryModel, DentryRole
from app.ui.models.path_walker import PathWalker
from app.ui.models.thumbnail_loader import ThumbnailLoader
from app.ui.models.transfer_events import TransferEvents
from app.ui.models.transfers_model import TransfersModel
from app.ui.operations.changes import ChangeBus
from app.ui.operations.transfers import UploadArrivals
from app.ui.theme import THEMES, apply_theme
from app.ui.transfer_actions import TransferActions
from app.ui.widgets.file_views import VisibleThumbnails, make_views, selected_dentries, size_details_columns
from app.ui.widgets.path_bar import PathBar
from app.ui.widgets.spaces_pane import SpacesPane
from app.ui.widgets.transfers_panel import TransfersPanel

VIEWS = ("details", "grid")
SelectionFlag = QItemSelectionModel.SelectionFlag


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
    ) -> None:
        """Build the window; connecting an account fills it (see `AccountSession.connect_to`)."""
        super().__init__()
        self.setWindowTitle("Dentry")
        self.setAccessibleName("Dentry")
        self.background = background
        self.session = session
        self.transfers = transfers
        self.settings = settings
        self.cache_dir = cache_dir
        self.model = DentryModel(background, self)
        self.loader = ThumbnailLoader(background, cache_dir / "thumbnails", parent=self)
        self.model.set_thumbnail_loader(self.loader)
        # The file views show the current folder as a flat list (see current_folder.py).
        self.folder_rows = CurrentFolderModel(self.model, self)
        self.proxy = DentryFilterModel(self)
        self.proxy.setSourceModel(self.folder_rows)
        self.chain: list[Dentry] = []
        self.back_stack: list[list[Dentry]] = []
        self.forward_stack: list[list[Dentry]] = []
        self._opening: dict[int, Path] = {}
        self._pending_select: str | None = None
        self._dialogs: list[QWidget] = []
        self.changes = ChangeBus(self)
        self._build_widgets()
        self.files = FileActions(self)
        self.searcher = SpaceSearch(self)
        self._build_actions()
        self._connect_signals()
        self.transfer_events = TransferEvents(transfers, self)
        self.transfer_events.jobEvent.connect(self.files.transfer_event)
        self.transfers_model = TransfersModel(transfers, self)
        self.transfer_events.jobEvent.connect(self.transfers_model.apply)
        self.transfers_panel = TransfersPanel(transfers, self.transfers_model, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.transfers_panel)
        self.transfers_panel.hide()
        self.uploads = TransferActions(self)
        self.transfer_events.jobEvent.connect(self.uploads.job_event)
        self.arrivals = UploadArrivals(
            session,
            background,
            self.changes,
            lambda space_id: space_id == self.model.space_id,
            self.show_error,
            self,
        )
        self.transfer_events.jobEvent.connect(self.arrivals.job_event)
        # Every view that shows the service updates itself from what operations announce.
        for subscriber in (
            self.model.apply_changes,
            self.loader.apply_changes,
            self.transfers_panel.apply_changes,
        ):
            self.changes.changed.connect(subscriber)
        self.changes.changed.connect(self._update_status)
        self.download_action = self._action("Do&wnload to…", self.uploads.download_selected, "Ctrl+D")
        self.thumbnail_action = self._action("Make &thumbnail", self.uploads.make_thumbnails)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.transfers_panel.toggleViewAction())
        self._restore_settings()

    # --- construction -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.spaces_pane = SpacesPane(self.model, self)
        self.spaces_list = self.spaces_pane.spaces_list
        self.folder_tree = self.spaces_pane.folder_tree
        self.details, self.grid = make_views(self)
        for view in (self.details, self.grid):
            view.setModel(self.proxy)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.setSelectionModel(self.details.selectionModel())
        size_details_columns(self.details)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.details)
        self.stack.addWidget(self.grid)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.spaces_pane)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 760])
        self.setCentralWidget(self.splitter)
        self.path_bar = PathBar(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setAccessibleName("Filter")
        self.filter_edit.setPlaceholderText("Filter (* ?) — Enter searches the space")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(320)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Item count")
        self.state_label = QLabel(self)
        self.state_label.setAccessibleName("Status")
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addWidget(self.state_label, 1)
        self.thumbnails = VisibleThumbnails([self.details, self.grid], self.proxy, self.model, self.loader)

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(text.replace("&", ""))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.back_action = self._action("&Back", self.go_back, keys.Back)
        self.forward_action = self._action("&Forward", self.go_forward, keys.Forward)
        self.up_action = self._action("&Up", self.go_up, "Alt+Up")
        self.refresh_action = self._action("&Refresh", self.refresh, keys.Refresh)
        self.find_action = self._action("&Find", self.focus_filter, keys.Find)
        self.edit_path_action = self._action("Edit &path", self.path_bar.start_editing, "Ctrl+L")
        self.open_action = self._action("&Open", self.files.open_current, None)
        self.properties_action = self._action("P&roperties", self.files.show_properties, "Alt+Return")
        self.new_folder_action = self._action("&New folder…", self.files.new_folder, "Ctrl+Shift+N")
        self.rename_action = self._action("Re&name…", self.files.rename, "F2")
        self.delete_action = self._action("&Delete", self.files.delete, keys.Delete)
        self.details_action = self._action("&Details", lambda: self.set_view_mode("details"), "Ctrl+1")
        self.grid_action = self._action("&Thumbnails", lambda: self.set_view_mode("grid"), "Ctrl+2")
        self.add_space_action = self._action("Add space by &id…", self.ask_space_id)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        for action in (self.details_action, self.grid_action):
            action.setCheckable(True)
        icons = {
            self.back_action: QStyle.StandardPixmap.SP_ArrowBack,
            self.forward_action: QStyle.StandardPixmap.SP_ArrowForward,
            self.up_action: QStyle.StandardPixmap.SP_ArrowUp,
            self.refresh_action: QStyle.StandardPixmap.SP_BrowserReload,
            self.details_action: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            self.grid_action: QStyle.StandardPixmap.SP_FileDialogContentsView,
            self.properties_action: QStyle.StandardPixmap.SP_FileDialogInfoView,
        }
        for action, pixmap in icons.items():
            action.setIcon(self.style().standardIcon(pixmap))
        toolbar = QToolBar("Navigation", self)
        toolbar.setAccessibleName("Navigation")
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
        file_menu = menu.addMenu("&File")
        for action in (
            self.open_action,
            self.new_folder_action,
            self.rename_action,
            self.delete_action,
            self.properties_action,
            self.quit_action,
        ):
            file_menu.addAction(action)
        go_menu = menu.addMenu("&Go")
        for action in (
            self.back_action,
            self.forward_action,
            self.up_action,
            self.refresh_action,
            self.edit_path_action,
            self.find_action,
        ):
            go_menu.addAction(action)
        view_menu = self.view_menu = menu.addMenu("&View")
        view_menu.addAction(self.details_action)
        view_menu.addAction(self.grid_action)
        theme_menu = view_menu.addMenu("T&heme")
        themes = QActionGroup(self)
        current = str(self.settings.value("view/theme", "system"))
        for theme in THEMES:
            action = theme_menu.addAction(theme.capitalize())
            action.setCheckable(True)
            action.setChecked(theme == current)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            themes.addAction(action)
        self.account_menu = menu.addMenu("&Account")
        self.account_menu.addAction(self.add_space_action)

    def _connect_signals(self) -> None:
        self.session.connected.connect(self._connected)
        self.session.failed.connect(self.show_error)
        self.session.spaceAdded.connect(lambda _space: self._fill_spaces(self.session.connection))
        self.background.unhandledError.connect(lambda error: self.show_error(str(error)))
        self.spaces_pane.spaceChosen.connect(self._space_chosen)
        self.spaces_pane.folderChosen.connect(self._tree_activated)
        for view in (self.details, self.grid):
            view.activated.connect(self._activated)
            view.customContextMenuRequested.connect(lambda pos, v=view: self.files.context_menu(v, pos))
        self.details.selectionModel().selectionChanged.connect(self._update_status)
        self.path_bar.crumbClicked.connect(lambda depth: self.go_to(self.chain[:depth]))
        self.path_bar.pathEntered.connect(self.go_to_path)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.returnPressed.connect(self.searcher.start)
        self.model.loadingChanged.connect(self._loading_changed)
        self.model.folderError.connect(self._folder_error)
        self.model.pageLoaded.connect(self._page_loaded)
        self.proxy.rowsInserted.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)

    # --- accounts and spaces -------------------------------------------------------------------

    def _connected(self, connection: Connection) -> None:
        self.setWindowTitle(f"Dentry — {connection.account.name}")
        self._fill_spaces(connection)

    def _fill_spaces(self, connection: Connection | None) -> None:
        if connection is None:
            return
        self.spaces_pane.set_spaces(connection.spaces, str(self.settings.value("location/space", "")))
        if not connection.spaces:
            self.state_label.setText("No spaces yet: add one by id (Account menu)")

    def _space_chosen(self, space: Space) -> None:
        connection = self.session.connection
        if connection is None:
            return
        if space.id == self.model.space_id and self.model.client is connection.client:
            return
        gc.unfreeze()  # the rows of the space left behind may now be collected
        self.model.set_space(connection.client, space.id)
        self.back_stack.clear()
        self.forward_stack.clear()
        remembered = self.settings.value("location/path", "")
        same_space = self.settings.value("location/space", "") == space.id
        self.settings.setValue("location/space", space.id)
        self.go_to([], record=False)
        if same_space and remembered:
            self.go_to_path(str(remembered), record=False)

    def current_space(self) -> Space | None:
        """The space shown."""
        return self.spaces_pane.current_space()

    def ask_space_id(self) -> None:
        """Ask for a space id and add that space."""
        space_id, ok = QInputDialog.getText(self, "Add space", "Space id:")
        if ok and space_id.strip():
            self.session.add_space(space_id.strip())

    # --- navigation -----------------------------------------------------------------------------

    def folder_index(self) -> QModelIndex:
        """The source index of the current folder (invalid: the space root)."""
        return self.model.dentry_index(self.chain[-1].id) if self.chain else QModelIndex()

    def go_to(self, chain: list[Dentry], *, record: bool = True) -> None:
        """Show the folder at the end of `chain` (empty: the space root)."""
        if record and self.model.space_id:
            self.back_stack.append(list(self.chain))
            self.forward_stack.clear()
        self.chain = list(chain)
        folder = self.folder_index()
        if chain and not folder.isValid():
            self.chain = []
            folder = QModelIndex()
        self.details.selectionModel().clear()
        self._pending_select = None
        self.folder_rows.set_folder(folder)
        for view in (self.details, self.grid):
            view.scrollToTop()
        self.spaces_pane.show_folder(folder)
        space = self.current_space()
        self.path_bar.set_path(space.name if space else "", [d.name for d in self.chain])
        self.settings.setValue("location/path", self.path_bar.text_path())
        if self.model.canFetchMore(folder) and not self.model.is_loading(folder):
            self.model.fetchMore(folder)
        elif self.model.is_complete(folder):
            self.folderShown.emit()
        self._update_actions()
        self._update_status()
        self.thumbnails.schedule()

    def go_to_path(self, path: str, *, record: bool = True) -> None:
        """Go to a folder given as ``/a/b`` (listing folders on the way as needed)."""
        names = [part for part in path.split("/") if part]
        PathWalker(
            self.model,
            names,
            on_found=lambda chain: self.go_to(chain, record=record),
            on_missing=self.show_error,
        )

    def go_back(self) -> None:
        """The previous folder."""
        if self.back_stack:
            self.forward_stack.append(list(self.chain))
            self.go_to(self.back_stack.pop(), record=False)

    def go_forward(self) -> None:
        """The folder left with Back."""
        if self.forward_stack:
            self.back_stack.append(list(self.chain))
            self.go_to(self.forward_stack.pop(), record=False)

    def go_up(self) -> None:
        """The parent folder."""
        if self.chain:
            self.go_to(self.chain[:-1])

    def refresh(self) -> None:
        """List the current folder again."""
        self.model.reload(self.folder_index())
        self.thumbnails.schedule()

    def _chain_of(self, source: QModelIndex) -> list[Dentry]:
        chain: list[Dentry] = []
        while source.isValid():
            chain.insert(0, source.data(DentryRole))
            source = source.parent()
        return chain

    def _tree_activated(self, folder: QModelIndex) -> None:
        chain = self._chain_of(folder)
        if [d.id for d in chain] != [d.id for d in self.chain]:
            self.go_to(chain)

    def _activated(self, index: QModelIndex) -> None:
        dentry = index.siblingAtColumn(0).data(DentryRole)
        if dentry is None:
            return
        if dentry.is_folder:
            self.go_to([*self.chain, dentry])
        else:
            self.files.open_file(dentry)

    def _update_actions(self) -> None:
        self.back_action.setEnabled(bool(self.back_stack))
        self.forward_action.setEnabled(bool(self.forward_stack))
        self.up_action.setEnabled(bool(self.chain))

    # --- views, filter, search ------------------------------------------------------------------

    def set_view_mode(self, mode: str) -> None:
        """Show the folder as ``details`` or as a ``grid`` of thumbnails."""
        grid = mode == "grid"
        self.stack.setCurrentWidget(self.grid if grid else self.details)
        self.details_action.setChecked(not grid)
        self.grid_action.setChecked(grid)
        self.settings.setValue("view/mode", "grid" if grid else "details")
        self.thumbnails.schedule()

    def set_theme(self, theme: str) -> None:
        """Light, dark, or what the system uses; remembered for the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.settings.setValue("view/theme", theme)

    def view_mode(self) -> str:
        """``details`` or ``grid``."""
        return "grid" if self.stack.currentWidget() is self.grid else "details"

    def current_view(self) -> QAbstractItemView:
        """The view on screen."""
        return self.grid if self.view_mode() == "grid" else self.details

    def focus_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_name_filter(text.strip())
        self._update_status()
        self.thumbnails.schedule()

    def select_when_listed(self, name: str) -> None:
        """Select `name` in the current folder now, or once a page brings it."""
        self._pending_select = None if self.select_name(name) else name

    def select_name(self, name: str) -> bool:
        """Select the row called `name` in the current folder; False if it is not listed (yet)."""
        root = self.current_view().rootIndex()
        for row in range(self.proxy.rowCount(root)):
            index = self.proxy.index(row, 0, root)
            dentry = index.data(DentryRole)
            if dentry is not None and dentry.name == name:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.details.selectionModel().setCurrentIndex(index, flags)
                self.current_view().scrollTo(index)
                return True
        return False

    # --- status ---------------------------------------------------------------------------------

    def _loading_changed(self, index: QModelIndex, loading: bool) -> None:
        if index == self.folder_index() or (not index.isValid() and not self.chain):
            self.state_label.setText("Loading…" if loading else "")
            self._update_status()

    def _page_loaded(self, index: QModelIndex, _rows: int) -> None:
        # Listed rows live as long as their space is shown: keep them out of the collector's
        # full passes, which otherwise pause the UI ~100 ms per pass at 100,000 rows.
        gc.freeze()
        if index == self.folder_index() or (not index.isValid() and not self.chain):
            if self._pending_select is not None:
                # A search hit to select: keep listing pages until it turns up.
                if self.select_name(self._pending_select) or not self.model.canFetchMore(index):
                    self._pending_select = None
                else:
                    self.model.fetchMore(index)
            self.folderShown.emit()
            self.thumbnails.schedule()

    def _folder_error(self, index: QModelIndex, message: str) -> None:
        if index == self.folder_index() or (not index.isValid() and not self.chain):
            self.state_label.setText(message)

    def _update_status(self, *_args: object) -> None:
        count = self.proxy.rowCount()
        more = "+" if self.model.canFetchMore(self.folder_index()) else ""
        text = f"{count}{more} items"
        selected = selected_dentries(self.details)
        if selected:
            text += f" — {len(selected)} selected"
            files = [d for d in selected if not d.is_folder]
            if files:
                text += f" ({human_size(sum(d.size or 0 for d in files))})"
        self.count_label.setText(text)

    def selected_names(self) -> list[str]:
        """Names of the selected items."""
        return [dentry.name for dentry in selected_dentries(self.details)]

    def show_error(self, message: str) -> None:
        """Say what went wrong in the status bar (one place for errors)."""
        self.state_label.setText(message)
        self.statusBar().showMessage(message, 10000)

    def keep(self, widget: QWidget) -> None:
        """Hold a dialog or menu until it closes."""
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [widget]

    # --- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = self.settings.value("view/columns")
        if columns is not None:
            self.details.horizontalHeader().restoreState(columns)
        self.set_view_mode(str(self.settings.value("view/mode", "details")))
        self._update_actions()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember sizes and the view, then close."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("view/columns", self.details.horizontalHeader().saveState())
        self.settings.sync()
        self.transfer_events.close()
        super().closeEvent(event)
