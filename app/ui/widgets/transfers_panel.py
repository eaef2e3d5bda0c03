"""The transfers panel: a list of jobs with progress bars and Pause, Resume, Cancel, Retry.

Other accounts' unfinished jobs are listed greyed (they cannot be selected), and a line says how
many wait for their account. A finished download opens its folder in the file manager; a finished
upload is shown in the window (`showInDentry`), from the buttons or the row's menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.transfers.journal import Job, Kind, State
from app.transfers.manager import TransferManager
from app.ui.models.transfers_model import Column, FractionRole, JobRole, TransfersModel
from app.ui.operations.changes import Changes

Index = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """Draws the Progress column as a progress bar with its text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A bar for the progress column, the default look elsewhere."""
        if index.column() != Column.PROGRESS:
            super().paint(painter, option, index)
            return
        fraction = index.data(FractionRole)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 2, -2, -2)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = int((fraction or 0.0) * 1000) if fraction is not None else 0
        bar.text = index.data(Qt.ItemDataRole.DisplayRole)
        bar.textVisible = True
        bar.state = option.state
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class TransfersPanel(QDockWidget):
    """A dock at the bottom of the window with every transfer.

    Signals:
        showInDentry(object): the user asked to see the file a finished upload (`Job`) made.
    """

    showInDentry = Signal(object)

    def __init__(
        self, manager: TransferManager, model: TransfersModel, parent: QWidget | None = None
    ) -> None:
        """A panel over `model`; the buttons act on the selected jobs."""
        super().__init__(self.tr("Transfers"), parent)
        self.setObjectName("transfers")
        self.setAccessibleName(self.tr("Transfers"))
        self.manager = manager
        self.model = model
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Transfers list"))
        self.table.setModel(model)
        self.table.setItemDelegate(ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.DIRECTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NAME, 200),
            (Column.PROGRESS, 200),
            (Column.SPEED, 200),
            (Column.STATE, 160),
            (Column.REMOTE, 160),
        ):
            self.table.setColumnWidth(column, width)
        # Paths lose their middle, not their end (the file's name), and rows stay one line high.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, description, action in (
            ("Pause", self.tr("Pause"), self.tr("Pause the selected transfers"), manager.pause),
            ("Resume", self.tr("Resume"), self.tr("Resume the selected transfers"), manager.resume),
            ("Cancel", self.tr("Cancel"), self.tr("Cancel the selected transfers"), manager.cancel),
            ("Retry", self.tr("Retry"), self.tr("Retry the selected transfers"), manager.retry),
        ):
            button = QPushButton(label, self)
            button.setAccessibleName(description)
            button.setToolTip(description)
            button.clicked.connect(lambda _checked=False, act=action: self._each_selected(act))
            buttons.addWidget(button)
            self.buttons[key] = button
        for key, label, description, act in (
            (
                "Open folder",
                self.tr("Open containing folder"),
                self.tr("Open the folder of the selected download in the file manager"),
                self.open_folder,
            ),
            (
                "Show",
                self.tr("Show in Dentry"),
                self.tr("Show the file of the selected upload in the window"),
                self.show_in_dentry,
            ),
        ):
            button = QPushButton(label, self)
            button.setAccessibleName(description)
            button.setToolTip(description)
            button.clicked.connect(act)
            buttons.addWidget(button)
            self.buttons[key] = button
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        model.dataChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()
        clear = QPushButton(self.tr("Clear finished"), self)
        clear.setAccessibleName(self.tr("Clear finished transfers"))
        clear.setToolTip(self.tr("Clear finished transfers"))
        clear.clicked.connect(model.remove_finished)
        buttons.addStretch(1)
        buttons.addWidget(clear)
        self.waiting_label = QLabel(self)
        self.waiting_label.setAccessibleName(self.tr("Transfers of other accounts"))
        self.waiting_label.setWordWrap(True)
        self.waiting_label.hide()
        model.modelReset.connect(self._count_waiting)
        model.rowsInserted.connect(self._count_waiting)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addWidget(self.waiting_label)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._count_waiting()

    def _count_waiting(self, *_args: object) -> None:
        waiting = self.model.waiting_for_others()
        self.waiting_label.setText(
            self.tr(
                "%Ln transfer(s) of other accounts are waiting; they run when you use those accounts.",
                "",
                waiting,
            )
        )
        self.waiting_label.setVisible(waiting > 0)

    def apply_changes(self, changes: Changes) -> None:
        """Come into view when transfers were queued."""
        if changes.queued_jobs:
            self.show()

    def selected_jobs(self) -> list[Job]:
        """The jobs of the selected rows."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.index(row, 0).data(JobRole) for row in sorted(rows)]

    def _each_selected(self, action: Callable[[int], None]) -> None:
        for job in self.selected_jobs():
            action(job.id)

    def _chosen(self, kind: Kind) -> Job | None:
        """The selected job when it is one finished job of this kind."""
        jobs = self.selected_jobs()
        if len(jobs) == 1 and jobs[0].kind == kind and jobs[0].state == State.DONE:
            return jobs[0]
        return None

    def _update_buttons(self, *_args: object) -> None:
        self.buttons["Open folder"].setEnabled(self._chosen(Kind.DOWNLOAD) is not None)
        self.buttons["Show"].setEnabled(self._chosen(Kind.UPLOAD) is not None)

    def open_folder(self) -> None:
        """Open the folder a finished download went to, in the platform's file manager."""
        job = self._chosen(Kind.DOWNLOAD)
        if job is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(job.local_path).parent)))

    def show_in_dentry(self) -> None:
        """Ask the window to show the file a finished upload made."""
        job = self._chosen(Kind.UPLOAD)
        if job is not None:
            self.showInDentry.emit(job)

    def _menu(self, point: QPoint) -> None:
        """The row's menu: what the buttons do for it."""
        index = self.table.indexAt(point)
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        if not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        for key in ("Open folder", "Show", "Pause", "Resume", "Cancel", "Retry"):
            button = self.buttons[key]
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.table.viewport().mapToGlobal(point))
