"""Property tests on random small panels: bookkeeping identities of the base series."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amp.kpi.engines import BaseData, compute_duckdb
from amp.kpi.params import Params
from amp.kpi.schema import month_index, month_text

FIRST = month_index("2023-01")
MONTHS = 18

person = st.tuples(
    st.sampled_from(["EN", "HA"]),  # jobcenter
    st.sampled_from(["m", "w"]),
    st.sets(st.integers(0, MONTHS - 1), min_size=1, max_size=MONTHS),  # eLb months
    st.sets(st.integers(0, MONTHS - 1), max_size=4),  # integration months
)


def build(people: list[tuple[str, str, set[int], set[int]]], directory: Path) -> BaseData:
    panel = [
        "person_id,jobcenter,monat,elb,geschlecht,geburtsjahr,alleinerziehend,llu,luh,massnahme"
    ]
    events = ["person_id,datum,art,erfasst_am"]
    for i, (jc, sex, months, ints) in enumerate(people):
        for k in sorted(months):
            panel.append(f"P{i},{jc},{month_text(FIRST + k)},ja,{sex},1990,nein,100.00,50.00,nein")
        for k in sorted(ints):
            events.append(f"P{i},{month_text(FIRST + k)}-15,svb,")
            events.append(f"P{i},{month_text(FIRST + k)}-16,ausbildung,")
    (directory / "panel.csv").write_text("\n".join(panel) + "\n")
    (directory / "ereignisse.csv").write_text("\n".join(events) + "\n")
    (directory / "beschaeftigung.csv").write_text("person_id,monat\n")
    return compute_duckdb(directory, Params())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person, min_size=1, max_size=8))
def test_stock_flow_identities(people: list[tuple[str, str, set[int], set[int]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = build(people, Path(tmp))
    s = data.series
    for jc in ("EN", "HA"):
        for m in range(data.first_month + 1, data.last_month + 1):
            stock = data.get("elb_n__insgesamt", jc, m)
            before = data.get("elb_n__insgesamt", jc, m - 1)
            entries = data.get("elb_entries__insgesamt", jc, m)
            exits = data.get("elb_exits__insgesamt", jc, m)
            assert stock - before == entries - exits
            # breakdown by sex adds up
            assert stock == data.get("elb_n__maenner", jc, m) + data.get("elb_n__frauen", jc, m)
            # at most one integration per person and month, only from last month's stock
            # (plus new entries whose integration happened in their entry month)
            ints = data.get("int__insgesamt", jc, m)
            assert 0 <= ints <= before
            expected = sum(
                1
                for pj, _sex, months, im in people
                if pj == jc
                and (m - 1 - FIRST) in months
                and ((m - FIRST) in im or ((m - 2 - FIRST) not in months and (m - 1 - FIRST) in im))
            )
            assert ints == expected
            assert data.get("llu__insgesamt", jc, m) == 100 * stock
    assert set(s["elb_n__insgesamt"]) <= {
        (jc, m) for jc in ("EN", "HA") for m in range(FIRST, FIRST + MONTHS)
    }


REPORT = month_index("2024-06")
STICHTAG = date(2024, 6, 30)

spell = st.tuples(st.integers(0, 1100), st.one_of(st.none(), st.integers(0, 400)))
"""Start (days before the Stichtag) and length in days (None: ongoing)."""


def build_spells(people: list[list[tuple[int, int | None]]], directory: Path) -> None:
    """One eLb person-month (2024-06) per person, with the given day-precise spells."""
    panel = [
        "person_id,jobcenter,monat,elb,geschlecht,geburtsjahr,alleinerziehend,llu,luh,massnahme"
    ]
    spells = ["person_id,beginn,ende"]
    for i, person_spells in enumerate(people):
        panel.append(f"S{i},EN,2024-06,ja,w,1990,nein,100.00,50.00,nein")
        for start, length in person_spells:
            begin = STICHTAG - timedelta(days=start)
            end = "" if length is None else (begin + timedelta(days=length)).isoformat()
            spells.append(f"S{i},{begin.isoformat()},{end}")
    (directory / "panel.csv").write_text("\n".join(panel) + "\n")
    (directory / "zeitraeume.csv").write_text("\n".join(spells) + "\n")
    (directory / "ereignisse.csv").write_text("person_id,datum,art,erfasst_am\n")
    (directory / "beschaeftigung.csv").write_text("person_id,monat\n")


def lzb_by_hand(person_spells: list[tuple[int, int | None]]) -> bool:
    """638 of the 730 days up to the Stichtag, overlapping spells counted once."""
    window = {STICHTAG - timedelta(days=d) for d in range(730)}
    covered: set[date] = set()
    for start, length in person_spells:
        begin = STICHTAG - timedelta(days=start)
        end = STICHTAG if length is None else begin + timedelta(days=length)
        covered |= {begin + timedelta(days=d) for d in range((end - begin).days + 1)}
    return len(covered & window) >= 638


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(spell, min_size=1, max_size=4, unique_by=lambda s: s[0]), max_size=6))
def test_lzb_from_several_spells(people: list[list[tuple[int, int | None]]]) -> None:
    """Single, overlapping, adjacent and gapped spells against a day-by-day count."""
    with tempfile.TemporaryDirectory() as tmp:
        build_spells([[(1000, None)], *people], Path(tmp))
        data = compute_duckdb(Path(tmp), Params())
    expected = 1 + sum(lzb_by_hand(p) for p in people)
    assert data.get("elb_n_lzb__insgesamt", "EN", REPORT) == expected
