"""Names as the window shows them: control characters and bidi controls made visible, never raw.

A name comes from the service (or from someone's disk) and may hold an escape sequence, a line
break, or a right-to-left override that makes ``evil\\u202etxt.exe`` read as ``evilexe.txt`` and
flips the rest of its row. The window writes each such character as a visible escape (``\\x1b``,
``\\u202e``), the way ``ls -b`` does; every other character, Chinese text and emoji included, is
shown as it is.
"""

from __future__ import annotations

import re

_HIDDEN = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls (ESC starts terminal sequences)
    "\u061c\u200e\u200f"  # the Arabic letter mark and the left-to-right / right-to-left marks
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ud800-\udfff"  # lone surrogates (not characters; JSON can still carry them)
    "]"
)


def display_name(name: str) -> str:
    """`name` with every control, bidi control or separator written as a visible escape."""
    if _HIDDEN.search(name) is None:  # nearly every name: no copy
        return name
    return _HIDDEN.sub(_escape, name)


def display_lines(text: str) -> str:
    """A text of several lines (error details), each line shown as `display_name` shows a name."""
    return "\n".join(display_name(line) for line in text.splitlines())


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
