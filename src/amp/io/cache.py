"""A small on-disk cache for inputs that are expensive to validate but rarely change.

Reading a plan directory or the legal parameters means parsing YAML and validating it
with pydantic: about a second of importing and compiling before the first number is
checked. The validated result depends only on the input files and on amp's code, so it is
kept, pickled, under a key made of both:

- every input file's name and bytes (a changed, added or removed file is a new key), and
- name, size and modification time of every module of amp that shapes the result.

Only inputs without problems are kept: reading an input with problems always runs the
full path, so every message is the same as without the cache. The cache lives in
`$AMP_CACHE_DIR`, else `$XDG_CACHE_HOME/amp`, else `~/.cache/amp`; `AMP_CACHE_DIR=off`
switches it off. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import amp

T = TypeVar("T")

AMP_DIR = Path(amp.__file__).resolve().parent
FORMAT = b"amp-cache-1"
KEPT = 32  # entries kept per kind; the oldest go first


def cache_dir() -> Path | None:
    configured = os.environ.get("AMP_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "amp"


def files_under(directory: Path) -> list[Path]:
    """Every regular file below `directory`, in a stable order (hidden ones left out)."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


@functools.cache
def _code_stamp(code: tuple[str, ...]) -> bytes:
    """Name, size and time of every module of the packages `code` (once per process)."""
    digest = hashlib.blake2b(digest_size=20)
    for package in code:
        for module in sorted((AMP_DIR / package).rglob("*.py")):
            stat = module.stat()
            digest.update(f"{module}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


def _key(kind: str, inputs: Iterable[Path], code: Iterable[str]) -> str:
    digest = hashlib.blake2b(FORMAT + kind.encode() + amp.__version__.encode(), digest_size=20)
    digest.update(_code_stamp(tuple(code)))
    digest.update(f"{Path.cwd()}\0".encode())  # the paths inside the result are as given
    for file in inputs:
        digest.update(f"{file}\0".encode())
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cached(kind: str, inputs: Iterable[Path], code: Iterable[str], build: Callable[[], T]) -> T:
    """`build()`, or what an earlier `build()` returned for the same inputs and code.

    `code` names amp's packages (e.g. "core", "io") whose modules shape the result. An
    exception from `build` passes through and nothing is kept.
    """
    directory = cache_dir()
    if directory is None:
        return build()
    try:
        file = directory / f"{kind}-{_key(kind, inputs, code)}.pickle"
    except OSError:
        return build()
    try:
        with file.open("rb") as handle:
            kept: T = pickle.load(handle)
        return kept
    except Exception:  # missing, damaged or from another version: build anew
        pass
    result = build()
    _store(directory, file, result)
    return result


def _store(directory: Path, file: Path, result: object) -> None:
    import tempfile

    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, delete=False) as handle:
            try:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                handle.close()
                os.unlink(handle.name)
                return
        os.replace(handle.name, file)
        kind = file.name.rsplit("-", 1)[0]
        kept = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in kept[:-KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        return
