"""The voucher grid as a form: one count per cell, each with the value the planner saw."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from amp.core import formatting
from amp.web.plans.plan_edits import FieldEdit
from amp.web.plans.presenters.vouchers import Cell, Grid, count_text


class VoucherGridForm(forms.Form):
    """A field per cell of `grid` and a hidden `gesehen-<cell>` beside it.

    After is_valid(), `edits` holds the edits of all readable cells, the cells carry what
    was typed and any error, and `complete` tells whether the form had every cell (a grid
    changed meanwhile or a tampered form does not).
    """

    def __init__(self, data: Any, grid: Grid) -> None:
        super().__init__(data)
        self.grid = grid
        self.edits: list[FieldEdit] = []
        self.complete = True
        for cell in grid.cells():
            self.fields[cell.name] = forms.CharField(required=False, strip=False)
            self.fields[f"gesehen-{cell.name}"] = forms.CharField(required=False, strip=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for cell in self.grid.cells():
            if cell.name not in self.data or f"gesehen-{cell.name}" not in self.data:
                self.complete = False
                continue
            self._read(cell, data.get(cell.name, ""), data.get(f"gesehen-{cell.name}", ""))
        return data

    def _read(self, cell: Cell, typed: str, seen_raw: str) -> None:
        try:
            seen = json.loads(seen_raw)
        except ValueError:
            self.complete = False
            return
        cell.typed, cell.seen = typed, seen_raw
        try:
            new = formatting.parse_count(typed)
        except formatting.AmountInputError as exc:
            cell.error = f"{str(exc)[:1].upper()}{str(exc)[1:]}."
            return
        if new is None and cell.required:
            cell.error = "Pflichtangabe fehlt (0 eintragen für keine)."
            return
        self.edits.append(FieldEdit(cell.path, cell.label, seen, new, count_text))

    def refused(self) -> bool:
        return any(c.error for c in self.grid.cells())
