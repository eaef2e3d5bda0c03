"""Signed URLs for the data plane: header-signed PUT/GET and query-signed thumbnail GET.

A signature is an HMAC over method, path and expiry with a secret kept in the data folder, so
URLs stay valid across restarts and cannot be forged or extended by a client.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import time
from urllib.parse import urlencode

from app.localserver.errors import ServiceError

AUTH_SCHEME = "DENTRY-HMAC-SHA256"
EXPIRES_HEADER = "x-dentry-expires"
# Milliseconds since 1970 have 13 digits until the year 2286; anything else is no expiry of ours.
# ASCII only: str.isdigit() and int() also accept "²" and other scripts' digits.
_EXPIRY = re.compile(r"[0-9]{1,16}", re.ASCII)


class Signer:
    """Makes and checks signed URLs for one service instance."""

    def __init__(self, secret: bytes, base_url: str, ttl_seconds: int) -> None:
        self._secret = secret
        self.base_url = base_url.rstrip("/")
        self.ttl_seconds = ttl_seconds

    def _expiry(self) -> int:
        # Milliseconds: a URL announced with expirationSeconds=N lives N seconds, not N minus a fraction.
        return math.ceil((time.time() + self.ttl_seconds) * 1000)

    def _signature(self, method: str, path: str, expires: int) -> str:
        message = f"{method}\n{path}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def header_signature_info(self, method: str, path: str) -> dict[str, object]:
        """The ``headerSignatureInfo`` object for a request to `path` (REFERENCE.md §3)."""
        expires = self._expiry()
        return {
            "resourceUrls": [f"{self.base_url}{path}"],
            "headers": {
                "Authorization": f"{AUTH_SCHEME} {self._signature(method, path, expires)}",
                EXPIRES_HEADER: str(expires),
            },
            "expirationSeconds": self.ttl_seconds,
            "region": "UNKNOWN",
            "internalResourceUrls": [],
        }

    def query_signed_url(self, path: str) -> str:
        """A self-contained GET URL: signature and expiry travel in the query string."""
        expires = self._expiry()
        query = urlencode({"expires": expires, "signature": self._signature("GET", path, expires)})
        return f"{self.base_url}{path}?{query}"

    def check(self, method: str, path: str, signature: str | None, expires: str | None) -> None:
        """Raise 403 unless `signature` signs this request and has not expired.

        Expiry is checked here, when a request starts; a long transfer that began in time finishes.
        """
        if not signature or not expires or not _EXPIRY.fullmatch(expires):
            raise ServiceError(403, "AccessDenied", "the request carries no valid signature")
        expected = self._signature("HEAD" if method == "HEAD" else method, path, int(expires))
        # A GET URL is also good for HEAD: HTTP clients probe size and ETag with it.
        get_expected = self._signature("GET", path, int(expires))
        if not (hmac.compare_digest(signature, expected) or hmac.compare_digest(signature, get_expected)):
            raise ServiceError(403, "SignatureDoesNotMatch", "the request signature does not match this URL")
        if time.time() * 1000 > int(expires):
            raise ServiceError(403, "AccessDenied", "the signed URL has expired")


def signature_from_header(authorization: str | None) -> str | None:
    """Extract the signature from an ``Authorization: DENTRY-HMAC-SHA256 <sig>`` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme == AUTH_SCHEME else None
