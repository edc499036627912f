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

from amp.core.budget import Amounts, Column
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


# ---------------------------------------------------------------- net change per group


@dataclass(frozen=True, slots=True)
class GroupNet:
    """One budget group's sums in both versions, per money column (None: empty in both)."""

    group_id: str
    name: str
    old: Amounts
    new: Amounts
    changes: int  # how many values of this group changed (amounts, quantities, names …)

    def delta(self, column: Column) -> Decimal | None:
        old, new = self.old.get(column), self.new.get(column)
        if old is None and new is None:
            return None
        return (new or Decimal(0)) - (old or Decimal(0))


@dataclass(frozen=True, slots=True)
class NetChange:
    """How much changed where: per group and in total, for the columns that changed."""

    groups: tuple[GroupNet, ...]  # every group of either version, in the newer order
    total_old: Amounts
    total_new: Amounts
    columns: tuple[Column, ...]  # the money columns whose sums or cells differ anywhere
    other_changes: int  # changes outside the budget groups (measures, texts, …)

    def total_delta(self, column: Column) -> Decimal | None:
        old, new = self.total_old.get(column), self.total_new.get(column)
        if old is None and new is None:
            return None
        return (new or Decimal(0)) - (old or Decimal(0))


def group_of(change: Change) -> str | None:
    """The id of the budget group a change lies in, or None outside the budget groups."""
    path = change.path
    if len(path) >= 3 and path[0] == "budget" and path[1] == "groups" and isinstance(path[2], str):
        return path[2]
    return None


def net_change(old: Plan, new: Plan, changes: list[Change] | None = None) -> NetChange:
    """The net change per budget group and in total (see NetChange)."""
    found = diff_plans(old, new) if changes is None else changes
    counts: dict[str, int] = {}
    other = 0
    for change in found:
        group_id = group_of(change)
        if group_id is None:
            other += 1
        else:
            counts[group_id] = counts.get(group_id, 0) + 1
    olds = {g.id: g for g in old.budget.groups}
    news = {g.id: g for g in new.budget.groups}
    order = [g.id for g in new.budget.groups] + [i for i in olds if i not in news]
    empty = Amounts()
    groups = tuple(
        GroupNet(
            group_id=gid,
            name=(news.get(gid) or olds[gid]).name,
            old=olds[gid].computed_total() if gid in olds else empty,
            new=news[gid].computed_total() if gid in news else empty,
            changes=counts.get(gid, 0),
        )
        for gid in order
    )
    moved: set[Column] = set()
    names = {c.value: c for c in Column}
    for change in found:
        last = change.path[-1] if change.path else None
        if group_of(change) is not None and isinstance(last, str) and last in names:
            moved.add(names[last])
    for g in groups:  # a line added or removed as a whole moves every column it fills
        moved |= {c for c in Column if g.old.get(c) != g.new.get(c)}
    columns = tuple(c for c in Column if c in moved)
    return NetChange(
        groups=groups,
        total_old=old.budget.computed_total(),
        total_new=new.budget.computed_total(),
        columns=columns,
        other_changes=other,
    )
