"""Typed results of the Open API, parsed tolerantly from its JSON.

Unknown fields are ignored, missing optional fields are None, and ``appProperties`` is accepted
both as a map keyed by owner (the SDK's shape) and as an array (S004's example).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from app.api.errors import ApiError

Json = dict[str, Any]


def _str(data: Json, key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


def _shared_str(data: Json, key: str) -> str | None:
    """For values repeated across rows (space, parent, type, status, user ids): one copy for all.

    A folder of 100,000 rows would otherwise hold 100,000 copies of each (~50 B apiece).
    """
    value = data.get(key)
    return None if value is None else sys.intern(str(value))


def _int(data: Json, key: str) -> int | None:
    value = data.get(key)
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _obj(data: Json, key: str) -> Json:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _list(data: Json, key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def parse_time(value: object) -> datetime | None:
    """ISO 8601 (``2022-07-29T14:55Z``, with or without seconds/fraction/offset) or epoch millis."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(slots=True, frozen=True)
class Thumbnail:
    """A temporary thumbnail image URL and its size in pixels."""

    width: int
    height: int
    url: str

    @classmethod
    def parse(cls, data: object) -> Thumbnail | None:
        """None unless `data` holds a URL."""
        if not isinstance(data, dict) or not data.get("url"):
            return None
        return cls(_int(data, "width") or 0, _int(data, "height") or 0, str(data["url"]))


@dataclass(slots=True, frozen=True)
class AppProperty:
    """A custom property set on a dentry by an app."""

    name: str
    value: str
    visibility: str = "PUBLIC"

    def to_json(self) -> Json:
        """The request shape."""
        return {"name": self.name, "value": self.value, "visibility": self.visibility}


AppProperties = Mapping[str, list[AppProperty]]
NO_APP_PROPERTIES: AppProperties = MappingProxyType({})
"""Shared by every dentry without app properties (most of them), so each row does not carry an empty dict."""


def _app_properties(value: object) -> AppProperties:
    def parse_list(items: object) -> list[AppProperty]:
        if not isinstance(items, list):
            return []
        return [
            AppProperty(str(p.get("name", "")), str(p.get("value", "")), str(p.get("visibility") or "PUBLIC"))
            for p in items
            if isinstance(p, dict)
        ]

    if isinstance(value, dict) and value:
        return {str(owner): parse_list(items) for owner, items in value.items()}
    if isinstance(value, list) and value:
        return {"": parse_list(value)}
    return NO_APP_PROPERTIES


