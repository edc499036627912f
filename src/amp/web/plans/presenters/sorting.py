"""Server-side sorting of a list screen: `?sortierung=name` (ascending) or `-name`
(descending), the column headers with `aria-sort` and the value their sort button sends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SortColumn:
    key: str  # as in the address: ?sortierung=<key>
    label: str
    value: Callable[[Any], Any]  # the value a row is sorted by; None sorts last
    numeric: bool = False


def chosen(text: str, columns: Sequence[SortColumn]) -> tuple[SortColumn | None, bool]:
    """The column asked for and whether descending; (None, False) for anything unknown."""
    descending = text.startswith("-")
    key = text.removeprefix("-")
    column = next((c for c in columns if c.key == key), None)
    return column, descending and column is not None


def sort_rows(rows: list[Any], column: SortColumn | None, descending: bool) -> list[Any]:
    """Stable: equal values keep the plan's order; empty values last in both directions."""
    if column is None:
        return list(rows)

    def key(row: Any) -> Any:
        value = column.value(row)
        if isinstance(value, str):
            value = value.casefold()
        return value

    present = [r for r in rows if column.value(r) is not None]
    empty = [r for r in rows if column.value(r) is None]
    return sorted(present, key=key, reverse=descending) + empty


def headers(
    columns: Sequence[SortColumn], column: SortColumn | None, descending: bool
) -> list[dict[str, Any]]:
    """Per column: label, aria-sort, the value its button sends and the button's hint."""
    shown = []
    for c in columns:
        active = column is not None and c.key == column.key
        if active and not descending:
            send, hint = f"-{c.key}", "absteigend sortieren"
        else:
            send, hint = c.key, "aufsteigend sortieren"
        shown.append(
            {
                "key": c.key,
                "label": c.label,
                "numeric": c.numeric,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
                "send": send,
                "hint": hint,
            }
        )
    return shown
