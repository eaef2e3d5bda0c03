"""Dentries: listing, lookups, folders, rename, move, copy, delete, versions and search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.localserver import listing
from app.localserver.errors import ServiceError, dentry_not_exist, param_error
from app.localserver.listing import MAX_PAGE
from app.localserver.model import dentry_json, root_json
from app.localserver.permissions import Action, Level
from app.localserver.routes.common import AppKey, ServiceDep, UnionId, dentries_json
from app.localserver.schemas import (
    AddFolderBody,
    DeleteDentriesBody,
    GetDentriesBody,
    GetDentryBody,
    ListAllBody,
    MoveCopyBody,
    RenameBody,
    SearchBody,
)
from app.localserver.service import Service
from app.localserver.tree import check_strategy

router = APIRouter(tags=["dentries"])
SPACE = "/v1.0/storage/spaces/{spaceId}"
MAX_BATCH = 30


def _check_batch(ids: list[str]) -> None:
    # S002 answers plain paramError here (S000's GetDentryThumbnails says paramError.dentryIds).
    if not ids:
        raise param_error("dentryIds is empty")
    if len(ids) > MAX_BATCH:
        raise param_error(f"at most {MAX_BATCH} dentryIds are allowed")


def _page(dentries: list[dict[str, Any]], next_token: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {"dentries": dentries}
    if next_token:
        result["nextToken"] = next_token
    return result


@router.get(SPACE + "/dentries")
def list_dentries(
    spaceId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    parent_id: Annotated[str, Query(alias="parentId", max_length=64)] = "0",
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=1024)] = None,
    max_results: Annotated[int, Query(alias="maxResults", ge=1, le=MAX_PAGE)] = MAX_PAGE,
    order_by: Annotated[str, Query(alias="orderBy", max_length=32)] = "MODIFIED_TIME",
    order: Annotated[str, Query(max_length=8)] = "DESC",
    with_thumbnail: Annotated[bool, Query(alias="withThumbnail")] = False,
) -> dict[str, Any]:
    """ListDentries: one page of a folder (of a folder on the way to a share: what leads there)."""
    conn = service.db.connection()
    access = service.permissions.require(conn, spaceId, parent_id, union_id, Action.BROWSE)
    space = access.space
    folder = service.tree.folder_id(conn, space, parent_id)
    only = service.permissions.way_filter(space, union_id) if access.level == Level.BROWSE else None
    rows, token = listing.list_children(
        conn, space, folder, order_by.upper(), order.upper(), max_results, next_token, only
    )
    return _page(dentries_json(service, conn, rows, with_thumbnail=with_thumbnail), token)


@router.post(SPACE + "/dentries/listAll")
def list_all_dentries(
    spaceId: str, body: ListAllBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """ListAllDentries: every live dentry of the space that the operator may see, by modified time."""
    option = body.option
    conn = service.db.connection()
    space = service.permissions.space(conn, spaceId, union_id)
    rows, token = listing.list_all(
        conn,
        space,
        ((option.order if option else None) or "ASC").upper(),
        (option.maxResults if option else None) or MAX_PAGE,
        option.nextToken if option else None,
        service.permissions.visible_filter(conn, space, union_id),
    )
    thumbs = bool(option and option.withThumbnail)
    return _page(dentries_json(service, conn, rows, with_thumbnail=thumbs), token)


@router.post(SPACE + "/dentries/query")
def get_dentries(
    spaceId: str, body: GetDentriesBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """GetDentries: up to 30 dentries; each succeeds or fails on its own."""
    _check_batch(body.dentryIds)
    option = body.option
    conn = service.db.connection()
    space = service.permissions.space(conn, spaceId, union_id)
    items = []
    for dentry_id in body.dentryIds:
        item: dict[str, Any] = {"spaceId": str(space["id"]), "dentryId": dentry_id}
        try:
            access = service.permissions.require(
                conn, space, dentry_id, union_id, Action.BROWSE, deleted_ok=True
            )
            if access.dentry is None:  # the root has no row here (GetDentry answers it)
                raise dentry_not_exist(dentry_id)
            row = access.dentry
        except ServiceError as error:
            items.append({**item, "success": False, "errorCode": error.code})
            continue
        (dentry,) = dentries_json(
            service,
            conn,
            [row],
            with_thumbnail=bool(option and option.withThumbnail),
            app_ids=option.appIdsForAppProperties if option else None,
        )
        items.append({**item, "success": True, "dentry": dentry})
    return {"resultItems": items}


@router.post(SPACE + "/dentries/batchRemove")
def delete_dentries(
    spaceId: str, body: DeleteDentriesBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """DeleteDentries: up to 30 dentries; each succeeds or fails on its own."""
    _check_batch(body.dentryIds)
    to_bin = bool(body.option and body.option.toRecycleBin)
    items = []
    with service.db.write() as conn:
        space = service.permissions.space(conn, spaceId, union_id)
        for dentry_id in body.dentryIds:
            item: dict[str, Any] = {
                "spaceId": str(space["id"]),
                "dentryId": dentry_id,
                "async": False,
            }
            try:
                service.permissions.require(conn, space, dentry_id, union_id, Action.EDIT)
                row = service.tree.dentry(conn, space, dentry_id)
                service.tree.delete(conn, row, to_recycle_bin=to_bin, union_id=union_id)
            except ServiceError as error:
                items.append({**item, "success": False, "errorCode": error.code})
                continue
            items.append({**item, "success": True})
    return {"resultItems": items}


@router.post(SPACE + "/dentries/{dentryId}/query")
def get_dentry(
    spaceId: str,
    dentryId: str,
    body: GetDentryBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """GetDentry: one dentry, deleted ones included (with status DELETED)."""
    option = body.option
    conn = service.db.connection()
    access = service.permissions.require(conn, spaceId, dentryId, union_id, Action.BROWSE, deleted_ok=True)
    if access.dentry is None:
        # Not in the seeds: the root answers too, so SDK users can learn its uuid for v2 uploads.
        return {"dentry": root_json(access.space)}
    (dentry,) = dentries_json(
        service,
        conn,
        [access.dentry],
        with_thumbnail=bool(option and option.withThumbnail),
        app_ids=option.appIdsForAppProperties if option else None,
    )
    return {"dentry": dentry}


@router.post(SPACE + "/dentries/{parentId}/folders")
def add_folder(
    spaceId: str,
    parentId: str,
    body: AddFolderBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """AddFolder in a folder (``0`` is the root)."""
    strategy = check_strategy(body.option.conflictStrategy if body.option else None)
    with service.db.write() as conn:
        space = service.permissions.require(conn, spaceId, parentId, union_id, Action.EDIT).space
        row = service.tree.add_folder(conn, space, parentId, body.name, strategy, union_id)
        return {"dentry": dentries_json(service, conn, [row])[0]}


@router.post(SPACE + "/dentries/{dentryId}/rename")
def rename_dentry(
    spaceId: str,
    dentryId: str,
    body: RenameBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """RenameDentry."""
    with service.db.write() as conn:
        space = service.permissions.require(conn, spaceId, dentryId, union_id, Action.EDIT).space
        row = service.tree.rename(conn, space, dentryId, body.newName, union_id)
        return {"dentry": dentries_json(service, conn, [row])[0]}


def _move_or_copy(
    operation: str, service: Service, space_id: str, dentry_id: str, body: MoveCopyBody, union_id: str
) -> dict[str, Any]:
    option = body.option
    strategy = check_strategy(option.conflictStrategy if option else None)
    with service.db.write() as conn:
        space = service.permissions.space(conn, space_id, union_id)
        target = service.move_copy.target(conn, body.targetSpaceId, body.targetFolderId, union_id)
        if operation == "move":
            preserve = bool(option and option.presevePermissions)
            row = service.move_copy.move(
                conn, space, dentry_id, target, strategy, union_id, preserve_permissions=preserve
            )
        else:
            row = service.move_copy.copy(conn, space, dentry_id, target, strategy, union_id)
        return {"async": False, "dentry": dentries_json(service, conn, [row])[0]}


@router.post(SPACE + "/dentries/{dentryId}/move")
def move_dentry(
    spaceId: str, dentryId: str, body: MoveCopyBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """MoveDentry, synchronously (``async`` is always false here)."""
    return _move_or_copy("move", service, spaceId, dentryId, body, union_id)


@router.post(SPACE + "/dentries/{dentryId}/copy")
def copy_dentry(
    spaceId: str, dentryId: str, body: MoveCopyBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """CopyDentry, synchronously; folders with everything in them."""
    return _move_or_copy("copy", service, spaceId, dentryId, body, union_id)


@router.delete(SPACE + "/dentries/{dentryId}")
def delete_dentry(
    spaceId: str,
    dentryId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    to_recycle_bin: Annotated[bool, Query(alias="toRecycleBin")] = False,
) -> dict[str, Any]:
    """DeleteDentry: to the recycle bin or for good, with everything below it."""
    with service.db.write() as conn:
        space = service.permissions.require(conn, spaceId, dentryId, union_id, Action.EDIT).space
        row = service.tree.dentry(conn, space, dentryId)
        service.tree.delete(conn, row, to_recycle_bin=to_recycle_bin, union_id=union_id)
    return {"async": False}


@router.get(SPACE + "/dentries/{dentryId}/versions")
def list_dentry_versions(
    spaceId: str,
    dentryId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=1024)] = None,
    max_results: Annotated[int, Query(alias="maxResults", ge=1, le=MAX_PAGE)] = MAX_PAGE,
) -> dict[str, Any]:
    """ListDentryVersions: newest first."""
    conn = service.db.connection()
    space = service.permissions.require(conn, spaceId, dentryId, union_id, Action.VIEW).space
    row = service.tree.dentry(conn, space, dentryId)
    if row["type"] != "FILE":
        raise param_error("folders have no versions", "dentryId")
    versions, token = listing.versions(conn, row, max_results, next_token)
    path = service.tree.path_of(conn, row["id"])
    return _page([dentry_json(version, path) for version in versions], token)


@router.post("/v2.0/storage/dentries/search")
def search_dentries(
    body: SearchBody,
    service: ServiceDep,
    _key: AppKey,
    operator_id: Annotated[str, Query(alias="operatorId", min_length=1, max_length=128)],
) -> dict[str, Any]:
    """SearchDentries v2: names containing the keyword, in what the operator may see."""
    option = body.option
    conn = service.db.connection()
    allowed, visible = service.permissions.search_scope(conn, operator_id)
    if option and option.spaceIds:
        allowed = [space_id for space_id in allowed if space_id in option.spaceIds]
    rows, token = listing.search(
        conn,
        allowed,
        body.keyword,
        (option.maxResults if option else None) or 20,
        option.nextToken if option else None,
        visible,
    )
    items = []
    for row, path in zip(rows, service.tree.child_paths(conn, rows), strict=True):
        creator = {"name": row["creator_id"], "userId": row["creator_id"]}
        modifier = {"name": row["modifier_id"], "userId": row["modifier_id"]}
        items.append(
            {
                "dentryUuid": row["uuid"],
                "name": row["name"],
                "lastModifyTime": int(row["modified_time"] * 1000),
                "creator": creator,
                "modifier": modifier,
                "path": {"path": path, "longPath": path, "url": ""},
                # Not in the SDK's model (it drops them); they let a client open the result directly.
                "spaceId": str(row["space_id"]),
                "dentryId": str(row["id"]),
                "type": row["type"],
            }
        )
    result: dict[str, Any] = {"items": items}
    if token:
        result["nextToken"] = token
    return result


@router.get("/v1.0/storage/tasks/{taskId}")
def get_task(taskId: str, _key: AppKey, union_id: UnionId) -> dict[str, Any]:
    """GetTask: every operation here finishes synchronously, so no task id exists."""
    raise ServiceError(404, "taskNotExist", f"task {taskId} does not exist")
