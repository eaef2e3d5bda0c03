"""Names on both sides of a transfer: the service's name rules, and free local names.

These mirror the service's documented rules (REFERENCE.md §3) on the client side, so that every
offending name is reported before any network call. They are written here independently of
the local service's own checks: the wire is the contract between the two.
"""

from __future__ import annotations

from pathlib import Path

# Forbidden by the service: tab, * " < > |, and a trailing dot; "/" separates path parts.
FORBIDDEN = frozenset('\t*"<>|/')
# Refused too (CONTRACTS.md #2): controls a terminal or a viewer acts on instead of showing them,
# C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F), and the bidi embeddings, overrides and isolates
# that make "evil\u202etxt.exe" read as "evilexe.txt".
CONTROLS = frozenset(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)))
BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
REFUSED = FORBIDDEN | CONTROLS | BIDI_CONTROLS
MAX_LENGTH = 255
MAX_NAME_BYTES = 255  # of a local file name (ext4, APFS, NTFS in UTF-16 units: less strict)
REPLACEMENT = "_"


def name_problem(name: str) -> str | None:
    """Why the service would refuse `name`, or None when it is fine."""
    trimmed = name.strip(" ")
    if not trimmed:
        return "the name is empty"
    bad = sorted({ch for ch in trimmed if ch in REFUSED})
    if bad:
        return "it contains " + " ".join(repr(ch) for ch in bad)
    if trimmed.endswith("."):
        return "it ends with '.'"
    if len(trimmed) > MAX_LENGTH:
        return f"it is longer than {MAX_LENGTH} characters"
    return None


def replace_illegal(name: str) -> str:
    """`name` made acceptable: illegal characters become ``_``, trailing dots and spaces go."""
    fixed = "".join(REPLACEMENT if ch in REFUSED else ch for ch in name.strip(" "))
    fixed = fixed.rstrip(". ") or REPLACEMENT
    if len(fixed) > MAX_LENGTH:
        stem, suffix = split_suffix(fixed)
        fixed = stem[: MAX_LENGTH - len(suffix)] + suffix
    return fixed


def split_suffix(name: str) -> tuple[str, str]:
    """``("report", ".pdf")``; names starting with a dot have no suffix."""
    dot = name.rfind(".")
    return (name, "") if dot <= 0 else (name[:dot], name[dot:])


def numbered(name: str, number: int) -> str:
    """``report (2).pdf`` for ``report.pdf``, as the service's AUTO_RENAME does."""
    stem, suffix = split_suffix(name)
    return f"{stem} ({number}){suffix}"


def free_local_path(path: Path) -> Path:
    """`path`, or the first ``name (n).ext`` beside it that does not exist."""
    if not path.exists():
        return path
    number = 1
    while (candidate := path.with_name(numbered(path.name, number))).exists():
        number += 1
    return candidate


def partial_path(target: Path, job_id: int, attempt: int = 0) -> Path:
    """A name only Dentry makes for the partial file of download job `job_id`, beside its target.

    ``.report.bin.dentry-12.part`` (``-2``, ``-3``… after `attempt`s that found the name taken);
    the target's name is shortened to keep within the 255 bytes a file name may have.
    """
    suffix = f".dentry-{job_id}{f'-{attempt + 1}' if attempt else ''}.part"
    stem = target.name
    while len(f".{stem}{suffix}".encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return target.with_name(f".{stem}{suffix}")
