"""File bytes through signed URLs: upload infos, multipart, CommitFile, download infos, thumbnails."""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter

from app.localserver import spaces
from app.localserver.errors import ServiceError, dentry_not_exist, param_error
from app.localserver.permissions import Action
from app.localserver.routes.common import AppKey, ServiceDep, UnionId, dentries_json
from app.localserver.schemas import (
    CommitV1Body,
    CommitV2Body,
    DownloadInfoBody,
    InitMultipartBody,
    MultipartInfosBody,
    ThumbnailsBody,
    UploadInfoBody,
    UploadInfoOption,
)
from app.localserver.service import Service
from app.localserver.tree import check_strategy
from app.localserver.uploads import CommitRequest

router = APIRouter(tags=["files"])
SPACE = "/v1.0/storage/spaces/{spaceId}"
MAX_THUMBNAIL_IDS = 30


def upload_url_path(upload_key: str, part_number: int | None = None) -> str:
    """The data-plane path that receives an upload's bytes (or one part of them)."""
    return f"/_local/uploads/{upload_key}" + (f"/parts/{part_number}" if part_number else "")


def blob_url_path(blob_id: str) -> str:
    """The data-plane path a file version is downloaded from."""
    return f"/_local/blobs/{blob_id}"


def _check_protocol(protocol: str) -> None:
    if protocol != "HEADER_SIGNATURE":
        raise ServiceError(400, "paramError.protocol", f"protocol {protocol!r} is not supported")


def _upload_space(
    service: Service,
    conn: sqlite3.Connection,
    space_id: str,
    union_id: str,
    option: UploadInfoOption | None,
) -> sqlite3.Row:
    """The space an upload key is asked for, after what the precheck can tell early.

    Uploading needs EDITOR on the folder named by ``preCheckParam.parentId``; without one, on
    some folder of the space (CommitFile checks the folder it names).
    """
    check = option.preCheckParam if option else None
    if check is None or not check.parentId:
        space = service.permissions.require_somewhere(conn, space_id, union_id, Action.EDIT)
    else:
        space = service.permissions.require(conn, space_id, check.parentId, union_id, Action.EDIT).space
        service.tree.folder_id(conn, space, check.parentId)  # a folder, not a file
    if check is not None:
        service.uploads.precheck(space, check.name, check.size)
    return space


def _upload_info(service: Service, upload_key: str) -> dict[str, Any]:
    return {
        "uploadKey": upload_key,
        "storageDriver": "DINGTALK",
        "protocol": "HEADER_SIGNATURE",
        "headerSignatureInfo": service.signer.header_signature_info("PUT", upload_url_path(upload_key)),
    }


