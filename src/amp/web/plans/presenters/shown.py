"""Plan data turned into what a template shows: German-formatted cells, findings, values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from amp.core import formatting
from amp.core.findings import Finding
from amp.core.units import Unit
from amp.reports import presenter
from amp.reports.tables import Cell, TableView


@dataclass(frozen=True)
class ShownCell:
    text: str
    printed: str
    numeric: bool


def cell_text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, Decimal | int) and cell.unit is not None:
        return formatting.number(Decimal(value), cell.unit)
    if value is None:
        return ""
    if isinstance(value, date):
        return formatting.day(value)
    return str(value)


def shown_table(view: TableView) -> dict[str, Any]:
    def numeric(i: int) -> bool:
        return view.numeric[i] if i < len(view.numeric) else False

    rows = [
        {
            "kind": row.kind.value,
            "cells": [
                ShownCell(
                    cell_text(cell),
                    ""
                    if cell.printed is None
                    else formatting.number(cell.printed, cell.unit or Unit.EUR),
                    numeric(i),
                )
                for i, cell in enumerate(row.cells)
            ],
        }
        for row in view.rows
    ]
    columns = [(label, numeric(i)) for i, label in enumerate(view.columns)]
    return {
        "key": view.key,
        "title": view.title,
        "columns": columns,
        "header": any(label for label, _numeric in columns),
        "rows": rows,
        "notes": view.notes,
    }


def shown_finding(finding: Finding) -> dict[str, str]:
    shown = presenter.shown_finding(finding)
    return {
        "severity": shown.severity,
        "rule": shown.rule,
        "where": shown.where,
        "message": shown.message,
        "note": shown.note,
        "printed": shown.printed,
        "computed": shown.computed,
    }


def back_to_version(pk: int) -> HttpResponseRedirect:
    return redirect(reverse("plans:version", args=[pk]))