@dataclass(slots=True)
class Dentry:
    """A file or folder."""

    id: str
    space_id: str
    parent_id: str
    type: str
    name: str
    size: int | None = None
    path: str | None = None
    version: int | None = None
    status: str | None = None
    extension: str | None = None
    uuid: str | None = None
    creator_id: str | None = None
    modifier_id: str | None = None
    create_time: datetime | None = None
    modified_time: datetime | None = None
    category: str | None = None
    read_only: bool = False
    partition_type: str | None = None
    storage_driver: str | None = None
    thumbnail: Thumbnail | None = None
    app_properties: AppProperties = field(default_factory=lambda: NO_APP_PROPERTIES)

    @property
    def is_folder(self) -> bool:
        """Folders have children and no bytes."""
        return self.type == "FOLDER"

    @property
    def is_deleted(self) -> bool:
        """In the recycle bin (or gone)."""
        return self.status not in (None, "NORMAL")

    @classmethod
    def parse(cls, data: object) -> Dentry:
        """A dentry from its JSON object (fields the service leaves out stay None)."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            id=_str(data, "id") or "",
            space_id=_shared_str(data, "spaceId") or "",
            parent_id=_shared_str(data, "parentId") or "0",
            type=_shared_str(data, "type") or "FILE",
            name=_str(data, "name") or "",
            size=_int(data, "size"),
            path=_str(data, "path"),
            version=_int(data, "version"),
            status=_shared_str(data, "status"),
            extension=_shared_str(data, "extension"),
            uuid=_str(data, "uuid"),
            creator_id=_shared_str(data, "creatorId"),
            modifier_id=_shared_str(data, "modifierId"),
            create_time=parse_time(data.get("createTime")),
            modified_time=parse_time(data.get("modifiedTime")),
            category=_shared_str(data, "category"),
            read_only=bool(_obj(data, "properties").get("readOnly", False)),
            partition_type=_shared_str(data, "partitionType"),
            storage_driver=_shared_str(data, "storageDriver"),
            thumbnail=Thumbnail.parse(data.get("thumbnail")),
            app_properties=_app_properties(data.get("appProperties")),
        )


@dataclass(slots=True)
class Space:
    """A storage space (from GetSpace/AddSpace or the drive API's ListSpaces)."""

    id: str
    name: str
    space_type: str | None = None
    owner_type: str | None = None
    owner_id: str | None = None
    quota: int | None = None
    used_quota: int | None = None
    create_time: datetime | None = None
    modified_time: datetime | None = None
    creator_id: str | None = None
    """Who made the space (GetSpace; the local service's ListSpaces too): not the operator, when a
    part of someone else's space is shared with them."""

    @classmethod
    def parse(cls, data: object) -> Space:
        """Both shapes: storage ``space`` objects and drive ``spaces[]`` entries."""
        if not isinstance(data, dict):
            data = {}
        owner_type = _str(data, "ownerType")
        space_type = _str(data, "spaceType")
        if space_type is None and owner_type is not None:
            space_type = "personal" if owner_type == "USER" else "org"
        return cls(
            id=_str(data, "id") or _str(data, "spaceId") or "",
            name=_str(data, "name") or _str(data, "spaceName") or "",
            space_type=space_type,
            owner_type=owner_type,
            owner_id=_str(data, "ownerId"),
            quota=_int(data, "quota"),
            used_quota=_int(data, "usedQuota"),
            create_time=parse_time(data.get("createTime")),
            modified_time=parse_time(data.get("modifiedTime") or data.get("modifyTime")),
            creator_id=_str(data, "creatorId"),
        )


@dataclass(slots=True)
class SignedRequest:
    """``headerSignatureInfo``: where to send the bytes and the headers to send with them."""

    urls: list[str]
    headers: dict[str, str]
    expiration_seconds: int | None = None
    region: str | None = None
    received_at: float = field(default_factory=time.monotonic)

    @property
    def url(self) -> str:
        """The preferred URL (earlier entries have higher priority)."""
        return self.urls[0]

    def expires_within(self, seconds: float) -> bool:
        """Whether the URL will have expired `seconds` from now (unknown lifetime: never)."""
        if self.expiration_seconds is None:
            return False
        return time.monotonic() + seconds >= self.received_at + self.expiration_seconds

    @classmethod
    def parse(cls, data: object, *, upload: bool = False) -> SignedRequest:
        """From a ``headerSignatureInfo`` object (of an upload when `upload`).

        Raises:
            ApiError: ``noDownloadAddress``/``noUploadAddress`` when it has no resource URL, so
                that no caller is left with an empty list to pick a URL from.
        """
        if not isinstance(data, dict):
            data = {}
        urls = [str(url) for url in _list(data, "resourceUrls") if url]
        if not urls:
            raise ApiError("noUploadAddress" if upload else "noDownloadAddress", None)
        headers = {str(k): str(v) for k, v in _obj(data, "headers").items()}
        return cls(
            urls=urls,
            headers=headers,
            expiration_seconds=_int(data, "expirationSeconds"),
            region=_str(data, "region"),
        )


@dataclass(slots=True)
class UploadInfo:
    """An upload key and the signed PUT that carries the bytes."""

    upload_key: str
    signed: SignedRequest


@dataclass(slots=True)
class DentryPage:
    """One page of a listing; `next_token` is None on the last page."""

    dentries: list[Dentry]
    next_token: str | None


@dataclass(slots=True, frozen=True)
class ItemResult:
    """The outcome for one id of a batch call (GetDentries, GetDentryThumbnails, DeleteDentries)."""

    dentry_id: str
    success: bool
    error_code: str | None = None
    dentry: Dentry | None = None
    thumbnail: Thumbnail | None = None

    @classmethod
    def parse(cls, data: object) -> ItemResult:
        """From one ``resultItems`` entry."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            dentry_id=_str(data, "dentryId") or "",
            success=bool(data.get("success")),
            error_code=_str(data, "errorCode"),
            dentry=Dentry.parse(data["dentry"]) if isinstance(data.get("dentry"), dict) else None,
            thumbnail=Thumbnail.parse(data.get("thumbnail")),
        )


@dataclass(slots=True)
class ChangeResult:
    """Move or copy: the dentry when done at once, or a task id to poll."""

    dentry: Dentry | None
    task_id: str | None = None

    @classmethod
    def parse(cls, data: Json) -> ChangeResult:
        """From a MoveDentry/CopyDentry answer."""
        dentry = Dentry.parse(data["dentry"]) if isinstance(data.get("dentry"), dict) else None
        return cls(dentry, _str(data, "taskId") if data.get("async") else None)


@dataclass(slots=True)
class SearchHit:
    """One SearchDentries v2 result; the service names files by uuid and path."""

    uuid: str
    name: str
    path: str | None
    modified_time: datetime | None
    space_id: str | None = None
    dentry_id: str | None = None

    @classmethod
    def parse(cls, data: object) -> SearchHit:
        """From one ``items`` entry."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            uuid=_str(data, "dentryUuid") or "",
            name=_str(data, "name") or "",
            path=_str(_obj(data, "path"), "path"),
            modified_time=parse_time(data.get("lastModifyTime")),
            space_id=_shared_str(data, "spaceId"),
            dentry_id=_str(data, "dentryId"),
        )


