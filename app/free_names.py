"""Names beside a file that nothing holds yet, for keeping a damaged file aside instead of losing it."""

from __future__ import annotations

from pathlib import Path


def free_name(path: Path) -> Path:
    """`path`, or `path` with ``-2``, ``-3``… appended, whichever does not exist yet."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate
