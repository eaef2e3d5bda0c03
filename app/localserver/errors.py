"""Service errors and their wire shape: HTTP status plus ``{"code", "message", "requestid"}``."""

from __future__ import annotations

import errno
import sqlite3

_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class ServiceError(Exception):
    """An error answered to the client; `code` is the Open API error code (REFERENCE.md §8)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message


def param_error(message: str, field: str | None = None) -> ServiceError:
    """A 400 ``paramError`` (or ``paramError.<field>``) for bad input."""
    return ServiceError(400, f"paramError.{field}" if field else "paramError", message)


def space_not_exist(space_id: str) -> ServiceError:
    """The space id names no space."""
    return ServiceError(404, "spaceNotExist", f"space {space_id} does not exist")


def dentry_not_exist(dentry_id: str, status: int = 404) -> ServiceError:
    """The dentry id names no dentry in the space (GetDentryThumbnails answers 400, S000)."""
    return ServiceError(status, "dentryNotExist", f"dentry {dentry_id} does not exist")


def permission_denied(message: str = "no permission on this space", status: int = 403) -> ServiceError:
    """The operator may not act on the space."""
    return ServiceError(status, "permissionDenied", message)


def invalid_authentication() -> ServiceError:
    """What the real service answers for a missing, unknown or expired token (REFERENCE.md §12)."""
    return ServiceError(400, "InvalidAuthentication", "不合法的access_token")


def name_conflict(name: str) -> ServiceError:
    """A dentry with this name already exists and the strategy says not to rename."""
    return ServiceError(400, "dentryNameConflict", f"a dentry named {name!r} already exists")


def storage_full() -> ServiceError:
    """The disk of the data folder is full (CONTRACTS #1: 507, not to be retried as is)."""
    return ServiceError(507, "storageFull", "the storage service has no disk space left")


def is_storage_full(error: BaseException | None) -> bool:
    """Whether `error`, or an error that caused it, says the data folder's disk (or quota) is full."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in _DISK_FULL_ERRNOS:
            return True
        if isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", 0) == sqlite3.SQLITE_FULL:
            return True
        error = error.__cause__
    return False
