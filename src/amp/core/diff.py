"""What changed between two versions of a plan, value by value.

Entries of a list that carry an `id` are matched by id (a moved row is no change, a new
row is "added"); other lists are matched by position. Every change names its place as a
path of field names and ids, e.g. ("budget", "groups", "juengere", "lines", "taam",
"amounts", "plan"), with old and new value and, for numbers, the difference.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from amp.core.plan import Plan

DiffPath = tuple[str | int, ...]


class ChangeKind(StrEnum):
    CHANGED = "geändert"
    ADDED = "neu"
    REMOVED = "entfernt"


@dataclass(frozen=True, slots=True)
class Change:
    path: DiffPath
    kind: ChangeKind
    old: object = None
    new: object = None

    @property
    def delta(self) -> Decimal | None:
        """new − old where both are numbers (an empty cell counts as nothing)."""
        old, new = self.old, self.new
        if isinstance(old, bool) or isinstance(new, bool):
            return None
        if not isinstance(old, Decimal | int | None) or not isinstance(new, Decimal | int | None):
            return None
        if old is None and new is None:
            return None
        return Decimal(new or 0) - Decimal(old or 0)


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """Every difference between two plans, in the order of the newer plan's fields."""
    return list(_diff(old, new, ()))


def _key(item: object, index: int) -> str | int:
    """An entry's id, or the year of a per-year entry (Mittelausstattung), or its position."""
    if not dataclasses.is_dataclass(item):
        return index
    ident = getattr(item, "id", None)
    if isinstance(ident, str):
        return ident
    year = getattr(item, "year", None)
    return str(year) if isinstance(year, int) else index


def _diff(old: object, new: object, path: DiffPath) -> list[Change]:
    if old == new:
        return []
    if (
        dataclasses.is_dataclass(old)
        and dataclasses.is_dataclass(new)
        and type(old) is type(new)
        and not isinstance(old, type)
    ):
        changes: list[Change] = []
        for field in dataclasses.fields(old):
            changes += _diff(
                getattr(old, field.name), getattr(new, field.name), (*path, field.name)
            )
        return changes
    if isinstance(old, tuple) and isinstance(new, tuple):
        return _diff_sequences(old, new, path)
    if old is None and dataclasses.is_dataclass(new):
        return [Change(path, ChangeKind.ADDED, None, new)]
    if new is None and dataclasses.is_dataclass(old):
        return [Change(path, ChangeKind.REMOVED, old, None)]
    return [Change(path, ChangeKind.CHANGED, old, new)]


def _diff_sequences(
    old: tuple[object, ...], new: tuple[object, ...], path: DiffPath
) -> list[Change]:
    if all(not dataclasses.is_dataclass(x) for x in (*old, *new)):
        return [Change(path, ChangeKind.CHANGED, old, new)]
    old_keys = [_key(item, i) for i, item in enumerate(old)]
    new_keys = [_key(item, i) for i, item in enumerate(new)]
    unique = len(set(old_keys)) == len(old_keys) and len(set(new_keys)) == len(new_keys)
    if not unique or not all(isinstance(k, str) for k in old_keys + new_keys):
        old_keys, new_keys = list(range(len(old))), list(range(len(new)))
    olds = dict(zip(old_keys, old, strict=True))
    news = dict(zip(new_keys, new, strict=True))
    changes: list[Change] = []
    for key in old_keys:
        if key not in news:
            changes.append(Change((*path, key), ChangeKind.REMOVED, olds[key], None))
    for key in new_keys:
        if key in olds:
            changes += _diff(olds[key], news[key], (*path, key))
        else:
            changes.append(Change((*path, key), ChangeKind.ADDED, None, news[key]))
    return changes