@dataclass(slots=True, frozen=True)
class RecycleBin:
    """A recycle bin (GetRecycleBin): each space has one, named by its own id in every later call."""

    id: str
    scope: str | None = None
    scope_id: str | None = None

    @classmethod
    def parse(cls, data: object) -> RecycleBin:
        """From a ``recycleBin`` object."""
        if not isinstance(data, dict):
            data = {}
        return cls(_str(data, "id") or "", _str(data, "scope"), _str(data, "scopeId"))


@dataclass(slots=True, frozen=True)
class RecycleItem:
    """Something deleted to a recycle bin: a file, or a folder with everything that was in it.

    `id` is the item's own id (restore and purge take it), not the deleted dentry's.
    """

    id: str
    space_id: str
    dentry_id: str
    type: str
    original_name: str
    original_path: str | None = None
    size: int | None = None
    operator_id: str | None = None
    """Who deleted it (a unionId)."""
    operator_time: datetime | None = None
    """When it was deleted."""

    @property
    def is_folder(self) -> bool:
        """A folder (the type is compared without regard to case: some services send ``folder``)."""
        return self.type == "FOLDER"

    @classmethod
    def parse(cls, data: object) -> RecycleItem:
        """From one ``recycleItems`` entry or GetRecycleItem's ``item``."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            id=_str(data, "id") or "",
            space_id=_shared_str(data, "spaceId") or "",
            dentry_id=_str(data, "dentryId") or "",
            type=(_str(data, "type") or "FILE").upper(),
            original_name=_str(data, "originalName") or "",
            original_path=_str(data, "originalPath"),
            size=_int(data, "size"),
            operator_id=_shared_str(data, "operatorId"),
            operator_time=parse_time(data.get("operatorTime")),
        )


@dataclass(slots=True, frozen=True)
class RestoreResult:
    """The outcome of restoring one recycle item: where it is now, or why it was not restored.

    With the conflict strategy ``RETURN_DENTRY_IF_EXISTS`` a name taken meanwhile leaves the item
    in the bin, and `dentry_id` is then the dentry that holds the name.
    """

    recycle_item_id: str
    success: bool
    error_code: str | None = None
    space_id: str | None = None
    dentry_id: str | None = None
    task_id: str | None = None
    """Set when the service restores the item in the background: poll GetTask with it."""

    @property
    def pending(self) -> bool:
        """Restoring in the background (the service answered ``async`` with a task)."""
        return self.task_id is not None

    @property
    def error(self) -> ApiError | None:
        """Why the item was not restored (with a sentence for a person), or None."""
        if self.success:
            return None
        return ApiError(self.error_code or "unknownError", None)

    @classmethod
    def parse(cls, data: object, recycle_item_id: str | None = None) -> RestoreResult:
        """From a RestoreRecycleItem answer (for `recycle_item_id`) or one ``resultItems`` entry.

        A single restore that answered at all succeeded (refusals are errors); a batch says per
        item, except for items restored in the background, which carry a task instead.
        """
        if not isinstance(data, dict):
            data = {}
        task_id = _str(data, "taskId") if data.get("async") else None
        error_code = _str(data, "errorCode")
        if recycle_item_id is not None:
            success = True
        else:
            success = data.get("success") is True or (task_id is not None and not error_code)
        return cls(
            recycle_item_id=recycle_item_id or _str(data, "recycleItemId") or "",
            success=success,
            error_code=None if success else error_code,
            space_id=_str(data, "spaceId"),
            dentry_id=_str(data, "dentryId"),
            task_id=task_id,
        )


@dataclass(slots=True, frozen=True)
class BatchItemResult:
    """The outcome for one id of MoveDentries or CopyDentries.

    `target_dentry_id` is what the item became in the target folder: the same id after a move in
    one space, a new one for a copy, the existing dentry when the conflict strategy kept it. An
    item the service did in the background (`task_id`) has its task's outcome once the client
    has waited for it.
    """

    dentry_id: str
    space_id: str
    success: bool
    error_code: str | None = None
    target_space_id: str | None = None
    target_dentry_id: str | None = None
    task_id: str | None = None

    @classmethod
    def parse(cls, data: object) -> BatchItemResult:
        """From one ``resultItems`` entry; an asynchronous one is not a success (yet)."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            dentry_id=_str(data, "dentryId") or "",
            space_id=_str(data, "spaceId") or "",
            success=bool(data.get("success")) and not data.get("async"),
            error_code=_str(data, "errorCode"),
            target_space_id=_str(data, "targetSpaceId"),
            target_dentry_id=_str(data, "targetDentryId"),
            task_id=_str(data, "taskId") if data.get("async") else None,
        )


