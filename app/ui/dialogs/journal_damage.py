"""Opening the transfer journal at start, and what the user is offered when it cannot be used.

The journal (`app.transfers.journal`) holds the unfinished transfers of every account. When it is
damaged or unreadable (garbage, a truncated file, a folder in its place), the window says so in
one dialog and offers to set the damaged file aside (`set_aside`: renamed beside it, nothing is
deleted) and start a new, empty journal, or to quit. When it is only busy, or its folder cannot
be made, it offers to try again. Never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.transfers.journal import Journal, JournalError, set_aside
from app.ui.errors import explain, original
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

log = logging.getLogger(__name__)

CONTEXT = "JournalDamage"
REASONS = (
    ("a folder is in its place", QT_TRANSLATE_NOOP("JournalDamage", "A folder is where the file should be.")),
    (
        "another program keeps it locked",
        QT_TRANSLATE_NOOP("JournalDamage", "Another program keeps it locked."),
    ),
    ("its folder cannot be made", QT_TRANSLATE_NOOP("JournalDamage", "Its folder cannot be made.")),
    ("(permissions)", QT_TRANSLATE_NOOP("JournalDamage", "It cannot be read and written (permissions).")),
)
"""What `JournalError` says (its English words) → the sentence the dialog says."""
DAMAGED = QT_TRANSLATE_NOOP("JournalDamage", "It is damaged, or it is not a transfer journal.")


def reason_of(error: JournalError) -> str:
    """Why the journal cannot be used, in the user's language."""
    text = str(error)
    for words, sentence in REASONS:
        if words in text:
            return translate(CONTEXT, sentence)
    return translate(CONTEXT, DAMAGED)


def open_journal(path: Path, parent: QWidget | None = None) -> Journal | None:
    """The journal at `path`; when it cannot be used, ask the user what to do (None: quit).

    A damaged journal is set aside on request and a new one started; a busy one is tried again.
    """
    while True:
        try:
            return Journal(path)
        except JournalError as error:
            log.warning("%s", error)
            if not _ask(error, parent):
                return None
            if error.damaged and not _set_aside(path, parent):
                return None


def _ask(error: JournalError, parent: QWidget | None) -> bool:
    """Whether the user wants to go on (set the journal aside, or try again) rather than quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate(CONTEXT, "Transfer journal"))
    box.setText(
        arg(
            translate(CONTEXT, "Dentry cannot use its transfer journal, %1. %2"),
            error.path,
            reason_of(error),
        )
    )
    if error.damaged:
        box.setInformativeText(
            translate(
                CONTEXT,
                "Dentry can set the damaged file aside (it is renamed, nothing is deleted) and start "
                "a new, empty journal; the unfinished transfers recorded in it are not continued.",
            )
        )
        go_on = box.addButton(
            translate(CONTEXT, "Set aside and start anew"), QMessageBox.ButtonRole.AcceptRole
        )
    else:
        go_on = box.addButton(translate(CONTEXT, "Try again"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(translate(CONTEXT, "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    box.setEscapeButton(quit_button)
    box.setDetailedText(original(str(error)))
    box.exec()
    return box.clickedButton() is go_on


def _set_aside(path: Path, parent: QWidget | None) -> bool:
    """Rename the damaged journal aside and say where it went; False when that failed."""
    try:
        aside = set_aside(path)
    except OSError as error:
        log.warning("the transfer journal %s could not be set aside: %s", path, error)
        QMessageBox.critical(
            parent,
            translate(CONTEXT, "Transfer journal"),
            arg(
                translate(CONTEXT, "The damaged journal could not be set aside: %1"), explain(error).sentence
            ),
        )
        return False
    log.warning("the damaged transfer journal was set aside as %s", aside)
    QMessageBox.information(
        parent,
        translate(CONTEXT, "Transfer journal"),
        arg(translate(CONTEXT, "The damaged journal is now %1. A new journal was started."), aside),
    )
    return True
