"""The window's preferences: the file `dentry-cli` reads too, applied to the transfers as they change.

`WindowPreferences` loads `app.preferences.PreferencesFile` once at start (a damaged file gives the
defaults and a warning the window shows), hands every saved change to the running transfer
manager at once, and tells the window's parts (`changed`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal

from app.preferences import Preferences, PreferencesFile
from app.transfers.manager import TransferManager


class WindowPreferences(QObject):
    """The preferences in use.

    Signals:
        changed(object): new `Preferences` were saved and applied.
    """

    changed = Signal(object)

    def __init__(
        self, file: PreferencesFile, transfers: TransferManager, parent: QObject | None = None
    ) -> None:
        """Load `file` and apply it to `transfers`; what was wrong with it is in `warnings`."""
        super().__init__(parent)
        self.file = file
        self._transfers = transfers
        self.current = file.load()
        self.warnings = list(file.warnings)
        transfers.apply(self.current)

    def save(self, preferences: Preferences) -> None:
        """Write `preferences` to the file, then apply them to the running transfers.

        Raises:
            PreferencesError: the file cannot be written (nothing is applied then).
        """
        self.file.save(preferences)
        self.current = preferences
        self._transfers.apply(preferences)
        self.changed.emit(preferences)

    def download_folder(self) -> Path:
        """Where downloads go unless the user picks a folder: the chosen one, else Downloads."""
        if self.current.download_folder:
            return Path(self.current.download_folder).expanduser()
        return platform_downloads()


def platform_downloads() -> Path:
    """The platform's Downloads folder (the home folder where it has none, or it does not exist)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
