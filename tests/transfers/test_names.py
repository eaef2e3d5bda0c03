"""The client's own name check refuses what the service refuses (CONTRACTS.md #2), before any call."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.transfers.folders import plan_upload
from app.transfers.names import name_problem, replace_illegal

TERMINAL_HOSTILE = {
    "esc": "evil\x1b[31mname.txt",
    "nul-free C0": "bell\x07.txt",
    "del": "del\x7f.txt",
    "c1 csi": "csi\x9b31m.txt",
    "c1 first": "pad\x80.txt",
    "c1 last": "apc\x9f.txt",
    "rlo": "invoice\u202etxt.exe",
    "lre": "a\u202ab.txt",
    "lri": "a\u2066b.txt",
    "pdi": "a\u2069b.txt",
}


@pytest.mark.parametrize("name", TERMINAL_HOSTILE.values(), ids=TERMINAL_HOSTILE.keys())
def test_controls_and_bidi_overrides_are_refused_and_replaced(name: str) -> None:
    problem = name_problem(name)

    assert problem is not None
    assert problem.startswith("it contains ")
    assert problem.isprintable()  # the reason names the character as an escape, never raw
    fixed = replace_illegal(name)
    assert name_problem(fixed) is None
    assert "_" in fixed


@pytest.mark.parametrize("name", ["季度报告.pdf", "照片", "a\u200db.txt", "e\u0301.txt", "x\xa0y.txt", "ok"])
def test_other_unicode_is_fine(name: str) -> None:
    assert name_problem(name) is None
    assert replace_illegal(name) == name


def test_an_upload_plan_reports_them_all_up_front(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in TERMINAL_HOSTILE.values():
        (sources / name).write_bytes(b"x")
    (sources / "fine.txt").write_bytes(b"x")

    plan = plan_upload(sorted(sources.iterdir()), "fail")

    assert plan.blocked
    assert {problem.path.name for problem in plan.problems} == set(TERMINAL_HOSTILE.values())
    assert [planned.name for planned in plan.files] == ["fine.txt"]
