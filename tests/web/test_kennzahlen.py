"""The Kennzahlen page and `kpi_load` through Django's test client, on the hand-computed panel
tests/kpi/cases/grundfall.yaml (Jobcenter EN, eLb 2023-01 … 2024-12, see the numbers there)."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from amp.example import DEMO_PLAN
from amp.kpi.schema import month_index, month_text
from amp.kpi.synth import SynthSpec
from amp.web import demo
from amp.web.kennzahlen.charts import Point, line_chart
from amp.web.kennzahlen.demo_data import demo_data
from amp.web.kennzahlen.loading import LoadError, load
from amp.web.kennzahlen.models import Calculation, MonthlyFigures
from amp.web.plans import services
from amp.web.plans.models import Jobcenter, Membership, PlanVersion, Role
from tests.kpi.caseio import load_cases, write_inputs

EXAMPLE = DEMO_PLAN
pytestmark = pytest.mark.django_db
PAGE = "/kennzahlen/jc-en/"


@pytest.fixture(scope="module")
def grundfall(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = next(c for c in load_cases() if c.name == "grundfall")
    return write_inputs(case, tmp_path_factory.mktemp("grundfall"))


@pytest.fixture
def published() -> PlanVersion:
    return services.import_plan(EXAMPLE)  # Jobcenter jc-en, target 3.250 Integrationen 2024


@pytest.fixture
def jobcenter(published: PlanVersion) -> Jobcenter:
    jc: Jobcenter = published.plan.jobcenter
    return jc


@pytest.fixture
def loaded(jobcenter: Jobcenter, grundfall: Path) -> Jobcenter:
    call_command("kpi_load", str(grundfall), stdout=StringIO())
    return jobcenter


def _client(name: str, jobcenter: Jobcenter, role: str) -> Client:
    user = User.objects.create_user(username=name)
    Membership.objects.create(user=user, jobcenter=jobcenter, role=role)
    client = Client()
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """Visible text with single spaces, to compare against what a reader sees."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _row(html: str, code: str) -> str:
    """The text of the number cells of the first table row headed by the figure code."""
    match = re.search(rf'<th scope="row">{code}</th>(.*?)</tr>', html, re.DOTALL)
    assert match is not None, code
    cells = re.findall(r'<td class="num[^"]*">(.*?)</td>', match.group(1), re.DOTALL)
    return _text(" ".join(cells))


def test_anonymous_is_sent_to_login(loaded: Jobcenter) -> None:
    for url in ("/kennzahlen/", PAGE):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_the_jobcenter_reads_the_page(loaded: Jobcenter, role: Role) -> None:
    client = _client("u", loaded, role)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "Kennzahlen nach § 48a SGB II – Jobcenter EN" in response.content.decode()
    assert client.get("/kennzahlen/")["Location"] == PAGE  # one Jobcenter: straight there


def test_other_jobcenter_gets_404(loaded: Jobcenter) -> None:
    other = Jobcenter.objects.create(code="jc-x", name="Jobcenter X", kind="gE")
    client = _client("fremd", other, Role.ADMIN)
    assert client.get(PAGE).status_code == 404
    assert client.get("/kennzahlen/jc-x/").status_code == 200  # its own page: nothing loaded
    assert "noch keine Kennzahlen geladen" in client.get("/kennzahlen/jc-x/").content.decode()


