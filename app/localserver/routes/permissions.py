"""Permissions: Add/Update/Delete/ListPermissions and BatchQueryRoles (REFERENCE.md §13.5)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.localserver.errors import param_error
from app.localserver.model import permission_json
from app.localserver.permissions import ROLE_NAMES, Action, parse_members
from app.localserver.routes.common import AppKey, ServiceDep, UnionId
from app.localserver.schemas import DeletePermissionBody, ListPermissionsBody, PermissionBody
from app.localserver.service import Service

router = APIRouter(tags=["permissions"])
DENTRY = "/v1.0/storage/spaces/{spaceId}/dentries/{dentryId}"
DEFAULT_PAGE = 50
MAX_ROLE_QUERY = 30


def _grant(
    service: Service, space_id: str, dentry_id: str, body: PermissionBody, union_id: str, *, update: bool
) -> dict[str, Any]:
    members = parse_members((m.type, m.id, m.corpId) for m in body.members)
    duration = body.option.duration if body.option else None
    with service.db.write() as conn:
        access = service.permissions.require(conn, space_id, dentry_id, union_id, Action.MANAGE)
        service.permissions.grant(conn, access, body.roleId, members, union_id, duration, keep_expiry=update)
    return {"success": True}


@router.post(DENTRY + "/permissions")
def add_permission(
    spaceId: str, dentryId: str, body: PermissionBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """AddPermission: the members get the role on the dentry (replacing a role they had there).

    Without ``option.duration`` the grant does not lapse.
    """
    return _grant(service, spaceId, dentryId, body, union_id, update=False)


@router.put(DENTRY + "/permissions")
def update_permission(
    spaceId: str, dentryId: str, body: PermissionBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """UpdatePermission: set the members' role on the dentry; without a duration, expiries stay."""
    return _grant(service, spaceId, dentryId, body, union_id, update=True)


@router.post(DENTRY + "/permissions/remove")
def delete_permission(
    spaceId: str,
    dentryId: str,
    body: DeletePermissionBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """DeletePermission: the members lose that role on the dentry (no change for other roles)."""
    members = parse_members((m.type, m.id, m.corpId) for m in body.members)
    with service.db.write() as conn:
        access = service.permissions.require(conn, spaceId, dentryId, union_id, Action.MANAGE)
        service.permissions.revoke(conn, access, body.roleId, members)
    return {"success": True}


@router.post(DENTRY + "/permissions/query")
def list_permissions(
    spaceId: str,
    dentryId: str,
    body: ListPermissionsBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """ListPermissions: the live grants made on the dentry itself, paged in the body (§13.5)."""
    option = body.option
    role_ids = option.filterRoleIds if option else None
    if role_ids and len(role_ids) > MAX_ROLE_QUERY:
        raise param_error(f"at most {MAX_ROLE_QUERY} filterRoleIds are allowed", "filterRoleIds")
    conn = service.db.connection()
    access = service.permissions.require(conn, spaceId, dentryId, union_id, Action.VIEW)
    rows, token = service.permissions.list_grants(
        conn,
        access,
        role_ids,
        (option.maxResults if option else None) or DEFAULT_PAGE,
        option.nextToken if option else None,
    )
    result: dict[str, Any] = {"permissions": [permission_json(row, ROLE_NAMES[row["role"]]) for row in rows]}
    if token:
        result["nextToken"] = token
    return result


@router.post("/v1.0/storage/spaces/{spaceId}/dentries/permissions/roles/batchQuery")
def batch_query_roles(
    spaceId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    dentry_id_list: Annotated[str, Query(alias="dentryIdList", max_length=8192)],
) -> dict[str, Any]:
    """BatchQueryRoles: the operator's own role on each dentry (none: an empty list).

    The SDK sends no body at all and the ids as one JSON array in the query (§13.7, §9.16).
    """
    try:
        dentry_ids = json.loads(dentry_id_list)
    except ValueError as error:
        raise param_error("dentryIdList is not a JSON array of ids", "dentryIdList") from error
    if not isinstance(dentry_ids, list) or not all(isinstance(i, str | int) for i in dentry_ids):
        raise param_error("dentryIdList is not a JSON array of ids", "dentryIdList")
    if not dentry_ids:
        raise param_error("dentryIdList is empty", "dentryIdList")
    if len(dentry_ids) > MAX_ROLE_QUERY:
        raise param_error(f"at most {MAX_ROLE_QUERY} dentry ids are allowed", "dentryIdList")
    conn = service.db.connection()
    space = service.permissions.space(conn, spaceId, union_id)
    return {"roleMap": service.permissions.roles(conn, space, [str(i) for i in dentry_ids], union_id)}