@router.post(SPACE + "/files/uploadInfos/query")
def get_file_upload_info(
    spaceId: str, body: UploadInfoBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """GetFileUploadInfo v1: an upload key and a signed PUT URL."""
    _check_protocol(body.protocol)
    with service.db.write() as conn:
        space = _upload_space(service, conn, spaceId, union_id, body.option)
        upload_key = service.uploads.create(conn, space, union_id, bool(body.multipart))
    return _upload_info(service, upload_key)


@router.post("/v2.0/storage/spaces/files/{parentDentryUuid}/uploadInfos/query")
def get_file_upload_info_v2(
    parentDentryUuid: str,
    body: UploadInfoBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """GetFileUploadInfo v2: the parent is named by its uuid."""
    _check_protocol(body.protocol)
    with service.db.write() as conn:
        space, parent = service.tree.folder_by_uuid(conn, parentDentryUuid)
        service.permissions.require(conn, space, parent, union_id, Action.EDIT)
        check = body.option.preCheckParam if body.option else None
        if check is not None:
            service.uploads.precheck(space, check.name, check.size)
        upload_key = service.uploads.create(conn, space, union_id, multipart=False)
    return _upload_info(service, upload_key)


@router.post(SPACE + "/files/multiPartUploadInfos/init")
def init_multipart_file_upload(
    spaceId: str, body: InitMultipartBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """InitMultipartFileUpload: an upload key whose bytes arrive in numbered parts."""
    with service.db.write() as conn:
        space = _upload_space(service, conn, spaceId, union_id, body.option)
        upload_key = service.uploads.create(conn, space, union_id, multipart=True)
    return {"uploadKey": upload_key, "storageDriver": "DINGTALK"}


@router.post("/v1.0/storage/spaces/files/multiPartUploadInfos/query")
def get_multipart_file_upload_infos(
    body: MultipartInfosBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """GetMultipartFileUploadInfos: a fresh signed PUT URL per part, as often as asked."""
    conn = service.db.connection()
    upload = service.uploads.open_upload(conn, body.uploadKey)
    if upload["union_id"] != union_id:
        raise ServiceError(403, "permissionDenied", "the upload key belongs to another user")
    if not upload["multipart"]:
        raise param_error("the upload key is not a multipart upload", "uploadKey")
    infos = [
        {
            "partNumber": number,
            "headerSignatureInfo": service.signer.header_signature_info(
                "PUT", upload_url_path(body.uploadKey, number)
            ),
        }
        for number in body.partNumbers
    ]
    return {"multipartHeaderSignatureInfos": infos}


def _commit(service: Service, request: CommitRequest, conn: sqlite3.Connection) -> dict[str, Any]:
    row = service.uploads.commit(conn, request)
    # Nobody is looking at a file being committed yet: its thumbnail waits its turn.
    return {"dentry": dentries_json(service, conn, [row], with_thumbnail=True, thumbnail_asked=False)[0]}


def _commit_request(
    space: sqlite3.Row, parent: int, body: CommitV1Body | CommitV2Body, strategy: str, union_id: str
) -> CommitRequest:
    option = body.option
    properties = (
        [prop.model_dump() for prop in option.appProperties] if option and option.appProperties else []
    )
    size = option.size if option else None
    return CommitRequest(space, parent, body.uploadKey, body.name, size, strategy, properties, union_id)


@router.post(SPACE + "/files/commit")
def commit_file(
    spaceId: str, body: CommitV1Body, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """CommitFile v1: the parent is ``parentId`` in the body."""
    option = body.option
    strategy = check_strategy(option.conflictStrategy if option else None)
    with service.db.write() as conn:
        if body.overwriteDentryId:
            # The SDK's overwriteDentryId replaces that file whatever the new name is called.
            access = service.permissions.require(conn, spaceId, body.overwriteDentryId, union_id, Action.EDIT)
            if access.dentry is None:  # the root
                raise dentry_not_exist(body.overwriteDentryId)
            space, parent, strategy = access.space, int(access.dentry["parent_id"]), "OVERWRITE"
        else:
            space = service.permissions.require(conn, spaceId, body.parentId, union_id, Action.EDIT).space
            parent = service.tree.folder_id(conn, space, body.parentId)
        return _commit(service, _commit_request(space, parent, body, strategy, union_id), conn)


@router.post("/v2.0/storage/spaces/files/{parentDentryUuid}/commit")
def commit_file_v2(
    parentDentryUuid: str, body: CommitV2Body, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """CommitFile v2: the parent is named by its uuid in the path."""
    option = body.option
    strategy = check_strategy(option.conflictStrategy if option else None)
    with service.db.write() as conn:
        space, parent = service.tree.folder_by_uuid(conn, parentDentryUuid)
        service.permissions.require(conn, space, parent, union_id, Action.EDIT)
        return _commit(service, _commit_request(space, parent, body, strategy, union_id), conn)


@router.post(SPACE + "/dentries/{dentryId}/downloadInfos/query")
def get_file_download_info(
    spaceId: str,
    dentryId: str,
    body: DownloadInfoBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """GetFileDownloadInfo: a signed GET URL for the current (or a given) version."""
    conn = service.db.connection()
    space = service.permissions.require(conn, spaceId, dentryId, union_id, Action.DOWNLOAD).space
    row = service.tree.dentry(conn, space, dentryId)
    if row["type"] != "FILE":
        raise ServiceError(400, "operationNotSupported", "folders cannot be downloaded")
    blob = row["blob"]
    if body.option and body.option.version is not None:
        version = conn.execute(
            "SELECT blob FROM versions WHERE dentry_id=? AND version=?",
            (row["id"], body.option.version),
        ).fetchone()
        if version is None:
            raise param_error(f"version {body.option.version} does not exist", "version")
        blob = version["blob"]
    return {
        "protocol": "HEADER_SIGNATURE",
        "headerSignatureInfo": service.signer.header_signature_info("GET", blob_url_path(blob)),
    }


@router.post(SPACE + "/thumbnails/query")
def get_dentry_thumbnails(
    spaceId: str, body: ThumbnailsBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """GetDentryThumbnails: per item, a thumbnail or the reason there is none (yet)."""
    if not body.dentryIds:
        raise param_error("dentryIds is empty", "dentryIds")
    if len(body.dentryIds) > MAX_THUMBNAIL_IDS:
        raise param_error(f"at most {MAX_THUMBNAIL_IDS} dentryIds are allowed", "dentryIds")
    conn = service.db.connection()
    # S000 documents this call's errors as 400s: permissionDenied, and paramError.spaceId for a
    # space id that names no space (malformed or unknown), where other calls say spaceNotExist.
    if not spaces.exists(conn, spaceId):
        raise param_error(f"space {spaceId} does not exist", "spaceId")
    space = service.permissions.require(conn, spaceId, "0", union_id, Action.BROWSE, denied_status=400).space
    items = []
    for dentry_id in body.dentryIds:
        item: dict[str, Any] = {"spaceId": str(space["id"]), "dentryId": dentry_id}
        try:
            row = service.tree.dentry(conn, space, dentry_id)
            service.permissions.require(conn, space, dentry_id, union_id, Action.VIEW)
        except ServiceError as error:
            items.append({**item, "success": False, "errorCode": error.code})
            continue
        thumbnail, error_code = service.thumbnails.result(conn, row)
        if thumbnail is None:
            items.append({**item, "success": False, "errorCode": error_code})
        else:
            items.append({**item, "success": True, "thumbnail": thumbnail})
    return {"resultItems": items}
