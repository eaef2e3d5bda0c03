"""What went wrong, in the user's language: one sentence, and the details for those who want them.

Every error the window shows goes through `explain` (an exception) or `explain_text` (a sentence
the transfer journal kept). The Open API's error codes (REFERENCE.md §8, and the codes the client
finds itself: `app.api.errors.SENTENCES`) map to sentences translated here; the service's own
message, the code and the request id go into the details, which the window shows as a tooltip
or behind a message box's "Show Details…". Sentences of the core that are not about the service
(the disk, the keyring, the transfer engine) are recognised by `app.ui.core_sentences`.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

from app.accounts.secrets import KeyringLockedError, KeyringTimeoutError, NoSecureKeyringError, SecretError
from app.accounts.store import AccountError
from app.api.errors import SENTENCES, ApiError
from app.ui import core_sentences
from app.ui.texts import QT_TRANSLATE_NOOP, arg, translate

CODE_SENTENCES: dict[str, str] = {
    "paramError": QT_TRANSLATE_NOOP("Errors", "The service did not accept the request."),
    "permissionDenied": QT_TRANSLATE_NOOP("Errors", "You do not have permission to do this in this space."),
    "dentryNotExist": QT_TRANSLATE_NOOP("Errors", "The file or folder does not exist (any more)."),
    "spaceNotExist": QT_TRANSLATE_NOOP("Errors", "The space does not exist."),
    "thumbnailNotExist": QT_TRANSLATE_NOOP("Errors", "The thumbnail is not ready yet."),
    "dentryFormatNotSupport": QT_TRANSLATE_NOOP(
        "Errors", "The service does not support this for this kind of file."
    ),
    "fileViral": QT_TRANSLATE_NOOP("Errors", "The file was flagged as containing a virus."),
    "fileMalicious": QT_TRANSLATE_NOOP("Errors", "The file was flagged as malicious."),
    "orgAuthLevelNotEnough": QT_TRANSLATE_NOOP(
        "Errors", "Your organization's authentication level does not allow this."
    ),
    "operationNotSupported": QT_TRANSLATE_NOOP("Errors", "This operation is not supported here."),
    "dentryDownloadProtocolNotSupport": QT_TRANSLATE_NOOP(
        "Errors", "The service cannot offer this file as a signed download."
    ),
    "fileArchived": QT_TRANSLATE_NOOP(
        "Errors", "The file is archived and is being restored; try again in a few minutes."
    ),
    "operationConcurrentControl": QT_TRANSLATE_NOOP(
        "Errors", "Someone else is changing this at the same moment."
    ),
    "spaceQuotaInsufficient": QT_TRANSLATE_NOOP("Errors", "The space is full."),
    "sceneQuotaInsufficient": QT_TRANSLATE_NOOP(
        "Errors", "The storage quota for this kind of space is used up."
    ),
    "appQuotaInsufficient": QT_TRANSLATE_NOOP("Errors", "The app's storage quota is used up."),
    "orgQuotaInsufficient": QT_TRANSLATE_NOOP("Errors", "Your organization's storage quota is used up."),
    "dentryNameIllegal": QT_TRANSLATE_NOOP("Errors", "The name is not allowed."),
    "dentryStoreError": QT_TRANSLATE_NOOP("Errors", "The service could not store the file."),
    "storageFull": QT_TRANSLATE_NOOP("Errors", "The storage service has no disk space left."),
    "dentryNameConflict": QT_TRANSLATE_NOOP("Errors", "An item with this name already exists."),
    "systemError": QT_TRANSLATE_NOOP("Errors", "The storage service had an internal error."),
    "unknownError": QT_TRANSLATE_NOOP("Errors", "The storage service had an unknown error."),
    "operationTimeout": QT_TRANSLATE_NOOP("Errors", "The storage service timed out."),
    "InvalidAuthentication": QT_TRANSLATE_NOOP(
        "Errors", "The access token was refused; check the AppKey and AppSecret."
    ),
    "invalidClientIdOrSecret": QT_TRANSLATE_NOOP("Errors", "The AppKey or AppSecret is wrong."),
    "AccessDenied": QT_TRANSLATE_NOOP("Errors", "The signed URL was refused or has expired."),
    "SignatureDoesNotMatch": QT_TRANSLATE_NOOP("Errors", "The signed URL was refused."),
    "networkError": QT_TRANSLATE_NOOP("Errors", "Could not reach the storage service."),
    "listingLoop": QT_TRANSLATE_NOOP("Errors", "The storage service keeps listing the same entries."),
    "noDownloadAddress": QT_TRANSLATE_NOOP("Errors", "The service gave no download address."),
    "noUploadAddress": QT_TRANSLATE_NOOP("Errors", "The service gave no upload address."),
    "recycleItemNotExist": QT_TRANSLATE_NOOP("Errors", "The item is not in the recycle bin (any more)."),
    "recycleBinNotExist": QT_TRANSLATE_NOOP("Errors", "The recycle bin does not exist."),
    "taskUnfinished": QT_TRANSLATE_NOOP(
        "Errors", "The storage service did not finish the operation in time."
    ),
    "taskNotExist": QT_TRANSLATE_NOOP("Errors", "The storage service does not know this operation."),
    # KooDrive's thumbnail task answers HTTP-like codes of its own (the client names them koodrive.*).
    "koodrive.401": QT_TRANSLATE_NOOP(
        "Errors", "The access token was refused; check the AppKey and AppSecret."
    ),
    "koodrive.403": QT_TRANSLATE_NOOP("Errors", "You do not have permission to do this in this space."),
    "koodrive.404": QT_TRANSLATE_NOOP("Errors", "The file or folder does not exist (any more)."),
    "koodrive.415": QT_TRANSLATE_NOOP("Errors", "The service cannot make thumbnails of this kind of file."),
    "koodrive.503": QT_TRANSLATE_NOOP("Errors", "The thumbnail is still being made; try again later."),
}
"""A sentence for each error code the window may meet (`app.api.errors.SENTENCES` and more)."""

_ERRNO_SENTENCES = {
    errno.ENOSPC: QT_TRANSLATE_NOOP("Errors", "The disk is full."),
    errno.EACCES: QT_TRANSLATE_NOOP("Errors", "Permission denied."),
    errno.EPERM: QT_TRANSLATE_NOOP("Errors", "Permission denied."),
    errno.ENOENT: QT_TRANSLATE_NOOP("Errors", "No such file or folder."),
    errno.EROFS: QT_TRANSLATE_NOOP("Errors", "The disk is read-only."),
    errno.EISDIR: QT_TRANSLATE_NOOP("Errors", "It is a folder."),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("Errors", "It is not a folder."),
}
# ApiError.sentence is "base: the service's message." or "base."; the journal keeps it as text.
_API_SENTENCE = re.compile(
    "^(?P<base>"
    + "|".join(re.escape(base) for base in sorted(SENTENCES.values(), key=len, reverse=True))
    + ")"
    r"(?: \(bad (?P<bad>[^)]+)\))?(?:: (?P<message>.*?))?\.?$",
    re.DOTALL,
)
_CODE_OF = {sentence: code for code, sentence in SENTENCES.items()}
_UNKNOWN_CODE = re.compile(
    r"^The storage service refused the request \((?P<code>[^)]+)\)(?:: (?P<message>.*?))?\.?$"
)


@dataclass(frozen=True)
class ErrorText:
    """What the window says about an error.

    Attributes:
        sentence: one sentence in the user's language.
        details: what a person may need to look further or ask for help: the service's own
            message, the error code, the request id (as the service wrote them); may be empty.
    """

    sentence: str
    details: str = ""


def code_sentence(code: str) -> str | None:
    """The translated sentence for an Open API code (``paramError.name`` counts as ``paramError``)."""
    text = CODE_SENTENCES.get(code)
    if text is None and not code.startswith("koodrive."):
        text = CODE_SENTENCES.get(code.split(".", maxsplit=1)[0])
    return None if text is None else translate("Errors", text)


def explain(error: BaseException) -> ErrorText:
    """The sentence and details for an exception that reached the window."""
    if isinstance(error, ApiError):
        return explain_api(error.code, error.message, error.request_id, error.status)
    if isinstance(error, KeyringLockedError):
        sentence = translate("Errors", "The system keyring is locked; unlock it and try again.")
    elif isinstance(error, KeyringTimeoutError):
        sentence = translate(
            "Errors", "The system keyring did not answer in time (an unlock prompt may be waiting)."
        )
    elif isinstance(error, NoSecureKeyringError):
        sentence = translate("Errors", "No secure system keyring was found.")
    elif isinstance(error, SecretError):
        sentence = translate("Errors", "The system keyring failed.")
    elif isinstance(error, AccountError):
        sentence = translate("Errors", "The saved accounts could not be used.")
    elif isinstance(error, OSError) and error.errno in _ERRNO_SENTENCES:
        sentence = translate("Errors", _ERRNO_SENTENCES[error.errno])
        if error.filename:
            sentence = arg(translate("Errors", "%1 (%2)"), sentence, error.filename)
    else:
        return explain_text(str(error))
    return ErrorText(sentence, original(str(error)))


def explain_api(
    code: str, message: str = "", request_id: str | None = None, status: int | None = None
) -> ErrorText:
    """The sentence for an Open API error code; the service's message goes to the details.

    A code the window does not know keeps the service's message in the sentence: it is all there is.
    """
    sentence = code_sentence(code)
    if code.startswith("paramError.") and sentence is not None and not message:
        sentence = arg(
            translate("Errors", "The service did not accept the request (bad %1)."), code.split(".", 1)[1]
        )
    if sentence is None:
        sentence = arg(translate("Errors", "The storage service refused the request (%1)."), code)
        if message:
            sentence = arg(translate("Errors", "%1 The service says: %2"), sentence, message)
    lines = []
    if message:
        lines.append(arg(translate("Errors", "Service message: %1"), message))
    lines.append(arg(translate("Errors", "Error code: %1"), code))
    if status is not None:
        lines.append(arg(translate("Errors", "HTTP status: %1"), status))
    if request_id:
        lines.append(arg(translate("Errors", "Request id: %1"), request_id))
    return ErrorText(sentence, "\n".join(lines))


def explain_text(text: str) -> ErrorText:
    """The sentence for an English sentence of the core (an error the transfer journal kept).

    Sentences of `ApiError` are recognised by their start and said again from their code; the
    core's other sentences as `core_sentences` knows them; anything else stays as it is.
    """
    found = _API_SENTENCE.match(text)
    if found is not None:
        code = _CODE_OF[found.group("base")]
        if found.group("bad"):
            code = f"{code}.{found.group('bad')}"
        return explain_api(code, found.group("message") or "")
    unknown = _UNKNOWN_CODE.match(text)
    if unknown is not None:
        return explain_api(unknown.group("code"), unknown.group("message") or "")
    translated = core_sentences.translate_sentence(text)
    if translated is None:
        return ErrorText(text)
    return ErrorText(translated, original(text) if translated != text else "")


def original(text: str) -> str:
    """The details line that quotes the core's own (English) words, for a bug report."""
    return arg(translate("Errors", "Original message: %1"), text)
