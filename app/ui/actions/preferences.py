"""Edit → Preferences…: the dialog, saving and applying what the user chose; problems of the file."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.preferences import PreferencesError
from app.ui.dialogs.preferences_dialog import PreferencesDialog
from app.ui.errors import explain_text
from app.ui.preferences import WindowPreferences
from app.ui.theme import apply_theme


class PreferencesActions(QObject):
    """Opens the Preferences dialog over `parent`; changes go to the file and the running transfers."""

    def __init__(self, parent: QWidget, preferences: WindowPreferences) -> None:
        """Actions on `preferences`; its dialogs and boxes open over `parent`."""
        super().__init__(parent)
        self._parent = parent
        self.preferences = preferences

    def report_problems(self) -> None:
        """Say what was wrong with the preferences file (defaults are used instead), in a box that waits.

        The box does not block the window: the user may read it, open the preferences, or go on.
        """
        warnings = [explain_text(warning).sentence for warning in self.preferences.warnings]
        if not warnings:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Preferences"), "\n\n".join(warnings), parent=self._parent
        )
        box.setObjectName("preferencesProblems")
        box.setInformativeText(self.tr("Open Edit → Preferences… to choose again and save."))
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    def open_dialog(self) -> None:
        """Show the dialog; OK saves and applies (the theme at once, transfers at once)."""
        dialog = PreferencesDialog(self.preferences.current, self._parent)
        dialog.setObjectName("preferences")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.preferences()
        try:
            self.preferences.save(chosen)
        except PreferencesError as error:
            text = explain_text(str(error))
            QMessageBox.warning(self._parent, self.tr("Preferences not saved"), text.sentence)
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, chosen.theme)
