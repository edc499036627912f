"""A new Jobcenter's first plan: the blank template filled as a planner fills it.

Seven groups, amounts of the plan year only, no places (tests/data/teilbudgets-2025). The
planner types rows under the template's own Gesamt row and adds no total row of their
own; the plan total must still appear in `amp show`, the PDF, the overview and the plan
model, and the import must not complain about anything.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from amp.cli import app
from amp.core import formatting
from amp.core.budget import Column
from amp.core.plan import Plan
from amp.io.plan_dir import load_plan
from amp.io.xlsx.importer import import_xlsx
from amp.io.xlsx.layout import FIRST_ROW, MONEY_COL, B, T
from tests.io.test_xlsx_template import fill_template
from tests.support.system import unavailable

TEILBUDGETS = Path(__file__).parents[1] / "data" / "teilbudgets-2025"
runner = CliRunner()
ZERO = re.compile(r"(?<![\d.])0,00 €")  # an amount of nothing, not the end of 500,00 €
NARROW = {"COLUMNS": "80", "LINES": "50"}


def blank_template(directory: Path) -> Path:
    template = directory / "vorlage.xlsx"
    command = ["template", "--year", "2025", "--jobcenter", "Jobcenter Musterstadt"]
    result = runner.invoke(app, [*command, "--output", str(template)])
    assert result.exit_code == 0, result.output
    return template


@pytest.fixture(scope="module")
def expected() -> Plan:
    return load_plan(TEILBUDGETS).plan


def total_of(plan: Plan) -> str:
    planned = sum((line.amounts.plan or Decimal(0) for line in plan.budget.lines()), Decimal(0))
    assert planned == Decimal("6447500.49")
    return formatting.money(planned)


def test_seven_groups_from_the_blank_template_to_show_and_pdf(
    tmp_path: Path, expected: Plan
) -> None:
    template = blank_template(tmp_path)
    fill_template(template, expected)
    target = tmp_path / "plan"
    result = runner.invoke(app, ["import-xlsx", str(template), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "Hinweis" not in result.output
    assert import_xlsx(template).notes == []
    plan = load_plan(target).plan
    assert plan == expected
    assert plan.budget.computed_total().plan == Decimal("6447500.49")
    total = total_of(plan)

    shown = runner.invoke(app, ["show", str(target), "finanzplanung"], env=NARROW)
    assert shown.exit_code == 0, shown.output
    assert "Insgesamt" in shown.output
    assert total in shown.output
    assert "Teilbudget 1 – Jugend" in shown.output  # the row labels survive 80 columns
    assert max(len(line) for line in shown.output.splitlines()) <= 80
    # columns never filled stay out: no Vorjahr, no Hochrechnung, no 0,00 €
    assert "Vorjahr" not in shown.output
    assert not ZERO.search(shown.output)

    overview = runner.invoke(app, ["overview", str(target)], env=NARROW)
    assert overview.exit_code == 0, overview.output
    assert "Eingliederungsmittel geplant" in overview.output
    assert total in overview.output

    pdf = tmp_path / "plan.pdf"
    report = runner.invoke(app, ["report", str(target), "-f", "pdf", "-o", str(pdf)])
    assert report.exit_code == 0, report.output
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert total in text
    assert "Insgesamt" in text
    assert not re.search(r"(?<![\d.])0,00 € →", text)  # no chart of growth from an empty Vorjahr
    assert "Keine Befunde" in text or "keine Befunde" in text


def test_the_template_total_in_a_spreadsheet_program(tmp_path: Path, expected: Plan) -> None:
    """LibreOffice recalculates the filled template: its Gesamt row holds the plan total,
    and the recalculated workbook still imports without a note."""
    from tests.io.test_xlsx_libreoffice import recalculated

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        unavailable("LibreOffice (soffice) ist nicht installiert")
    assert program is not None
    template = blank_template(tmp_path)
    fill_template(template, expected)
    saved = recalculated(program, template, tmp_path)
    values = load_workbook(saved, data_only=True)
    gesamt = values["Finanzplanung"].cell(FIRST_ROW, MONEY_COL[Column.PLAN]).value
    assert round(Decimal(repr(gesamt)), 2) == Decimal("6447500.49")
    assert values["Finanzplanung"].cell(FIRST_ROW, B["Planung Vorjahr"]).value == 0
    jung = values["Zielgruppen"].cell(FIRST_ROW + 1, T["Betrag"]).value
    summe = values["Zielgruppen"].cell(FIRST_ROW, T["Betrag"]).value
    assert jung is None or isinstance(jung, int | float)  # rows a planner adds hold no formula
    assert summe is not None
    result = import_xlsx(saved)
    assert result.notes == []
    assert result.plan.budget.computed_total().plan == Decimal("6447500.49")


@pytest.mark.django_db
def test_from_a_new_jobcenter_in_the_browser_to_the_web_overview(
    tmp_path: Path, expected: Plan
) -> None:
    """Issue 13 item 8: the operator creates the Jobcenter and its Administration in the
    browser, the Administration creates the Planung, the Planung downloads the blank template
    with its Stammdaten, fills it as a planner does and imports it: the web overview shows the
    plan total, and the import has no notes."""
    from django.contrib.auth.models import User
    from django.test import Client

    from amp.web.plans.models import PlanVersion

    password = "Pl4nung-im-Kreis!"
    operator = Client()
    operator.force_login(User.objects.create_superuser(username="root", password=password))
    created = operator.post(
        "/betrieb/jobcenter/neu/",
        {
            "name": "Jobcenter Musterstadt",
            "code": "jobcenter_musterstadt",
            "kind": "gE",
            "region": "",
            "username": "anna.admin",
            "password1": password,
            "password2": password,
        },
    )
    assert created.status_code == 302
    admin = Client()
    assert (
        admin.post("/anmelden/", {"username": "anna.admin", "password": password}).status_code
        == 302
    )
    made = admin.post(
        "/verwaltung/jobcenter_musterstadt/benutzer/neu/",
        {
            "username": "paul.planung",
            "role": "planung",
            "password1": password,
            "password2": password,
        },
    )
    assert made.status_code == 302
    planner = Client()
    assert (
        planner.post("/anmelden/", {"username": "paul.planung", "password": password}).status_code
        == 302
    )

    start = planner.get("/import/")
    jobcenter = start.context["jobcenters"][0]
    download = planner.get("/import/vorlage.xlsx", {"jobcenter": jobcenter.pk, "jahr": "2025"})
    assert download.status_code == 200
    template = tmp_path / "vorlage.xlsx"
    template.write_bytes(download.content)
    fill_template(template, expected)  # as a planner fills it: no extra total row

    with template.open("rb") as upload:
        preview = planner.post("/import/", {"jobcenter": jobcenter.pk, "arbeitsmappe": upload})
    html = preview.content.decode()
    assert preview.status_code == 200, html
    assert "Hinweise zur Arbeitsmappe" not in html  # no import notes
    assert preview.context["preview"]["notes"] == []
    token = preview.context["preview"]["token"]
    confirmed = planner.post("/import/uebernehmen/", {"token": token, "jobcenter": jobcenter.pk})
    assert confirmed.status_code == 302
    version = PlanVersion.objects.get(plan__jobcenter=jobcenter, plan__year=2025)
    assert version.core_plan().budget.computed_total().plan == Decimal("6447500.49")

    overview = planner.get(f"/staende/{version.pk}/").content.decode()
    total = total_of(expected)
    assert total == "6.447.500,49 €"
    assert re.search(r"Eingliederungsmittel \(Planung\)</dt><dd>" + re.escape(total), overview)
