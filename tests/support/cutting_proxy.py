"""A real HTTP proxy in front of the local service that loses answers on purpose.

It reads each request from the client, forwards it to the service and reads the whole answer;
for a request a test has chosen, it then cuts the client's connection instead of relaying the
answer: the service did the work, the client never hears of it (what a dropped connection or a
dead load balancer does). It can also hold such an answer until the test releases it (to kill
the client meanwhile), and strip ``appProperties`` from request bodies (a service that drops
them). Threads and sockets only, one upstream connection per client connection.
"""

from __future__ import annotations

import http.client
import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"}


@dataclass
class Rule:
    """Cut the answers of the next `times` requests of `method` whose path ends with `path_end`.

    `keep` bytes of the answer (its status line and the start of its headers) still reach the
    client before the cut, as when a connection breaks in the middle of an answer.
    """

    method: str
    path_end: str
    times: int
    hold: bool = False
    keep: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and method == self.method and path.split("?", 1)[0].endswith(self.path_end)


@dataclass
class Seen:
    """One request the proxy forwarded, and whether its answer was cut."""

    method: str
    path: str
    cut: bool


class CuttingProxy:
    """The proxy; `url` is what the client is given instead of the service's address.

    Attributes:
        held: set once a held answer arrived from the service (the client is waiting for it).
        release: set by the test to cut a held answer.
    """

    def __init__(self, upstream: str, *, strip_app_properties: bool = False) -> None:
        self.upstream = upstream
        self.strip_app_properties = strip_app_properties
        self.seen: list[Seen] = []
        self.held = threading.Event()
        self.release = threading.Event()
        self._rules: list[Rule] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.connection, self.rfile)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def cut(self, method: str, path_end: str, times: int = 1, *, hold: bool = False, keep: int = 0) -> None:
        """Lose the answers of the next `times` such requests (with `hold`, only once released).

        With `keep`, the client gets that many bytes of each answer before the connection closes.
        """
        with self._lock:
            self._rules.append(Rule(method, path_end, times, hold, keep))

    def requests(self, path_end: str = "") -> list[Seen]:
        """What was forwarded so far whose path (without the query) ends with `path_end`."""
        with self._lock:
            return [seen for seen in self.seen if seen.path.split("?", 1)[0].endswith(path_end)]

    def stop(self) -> None:
        """Stop listening."""
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def _rule_for(self, method: str, path: str) -> Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.times -= 1
                    return rule
            return None

    def _serve(self, client: socket.socket, rfile: BinaryIO) -> None:
        target = urlsplit(self.upstream)
        upstream = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=60)
        try:
            while (request := _read_request(rfile)) is not None:
                method, path, headers, body = request
                if self.strip_app_properties and body:
                    body = _without_app_properties(body)
                    headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
                    headers.append(("Content-Length", str(len(body))))
                upstream.request(method, path, body=body or None, headers=dict(headers))
                answer = upstream.getresponse()
                payload = answer.read()
                rule = self._rule_for(method, path)
                with self._lock:
                    self.seen.append(Seen(method, path, rule is not None))
                if rule is not None:
                    if rule.hold:
                        self.held.set()
                        self.release.wait(60)
                    if rule.keep:
                        client.sendall(_answer_bytes(answer, payload)[: rule.keep])
                    client.shutdown(socket.SHUT_RDWR)
                    return
                client.sendall(_answer_bytes(answer, payload))
        except OSError:
            return  # the client went away
        finally:
            upstream.close()


def _read_request(rfile: BinaryIO) -> tuple[str, str, list[tuple[str, str]], bytes] | None:
    line = rfile.readline()
    if not line:
        return None
    method, path, _version = line.decode("latin-1").split(" ", 2)
    headers: list[tuple[str, str]] = []
    while (header := rfile.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode("latin-1").partition(":")
        headers.append((name.strip(), value.strip()))
    length = next((int(value) for name, value in headers if name.lower() == "content-length"), 0)
    return method, path, headers, rfile.read(length) if length else b""


def _answer_bytes(answer: http.client.HTTPResponse, payload: bytes) -> bytes:
    head = [f"HTTP/1.1 {answer.status} {answer.reason}"]
    head += [f"{name}: {value}" for name, value in answer.getheaders() if name.lower() not in HOP_BY_HOP]
    head.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload


def _without_app_properties(body: bytes) -> bytes:
    try:
        data: Any = json.loads(body)
    except ValueError:
        return body
    option = data.get("option") if isinstance(data, dict) else None
    if isinstance(option, dict):
        option.pop("appProperties", None)
    return json.dumps(data).encode()


@contextmanager
def cutting_proxy(upstream: str, *, strip_app_properties: bool = False) -> Iterator[CuttingProxy]:
    """The proxy for the duration of a ``with`` block."""
    proxy = CuttingProxy(upstream, strip_app_properties=strip_app_properties)
    try:
        yield proxy
    finally:
        proxy.stop()
