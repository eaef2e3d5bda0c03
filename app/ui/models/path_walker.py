"""Going to a folder by its path: list each folder along the way (page by page) and find the next name.

Used for typed paths, search results and the folder remembered from the last run. It waits on
the model's signals, never on the network.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject

from app.api.models import Dentry
from app.ui.models.dentry_model import DentryModel
from app.ui.texts import arg


class PathWalker(QObject):
    """Resolves ``["Photos", "2025"]`` to the dentries of those folders, loading pages as needed."""

    def __init__(
        self,
        model: DentryModel,
        names: list[str],
        on_found: Callable[[list[Dentry]], None],
        on_missing: Callable[[str], None],
    ) -> None:
        """Start walking at the space root; exactly one of the callbacks is called once."""
        super().__init__(model)
        self._model = model
        self._names = [name for name in names if name]
        self._chain: list[Dentry] = []
        self._on_found = on_found
        self._on_missing = on_missing
        self._done = False
        model.pageLoaded.connect(self._page_loaded)
        model.folderError.connect(self._error)
        model.modelReset.connect(self.cancel)
        self._step()

    def cancel(self) -> None:
        """Stop without calling back (the space changed)."""
        self._finish()

    def _folder(self) -> QModelIndex:
        return self._model.dentry_index(self._chain[-1].id) if self._chain else QModelIndex()

    def _step(self) -> None:
        while not self._done:
            if len(self._chain) == len(self._names):
                chain = self._chain
                self._finish()
                self._on_found(chain)
                return
            folder = self._folder()
            wanted = self._names[len(self._chain)]
            match = next((d for d in self._model.dentries(folder) if d.name == wanted and d.is_folder), None)
            if match is None:
                match = next(
                    (
                        d
                        for d in self._model.dentries(folder)
                        if d.is_folder and d.name.casefold() == wanted.casefold()
                    ),
                    None,
                )
            if match is not None:
                self._chain.append(match)
                continue
            if self._model.canFetchMore(folder):
                if not self._model.is_loading(folder):
                    self._model.fetchMore(folder)
                return  # wait for the page
            shown = "/" + "/".join(self._names[: len(self._chain) + 1])
            self._finish()
            self._on_missing(arg(self.tr("%1 does not exist"), shown))
            return

    def _page_loaded(self, _index: QModelIndex, _rows: int) -> None:
        self._step()

    def _error(self, _index: QModelIndex, message: str) -> None:
        if not self._done:
            self._finish()
            self._on_missing(message)

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._model.pageLoaded.disconnect(self._page_loaded)
        self._model.folderError.disconnect(self._error)
        self._model.modelReset.disconnect(self.cancel)
        self.deleteLater()
