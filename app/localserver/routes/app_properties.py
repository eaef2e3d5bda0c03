"""Update/DeleteDentryAppProperties (REFERENCE.md §13.6); GetDentry answers them."""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import APIRouter

from app.localserver import app_properties
from app.localserver.errors import param_error
from app.localserver.permissions import Access, Action
from app.localserver.routes.common import AppKey, ServiceDep, UnionId
from app.localserver.schemas import DeleteAppPropertiesBody, UpdateAppPropertiesBody

router = APIRouter(tags=["app properties"])
DENTRY = "/v1.0/storage/spaces/{spaceId}/dentries/{dentryId}"


def _dentry(access: Access) -> sqlite3.Row:
    if access.dentry is None:
        raise param_error("the root of a space has no app properties", "dentryId")
    return access.dentry


@router.put(DENTRY + "/appProperties")
def update_dentry_app_properties(
    spaceId: str,
    dentryId: str,
    body: UpdateAppPropertiesBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """UpdateDentryAppProperties: add or overwrite up to 3 properties by name; the others stay."""
    with service.db.write() as conn:
        access = service.permissions.require(conn, spaceId, dentryId, union_id, Action.EDIT)
        properties = [prop.model_dump() for prop in body.appProperties]
        owner = app_properties.owner_key(access.space)
        app_properties.upsert(conn, _dentry(access), owner, properties)
    return {"success": True}


@router.post(DENTRY + "/appProperties/remove")
def delete_dentry_app_properties(
    spaceId: str,
    dentryId: str,
    body: DeleteAppPropertiesBody,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
) -> dict[str, Any]:
    """DeleteDentryAppProperties: remove up to 3 properties by name; unknown names are ignored."""
    with service.db.write() as conn:
        access = service.permissions.require(conn, spaceId, dentryId, union_id, Action.EDIT)
        owner = app_properties.owner_key(access.space)
        app_properties.remove(conn, _dentry(access), owner, body.propertyNames)
    return {"success": True}
