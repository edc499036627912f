"""Import of flows, contracts and vouchers: preview, idempotence, all-or-nothing, German
problems with their place; the demo data agree with the plan and the in-year demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from amp.core.occupancy import FlowKind, TenderStatus, tender_calendar
from amp.core.problems import InputProblems
from amp.example import DEMO_PLAN
from amp.io.occupancy.demo import STAND, generate
from amp.io.occupancy.importer import apply_import, preview_import
from amp.io.occupancy.readers import Kind, read_contracts, read_flows
from amp.io.occupancy.store import FILES, load
from amp.io.plan_dir import load_plan

FLOWS = """Ereignis;Person;Maßnahme;Art;Datum;Austrittsgrund;Frau
T1;PS-1;m1;Zuweisung;01.03.2024;;ja
T2;PS-1;m1;Eintritt;10.03.2024;;ja
T3;PS-1;m1;Austritt;20.03.2024;Abbruch;ja
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_flows_import_is_previewed_then_written_and_a_second_import_changes_nothing(
    tmp_path: Path,
) -> None:
    store = tmp_path / "massnahmen"
    export = _write(tmp_path / "export.csv", FLOWS)
    first = preview_import(store, Kind.FLOWS, export)
    assert first.counts() == {"neu": 3, "geändert": 0, "unverändert": 0, "abgelehnt": 0}
    assert not (store / FILES[Kind.FLOWS]).exists()  # a preview writes nothing
    apply_import(store, first)
    again = preview_import(store, Kind.FLOWS, export)
    assert again.counts() == {"neu": 0, "geändert": 0, "unverändert": 3, "abgelehnt": 0}
    changed = _write(tmp_path / "changed.csv", FLOWS.replace("Abbruch", "Integration"))
    third = preview_import(store, Kind.FLOWS, changed)
    assert third.counts()["geändert"] == 1
    apply_import(store, third)
    events = load(store).events
    assert [e.kind for e in events] == [FlowKind.ASSIGNMENT, FlowKind.ENTRY, FlowKind.EXIT]
    assert events[2].reason is not None
    assert events[2].reason.value == "integration"
    assert events[1].woman is True


def test_a_file_with_a_bad_row_is_refused_whole_with_german_places(tmp_path: Path) -> None:
    store = tmp_path / "massnahmen"
    bad = FLOWS + "T4;PS-2;m1;Eintrit;32.03.2024;;vielleicht\nT5;PS-2;m1;Austritt;01.04.2024;;\n"
    result = preview_import(store, Kind.FLOWS, _write(tmp_path / "bad.csv", bad))
    texts = [str(p) for p in result.refused]
    assert any("Zeile 5" in t and "Spalte „Art“" in t and "keine Ereignisart" in t for t in texts)
    assert any("Zeile 5" in t and "Spalte „Datum“" in t for t in texts)
    assert any("Zeile 5" in t and "Spalte „Frau“" in t for t in texts)
    assert any("Zeile 6" in t and "braucht einen Grund" in t for t in texts)
    with pytest.raises(InputProblems):
        apply_import(store, result)
    assert not (store / FILES[Kind.FLOWS]).exists()


def test_a_missing_column_and_a_duplicate_id_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as caught:
        read_flows(
            _write(tmp_path / "x.csv", "Ereignis;Person;Art;Datum\nT1;P;eintritt;2024-01-01\n")
        )
    assert "Keine Spalte für „Maßnahme“" in str(caught.value)
    dup = FLOWS + "T1;PS-9;m1;Eintritt;01.04.2024;;\n"
    result = read_flows(_write(tmp_path / "d.csv", dup))
    assert any("T1 steht schon in Zeile 2" in str(p) for p in result.refused)


