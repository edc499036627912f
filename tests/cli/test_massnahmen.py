"""`amp massnahmen`: belegung, ausschreibungen, gutscheine, bilanz, import on the demo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from amp.cli import app
from amp.example import DEMO_PLAN

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["massnahmen", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_belegung_warns_of_measures_under_capacity() -> None:
    code, out = run("belegung")
    assert code == 0
    assert "Belegung 2024 bis 31.10.2024" in out
    assert "synthetische Demo-Daten" in out
    assert "Warnung: EU-Bürger: Auslastung unter 80 % in 3 Monaten in Folge" in out


def test_belegung_json_and_one_measure_month_by_month() -> None:
    code, out = run("belegung", "--format", "json", "--date", "2024-06-30")
    assert code == 0
    data = json.loads(out)
    assert data["stand"] == "2024-06-30"
    by_id = {m["massnahme"]: m for m in data["massnahmen"]}
    assert by_id["asaflex"]["freie_plaetze"] is not None
    code, out = run("belegung", "--massnahme", "asaflex")
    assert code == 0
    assert "Oktober 2024" in out
    code, out = run("belegung", "--massnahme", "gibt_es_nicht")
    assert code == 2
    assert "weder Vertrag noch Teilnahmen" in out


def test_ausschreibungen_lists_the_seeds_four_cases() -> None:
    code, out = run("ausschreibungen", "--format", "json")
    assert code == 0
    data = json.loads(out)
    ends = {i["vertrag"]: i["datum"] for i in data["kalender"]}
    assert ends["V-vermitteln_und_begleiten-1"] == "2024-06-30"
    assert ends["V-asaflex-1"] == "2024-08-31"
    assert ends["V-lernen_und_ausbildung-1"] == "2024-08-31"
    assert ends["V-aktivierungshilfen_pro-1"] == "2024-10-31"
    assert "V-bae_koop_2024-1" in ends
    assert any("Aktivierungshilfen pro: Vertrag endet 31.10.2024" in w for w in data["warnungen"])
    code, out = run("ausschreibungen", "--date", "2024-01-31")
    assert "Warnung: Vermitteln und Begleiten: Vertrag endet 30.06.2024" in out


def test_gutscheine_against_the_plan() -> None:
    code, out = run("gutscheine", "--format", "json")
    assert code == 0
    goals = json.loads(out)["ziele"]
    bgs = [g for g in goals if g["art"] == "bgs"]
    planned = {g["gruppe"]: 0 for g in bgs}
    for g in bgs:
        planned[g["gruppe"]] += g["geplant"]
    assert planned == {"Fortbildung": 192, "Umschulung": 53}
    assert sum(g["geplant"] for g in goals if g["art"] == "avgs") == 148
    code, out = run("gutscheine")
    assert "Bildungsgutscheine 2024, Stand 31.10.2024" in out
    assert "AVGS 2024" in out


def test_bilanz_on_screen_and_as_workbook(tmp_path: Path) -> None:
    code, out = run("bilanz")
    assert code == 0
    assert "Eingliederungsbilanz 2024 (Stand 31.10.2024)" in out
    target = tmp_path / "bilanz.xlsx"
    code, out = run("bilanz", "--output", str(target))
    assert code == 0
    ws = load_workbook(target)["Eingliederungsbilanz"]
    names = [r[0] for r in ws.iter_rows(values_only=True)]
    assert "Assistierte Ausbildung" in names
    code, out = run("bilanz", "--output", str(tmp_path / "bilanz.doc"))
    assert code == 2


def test_import_previews_refuses_and_is_idempotent(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(DEMO_PLAN, plan)
    export = tmp_path / "export.csv"
    export.write_text(
        "Ereignis;Person;Maßnahme;Art;Datum;Austrittsgrund\n"
        "X1;PS-neu;asaflex;Eintritt;2024-10-30;\n",
        encoding="utf-8",
    )
    code, out = run("import", str(export), "--plan", str(plan), "--vorschau")
    assert code == 0
    assert "1 neu" in out
    assert "Vorschau: nichts gespeichert." in out
    code, out = run("import", str(export), "--plan", str(plan))
    assert code == 0
    code, out = run("import", str(export), "--plan", str(plan))
    assert "0 neu" in out
    assert "1 unverändert" in out
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Ereignis;Person;Maßnahme;Art;Datum;Austrittsgrund\nX2;P;asaflex;Austritt;2024-10-30;\n",
        encoding="utf-8",
    )
    code, out = run("import", str(bad), "--plan", str(plan))
    assert code == 1
    assert "Zeile 2" in out
    assert "braucht einen Grund" in out


def test_bilanz_reads_the_status_from_the_microdata(tmp_path: Path) -> None:
    from amp.io.occupancy.store import load

    exits = [e for e in load(DEMO_PLAN / "massnahmen").events if e.kind.value == "austritt"]
    first = next(
        e for e in exits if e.measure == "asaflex" and e.day.year == 2024 and e.day.month <= 4
    )
    later = f"{first.day.year}-{first.day.month + 6:02d}"
    (tmp_path / "panel.csv").write_text(
        f"person_id,monat\n{first.person},2024-10\n", encoding="utf-8"
    )
    (tmp_path / "beschaeftigung.csv").write_text(
        f"person_id,monat\n{first.person},{later}\n", encoding="utf-8"
    )
    code, out = run("bilanz", "--kennzahlen-daten", str(tmp_path))
    assert code == 0
    assert "aus den Mikrodaten der Kennzahlen" in out
    code, out = run("bilanz", "--kennzahlen-daten", str(tmp_path / "fehlt"))
    assert code == 2
    assert "beschaeftigung.parquet oder beschaeftigung.csv fehlt" in out
