"""The account dialog as a person fills it in: local storage by default, or an organization."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ui.dialogs.account import DEFAULT_ENDPOINT, AccountDialog


def test_local_storage_is_the_default(qtbot: QtBot) -> None:
    dialog = AccountDialog(first_run=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Welcome to Dentry"
    assert dialog.wants_local
    assert not dialog.details.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_an_organization_needs_every_field(qtbot: QtBot) -> None:
    dialog = AccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    # On its words, as a person clicks it (the button is as wide as the dialog; its middle is empty).
    words = QPoint(dialog.remote_choice.fontMetrics().height(), dialog.remote_choice.height() // 2)
    qtbot.mouseClick(dialog.remote_choice, Qt.MouseButton.LeftButton, pos=words)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.details.isEnabled()
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.app_key, "dingabc")
    qtbot.keyClicks(dialog.app_secret, "s3cret")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.union_id, "union-1")
    assert ok.isEnabled()
    account = dialog.account()
    assert (account.endpoint, account.app_key, account.union_id) == (DEFAULT_ENDPOINT, "dingabc", "union-1")
    assert account.name == "dingabc@api.dingtalk.com"
    assert dialog.secret() == "s3cret"
    assert dialog.app_secret.text() == "s3cret"
    assert dialog.app_secret.displayText() != "s3cret"  # typed without echo
