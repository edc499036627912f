"""The bomb suite: hostile workbooks are refused (or read) within 5 s and 250 MB.

Each file is imported in a child process (tests/support/hostile_files.py) that reports its wall time
and peak memory, so the ceilings are measured where the work happens. The ceilings have
wide margins on purpose: they catch a bomb (the YAML bomb took 65 s and 2,7 GB, the zip
bomb 29 s and 3,35 GB before), not a slower machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.io.xlsx.cells import XlsxImportError
from amp.io.xlsx.export import export_xlsx
from amp.io.xlsx.importer import import_xlsx
from amp.io.xlsx.preflight import LIMITS
from amp.io.yaml_source import YamlError, parse_yaml
from tests.support import hostile_files as hostile

SECONDS = 5.0
MEGABYTES = 250.0
EXAMPLE = DEMO_PLAN


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "plan.xlsx"
    export_xlsx(load_plan(EXAMPLE).plan, target)
    return target


@pytest.fixture
def workbook(exported: Path, tmp_path: Path) -> Path:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(exported.read_bytes())
    return target


def refused(path: Path) -> list[str]:
    """Import in a child: the file must be refused within the ceilings; its problems."""
    result = hostile.import_in_child(path)
    assert result["seconds"] <= SECONDS, result
    assert result["mb"] <= MEGABYTES, result
    assert result["outcome"] == "refused", result
    problems: list[str] = result["problems"]
    return problems


def test_the_exported_plan_imports_within_the_ceilings(workbook: Path) -> None:
    result = hostile.import_in_child(workbook)
    assert result["outcome"] == "imported", result
    assert result["seconds"] <= SECONDS, result
    assert result["mb"] <= MEGABYTES, result


@pytest.mark.parametrize("levels", [7, 8])
def test_a_yaml_bomb_in_the_hidden_sheet(workbook: Path, levels: int) -> None:
    hostile.yaml_bomb(workbook, levels)
    assert workbook.stat().st_size < 40_000  # a few lines that would expand to 9**8 strings
    [problem] = refused(workbook)
    assert "Verweise (Anker &Name und *Name) sind hier nicht erlaubt" in problem
    assert problem.startswith("_amp: Plandaten beschädigt")


def test_a_decompression_bomb(workbook: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.xlsx"
    hostile.zip_bomb(workbook, bomb, megabytes=800)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # under the upload limit of 10 MB
    [problem] = refused(bomb)
    assert "entpackt 800,0 MB groß; erlaubt sind höchstens 20,0 MB je Teil" in problem
    assert "xl/worksheets/sheet1.xml" in problem


def test_a_part_packed_far_tighter_than_excel_would(workbook: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "dicht.xlsx"
    hostile.zip_bomb(workbook, bomb, megabytes=15)  # within the part limit, ratio ~1000
    [problem] = refused(bomb)
    assert "ungewöhnlich stark gepackt" in problem


def test_billion_laughs(workbook: Path) -> None:
    xml = hostile.entity_sheet(hostile.BILLION_LAUGHS, "lol9")
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": xml})
    [problem] = refused(workbook)
    assert "Dokumenttyp-Deklaration (DOCTYPE)" in problem


def test_xxe_reads_no_local_file(workbook: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMNIS-4711", "utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n'
    xml = hostile.entity_sheet(doctype, "e")
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": xml})
    problems = refused(workbook)
    assert "Dokumenttyp-Deklaration" in problems[0]
    assert not any("GEHEIMNIS" in p for p in problems)


def test_a_sheet_of_a_million_rows(workbook: Path) -> None:
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": hostile.rows_xml(1_000_000)})
    assert workbook.stat().st_size < 10 * 1024 * 1024
    [problem] = refused(workbook)
    assert "erlaubt sind höchstens 20,0 MB je Teil" in problem


def test_more_rows_than_any_plan_has(workbook: Path) -> None:
    rows = LIMITS.rows + 1
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": hostile.rows_xml(rows)})
    [problem] = refused(workbook)
    assert "ein Blatt hat mehr als 2.000 Zeilen" in problem


def test_more_cells_than_any_plan_has(workbook: Path) -> None:
    xml = hostile.rows_xml(LIMITS.cells // 20 + 10, columns=20)
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": xml})
    [problem] = refused(workbook)
    assert "mehr als 10.000 Zellen" in problem


def test_a_cell_longer_than_excel_allows(workbook: Path) -> None:
    text = "x" * (LIMITS.text + 1)
    xml = hostile.sheet_xml(f'<row r="4"><c r="A4" t="inlineStr"><is><t>{text}</t></is></c></row>')
    hostile.rewrite(workbook, {"xl/worksheets/sheet2.xml": xml})
    [problem] = refused(workbook)
    assert "mehr als 32.767 Zeichen" in problem


def test_the_largest_workbook_the_limits_let_through(workbook: Path) -> None:
    """Just under every limit, the import itself must stay within the ceilings."""
    book = load_workbook(workbook)
    sheet = book["Instrumente"]
    for row in range(4, 4 + 1_100):  # 7.700 cells more than the 1.444 of the plan
        for column in range(1, 8):
            sheet.cell(row, column).value = f"x{row}-{column}"
    book.save(workbook)
    assert workbook.stat().st_size < 10 * 1024 * 1024
    result = hostile.import_in_child(workbook)
    assert result["seconds"] <= SECONDS, result
    assert result["mb"] <= MEGABYTES, result


def test_a_renamed_zip_of_anything(tmp_path: Path) -> None:
    fake = hostile.rewrite_as_other_zip(tmp_path / "plan.xlsx")
    [problem] = refused(fake)
    assert "ein ZIP-Archiv ohne Arbeitsmappe (umbenannte Datei?)" in problem


def test_a_renamed_file_that_is_no_zip(tmp_path: Path) -> None:
    fake = tmp_path / "plan.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    [problem] = refused(fake)
    assert "die Datei ist kein ZIP-Archiv" in problem


def test_external_links_are_refused(workbook: Path) -> None:
    link = (
        b'<?xml version="1.0"?><externalLink xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    hostile.rewrite(workbook, {"xl/externalLinks/externalLink1.xml": link})
    [problem] = refused(workbook)
    assert "externe Bezüge" in problem


def test_merged_amount_cells_are_refused_with_sheet_and_cell(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Finanzplanung"].merge_cells("I13:I15")
    book.save(workbook)
    with pytest.raises(XlsxImportError) as caught:
        import_xlsx(workbook)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith("Finanzplanung!I13: verbundene Zellen I13:I15")


def test_merged_title_cells_are_harmless(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Finanzplanung"].merge_cells("A1:F1")
    book.save(workbook)
    assert import_xlsx(workbook).plan == load_plan(EXAMPLE).plan


def test_aliases_in_a_plan_file_expand_only_so_far() -> None:
    """Plan files may use aliases, but a bomb of them stops at MAX_VALUES values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    with pytest.raises(YamlError) as caught:
        parse_yaml("\n".join(lines), Path("plan.yaml"))
    assert "mehr als 200.000 Werte (durch Verweise *Name vervielfacht?)" in caught.value.message
    small = parse_yaml("a: &a [1, 2]\nb: *a\n", Path("plan.yaml"))
    assert small.data == {"a": [1, 2], "b": [1, 2]}
