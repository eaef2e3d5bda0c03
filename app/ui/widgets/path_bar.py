"""The path bar: breadcrumbs of the current folder, editable as text (click the empty end or Ctrl+L)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QStackedWidget, QToolButton, QWidget

from app.ui.models.display_names import display_name
from app.ui.texts import arg


class PathBar(QStackedWidget):
    """Shows ``Space › Folder › Sub`` as buttons; in edit mode, a line edit takes ``/Folder/Sub``.

    Signals:
        crumbClicked(int): the crumb at this depth was clicked (0 is the space root).
        pathEntered(str): the user typed a path (``/a/b``) and pressed Enter.
    """

    crumbClicked = Signal(int)
    pathEntered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty bar."""
        super().__init__(parent)
        self.setAccessibleName(self.tr("Path"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._crumbs = QWidget(self)
        self._layout = QHBoxLayout(self._crumbs)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._edit = QLineEdit(self)
        self._edit.setAccessibleName(self.tr("Path (editable)"))
        self._edit.setPlaceholderText(self.tr("/folder/subfolder"))
        self._edit.returnPressed.connect(self._entered)
        self._edit.editingFinished.connect(lambda: self.setCurrentWidget(self._crumbs))
        self.addWidget(self._crumbs)
        self.addWidget(self._edit)
        self._names: list[str] = []
        self._shown_path = "/"  # the path as the line edit shows it (names made visible)

    def set_path(self, space_name: str, names: list[str]) -> None:
        """Show the space root and the folder names below it."""
        self._names = names
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for depth, name in enumerate(display_name(part) for part in [space_name or self.tr("Space"), *names]):
            if depth:
                separator = QToolButton(self._crumbs)
                separator.setText("›")
                separator.setAutoRaise(True)
                separator.setEnabled(False)
                separator.setAccessibleName(self.tr("separator"))
                self._layout.addWidget(separator)
            button = QToolButton(self._crumbs)
            button.setText(name)
            button.setAutoRaise(True)
            button.setAccessibleName(arg(self.tr("Go to %1"), name))
            button.setToolTip(display_name("/" + "/".join(names[:depth])))
            button.clicked.connect(lambda _checked=False, d=depth: self.crumbClicked.emit(d))
            self._layout.addWidget(button)
        edit_button = QToolButton(self._crumbs)
        edit_button.setText("")
        edit_button.setAutoRaise(True)
        edit_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        edit_button.setAccessibleName(self.tr("Edit path"))
        edit_button.setToolTip(self.tr("Type a path"))
        edit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        edit_button.clicked.connect(self.start_editing)
        self._layout.addWidget(edit_button)
        self.setCurrentWidget(self._crumbs)

    def text_path(self) -> str:
        """The current path as text, ``/a/b``."""
        return "/" + "/".join(self._names)

    def start_editing(self) -> None:
        """Switch to the line edit with the current path selected."""
        self._shown_path = display_name(self.text_path())
        self._edit.setText(self._shown_path)
        self.setCurrentWidget(self._edit)
        self._edit.setFocus()
        self._edit.selectAll()

    def _entered(self) -> None:
        text = self._edit.text().strip()
        if text == self._shown_path:
            text = self.text_path()  # unchanged: the real names, not their visible escapes
        self.setCurrentWidget(self._crumbs)
        self.pathEntered.emit(text)
