"""Helpers shared by the UI adapter tests: listing folders to the end, counting client calls."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from pytestqt.qtbot import QtBot

from app.ui.models.dentry_model import DentryModel

LIST_TIMEOUT_MS = 10_000


def fetch_all(
    qtbot: QtBot, model: DentryModel, parent: QModelIndex | None = None, *, recursive: bool = False
) -> None:
    """List a folder (invalid index: the root) page by page until it is complete."""
    folder = QPersistentModelIndex(parent or QModelIndex())
    while not model.is_complete(folder):
        model.fetchMore(folder)
        qtbot.waitUntil(lambda: not model.is_loading(folder), timeout=LIST_TIMEOUT_MS)
        assert model.error_text(folder) is None, model.error_text(folder)
    if recursive:
        for row in range(model.rowCount(folder)):
            child = model.index(row, 0, folder)
            if model.hasChildren(child):
                fetch_all(qtbot, model, child, recursive=True)


class CallLog:
    """Wraps a client method and records the arguments of every call (from any thread)."""

    def __init__(self, target: object, name: str) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self.results: list[Any] = []
        self._lock = threading.Lock()
        original: Callable[..., Any] = getattr(target, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                self.calls.append((args, kwargs))
            result = original(*args, **kwargs)
            with self._lock:
                self.results.append(result)
            return result

        setattr(target, name, recorded)

    def __len__(self) -> int:
        return len(self.calls)
