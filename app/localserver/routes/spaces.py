"""Spaces: AddSpace and GetSpace (storage API) and ListSpaces (drive API)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.localserver import spaces
from app.localserver.errors import param_error
from app.localserver.model import drive_space_json, space_json
from app.localserver.names import hostile_characters
from app.localserver.routes.common import AppKey, ServiceDep, UnionId
from app.localserver.schemas import AddSpaceBody

router = APIRouter(tags=["spaces"])


@router.post("/v1.0/storage/spaces")
def add_space(body: AddSpaceBody, service: ServiceDep, app_key: AppKey, union_id: UnionId) -> dict[str, Any]:
    """Create a space owned by the operator (ownerType USER) or by the app."""
    option = body.option
    capabilities = option.capabilities.model_dump(exclude_none=True) if option and option.capabilities else {}
    bad = hostile_characters(option.name) if option and option.name else []
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        raise param_error(f"the space name contains illegal characters: {shown}", "name")
    with service.db.write() as conn:
        row = spaces.create_space(
            conn,
            union_id,
            app_key,
            name=(option.name if option and option.name else "Untitled space"),
            owner_type=(option.ownerType if option and option.ownerType else "APP").upper(),
            quota=(option.quota if option and option.quota is not None else 1 << 40),
            scene=option.scene if option else None,
            scene_id=option.sceneId if option else None,
            capabilities=capabilities,
        )
    return {"space": space_json(row)}


@router.get("/v1.0/storage/spaces/{spaceId}")
def get_space(spaceId: str, service: ServiceDep, _key: AppKey, union_id: UnionId) -> dict[str, Any]:
    """One space's details, for anyone who may use at least part of it."""
    return {"space": space_json(service.permissions.space(service.db.connection(), spaceId, union_id))}


@router.get("/v1.0/drive/spaces")
def list_spaces(
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    space_type: Annotated[str | None, Query(alias="spaceType", max_length=32)] = None,
    max_results: Annotated[int, Query(alias="maxResults", ge=1, le=50)] = 50,
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=64)] = None,
) -> dict[str, Any]:
    """The spaces the operator can use: ``personal`` (ownerType USER) or ``org`` (the others).

    Those include spaces of others where something is shared with the operator.
    """
    if space_type not in (None, "", "org", "personal"):
        raise param_error(f"unknown spaceType {space_type!r}", "spaceType")
    start = 0
    if next_token:
        try:
            start = int(base64.urlsafe_b64decode(next_token.encode()).decode())
        except (binascii.Error, ValueError, UnicodeError) as error:
            raise param_error("nextToken is not valid", "nextToken") from error
    visible = [
        drive_space_json(row)
        for row in service.permissions.usable_spaces(service.db.connection(), union_id)
        if row["id"] > start
    ]
    if space_type:
        visible = [space for space in visible if space["spaceType"] == space_type]
    page = visible[:max_results]
    result: dict[str, Any] = {"spaces": page}
    if len(visible) > max_results:
        result["nextToken"] = base64.urlsafe_b64encode(page[-1]["spaceId"].encode()).decode()
    return result
