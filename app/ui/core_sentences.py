"""The core's English sentences the window shows, recognised and said in the user's language.

The core (the transfer engine, upload and download planning, name checks) imports no Qt and
writes its reasons in English, for the command line and for the transfer journal. The window
recognises the sentences it knows, by their shape, and says them again from a translated
template; a sentence it does not know is shown as it is. Values (names, paths, numbers, reasons
of the operating system) stay as the core wrote them; a part that is itself a sentence of the core
("skipped: " + why) is translated in turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

CONTEXT = "CoreSentences"


@dataclass(frozen=True)
class _Sentence:
    pattern: re.Pattern[str]
    text: str
    """The template: the English sentence with ``%1``, ``%2`` … for the pattern's groups."""
    nested: tuple[int, ...] = ()
    """Groups that are sentences of the core themselves (numbered from 1)."""


def _sentence(pattern: str, text: str, *nested: int) -> _Sentence:
    return _Sentence(re.compile(pattern + r"\.?", re.DOTALL), text, nested)


_SENTENCES = (
    # Upload planning (app/transfers/folders.py) and the service's name rules (names.py).
    _sentence(r"renamed to (.+?): (.+)", QT_TRANSLATE_NOOP("CoreSentences", "renamed to %1: %2"), 2),
    _sentence(
        r"the service would refuse its name: (.+)",
        QT_TRANSLATE_NOOP("CoreSentences", "the service would refuse its name: %1"),
        1,
    ),
    _sentence(r"skipped: (.+)", QT_TRANSLATE_NOOP("CoreSentences", "skipped: %1"), 1),
    _sentence(r"the file cannot be read", QT_TRANSLATE_NOOP("CoreSentences", "the file cannot be read")),
    _sentence(
        r"the folder cannot be read \((.+)\)",
        QT_TRANSLATE_NOOP("CoreSentences", "the folder cannot be read (%1)"),
        1,
    ),
    _sentence(r"not a regular file", QT_TRANSLATE_NOOP("CoreSentences", "not a regular file")),
    _sentence(
        r"a symbolic link whose target does not exist",
        QT_TRANSLATE_NOOP("CoreSentences", "a symbolic link whose target does not exist"),
    ),
    _sentence(
        r"a symbolic link that leads out of the folder",
        QT_TRANSLATE_NOOP("CoreSentences", "a symbolic link that leads out of the folder"),
    ),
    _sentence(
        r"a symbolic link to a folder", QT_TRANSLATE_NOOP("CoreSentences", "a symbolic link to a folder")
    ),
    _sentence(r"no such file or folder", QT_TRANSLATE_NOOP("CoreSentences", "no such file or folder")),
    _sentence(r"the name is empty", QT_TRANSLATE_NOOP("CoreSentences", "the name is empty")),
    _sentence(r"it contains (.+)", QT_TRANSLATE_NOOP("CoreSentences", "it contains %1")),
    _sentence(r"it ends with '\.'", QT_TRANSLATE_NOOP("CoreSentences", "it ends with '.'")),
    _sentence(
        r"it is longer than (\d+) characters",
        QT_TRANSLATE_NOOP("CoreSentences", "it is longer than %1 characters"),
    ),
    # Download planning (app/transfers/folder_download.py).
    _sentence(r"not a usable file name", QT_TRANSLATE_NOOP("CoreSentences", "not a usable file name")),
    _sentence(r"contains a path separator", QT_TRANSLATE_NOOP("CoreSentences", "contains a path separator")),
    _sentence(
        r"contains a character Windows does not allow (\(.+\))",
        QT_TRANSLATE_NOOP("CoreSentences", "contains a character Windows does not allow %1"),
    ),
    _sentence(
        r"a name Windows reserves for devices",
        QT_TRANSLATE_NOOP("CoreSentences", "a name Windows reserves for devices"),
    ),
    _sentence(
        r"ends with a dot or a space, which Windows drops",
        QT_TRANSLATE_NOOP("CoreSentences", "ends with a dot or a space, which Windows drops"),
    ),
    _sentence(
        r"cannot make the folder \((.+)\)",
        QT_TRANSLATE_NOOP("CoreSentences", "cannot make the folder (%1)"),
        1,
    ),
    _sentence(
        r"a file of that name is in the way",
        QT_TRANSLATE_NOOP("CoreSentences", "a file of that name is in the way"),
    ),
    # The transfer engine's errors (app/transfers: context, download, upload, manager).
    _sentence(
        r"The storage server answered (\d+)",
        QT_TRANSLATE_NOOP("CoreSentences", "The storage server answered %1"),
    ),
    _sentence(
        r"The storage server refused the transfer \((.+)\)",
        QT_TRANSLATE_NOOP("CoreSentences", "The storage server refused the transfer (%1)"),
    ),
    _sentence(
        r"The disk is full; free some space on the drive of (.+) and retry",
        QT_TRANSLATE_NOOP("CoreSentences", "The disk is full; free some space on the drive of %1 and retry"),
    ),
    _sentence(
        r"Cannot write to (.+): (.+?)", QT_TRANSLATE_NOOP("CoreSentences", "Cannot write to %1: %2"), 2
    ),
    _sentence(r"Cannot write (.+): (.+?)", QT_TRANSLATE_NOOP("CoreSentences", "Cannot write %1: %2"), 2),
    _sentence(r"Cannot read (.+): (.+?)", QT_TRANSLATE_NOOP("CoreSentences", "Cannot read %1: %2"), 2),
    _sentence(
        r"The storage service keeps refusing the download link",
        QT_TRANSLATE_NOOP("CoreSentences", "The storage service keeps refusing the download link"),
    ),
    _sentence(
        r"The storage service keeps refusing the upload link",
        QT_TRANSLATE_NOOP("CoreSentences", "The storage service keeps refusing the upload link"),
    ),
    _sentence(
        r"The storage service keeps refusing the part upload links",
        QT_TRANSLATE_NOOP("CoreSentences", "The storage service keeps refusing the part upload links"),
    ),
    _sentence(r"(.+) exists already", QT_TRANSLATE_NOOP("CoreSentences", "%1 exists already")),
    _sentence(r"(.+) is a folder", QT_TRANSLATE_NOOP("CoreSentences", "%1 is a folder")),
    _sentence(
        r"The file changed on the server",
        QT_TRANSLATE_NOOP("CoreSentences", "The file changed on the server"),
    ),
    _sentence(
        r"The download ended at (\d+) of (\d+) bytes",
        QT_TRANSLATE_NOOP("CoreSentences", "The download ended at %1 of %2 bytes"),
    ),
    _sentence(
        r"The file got shorter while it was being uploaded",
        QT_TRANSLATE_NOOP("CoreSentences", "The file got shorter while it was being uploaded"),
    ),
    _sentence(
        r"The connection was lost \((.+)\)",
        QT_TRANSLATE_NOOP("CoreSentences", "The connection was lost (%1)"),
    ),
    _sentence(r"Unexpected error: (.+)", QT_TRANSLATE_NOOP("CoreSentences", "Unexpected error: %1")),
    # What a transfer says while it works around trouble (its note, shown as a tooltip).
    _sentence(
        r"The file changed since the upload began; starting over",
        QT_TRANSLATE_NOOP("CoreSentences", "The file changed since the upload began; starting over"),
    ),
    _sentence(
        r"The upload link expired; starting the upload again with a fresh one",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "The upload link expired; starting the upload again with a fresh one"
        ),
    ),
    _sentence(
        r"The link for part (\d+) expired; sending it again with a fresh one",
        QT_TRANSLATE_NOOP("CoreSentences", "The link for part %1 expired; sending it again with a fresh one"),
    ),
    _sentence(
        r"The answer to the commit was lost; looking for the file before committing again",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "The answer to the commit was lost; looking for the file before committing again"
        ),
    ),
    _sentence(
        r"The download link expired or failed; continuing with a fresh one",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "The download link expired or failed; continuing with a fresh one"
        ),
    ),
    _sentence(
        r"The download link expired; continuing with a fresh one",
        QT_TRANSLATE_NOOP("CoreSentences", "The download link expired; continuing with a fresh one"),
    ),
    _sentence(
        r"The file changed on the server since the download began; starting over",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "The file changed on the server since the download began; starting over"
        ),
    ),
    _sentence(
        r"The file changed on the server during the download; starting over",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "The file changed on the server during the download; starting over"
        ),
    ),
    # The operating system's reasons (strerror) the engine quotes, as the C library writes them.
    *(
        _sentence(re.escape(reason), reason)
        for reason in (
            QT_TRANSLATE_NOOP("CoreSentences", "No such file or directory"),
            QT_TRANSLATE_NOOP("CoreSentences", "Permission denied"),
            QT_TRANSLATE_NOOP("CoreSentences", "Not a directory"),
            QT_TRANSLATE_NOOP("CoreSentences", "Is a directory"),
            QT_TRANSLATE_NOOP("CoreSentences", "File exists"),
            QT_TRANSLATE_NOOP("CoreSentences", "No space left on device"),
            QT_TRANSLATE_NOOP("CoreSentences", "Disk quota exceeded"),
            QT_TRANSLATE_NOOP("CoreSentences", "Read-only file system"),
            QT_TRANSLATE_NOOP("CoreSentences", "File name too long"),
            QT_TRANSLATE_NOOP("CoreSentences", "Input/output error"),
            QT_TRANSLATE_NOOP("CoreSentences", "Operation not permitted"),
        )
    ),
    # The preferences file (app/preferences.py).
    _sentence(
        r"The preferences file (.+) cannot be read \((.+)\); using the defaults",
        QT_TRANSLATE_NOOP("CoreSentences", "The preferences file %1 cannot be read (%2); using the defaults"),
        2,
    ),
    _sentence(
        r"The preferences file (.+) is damaged \(not a JSON object\); using the defaults",
        QT_TRANSLATE_NOOP("CoreSentences", "The preferences file %1 is damaged; using the defaults"),
    ),
    _sentence(
        r"In the preferences file (.+), (\w+) must be .+ \(not (.+)\); using the default",
        QT_TRANSLATE_NOOP(
            "CoreSentences", "In the preferences file %1, %2 cannot be %3; using the default instead"
        ),
    ),
    _sentence(
        r"The preferences file (.+) cannot be written: (.+)",
        QT_TRANSLATE_NOOP("CoreSentences", "The preferences file %1 cannot be written: %2"),
        2,
    ),
    # The embedded local service (app/accounts/local.py).
    _sentence(
        r"The local storage service did not start \(see its messages above\)",
        QT_TRANSLATE_NOOP("CoreSentences", "The local storage service did not start"),
    ),
)


def translate_sentence(text: str) -> str | None:
    """`text` in the user's language when it is a sentence of the core known here, else None."""
    for sentence in _SENTENCES:
        found = sentence.pattern.fullmatch(text)
        if found is None:
            continue
        values = [
            (translate_sentence(value) or value) if number in sentence.nested else value
            for number, value in enumerate(found.groups(), start=1)
        ]
        return arg(translate(CONTEXT, sentence.text), *values)
    return None


_WHAT_HAPPENED = re.compile(r"(?:skipped|the service would refuse its name|renamed to .+?): (.+)", re.DOTALL)


def is_renamed(reason: str) -> bool:
    """Whether an upload plan's problem is a name that was replaced (not an item left out)."""
    return reason.startswith("renamed to ")


def reason_text(reason: str) -> str:
    """Why, in the user's language, without what happened ("skipped: …"): the message says that."""
    found = _WHAT_HAPPENED.fullmatch(reason)
    why = found.group(1) if found else reason
    return translate_sentence(why) or why
