"""A TCP proxy that counts the connections made through it (to see connection reuse from outside)."""

from __future__ import annotations

import contextlib
import socket
import threading


class CountingProxy:
    """Listens on 127.0.0.1 and pipes each connection to `upstream_port`; counts them.

    Set `upstream_port` once the service it stands before listens.
    """

    def __init__(self) -> None:
        self.upstream_port = 0
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        """Stop listening (connections in progress end with their peers)."""
        self._listener.close()

    def reset(self) -> None:
        """Count from zero again."""
        with self._lock:
            self.connections, self.most_open = 0, self.open

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self.open += 1
                self.most_open = max(self.most_open, self.open)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            self._closed()
            return
        done = threading.Event()
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(source, sink, done), daemon=True).start()
        done.wait()
        for end in (client, upstream):
            with contextlib.suppress(OSError):
                end.close()
        self._closed()

    def _closed(self) -> None:
        with self._lock:
            self.open -= 1

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, done: threading.Event) -> None:
        try:
            while data := source.recv(256 * 1024):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            done.set()
