"""One error type for everything the service or the network can do wrong, with a clear sentence."""

from __future__ import annotations

# What a person should read for each code of REFERENCE.md §8 (and the few more we meet).
SENTENCES: dict[str, str] = {
    "paramError": "The service did not accept the request",
    "permissionDenied": "You do not have permission to do this in this space",
    "dentryNotExist": "The file or folder does not exist (any more)",
    "spaceNotExist": "The space does not exist",
    "recycleItemNotExist": "The item is not in the recycle bin (any more)",
    "recycleBinNotExist": "The recycle bin does not exist",
    "thumbnailNotExist": "The thumbnail is not ready yet",
    "dentryFormatNotSupport": "This kind of file is not supported for this",
    "fileViral": "The file was flagged as containing a virus",
    "fileMalicious": "The file was flagged as malicious",
    "orgAuthLevelNotEnough": "Your organization's authentication level does not allow this",
    "operationNotSupported": "This operation is not supported here",
    "dentryDownloadProtocolNotSupport": "The service cannot offer this file as a signed download",
    "fileArchived": "The file is archived and is being restored; try again in a few minutes",
    "operationConcurrentControl": "Someone else is changing this at the same moment",
    "spaceQuotaInsufficient": "The space is full",
    "sceneQuotaInsufficient": "The storage quota for this kind of space is used up",
    "appQuotaInsufficient": "The app's storage quota is used up",
    "orgQuotaInsufficient": "Your organization's storage quota is used up",
    "dentryNameIllegal": "The name is not allowed",
    "dentryStoreError": "The service could not store the file",
    "storageFull": "The storage service has no disk space left",
    "dentryNameConflict": "An item with this name already exists",
    "systemError": "The storage service had an internal error",
    "unknownError": "The storage service had an unknown error",
    "operationTimeout": "The storage service timed out",
    "InvalidAuthentication": "The access token was refused; check the app key and secret",
    "invalidClientIdOrSecret": "The app key or app secret is wrong",
    "AccessDenied": "The signed URL was refused or has expired",
    "SignatureDoesNotMatch": "The signed URL was refused",
    "networkError": "Could not reach the storage service",
    # Found by the client itself (app/api/paging.py, models.py), not sent by the service.
    "listingLoop": "The storage service keeps listing the same entries",
    "noDownloadAddress": "The service gave no download address",
    "noUploadAddress": "The service gave no upload address",
    "taskUnfinished": "The storage service did not finish the operation in time",
    "taskNotExist": "The storage service does not know this operation",
}

RETRYABLE_CODES = frozenset(
    {"systemError", "unknownError", "operationTimeout", "operationConcurrentControl", "networkError"}
)
NOT_RETRYABLE_CODES = frozenset({"storageFull"})
"""Codes that come with a 5xx status but do not go away by asking again."""


class ApiError(Exception):
    """A failed call: the service's `code` (branch on it, not on `status`), and what to tell a person.

    Attributes:
        code: the Open API error code, e.g. ``dentryNotExist``; ``networkError`` for transport failures.
        status: the HTTP status, or None when no answer arrived.
        message: the service's own message (may be empty).
        request_id: the service's request id, for support.
    """

    def __init__(
        self, code: str, status: int | None, message: str = "", request_id: str | None = None
    ) -> None:
        self.code = code
        self.status = status
        self.message = message
        self.request_id = request_id
        super().__init__(self.sentence)

    @property
    def sentence(self) -> str:
        """One clear sentence for a person."""
        base = SENTENCES.get(
            self.code.split(".")[0], f"The storage service refused the request ({self.code})"
        )
        if self.code.startswith("paramError.") and not self.message:
            base += f" (bad {self.code.split('.', 1)[1]})"
        said = self.message.rstrip(".")
        detail = f": {said}" if said and said.lower() not in base.lower() else ""
        return f"{base}{detail}."

    @property
    def retryable(self) -> bool:
        """Whether trying again later may work (busy or failing service, network trouble).

        A service whose disk is full answers 507 `storageFull`: not worth repeating at once.
        """
        if self.code in NOT_RETRYABLE_CODES:
            return False
        return self.code in RETRYABLE_CODES or (
            self.status is not None and (self.status >= 500 or self.status == 429)
        )

    @property
    def try_later(self) -> bool:
        """The service asks to come back later (an archived file being restored)."""
        return self.code == "fileArchived"


class NetworkError(ApiError):
    """No answer: the connection failed, was cut or timed out."""

    def __init__(self, host: str, reason: str, *, sent: bool) -> None:
        self.host = host
        self.sent = sent
        """Whether the request may have reached the service (then a change may have happened)."""
        super().__init__("networkError", None, f"{host}: {reason}")
