"""Running the service: on a socket of its own, in the foreground or in a background thread."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from types import TracebackType

import uvicorn

from app.localserver.app import create_app
from app.localserver.config import Faults, ServerConfig
from app.localserver.demo import create_demo_space
from app.localserver.http_protocol import with_header_timeout
from app.localserver.service import Service


class _Server(uvicorn.Server):
    """uvicorn's server, telling us when it accepts requests."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            self._on_started()


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket; port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """``http://host:port`` for a bound socket."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class LocalServer:
    """The local storage service, started on a free port in a background thread.

    Use as a context manager, or call `start()` and `stop()`.
    """

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.url = ""
        self.demo_space_id: str | None = None
        self.service: Service | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def faults(self) -> Faults:
        """The live fault settings (tests change them while the service runs)."""
        return self.config.faults

    def start(self, timeout: float = 30.0) -> LocalServer:
        """Bind, prepare the data folder, and return once requests are accepted."""
        sock = bind(self.config.host, self.config.port)
        self.url = url_of(sock)
        started = threading.Event()
        self.service, self._server = prepare(self.config, sock, started.set)
        self.demo_space_id = self.service.demo_space_id
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="localserver", daemon=True
        )
        self._thread.start()
        if not started.wait(timeout):
            self.stop()
            raise RuntimeError("the local storage service did not start")
        return self

    def stop(self) -> None:
        """Stop accepting requests, finish the ones in flight, and close the data folder."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        if self.service is not None:
            self.service.stop()
        self._server = self._thread = self.service = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def prepare(
    config: ServerConfig, sock: socket.socket, on_started: Callable[[], None]
) -> tuple[Service, _Server]:
    """Open the data folder (adding demo content if asked and new) and build the HTTP server."""
    service = Service(config, url_of(sock))
    if config.demo and service.is_new:
        create_demo_space(service)
    service.start()
    uvicorn_config = uvicorn.Config(
        create_app(service),
        http=with_header_timeout(config.header_timeout),
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=5,
    )
    return service, _Server(uvicorn_config, on_started)
