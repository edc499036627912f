"""Issue 13 item 4: the measure and voucher lists sorted and filtered on the server (query
parameters, sort buttons with aria-sort); costs, places and Träger per measure."""

from __future__ import annotations

import re

import pytest

from amp.core import formatting
from amp.core.measure_costs import measure_costs
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from tests.support import web_fixtures
from tests.web.test_plans import _client, _url, _user

pytestmark = pytest.mark.django_db

published, jobcenter = web_fixtures.published, web_fixtures.jobcenter


def _names(html: str, table_id: str) -> list[str]:
    section = html[html.index(f'id="tabelle-{table_id}"') :]
    section = section[: section.index("</table>")]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', section)


def _reader(jobcenter: Jobcenter) -> object:
    return _client(_user("l", jobcenter, Role.LEITUNG))


def test_measure_costs_price_places_at_the_lines_cost_per_place(published: PlanVersion) -> None:
    core = published.core_plan()
    costs = measure_costs(core)
    line = next(line for line in core.budget.lines() if line.id == "aktivierung_juengere")
    assert line.amounts.plan is not None
    assert line.quantity is not None
    assert line.quantity.value is not None
    parts = [costs[m] for m in line.measures]
    assert {c.line_id for c in parts} == {"aktivierung_juengere"}
    places = {m.id: m.places.value for m in core.measures().values()}
    if sum(places[m] or 0 for m in line.measures) == line.quantity.value:
        assert abs(sum(c.estimate or 0 for c in parts) - line.amounts.plan) <= len(parts) * 0.01
    assert "chancen" in costs


def test_measure_list_shows_costs_lines_and_a_traeger_column_that_is_never_blank(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    html = _reader(jobcenter).get(_url(published, "massnahmen/")).content.decode()
    chancen = measure_costs(published.core_plan())["chancen"]
    assert formatting.money(chancen.estimate) in html
    assert f"je Platz {formatting.money(chancen.per_place)}" in html
    assert chancen.line_name in html
    assert "<td></td>\n        <td>§" not in html  # no blank Träger cell
    assert "nicht erfasst" in html
    assert 'aria-sort="' not in html  # nothing sorted yet


def test_measures_sort_by_places_both_ways_with_aria_sort(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _reader(jobcenter)
    core = published.core_plan()
    table = core.measure_tables[0]
    by_places = sorted(
        (m for m in table.measures if m.places.value is not None),
        key=lambda m: m.places.value or 0,
    )
    up = client.get(_url(published, "massnahmen/"), {"sortierung": "plaetze"}).content.decode()
    names = _names(up, table.id)
    assert names[: len(by_places)] == [m.name for m in by_places]  # empty places last
    assert 'aria-sort="ascending"' in up
    assert 'name="sortierung" value="-plaetze"' in up  # the next press sorts descending
    down = client.get(_url(published, "massnahmen/"), {"sortierung": "-plaetze"}).content.decode()
    assert 'aria-sort="descending"' in down
    assert _names(down, table.id)[0] == max(by_places, key=lambda m: m.places.value or 0).name
    bad = client.get(_url(published, "massnahmen/"), {"sortierung": "<script>"})
    assert bad.status_code == 200
    assert "aria-sort" not in bad.content.decode()


def test_measures_filter_by_words_legal_basis_and_running(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _reader(jobcenter)
    core = published.core_plan()
    table = core.measure_tables[0]
    found = client.get(_url(published, "massnahmen/"), {"suche": "chancen"}).content.decode()
    assert _names(found, table.id) == ["ChancEN"]
    assert f"Gezeigt: 1 von {len(table.measures)} Maßnahmen" in found
    basis = client.get(
        _url(published, "massnahmen/"), {"rechtsgrundlage": "§ 16h SGB II"}
    ).content.decode()
    shown = _names(basis, table.id)
    assert shown
    assert all(m.legal_basis == "§ 16h SGB II" for m in table.measures if m.name in set(shown))
    running = client.get(_url(published, "massnahmen/"), {"laufend": "1"}).content.decode()
    expected = [m.name for m in table.measures if m.runs_in(core.year)]
    assert _names(running, table.id) == expected
    none = client.get(_url(published, "massnahmen/"), {"suche": "gibt es nicht"}).content.decode()
    assert "Keine Maßnahme dieser Tabelle passt zum Filter." in none


def test_voucher_goals_sort_and_filter_keep_the_sums(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _reader(jobcenter)
    vouchers = published.core_plan().training_vouchers
    assert vouchers is not None
    goals = vouchers.goals
    url = _url(published, "gutscheine/")
    down = client.get(url, {"sortierung": "-gesamt"}).content.decode()
    assert 'aria-sort="descending"' in down
    fortbildung = sorted(
        (g for g in goals if g.kind.value == "fortbildung"), key=lambda g: -g.total
    )
    positions = [down.index(f"{g.name}\n") for g in fortbildung if g.total != fortbildung[-1].total]
    assert positions == sorted(positions)
    assert "Summe Fortbildung" in down
    only = client.get(url, {"art": "umschulung"}).content.decode()
    assert "Summe Umschulung" in only
    assert "Summe Fortbildung" not in only
    assert "Gesamtsumme AVGS" in only  # the AVGS table stays
    first = goals[0]
    word = first.name.split()[0]
    text = client.get(url, {"suche": word}).content.decode()
    matching = [g for g in goals if word.casefold() in g.name.casefold()]
    assert f"Gezeigt: {len(matching)} von {len(goals)} Bildungszielen" in text


@pytest.mark.parametrize(
    "hostile", ["", "-", "--name", "\x00", "ä" * 5000, "<script>alert(1)</script>", "' OR 1=1"]
)
def test_hostile_list_and_filter_parameters_never_fail(
    jobcenter: Jobcenter, published: PlanVersion, hostile: str
) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    pages = {
        "massnahmen/": ("suche", "rechtsgrundlage", "laufend", "sortierung"),
        "gutscheine/": ("suche", "art", "sortierung"),
        "verlauf/": ("zeile",),
        "vergleich/": ("gruppe",),
    }
    for rest, names in pages.items():
        for name in names:
            response = client.get(_url(published, rest), {name: hostile})
            assert response.status_code == 200, (rest, name)
            assert "<script>alert(1)" not in response.content.decode()
