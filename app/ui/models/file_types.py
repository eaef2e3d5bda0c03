"""What kind of file a dentry is, for people: its name for the kind, its icon, and size and date texts.

Kinds are named by our own table of common types, in the user's language and in one style
("PNG image", "Word document"; "PNG 图像", "Word 文档"); other types are named from the family the
system's MIME database puts them in ("HEIC image", "FLAC audio", "XYZ file"). The MIME database's
own comments are not used: their wording and case differ from type to type ("plain text document",
"Excel 2007 spreadsheet") and they follow the system's language, not the window's. Icons come from
the MIME database and the icon theme. Each extension is looked up once.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QMimeDatabase, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileIconProvider

from app.api.models import Dentry
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

KINDS = {
    "jpg": QT_TRANSLATE_NOOP("FileTypes", "JPEG image"),
    "jpeg": QT_TRANSLATE_NOOP("FileTypes", "JPEG image"),
    "png": QT_TRANSLATE_NOOP("FileTypes", "PNG image"),
    "gif": QT_TRANSLATE_NOOP("FileTypes", "GIF image"),
    "webp": QT_TRANSLATE_NOOP("FileTypes", "WebP image"),
    "bmp": QT_TRANSLATE_NOOP("FileTypes", "BMP image"),
    "svg": QT_TRANSLATE_NOOP("FileTypes", "SVG image"),
    "heic": QT_TRANSLATE_NOOP("FileTypes", "HEIC image"),
    "mp4": QT_TRANSLATE_NOOP("FileTypes", "MP4 video"),
    "mov": QT_TRANSLATE_NOOP("FileTypes", "QuickTime video"),
    "mp3": QT_TRANSLATE_NOOP("FileTypes", "MP3 audio"),
    "m4a": QT_TRANSLATE_NOOP("FileTypes", "M4A audio"),
    "wav": QT_TRANSLATE_NOOP("FileTypes", "WAV audio"),
    "pdf": QT_TRANSLATE_NOOP("FileTypes", "PDF document"),
    "txt": QT_TRANSLATE_NOOP("FileTypes", "Text document"),
    "md": QT_TRANSLATE_NOOP("FileTypes", "Markdown document"),
    "rtf": QT_TRANSLATE_NOOP("FileTypes", "RTF document"),
    "doc": QT_TRANSLATE_NOOP("FileTypes", "Word document"),
    "docx": QT_TRANSLATE_NOOP("FileTypes", "Word document"),
    "xls": QT_TRANSLATE_NOOP("FileTypes", "Excel spreadsheet"),
    "xlsx": QT_TRANSLATE_NOOP("FileTypes", "Excel spreadsheet"),
    "csv": QT_TRANSLATE_NOOP("FileTypes", "CSV spreadsheet"),
    "ppt": QT_TRANSLATE_NOOP("FileTypes", "PowerPoint presentation"),
    "pptx": QT_TRANSLATE_NOOP("FileTypes", "PowerPoint presentation"),
    "wps": QT_TRANSLATE_NOOP("FileTypes", "WPS document"),
    "et": QT_TRANSLATE_NOOP("FileTypes", "WPS spreadsheet"),
    "dps": QT_TRANSLATE_NOOP("FileTypes", "WPS presentation"),
    "odt": QT_TRANSLATE_NOOP("FileTypes", "OpenDocument text"),
    "ods": QT_TRANSLATE_NOOP("FileTypes", "OpenDocument spreadsheet"),
    "odp": QT_TRANSLATE_NOOP("FileTypes", "OpenDocument presentation"),
    "html": QT_TRANSLATE_NOOP("FileTypes", "Web page"),
    "htm": QT_TRANSLATE_NOOP("FileTypes", "Web page"),
    "zip": QT_TRANSLATE_NOOP("FileTypes", "ZIP archive"),
    "rar": QT_TRANSLATE_NOOP("FileTypes", "RAR archive"),
    "7z": QT_TRANSLATE_NOOP("FileTypes", "7z archive"),
    "tar": QT_TRANSLATE_NOOP("FileTypes", "TAR archive"),
    "gz": QT_TRANSLATE_NOOP("FileTypes", "GZIP archive"),
    "tgz": QT_TRANSLATE_NOOP("FileTypes", "TAR archive"),
    "exe": QT_TRANSLATE_NOOP("FileTypes", "Windows program"),
    "msi": QT_TRANSLATE_NOOP("FileTypes", "Windows installer"),
    "apk": QT_TRANSLATE_NOOP("FileTypes", "Android app"),
}
"""Names of common kinds, by lower-case extension (translated where they are shown)."""
FAMILIES = {
    "image": QT_TRANSLATE_NOOP("FileTypes", "%1 image"),
    "video": QT_TRANSLATE_NOOP("FileTypes", "%1 video"),
    "audio": QT_TRANSLATE_NOOP("FileTypes", "%1 audio"),
    "text": QT_TRANSLATE_NOOP("FileTypes", "%1 text file"),
}
"""Names of other kinds by the MIME type's family; ``%1`` is the extension in capitals."""
OTHER = QT_TRANSLATE_NOOP("FileTypes", "%1 file")
FOLDER = QT_TRANSLATE_NOOP("FileTypes", "Folder")
PLAIN_FILE = QT_TRANSLATE_NOOP("FileTypes", "File")


