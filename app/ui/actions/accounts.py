"""The Account menu: switch accounts, add one (on first run too), sign out, add a space by id."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from app.accounts.local import local_account
from app.accounts.model import Account
from app.accounts.secrets import NoSecureKeyringError, SecretStore
from app.accounts.store import AccountError, AccountStore
from app.api import StorageClient
from app.ui.account_session import AccountSession, account_title
from app.ui.background import Background
from app.ui.dialogs.account import AccountDialog
from app.ui.errors import explain
from app.ui.texts import translate


class AccountsMenu:
    """Fills the Account menu and carries out its choices."""

    def __init__(
        self,
        menu: QMenu,
        window: QWidget,
        background: Background,
        session: AccountSession,
        store: AccountStore,
        secrets: SecretStore,
    ) -> None:
        self.menu = menu
        self.window = window
        self.background = background
        self.session = session
        self.store = store
        self.secrets = secrets
        self.current: Account | None = None
        self._fixed = list(menu.actions())
        menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """List the accounts (the current one checked), then the account actions."""
        for action in self.menu.actions():
            if action not in self._fixed:
                self.menu.removeAction(action)
        group = QActionGroup(self.menu)
        try:
            accounts = self.store.accounts()
        except AccountError as error:
            accounts = [local_account()]
            self.window.statusBar().showMessage(explain(error).sentence)  # type: ignore[attr-defined]
        first = self._fixed[0] if self._fixed else None
        for account in accounts:
            action = QAction(account_title(account), self.menu)
            action.setCheckable(True)
            action.setChecked(self.current is not None and account.name == self.current.name)
            action.triggered.connect(lambda _checked=False, a=account: self.switch(a))
            group.addAction(action)
            self.menu.insertAction(first, action)  # type: ignore[arg-type]
        self.menu.insertSeparator(first)  # type: ignore[arg-type]
        add = QAction(translate("AccountsMenu", "Add account…"), self.menu)
        add.triggered.connect(lambda: self.ask(first_run=False))
        sign_out = QAction(translate("AccountsMenu", "Sign out"), self.menu)
        sign_out.setEnabled(self.current is not None and not self.current.is_local)
        sign_out.triggered.connect(self.sign_out)
        self.menu.addSeparator()
        self.menu.addAction(add)
        self.menu.addAction(sign_out)

    def switch(self, account: Account, secret: str | None = None) -> None:
        """Show another account."""
        self.current = account
        self.store.set_default(account.name)
        self.session.connect_to(account, secret)

    def ask(self, *, first_run: bool) -> None:
        """Let the user choose local storage or enter a DingTalk organization."""
        dialog = AccountDialog(self.window, first_run=first_run)
        if not dialog.exec():
            if first_run:
                self.switch(local_account())
            return
        if dialog.wants_local:
            self.switch(local_account())
            return
        account, secret = dialog.account(), dialog.secret()

        def check_and_store() -> bool:
            # A wrong secret is caught here, before anything is stored.
            StorageClient(account.endpoint, account.app_key, secret, account.union_id).transport.tokens.get()
            try:
                self.secrets.set(account, secret)
            except NoSecureKeyringError:
                self.secrets.keep_for_session(account, secret)
                return False
            return True

        def stored(in_keyring: bool) -> None:
            self.store.save(account)
            if not in_keyring:
                QMessageBox.warning(
                    self.window,
                    translate("AccountsMenu", "No secure keyring"),
                    translate(
                        "AccountsMenu",
                        "No secure system keyring was found, so the AppSecret is kept for this session "
                        "only. Install and unlock GNOME Keyring or KWallet to have it remembered.",
                    ),
                )
            self.switch(account, secret)

        self.background.submit(
            check_and_store,
            on_done=stored,
            on_error=lambda error: show_error(
                self.window, translate("AccountsMenu", "Cannot sign in"), error
            ),
        )

    def sign_out(self) -> None:
        """Stop the account's transfers, remove its secret from the keyring, go back to local storage.

        Its unfinished transfers stay queued for when the account is added again.
        """
        account = self.current
        if account is None or account.is_local:
            return

        def sign_out() -> None:
            self.session.stop_transfers()
            self.secrets.delete(account)

        self.background.submit(
            sign_out,
            on_done=lambda _none: self.switch(local_account()),
            on_error=lambda error: show_error(
                self.window, translate("AccountsMenu", "Cannot sign out"), error
            ),
        )


def ask_space_id(parent: QWidget, session: AccountSession) -> None:
    """Ask for a space id and add that space to the account."""
    space_id, ok = QInputDialog.getText(
        parent, translate("AccountsMenu", "Add space"), translate("AccountsMenu", "Space id:")
    )
    if ok and space_id.strip():
        session.add_space(space_id.strip())


def show_error(parent: QWidget, title: str, error: BaseException) -> None:
    """A message box with the error's sentence; the details (service message, code) behind a button."""
    text = explain(error)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text.sentence, QMessageBox.StandardButton.Ok, parent)
    if text.details:
        box.setDetailedText(text.details)
    box.exec()
