"""A small real HTTP server that speaks the Open API the way a test scripts it: a misbehaving service.

The local service is well-behaved by design, so the answers a hostile or broken service could give
(page tokens that never change, a folder listed inside itself, names full of terminal escapes,
a download address missing) come from here: real HTTP on 127.0.0.1, in a thread, each request
recorded. The token call is answered for every test; everything else by the test's `answer`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

APP_KEY, APP_SECRET, UNION_ID = "scripted-key", "scripted-secret", "scripted-user"


@dataclass(frozen=True, slots=True)
class Request:
    """One request the service received."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


Answer = Callable[[Request], tuple[int, Any]]
"""The status and JSON body for a request (the token call excepted)."""


def not_found(request: Request) -> tuple[int, Any]:
    """What the service says to a call the test did not script."""
    return 404, {"code": "dentryNotExist", "message": f"not scripted: {request.method} {request.path}"}


class ScriptedService:
    """The server; `requests` lists every call but the token call, in order."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read `requests` instead."""

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                request = Request(self.command, parts.path, dict(parse_qsl(parts.query)), body)
                if parts.path == "/v1.0/oauth2/accessToken":
                    status, data = 200, {"accessToken": "scripted-token", "expireIn": 7200}
                else:
                    with service._lock:
                        service.requests.append(request)
                    status, data = service.answer(request)
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def calls(self, path_end: str) -> list[Request]:
        """The requests whose path ends with `path_end`."""
        with self._lock:
            return [request for request in self.requests if request.path.endswith(path_end)]

    def start(self) -> None:
        """Start answering."""
        self._thread.start()

    def stop(self) -> None:
        """Stop answering and close the socket."""
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def scripted_service(answer: Answer) -> Iterator[ScriptedService]:
    """The service for the duration of a ``with`` block."""
    service = ScriptedService(answer)
    service.start()
    try:
        yield service
    finally:
        service.stop()


def dentry(
    dentry_id: str, name: str, *, parent_id: str = "0", folder: bool = False, space_id: str = "7"
) -> dict[str, Any]:
    """A Dentry object as the service sends it."""
    data: dict[str, Any] = {
        "id": dentry_id,
        "spaceId": space_id,
        "parentId": parent_id,
        "type": "FOLDER" if folder else "FILE",
        "name": name,
        "version": 1,
        "status": "NORMAL",
        "creatorId": UNION_ID,
        "modifierId": UNION_ID,
        "createTime": "2026-01-02T03:04:05Z",
        "modifiedTime": "2026-01-02T03:04:05Z",
    }
    if not folder:
        data["size"] = 5
    return data
