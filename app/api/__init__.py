"""The Open API client: one typed, thread-safe client over `requests` for every call the app makes.

No Qt here; the UI adapts it. It talks to the real service and to the local service alike: the
wire (see ``../shared/api/REFERENCE.md``) is the contract.
"""

from app.api.client import StorageClient
from app.api.errors import ApiError, NetworkError

__all__ = ["ApiError", "NetworkError", "StorageClient"]
