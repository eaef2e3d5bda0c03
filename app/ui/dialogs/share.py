"""Share…: who holds which role on the chosen files and folders; add, change or remove members.

The dialog shows and asks; `app.ui.actions.sharing` does the work and fills it again. Members are
users named by their unionId. What the user's own role does not allow is disabled, its tooltip
saying why: only a Manager or Owner shares, and nobody gives a role above their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.api.models import ROLES, Dentry, role_rank
from app.ui.models.display_names import display_name
from app.ui.models.file_types import format_time
from app.ui.models.roles import role_description, role_name
from app.ui.operations.permissions import Grant
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

DEFAULT_ROLE = "DOWNLOADER"
EXPIRIES = (
    (None, QT_TRANSLATE_NOOP("ShareDialog", "Never")),
    (3600, QT_TRANSLATE_NOOP("ShareDialog", "In 1 hour")),
    (86400, QT_TRANSLATE_NOOP("ShareDialog", "In 1 day")),
    (7 * 86400, QT_TRANSLATE_NOOP("ShareDialog", "In 7 days")),
    (30 * 86400, QT_TRANSLATE_NOOP("ShareDialog", "In 30 days")),
)
"""When a new member's role lapses: seconds (None: never), and what the choice says."""


class ShareDialog(QDialog):
    """The members of the chosen items and their roles, and what the user may change about them.

    Signals:
        addRequested(str, str, object): give a unionId a role, for so many seconds (None: always).
        changeRequested(list, str): give the members of these `Grant`s another role.
        removeRequested(list): take back these `Grant`s.
    """

    addRequested = Signal(str, str, object)
    changeRequested = Signal(list, str)
    removeRequested = Signal(list)

    def __init__(self, items: list[Dentry], parent: QWidget | None = None) -> None:
        """Share `items` (one file or folder, or several: a member added gets the role on each)."""
        super().__init__(parent)
        self.items = items
        if len(items) == 1:
            title = arg(self.tr("Share “%1”"), display_name(items[0].name))
        else:
            title = self.tr("Share %n item(s)", "", len(items))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        self._grants: list[Grant] = []
        self._refusal: str | None = None
        self._own_role: str | None = None

        self.members = QTreeWidget(self)
        self.members.setAccessibleName(self.tr("Members"))
        headers = [self.tr("Member (unionId)"), self.tr("Role"), self.tr("Until")]
        if len(items) > 1:
            headers.append(self.tr("Item"))
        self.members.setHeaderLabels(headers)
        self.members.setRootIsDecorated(False)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.members.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.itemSelectionChanged.connect(self._update)
        self.note = QLabel(self.tr("A role reaches everything inside a folder."), self)
        self.note.setWordWrap(True)
        self.own_role = QLabel(self)
        self.own_role.setWordWrap(True)

        self.chosen_role = self._role_box(self.tr("New role of the chosen members"))
        self.change_button = QPushButton(self.tr("C&hange role"), self)
        self.change_button.clicked.connect(
            lambda: self.changeRequested.emit(self.chosen_grants(), self.chosen_role.currentData())
        )
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.chosen_grants()))
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen_role, 1)
        chosen_row.addWidget(self.change_button)
        chosen_row.addWidget(self.remove_button)

        self.adding = QGroupBox(self.tr("Add a member"), self)
        self.union_id = QLineEdit(self.adding)
        self.union_id.setAccessibleName(self.tr("unionId of the member"))
        self.union_id.setPlaceholderText(self.tr("The user's unionId"))
        self.union_id.textChanged.connect(self._update)
        self.union_id.returnPressed.connect(self._add)
        self.new_role = self._role_box(self.tr("Role of the new member"))
        self.expiry = QComboBox(self.adding)
        self.expiry.setAccessibleName(self.tr("Until"))
        for seconds, text in EXPIRIES:
            self.expiry.addItem(translate("ShareDialog", text), seconds)
        self.add_button = QPushButton(self.tr("&Add"), self.adding)
        self.add_button.clicked.connect(self._add)
        form = QFormLayout(self.adding)
        form.addRow(self.tr("&Member:"), self.union_id)
        form.addRow(self.tr("R&ole:"), self.new_role)
        form.addRow(self.tr("&Lapses:"), self.expiry)
        form.addRow("", self.add_button)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("What happened"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.members, 1)
        layout.addWidget(self.note)
        layout.addLayout(chosen_row)
        layout.addWidget(self.adding)
        layout.addWidget(self.own_role)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.set_own_role(None, None)

    def _role_box(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        for role in ROLES:
            box.addItem(role_name(role), role)
            box.setItemData(box.count() - 1, role_description(role), Qt.ItemDataRole.ToolTipRole)
        box.setCurrentIndex(ROLES.index(DEFAULT_ROLE))
        return box

    # --- filled by the action ---------------------------------------------------------------------

    def set_grants(self, grants: list[Grant]) -> None:
        """Show these members (replacing those shown); the chosen ones stay chosen."""
        chosen = {(g.item.id, g.permission.member_id, g.permission.role) for g in self.chosen_grants()}
        self._grants = grants
        self.members.clear()
        for grant in grants:
            permission = grant.permission
            until = format_time(permission.expires_at) if permission.expires_at else self.tr("Always")
            columns = [permission.member_id, role_name(permission.role), until]
            if len(self.items) > 1:
                columns.append(display_name(grant.item.name))
            row = QTreeWidgetItem(columns)
            row.setData(0, Qt.ItemDataRole.UserRole, grant)
            self.members.addTopLevelItem(row)
            row.setSelected((grant.item.id, permission.member_id, permission.role) in chosen)
        if not grants:
            row = QTreeWidgetItem([self.tr("Nobody besides the space's owner")])
            row.setFlags(Qt.ItemFlag.NoItemFlags)
            self.members.addTopLevelItem(row)
        self._update()

    def set_own_role(self, role: str | None, refusal: str | None) -> None:
        """The user's own role on every item (None: not known yet) and why they may not share, if so."""
        self._own_role, self._refusal = role, refusal
        if role is None:
            self.own_role.setText(self.tr("Your role: asking the service…"))
        else:
            self.own_role.setText(arg(self.tr("Your role: %1"), role_name(role)))
        for box in (self.chosen_role, self.new_role):
            self._limit_roles(box)
        self._update()

    def show_message(self, text: str, details: str = "") -> None:
        """Say what happened to the last request (empty: nothing)."""
        self.message.setText(text)
        self.message.setToolTip(details)

    def chosen_grants(self) -> list[Grant]:
        """The members chosen in the list."""
        return [
            grant
            for row in self.members.selectedItems()
            if isinstance(grant := row.data(0, Qt.ItemDataRole.UserRole), Grant)
        ]

    # --- what may be done -------------------------------------------------------------------------

    def _limit_roles(self, box: QComboBox) -> None:
        """Roles above the user's own cannot be given (nobody hands out more than they hold)."""
        model = box.model()
        assert isinstance(model, QStandardItemModel)
        mine = role_rank(self._own_role) if self._own_role is not None else len(ROLES)
        for row, role in enumerate(ROLES):
            item = model.item(row)
            allowed = role_rank(role) <= mine
            item.setEnabled(allowed)
            why = arg(self.tr("You can give at most your own role: %1"), role_name(self._own_role))
            item.setToolTip(role_description(role) if allowed else why)
        if role_rank(box.currentData()) > mine:
            box.setCurrentIndex(max(0, min(mine, len(ROLES)) - 1))

    def _update(self) -> None:
        refusal = self._refusal
        chosen = self.chosen_grants()
        over_mine = [
            g
            for g in chosen
            if self._own_role is not None and role_rank(g.permission.role) > role_rank(self._own_role)
        ]
        why_not_chosen = refusal
        if why_not_chosen is None and over_mine:
            why_not_chosen = arg(
                self.tr("“%1” holds a role above yours; only someone with that role can change it"),
                over_mine[0].permission.member_id,
            )
        for widget, tip in (
            (self.change_button, self.tr("Give the chosen members the role on the left")),
            (self.remove_button, self.tr("Take the chosen members' roles back")),
        ):
            widget.setEnabled(bool(chosen) and why_not_chosen is None)
            widget.setToolTip(why_not_chosen or tip)
        self.chosen_role.setEnabled(refusal is None)
        self.chosen_role.setToolTip(refusal or "")
        for field in (self.union_id, self.new_role, self.expiry):
            field.setEnabled(refusal is None)
            field.setToolTip(refusal or "")
        has_member = bool(self.union_id.text().strip())
        self.add_button.setEnabled(refusal is None and has_member)
        if refusal is not None:
            self.add_button.setToolTip(refusal)
        else:
            self.add_button.setToolTip(
                self.tr("Give this user the role on what is shared")
                if has_member
                else self.tr("Type the user's unionId first")
            )

    def _add(self) -> None:
        union_id = self.union_id.text().strip()
        if not union_id or not self.add_button.isEnabled():
            return
        self.addRequested.emit(union_id, self.new_role.currentData(), self.expiry.currentData())
