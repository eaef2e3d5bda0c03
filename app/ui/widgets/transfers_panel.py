"""The transfers panel: a list of jobs with progress bars and Pause, Resume, Cancel, Retry.

Other accounts' unfinished jobs are listed greyed (they cannot be selected), and a line says how
many wait for their account.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.transfers.journal import Job
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
    """A dock at the bottom of the window with every transfer."""

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
        self.table.horizontalHeader().setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            Column.DIRECTION, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setColumnWidth(Column.PROGRESS, 220)
        self.table.setColumnWidth(Column.SPEED, 170)
        self.table.setColumnWidth(Column.STATE, 160)
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
