"""File versions: RevertDentryVersion (REFERENCE.md §13.3); ListDentryVersions is with the dentries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.localserver import versions
from app.localserver.permissions import Action
from app.localserver.routes.common import AppKey, ServiceDep, UnionId

router = APIRouter(tags=["versions"])


@router.post("/v1.0/storage/spaces/{spaceId}/dentries/{dentryId}/versions/{version}/revert")
def revert_dentry_version(
    spaceId: str, dentryId: str, version: str, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """RevertDentryVersion (sent without any body): a new version with that version's bytes."""
    with service.db.write() as conn:
        space = service.permissions.require(conn, spaceId, dentryId, union_id, Action.EDIT).space
        versions.revert(service.tree, conn, space, dentryId, version, union_id)
    return {"success": True}