class Sizes(QObject):
    """The translation context of size texts (a QObject, so that plurals can use ``tr``)."""


def extension_of(dentry: Dentry) -> str:
    """The lower-case extension of a file without its dot (from the service, else from the name)."""
    if dentry.extension:
        return dentry.extension.lower().lstrip(".")
    dot = dentry.name.rfind(".")
    return dentry.name[dot + 1 :].lower() if dot > 0 else ""


def format_size(size: int | None, locale: QLocale | None = None) -> str:
    """A human size in binary units for the locale, e.g. ``1.5 MiB``, ``500 bytes``; empty when unknown."""
    if size is None:
        return ""
    locale = locale or QLocale()
    if size < 1024:  # Qt writes "1 bytes": its own text has no plural form
        # tr() of the class itself (PySide allows it; its stubs only know the instance's).
        return Sizes.tr("%Ln byte(s)", "", size)  # type: ignore[arg-type]
    return locale.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeIecFormat)


def format_time(moment: datetime | None, locale: QLocale | None = None) -> str:
    """A localized short date and time in the local time zone; empty when unknown.

    Without a language (the C locale of a bare system) Qt writes ``23 11 2026 07:31``; ISO 8601
    reads better there.
    """
    if moment is None:
        return ""
    local = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return local.toString("yyyy-MM-dd HH:mm")
    return locale.toString(local, QLocale.FormatType.ShortFormat)


def format_time_long(moment: datetime, locale: QLocale | None = None) -> str:
    """The locale's short date, the time with seconds and the time zone: ``2026/12/4 20:04:55 UTC``."""
    local = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return local.toString("yyyy-MM-dd HH:mm:ss t")
    date = locale.toString(local.date(), QLocale.FormatType.ShortFormat)
    return f"{date} {local.toString('HH:mm:ss')} {local.timeZoneAbbreviation()}"


class FileTypes:
    """Kinds and icons by extension, cached (the MIME database is slow to ask per painted cell).

    Kinds are translated when first asked for: make a new `FileTypes` after changing the language.
    """

    def __init__(self) -> None:
        self._mime_db = QMimeDatabase()
        self._icon_provider: QFileIconProvider | None = None
        self._folder_icon: QIcon | None = None
        self._folder_kind = translate("FileTypes", FOLDER)
        self._types: dict[str, tuple[str, QIcon]] = {}

    def _provider(self) -> QFileIconProvider:
        # Made on first use: it needs a QApplication, which may not exist when the model is built.
        if self._icon_provider is None:
            self._icon_provider = QFileIconProvider()
        return self._icon_provider

    def kind(self, dentry: Dentry) -> str:
        """What kind of entry it is, for people: ``Folder``, ``PNG image``, ``XYZ file`` …"""
        if dentry.is_folder:
            return self._folder_kind
        return self._file_type(extension_of(dentry))[0]

    def _file_type(self, extension: str) -> tuple[str, QIcon]:
        known = self._types.get(extension)
        if known is not None:
            return known
        fallback = self._provider().icon(QFileIconProvider.IconType.File)
        icon = fallback
        if not extension:
            kind = translate("FileTypes", PLAIN_FILE)
        else:
            mime = self._mime_db.mimeTypeForFile(f"x.{extension}", QMimeDatabase.MatchMode.MatchExtension)
            family = "" if mime.isDefault() else mime.name().partition("/")[0]
            if not mime.isDefault():
                icon = QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(mime.genericIconName(), fallback))
            if extension in KINDS:
                kind = translate("FileTypes", KINDS[extension])
            else:
                kind = arg(translate("FileTypes", FAMILIES.get(family, OTHER)), extension.upper())
        self._types[extension] = (kind, icon)
        return kind, icon

    def icon(self, dentry: Dentry) -> QIcon:
        """The folder icon, or the icon of the file's type."""
        if dentry.is_folder:
            if self._folder_icon is None:
                self._folder_icon = self._provider().icon(QFileIconProvider.IconType.Folder)
            return self._folder_icon
        return self._file_type(extension_of(dentry))[1]


def kind_names() -> list[str]:
    """The kinds of the table in the user's language (to size a column to the widest)."""
    return [translate("FileTypes", text) for text in KINDS.values()]
