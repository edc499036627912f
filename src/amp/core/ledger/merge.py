"""Idempotent re-import: records keyed by the source's ids are compared with what is
stored, and a preview says which are new, changed or unchanged before anything is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from amp.core.ledger.model import Booking

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Preview(Generic[T]):
    new: tuple[T, ...]
    changed: tuple[tuple[T, T], ...]  # (stored, incoming)
    unchanged: tuple[T, ...]

    @property
    def is_noop(self) -> bool:
        return not self.new and not self.changed


def preview(stored: Mapping[str, T], incoming: Iterable[T], key: Callable[[T], str]) -> Preview[T]:
    """Compare incoming records with the stored ones by id. The last of several incoming
    records with one id wins (a reader refuses such duplicates before this point)."""
    latest: dict[str, T] = {}
    for record in incoming:
        latest[key(record)] = record
    new: list[T] = []
    changed: list[tuple[T, T]] = []
    unchanged: list[T] = []
    for record_id, record in latest.items():
        old = stored.get(record_id)
        if old is None:
            new.append(record)
        elif old == record:
            unchanged.append(record)
        else:
            changed.append((old, record))
    return Preview(tuple(new), tuple(changed), tuple(unchanged))


def apply(stored: Mapping[str, T], change: Preview[T], key: Callable[[T], str]) -> dict[str, T]:
    """The stored records after the preview's new and changed records are taken over."""
    result = dict(stored)
    for record in change.new:
        result[key(record)] = record
    for _, record in change.changed:
        result[key(record)] = record
    return result


def keep_one_off_marks(
    stored: Mapping[str, Booking], incoming: tuple[Booking, ...]
) -> tuple[Booking, ...]:
    """The incoming bookings of an export without the column "einmalig", with the mark
    "nicht für die Hochrechnung" of the stored ones kept: such an export says nothing about
    the mark, so importing the same booking again must not undo what a controller marked."""
    marked = {key for key, b in stored.items() if b.one_off}
    if not marked:
        return incoming
    return tuple(
        replace(b, one_off=True) if b.id in marked and not b.one_off else b for b in incoming
    )
