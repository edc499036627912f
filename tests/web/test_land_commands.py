"""`amp land` (through the web application's management commands): import with preview and
German problems, the Zielnachhaltung report, assigning Jobcenters and the Land's access."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from amp.web.land.models import LandAccess, LandJobcenter, TargetAgreement
from amp.web.plans.models import Role
from tests.support.web_fixtures import jobcenter, make_user, published
from tests.web.land_fixtures import LandSetup, land_setup
from tests.web.vollzug_fixtures import ledger

pytestmark = pytest.mark.django_db
__all__ = ["jobcenter", "land_setup", "ledger", "published"]  # fixtures


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_preview_then_save_then_nothing(land_setup: LandSetup, tmp_path: Path) -> None:
    file = tmp_path / "ziele.csv"
    file.write_text(
        "Jobcenter;Jahr;Kennzahl;Zielwert\njc-en;2024;K2;24,5\njc-hagen;2024;K3;-2,0\n",
        encoding="utf-8",
    )
    shown = run("land_import", str(file), "--vorschau")
    assert "ziele.csv: 1 neu, 1 geändert, 0 unverändert." in shown
    assert "Vorschau: nichts gespeichert." in shown
    assert TargetAgreement.objects.count() == 4
    assert "Gespeichert: 2 Ziel(e)." in run("land_import", str(file))
    assert TargetAgreement.objects.count() == 5
    from amp.web.land.models import AgreementChange

    logged = AgreementChange.objects.get(jobcenter__code="jc-en", what__startswith="Ziel K2 ")
    assert (logged.old, logged.new, logged.user) == ("24,0 %", "24,5 %", None)
    again = run("land_import", str(file))
    assert "0 neu, 0 geändert, 2 unverändert" in again
    assert "Gespeichert: 0 Ziel(e)." in again
    assert AgreementChange.objects.count() == 2  # the repeated import logged nothing


def test_import_problems_in_german(land_setup: LandSetup, tmp_path: Path) -> None:
    file = tmp_path / "ziele.csv"
    file.write_text("Jobcenter;Jahr;Kennzahl;Zielwert\njc-nirgends;2024;K2;1\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("land_import", str(file))
    assert "Zeile 2, Spalte „Jobcenter“: das Jobcenter „jc-nirgends“ gibt es hier nicht" in str(
        caught.value
    )
    assert caught.value.returncode == 2


def test_report_pdf_and_html(land_setup: LandSetup, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "bericht.pdf"
    assert "3. Quartal" in run("land_report", "nrw", "2024", "--output", str(pdf))
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Zielnachhaltung 2024, 3. Quartal – Nordrhein-Westfalen" in text
    html = tmp_path / "bericht.html"
    run("land_report", "nrw", "2024", "--quartal", "2", "--output", str(html))
    assert "Zielnachhaltung 2024, 2. Quartal" in html.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="Land 'xx' gibt es nicht"):
        run("land_report", "xx", "2024", "--output", str(pdf))


def test_assign_and_grant(land_setup: LandSetup) -> None:
    out = run("land_assign", "by", "jc-hagen", "IIb", "--name", "Bayern")
    assert "gehört jetzt zu Bayern (Vergleichstyp IIb)" in out
    assert LandJobcenter.objects.get(jobcenter__code="jc-hagen").land.code == "by"
    with pytest.raises(CommandError, match="neu mit --name"):
        run("land_assign", "sn", "jc-hagen", "Ia")
    User.objects.create_user(username="stmas")
    assert "stmas liest jetzt Bayern" in run("land_grant", "stmas", "by")
    make_user("planung", land_setup.en, Role.PLANUNG)
    with pytest.raises(CommandError, match="hat eine Rolle in einem Jobcenter"):
        run("land_grant", "planung", "by")
    assert not LandAccess.objects.filter(user__username="planung").exists()


def test_amp_land_runs_the_commands(
    land_setup: LandSetup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`amp land …` reaches the same commands (through amp manage's one door to Django)."""
    from django.core.management import base
    from typer.testing import CliRunner

    from amp.cli import build_app

    # a command run from the command line closes the connections at its end, which would
    # close the test's transaction on PostgreSQL; in a real run it is the process's end
    monkeypatch.setattr(base.connections, "close_all", lambda: None)

    app = build_app(["land"])
    runner = CliRunner()
    html = tmp_path / "bericht.html"
    result = runner.invoke(
        app, ["land", "bericht", "nrw", "2024", "--quartal", "1", "-o", str(html)]
    )
    assert result.exit_code == 0, result.output
    assert "Zielnachhaltung 2024, 1. Quartal" in html.read_text(encoding="utf-8")
    bad = tmp_path / "ziele.csv"
    bad.write_text("Jobcenter;Jahr;Kennzahl;Zielwert\njc-en;2024;K2;zwölf\n", encoding="utf-8")
    result = runner.invoke(app, ["land", "import", str(bad)])
    assert result.exit_code == 2
    assert "Zeile 2, Spalte „Zielwert“" in result.output
