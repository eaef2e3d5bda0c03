"""oauth2 GetAccessToken for an internal app."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.localserver.routes.common import ServiceDep
from app.localserver.schemas import AccessTokenBody

router = APIRouter(tags=["oauth2"])


@router.post("/v1.0/oauth2/accessToken")
def get_access_token(body: AccessTokenBody, service: ServiceDep) -> dict[str, Any]:
    """Exchange appKey and appSecret for an access token."""
    token = service.tokens.issue(body.appKey, body.appSecret)
    return {"accessToken": token, "expireIn": service.tokens.ttl_seconds}
