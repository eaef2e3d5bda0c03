"""Dentry's local storage service: the DingTalk Storage Open API on this computer.

It is the app's default back end when no cloud account is set up, and the server every
integration test talks to. It shares no code with the client side: the wire is the contract.

Embedding::

    with LocalServer(ServerConfig(data_dir=Path("data"), demo=True)) as server:
        print(server.url)
"""

from app.localserver.config import Faults, ServerConfig
from app.localserver.server import LocalServer

__all__ = ["Faults", "LocalServer", "ServerConfig"]
