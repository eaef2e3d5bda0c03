"""Dentry name rules (REFERENCE.md §3) and the ``name (1).ext`` renaming used by AUTO_RENAME."""

from __future__ import annotations

from collections.abc import Callable

from app.localserver.errors import ServiceError

# The seeds forbid tab, * " < > | and a trailing dot. We also refuse "/" (our path separator),
# empty names and names over 255 characters, which no file system on the client side could
# store, and characters that make a name lie on a screen (CONTRACTS #2): C0 and C1 controls and
# DEL (terminal escapes) and the bidi embeddings, overrides and isolates ("invoice\u202efdp.exe"
# shows as "invoiceexe.pdf").
_FORBIDDEN = set('\t*"<>|/')
_HOSTILE = {
    *map(chr, range(0x00, 0x20)),
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}
MAX_NAME_LENGTH = 255


def hostile_characters(text: str) -> list[str]:
    """The control and bidi characters of `text` that no name may hold, each once, sorted."""
    return sorted(set(text) & _HOSTILE)


def normalize_name(raw: str) -> str:
    """Return the name as stored (spaces trimmed) or raise ``dentryNameIllegal``."""
    name = raw.strip(" ")
    bad = sorted({ch for ch in name if ch in _FORBIDDEN} | set(hostile_characters(name)))
    if not name:
        raise ServiceError(400, "dentryNameIllegal", "the name is empty")
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        raise ServiceError(400, "dentryNameIllegal", f"the name contains illegal characters: {shown}")
    if name.endswith("."):
        raise ServiceError(400, "dentryNameIllegal", "the name must not end with '.'")
    if len(name) > MAX_NAME_LENGTH:
        raise ServiceError(400, "dentryNameIllegal", f"the name is longer than {MAX_NAME_LENGTH}")
    return name


def name_key(name: str) -> str:
    """The key two names collide on: names differing only in case collide, as on macOS/Windows."""
    return name.casefold()


def split_extension(name: str) -> tuple[str, str]:
    """Split ``report.final.pdf`` into ``("report.final", ".pdf")``; dotfiles have no extension."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    return name[:dot], name[dot:]


def extension_of(name: str) -> str:
    """The lower-case extension without its dot, or ``""``."""
    return split_extension(name)[1][1:].lower()


def auto_rename(name: str, taken: Callable[[str], bool], *, is_folder: bool = False) -> str:
    """First of ``name``, ``name (1).ext``, ``name (2).ext``, … that `taken` says is free."""
    if not taken(name):
        return name
    stem, ext = (name, "") if is_folder else split_extension(name)
    counter = 1
    while True:
        candidate = f"{stem} ({counter}){ext}"
        if not taken(candidate):
            return candidate
        counter += 1
