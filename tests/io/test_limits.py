"""Every file amp reads refuses values beyond amp.core.limits, naming the line or cell:
plan files (YAML), workbooks (XLSX), KPI inputs (CSV) and the §16i cohort (CSV)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from amp.example import DEMO_PLAN
from amp.io.plan_dir import PlanLoadError, load_plan
from amp.io.xlsx.cells import XlsxImportError
from amp.io.xlsx.export import export_xlsx
from amp.io.xlsx.importer import import_xlsx
from amp.kpi.engines import compute_duckdb
from amp.kpi.inputs import InputError
from amp.kpi.params import Params
from amp.rules.cohort_csv import CohortError, read_cohort

EXAMPLE = DEMO_PLAN


def test_plan_file_with_an_amount_beyond_the_ceiling_names_file_and_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    budget = plan / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace("plan: 30000.00}", "plan: 99999999999999999999999999.99}", 1))
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan)
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 1
    assert "budget.yaml:19" in found[0]
    assert "höchstens 12 Stellen vor dem Komma" in found[0]


def test_plan_file_with_a_version_label_beyond_its_column(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    main = plan / "plan.yaml"
    lines = main.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("label:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}label: {'L' * 301}"
    main.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan)
    assert any("höchstens 300 Zeichen" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize(
    ("value", "says"),
    [(1e30, "höchstens 12 Stellen vor dem Komma"), ("²", "Text statt Zahl ('²')")],
)
def test_workbook_cell_beyond_the_limits_names_sheet_and_cell(
    tmp_path: Path, value: object, says: str
) -> None:
    book_path = tmp_path / "plan.xlsx"
    export_xlsx(load_plan(EXAMPLE).plan, book_path)
    book = load_workbook(book_path)
    book["Finanzplanung"]["I5"] = value
    book.save(book_path)
    with pytest.raises(XlsxImportError) as caught:
        import_xlsx(book_path)
    found = [str(p) for p in caught.value.problems]
    assert any("Finanzplanung!I5" in p and says in p for p in found), found


KPI_HEADER = (
    "person_id,jobcenter,monat,elb,geschlecht,geburtsjahr,alleinerziehend,llu,luh,massnahme"
)


@pytest.mark.parametrize("amount", ["1000000000000.00", "١٢٣.00", "5²"])
def test_kpi_amount_beyond_the_limits_names_row_and_column(tmp_path: Path, amount: str) -> None:
    row = f"A,EN,2024-01,ja,w,1980,nein,{amount},300.00,nein"
    (tmp_path / "panel.csv").write_text(f"{KPI_HEADER}\n{row}\n", encoding="utf-8")
    (tmp_path / "ereignisse.csv").write_text("person_id,datum,art,erfasst_am\n", encoding="utf-8")
    (tmp_path / "beschaeftigung.csv").write_text("person_id,monat\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        compute_duckdb(tmp_path, Params())
    found = [str(p) for p in caught.value.problems]
    assert any("Zeile 2, Spalte „llu“: kein Betrag" in p for p in found), found


COHORT_HEADER = "id,start,approved_until,hours_per_week,household,hourly_wage,status\n"


@pytest.mark.parametrize(
    ("wage", "says"),
    [
        ("١٢", "Die Ziffer ‚١‘ (arabisch-indische Ziffer Eins) ist nicht erlaubt"),
        ("1" * 20, "höchstens 12 Stellen vor dem Komma"),
    ],
)
def test_cohort_value_beyond_the_limits_names_line_and_column(
    tmp_path: Path, wage: str, says: str
) -> None:
    file = tmp_path / "kohorte.csv"
    row = f"a,2024-03-01,2025-02-28,39,single,{wage},bewilligt\n"
    file.write_text("# Testkohorte\n" + COHORT_HEADER + row, encoding="utf-8")
    with pytest.raises(CohortError) as caught:
        read_cohort(file)
    assert "Spalte „hourly_wage“" in str(caught.value)
    assert says in str(caught.value)


def test_kpi_parquet_amount_beyond_the_ceiling_names_the_column(tmp_path: Path) -> None:
    import duckdb

    row = "A,EN,2024-01,ja,w,1980,nein,500.00,300.00,nein"
    (tmp_path / "panel.csv").write_text(f"{KPI_HEADER}\n{row}\n", encoding="utf-8")
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * REPLACE (CAST('1000000000000.00' AS DECIMAL(18, 2)) AS llu) "
        f"FROM read_csv('{tmp_path / 'panel.csv'}', header = true)) "
        f"TO '{tmp_path / 'panel.parquet'}' (FORMAT parquet)"
    )
    (tmp_path / "panel.csv").unlink()
    (tmp_path / "ereignisse.csv").write_text("person_id,datum,art,erfasst_am\n", encoding="utf-8")
    (tmp_path / "beschaeftigung.csv").write_text("person_id,monat\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        compute_duckdb(tmp_path, Params())
    found = [str(p) for p in caught.value.problems]
    assert any("Spalte „llu“: Betrag zu groß (höchstens 12 Stellen" in p for p in found), found
