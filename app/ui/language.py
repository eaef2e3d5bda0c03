"""The language the window speaks (English or Simplified Chinese) and the locale it writes in.

Qt's own translation system: the window's texts are marked with ``tr()`` (or
``QCoreApplication.translate``), ``scripts/update-translations.sh`` collects them into
``resources/i18n/dentry_*.ts`` and compiles the ``.qm`` files `install` loads, together with Qt's
own translations of its dialogs and buttons (``qtbase_*.qm``). English is the source language;
its ``.qm`` holds only the plural forms (``1 item``, ``2 items``), the way Qt does it.

The language follows the system (``LANGUAGE``, then ``LC_ALL``/``LC_MESSAGES``/``LANG``, as
`QLocale.system` reads them; no glibc locale needs to be installed) unless the user chose one in
View → Language (`LANGUAGE_KEY` in the settings) or on the command line (``--lang``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGE_KEY = "ui/language"
"""Where the choice is kept in the settings: `SYSTEM` or a key of `LANGUAGES`."""
SYSTEM = "system"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
"""The translations there are, each named in its own language (as language menus do)."""
SOURCE_LANGUAGE = "en"

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "i18n"  # in the bundle too
_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    "zh_CN": QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedHanScript, QLocale.Country.China),
}


@dataclass(frozen=True)
class Language:
    """A translation and the locale that goes with it.

    Attributes:
        code: a key of `LANGUAGES` (``en``, ``zh_CN``).
        locale: how dates, numbers and sizes are written and names sorted.
    """

    code: str
    locale: QLocale


def system_language(system: QLocale) -> str:
    """The translation a system asks for: its first language we have, else English.

    The system's languages come in order of preference (``LANGUAGE=de:zh_CN`` asks for German,
    then Chinese). Traditional Chinese (Taiwan, Hong Kong) is not Simplified Chinese: those
    systems get English unless they name another language we have.
    """
    refused: set[QLocale.Language] = set()
    for tag in system.uiLanguages():
        locale = QLocale(tag)
        language = locale.language()
        if language in refused:
            continue
        if language == QLocale.Language.English:
            return "en"
        if language == QLocale.Language.Chinese:
            if locale.script() == QLocale.Script.TraditionalHanScript:
                refused.add(language)
                continue
            return "zh_CN"
    return SOURCE_LANGUAGE


def resolve(choice: str, system: QLocale | None = None) -> Language:
    """The language for a choice (`SYSTEM` or a code of `LANGUAGES`; anything else: the system's).

    The system's locale writes dates and numbers when it speaks the language chosen (British
    English keeps its day-month order); otherwise the language's own locale does.
    """
    system = QLocale.system() if system is None else system
    code = choice if choice in LANGUAGES else system_language(system)
    if choice not in LANGUAGES or system.language() == _LOCALES[code].language():
        return Language(code, system)
    return Language(code, QLocale(_LOCALES[code]))


def install(app: QCoreApplication, language: Language) -> None:
    """Speak `language` from now on: its translations (ours and Qt's) and its locale.

    Texts already shown stay as they are; windows made afterwards speak the new language.
    """
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt asks the translator installed last first: ours may fill in what Qt's lacks (qt_texts).
    for name, folder in (
        (f"qtbase_{language.code}", qt_folder),
        (f"dentry_{language.code}", str(TRANSLATIONS)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
    QLocale.setDefault(language.locale)
