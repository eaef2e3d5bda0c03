"""The user's preferences: one JSON file that `dentry-cli` reads and the window's Preferences dialog writes.

It lives in the user's config folder (``preferences.json`` beside ``accounts.json``). Writes are
atomic (a temporary file, fsync, rename). A file that cannot be read or parsed gives the defaults
and a warning naming it, never a crash; it is moved aside (``preferences.json.damaged``) at the
next save, never deleted. A single bad field gives that field's default and a warning; fields this
version does not know are kept as they are. No Qt here: the window and the CLI share it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from app.free_names import free_name

FILE_NAME = "preferences.json"
FORMAT_VERSION = 1
AUTO = "auto"
"""How ``streams_per_file`` and ``parallel_transfers`` say "decided by the engine" in the file."""
THEMES = ("system", "light", "dark")
MAX_STREAMS_PER_FILE = 8
MAX_PARALLEL_TRANSFERS = 16


class PreferencesError(Exception):
    """The preferences file cannot be written; the sentence names it and why."""


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the user chose; None in a field means "not chosen": the default behaviour."""

    download_folder: str | None = None
    """Where downloads go when no folder is given (None: the window asks the platform's Downloads
    folder; ``dentry-cli get`` uses the current folder)."""
    streams_per_file: int | None = None
    """Streams (connections) per file, 1–8; None: as many as pay, measured per file."""
    parallel_transfers: int | None = None
    """Files moving at once, 1–16; None: as many as pay, measured."""
    download_limit: int | None = None
    """Bytes per second for all downloads together; None: no limit."""
    upload_limit: int | None = None
    """Bytes per second for all uploads together; None: no limit."""
    theme: str = "system"
    """``system``, ``light`` or ``dark``."""
    notify_finished: bool = True
    """Whether finished (or failed) transfers the user started are announced by a notification."""
    language: str | None = None
    """The window's language as a locale name (``zh_CN``, ``en``); None: the system's."""

    def replace(self, **changes: Any) -> Preferences:
        """A copy with some fields changed (checked as when loaded: ValueError for a bad value)."""
        changed = dataclasses.replace(self, **changes)
        for name in changes:
            problem = _problem(name, getattr(changed, name))
            if problem is not None:
                raise ValueError(f"{name}: {problem}")
        return changed


DEFAULTS = Preferences()


def default_path() -> Path:
    """``preferences.json`` in the user's config folder."""
    return Path(platformdirs.user_config_dir("dentry")) / FILE_NAME


def _count(value: Any, most: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        return f"must be {AUTO!r} or a whole number from 1 to {most}"
    return None


def _rate(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return "must be null (no limit) or a positive number of bytes per second"
    return None


def _problem(name: str, value: Any) -> str | None:
    """Why `value` cannot be field `name`, or None when it can."""
    if name == "download_folder":
        return (
            None if value is None or (isinstance(value, str) and value.strip()) else "must be a folder path"
        )
    if name == "streams_per_file":
        return _count(value, MAX_STREAMS_PER_FILE)
    if name == "parallel_transfers":
        return _count(value, MAX_PARALLEL_TRANSFERS)
    if name in ("download_limit", "upload_limit"):
        return _rate(value)
    if name == "theme":
        return None if value in THEMES else f"must be one of {', '.join(THEMES)}"
    if name == "notify_finished":
        return None if isinstance(value, bool) else "must be true or false"
    if name == "language":
        return (
            None if value is None or (isinstance(value, str) and value.strip()) else "must be a locale name"
        )
    raise KeyError(name)


FIELDS = tuple(field.name for field in dataclasses.fields(Preferences))
COUNTS = ("streams_per_file", "parallel_transfers")


class PreferencesFile:
    """The preferences file at `path` (default: `default_path()`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()
        self.warnings: list[str] = []
        """What the last `load` found wrong, one sentence each (empty when all was well)."""
        self._unknown: dict[str, Any] = {}
        self._damaged = False

    def load(self) -> Preferences:
        """The preferences in the file; defaults where it is missing, damaged or wrong (see `warnings`)."""
        self.warnings, self._unknown, self._damaged = [], {}, False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return DEFAULTS
        except (OSError, UnicodeError) as error:
            self._damaged = True  # moved aside, not overwritten, when the user saves
            self.warnings.append(
                f"The preferences file {self.path} cannot be read ({error}); using the defaults"
            )
            return DEFAULTS
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if not isinstance(document, dict):
            self._damaged = True
            self.warnings.append(
                f"The preferences file {self.path} is damaged (not a JSON object); using the defaults"
            )
            return DEFAULTS
        values: dict[str, Any] = {}
        for name, found in document.items():
            if name == "version":
                continue
            if name not in FIELDS:
                self._unknown[name] = found  # a later version's: kept when saving
                continue
            value = None if name in COUNTS and found == AUTO else found
            problem = _problem(name, value)
            if problem is None:
                values[name] = value
            else:
                shown = json.dumps(value, ensure_ascii=False)[:60]
                self.warnings.append(
                    f"In the preferences file {self.path}, {name} {problem} (not {shown}); using the default"
                )
        return Preferences(**values)

    def save(self, preferences: Preferences) -> None:
        """Write `preferences` atomically; a damaged file found by `load` is moved aside first.

        Raises:
            PreferencesError: the folder or file cannot be written.
        """
        document: dict[str, Any] = {"version": FORMAT_VERSION, **self._unknown}
        for name in FIELDS:
            value = getattr(preferences, name)
            document[name] = AUTO if name in COUNTS and value is None else value
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self._damaged and self.path.exists():
                os.replace(self.path, free_name(self.path.with_name(self.path.name + ".damaged")))
                self._damaged = False
            handle, temp_name = tempfile.mkstemp(prefix=".preferences-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as temp:
                    json.dump(document, temp, ensure_ascii=False, indent=2)
                    temp.write("\n")
                    temp.flush()
                    os.fsync(temp.fileno())
                os.replace(temp_name, self.path)
            except BaseException:
                if os.path.exists(temp_name):
                    os.unlink(temp_name)
                raise
        except OSError as error:
            raise PreferencesError(
                f"The preferences file {self.path} cannot be written: {error.strerror or error}"
            ) from error
