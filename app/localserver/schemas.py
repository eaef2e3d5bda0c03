"""Request bodies of the Open API, as the official SDK sends them (REFERENCE.md §4–§5).

Unknown fields are ignored, as the SDK sends some we do not use (``preferRegion``…). The
SDK checks no types; types and ranges are checked so that no input reaches the database unchecked.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SafeInt = Annotated[int, Field(ge=0, le=2**53)]
Id = Annotated[str, Field(max_length=128)]


class Body(BaseModel):
    """Base of every request body."""

    model_config = ConfigDict(extra="ignore")


class AccessTokenBody(Body):
    appKey: str = Field(max_length=256)
    appSecret: str = Field(default="", max_length=256)


class Capabilities(Body):
    canSearch: bool | None = None
    canRename: bool | None = None
    canRecordRecentFile: bool | None = None


class AddSpaceOption(Body):
    name: str | None = Field(default=None, max_length=256)
    scene: str | None = Field(default=None, max_length=128)
    sceneId: str | None = Field(default=None, max_length=128)
    ownerType: str | None = Field(default=None, max_length=32)
    quota: SafeInt | None = None
    capabilities: Capabilities | None = None


class AddSpaceBody(Body):
    option: AddSpaceOption | None = None


class ListAllOption(Body):
    nextToken: str | None = Field(default=None, max_length=1024)
    maxResults: Annotated[int, Field(ge=1, le=50)] | None = None
    order: str | None = None
    withThumbnail: bool | None = None


class ListAllBody(Body):
    option: ListAllOption | None = None


class DentryQueryOption(Body):
    appIdsForAppProperties: list[Id] | None = Field(default=None, max_length=20)
    withThumbnail: bool | None = None


class GetDentryBody(Body):
    option: DentryQueryOption | None = None


class GetDentriesBody(Body):
    dentryIds: list[Id] = Field(max_length=1000)
    option: DentryQueryOption | None = None


class AppProperty(Body):
    name: str = Field(max_length=256)
    value: str = Field(max_length=4096)
    visibility: Literal["PUBLIC", "PRIVATE"] = "PUBLIC"


class UpdateAppPropertiesBody(Body):
    appProperties: list[AppProperty] = Field(max_length=100)


class DeleteAppPropertiesBody(Body):
    propertyNames: list[Annotated[str, Field(max_length=256)]] = Field(max_length=100)


class PermissionMember(Body):
    type: str = Field(max_length=32)
    id: str = Field(max_length=128)
    corpId: str | None = Field(default=None, max_length=128)


class PermissionOption(Body):
    duration: SafeInt | None = None


class PermissionBody(Body):
    """AddPermission and UpdatePermission."""

    roleId: str = Field(max_length=32)
    members: list[PermissionMember] = Field(max_length=1000)
    option: PermissionOption | None = None


class DeletePermissionBody(Body):
    roleId: str = Field(max_length=32)
    members: list[PermissionMember] = Field(max_length=1000)


class ListPermissionsOption(Body):
    filterRoleIds: list[Annotated[str, Field(max_length=32)]] | None = Field(default=None, max_length=100)
    maxResults: Annotated[int, Field(ge=1, le=500)] | None = None
    nextToken: str | None = Field(default=None, max_length=1024)


class ListPermissionsBody(Body):
    option: ListPermissionsOption | None = None


class ConflictOption(Body):
    conflictStrategy: str | None = Field(default=None, max_length=64)


class AddFolderOption(ConflictOption):
    appProperties: list[AppProperty] | None = Field(default=None, max_length=100)


class AddFolderBody(Body):
    name: str = Field(max_length=1024)
    option: AddFolderOption | None = None


class RenameBody(Body):
    newName: str = Field(max_length=1024)


class MoveOption(ConflictOption):
    # Misspelt exactly as the SDK sends it (REFERENCE.md §9.5).
    presevePermissions: bool | None = None


class MoveCopyBody(Body):
    targetSpaceId: Id
    targetFolderId: Id
    option: MoveOption | None = None


class BatchMoveCopyOption(ConflictOption):
    # Spelt right here, unlike MoveDentry's; CopyDentries has no such field (REFERENCE.md §13.4).
    preservePermissions: bool | None = None


class BatchMoveCopyBody(Body):
    dentryIds: list[Id] = Field(max_length=1000)
    targetSpaceId: Id
    targetFolderId: Id
    option: BatchMoveCopyOption | None = None


class DeleteOption(Body):
    toRecycleBin: bool | None = None


class DeleteDentriesBody(Body):
    dentryIds: list[Id] = Field(max_length=1000)
    option: DeleteOption | None = None


class DownloadOption(Body):
    version: Annotated[int, Field(ge=1, le=2**53)] | None = None
    preferIntranet: bool | None = None


class DownloadInfoBody(Body):
    option: DownloadOption | None = None


class PreCheckParam(Body):
    md5: str | None = Field(default=None, max_length=64)
    name: str | None = Field(default=None, max_length=1024)
    parentId: Id | None = None
    size: SafeInt | None = None


class UploadInfoOption(Body):
    storageDriver: str | None = Field(default=None, max_length=32)
    preferRegion: str | None = Field(default=None, max_length=32)
    preferIntranet: bool | None = None
    preCheckParam: PreCheckParam | None = None


class UploadInfoBody(Body):
    protocol: str = Field(max_length=32)
    multipart: bool | None = None
    option: UploadInfoOption | None = None


class InitMultipartBody(Body):
    option: UploadInfoOption | None = None


class MultipartInfosBody(Body):
    uploadKey: str = Field(max_length=256)
    partNumbers: list[Annotated[int, Field(ge=1, le=10000)]] = Field(min_length=1, max_length=1000)
    option: UploadInfoOption | None = None


class CommitOption(ConflictOption):
    size: SafeInt | None = None
    appProperties: list[AppProperty] | None = Field(default=None, max_length=100)
    convertToOnlineDoc: bool | None = None


class CommitV1Body(Body):
    uploadKey: str = Field(max_length=256)
    name: str = Field(max_length=1024)
    parentId: Id = "0"
    overwriteDentryId: Id | None = None
    option: CommitOption | None = None


class CommitV2Body(Body):
    uploadKey: str = Field(max_length=256)
    name: str = Field(max_length=1024)
    option: CommitOption | None = None


class ThumbnailsBody(Body):
    dentryIds: list[Id] = Field(max_length=1000)


class TimeRange(Body):
    startTime: SafeInt | None = None
    endTime: SafeInt | None = None


class SearchOption(Body):
    spaceIds: list[SafeInt] | None = Field(default=None, max_length=100)
    creatorIds: list[Id] | None = None
    modifierIds: list[Id] | None = None
    dentryCategories: list[str] | None = None
    createTimeRange: TimeRange | None = None
    visitTimeRange: TimeRange | None = None
    maxResults: Annotated[int, Field(ge=1, le=50)] | None = None
    nextToken: str | None = Field(default=None, max_length=1024)


class SearchBody(Body):
    keyword: str = Field(min_length=1, max_length=256)
    option: SearchOption | None = None


class KooDriveThumbnailBody(Body):
    fileId: str = Field(max_length=128)
    userId: str = Field(max_length=128)
    containerId: str = Field(max_length=128)


class RestoreItemBody(Body):
    option: ConflictOption | None = None


class RestoreItemsBody(Body):
    recycleItemIds: list[Id] = Field(max_length=1000)
    option: ConflictOption | None = None


class RemoveItemsBody(Body):
    recycleItemIds: list[Id] = Field(max_length=1000)
