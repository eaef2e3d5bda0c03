"""Texts of Qt's own dialogs that Qt's Chinese translation (``qtbase_zh_CN.qm``) leaves in English.

Qt's widget file dialog (the one Dentry gets where the desktop offers no native dialog: offscreen,
some window managers) labels its folder and filter boxes with texts Qt 6's Chinese translation
lacks. Marked here in Qt's own context, they are translated in ``dentry_zh_CN.ts``; Dentry's
translator is installed after Qt's, so Qt finds them there (`app.ui.language.install`). Nothing
imports this module: ``pyside6-lupdate`` reads it.
"""

from app.ui.texts import QT_TRANSLATE_NOOP

QT_FILE_DIALOG = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
