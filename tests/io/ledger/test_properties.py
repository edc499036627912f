"""Properties of the store: what amp writes it reads back unchanged, and importing the
stored file again changes nothing."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from amp.core.ledger import Booking
from amp.io.ledger.importer import Kind, apply_import, preview_import
from amp.io.ledger.readers import read_bookings
from amp.io.ledger.store import BOOKINGS, write_bookings

texts = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
bookings = st.lists(
    st.builds(
        Booking,
        id=texts,
        day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        amount=st.decimals(min_value=-(10**7), max_value=10**7, places=2),
        account=texts,
        cost_center=st.none() | texts,
        measure=st.none() | texts,
        commitment=st.none() | texts,
        one_off=st.booleans(),
        text=st.none() | texts,
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda b: b.id,
)


@settings(max_examples=60, deadline=None)
@given(bookings)
def test_stored_bookings_read_back_and_reimport_changes_nothing(records: list[Booking]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "vollzug"
        export = Path(tmp) / "export.csv"
        write_bookings(export, records)
        assert sorted(read_bookings(export).records, key=lambda b: b.id) == sorted(
            records, key=lambda b: b.id
        )
        apply_import(store, preview_import(store, Kind.BOOKINGS, export))
        stored = (store / BOOKINGS).read_bytes()
        again = preview_import(store, Kind.BOOKINGS, export)
        assert again.counts()["neu"] == 0
        assert again.counts()["geändert"] == 0
        apply_import(store, again)
        assert (store / BOOKINGS).read_bytes() == stored
