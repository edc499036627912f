"""Property tests on random small panels: bookkeeping identities of the base series."""

from __future__ import annotations

import tempfile
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
