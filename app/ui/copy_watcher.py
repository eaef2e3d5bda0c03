"""Watching the copies Dentry opened from its cache, to notice when their editors save them.

Editors save in different ways: some write into the file, most write a temporary file and rename
it over the original (which removes the watched file: the watch is lost with it), some delete and
write again. So each copy's folder is watched as well as the copy itself, the copy is watched
again whenever it is back, and a copy is reported once things have been quiet for a moment (an
editor's save is several changes in a row). Only the copies given to `watch` are ever reported:
changes to editors' own files beside them (``.~lock.name#``, ``name.swp``, ``~$name``, ``name~``)
only make the copy be looked at, and it looks unchanged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

QUIET_MS = 300
"""How long a copy must be left alone after a change before it is reported."""


class CopyWatcher(QObject):
    """Reports copies that may have been saved.

    Signals:
        touched(object): the `Path` of a watched copy that changed and has been quiet for `QUIET_MS`.
    """

    touched = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        """Nothing watched yet."""
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._copies: dict[str, set[Path]] = {}  # folder → the copies in it
        self._timers: dict[Path, QTimer] = {}

    def watch(self, path: Path) -> None:
        """Watch a copy (and its folder)."""
        folder = str(path.parent)
        if path in self._copies.get(folder, ()) or not path.parent.is_dir():
            return
        self._copies.setdefault(folder, set()).add(path)
        if folder not in self._watcher.directories():
            self._watcher.addPath(folder)
        self._rewatch(path)

    def unwatch(self, path: Path) -> None:
        """Stop watching a copy."""
        folder = str(path.parent)
        copies = self._copies.get(folder, set())
        copies.discard(path)
        if str(path) in self._watcher.files():
            self._watcher.removePath(str(path))
        if not copies:
            self._copies.pop(folder, None)
            if folder in self._watcher.directories():
                self._watcher.removePath(folder)
        timer = self._timers.pop(path, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()

    def watched(self) -> list[Path]:
        """Every copy watched."""
        return [path for copies in self._copies.values() for path in copies]

    def clear(self) -> None:
        """Watch nothing any more."""
        for path in self.watched():
            self.unwatch(path)

    def _rewatch(self, path: Path) -> None:
        """Watch the copy's file again if it is there (a rename over it, or a delete, lost the watch)."""
        if str(path) not in self._watcher.files() and path.is_file():
            self._watcher.addPath(str(path))

    def _file_changed(self, file: str) -> None:
        path = Path(file)
        if path in self._copies.get(str(path.parent), ()):
            self._changed(path)

    def _folder_changed(self, folder: str) -> None:
        for path in list(self._copies.get(folder, ())):
            self._changed(path)

    def _changed(self, path: Path) -> None:
        self._rewatch(path)
        timer = self._timers.get(path)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(QUIET_MS)
            timer.timeout.connect(lambda p=path: self._quiet(p))
            self._timers[path] = timer
        timer.start()  # (again: the quiet moment starts over)

    def _quiet(self, path: Path) -> None:
        self._rewatch(path)
        self.touched.emit(path)
