"""Hostile ledger workbooks (a finance system's export as .xlsx) go through the workbook
preflight with the ledger's own limits: a decompression bomb or a huge shared strings
table is refused quickly and cheaply, measured in a child process as in
test_hostile_workbooks.py; a real export within the limits is read."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from amp.core.problems import InputProblems
from amp.io.ledger.tables import LEDGER_LIMITS
from amp.io.xlsx.preflight import Limits, check_workbook
from tests.support import hostile_files as hostile

SECONDS = 5.0
MEGABYTES = 250.0

_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from amp.core.problems import InputProblems
    from amp.io.ledger.readers import read_bookings

    path = Path(sys.argv[1])
    start = time.perf_counter()
    try:
        result = read_bookings(path)
        outcome, problems = "read", [str(p) for p in result.refused]
        rows = len(result.records)
    except InputProblems as exc:
        outcome, problems, rows = "refused", [str(p) for p in exc.problems], 0
    seconds = time.perf_counter() - start
    lines = Path("/proc/self/status").read_text().splitlines()
    peak = int([x for x in lines if x.startswith("VmHWM:")][0].split()[1]) / 1024
    print(json.dumps({"outcome": outcome, "problems": problems, "rows": rows,
                      "seconds": seconds, "mb": peak}))
    """
)


def _in_child(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=hostile._limit,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["seconds"] <= SECONDS, result
    assert result["mb"] <= MEGABYTES, result
    return result


@pytest.fixture
def export(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Buchungsnummer", "Buchungsdatum", "Betrag", "Haushaltsstelle", "Buchungstext"])
    sheet.append(["B-1", "15.10.2024", "1.234,56", "68511.004", "Rechnung Träger A"])
    sheet.append(["B-2", "20.10.2024", "-200,00", "68511.004", "Rückforderung"])
    target = tmp_path / "export.xlsx"
    book.save(target)
    return target


def test_a_real_export_is_read(export: Path) -> None:
    result = _in_child(export)
    assert result["outcome"] == "read", result
    assert result["rows"] == 2


def test_a_decompression_bomb_is_refused_at_once(export: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.xlsx"
    hostile.zip_bomb(export, bomb, megabytes=300)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    result = _in_child(bomb)
    assert result["outcome"] == "refused", result
    [problem] = result["problems"]
    assert problem.startswith("bombe.xlsx")
    assert "ungewöhnlich stark gepackt" in problem
    assert "xl/worksheets/sheet1.xml" in problem


def test_a_huge_shared_strings_table_is_refused(export: Path) -> None:
    entries = 5_000_000  # more than the limit, 80 MB of XML packed into a few hundred KB
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    body = b"<si><t>x</t></si>" * entries
    xml = (
        (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{entries}" '
            f'uniqueCount="{entries}">'
        ).encode()
        + body
        + b"</sst>"
    )
    hostile.rewrite(export, {"xl/sharedStrings.xml": xml})
    result = _in_child(export)
    assert result["outcome"] == "refused", result
    [problem] = result["problems"]
    assert "xl/sharedStrings.xml" in problem


def test_the_shared_strings_limit_itself(export: Path) -> None:
    """Below the packing ratio, the count of shared strings is the limit that holds."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    table = f'<sst xmlns="{main}"><si><t>a</t></si><si><t>b</t></si></sst>'.encode()
    hostile.rewrite(export, {"xl/sharedStrings.xml": table})
    small = Limits(**{**LEDGER_LIMITS.__dict__, "strings": 1})
    with pytest.raises(InputProblems) as caught:
        check_workbook(export, export.name, small)
    [problem] = [str(p) for p in caught.value.problems]
    assert "gemeinsamen Texte hat mehr als 1 Einträge" in problem
    assert "größere Exporte bitte als CSV einlesen" in problem


def test_an_export_beyond_the_plan_limits_is_read(tmp_path: Path) -> None:
    """3.000 bookings: more rows and cells than a plan workbook may have (2.000 rows,
    10.000 cells), well within the ledger's limits."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Buchungen")
    sheet.append(["Buchungsnummer", "Buchungsdatum", "Betrag", "Haushaltsstelle", "Buchungstext"])
    for n in range(3_000):
        sheet.append([f"B-{n}", "15.10.2024", "100,00", "68511.004", f"Rechnung {n}"])
    target = tmp_path / "gross.xlsx"
    book.save(target)
    with pytest.raises(InputProblems):
        check_workbook(target, target.name)  # the plan workbooks' limits refuse it
    result = _in_child(target)
    assert result["outcome"] == "read", result
    assert result["rows"] == 3_000
