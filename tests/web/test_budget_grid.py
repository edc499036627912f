"""The budget grid's spreadsheet habits: undo one's own last change, paste a block from a
spreadsheet (preview, then all or nothing), marks against the version in force, comments."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from amp.core.budget import Column
from amp.web.plans import services
from amp.web.plans.models import AuditEntry, GridLineComment, Jobcenter, PlanVersion, Role
from tests.support import web_fixtures
from tests.web.test_plans import _client, _url, _user
from tests.web.test_screens import HTMX, _amount, _planner

pytestmark = pytest.mark.django_db

published, draft, jobcenter = web_fixtures.published, web_fixtures.draft, web_fixtures.jobcenter

# the first lines of group 0 of the example: plan 30.000 / 950.000 / 1.100.000 / 4.307.644,90
FIRST, SECOND, THIRD = "Vermittlungsgutschein", "FbW - Umschulung", "FbW - Fortbildung"


def _plan(version: PlanVersion, group: int, line: int, column: Column = Column.PLAN) -> Any:
    version.refresh_from_db()
    return version.core_plan().budget.groups[group].lines[line].amounts.get(column)


def _undo(client: Client, version: PlanVersion, **extra: Any) -> Any:
    return client.post(_url(version, "rueckgaengig/"), {}, **extra)


# ---------------------------------------------------------------- undo


def test_undo_sets_back_ones_own_last_change_as_a_new_audited_edit(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    assert _amount(client, draft, "951.000").status_code == 200
    assert _amount(client, draft, "952.000").status_code == 200
    response = _undo(client, draft, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Rückgängig gemacht: Betrag „FbW - Umschulung (§ 81ff SGB III)“ ist wieder 951.000,00 €"
        in page
    )
    assert 'hx-swap-oob="true"' in page  # the grid and the sums come back out of band
    assert _plan(draft, 0, 1) == Decimal("951000")
    last = AuditEntry.objects.filter(version=draft).latest("id")
    assert last.path == "budget.groups[0].lines[1].amounts.plan"
    assert (last.old, last.new) == ("952000.00", "951000.00")
    assert last.label.startswith("Rückgängig gemacht: ")
    # undos stack: the next one takes back the change before
    assert _undo(client, draft, **HTMX).status_code == 200
    assert _plan(draft, 0, 1) == Decimal("950000.00")
    assert _undo(client, draft, **HTMX).status_code == 409  # nothing of one's own is left
    # without JavaScript the button posts and the page comes back with the message
    _amount(client, draft, "1.000")
    plain = _undo(client, draft)
    assert plain.status_code == 302
    assert _plan(draft, 0, 1) == Decimal("950000.00")


def test_undo_refuses_when_someone_else_changed_the_cell_since(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    mine, other = _planner(jobcenter), _planner(jobcenter, "p2")
    _amount(mine, draft, "960.000")
    _amount(other, draft, "970.000")
    response = _undo(mine, draft, **HTMX)
    assert response.status_code == 409
    text = response.content.decode()
    assert "FbW - Umschulung" in text
    assert "Rückgängig nicht möglich" in text
    assert "970.000,00 €" in text
    assert _plan(draft, 0, 1) == Decimal("970000")  # the other's value stays
    # undo never touches another user's change
    assert _undo(_planner(jobcenter, "p3"), draft, **HTMX).status_code == 409


def test_undo_needs_the_right_to_edit(
    jobcenter: Jobcenter, draft: PlanVersion, published: PlanVersion
) -> None:
    reader = _client(_user("l", jobcenter, Role.LEITUNG))
    assert _undo(reader, draft).status_code == 403
    assert _undo(_planner(jobcenter), published).status_code == 403


# ---------------------------------------------------------------- paste


def _paste(
    client: Client, version: PlanVersion, start: str, block: str, save: bool = False, **extra: Any
) -> Any:
    data = {"start": start, "block": block, **extra}
    if not save:
        return client.post(_url(version, "einfuegen/"), data, **HTMX)
    preview = client.post(_url(version, "einfuegen/"), data, **HTMX).content.decode()
    seen = dict(re.findall(r'name="gesehen-([0-9a-z_-]+)" value="([^"]*)"', preview))
    data.update({f"gesehen-{key}": value for key, value in seen.items()})
    return client.post(_url(version, "einfuegen/speichern/"), data, **HTMX)


def test_paste_a_column_of_three_shows_a_preview_then_saves_all(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    block = "1.100.000,00\n4.307.644,90\n356.000,00\n"  # as Excel copies a column
    preview = _paste(client, draft, "0-0-plan", block)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Vorschau: 3 Zellen aus dem eingefügten Block" in page
    assert "30.000,00 €" in page
    assert "1.100.000,00 €" in page
    assert _plan(draft, 0, 0) == Decimal("30000.00")  # nothing saved by the preview
    saved = _paste(client, draft, "0-0-plan", block, save=True)
    assert saved.status_code == 200
    assert "Eingefügt: 3 Zellen gespeichert." in saved.content.decode()
    assert _plan(draft, 0, 0) == Decimal("1100000")
    assert _plan(draft, 0, 1) == Decimal("4307644.90")
    assert _plan(draft, 0, 2) == Decimal("356000")
    assert AuditEntry.objects.filter(version=draft, path__startswith="budget.").count() == 3


def test_paste_a_two_by_two_block_fills_two_lines_and_two_columns(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    block = "1.000,00\t2.000,00\r\n3.000,50\t\r\n"  # LibreOffice: CRLF, an empty cell
    saved = _paste(client, draft, "0-1-forecast_prev", block, save=True, alle="1")
    assert saved.status_code == 200, saved.content.decode()
    assert _plan(draft, 0, 1, Column.FORECAST_PREV) == Decimal("1000")
    assert _plan(draft, 0, 1, Column.COMMITMENTS) == Decimal("2000")
    assert _plan(draft, 0, 2, Column.FORECAST_PREV) == Decimal("3000.50")
    assert _plan(draft, 0, 2, Column.COMMITMENTS) is None
    # the compact grid has one column: a block two wide does not fit and says so
    narrow = _paste(client, draft, "0-1-plan", block).content.decode()
    assert "Der Block hat 2 Spalten, ab dieser Zelle folgt aber nur 1 bearbeitbare Spalte" in narrow
    assert "Alle Spalten und Mengen bearbeiten" in narrow


def test_paste_with_a_bad_number_names_each_cell_and_saves_nothing(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    response = _paste(client, draft, "0-0-plan", "1.000\nzwölf\n1,2,3\n")
    page = response.content.decode()
    assert 'role="alert"' in page
    assert (
        "Betrag „FbW - Umschulung (§ 81ff SGB III)“ (Zeile 2, Spalte 1 des Blocks, „zwölf“)" in page
    )
    assert "FbW - Fortbildung (§ 81ff SGB III)“ (Zeile 3, Spalte 1 des Blocks, „1,2,3“)" in page
    assert "Übernehmen" not in page
    saved = _paste(client, draft, "0-0-plan", "1.000\nzwölf\n", save=True)
    assert saved.status_code == 409
    assert _plan(draft, 0, 0) == Decimal("30000.00")
    too_long = _paste(client, draft, "0-0-plan", "1\n" * 500).content.decode()
    assert "Der Block hat 500 Zeilen" in too_long


def test_paste_with_a_conflict_saves_nothing_and_names_the_cell(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client, other = _planner(jobcenter), _planner(jobcenter, "p2")
    block = "1\n2\n3"
    preview = _paste(client, draft, "0-0-plan", block).content.decode()
    seen = dict(re.findall(r'name="gesehen-([0-9a-z_-]+)" value="([^"]*)"', preview))
    _amount(other, draft, "123.456")  # the second line changes in between
    data = {"start": "0-0-plan", "block": block, **{f"gesehen-{k}": v for k, v in seen.items()}}
    response = client.post(_url(draft, "einfuegen/speichern/"), data, **HTMX)
    assert response.status_code == 409
    text = response.content.decode()
    assert "Konflikt" in text
    assert "Betrag „FbW - Umschulung (§ 81ff SGB III)“ ist inzwischen 123.456,00 €" in text
    assert _plan(draft, 0, 0) == Decimal("30000.00")  # all or nothing
    assert _plan(draft, 0, 2) == Decimal("1100000.00")


def test_paste_without_javascript_shows_the_preview_on_the_page(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    data = {"start": "0-0-plan", "block": "5\n6"}
    page = client.post(_url(draft, "einfuegen/"), data).content.decode()
    assert "Vorschau: 2 Zellen" in page
    assert '<table id="budget"' in page


# ---------------------------------------------------------------- marks: version in force


def test_cells_that_differ_from_the_version_in_force_are_marked_with_words(
    jobcenter: Jobcenter, draft: PlanVersion, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    page = client.get(_url(draft, "budget/")).content.decode()
    assert "Abweichungen von Version 1 (gültig) markieren" in page
    assert 'class="diff-mark"' not in page
    response = _amount(client, draft, "951.000")
    fragment = response.content.decode()
    assert 'aria-describedby="abw-0-1-plan"' in fragment  # the field names its mark
    assert "geändert; Version 1 (gültig): 950.000,00 €" in fragment
    page = client.get(_url(draft, "budget/")).content.decode()
    assert page.count('class="diff-mark"') == 1
    assert '<span aria-hidden="true">≠</span>' in page  # a symbol, not colour alone
    assert 'id="abw-0-1-plan">geändert; Version 1 (gültig): 950.000,00 €</span>' in page
    assert 'type="checkbox" id="abweichungen" checked' in page  # the toggle
    # the version in force itself has nothing to compare with
    assert "Abweichungen von" not in client.get(_url(published, "budget/")).content.decode()


# ---------------------------------------------------------------- comments on lines


def _comment(client: Client, version: PlanVersion, choice: str, text: str) -> Any:
    return client.post(_url(version, "kommentar/"), {"zeile": choice, "text": text}, follow=True)


def test_a_comment_per_line_shows_who_and_when_and_is_audited(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    response = _comment(
        client, draft, "0-1-fbw_umschulung", "Kürzung um 5 % mit dem Träger\nabgestimmt"
    )
    page = response.content.decode()
    assert "Kommentar zu „FbW - Umschulung (§ 81ff SGB III)“ gespeichert." in page
    assert "Kürzung um 5 % mit dem Träger" in page
    assert "– p, " in page  # who, and the day
    comment = GridLineComment.objects.get(version=draft, line_id="fbw_umschulung")
    assert comment.author is not None
    entry = AuditEntry.objects.filter(version=draft).latest("id")
    assert entry.path == "budget.groups[0].lines[1].kommentar"
    assert entry.old is None
    # the comment belongs to this version only; the history names the line
    assert not GridLineComment.objects.exclude(version=draft).exists()
    history = client.get(_url(draft, "verlauf/")).content.decode()
    assert "FbW - Umschulung (§ 81ff SGB III) › kommentar" in history
    # an empty text removes it; undo of amounts does not stumble over comments
    removed = _comment(client, draft, "0-1-fbw_umschulung", "  ").content.decode()
    assert "Kommentar zu „FbW - Umschulung (§ 81ff SGB III)“ entfernt." in removed
    assert not GridLineComment.objects.filter(version=draft).exists()
    assert _undo(client, draft, **HTMX).status_code == 409


def test_a_comment_refuses_a_moved_line_too_long_text_and_readers(
    jobcenter: Jobcenter, draft: PlanVersion, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    moved = _comment(client, draft, "0-1-vermittlungsgutschein", "x").content.decode()
    assert "Diese Zeile gibt es so nicht mehr" in moved
    long = _comment(client, draft, "0-1-fbw_umschulung", "x" * 1001).content.decode()
    assert "höchstens 1000 Zeichen" in long
    assert "Nichts wurde gespeichert." in long
    assert not GridLineComment.objects.exists()
    reader = _client(_user("l", jobcenter, Role.LEITUNG))
    assert (
        reader.post(_url(draft, "kommentar/"), {"zeile": "0-1-fbw_umschulung"}).status_code == 403
    )
    assert client.post(_url(published, "kommentar/"), {"zeile": "0-0-x"}).status_code == 403


def test_a_copy_of_the_version_takes_the_comments_along(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    _comment(_planner(jobcenter), draft, "0-1-fbw_umschulung", "mit dem Träger abgestimmt")
    copy = services.branch(draft.pk, None)
    copied = GridLineComment.objects.get(version=copy)
    assert (copied.line_id, copied.text) == ("fbw_umschulung", "mit dem Träger abgestimmt")
    assert copied.author is not None
    assert copied.author.get_username() == "p"


def test_the_report_prints_the_comments_on_request(
    jobcenter: Jobcenter,
    draft: PlanVersion,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    tmp_path: Any,
) -> None:
    from amp.web.plans.views import downloads

    settings.DATA_DIR = tmp_path
    rendered: list[str] = []

    def fake_pdf(html: str) -> bytes:
        rendered.append(html)
        return b"%PDF-1.7 " + str(len(rendered)).encode()

    monkeypatch.setattr(downloads, "pdf_bytes", fake_pdf)
    client = _planner(jobcenter)
    budget = client.get(_url(draft, "budget/")).content.decode()
    assert "mit den Kommentaren zu den Zeilen" not in budget  # none yet
    _comment(client, draft, "0-1-fbw_umschulung", "mit dem Träger abgestimmt")
    budget = client.get(_url(draft, "budget/")).content.decode()
    assert "bericht.pdf?kommentare=1" in budget
    assert client.get(_url(draft, "bericht.pdf")).status_code == 200
    assert "Kommentare zu Zeilen der Finanzplanung" not in rendered[-1]  # only on request
    assert client.get(_url(draft, "bericht.pdf?kommentare=1")).status_code == 200
    html = rendered[-1]
    assert "Kommentare zu Zeilen der Finanzplanung" in html
    assert "FbW - Umschulung (§ 81ff SGB III)" in html
    assert "mit dem Träger abgestimmt" in html
    assert len(rendered) == 2
    _comment(client, draft, "0-1-fbw_umschulung", "neu abgestimmt")  # a new text, a new file
    client.get(_url(draft, "bericht.pdf?kommentare=1"))
    assert "neu abgestimmt" in rendered[-1]


def test_undo_takes_back_a_pasted_block_as_a_whole(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client, other = _planner(jobcenter), _planner(jobcenter, "p2")
    _amount(client, draft, "951.000")  # an earlier single change
    _paste(client, draft, "0-0-plan", "1\n2\n3\n", save=True)
    assert _plan(draft, 0, 2) == Decimal("3")
    response = _undo(client, draft, **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Rückgängig gemacht: der eingefügte Block (3 Zellen)" in text
    assert "Betrag „FbW - Umschulung (§ 81ff SGB III)“ ist wieder 951.000,00 €" in text
    assert [_plan(draft, 0, i) for i in range(3)] == [
        Decimal("30000.00"),
        Decimal("951000"),
        Decimal("1100000.00"),
    ]
    assert _undo(client, draft, **HTMX).status_code == 200  # then the single change before
    assert _plan(draft, 0, 1) == Decimal("950000.00")
    # a block of which someone else changed a cell since is not undone at all
    _paste(client, draft, "0-0-plan", "4\n5\n", save=True)
    _amount(other, draft, "77")
    refused = _undo(client, draft, **HTMX)
    assert refused.status_code == 409
    message = refused.content.decode()
    assert "Betrag „FbW - Umschulung (§ 81ff SGB III)“ ist inzwischen 77,00 €" in message
    assert _plan(draft, 0, 0) == Decimal("4")  # nothing of the block was undone


def test_the_report_command_prints_the_comments_with_an_option(
    jobcenter: Jobcenter, draft: PlanVersion, tmp_path: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command

    _comment(_planner(jobcenter), draft, "0-1-fbw_umschulung", "mit dem Träger abgestimmt")
    out = StringIO()
    call_command(
        "plan_report", str(draft.pk), str(tmp_path / "mit.html"), "--kommentare", stdout=out
    )
    assert "Bericht mit 1 Kommentar geschrieben" in out.getvalue()
    html = (tmp_path / "mit.html").read_text(encoding="utf-8")
    assert "Kommentare zu Zeilen der Finanzplanung" in html
    assert "mit dem Träger abgestimmt" in html
    call_command("plan_report", str(draft.pk), str(tmp_path / "ohne.html"), stdout=StringIO())
    assert "mit dem Träger" not in (tmp_path / "ohne.html").read_text(encoding="utf-8")


def test_undo_of_a_quantity_and_refusals_without_a_server_error(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    from tests.web.test_screens import _quantity

    client = _planner(jobcenter)
    assert _quantity(client, draft, "75", "F").status_code == 200
    undone = _undo(client, draft, **HTMX)
    assert undone.status_code == 200
    assert "Rückgängig gemacht: Menge „FbW - Umschulung (§ 81ff SGB III)“ ist wieder ~60 F." in (
        undone.content.decode()
    )
    draft.refresh_from_db()
    quantity = draft.core_plan().budget.groups[0].lines[1].quantity
    assert quantity is not None
    assert (quantity.value, quantity.approximate) == (60, True)
    # a number beyond the limits, and a draft approved in between: German, nothing saved
    huge = _paste(client, draft, "0-0-plan", "1.000.000.000.000.000,00\n", save=True)
    assert huge.status_code in {400, 409}
    assert "Nichts wurde gespeichert" in huge.content.decode()
    _amount(client, draft, "1")
    services.approve(draft.pk, None)
    assert _undo(client, draft, **HTMX).status_code == 403
