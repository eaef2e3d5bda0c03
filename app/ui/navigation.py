"""Where the window is: the space shown, the chain of folders down to the current one, and history.

`Navigator` owns the dentry model's space and starts listing the folder it goes to; the parts
that show the location (the file views, the folder tree, the path bar, the history actions)
follow its signals. The folder and space are remembered for the next start.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QSettings, Signal

from app.api.client import StorageClient
from app.api.models import Dentry, Space
from app.ui.models.dentry_model import ROOT_ID, DentryModel, DentryRole
from app.ui.models.path_walker import PathWalker


class Navigator(QObject):
    """The current space and folder, with Back, Forward and Up.

    Signals:
        folderChanged(QModelIndex): another folder is shown (an index of the dentry model; the
            invalid index is the space root).
        pathChanged(str, list): the space's name and the folder names down to the current one.
        historyChanged(bool, bool, bool): whether Back, Forward and Up can go somewhere.
        folderShown(): a page of the current folder is listed, or it was listed already.
        failed(str): a path to go to does not exist (the sentence says which part).
    """

    folderChanged = Signal(QModelIndex)
    pathChanged = Signal(str, list)
    historyChanged = Signal(bool, bool, bool)
    folderShown = Signal()
    failed = Signal(str)

    def __init__(self, model: DentryModel, settings: QSettings, parent: QObject | None = None) -> None:
        """Navigate in `model`; the location is remembered in `settings`."""
        super().__init__(parent)
        self.model = model
        self.settings = settings
        self.space: Space | None = None
        self.chain: list[Dentry] = []
        self.back_stack: list[list[Dentry]] = []
        self.forward_stack: list[list[Dentry]] = []
        model.pageLoaded.connect(self._page_loaded)

    @property
    def space_id(self) -> str:
        """The id of the space shown (empty when none)."""
        return self.model.space_id

    def remembered_space_id(self) -> str:
        """The space shown when the app was last used."""
        return str(self.settings.value("location/space", ""))

    def set_space(self, client: StorageClient, space: Space) -> None:
        """Show a space's root, or the folder last shown in it."""
        if space.id == self.model.space_id and self.model.client is client:
            return
        gc.unfreeze()  # the rows of the space left behind may now be collected
        self.space = space
        self.model.set_space(client, space.id)
        self.back_stack.clear()
        self.forward_stack.clear()
        remembered = self.settings.value("location/path", "")
        same_space = self.remembered_space_id() == space.id
        self.settings.setValue("location/space", space.id)
        self.go_to([], record=False)
        if same_space and remembered:
            self.go_to_path(str(remembered), record=False)

    def folder_name(self) -> str:
        """The name of the folder shown (the space's at its root)."""
        if self.chain:
            return self.chain[-1].name
        return self.space.name if self.space else ""

    def folder_index(self) -> QModelIndex:
        """The model's index of the current folder (invalid: the space root)."""
        return self.model.dentry_index(self.chain[-1].id) if self.chain else QModelIndex()

    def folder_id(self) -> str:
        """The id of the current folder (``"0"``: the space root)."""
        return self.chain[-1].id if self.chain else ROOT_ID

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
        fetch = self.model.canFetchMore(folder) and not self.model.is_loading(folder)
        if fetch:
            self.model.fetchMore(folder)
        self.folderChanged.emit(folder)
        names = [dentry.name for dentry in self.chain]
        self.pathChanged.emit(self.space.name if self.space else "", names)
        self.settings.setValue("location/path", "/" + "/".join(names))
        self.historyChanged.emit(bool(self.back_stack), bool(self.forward_stack), bool(self.chain))
        if not fetch and self.model.is_complete(folder):
            self.folderShown.emit()

    def open_folder(self, folder: Dentry) -> None:
        """Go into a folder of the current one."""
        self.go_to([*self.chain, folder])

    def go_to_index(self, folder: QModelIndex) -> None:
        """Go to a folder of the dentry model (from the folder tree); nothing if it is shown."""
        chain: list[Dentry] = []
        while folder.isValid():
            chain.insert(0, folder.data(DentryRole))
            folder = folder.parent()
        if [d.id for d in chain] != [d.id for d in self.chain]:
            self.go_to(chain)

    def go_to_depth(self, depth: int) -> None:
        """Go to the folder `depth` levels below the space root (0: the root)."""
        self.go_to(self.chain[:depth])

    def go_to_path(self, path: str, *, record: bool = True, then: Callable[[], object] | None = None) -> None:
        """Go to a folder given as ``/a/b``, listing folders on the way as needed; then call `then`."""

        def found(chain: list[Dentry]) -> None:
            self.go_to(chain, record=record)
            if then is not None:
                then()

        PathWalker(self.model, [part for part in path.split("/") if part], found, self.failed.emit)

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

    def is_current(self, folder: QModelIndex) -> bool:
        """Whether an index of the dentry model is the folder shown."""
        return folder == self.folder_index() or (not folder.isValid() and not self.chain)

    def _page_loaded(self, folder: QModelIndex, _rows: int) -> None:
        # Listed rows live as long as their space is shown: keep them out of the collector's
        # full passes, which otherwise pause the UI ~100 ms per pass at 100,000 rows.
        gc.freeze()
        if self.is_current(folder):
            self.folderShown.emit()
