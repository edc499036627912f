"""Hostile input at the budget grid's forms (paste preview and save, undo, line comments):
never a server error, a German message when refused, nothing written when refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.web_fixtures import draft, jobcenter, published
from tests.web.test_fuzz import SETTINGS, World, _sent_safely, hostile, world

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published", "world"]  # fixtures

PASTE_FIELDS = ["start", "block", "alle", "gesehen-0-0-plan"]


@SETTINGS
@given(
    field=st.sampled_from(PASTE_FIELDS),
    value=hostile(),
    save=st.booleans(),
    htmx=st.booleans(),
)
def test_paste(world: World, field: str, value: str, save: bool, htmx: bool) -> None:
    data = {"start": "0-0-plan", "block": "1.000\n2.000", "gesehen-0-0-plan": "", field: value}
    url = f"/staende/{world.draft.pk}/einfuegen/{'speichern/' if save else ''}"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    _sent_safely(world, lambda: world.planner.post(url, data, **headers))


@SETTINGS
@given(block=st.lists(st.lists(hostile(), min_size=1, max_size=3), min_size=1, max_size=3))
def test_paste_of_hostile_blocks(world: World, block: list[list[str]]) -> None:
    text = "\n".join("\t".join(row) for row in block)
    url = f"/staende/{world.draft.pk}/einfuegen/speichern/"
    data = {"start": "0-0-plan", "block": text, "alle": "1"}
    _sent_safely(world, lambda: world.planner.post(url, data, HTTP_HX_REQUEST="true"))


@SETTINGS
@given(field=st.sampled_from(["zeile", "text", "alle"]), value=hostile())
def test_line_comment(world: World, field: str, value: str) -> None:
    data = {"zeile": "0-1-fbw_umschulung", "text": "abgestimmt", field: value}
    url = f"/staende/{world.draft.pk}/kommentar/"
    _sent_safely(world, lambda: world.planner.post(url, data))


@SETTINGS
@given(value=hostile(), htmx=st.booleans())
def test_undo(world: World, value: str, htmx: bool) -> None:
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = f"/staende/{world.draft.pk}/rueckgaengig/"
    _sent_safely(world, lambda: world.planner.post(url, {"alle": value}, **headers))
