"""Dragging items out of the file views: onto a folder of the window, or out to a file manager.

`DragSource` starts a drag when the mouse moves a chosen item far enough (as a file manager does;
the views' own model-based dragging is not used). The drag carries the items (`ItemsMime`) for a
drop inside the window, and, where the user may download them, the promise of their files for a
file manager or the desktop (`app.ui.actions.drag_out`): the items are downloaded through the
transfer queue when the target asks for them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.ui.models.item_mime import ItemsMime


class DragSource(QObject):
    """Starts drags of the chosen items from the file views.

    Signals:
        started(object): a drag of this `ItemsMime` is about to run (before ``QDrag.exec``).
    """

    started = Signal(object)

    def __init__(
        self,
        views: list[QAbstractItemView],
        make: Callable[[], ItemsMime | None],
        parent: QObject | None = None,
    ) -> None:
        """Drags from `views`; `make` gives what a drag of the chosen items carries (None: no drag)."""
        super().__init__(parent)
        self._views = {view.viewport(): view for view in views}
        self._make = make
        self._pressed: tuple[QAbstractItemView, QPoint] | None = None
        for viewport in self._views:
            viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Press on an item, move with the button held: a drag of what is chosen."""
        if not isinstance(event, QMouseEvent):
            return False
        view = self._views.get(watched)  # type: ignore[call-overload]
        if view is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = (view, event.position().toPoint())
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = None
        elif kind == QEvent.Type.MouseMove and self._pressed is not None:
            if not event.buttons() & Qt.MouseButton.LeftButton:
                self._pressed = None
                return False
            pressed_view, where = self._pressed
            index = pressed_view.indexAt(where)
            selection = pressed_view.selectionModel()
            if not index.isValid() or selection is None or not selection.isSelected(index):
                return False  # pressed beside the items: the view selects with a rubber band
            # From a chosen item the view would change the selection as the mouse moves: a drag instead.
            distance = (event.position().toPoint() - where).manhattanLength()
            if distance >= QApplication.startDragDistance():
                self._pressed = None
                self.start(pressed_view)
            return True
        return False

    def start(self, view: QAbstractItemView) -> Qt.DropAction:
        """Drag what is chosen (until it is dropped); the action the target took."""
        mime = self._make()
        if mime is None:
            return Qt.DropAction.IgnoreAction
        drag = QDrag(view)
        drag.setMimeData(mime)
        icon = view.currentIndex().data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            drag.setPixmap(icon.pixmap(view.iconSize()))
        self.started.emit(mime)
        # Moving is what a drop inside the window does unless Ctrl is held (the target decides).
        action = drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)
        drag.deleteLater()
        return action
