"""Bad input is reported in German with file, row and column; nothing is computed."""

from __future__ import annotations

from pathlib import Path

import pytest

from amp.kpi.engines import compute_duckdb
from amp.kpi.inputs import InputError
from amp.kpi.params import Params

HEADER = "person_id,jobcenter,monat,elb,geschlecht,geburtsjahr,alleinerziehend,llu,luh,massnahme"
GOOD = "A,EN,2024-01,ja,w,1980,nein,500.00,300.00,nein"


def write(directory: Path, panel: list[str], events: list[str] | None = None, **extra: str) -> Path:
    (directory / "panel.csv").write_text("\n".join([HEADER, *panel]) + "\n", encoding="utf-8")
    ev = ["person_id,datum,art,erfasst_am", *(events or [])]
    (directory / "ereignisse.csv").write_text("\n".join(ev) + "\n", encoding="utf-8")
    (directory / "beschaeftigung.csv").write_text("person_id,monat\n", encoding="utf-8")
    for name, text in extra.items():
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory


def problems(directory: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        compute_duckdb(directory, Params())
    return [str(p) for p in info.value.problems]


def test_good_input_passes(tmp_path: Path) -> None:
    data = compute_duckdb(write(tmp_path, [GOOD]), Params())
    assert data.jobcenters == ["EN"]


def test_type_error_names_row_and_column(tmp_path: Path) -> None:
    bad = "B,EN,2024-01,ja,w,neunzehn,nein,500.00,300.00,nein"
    found = problems(write(tmp_path, [GOOD, bad]))
    assert len(found) == 1
    assert "panel.csv, Zeile 3, Spalte „geburtsjahr“: keine plausible ganze Zahl" in found[0]
    assert "„neunzehn“" in found[0]


def test_money_with_comma_and_bad_bool_and_sex(tmp_path: Path) -> None:
    bad = 'B,EN,2024-01,vielleicht,x,1980,nein,"500,5",300.00,nein'
    found = problems(write(tmp_path, [bad]))
    text = "\n".join(found)
    assert "Spalte „elb“: kein Wahrheitswert" in text
    assert "Spalte „geschlecht“: unzulässiger Wert (erlaubt: m, w, d)" in text
    assert "Spalte „llu“: kein Betrag" in text


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    found = problems(write(tmp_path, [GOOD, GOOD + ",zuviel"]))
    assert "panel.csv, Zeile 3: nicht lesbar: falsche Zahl von Feldern" in found[0]


def test_duplicate_person_month(tmp_path: Path) -> None:
    found = problems(write(tmp_path, [GOOD, GOOD.replace("500.00", "400.00")]))
    assert any("Zeile 2" in p and "doppelter Eintrag für (person_id, monat)" in p for p in found)
    assert any("Zeile 3" in p for p in found)


def test_impossible_dates(tmp_path: Path) -> None:
    found = problems(
        write(
            tmp_path,
            [GOOD.replace("2024-01", "2024-13")],
            events=["A,2024-02-30,svb,"],
            zeitraeume="person_id,beginn,ende\nA,2024-03-01,2024-01-31\n",
        )
    )
    text = "\n".join(found)
    assert "panel.csv, Zeile 2, Spalte „monat“: kein gültiger Monat" in text
    assert "„2024-13“" in text
    assert "ereignisse.csv, Zeile 2, Spalte „datum“: kein gültiges Datum" in text
    assert "zeitraeume.csv, Zeile 2, Spalte „ende“: Ende liegt vor dem Beginn" in text


@pytest.mark.parametrize("month", ["2024-1a", "24-01", "2024/01", "2024-00", "0999-01"])
def test_malformed_months(tmp_path: Path, month: str) -> None:
    found = problems(write(tmp_path, [GOOD.replace("2024-01", month)]))
    assert any("Spalte „monat“: kein gültiger Monat" in p for p in found), found


def test_unknown_event_kind_and_missing_value(tmp_path: Path) -> None:
    found = problems(write(tmp_path, [GOOD], events=["A,2024-01-05,minijob,", ",2024-01-05,svb,"]))
    text = "\n".join(found)
    assert "Zeile 2, Spalte „art“: unzulässiger Wert" in text
    assert "Zeile 3, Spalte „person_id“: Wert fehlt" in text


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "panel.csv").write_text("person_id,jobcenter\nA,EN\n", encoding="utf-8")
    found = problems(tmp_path)
    assert any("Datei ereignisse.parquet oder ereignisse.csv fehlt" in p for p in found)
    (tmp_path / "ereignisse.csv").write_text("person_id,datum,art\n", encoding="utf-8")
    (tmp_path / "beschaeftigung.csv").write_text("person_id,monat\n", encoding="utf-8")
    found = problems(tmp_path)
    assert any("Spalte „monat“: Pflichtspalte fehlt" in p for p in found)


