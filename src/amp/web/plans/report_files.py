"""The report PDF of a version, rendered once per document and kept on disk.

Rendering takes seconds of CPU (WeasyPrint); a version's document changes far less often
than it is downloaded. The PDF is stored under AMP_DATA_DIR/berichte, named by a digest of
the document (for a published version, which never changes again: the version), amp's
version and the day (the report prints its creation date), so an edited document can
never be served a stale report and no invalidation is needed.

Concurrent requests for the same report wait for one render (a file lock per digest,
across all server processes), and at most RENDERS reports are rendered at the same time
on the machine (lock-file slots); a request that waits too long for a slot gets a
"wird erstellt" page instead of an error.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from django.conf import settings

import amp
from amp.web.plans.derived import document_digest
from amp.web.plans.models import PUBLISHED, PlanVersion

RENDERS = int(os.environ.get("AMP_PDF_RENDERS", "2"))  # simultaneous renders, machine-wide
WAIT_SECONDS = 20.0  # longest wait for the render of this report or for a free slot (a
# request waiting holds a server thread; past this it gets the "wird erstellt" page)
KEPT = 200  # reports kept on disk; the oldest go first
BERLIN = ZoneInfo("Europe/Berlin")


class StillRendering(Exception):
    """No slot became free in time; the report is not ready yet."""


def directory() -> Path:
    folder = Path(settings.DATA_DIR) / "berichte"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report_key(version: PlanVersion, today: date | None = None) -> str:
    """The name of the report: the document, amp's version and the day.

    A published version's document never changes again, so the version itself (with its
    creation time, which a restored or replaced database does not share) names it without
    the cost of a digest of the whole document (about 6 ms); a draft's document is
    digested, so that every edit gets a new report.
    """
    day = (today or datetime.now(BERLIN).date()).isoformat()
    if version.status in PUBLISHED:
        document = f"stand:{version.pk}:{version.created_at.isoformat()}:{version.status}"
    else:
        document = document_digest(version.document)
    text = f"{document}:{amp.__version__}:{day}"
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def _locked(path: Path, wait: float, blocking: bool = True) -> Iterator[bool]:
    """Hold an exclusive lock on `path` (True), or yield False when it stays taken."""
    with path.open("a+b") as handle:
        if _acquire(handle, wait, blocking):
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        else:
            yield False


def _acquire(handle: IO[bytes], wait: float, blocking: bool) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if not blocking or time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


@contextmanager
def _render_slot(folder: Path, wait: float) -> Iterator[None]:
    """One of RENDERS machine-wide slots; raises StillRendering after `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        for slot in range(max(RENDERS, 1)):
            with _locked(folder / f".slot-{slot}.lock", 0, blocking=False) as free:
                if free:
                    yield
                    return
        if time.monotonic() >= deadline:
            raise StillRendering
        time.sleep(0.1)


def report_pdf(
    version: PlanVersion,
    render: Callable[[], bytes],
    wait: float = WAIT_SECONDS,
    *,
    variant: str = "",
) -> bytes:
    """The stored PDF of `version`, rendered by `render` if no process has done so yet;
    `variant` names a different content of the same version (e.g. with line comments)."""
    folder = directory()
    key = report_key(version) + (f"-{variant}" if variant else "")
    target = folder / f"{key}.pdf"
    if target.is_file():
        return target.read_bytes()
    with _locked(folder / f".{key}.lock", wait) as mine:
        if not mine:
            raise StillRendering
        if target.is_file():  # another request rendered it while this one waited
            return target.read_bytes()
        with _render_slot(folder, wait):
            content = render()
        _store(folder, target, content)
    (folder / f".{key}.lock").unlink(missing_ok=True)
    return content


def _store(folder: Path, target: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the newest KEPT reports; remove temporary files older than an hour."""

    def modified(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except FileNotFoundError:  # another process pruned it meanwhile
            return 0.0

    reports = sorted(folder.glob("*.pdf"), key=modified, reverse=True)
    for old in reports[KEPT:]:
        old.unlink(missing_ok=True)
    stale = time.time() - 3600
    for leftover in folder.glob(".tmp-*"):
        if modified(leftover) < stale:
            leftover.unlink(missing_ok=True)
