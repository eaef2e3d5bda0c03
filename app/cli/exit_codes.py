"""``dentry-cli``'s exit codes, decided by the service's error code (never by the HTTP status)."""

from __future__ import annotations

from collections.abc import Iterable

from app.api import ApiError

EXIT_OK, EXIT_OTHER, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_NOT_ALLOWED = 0, 1, 2, 3, 4
EXIT_REFUSED, EXIT_UNAVAILABLE, EXIT_SETUP, EXIT_INTERRUPTED = 5, 6, 7, 130

NOT_FOUND = {"dentryNotExist", "spaceNotExist", "recycleItemNotExist", "recycleBinNotExist"}
NOT_ALLOWED = {
    "permissionDenied",
    "InvalidAuthentication",
    "invalidClientIdOrSecret",
    "orgAuthLevelNotEnough",
}
REFUSED = {
    "dentryNameIllegal",
    "dentryNameConflict",
    "dentryFormatNotSupport",
    "operationNotSupported",
    "storageFull",
}


def exit_code(error: ApiError) -> int:
    """The exit code for a failed call; decided by the error code, never by the HTTP status."""
    code = error.code
    if code in NOT_FOUND:
        return EXIT_NOT_FOUND
    if code in NOT_ALLOWED:
        return EXIT_NOT_ALLOWED
    if code in REFUSED or code.startswith("paramError") or code.endswith("QuotaInsufficient"):
        return EXIT_REFUSED
    if error.retryable or error.try_later:
        return EXIT_UNAVAILABLE
    return EXIT_OTHER


def job_exit_code(code: str | None) -> int:
    """The exit code for a transfer that failed with the service's error `code` (None: no code)."""
    return EXIT_OTHER if code is None else exit_code(ApiError(code, None))


def causes_exit_code(codes: Iterable[str | None]) -> int:
    """The exit code for several failures: their cause's when they share one, 1 when not, 0 for none."""
    causes = {job_exit_code(code) for code in codes}
    if not causes:
        return EXIT_OK
    return causes.pop() if len(causes) == 1 else EXIT_OTHER
