"""Edit → Preferences…: downloads, transfers, bandwidth, theme and notifications.

What the dialog shows is read from, and saved to, the preferences file `dentry-cli` reads. A value
that cannot be used (a folder that does not exist, a rate that is not one) is said under the
fields, and OK waits until it is right.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.preferences import MAX_PARALLEL_TRANSFERS, MAX_STREAMS_PER_FILE, THEMES, Preferences
from app.ui.models.display_names import display_name
from app.ui.preferences import platform_downloads
from app.ui.texts import arg, translate
from app.ui.theme import THEME_NAMES

UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
"""Rates are written as `dentry-cli --limit` takes them: 500K, 2M (binary units, per second)."""
_RATE = re.compile(r"(\d+(?:[.,]\d+)?)\s*([KMG]?)(?:I?B)?(?:/S)?", re.IGNORECASE)


def parse_rate(text: str) -> int | None:
    """Bytes per second from ``500K``, ``2M``, ``1.5 MiB/s`` or plain bytes; None for an empty text.

    Raises:
        ValueError: `text` is not a rate, or not a positive one.
    """
    text = text.strip()
    if not text:
        return None
    found = _RATE.fullmatch(text)
    if found is None:
        raise ValueError(text)
    rate = int(float(found.group(1).replace(",", ".")) * UNITS[found.group(2).upper()])
    if rate <= 0:
        raise ValueError(text)
    return rate


def rate_text(rate: int | None) -> str:
    """A rate as the user writes it: ``2M``, ``500K``, or bytes (empty: no limit)."""
    if rate is None:
        return ""
    for unit in ("G", "M", "K"):
        if rate % UNITS[unit] == 0:
            return f"{rate // UNITS[unit]}{unit}"
    return str(rate)


class PreferencesDialog(QDialog):
    """The preferences as a form; `preferences()` is what the user chose (after OK)."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        """A form showing `current`."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.tr("Preferences"))
        self.setMinimumWidth(520)  # room for a folder's path
        self._current = current
        form = QFormLayout()
        self.download_folder = QLineEdit(current.download_folder or "", self)
        self.download_folder.setAccessibleName(self.tr("Download folder"))
        self.download_folder.setPlaceholderText(str(platform_downloads()))
        self.download_folder.setToolTip(self.tr("Where downloads go; empty: the Downloads folder"))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.setAccessibleName(self.tr("Choose the download folder"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.download_folder, 1)
        folder_row.addWidget(choose)
        folder_label = QLabel(self.tr("&Download folder:"), self)
        folder_label.setBuddy(self.download_folder)  # (a row of a layout gets no buddy of its own)
        form.addRow(folder_label, folder_row)
        self.streams = self._count_box(current.streams_per_file, MAX_STREAMS_PER_FILE)
        self.streams.setAccessibleName(self.tr("Streams per file"))
        self.streams.setToolTip(self.tr("Connections per large file; Automatic: as many as make it faster"))
        form.addRow(self.tr("&Streams per file:"), self.streams)
        self.parallel = self._count_box(current.parallel_transfers, MAX_PARALLEL_TRANSFERS)
        self.parallel.setAccessibleName(self.tr("Parallel transfers"))
        self.parallel.setToolTip(self.tr("Files moving at once; Automatic: as many as make it faster"))
        form.addRow(self.tr("&Parallel transfers:"), self.parallel)
        self.download_limit = self._rate_edit(current.download_limit, self.tr("Download limit"))
        form.addRow(self.tr("Download &limit:"), self.download_limit)
        self.upload_limit = self._rate_edit(current.upload_limit, self.tr("Upload limit"))
        form.addRow(self.tr("&Upload limit:"), self.upload_limit)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        for theme in THEMES:
            self.theme.addItem(translate("MainWindow", THEME_NAMES[theme]), theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current.theme)))
        form.addRow(self.tr("&Theme:"), self.theme)
        self.notify = QCheckBox(self.tr("&Notify when my transfers finish or fail"), self)
        self.notify.setToolTip(
            self.tr("While the window is not in front: one notification per upload or download")
        )
        self.notify.setChecked(current.notify_finished)
        form.addRow(self.notify)
        self.problems = QLabel(self)
        self.problems.setAccessibleName(self.tr("Problems"))
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c0392b")
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        for edit in (self.download_folder, self.download_limit, self.upload_limit):
            edit.textChanged.connect(self._check)
        self._check()

    def _count_box(self, value: int | None, most: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, most)
        box.setSpecialValueText(self.tr("Automatic"))  # shown for 0: the engine measures
        box.setValue(value or 0)
        return box

    def _rate_edit(self, rate: int | None, name: str) -> QLineEdit:
        edit = QLineEdit(rate_text(rate), self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(self.tr("No limit"))
        edit.setToolTip(
            self.tr("Bytes per second for all of them together, like 500K or 2M; empty: no limit")
        )
        return edit

    def _choose_folder(self) -> None:
        start = self.download_folder.text().strip() or str(platform_downloads())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Download folder"), start)
        if folder:
            self.download_folder.setText(folder)

    def problem_texts(self) -> list[str]:
        """What is wrong with the values typed, one sentence each (empty: they can be saved)."""
        problems = []
        folder = self.download_folder.text().strip()
        if folder:
            path, shown = Path(folder).expanduser(), display_name(folder)
            if not path.is_absolute():
                problems.append(arg(self.tr("The download folder “%1” is not a full path"), shown))
            elif not path.exists():
                problems.append(arg(self.tr("The download folder “%1” does not exist"), shown))
            elif not path.is_dir():
                problems.append(arg(self.tr("The download folder “%1” is not a folder"), shown))
        for edit, text in (
            (
                self.download_limit,
                self.tr("The download limit “%1” is not a rate: write a number and K or M, like 2M"),
            ),
            (
                self.upload_limit,
                self.tr("The upload limit “%1” is not a rate: write a number and K or M, like 2M"),
            ),
        ):
            try:
                parse_rate(edit.text())
            except ValueError:
                problems.append(arg(text, display_name(edit.text().strip())))
        return problems

    def _check(self) -> None:
        problems = self.problem_texts()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)
        # Grow to show what is said (a wrapped label's height is not part of the minimum size).
        if self.isVisible():
            self._layout.activate()
            hint = self.sizeHint()
            self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def accept(self) -> None:
        """Close with OK only when every value can be used."""
        self._check()
        if not self.problem_texts():
            super().accept()

    def preferences(self) -> Preferences:
        """The preferences as the form says (call once OK was pressed)."""
        folder = self.download_folder.text().strip()
        return self._current.replace(
            download_folder=str(Path(folder).expanduser()) if folder else None,
            streams_per_file=self.streams.value() or None,
            parallel_transfers=self.parallel.value() or None,
            download_limit=parse_rate(self.download_limit.text()),
            upload_limit=parse_rate(self.upload_limit.text()),
            theme=str(self.theme.currentData()),
            notify_finished=self.notify.isChecked(),
        )
