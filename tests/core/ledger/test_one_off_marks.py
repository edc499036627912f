"""A booking marked "nicht für die Hochrechnung" keeps its mark when an export without
the column "einmalig" brings it again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.ledger import Booking
from amp.core.ledger.merge import keep_one_off_marks, preview


def _booking(ident: str, one_off: bool = False) -> Booking:
    return Booking(ident, date(2024, 3, 1), Decimal(100), "0681.20", one_off=one_off)


def test_marks_are_kept_and_the_re_import_is_unchanged() -> None:
    stored = {"A": _booking("A", one_off=True), "B": _booking("B")}
    incoming = (_booking("A"), _booking("B"), _booking("C"))
    kept = keep_one_off_marks(stored, incoming)
    assert [b.one_off for b in kept] == [True, False, False]
    change = preview(stored, kept, lambda b: b.id)
    assert [b.id for b in change.unchanged] == ["A", "B"]
    assert [b.id for b in change.new] == ["C"]


def test_without_marks_the_incoming_records_are_returned_as_they_are() -> None:
    incoming = (_booking("A"),)
    assert keep_one_off_marks({"A": _booking("A")}, incoming) is incoming
