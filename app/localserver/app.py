"""The ASGI application: routes, request ids and the error shape every answer uses."""

from __future__ import annotations

import logging
import re
import secrets
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.localserver.errors import ServiceError, is_storage_full, storage_full
from app.localserver.faults import FaultInjector
from app.localserver.routes import (
    app_properties,
    batch,
    dataplane,
    dentries,
    files,
    koodrive,
    oauth,
    permissions,
    recycle_bin,
    spaces,
    versions,
)
from app.localserver.routes.common import TOKEN_HEADER
from app.localserver.service import Service

log = logging.getLogger(__name__)
REQUEST_ID_HEADER = "x-acs-request-id"
DENTRY_PATH = re.compile(r"/v1\.0/storage/spaces/[^/]+/dentries/.+")
RECYCLE_ITEM_PATH = re.compile(r"/v1\.0/storage/recycleBins/[^/]+/recycleItems/.+")


class RequestIds:
    """Give every request an id, answered in ``x-acs-request-id`` and in error bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(12).upper()
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (REQUEST_ID_HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)


class KeepConnectionAfterErrors:
    """Keep a connection open after an unexpected error once its 500 answer has been sent.

    Starlette answers an unexpected error with the app's 500 handler and then raises the error
    again, to the server; uvicorn closes the connection of every request whose app raised, so
    the next request a client sent on that kept-alive connection failed too. An error raised
    after the whole answer went out is swallowed here (the handler has logged it). One raised
    while a body was still being sent must still close the connection: the answer is cut.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answered = False

        async def watch(message: Message) -> None:
            nonlocal answered
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered = True

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if not answered:
                raise


class TokenGate:
    """Check the access token of every storage call before anything else, as the real gateway does.

    A bad token is answered ``InvalidAuthentication`` even when the rest of the request is bad too.
    """

    PROTECTED = ("/v1.0/storage/", "/v2.0/storage/", "/v1.0/drive/")

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.PROTECTED):
            token = next((v for k, v in scope["headers"] if k == TOKEN_HEADER.encode()), b"")
            try:
                scope["state"]["app_key"] = self.service.tokens.check(token.decode("latin-1"))
            except ServiceError as error:
                request = Request(scope)
                await error_response(request, error.status, error.code, error.message)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def error_response(request: Request, status: int, code: str, message: str) -> JSONResponse:
    """The §2 error body: lower-case ``code``, ``message``, ``requestid``."""
    request_id = getattr(request.state, "request_id", "")
    return JSONResponse({"code": code, "message": message, "requestid": request_id}, status_code=status)


def _validation_message(error: RequestValidationError) -> tuple[str, str]:
    first = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path", "header")]
    field = location[-1] if location else ""
    return field, f"{'.'.join(location) or 'request'}: {first.get('msg', 'invalid')}"


def create_app(service: Service) -> ASGIApp:
    """The whole service as an ASGI app, fault injection outermost."""
    api = FastAPI(
        title="Dentry local storage service",
        summary="The DingTalk Storage Open API, on this computer",
        version="1.0",
        docs_url="/docs",
        redoc_url=None,
    )
    api.state.service = service

    @api.exception_handler(ServiceError)
    async def service_error(request: Request, error: ServiceError) -> JSONResponse:
        return error_response(request, error.status, error.code, error.message)

    @api.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        field, message = _validation_message(error)
        code = "paramError.unionId" if field == "unionId" else "paramError"
        return error_response(request, 400, code, message)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 404 and DENTRY_PATH.match(request.url.path):
            # An id holding "/" (sent as %2F) splits into extra path segments: no dentry has it.
            return error_response(request, 404, "dentryNotExist", "the dentry does not exist")
        if error.status_code == 404 and RECYCLE_ITEM_PATH.match(request.url.path):
            return error_response(request, 404, "recycleItemNotExist", "the recycle item does not exist")
        codes = {404: "resourceNotFound", 405: "methodNotAllowed"}
        code = codes.get(error.status_code, "paramError" if error.status_code < 500 else "systemError")
        return error_response(request, error.status_code, code, str(error.detail))

    @api.exception_handler(OSError)
    @api.exception_handler(sqlite3.Error)
    async def storage_error(request: Request, error: Exception) -> JSONResponse:
        if not is_storage_full(error):
            raise error  # answered by unexpected_error below
        log.warning("no disk space left for %s %s: %s", request.method, request.url.path, error)
        full = storage_full()
        return error_response(request, full.status, full.code, full.message)

    @api.exception_handler(ClientDisconnect)
    async def client_gone(_request: Request, _error: ClientDisconnect) -> Response:
        # Nobody is left to read an answer; a cut upload is normal, not an error worth a log line.
        return Response(status_code=400)

    @api.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error in %s %s", request.method, request.url.path)
        return error_response(request, 500, "systemError", "internal error")

    for module in (
        oauth,
        spaces,
        dentries,
        versions,
        batch,
        permissions,
        app_properties,
        files,
        dataplane,
        koodrive,
        recycle_bin,
    ):
        api.include_router(module.router)
    return KeepConnectionAfterErrors(
        FaultInjector(RequestIds(TokenGate(api, service)), service.config.faults)
    )
