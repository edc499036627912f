"""Hostile workbooks for the bomb suite, and a child process that imports one and measures.

Each builder writes a file that an attacker (or a careless user) could upload. The child
imports it as the web app's preview does and reports the outcome, its wall time and its
peak memory (VmHWM), so that a bomb cannot take the test process down with it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

# a child that runs away is stopped here, long before it could hurt the machine
_ADDRESS_SPACE = 3 * 1024**3

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from amp.io.xlsx.cells import XlsxImportError
    from amp.io.xlsx.importer import import_xlsx

    path = Path(sys.argv[1])
    start = time.perf_counter()
    try:
        result = import_xlsx(path)
        outcome, problems = "imported", []
    except XlsxImportError as exc:
        outcome, problems = "refused", [str(p) for p in exc.problems]
    seconds = time.perf_counter() - start
    # VmHWM is this interpreter's own peak; ru_maxrss would include the parent's
    # (Linux carries it across fork and exec), e.g. a pytest process grown to 270 MB
    status = Path("/proc/self/status")
    lines = status.read_text().splitlines() if status.exists() else []
    hwm = [line for line in lines if line.startswith("VmHWM:")]
    peak = (
        int(hwm[0].split()[1]) / 1024
        if hwm
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    print(json.dumps({"outcome": outcome, "problems": problems, "seconds": seconds, "mb": peak}))
    """
)


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE, _ADDRESS_SPACE))


def import_in_child(path: Path, timeout: float = 120) -> dict[str, Any]:
    """Import `path` in a fresh interpreter; its outcome, problems, seconds and peak MB."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rewrite(path: Path, changes: dict[str, bytes | None], target: Path | None = None) -> Path:
    """Copy the archive `path` with some parts replaced (None: removed) or added."""
    target = target or path
    with zipfile.ZipFile(path) as source:
        contents = {n: source.read(n) for n in source.namelist()}
    for name, data in changes.items():
        if data is None:
            contents.pop(name, None)
        else:
            contents[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in contents.items():
            out.writestr(name, data)
    return target


def rewrite_as_other_zip(target: Path) -> Path:
    """A zip archive of anything, named like a workbook."""
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("liesmich.txt", "kein Excel")
    return target


def yaml_bomb(workbook: Path, levels: int) -> None:
    """Nested aliases in the hidden `_amp` sheet: 9 ** levels strings from a few lines."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    book = load_workbook(workbook)
    sheet = book["_amp"]
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row, 1).value = None
    sheet["A3"] = "\n".join(lines) + "\n"
    book.save(workbook)


def sheet_xml(body: str, before: str = "") -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{before}'
        f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


# ten levels of entities, each ten times the one before: 10**9 "lol" from 1 KB
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


def entity_sheet(doctype: str, entity: str) -> bytes:
    """A sheet whose only cell holds `&entity;`, declared in `doctype`."""
    cell = f'<row r="4"><c r="A4" t="inlineStr"><is><t>&{entity};</t></is></c></row>'
    return sheet_xml(cell, doctype)


def zip_bomb(workbook: Path, target: Path, megabytes: int = 800) -> None:
    """One cell with an inline string of `megabytes` MB, streamed into the first sheet."""
    with zipfile.ZipFile(workbook) as source:
        contents = {n: source.read(n) for n in source.namelist()}
    member = "xl/worksheets/sheet1.xml"
    head, tail = sheet_xml("\x00").decode().split("\x00")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in contents.items():
            if name != member:
                out.writestr(name, data)
        with out.open(member, "w", force_zip64=True) as stream:
            stream.write(head.encode() + b'<row r="1"><c r="A1" t="inlineStr"><is><t>')
            block = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(b"</t></is></c></row>" + tail.encode())


def rows_xml(count: int, columns: int = 1) -> bytes:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{letters[c]}{r}"><v>{r}</v></c>' for c in range(columns))
        + "</row>"
        for r in range(4, count + 4)
    )
    return sheet_xml(body)
