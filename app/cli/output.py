"""How the command line shows dentries and spaces: columns for people, JSON for scripts.

Names come from anyone (the service, other users, local files) and are printed so that they
cannot act on the terminal: control characters, escape sequences and bidi overrides are shown
escaped, the way ``ls`` and bash quote them (``$'evil\\x1b[31mname'``), and so is whatever the
output's encoding cannot carry. Columns are aligned by the cells a terminal gives each
character (CJK characters take two).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

from app.api.models import Dentry, Permission, RecycleItem, Space

UNITS = ("B", "KiB", "MiB", "GiB", "TiB")

# What a terminal acts on instead of showing: C0 controls (ESC starts escape sequences), DEL, C1
# controls (U+009B is a one-character CSI), line and paragraph separators, the bidi marks,
# embeddings, overrides and isolates that reorder what follows, and lone surrogates (a local
# file name whose bytes are not UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\", "'": "\\'"}
# Of those, what JSON leaves as it is inside its strings (it escapes U+0000-U+001F itself, and
# the other C0 controls outside strings are its own line breaks).
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
ELLIPSIS = "…"


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by Python's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _encoding(stream: TextIO | None = None) -> str:
    return getattr(stream or sys.stdout, "encoding", None) or "utf-8"


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def shown(name: str, stream: TextIO | None = None) -> str:
    """`name` as it may be printed on `stream` (standard output by default).

    A harmless name is printed as it is. One with characters a terminal would act on, or that
    the stream's encoding cannot carry, is quoted like bash's ``$'…'``: those characters as
    ``\\xHH``/``\\uHHHH`` escapes, with ``\\`` and ``'`` escaped too, so it reads back exactly.
    """
    encoding = _encoding(stream)
    if _UNSAFE.search(name) is None and not name.startswith("$'") and _encodable(name, encoding):
        return name
    quoted = "".join(
        _escape(char)
        if char in _SHORT_ESCAPES or _UNSAFE.match(char) or not _encodable(char, encoding)
        else char
        for char in name
    )
    return f"$'{quoted}'"


def terminal_safe(text: str) -> str:
    """A message with the characters a terminal would act on escaped (names in it: use `shown`)."""
    return _UNSAFE.sub(lambda match: _escape(match.group()), text)


def say_error(message: str) -> None:
    """Print ``dentry-cli: message`` on standard error, safe for the terminal."""
    print(f"dentry-cli: {terminal_safe(message)}", file=sys.stderr)


def cells(text: str) -> int:
    """The terminal cells `text` takes: two for wide (CJK) characters, none for combining marks."""
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def fit(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending in an ellipsis when cut."""
    if cells(text) <= width:
        return text
    kept, used = [], cells(ELLIPSIS)
    for char in text:
        used += cells(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS if width > 0 else ""


def human_size(size: int | None) -> str:
    """``1.5 MiB``; folders (no size) show as ``-``."""
    if size is None:
        return "-"
    value = float(size)
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def print_json(value: Any, out: TextIO = sys.stdout) -> None:
    """Dataclasses (and lists of them) as indented JSON: exact, and safe to show on a terminal.

    Characters a terminal would act on are ``\\uXXXX`` escapes (JSON escapes control characters
    below U+0020 itself, but not DEL, C1 controls or bidi overrides), and so is everything when
    the output's encoding cannot carry the text.
    """
    text = json.dumps(_plain(value), ensure_ascii=False, indent=2)
    if not _encodable(text, _encoding(out)):
        text = json.dumps(_plain(value), ensure_ascii=True, indent=2)
    out.write(_UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n")


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def dentry_line(dentry: Dentry, long: bool) -> str:
    """One ``ls`` line; folders end with ``/``. The name comes last, so every line of ``-l`` aligns."""
    name = shown(dentry.name) + ("/" if dentry.is_folder else "")
    if not long:
        return name
    kind = "d" if dentry.is_folder else "-"
    return f"{kind} {human_size(dentry.size):>10}  {_when(dentry.modified_time)}  {dentry.id:>10}  {name}"


def dentry_details(dentry: Dentry) -> list[str]:
    """Every field of a dentry, one ``name: value`` line each (``stat``)."""
    lines = []
    for field in dataclasses.fields(dentry):
        value = getattr(dentry, field.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif field.name in ("name", "path", "extension") and value is not None:
            value = shown(value)
        elif field.name == "size" and value is not None:
            value = f"{value} ({human_size(value)})"
        elif field.name == "app_properties":
            value = json.dumps(_plain(value), ensure_ascii=False) if value else "-"
        lines.append(terminal_safe(f"{field.name.replace('_', ' ')}: {'-' if value is None else value}"))
    return lines


def space_line(space: Space) -> str:
    """One ``spaces`` line; the name comes last, so every line aligns whatever its characters."""
    used = f"{human_size(space.used_quota)} of {human_size(space.quota)}"
    return f"{space.id:>12}  {space.space_type or '-':8}  {used:>24}  {shown(space.name)}"


def recycle_item_line(item: RecycleItem, operator_width: int = 0) -> str:
    """One ``trash ls`` line: id, type, size, deleted when and by whom, then the original path.

    The path comes last, so every line aligns; `operator_width` is the widest operator shown (cells).
    """
    path = shown(item.original_path or item.original_name) + ("/" if item.is_folder else "")
    operator = shown(item.operator_id or "-")
    operator += " " * max(0, operator_width - cells(operator))
    kind = "folder" if item.is_folder else "file"
    when = _when(item.operator_time)
    return f"{terminal_safe(item.id):>10}  {kind:6}  {human_size(item.size):>10}  {when}  {operator}  {path}"


def version_line(version: Dentry) -> str:
    """One ``versions`` line: number, size, time and the one who made it."""
    number = "-" if version.version is None else str(version.version)
    when = _when(version.modified_time)
    return f"{number:>7}  {human_size(version.size):>10}  {when}  {shown(version.modifier_id or '-')}"


def permission_line(permission: Permission, granted_on: str | None = None) -> str:
    """One ``share ls`` line: role, expiry, member; `granted_on` names the folder above it was granted on."""
    where = f"  (from {shown(granted_on)})" if granted_on is not None else ""
    return f"{permission.role:<10}  {_when(permission.expires_at):<16}  {shown(permission.member_id)}{where}"
