"""Choosing an account: the built-in local storage, or a DingTalk organization (first run, or later)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.accounts.model import Account

DEFAULT_ENDPOINT = "https://api.dingtalk.com"
FIELD_ROOM = 32
"""Pixels a line edit needs beyond its text: frame, margins and the cursor."""
FIELD_MIN_CHARS = 36
"""The narrowest a field gets, in average characters (AppSecrets are 64 characters long)."""


class AccountDialog(QDialog):
    """Local storage (the default) or a DingTalk organization with endpoint, AppKey, AppSecret, unionId.

    The secret is handed to the caller, which stores it in the keyring off the UI thread. The
    fields are as wide as their texts and hints in the language shown, so none is cut.
    """

    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        """An empty form; "Local storage" is selected."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Dentry") if first_run else self.tr("Add an account"))
        self.setAccessibleName(self.tr("Choose an account"))
        intro = QLabel(
            self.tr(
                "Browse your organization's DingTalk storage, or start with local storage on this "
                "computer (it comes with demo content)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.local_choice = QRadioButton(self.tr("Local storage (this computer)"), self)
        self.local_choice.setAccessibleName(self.tr("Local storage"))
        self.local_choice.setChecked(True)
        self.remote_choice = QRadioButton(self.tr("DingTalk organization"), self)
        self.remote_choice.setAccessibleName(self.tr("DingTalk organization"))
        self.details = QGroupBox(self.tr("DingTalk organization"), self)
        form = QFormLayout(self.details)
        self.name = self._field(
            form, self.tr("Account name"), self.tr("Account name:"), self.tr("e.g. Sales storage")
        )
        self.endpoint = self._field(form, self.tr("Endpoint"), self.tr("Endpoint:"), DEFAULT_ENDPOINT)
        self.endpoint.setText(DEFAULT_ENDPOINT)
        self.endpoint.setCursorPosition(0)  # the start of a long address, not its end
        self.app_key = self._field(form, "AppKey", self.tr("AppKey:"), self.tr("the app's Client ID"))
        self.app_secret = self._field(
            form, "AppSecret", self.tr("AppSecret:"), self.tr("kept in the system keyring")
        )
        self.app_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.union_id = self._field(
            form, "unionId", self.tr("unionId:"), self.tr("the user whose storage to browse")
        )
        self.details.setEnabled(False)
        self.remote_choice.toggled.connect(self.details.setEnabled)
        self.remote_choice.toggled.connect(lambda _on: self._validate())
        for field in (self.app_key, self.app_secret, self.union_id, self.endpoint):
            field.textChanged.connect(lambda _text: self._validate())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.local_choice, self.remote_choice, self.details, self.buttons):
            layout.addWidget(widget)

    def _field(self, form: QFormLayout, name: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self.details)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        metrics = edit.fontMetrics()
        edit.setMinimumWidth(
            max(metrics.horizontalAdvance(placeholder), metrics.averageCharWidth() * FIELD_MIN_CHARS)
            + FIELD_ROOM
        )
        form.addRow(label, edit)
        return edit

    def _validate(self) -> None:
        ok = self.local_choice.isChecked() or all(
            field.text().strip() for field in (self.endpoint, self.app_key, self.app_secret, self.union_id)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    @property
    def wants_local(self) -> bool:
        """The user chose local storage."""
        return self.local_choice.isChecked()

    def account(self) -> Account:
        """The DingTalk account as entered (without its secret)."""
        endpoint = self.endpoint.text().strip().rstrip("/")
        app_key = self.app_key.text().strip()
        name = self.name.text().strip() or f"{app_key}@{endpoint.split('://')[-1]}"
        return Account(name=name, endpoint=endpoint, app_key=app_key, union_id=self.union_id.text().strip())

    def secret(self) -> str:
        """The AppSecret as typed."""
        return self.app_secret.text()