def test_unreadable_parquet(tmp_path: Path) -> None:
    write(tmp_path, [GOOD])
    (tmp_path / "panel.csv").unlink()
    (tmp_path / "panel.parquet").write_bytes(b"not parquet at all")
    found = problems(tmp_path)
    assert "panel.parquet" in found[0]
    assert "nicht lesbar" in found[0]


def test_parquet_input_gives_same_result_as_csv(tmp_path: Path) -> None:
    import duckdb

    from .caseio import load_cases, write_inputs

    case = next(c for c in load_cases() if c.name == "lzb_tage")
    csv_dir = write_inputs(case, tmp_path / "csv")
    pq_dir = tmp_path / "parquet"
    pq_dir.mkdir()
    con = duckdb.connect()
    for path in csv_dir.glob("*.csv"):
        # typed columns (dates as DATE, money as DECIMAL) as a statistics export would have
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header = true)) "
            f"TO '{pq_dir / (path.stem + '.parquet')}' (FORMAT parquet)"
        )
    assert compute_duckdb(pq_dir, Params()).series == compute_duckdb(csv_dir, Params()).series


def test_parquet_negative_money(tmp_path: Path) -> None:
    import duckdb

    write(tmp_path, [GOOD])
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT 'A' AS person_id, 'EN' AS jobcenter, '2024-01' AS monat, true AS elb, "
        f"'w' AS geschlecht, 1980 AS geburtsjahr, false AS alleinerziehend, "
        f"CAST(-5 AS DECIMAL(12, 2)) AS llu, CAST(300 AS DECIMAL(12, 2)) AS luh, "
        f"false AS massnahme) TO '{tmp_path / 'panel.parquet'}' (FORMAT parquet)"
    )
    (tmp_path / "panel.csv").unlink()
    found = problems(tmp_path)
    assert any("panel.parquet, Zeile 1, Spalte „llu“: negativer Betrag" in p for p in found)


def test_same_month_written_two_ways_is_a_duplicate(tmp_path: Path) -> None:
    found = problems(write(tmp_path, [GOOD, GOOD.replace("2024-01", "2024-01-15")]))
    assert any("Zeile 3" in p and "doppelter Eintrag für (person_id, monat)" in p for p in found)


def test_duplicate_months_far_apart_and_in_other_blocks(tmp_path: Path) -> None:
    rows = [GOOD.replace("2024-01", f"{2000 + i // 12}-{i % 12 + 1:02d}") for i in range(0, 300, 7)]
    assert compute_duckdb(write(tmp_path, rows), Params()).jobcenters == ["EN"]
    found = problems(write(tmp_path, [*rows, rows[-1].replace("500.00", "1.00")]))
    assert any("doppelter Eintrag für (person_id, monat)" in p for p in found), found


def test_parquet_typed_dates_end_before_start(tmp_path: Path) -> None:
    import duckdb

    write(tmp_path, [GOOD], events=["A,2024-01-10,svb,2024-01-05"])
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT 'A' AS person_id, DATE '2024-03-01' AS beginn, DATE '2024-01-31' AS ende) "
        f"TO '{tmp_path / 'zeitraeume.parquet'}' (FORMAT parquet)"
    )
    found = problems(tmp_path)
    text = "\n".join(found)
    assert "zeitraeume.parquet, Zeile 1, Spalte „ende“: Ende liegt vor dem Beginn" in text
    assert "ereignisse.csv, Zeile 2, Spalte „erfasst_am“: Erfassung liegt vor dem Ereignis" in text