TASK_DONE = frozenset({"SUCCESS", "FAIL"})


@dataclass(slots=True, frozen=True)
class Task:
    """GetTask: a background operation of the service, ``INIT`` → ``IN_PROGRESS`` → ``SUCCESS``/``FAIL``."""

    id: str
    status: str
    total_count: int | None = None
    success_count: int | None = None
    fail_count: int | None = None
    fail_message: str | None = None
    begin_time: datetime | None = None
    end_time: datetime | None = None

    @property
    def done(self) -> bool:
        """Whether the task has ended, one way or the other."""
        return self.status in TASK_DONE

    @classmethod
    def parse(cls, data: object) -> Task:
        """From GetTask's ``task`` object."""
        if not isinstance(data, dict):
            data = {}
        return cls(
            id=_str(data, "id") or "",
            status=(_str(data, "status") or "INIT").upper(),
            total_count=_int(data, "totalCount"),
            success_count=_int(data, "successCount"),
            fail_count=_int(data, "failCount"),
            fail_message=_str(data, "failMessage"),
            begin_time=parse_time(data.get("beginTime")),
            end_time=parse_time(data.get("endTime")),
        )


ROLES = ("READER", "DOWNLOADER", "EDITOR", "MANAGER", "OWNER")
"""The roles a member can hold on a dentry, lowest first: each may do what those before it may.

READER lists and previews; DOWNLOADER also downloads (and copies out); EDITOR also uploads, adds
folders, renames, moves, copies into and deletes; MANAGER also shares (up to MANAGER); OWNER all.
"""


def role_rank(role: str | None) -> int:
    """How far up `ROLES` a role is: 0 for none (or one unknown), 1 for READER … 5 for OWNER."""
    return ROLES.index(role) + 1 if role in ROLES else 0


@dataclass(slots=True, frozen=True)
class Permission:
    """A role granted on a dentry (ListPermissions): who, what, by whom and until when."""

    space_id: str
    dentry_id: str
    role: str
    member_id: str
    member_type: str = "USER"
    role_name: str | None = None
    corp_id: str | None = None
    duration: int | None = None
    """The seconds the grant was given for; None: it does not lapse."""
    expires_at: datetime | None = None
    operator_id: str | None = None
    create_time: datetime | None = None
    modified_time: datetime | None = None

    @classmethod
    def parse(cls, data: object) -> Permission:
        """From one ``permissions`` entry; the expiry is the service's, or worked out from the duration."""
        if not isinstance(data, dict):
            data = {}
        role, member = _obj(data, "role"), _obj(data, "member")
        duration = _int(data, "duration")
        modified = parse_time(data.get("modifiedTime"))
        expires = parse_time(data.get("expireTime"))
        if expires is None and duration is not None and modified is not None:
            expires = modified + timedelta(seconds=duration)
        return cls(
            space_id=_str(data, "spaceId") or "",
            dentry_id=_str(data, "dentryId") or "",
            role=_str(role, "id") or "",
            member_id=_str(member, "id") or "",
            member_type=_str(member, "type") or "USER",
            role_name=_str(role, "name"),
            corp_id=_str(member, "corpId"),
            duration=duration,
            expires_at=expires,
            operator_id=_str(data, "operatorId"),
            create_time=parse_time(data.get("createTime")),
            modified_time=modified,
        )
