"""The data folder is private to its user: folders 0700, files 0600, whatever the umask.

It holds the URL-signing secret and live tokens (``metadata.sqlite3``) and every file's bytes.
Modes are set explicitly rather than left to the umask, which only ever removes bits and may be
as open as 000. A data folder from an earlier version (made 0755) is tightened at start.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_folder(path: Path) -> None:
    """Create `path` (and missing parents) if needed; the folder itself ends up 0700."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)


def create_file(path: Path | str) -> int:
    """Create or truncate `path` for writing with mode 0600; returns the open descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, FILE_MODE)
    if hasattr(os, "fchmod"):  # not on Windows, where modes are no access control anyway
        os.fchmod(descriptor, FILE_MODE)  # the umask may have taken bits; an old file kept its mode
    return descriptor


def create_new_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (SQLite then keeps the mode it finds)."""
    if path.exists():
        os.chmod(path, FILE_MODE)
        return
    os.close(create_file(path))


def prepare_data_folder(data_dir: Path) -> None:
    """Create the data folder private, or make an existing one private.

    Everything inside is tightened when the folder or anything directly in it is open: this code
    creates everything private, so the walk runs once per folder made by an earlier version.
    """
    if not data_dir.is_dir():
        make_folder(data_dir)
        return
    top = [data_dir, *(entry for entry in data_dir.iterdir() if not entry.is_symlink())]
    if all(stat.S_IMODE(path.stat().st_mode) == _mode_for(path) for path in top):
        return
    os.chmod(data_dir, FOLDER_MODE)
    for folder, folders, files in os.walk(data_dir):
        for name in folders:
            _chmod(Path(folder) / name, FOLDER_MODE)
        for name in files:
            _chmod(Path(folder) / name, FILE_MODE)


def _mode_for(path: Path) -> int:
    return FOLDER_MODE if path.is_dir() else FILE_MODE


def _chmod(path: Path, mode: int) -> None:
    if not path.is_symlink():  # a link's target may be anything; never change it
        os.chmod(path, mode)
