"""`amp vollzug`: import, stand, hochrechnung, bericht, folgejahr on the demo data."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.core.ledger.alerts import alerts
from amp.core.ledger.steering import steer
from amp.example import DEMO_PLAN
from amp.io.ledger.store import load_ledger
from amp.io.plan_dir import load_plan

EXAMPLE = DEMO_PLAN
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["vollzug", *args], env={"COLUMNS": "160"})
    return result.exit_code, result.output


def test_stand_reports_the_unmapped_account_with_exit_1() -> None:
    code, out = run("stand")
    assert code == 1
    assert "Vollzug je Planzeile, Stand 31.10.2024" in out
    assert "Das Konto 68511.999 ist keiner Planzeile zugeordnet" in out
    assert "1.875,00 €" in out


def test_stand_as_json_balances_every_line_and_month() -> None:
    code, out = run("stand", "--format", "json", "--stand", "30.06.2024")
    assert code == 0  # the unmapped account's booking comes in September
    data = json.loads(out)
    assert data["stand"] == "2024-06-30"
    for line in data["zeilen"]:
        assert len(line["monate"]) == 6
        for m in line["monate"]:
            assert Decimal(m["ist"]) + Decimal(m["offen"]) + Decimal(m["frei"]) == Decimal(
                m["planung"]
            )
    assert [v["jahr"] for v in data["vorbelastungen"]] == [2025, 2026, 2027, 2028]


def test_hochrechnung_explains_a_line_and_its_one_off() -> None:
    code, out = run("hochrechnung", "--zeile", "aktivierung_erwachsene")
    assert code == 0
    assert "480.000 €" in out
    assert "nicht hochgerechnet" in out
    assert "Alle Methoden" in out
    code, out = run("hochrechnung", "--format", "json")
    data = json.loads(out)
    assert data["summe"]["intervall80"] is not None
    assert all(
        p["von"] not in {"reha", "jobperspektive"} for p in data["umschichtung"]["vorschlaege"]
    )
    code, out = run("hochrechnung", "--zeile", "gibtsnicht")
    assert code == 2


def test_bericht_html_has_chart_and_its_data(tmp_path: Path) -> None:
    code, out = run("bericht", "--output", str(tmp_path / "bericht.html"))
    assert code == 0, out
    html = (tmp_path / "bericht.html").read_text(encoding="utf-8")
    assert "<svg" in html
    assert "Daten der Grafik: Mittelabfluss kumuliert" in html
    assert "Vorschläge zur Umschichtung" in html
    assert run("bericht", "--output", str(tmp_path / "b.doc"))[0] == 2


def test_folgejahr_writes_a_readable_draft_with_sources(tmp_path: Path) -> None:
    code, out = run("folgejahr", "--output", str(tmp_path / "2025"))
    assert code == 0, out
    draft = load_plan(tmp_path / "2025").plan
    assert draft.year == 2025
    bae = next(line for line in draft.budget.lines() if line.id == "bae")
    assert bae.amounts.plan_prev == Decimal("1181037.75")
    assert bae.amounts.forecast_prev is not None
    assert bae.amounts.plan is None
    sources = (tmp_path / "2025" / "herkunft.csv").read_text(encoding="utf-8")
    assert "bae;Verpflichtungen;" in sources
    assert "Bindung V-bae-4" in sources


def test_import_previews_saves_and_reimports_nothing(tmp_path: Path) -> None:
    store = tmp_path / "vollzug"
    export = tmp_path / "export.csv"
    export.write_text(
        "Belegnr;Datum;Betrag;HHSt\n1;02.11.2024;1.000,00;68511.001\n2;03.11.2024;-50,00;68511.001\n",
        encoding="utf-8",
    )
    mapping = ["--spalte", "id=Belegnr", "--spalte", "konto=HHSt"]
    code, out = run("import", str(export), "--vollzug", str(store), *mapping, "--vorschau")
    assert code == 0, out
    assert "2 neu" in out
    assert not (store / "buchungen.csv").exists()
    code, out = run(
        "import", str(export), "--vollzug", str(store), *mapping, "--zuordnung-speichern"
    )
    assert code == 0, out
    assert (store / "spalten.yaml").exists()
    code, out = run("import", str(export), "--vollzug", str(store))  # saved mapping
    assert code == 0, out
    assert "0 neu, 0 geändert, 2 unverändert, 0 abgelehnt" in out


def test_import_refuses_bad_rows_and_unreadable_files(tmp_path: Path) -> None:
    store = tmp_path / "vollzug"
    export = tmp_path / "export.csv"
    export.write_text(
        "Buchungsnummer;Buchungsdatum;Betrag;Haushaltsstelle\n1;31.11.2024;1,00;6851\n",
        encoding="utf-8",
    )
    code, out = run("import", str(export), "--vollzug", str(store))
    assert code == 1
    assert "export.csv, Zeile 2, Spalte „Buchungsdatum“" in out
    assert not store.exists()
    code, out = run("import", str(tmp_path / "fehlt.csv"), "--vollzug", str(store))
    assert code == 2
    assert "Die Datei gibt es nicht." in out


def test_broken_vollzug_file_names_file_and_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    config = plan / "vollzug" / "vollzug.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("stand: '2024-10-31'", "stand: 31.13.2024"),
        encoding="utf-8",
    )
    code, out = run("stand", "--plan", str(plan))
    assert code == 2
    assert "vollzug.yaml:4 (stand)" in out
    assert "31.13.2024" in out


def test_umschichten_turns_proposals_into_fortschreibungen_once(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    _, before = run("hochrechnung", "--plan", str(plan), "--format", "json")
    proposals = json.loads(before)["umschichtung"]["vorschlaege"]
    assert proposals
    code, out = run("hochrechnung", "--plan", str(plan), "--umschichten")
    assert code == 0, out
    assert f"{2 * len(proposals)} Fortschreibung(en)" in out
    config = (plan / "vollzug" / "vollzug.yaml").read_text(encoding="utf-8")
    assert config.startswith("# Vollzug 2024")
    assert "U-20241031-1-von" in config
    code, out = run("stand", "--plan", str(plan), "--format", "json")
    lines = {z["zeile"]: z for z in json.loads(out)["zeilen"]}
    first = proposals[0]
    source_plan = Decimal(lines[first["von"]]["monate"][-1]["planung"])
    _, original = run("stand", "--format", "json")
    original_plan = Decimal(
        next(z for z in json.loads(original)["zeilen"] if z["zeile"] == first["von"])["monate"][-1][
            "planung"
        ]
    )
    moved = sum(Decimal(p["betrag"]) for p in proposals if p["von"] == first["von"])
    assert source_plan == original_plan - moved
    code, out = run("hochrechnung", "--plan", str(plan), "--umschichten")
    assert "schon vorhanden" in out or "0 Fortschreibung(en)" in out


def test_new_commitments_are_checked_against_the_free_amount(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    # Vermittlungsgutschein: 30.000 € planned, 7.485,72 € free at 31.10.2024; tolerance
    # 2 % of the plan (600 €) and at most 25.000 €: 600 € apply
    export = tmp_path / "bindungen.csv"
    header = "Bindung;Planzeile;Bindungsdatum;Status;Fälligkeit;Betrag\n"
    export.write_text(
        header
        + "N-1;vermittlungsgutschein;02.10.2024;gebunden;11.2024;7.000,00\n"
        + "N-2;vermittlungsgutschein;02.10.2024;gebunden;12.2024;800,00\n",
        encoding="utf-8",
    )
    code, out = run("import", str(export), "--art", "bindungen", "--plan", str(plan))
    assert code == 0, out
    assert "Warnung [vollzug.verfuegbarkeit]" in out
    assert "N-2" in out
    assert "485,72 €" in out  # what N-1 left free for N-2
    export.write_text(
        header + "N-3;vermittlungsgutschein;02.10.2024;gebunden;12.2024;5.000,00\n",
        encoding="utf-8",
    )
    before = (plan / "vollzug" / "bindungen.csv").read_bytes()
    code, out = run("import", str(export), "--art", "bindungen", "--plan", str(plan))
    assert code == 1
    assert "Fehler [vollzug.verfuegbarkeit]" in out
    assert "nichts wurde gespeichert" in out
    assert (plan / "vollzug" / "bindungen.csv").read_bytes() == before


def test_warnungen_lists_the_alerts_worst_first_with_exit_1() -> None:
    data = load_ledger(EXAMPLE / "vollzug", load_plan(EXAMPLE).plan)
    expected = alerts(steer(data.ledger, 2024, date(2024, 10, 31)), data.config.tolerance)
    code, out = run("warnungen", "--format", "json")
    assert code == 1  # lines run short: errors
    assert [(w["schwere"], w["zeile"], w["meldung"]) for w in json.loads(out)] == [
        (a.severity.value, a.line, a.message) for a in expected
    ]
    code, out = run("warnungen")
    assert code == 1
    assert f"Warnungen zum Stand 31.10.2024: {len(expected)}" in out
    assert "Fehler (Konto ohne Zuordnung): Das Konto 68511.999" in out
