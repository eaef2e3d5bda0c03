"""How names are shown: escaped names read back exactly in bash, and cells count as a terminal does."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest

from app.cli.output import cells, fit, shown, terminal_safe

NAMES = [
    "evil\x1b[31mname.txt",
    "invoice\u202etxt.exe",
    "c1\x9b2J.txt",
    "tab\tnew\nline\r.txt",
    "it's a \\ back'slash\x07",
    "bytes " + os.fsdecode(b"\xff\xfe") + ".bin",  # a local name that is not UTF-8
    "$'looks quoted'",
    "iso\u2066late\u2069 and \u2028 line",
]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("name", NAMES)
def test_an_escaped_name_reads_back_exactly_in_bash(name: str) -> None:
    text = shown(name)

    assert text.startswith("$'")
    assert text.isprintable()
    printed = subprocess.run(
        ["bash", "-c", f"printf %s {text}"], capture_output=True, check=True, env={"LC_ALL": "C.UTF-8"}
    ).stdout
    assert printed == os.fsencode(name)


def test_harmless_names_are_left_alone() -> None:
    for name in ["report.pdf", "季度报告.pdf", "naïve café", "a b", "emoji 👩\u200d💻.png", "e\u0301"]:
        assert shown(name) == name


def test_what_the_encoding_cannot_carry_is_escaped() -> None:
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")

    assert shown("季度报告.pdf", ascii_out) == "$'\\u5b63\\u5ea6\\u62a5\\u544a.pdf'"
    assert shown("plain.txt", ascii_out) == "plain.txt"


def test_a_message_keeps_its_text_and_loses_its_controls() -> None:
    assert (
        terminal_safe("Cannot write /tmp/a\x1b[2Jb: Disk full\n")
        == "Cannot write /tmp/a\\x1b[2Jb: Disk full\\n"
    )
    assert terminal_safe("季度 ok \\ 'x'") == "季度 ok \\ 'x'"


def test_cells_count_as_a_terminal_does() -> None:
    assert cells("abc") == 3
    assert cells("季度报告") == 8
    assert cells("ｆｕｌｌ") == 8  # fullwidth forms
    assert cells("e\u0301") == 1  # a combining accent takes no cell
    assert cells("a\u200bb") == 2  # nor does a zero-width space


def test_fit_cuts_by_cells_and_says_so() -> None:
    assert fit("季度报告.pdf", 20) == "季度报告.pdf"
    assert fit("季度报告.pdf", 7) == "季度报…"
    assert cells(fit("季度报告.pdf", 6)) <= 6
    assert fit("abcdef", 4) == "abc…"
