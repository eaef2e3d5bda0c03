"""The translation files: current with the code, complete, compiled, and true to the glossary.

``scripts/update-translations.sh`` is run into a temporary folder: what it writes must be what is
committed. A text added to the window without running it (or without translating it) fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.local_service import REPO_ROOT

I18N = REPO_ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")
MARKERS = re.compile(r"%L?n|%[1-9]|&(?=[^&\s])")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]
    kind: str | None


def messages(ts: Path) -> list[Message]:
    """Every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            found.append(
                Message(name, message.findtext("source") or "", tuple(forms), translation.get("type"))
            )
    return found


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the update script writes now, from the code as it is."""
    out = tmp_path_factory.mktemp("i18n")
    subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "update-translations.sh"), str(out)],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "PYSIDE_BIN": str(Path(sys.executable).parent)},
        check=True,
        timeout=120,
    )
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_are_current_with_the_code(fresh: Path, language: str) -> None:
    """lupdate finds nothing new, nothing unfinished, nothing obsolete: run the script, translate."""
    ts = f"dentry_{language}.ts"
    found = messages(fresh / ts)
    assert [m for m in found if m.kind == "unfinished"] == []
    assert [m for m in found if m.kind in ("obsolete", "vanished")] == []
    assert (fresh / ts).read_text(encoding="utf-8") == (I18N / ts).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_files_are_current(fresh: Path, language: str) -> None:
    qm = f"dentry_{language}.qm"
    assert (fresh / qm).read_bytes() == (I18N / qm).read_bytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_place_marker(language: str) -> None:
    """%1, %2 … and %n stay (in any order), and a menu text keeps its one shortcut key."""
    wrong = []
    for message in messages(I18N / f"dentry_{language}.ts"):
        wanted = sorted(MARKERS.findall(message.source))
        for form in message.translations:
            if sorted(MARKERS.findall(form)) != wanted:
                wrong.append((message.context, message.source, form))
    assert wrong == []


SAME_IN_CHINESE = {("Properties", "UUID")}


def test_chinese_has_no_english_left() -> None:
    """A translation equal to its source is a text left in English (formats and names may be)."""
    same = {
        (m.context, m.source)
        for m in messages(I18N / "dentry_zh_CN.ts")
        if m.translations == (m.source,) and re.search(r"[A-Za-z]{2,}", m.source.replace("Dentry", ""))
    }
    assert same == SAME_IN_CHINESE


# The glossary's terms (resources/i18n/GLOSSARY.md) as they must read in every Chinese text.
GLOSSARY = {
    r"\bspaces?\b": "空间",
    r"\bfolders?\b": "文件夹",
    r"\brecycle bin\b": "回收站",
    r"\bthumbnails?\b": "缩略图",
    r"\bupload(s|ed|ing)?\b": "上传",
    r"\bdownload(s|ed|ing)?\b": "下载",
    r"\btransfers?\b": "传输",
    r"\bproperties\b": "属性",
    r"\brename\b": "重命名",
    r"\baccounts?\b": "账号",
    r"\bsign out\b": "退出登录",
    r"\bkeyring\b": "密钥环",
    r"\brefresh\b": "刷新",
}
# Where the English word means something else than the term.
GLOSSARY_EXCEPTIONS = {
    ("CoreSentences", "ends with a dot or a space, which Windows drops"),  # a blank: 空格
    (
        "TransferActions",
        "Replace the characters: each character the service refuses becomes “%1”, and dots and spaces "
        "at the end are dropped, giving the names after the arrows. "
        "Skip those: these items are not uploaded.",
    ),  # blanks again
    ("Properties", "App properties"),  # the Open API's appProperties: 应用属性 (checked below)
}


def test_chinese_texts_use_the_glossary_terms() -> None:
    off = []
    for message in messages(I18N / "dentry_zh_CN.ts"):
        if (message.context, message.source) in GLOSSARY_EXCEPTIONS:
            continue
        for pattern, term in GLOSSARY.items():
            if re.search(pattern, message.source, re.IGNORECASE) and term not in message.translations[0]:
                off.append((message.source, term, message.translations[0]))
    assert off == []


def test_the_glossary_lists_the_terms_checked() -> None:
    glossary = (I18N / "GLOSSARY.md").read_text(encoding="utf-8")
    assert all(term in glossary for term in GLOSSARY.values())