def test_navigation_links_the_page(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get("/").content.decode()
    assert '<a href="/kennzahlen/">Kennzahlen</a>' in page


def test_latest_month_is_the_newest_past_the_waiting_time(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get(PAGE).content.decode()
    assert "Berichtsmonat <strong>September 2024</strong>" in page
    # data until 2024-12: K2 for 2024-09 is computable, K2E3 needs six months after it
    assert "nicht berechenbar: die sechs Folgemonate bis 2025-03 fehlen" in page
    months = MonthlyFigures.objects.filter(jobcenter=loaded).values_list("month", flat=True)
    assert list(months) == [f"2023-{m:02d}" for m in range(1, 13)] + [
        f"2024-{m:02d}" for m in range(1, 10)
    ]


def test_hand_computed_figures_of_june_2024(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.LEITUNG).get(PAGE + "?monat=2024-06").content.decode()
    assert "Werte im Juni 2024" in page
    # K1: LLU 3.300 € against 2.700 € → +22,2 %; K1E1: 1.900 € against 1.600 € → +18,8 %
    assert _row(page, "K1").split() == ["3.300,00", "€", "2.700,00", "€", "+22,2", "%"]
    assert _row(page, "K1E1").split() == ["1.900,00", "€", "1.600,00", "€", "+18,8", "%"]
    # K1E2: 6 eLb against 5 → +20,0 %
    assert _row(page, "K1E2").split() == ["6", "5", "+20,0", "%"]
    # K2: 5 integrations * 12 / 59 = 101,7 %; 2023-06 is not computable (data from 2023-01)
    k2 = _row(page, "K2")
    assert k2.startswith(" 101,7 % nicht berechenbar")
    assert "<strong>101,7 %</strong>" in page


def test_small_cells_are_suppressed(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get(PAGE + "?monat=2024-06").content.decode()
    # K1E4 (1 exit), K2E1 (1 entry), K2E4 (1 integration of a single parent): fewer than 3
    for code in ("K1E4", "K2E1", "K2E4"):
        assert _row(page, code).split()[0] == "gesperrt", code
    assert "gesperrt: weniger als 3 Personen (statistische Geheimhaltung)" in page
    # K1E2 women: 3 against 2 → 50,0 % internally, suppressed in the published form
    stored = MonthlyFigures.objects.get(jobcenter=loaded, month="2024-06").figures
    women = stored["K1E2"]["frauen"]
    assert (women["wert"], women["zaehler"], women["nenner"]) == (None, None, None)
    assert women["gesperrt"] is True
    by_group = page[page.index('id="gliederung"') :]
    k1e2 = re.search(r'<abbr title="[^"]*">K1E2</abbr></th>(.*?)</tr>', by_group, re.DOTALL)
    assert k1e2 is not None
    cells = [
        _text(c).split()[0] for c in re.findall(r"<td[^>]*>(.*?)</td>", k1e2.group(1), re.DOTALL)
    ]
    # Insgesamt 6 : 5, Männer 3 : 3, Frauen 3 : 2, unter 25 1 : 0 (1 person: suppressed, too)
    assert cells == ["+20,0", "0,0", "gesperrt", "gesperrt"]


def test_reasons_are_shown_where_nothing_is_computable(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get(PAGE + "?monat=2024-06").content.decode()
    assert _row(page, "K3").split()[:3] == ["–", "–", "nicht"]  # levels, then the change
    assert "nicht berechenbar: ohne tagesgenaue Zeiträume braucht der LZB-Status" in page
    assert "nicht berechenbar: Nenner ist 0" in page  # K2E4 Männer: no single fathers
    assert 'id="hinweis-1"' in page


def test_u25_is_marked_as_local_extra(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get(PAGE).content.decode()
    assert "lokale Zusatzauswertung, nicht Teil der Verordnung" in page
    header = re.search(r'<th scope="col" class="num lokal">(.*?)</th>', page)
    assert header is not None
    assert "unter 25" in header.group(1)


def test_trend_charts_are_accessible_svg_with_their_values(loaded: Jobcenter) -> None:
    page = _client("p", loaded, Role.PLANUNG).get(PAGE).content.decode()
    assert page.count("<svg ") == 15
    chart = re.search(r'<svg [^>]*aria-labelledby="chart-k1e2-t chart-k1e2-d".*?</svg>', page)
    assert chart is not None
    assert '<title id="chart-k1e2-t">K1E2 ' in chart.group(0)
    assert '<desc id="chart-k1e2-d">' in chart.group(0)
    assert "style=" not in chart.group(0)  # the CSP allows no inline styles
    # K1E2 from 2024-01: 4 eLb against 5 → −20,0 %; 2023 has no Vorjahresmonat
    assert '<th scope="row">Januar 2024</th><td class="num">-20,0 %</td>' in page
    assert 'Dezember 2023</th><td class="num">nicht berechenbar: Vorjahresmonat 2022-12' in page


def test_target_progress_from_the_plan(loaded: Jobcenter) -> None:
    page = _text(_client("b", loaded, Role.BEIRAT).get(PAGE).content.decode())
    # January–September 2024: E, A, F, B = 4 integrations of the target 3.250
    assert "Ziel 2024 rund 3.250" in _text(page)
    assert "Erreicht bis September 2024 4 (0,1 % des Ziels)" in page
    # JFW: 4 * 9 / stock December 2023 … August 2024 (5+4+4+5+5+6+6+6+6 = 47) = 76,6 %
    assert "Jahresfortschrittswert 76,6 %" in page
    # no complete previous year: linear 4 / 9 * 12 = 5
    assert "Hochrechnung 2024 5 (linear; Ziel voraussichtlich um 3.245 verfehlt)" in page


def test_load_is_idempotent(jobcenter: Jobcenter, grundfall: Path) -> None:
    out = StringIO()
    call_command("kpi_load", str(grundfall), "--months", "2024-01..2024-06", stdout=out)
    assert "geladen: EN → jc-en, Berichtsmonate 2024-01 bis 2024-06" in out.getvalue()
    first = {m.month: m.figures for m in MonthlyFigures.objects.all()}
    call_command("kpi_load", str(grundfall), "--months", "2024-01..2024-06", stdout=StringIO())
    again = {m.month: m.figures for m in MonthlyFigures.objects.all()}
    assert again == first
    assert len(again) == 6
    assert Calculation.objects.count() == 1
    assert MonthlyFigures.objects.filter(jobcenter=jobcenter).count() == 6


def test_load_reports_data_without_jobcenter(jobcenter: Jobcenter, tmp_path: Path) -> None:
    small = SynthSpec(jobcenters=3, elb=300, months=16, seed=2, first_month="2023-06")
    directory = demo_data(tmp_path, small)
    Jobcenter.objects.create(code="jc002", name="Jobcenter 2", kind="gE")
    out = StringIO()
    call_command("kpi_load", str(directory), "--months", "2", stdout=out)
    assert "geladen: JC002 → jc002, Berichtsmonate 2024-05 bis 2024-06" in out.getvalue()
    assert "nicht zugeordnet (kein Jobcenter in der Datenbank): JC001, JC003" in out.getvalue()
    assert MonthlyFigures.objects.filter(jobcenter__code="jc002").count() == 2
    assert MonthlyFigures.objects.count() == 2


def test_load_maps_ids_explicitly(grundfall: Path) -> None:
    Jobcenter.objects.create(code="ennepe", name="Ennepe", kind="zkT")
    with pytest.raises(CommandError, match=r"Kein Jobcenter der Daten \(EN\)"):
        call_command("kpi_load", str(grundfall))  # neither "EN" nor "jc-en" exists
    with pytest.raises(CommandError, match="XY kommt in den Daten nicht vor"):
        call_command("kpi_load", str(grundfall), "--jobcenter", "XY=ennepe")
    out = StringIO()
    call_command(
        "kpi_load", str(grundfall), "--jobcenter", "EN=ennepe", "--months", "1", stdout=out
    )
    assert "geladen: EN → ennepe, Berichtsmonate 2024-09" in out.getvalue()
    assert MonthlyFigures.objects.get().jobcenter.code == "ennepe"


def test_load_errors_are_german_and_write_nothing(
    jobcenter: Jobcenter, grundfall: Path, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="kein Jobcenter „jc-zz“"):
        call_command("kpi_load", str(grundfall), "--jobcenter", "EN=jc-zz")
    with pytest.raises(CommandError, match="--months „2024-13“ ist ungültig"):
        call_command("kpi_load", str(grundfall), "--months", "2024-13")
    with pytest.raises(LoadError, match="kein Monat liegt in den Daten"):
        load(grundfall, months="2020-01..2020-12")
    broken = tmp_path / "kaputt"
    broken.mkdir()
    for name in ("panel", "ereignisse", "beschaeftigung"):
        (broken / f"{name}.csv").write_text((grundfall / f"{name}.csv").read_text())
    with (broken / "panel.csv").open("a") as handle:
        handle.write("Z,EN,2024-13,ja,w,1980,nein,1.00,1.00,nein\n")
    with pytest.raises(CommandError, match=r"panel.csv, Zeile \d+, Spalte „monat“"):
        call_command("kpi_load", str(broken))
    assert not MonthlyFigures.objects.exists()
    assert not Calculation.objects.exists()


def test_names_and_labels_are_escaped(jobcenter: Jobcenter, grundfall: Path) -> None:
    jobcenter.name = '<script>alert("x")</script>'
    jobcenter.save()
    load(grundfall, months="2", label="<b>Testdaten</b>")
    page = _client("p", jobcenter, Role.PLANUNG).get(PAGE).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # heading and chart titles
    assert "<b>Testdaten</b>" not in page
    assert "&lt;b&gt;Testdaten&lt;/b&gt;" in page


def test_unknown_month_is_404(loaded: Jobcenter) -> None:
    client = _client("p", loaded, Role.PLANUNG)
    assert client.get(PAGE + "?monat=2022-01").status_code == 404
    assert client.get(PAGE + "?monat=%3Cx%3E").status_code == 404


def test_demo_generates_its_data_once_and_shows_the_page(settings: Any, tmp_path: Path) -> None:
    settings.DEMO = True
    small = SynthSpec(jobcenters=1, elb=300, months=30, seed=1, first_month="2022-07")
    directory = demo_data(tmp_path, small)
    assert sorted(p.name for p in directory.iterdir()) == [
        "beschaeftigung.parquet",
        "ereignisse.parquet",
        "panel.parquet",
        "zeitraeume.parquet",
    ]
    stamp = (directory / "panel.parquet").stat().st_mtime_ns
    assert demo_data(tmp_path, small) == directory  # cached: not generated again
    assert (directory / "panel.parquet").stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [directory.name]  # no scratch left over
    demo.prepare(EXAMPLE, directory)
    client = Client()
    client.post("/anmelden/", {"username": "beirat", "password": "demo"})
    page = client.get(PAGE).content.decode()
    assert "Demo: synthetische Testdaten" in page
    assert "Berichtsmonat <strong>September 2024</strong>" in page  # 2022-07 + 30 months - 3
    assert "Ziel 2024 rund 3.250" in _text(page)


def _months(first: str, values: list[str | None]) -> list[Point]:
    start = month_index(first)
    return [
        Point(
            month_text(start + i),
            None if v is None else Decimal(v),
            f"{(start + i) % 12 + 1}/{(start + i) // 12}",
            major=(start + i) % 12 == 0,
        )
        for i, v in enumerate(values)
    ]


def test_chart_breaks_the_line_at_months_without_value() -> None:
    svg = line_chart("c", "T", "D", _months("2023-11", ["1.5", "2.5", None, "-1.0", "0.5"]))
    assert svg.count("<polyline") == 2  # 2023-11..12, then 2024-02..03
    assert svg.count("<circle") == 4
    assert svg.count(">×</text>") == 1
    # the axis runs from -1 to 3 in steps of 1 and shows 0 as a dark line
    assert re.findall(r'x="42" y="[^"]*" text-anchor="end">([^<]*)</text>', svg) == [
        "-1",
        "0",
        "1",
        "2",
        "3",
    ]
    assert "<title>2024-02: -1,0 %</title>" in svg


def test_chart_axis_texts_do_not_collide() -> None:
    svg = line_chart("c", "T", "D", _months("2022-10", ["1"] * 24))
    axis = re.findall(r'y="172" text-anchor="(\w+)">([^<]*)</text>', svg)
    # 10/2022 is too close to 1/2023 and left out; the last month is anchored at the end
    assert axis == [("middle", "1/2023"), ("middle", "1/2024"), ("end", "9/2024")]


def test_chart_escapes_its_texts() -> None:
    svg = line_chart("c", "<b>&", '"x"', _months("2024-01", ["1"]))
    assert '<title id="c-t">&lt;b&gt;&amp;</title>' in svg
    assert '<desc id="c-d">&quot;x&quot;</desc>' in svg
    assert "style=" not in svg
