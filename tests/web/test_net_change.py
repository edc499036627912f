"""Issue 13 item 2: comparisons answer "how much, where" – the net change per group and in
total first, details after, a filter by group; the scenario preview likewise."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from amp.core.budget import Column
from amp.core.diff import net_change
from amp.core.edit import parse_path, value_at
from amp.web.plans import services
from amp.web.plans.models import AuditEntry, Jobcenter, PlanVersion, Role
from amp.web.plans.views.history import place
from tests.support import web_fixtures
from tests.web.test_plans import _client, _url, _user
from tests.web.test_screens import _amount, _planner, _quantity

pytestmark = pytest.mark.django_db

published, jobcenter = web_fixtures.published, web_fixtures.jobcenter


def test_net_change_sums_per_group_and_in_total(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    second = services.branch(published.pk, None)
    _amount(client, second, "1.000.000,00")  # FbW - Umschulung: 950.000 → 1.000.000
    second.refresh_from_db()
    net = net_change(published.core_plan(), second.core_plan())
    assert net.columns == (Column.PLAN,)
    changed = [g for g in net.groups if g.changes]
    assert len(changed) == 1
    assert changed[0].delta(Column.PLAN) == 50000
    assert net.total_delta(Column.PLAN) == 50000
    assert net.other_changes == 1  # the status
    assert all(g.delta(Column.PLAN) == 0 for g in net.groups if not g.changes)


def test_diff_shows_the_net_first_and_filters_by_group(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    second = services.branch(published.pk, None)
    _amount(client, second, "1.000.000,00")
    _quantity(client, second, "61", "F", ungefaehr="1")
    second.refresh_from_db()
    core = second.core_plan()
    group = core.budget.groups[0]
    total = core.budget.computed_total().plan
    url = _url(second, "vergleich/")
    html = client.get(url, {"alt": published.pk, "neu": second.pk}).content.decode()
    net_at, details_at = html.index("Netto je Gruppe und gesamt"), html.index("Einzelne Änderungen")
    assert net_at < details_at
    net = html[net_at:details_at]
    assert f">{group.name}</a></th>" in net
    assert "<strong>+50.000,00 €</strong>" in net
    assert re.search(r"<th scope=\"row\">Gesamt</th>.*<strong>\+50\.000,00 €</strong>", net)
    assert f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in net
    assert "weitere Gruppen unverändert" in net
    assert "Status</th>" in html[details_at:]
    only = client.get(url, {"alt": published.pk, "neu": second.pk, "gruppe": group.id})
    text = only.content.decode()
    details = text[text.index("Einzelne Änderungen") :]
    assert f"Einzelne Änderungen: {group.name}" in details
    assert "2 von 3 Änderungen in dieser Gruppe" in details
    assert "Status</th>" not in details  # outside the group
    assert "Menge › Anzahl" in details
    unknown = client.get(url, {"alt": published.pk, "neu": second.pk, "gruppe": "<x>"})
    assert unknown.status_code == 200
    assert "3 Änderungen" in unknown.content.decode()  # an unknown group filters nothing


def test_scenario_preview_shows_the_net_per_group_before_the_lines(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    html = client.get(_url(published, "szenario/"), {"aenderung": "100.000 €"}).content.decode()
    net_at, lines_at = html.index("Netto je Gruppe und gesamt"), html.index("Einzelne Zeilen")
    assert net_at < lines_at
    assert re.search(
        r"<th scope=\"row\">Gesamt</th>.*<strong>-100\.000,00 €</strong>", html[net_at:lines_at]
    )


# ---------------------------------------------------------------- Verlauf: filter and take back


def _place(version: PlanVersion) -> str:
    return place(version.core_plan(), "budget.groups[0].lines[1].amounts.plan")


def _revert_url(version: PlanVersion, entry: AuditEntry) -> str:
    return _url(version, f"verlauf/{entry.pk}/zuruecknehmen/")


def test_history_filters_by_line(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = _planner(jobcenter)
    draft = services.branch(published.pk, None)
    _amount(client, draft, "1.000.000,00")
    other = draft.core_plan().budget.groups[0].lines[0]
    line = draft.core_plan().budget.groups[0].lines[1]
    everything = client.get(_url(draft, "verlauf/")).content.decode()
    assert "angelegt als Kopie von Version 1" in everything
    assert f'<option value="{line.id}">' in everything
    only = client.get(_url(draft, "verlauf/"), {"zeile": line.id}).content.decode()
    assert "1 Eintrag für diese Zeile" in only
    assert "angelegt als Kopie" not in only
    assert "1.000.000,00 €" in only
    none = client.get(_url(draft, "verlauf/"), {"zeile": other.id}).content.decode()
    assert "0 Einträge für diese Zeile" in none


def test_one_change_is_taken_back_as_a_new_audited_edit(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    draft = services.branch(published.pk, None)
    _amount(client, draft, "1.000.000,00")
    entry = AuditEntry.objects.get(version=draft, path="budget.groups[0].lines[1].amounts.plan")
    page = client.get(_url(draft, "verlauf/")).content.decode()
    assert _revert_url(draft, entry) in page
    response = client.post(_revert_url(draft, entry), follow=True)
    text = response.content.decode()
    assert "Zurückgenommen: " in text
    assert "steht wieder auf 950.000,00 €" in text
    draft.refresh_from_db()
    assert draft.core_plan().budget.groups[0].lines[1].amounts.plan == Decimal("950000.00")
    entries = AuditEntry.objects.filter(version=draft).order_by("id")
    back = entries.filter(path=entry.path).last()
    assert back is not None
    assert back.pk != entry.pk
    assert (back.old, back.new) == ("1000000.00", "950000.00")
    assert back.user is not None
    steps = [str(e.new) for e in entries.filter(path="")]
    assert sum(step.startswith("Änderung vom") for step in steps) == 1
    assert steps[-1].endswith("zurückgenommen: " + _place(draft))


def test_taking_back_is_refused_when_the_cell_changed_since(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    draft = services.branch(published.pk, None)
    _amount(client, draft, "1.000.000,00")
    first = AuditEntry.objects.get(version=draft, path="budget.groups[0].lines[1].amounts.plan")
    _amount(client, draft, "1.100.000,00")
    count = AuditEntry.objects.count()
    text = client.post(_revert_url(draft, first), follow=True).content.decode()
    assert "Nicht zurückgenommen" in text
    assert "noch einmal geändert (jetzt 1.100.000,00 €)" in text
    assert 'role="alert"' in text
    draft.refresh_from_db()
    assert draft.core_plan().budget.groups[0].lines[1].amounts.plan == Decimal("1100000.00")
    assert AuditEntry.objects.count() == count  # nothing written


def test_taking_back_needs_a_draft_and_the_planning_role(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    planner = _planner(jobcenter)
    draft = services.branch(published.pk, None)
    _quantity(planner, draft, "61", "F", ungefaehr="1")
    entry = AuditEntry.objects.get(version=draft, path="budget.groups[0].lines[1].quantity")
    beirat = _client(_user("b", jobcenter, Role.BEIRAT))
    assert beirat.post(_revert_url(draft, entry)).status_code in {403, 404}
    leitung = _client(_user("l", jobcenter, Role.LEITUNG))
    assert leitung.post(_revert_url(draft, entry)).status_code == 403
    assert ">Zurücknehmen</button>" not in leitung.get(_url(draft, "verlauf/")).content.decode()
    planner.post(_revert_url(draft, entry))
    draft.refresh_from_db()
    assert draft.core_plan().budget.groups[0].lines[1].quantity == (
        published.core_plan().budget.groups[0].lines[1].quantity
    )
    status = AuditEntry.objects.filter(version=published).first()
    if status is not None:
        assert planner.post(_revert_url(draft, status)).status_code == 404


def test_one_line_of_a_scenario_is_taken_back(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = _planner(jobcenter)
    client.post(_url(published, "szenario/"), {"aenderung": "-100.000 €"})
    created = PlanVersion.objects.get(parent=published)
    entries = AuditEntry.objects.filter(version=created).exclude(path="").order_by("id")
    assert entries.count() > 1
    first = entries.first()
    assert first is not None
    page = client.get(_url(created, "verlauf/")).content.decode()
    assert _revert_url(created, first) in page
    client.post(_revert_url(created, first))
    created.refresh_from_db()
    path = parse_path(first.path)
    assert value_at(created.core_plan(), path) == value_at(published.core_plan(), path)
    net = client.get(
        _url(created, "vergleich/"), {"alt": published.pk, "neu": created.pk}
    ).content.decode()
    taken = Decimal(first.old) - Decimal(first.new)
    remaining = Decimal("100000") - taken
    shown = f"{remaining:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f"<strong>-{shown} €</strong>" in net  # the net total moved by that line