def test_contracts_from_a_workbook_with_options_and_limits(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Verträge"
    ws.append(
        [
            "Vertrag",
            "Maßnahme",
            "Beginn",
            "Ende",
            "Plätze",
            "Preis",
            "Preisbasis",
            "Stunden je Monat",
            "Option 1 bis",
            "Option 1 ziehen bis",
            "Option 1 gezogen",
        ]
    )
    ws.append(
        [
            "V1",
            "m1",
            date(2024, 1, 1),
            date(2024, 12, 31),
            10,
            812.5,
            "Teilnehmermonat",
            None,
            date(2025, 12, 31),
            date(2024, 9, 30),
            "nein",
        ]
    )
    ws.append(
        [
            "V2",
            "m2",
            date(2024, 1, 1),
            date(2023, 12, 31),
            1234567890,
            "-5",
            "Stunde",
            None,
            date(2025, 1, 1),
            None,
            None,
        ]
    )
    path = tmp_path / "vertraege.xlsx"
    wb.save(path)
    result = read_contracts(path)
    assert [c.id for c in result.records] == ["V1"]
    v1 = result.records[0]
    assert v1.options[0].draw_by == date(2024, 9, 30)
    assert not v1.options[0].drawn
    texts = [str(p) for p in result.refused]
    assert any("Verträge!E3" in t and "höchstens 9 Stellen" in t for t in texts)
    assert any("Verträge!F3" in t and "nicht negativ" in t for t in texts)
    assert any("Vertragsende liegt vor dem Beginn" in t for t in texts)
    assert any("Option 1 braucht beides" in t for t in texts)
    assert any("Stundenkontingent braucht" in t for t in texts)


def test_the_demo_store_reads_back_and_shows_the_seeds_four_tender_cases() -> None:
    data = load(DEMO_PLAN / "massnahmen")
    assert data.synthetic
    assert all(e.day <= STAND for e in data.events)
    calendar = {i.contract.id: i for i in tender_calendar(data.contracts, 2024, STAND)}
    ends = {
        "V-vermitteln_und_begleiten-1": date(2024, 6, 30),
        "V-asaflex-1": date(2024, 8, 31),
        "V-lernen_und_ausbildung-1": date(2024, 8, 31),
        "V-aktivierungshilfen_pro-1": date(2024, 10, 31),
    }
    for contract_id, end in ends.items():
        item = calendar[contract_id]
        assert item.contract.current_end == end
        assert item.options == ()
        assert item.successor is not None
    # the follow-up from 01.11.2024 is not yet awarded: the ending contract alerts
    assert calendar["V-aktivierungshilfen_pro-1"].alert
    assert calendar["V-aktivierungshilfen_pro-1"].status is TenderStatus.TENDER_NEEDED
    assert not calendar["V-aktivierungshilfen_pro-2"].alert
    bae = calendar["V-bae_koop_2024-1"]
    assert bae.contract.awarded_on is not None
    assert bae.contract.awarded_on <= date(2024, 6, 30)  # tendered in the first half
    # evaluated at the start of the year, all four need a tender
    early = {i.contract.id: i for i in tender_calendar(data.contracts, 2024, date(2024, 1, 31))}
    for contract_id in ends:
        assert early[contract_id].status is TenderStatus.TENDER_NEEDED
    assert [early[c].alert for c in ends] == [True, False, False, False]  # 6 months ahead


def test_the_demo_is_deterministic_and_its_contracts_follow_the_plan() -> None:
    plan = load_plan(DEMO_PLAN).plan
    a, b = generate(plan), generate(plan)
    assert a == b
    stored = load(DEMO_PLAN / "massnahmen")
    assert tuple(sorted(a[0], key=lambda c: c.id)) == tuple(
        sorted(stored.contracts, key=lambda c: c.id)
    )
    assert sorted(a[1], key=lambda e: e.id) == sorted(stored.events, key=lambda e: e.id)
    measures = plan.measures()
    for contract in stored.contracts:
        assert contract.measure in measures
    u25 = sum(
        c.places or 0
        for c in stored.contracts
        if c.runs_on(date(2024, 6, 30)) and c.line == "aktivierung_juengere"
    )
    assert u25 == 178  # the plan line's places
