"""Keep secrets out of logs: access tokens, app secrets and URL/header signatures.

Installed once per process as a log-record factory, so it covers every logger (ours, requests,
urllib3) whatever handlers are configured later.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

MASK = "***"
_PATTERNS = [
    # header lines and dict reprs: 'x-acs-dingtalk-access-token': 'abc', Authorization: Bearer abc
    re.compile(
        r"(?i)((?:x-acs-dingtalk-access-token|authorization|access[-_]?token|app[-_]?secret|secret)"
        r"['\"]?\s*[:=]\s*['\"]?(?:bearer[ +]|DENTRY-HMAC-SHA256 )?)[^'\",\s&}]+"
    ),
    # query-string signatures of self-contained URLs
    re.compile(r"(?i)((?:signature|sig|x-oss-signature|token)=)[^&\s'\"]+"),
]

_known: set[str] = set()
_lock = threading.Lock()
_installed = False


def add_secret(value: str | None) -> None:
    """Mask this exact value wherever it appears from now on (tokens, secrets as they are learnt)."""
    if value and len(value) >= 6:
        with _lock:
            _known.add(value)


def redact(text: str) -> str:
    """`text` with every known secret and every secret-looking field masked."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


def install() -> None:
    """Redact every log record created in this process (idempotent)."""
    global _installed  # noqa: PLW0603 - one factory per process, by design
    with _lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return record
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Handlers format tracebacks later; format (and mask) it now, they reuse exc_text.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
