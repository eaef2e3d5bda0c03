"""Filling in translated texts: Qt's numbered place markers, and mnemonics left out of tooltips.

A translated sentence keeps its values as ``%1``, ``%2`` … (the markers Qt Linguist checks), so a
translator may put them in any order; `arg` fills them in, as ``QString.arg`` does in C++.

Classes derived from QObject mark their texts with ``self.tr("…")`` (plurals:
``self.tr("%n item(s)", "", count)``); other code with ``translate("Context", "…")``, the name
``pyside6-lupdate`` looks for. Tables of texts translated later mark them with
``QT_TRANSLATE_NOOP("Context", "…")`` and pass them through `translate` where they are shown.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
"""``translate("Context", "text")``: a text of a module that is not a QObject, in the user's language."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for ``pyside6-lupdate`` in `context`, to be translated where it is shown.

    Qt's own has no types (it returns ``object``); lupdate knows the name, wherever it comes from.
    """
    return text


_MARKER = re.compile(r"%([1-9])")
# "&Open" in English, "打开(&O)" in Chinese (the key in brackets after the word, as Qt's own
# Chinese translations write it).
_MNEMONIC = re.compile(r"\s*\(&[^)]\)|&(?=[^&])")


def arg(text: str, *values: object) -> str:
    """`text` with ``%1`` … ``%9`` replaced by `values`, in one pass (a value's own ``%2`` stays)."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if number <= len(values) else match.group()

    return _MARKER.sub(value, text)


def without_mnemonic(text: str) -> str:
    """A menu text as a tooltip says it: ``&Open`` → ``Open``, ``打开(&O)…`` → ``打开…``."""
    return _MNEMONIC.sub("", text).replace("&&", "&")
