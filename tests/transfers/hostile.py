"""A small misbehaving data server: the local service's signed URLs point at it (``public_url``).

It forwards each request to the real service and bends the downloads' answers the way its
`mode` says: the wrong range, no range at all, a range cut short, more bytes than asked, a
redirect to itself or to another server. `refuse` answers chosen requests with a fixed status
and body instead (e.g. 507 ``storageFull``). It counts the requests it gets. As the client's
``--endpoint`` it stands in front of the control plane too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class HostileServer:
    """A threaded http.server on 127.0.0.1; set `upstream` once the real service listens."""

    def __init__(self) -> None:
        self.upstream = ""
        self.mode = "forward"
        self.redirect_to = ""  # for "redirect-away": base URL of the other server
        self.refusal: tuple[str, int, bytes] | None = None
        self.cuts = 1  # for "cut-range": how many answers lose the end of their Content-Range
        self.requests = 0
        self.refused = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop listening."""
        self._server.shutdown()
        self._server.server_close()

    def refuse(self, status: int, body: bytes = b"", path_part: str = "") -> None:
        """Answer every request whose path contains `path_part` with `status` and `body`."""
        self.refusal = (path_part, status, body)

    def _count(self, path: str) -> tuple[int, bytes] | None:
        """Count a request; the answer to give instead of forwarding it, if it is refused."""
        with self._lock:
            self.requests += 1
            if self.refusal is not None and self.refusal[0] in path:
                self.refused += 1
                return self.refusal[1], self.refusal[2]
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                if self._refused():
                    return
                mode = hostile.mode
                if mode == "redirect-loop":
                    self._redirect(self.path)
                elif mode == "redirect-away":
                    self._redirect(hostile.redirect_to + self.path)
                else:
                    self._forward(mode)

            def do_PUT(self) -> None:
                self._pass_through("PUT")

            def do_POST(self) -> None:
                self._pass_through("POST")

            def _refused(self) -> bool:
                answer = hostile._count(self.path)
                if answer is None:
                    return False
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self._answer(*answer, {"Content-Type": "application/json"})
                return True

            def _pass_through(self, method: str) -> None:
                """Uploads and control calls go to the service unchanged (unless refused)."""
                if self._refused():
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name: value for name, value in self.headers.items() if name.lower() != "host"}
                upstream = requests.request(
                    method, hostile.upstream + self.path, data=body, headers=headers, timeout=30
                )
                self._answer(upstream.status_code, upstream.content, {"Content-Type": "application/json"})

            def _cut(self) -> bool:
                with hostile._lock:
                    hostile.cuts -= 1
                    return hostile.cuts >= 0

            def _redirect(self, location: str) -> None:
                self._answer(302, b"", {"Location": location})

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _forward(self, mode: str) -> None:
                headers = {name: value for name, value in self.headers.items() if name.lower() != "host"}
                asked = headers.pop("Range", None)
                if mode == "first-18":
                    headers["Range"] = "bytes=0-17"
                elif mode in ("forward", "more", "cut-range") and asked is not None:
                    headers["Range"] = asked
                upstream = requests.get(hostile.upstream + self.path, headers=headers, timeout=30)
                body = upstream.content
                self.send_response(upstream.status_code)
                if mode == "cut-range" and self._cut():
                    # As a proxy that cut the answer inside its headers leaves it: ``bytes 6160368``.
                    self.send_header("Content-Range", upstream.headers["Content-Range"][:12])
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                for name in ("Content-Range", "ETag", "Content-Type"):
                    if name in upstream.headers:
                        self.send_header(name, upstream.headers[name])
                if mode == "more":
                    # No length: the body runs until the connection closes, and runs on too far.
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body + b"X" * 1000)
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    """A `HostileServer` for the duration of a ``with`` block."""
    server = HostileServer()
    try:
        yield server
    finally:
        server.close()
