"""Target agreements from CSV: every problem at its row and column in German, limits,
preview against the stored agreements, and a second import that changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from amp.core.problems import InputProblems
from amp.io import agreements as io

GOOD = (
    "Jobcenter;Jahr;Kennzahl;Zielwert;Anmerkung\n"
    "jc-en;2024;K2;24,5;mit dem MAGS vereinbart\n"
    "\n"
    "jc-en;2024;K3;-3,0 %;\n"
    "jc-hagen;2024;K2.frauen;20;\n"
)


def write(tmp_path: Path, text: str, name: str = "ziele.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_german_numbers_and_skips_empty_rows(tmp_path: Path) -> None:
    rows = io.read_rows(write(tmp_path, GOOD), {"jc-en", "jc-hagen"})
    assert [(n, a.jobcenter, a.indicator, a.target, a.note) for n, a in rows] == [
        (2, "jc-en", "K2", Decimal("24.5"), "mit dem MAGS vereinbart"),
        (4, "jc-en", "K3", Decimal("-3.0"), ""),
        (5, "jc-hagen", "K2.frauen", Decimal("20.0"), ""),
    ]


def test_every_problem_with_row_and_column(tmp_path: Path) -> None:
    text = (
        "jobcenter,jahr,kennzahl,zielwert\n"
        "jc-en,24,K2,24.5\n"
        "jc-xy,2024,K9,viel\n"
        "jc-en,2024,K2,24.55\n"
        "jc-en,2024,K2,²4\n"
        "jc-en,2024,K3,1\n"
        "jc-en,2024,K3,2\n"
    )
    with pytest.raises(InputProblems) as caught:
        io.read_agreements(write(tmp_path, text), {"jc-en"})
    assert [str(p) for p in caught.value.problems] == [
        "ziele.csv, Zeile 2, Spalte „Jahr“: 24 liegt außerhalb 2005–2100",
        "ziele.csv, Zeile 3, Spalte „Jobcenter“: das Jobcenter „jc-xy“ gibt es hier nicht",
        "ziele.csv, Zeile 3, Spalte „Kennzahl“: unbekannte Kennzahl „K9“ (möglich: "
        "K2, K2E4, K3, K3E1, K2.u25, K1E2.u25, K2.frauen, K2.maenner)",
        "ziele.csv, Zeile 3, Spalte „Zielwert“: „viel“ ist keine Zahl (z. B. 24,5 oder -3,0)",
        "ziele.csv, Zeile 4, Spalte „Zielwert“: höchstens eine Nachkommastelle (wie die "
        "Kennzahlen)",
        "ziele.csv, Zeile 5, Spalte „Zielwert“: Die Ziffer ‚²‘ (hochgestellte Zwei) ist nicht "
        "erlaubt; bitte nur die Ziffern 0 bis 9 verwenden",
        "ziele.csv, Zeile 7: dasselbe Ziel (Jobcenter, Jahr, Kennzahl) steht schon in Zeile 6",
    ]


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as caught:
        io.read_agreements(write(tmp_path, "Jobcenter;Jahr;Wert\njc-en;2024;1\n"))
    assert [str(p) for p in caught.value.problems] == [
        "ziele.csv, Zeile 1, Spalte „Wert“: unbekannte Spalte; erwartet: Jobcenter, Jahr, "
        "Kennzahl, Zielwert, Anmerkung",
        "ziele.csv, Zeile 1, Spalte „Kennzahl“: Pflichtspalte fehlt",
        "ziele.csv, Zeile 1, Spalte „Zielwert“: Pflichtspalte fehlt",
    ]


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(io, "MAX_ROWS", 2)
    with pytest.raises(InputProblems, match="mehr als 2 Zeilen"):
        io.read_agreements(write(tmp_path, GOOD))
    with pytest.raises(InputProblems, match="außerhalb von −1000 bis 1000"):
        io.read_agreements(write(tmp_path, "Jobcenter;Jahr;Kennzahl;Zielwert\na;2024;K2;1001\n"))
    monkeypatch.setattr(io, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputProblems, match="größer als 0 KB"):
        io.read_agreements(write(tmp_path, GOOD))


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    with pytest.raises(InputProblems, match="leer"):
        io.read_agreements(write(tmp_path, ""))
    with pytest.raises(InputProblems, match="keine Ziele"):
        io.read_agreements(write(tmp_path, "Jobcenter;Jahr;Kennzahl;Zielwert\n"))


def test_preview_is_idempotent(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    first = io.preview(path, {("jc-en", 2024, "K2"): (Decimal("24.0"), "")})
    assert [r.state for r in first.rows] == ["geändert", "neu", "neu"]
    assert first.rows[0].old_target == Decimal("24.0")
    stored = {
        (r.agreement.jobcenter, r.agreement.year, r.agreement.indicator): (
            r.agreement.target,
            r.agreement.note,
        )
        for r in first.rows
    }
    second = io.preview(path, stored)
    assert [r.state for r in second.rows] == ["unverändert"] * 3
    assert second.changes == ()
