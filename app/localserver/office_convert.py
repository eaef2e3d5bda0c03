"""Office and WPS documents to PDF with LibreOffice (``soffice``), in a process tree of its own.

A conversion takes a second or more, and a broken document can hang the converter: each one
runs with a timeout, can be cancelled (the service is stopping), and is killed with all its
children (soffice forks soffice.bin) when either happens.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

OFFICE_TIMEOUT_SECONDS = 60.0
_CANCEL_POLL_SECONDS = 0.1
# One conversion at a time: soffice is heavy and two instances fight over resources.
_LOCK = threading.Lock()


class ConversionError(Exception):
    """LibreOffice failed, timed out or made no PDF."""


class ConversionCancelled(Exception):
    """The caller gave up (the service is stopping): nothing is known about the document."""


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` on PATH, or where its installers put it; None when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    # Installers on Windows and macOS do not put soffice on PATH.
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if base:
                candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
                if candidate.is_file():
                    return str(candidate)
    elif sys.platform == "darwin":
        candidate = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        if candidate.is_file():
            return str(candidate)
    return None


def convert_to_pdf(source: Path, extension: str, work: Path, cancel: threading.Event | None) -> Path:
    """Convert `source` (a document of type `extension`) to a PDF inside the empty folder `work`."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("LibreOffice is not installed")
    with _LOCK:
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        # Stored blobs carry no extension, and LibreOffice picks its import filter by it.
        document = work / f"input.{extension}"
        shutil.copyfile(source, document)
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(document),
        ]
        _run_with_timeout(command, OFFICE_TIMEOUT_SECONDS, work, cancel)
    pdf = outdir / "input.pdf"
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConversionError(f"LibreOffice could not convert {source.name} (.{extension})")
    return pdf


def _run_with_timeout(command: list[str], timeout: float, cwd: Path, cancel: threading.Event | None) -> None:
    """Run ``command``; on timeout or `cancel` kill it with all its children (soffice forks soffice.bin)."""
    # A new process group / session, so that a timeout can kill the whole tree at once.
    if sys.platform == "win32":
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            creationflags=subprocess.CREATE_NEW_PROCESS_GROUP,
        )
    else:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    failure: Exception | None = None
    output = b""
    try:
        while failure is None:
            try:
                output, _ = process.communicate(timeout=_CANCEL_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    failure = ConversionCancelled("the conversion was cancelled")
                elif time.monotonic() > deadline:
                    failure = ConversionError(f"LibreOffice timed out after {timeout:.0f} s")
    except BaseException:
        _kill_tree(process)
        process.communicate()
        raise
    if failure is not None:
        _kill_tree(process)
        process.communicate()
        raise failure
    if process.returncode != 0:
        tail = output.decode("utf-8", "replace").strip()[-300:]
        raise ConversionError(f"LibreOffice failed with exit code {process.returncode}: {tail}")


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        process.kill()
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
