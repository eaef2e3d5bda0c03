"""How the command line shows dentries and spaces: columns for people, JSON for scripts."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

from app.api.models import Dentry, Space

UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


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
    """Dataclasses (and lists of them) as indented JSON."""
    json.dump(_plain(value), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def dentry_line(dentry: Dentry, long: bool) -> str:
    """One ``ls`` line; folders end with ``/``."""
    name = dentry.name + ("/" if dentry.is_folder else "")
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
        elif field.name == "size" and value is not None:
            value = f"{value} ({human_size(value)})"
        elif field.name == "app_properties":
            value = json.dumps(_plain(value), ensure_ascii=False) if value else "-"
        lines.append(f"{field.name.replace('_', ' ')}: {'-' if value is None else value}")
    return lines


def space_line(space: Space) -> str:
    """One ``spaces`` line."""
    used = f"{human_size(space.used_quota)} of {human_size(space.quota)}"
    return f"{space.id:>12}  {space.space_type or '-':8}  {used:>24}  {space.name}"
