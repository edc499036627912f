"""Export a plan as an Excel workbook: one sheet per table, totals and shares as formulas.

The sheets hold what a planner edits (amounts, places, vouchers, groups, instruments,
target groups). Values a document printed stand in their own "gedruckt" rows or columns,
so they survive the round trip beside the live formulas. A hidden sheet keeps the whole
plan as YAML for everything no sheet shows (prose claims, pathways, contract periods …);
on import the visible sheets win.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from amp.core.budget import Column
from amp.core.plan import Plan, PlanStatus
from amp.io.plan_writer import dump_yaml, plan_data
from amp.io.xlsx.layout import (
    AUSSAGEN,
    AVGS,
    AVGS_HEADERS,
    BASE,
    BILDUNGSZIELE,
    BUDGET_HEADERS,
    CLAIM_HEADERS,
    DATE,
    FINANZPLANUNG,
    FIRST_ROW,
    FORMAT_VERSION,
    FUNDING_FIELDS,
    FUNDING_LABEL_HEADER,
    FUNDING_TEMPLATE_FIELDS,
    INSTRUMENT_HEADERS,
    INSTRUMENTE,
    MASSNAHMEN,
    MEASURE_HEADERS,
    MEASURES_OR_GROUPS,
    MITTEL,
    MONEY,
    MONEY_COL,
    NUMBER,
    PERCENT,
    PERCENT_NUMBER,
    ROW_CATEGORY,
    ROW_GROUP,
    ROW_ITEM,
    ROW_KINDS,
    ROW_LINE,
    ROW_MEASURE,
    ROW_PRINTED,
    ROW_SUBTOTAL,
    ROW_SUM,
    ROW_TARGET_GROUP,
    ROW_TOTAL,
    SHEET_ROWS,
    STAMMDATEN,
    STAMMDATEN_ROWS,
    TARGET_HEADERS,
    VOUCHER_HEADERS,
    YES,
    ZIELGRUPPEN,
    A,
    B,
    M,
    T,
    V,
    col,
)
from amp.io.xlsx.styling import PRINTED_FONT, SUM_FONT, start_sheet

BASE_CHUNK = 30_000  # an Excel cell holds at most 32.767 characters


class XlsxWriteError(Exception):
    """The workbook cannot be written; the message is German."""


def _yes(flag: bool) -> str | None:
    return YES if flag else None


def _cell(sheet: Worksheet, row: int, column: int, value: Any = None) -> Any:
    """A cell holding `value` as data: a text that begins with "=" stays text, no formula."""
    cell = sheet.cell(row, column)
    if value is not None:
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
    return cell


def _put(sheet: Worksheet, row: int, column: int, value: Any, fmt: str | None = None) -> None:
    """A data cell with a number format."""
    cell = _cell(sheet, row, column, value)
    if fmt is not None:
        cell.number_format = fmt


def _formula(sheet: Worksheet, row: int, column: int, formula: str, fmt: str) -> None:
    cell = sheet.cell(row, column, formula)
    cell.number_format = fmt


def stammdaten_sheet(
    sheet: Worksheet, plan: Plan | None, year: int | None, name: str | None
) -> None:
    start_sheet(
        sheet,
        "Stammdaten des Plans",
        "Werte in Spalte B eintragen; die Bezeichnungen in Spalte A nicht ändern.",
        ("Angabe", "Wert"),
        {1: 46, 2: 40},
    )
    values: dict[str, Any] = {}
    if plan is not None:
        values = {
            "jobcenter.id": plan.jobcenter.id,
            "jobcenter.name": plan.jobcenter.name,
            "jobcenter.kind": plan.jobcenter.kind.value,
            "jobcenter.region": plan.jobcenter.region,
            "year": plan.year,
            "version.as_of": plan.version.as_of,
            "version.label": plan.version.label,
            "status": plan.status.value,
        }
    else:
        values = {"jobcenter.name": name, "year": year, "status": "entwurf"}
    for offset, (key, label) in enumerate(STAMMDATEN_ROWS):
        row = FIRST_ROW + offset
        _cell(sheet, row, 1, label)
        _put(sheet, row, 2, values.get(key), DATE if key == "version.as_of" else None)
        choices = {
            "jobcenter.kind": ("zkT", "gE"),
            "status": tuple(status.value for status in PlanStatus),
        }
        if key in choices:
            validation = DataValidation(type="list", formula1=_choices(choices[key]))
            validation.showErrorMessage = True
            validation.error = f"Bitte einen Eintrag der Liste wählen ({label})."
            validation.add(f"B{row}")
            sheet.add_data_validation(validation)


def instruments_sheet(sheet: Worksheet, plan: Plan | None) -> None:
    start_sheet(
        sheet,
        "Instrumente",
        "Jede Zeile der Finanzplanung verweist in der Spalte „Instrument“ auf eine ID von hier.",
        INSTRUMENT_HEADERS,
        {2: 50, 3: 44, 5: 60, 6: 40},
    )
    for row, inst in enumerate(plan.instruments if plan else (), start=FIRST_ROW):
        values = (
            inst.id,
            inst.name,
            inst.legal_basis,
            _yes(inst.mandatory),
            inst.note,
            inst.rule,  # see docs/recht.md
            inst.planned_rate,
        )
        for column, value in enumerate(values, start=1):
            _cell(sheet, row, column, value)


def budget_sheet(sheet: Worksheet, plan: Plan | None, title: str) -> None:
    start_sheet(
        sheet,
        title,
        "Art: Gruppe, Zeile, Summe (Formel), gedruckt (Wert des Dokuments), Summenzeile "
        "(Formel über Gruppen), Gesamt (Formel). Neue Zeilen mit Art „Zeile“ unter ihrer "
        "Gruppe einfügen.",
        BUDGET_HEADERS,
        {1: 9, 2: 22, 3: 48, 4: 22, 5: 18, 15: 22, 16: 40},
    )
    groups = plan.budget.groups if plan else ()
    if plan is not None:  # the plan's own column labels above the fixed headers
        for column, index in MONEY_COL.items():
            _cell(sheet, 2, index, plan.budget.column_label(column)).font = PRINTED_FONT
    totals = plan.budget.totals if plan else ()
    rows = sum(len(g.lines) + 2 + (g.printed_total is not None) for g in groups)
    rows += 2 * len(totals)
    total_row = FIRST_ROW + rows
    last = total_row - 1
    planned = col(MONEY_COL[Column.PLAN])
    row = FIRST_ROW
    sum_rows: dict[str, int] = {}
    for group in groups:
        _cell(sheet, row, 1, ROW_GROUP).font = SUM_FONT
        _cell(sheet, row, 2, group.id).font = SUM_FONT
        _cell(sheet, row, 3, group.name).font = SUM_FONT
        row += 1
        first_line = row
        for line in group.lines:
            quantity = line.quantity
            values: dict[str, Any] = {
                "Art": ROW_LINE,
                "ID": line.id,
                "Bezeichnung": line.name,
                "Instrument": line.instrument,
                "Zielgruppe": line.target_group,
                "Lesart": line.reading,
                MEASURES_OR_GROUPS: ", ".join(line.measures) or None,
            }
            if quantity is not None:
                values["Menge"] = quantity.value
                values["Einheit (P, F, E)"] = quantity.unit.value if quantity.unit else None
                values["ca."] = _yes(quantity.approximate)
                values["offen"] = _yes(quantity.open)
            for header, value in values.items():
                _cell(sheet, row, B[header], value)
            for column, index in MONEY_COL.items():
                _put(sheet, row, index, line.amounts.get(column), MONEY)
            _formula(
                sheet, row, B["Anteil an der Planung"], _share(planned, row, total_row), PERCENT
            )
            row += 1
        sum_rows[group.id] = row
        _cell(sheet, row, 1, ROW_SUM).font = SUM_FONT
        _cell(sheet, row, 3, f"Summe {group.name}").font = SUM_FONT
        for index in MONEY_COL.values():
            letter = col(index)
            _formula(sheet, row, index, f"=SUM({letter}{first_line}:{letter}{row - 1})", MONEY)
            _cell(sheet, row, index).font = SUM_FONT
        _formula(sheet, row, B["Anteil an der Planung"], _share(planned, row, total_row), PERCENT)
        row += 1
        if group.printed_total is not None:
            _cell(sheet, row, 1, ROW_PRINTED).font = PRINTED_FONT
            _cell(sheet, row, 3, "Summe laut Dokument").font = PRINTED_FONT
            for column, index in MONEY_COL.items():
                _put(sheet, row, index, group.printed_total.get(column), MONEY)
                _cell(sheet, row, index).font = PRINTED_FONT
            row += 1
    for budget_total in totals:
        _cell(sheet, row, 1, ROW_SUBTOTAL).font = SUM_FONT
        _cell(sheet, row, 2, budget_total.id).font = SUM_FONT
        _cell(sheet, row, 3, budget_total.label).font = SUM_FONT
        _cell(sheet, row, B[MEASURES_OR_GROUPS], ", ".join(budget_total.groups))
        for index in MONEY_COL.values():
            formula = subtotal_formula(col(index), budget_total.groups, sum_rows)
            _formula(sheet, row, index, formula, MONEY)
            _cell(sheet, row, index).font = SUM_FONT
        row += 1
        _cell(sheet, row, 1, ROW_PRINTED).font = PRINTED_FONT
        _cell(sheet, row, 3, f"{budget_total.label} laut Dokument").font = PRINTED_FONT
        for column, index in MONEY_COL.items():
            _put(sheet, row, index, budget_total.printed.get(column), MONEY)
            _cell(sheet, row, index).font = PRINTED_FONT
        row += 1
    if plan is None:  # the blank template: the total on top, over every row a planner adds
        total_row, first, last = FIRST_ROW, FIRST_ROW + 1, SHEET_ROWS
        sheet.freeze_panes = f"A{FIRST_ROW + 1}"  # the total stays in sight while filling
    else:
        first = FIRST_ROW
    _cell(sheet, total_row, 1, ROW_TOTAL).font = SUM_FONT
    _cell(sheet, total_row, 3, "Gesamtsumme (alle Zeilen)").font = SUM_FONT
    for index in MONEY_COL.values():
        formula = total_formula(col(index), first, last) if last >= first else "=0"
        _formula(sheet, total_row, index, formula, MONEY)
        _cell(sheet, total_row, index).font = SUM_FONT
    budget_validations(sheet)


def total_formula(letter: str, first: int, last: int) -> str:
    """The sum of every row of kind "Zeile" between two rows of the Finanzplanung."""
    return f'=SUMIF($A${first}:$A${last},"{ROW_LINE}",{letter}{first}:{letter}{last})'


def _dropdown(sheet: Worksheet, column: int, formula: str, title: str, first: int) -> None:
    """A list to pick from in every row of a column; other entries are refused by Excel."""
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.errorTitle = f"Ungültige Angabe: {title}"
    validation.error = f"Bitte einen Eintrag der Liste wählen ({title})."
    validation.promptTitle = title
    validation.prompt = "Aus der Liste wählen."
    validation.showErrorMessage = True
    validation.showInputMessage = True
    letter = col(column)
    validation.add(f"{letter}{first}:{letter}{SHEET_ROWS}")
    sheet.add_data_validation(validation)


def _choices(values: Sequence[str]) -> str:
    return '"' + ",".join(values) + '"'


def budget_validations(sheet: Worksheet) -> None:
    """Dropdowns for Art, Instrument and Zielgruppe of the Finanzplanung."""
    _dropdown(sheet, B["Art"], _choices(ROW_KINDS), "Art", FIRST_ROW)
    ids = f"${col(1)}${FIRST_ROW}:${col(1)}${SHEET_ROWS}"
    _dropdown(sheet, B["Instrument"], f"{INSTRUMENTE}!{ids}", "Instrument", FIRST_ROW)
    target_ids = f"${col(T['ID'])}${FIRST_ROW}:${col(T['ID'])}${SHEET_ROWS}"
    _dropdown(sheet, B["Zielgruppe"], f"{ZIELGRUPPEN}!{target_ids}", "Zielgruppe", FIRST_ROW)


def subtotal_formula(letter: str, groups: tuple[str, ...], sum_rows: dict[str, int]) -> str:
    """The sum of the groups' total rows; a group without a row counts as nothing."""
    cells = [f"{letter}{sum_rows[g]}" for g in groups if g in sum_rows]
    return "=" + ("+".join(cells) if cells else "0")


def _share(planned: str, row: int, total_row: int) -> str:
    return f'=IF(${planned}${total_row}=0,"",{planned}{row}/${planned}${total_row})'


def budget_total_row(sheet: Worksheet) -> int | None:
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if _cell(sheet, row, 1).value == ROW_TOTAL:
            return row
    return None


def target_groups_sheet(sheet: Worksheet, plan: Plan | None, finanz: Worksheet) -> None:
    table = plan.target_groups if plan else None
    start_sheet(
        sheet,
        table.title if table else "Verteilung nach Zielgruppen",
        "Betrag und Anteil sind Formeln über die Finanzplanung (Spalte „Planung“); "
        "„gedruckt“ sind die Werte des Dokuments.",
        TARGET_HEADERS,
        {2: 22, 3: 48, 4: 18, 6: 18, 7: 18},
    )
    column = table.column if table else Column.PLAN
    money = col(MONEY_COL[column])
    total = budget_total_row(finanz) or FIRST_ROW
    first, last = FIRST_ROW, max(total - 1, FIRST_ROW)
    if plan is None:  # the template's total stands on top and covers every row below
        first, last = total + 1, SHEET_ROWS
    target_col = col(B["Zielgruppe"])
    fin = f"{FINANZPLANUNG}!"
    groups = table.groups if table else ()
    sum_row = FIRST_ROW + len(groups)
    start = FIRST_ROW
    if plan is None:  # the sum on top, over every group a planner adds below
        sum_row, start = FIRST_ROW, FIRST_ROW + 1
        sheet.freeze_panes = f"A{FIRST_ROW + 1}"
    _dropdown(sheet, T["Art"], _choices((ROW_TARGET_GROUP, ROW_SUM)), "Art", FIRST_ROW)
    for row, group in enumerate(groups, start=start):
        _cell(sheet, row, T["Art"], ROW_TARGET_GROUP)
        _cell(sheet, row, T["ID"], group.id)
        _cell(sheet, row, T["Bezeichnung"], group.name)
        amount = (
            f"=SUMIF({fin}${target_col}${first}:${target_col}${last},B{row},"
            f"{fin}${money}${first}:${money}${last})"
        )
        _formula(sheet, row, T["Betrag"], amount, MONEY)
        _formula(sheet, row, T["Anteil"], f'=IF($D${sum_row}=0,"",D{row}/$D${sum_row})', PERCENT)
        _put(sheet, row, T["Betrag gedruckt"], group.printed_amount, MONEY)
        _put(sheet, row, T["Anteil gedruckt (%)"], group.printed_share, PERCENT_NUMBER)
    _cell(sheet, sum_row, T["Art"], ROW_SUM).font = SUM_FONT
    _cell(sheet, sum_row, T["Bezeichnung"], "Summe").font = SUM_FONT
    formula = f"=SUM(D{FIRST_ROW}:D{sum_row - 1})" if groups else "=0"
    if plan is None:
        formula = f"=SUM(D{FIRST_ROW + 1}:D{SHEET_ROWS})"
    _formula(sheet, sum_row, T["Betrag"], formula, MONEY)
    _formula(sheet, sum_row, T["Anteil"], f'=IF(D{sum_row}=0,"",1)', PERCENT)
    if table is not None:
        _put(sheet, sum_row, T["Betrag gedruckt"], table.printed_total_amount, MONEY)
        _put(sheet, sum_row, T["Anteil gedruckt (%)"], table.printed_total_share, PERCENT_NUMBER)


def _funding(sheet: Worksheet, plan: Plan) -> None:
    funding = plan.funding
    years = funding.years if funding else ()
    start_sheet(
        sheet,
        funding.title if funding else "Mittelausstattung",
        "Eine Spalte je Jahr. Zeilen mit Formeln werden berechnet; „gedruckt“ sind die "
        "Werte des Dokuments.",
        (FUNDING_LABEL_HEADER, *(str(y.year) for y in years)),
        {1: 52, **dict.fromkeys(range(2, len(years) + 2), 20)},
    )
    rows = {key: FIRST_ROW + i for i, (key, _) in enumerate(FUNDING_FIELDS)}
    for key, label in FUNDING_FIELDS:
        cell = _cell(sheet, rows[key], 1, label)
        if key.startswith("="):
            cell.font = SUM_FONT
        elif key.startswith("printed."):
            cell.font = PRINTED_FONT
    for index, year in enumerate(years, start=2):
        _cell(sheet, 3, index, year.year)
        letter = col(index)

        def ref(key: str, letter: str = letter) -> str:
            return f"{letter}{rows[key]}"

        formulas = {
            "=admin_total": f"={ref('admin_federal')}+{ref('transfer_to_admin')}"
            f"+{ref('admin_municipal')}",
            "=integration_federal_total": f"={ref('integration_federal')}+{ref('jobperspektive')}",
            "=integration_available": f"={ref('=integration_federal_total')}"
            f"-{ref('transfer_to_admin')}",
        }
        for key, _ in FUNDING_FIELDS:
            if key in formulas:
                value: Any = formulas[key]
            elif key.startswith("printed."):
                value = getattr(year.printed, key.removeprefix("printed."))
            else:
                value = getattr(year, key)
            if key in formulas:
                _formula(sheet, rows[key], index, value, MONEY)
            else:
                _put(sheet, rows[key], index, value, None if key == "label" else MONEY)


def funding_template_sheet(sheet: Worksheet, year: int) -> None:
    """The blank Mittelausstattung: the rows every Jobcenter has, one column for the plan
    year; more years go into the next columns, rows that do not apply stay empty."""
    start_sheet(
        sheet,
        "Mittelausstattung",
        "Eine Spalte je Jahr (Überschrift: das Jahr). Leere Zeilen und Spalten werden nicht "
        "gedruckt; die Summe der Verwaltungsmittel ist eine Formel.",
        (FUNDING_LABEL_HEADER, str(year)),
        {1: 52, 2: 20, 3: 20},
    )
    _cell(sheet, 3, 2, year)
    rows = {key: FIRST_ROW + i for i, (key, _) in enumerate(FUNDING_TEMPLATE_FIELDS)}
    for key, label in FUNDING_TEMPLATE_FIELDS:
        cell = _cell(sheet, rows[key], 1, label)
        if key.startswith("="):
            cell.font = SUM_FONT
    for letter in ("B", "C", "D"):
        for key, _ in FUNDING_TEMPLATE_FIELDS:
            if key == "=admin_total":
                parts = (f"{letter}{rows[k]}" for k in ("admin_federal", "admin_municipal"))
                formula = f"=IF(COUNT({letter}{rows['admin_federal']}:{letter}"
                formula += f'{rows["admin_municipal"]})=0,"",{"+".join(parts)})'
                _formula(sheet, rows[key], column_index(letter), formula, MONEY)
                _cell(sheet, rows[key], column_index(letter)).font = SUM_FONT
            elif key != "label":
                _cell(sheet, rows[key], column_index(letter)).number_format = MONEY


def column_index(letter: str) -> int:
    return ord(letter) - ord("A") + 1


def _measures(sheet: Worksheet, plan: Plan) -> None:
    start_sheet(
        sheet,
        "Maßnahmen",
        "Plätze je Maßnahme; „Summe“ zählt die Maßnahmen der Tabelle, die die gedruckte "
        "Summe zählt. Laufzeiten und Inhalte stehen in den Plandateien.",
        MEASURE_HEADERS,
        {1: 11, 2: 12, 3: 22, 4: 50, 5: 26, 9: 18},
    )
    row = FIRST_ROW
    places = col(M["Plätze"])
    for table in plan.measure_tables:
        counted: list[int] = []
        for measure in table.measures:
            values = (
                ROW_MEASURE,
                table.id,
                measure.id,
                measure.name,
                measure.legal_basis,
                measure.places.value,
                _yes(measure.places.approximate),
                _yes(measure.places.hour_based),
                measure.target_group,
            )
            for column, value in enumerate(values, start=1):
                _cell(sheet, row, column, value)
            _cell(sheet, row, M["Plätze"]).number_format = NUMBER
            if measure.id not in table.total_excludes:
                counted.append(row)
            row += 1
        _cell(sheet, row, 1, ROW_SUM).font = SUM_FONT
        _cell(sheet, row, 2, table.id).font = SUM_FONT
        _cell(sheet, row, 4, table.total_label or f"Summe {table.title}").font = SUM_FONT
        _formula(sheet, row, M["Plätze"], _sum_cells(places, counted), NUMBER)
        row += 1
        if table.printed_total_places is not None:
            _cell(sheet, row, 1, ROW_PRINTED).font = PRINTED_FONT
            _cell(sheet, row, 2, table.id).font = PRINTED_FONT
            _cell(sheet, row, 4, "Summe laut Dokument").font = PRINTED_FONT
            _put(sheet, row, M["Plätze"], table.printed_total_places, NUMBER)
            row += 1


def _sum_cells(letter: str, rows: Sequence[int]) -> str:
    if not rows:
        return "=0"
    if list(rows) == list(range(rows[0], rows[-1] + 1)):
        return f"=SUM({letter}{rows[0]}:{letter}{rows[-1]})"
    return "=" + "+".join(f"{letter}{r}" for r in rows)


def _vouchers(sheet: Worksheet, plan: Plan) -> None:
    vouchers = plan.training_vouchers
    start_sheet(
        sheet,
        vouchers.title if vouchers else "Bildungszielplanung",
        "Bildungsgutscheine je Quartal; „Summe“ ist eine Formel, „Summe gedruckt“ der Wert "
        "des Dokuments.",
        VOUCHER_HEADERS,
        {1: 22, 2: 44, 3: 16, 4: 36},
    )
    for row, goal in enumerate(vouchers.goals if vouchers else (), start=FIRST_ROW):
        _cell(sheet, row, V["ID"], goal.id)
        _cell(sheet, row, V["Bildungsziel"], goal.name)
        _cell(sheet, row, V["Art (Fortbildung, Umschulung)"], goal.kind.value)
        _cell(sheet, row, V["Bildungsbereich"], goal.field)
        for quarter, value in enumerate(goal.quarters):
            _put(sheet, row, V["1. Quartal"] + quarter, value, NUMBER)
        first, last = col(V["1. Quartal"]), col(V["4. Quartal"])
        _formula(sheet, row, V["Summe"], f"=SUM({first}{row}:{last}{row})", NUMBER)
        _put(sheet, row, V["Summe gedruckt"], goal.printed_total, NUMBER)
        _put(sheet, row, V["Dauer (Monate)"], goal.duration_months, "0.0")


def _avgs(sheet: Worksheet, plan: Plan) -> None:
    avgs = plan.avgs
    start_sheet(
        sheet,
        avgs.title if avgs else "AVGS Maßnahmezielplanung",
        "Aktivierungs- und Vermittlungsgutscheine: „Anzahl“ je Position; die Anzahl einer "
        "Kategorie ohne Positionen ist ihr gedruckter Wert.",
        AVGS_HEADERS,
        {1: 11, 2: 24, 3: 48, 4: 44},
    )
    count = col(A["Anzahl"])
    row = FIRST_ROW
    category_rows: list[int] = []
    for category in avgs.categories if avgs else ():
        category_rows.append(row)
        head = row
        head_values = (ROW_CATEGORY, category.id, category.name, category.legal_reference)
        for column, text in enumerate(head_values, start=1):
            _cell(sheet, row, column, text).font = SUM_FONT
        _put(sheet, row, A["Anzahl gedruckt"], category.printed_count, NUMBER)
        row += 1
        for item in category.items:
            values: tuple[Any, ...] = (
                ROW_ITEM,
                category.id,
                item.name,
                item.teaching_units,
                item.units_min,
                item.units_max,
                item.count,
            )
            for column, value in enumerate(values, start=1):
                _cell(sheet, row, column, value)
            _cell(sheet, row, A["Anzahl"]).number_format = NUMBER
            row += 1
        own = list(range(head + 1, row))
        formula = _sum_cells(count, own) if own else f"={col(A['Anzahl gedruckt'])}{head}"
        _formula(sheet, head, A["Anzahl"], formula, NUMBER)
        _cell(sheet, head, A["Anzahl"]).font = SUM_FONT
    _cell(sheet, row, 1, ROW_SUM).font = SUM_FONT
    _cell(sheet, row, A["Bezeichnung"], "Summe").font = SUM_FONT
    _formula(sheet, row, A["Anzahl"], _sum_cells(count, category_rows), NUMBER)
    if avgs is not None:
        _put(sheet, row, A["Anzahl gedruckt"], avgs.printed_total, NUMBER)


def _claims(sheet: Worksheet, plan: Plan) -> None:
    start_sheet(
        sheet,
        "Aussagen im Text",
        "Nur zur Ansicht: Zahlen aus dem Fließtext; amp check prüft sie gegen die Tabellen. "
        "Änderungen auf diesem Blatt werden beim Import nicht übernommen.",
        CLAIM_HEADERS,
        {1: 24, 2: 28, 3: 80, 7: 40},
    )
    for row, claim in enumerate(plan.claims, start=FIRST_ROW):
        values: tuple[Any, ...] = (
            claim.id,
            claim.section,
            claim.quote,
            claim.value,
            claim.unit.value,
            claim.qualifier.value,
            f"{claim.refers_to.op.value}: {', '.join(claim.refers_to.figures)}",
        )
        for column, value in enumerate(values, start=1):
            _cell(sheet, row, column, value)


def _base(sheet: Worksheet, plan: Plan) -> None:
    sheet["A1"] = "amp-Plandaten: nicht bearbeiten (die sichtbaren Blätter haben Vorrang)."
    sheet["A2"] = FORMAT_VERSION
    text = dump_yaml(plan_data(plan))
    for index, start in enumerate(range(0, len(text), BASE_CHUNK)):
        _cell(sheet, 3 + index, 1, text[start : start + BASE_CHUNK])
    sheet.sheet_state = "hidden"


def build_workbook(plan: Plan) -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = STAMMDATEN
    stammdaten_sheet(first, plan, None, None)
    instruments_sheet(book.create_sheet(INSTRUMENTE), plan)
    finanz = book.create_sheet(FINANZPLANUNG)
    budget_sheet(finanz, plan, plan.budget.title)
    target_groups_sheet(book.create_sheet(ZIELGRUPPEN), plan, finanz)
    _funding(book.create_sheet(MITTEL), plan)
    _measures(book.create_sheet(MASSNAHMEN), plan)
    _vouchers(book.create_sheet(BILDUNGSZIELE), plan)
    _avgs(book.create_sheet(AVGS), plan)
    _claims(book.create_sheet(AUSSAGEN), plan)
    _base(book.create_sheet(BASE), plan)
    book.properties.title = f"{plan.jobcenter.name} – Arbeitsmarktprogramm {plan.year}"
    book.properties.creator = "amp"
    return book


def usual_mode() -> int:
    """The mode a new file gets from the user's umask (0644 with the usual umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def save_workbook(book: Workbook, target: Path) -> None:
    """Save atomically: into a temporary file beside the target, then renamed into place."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise XlsxWriteError(f"{target}: kann nicht geschrieben werden ({exc.strerror})") from exc
    try:
        book.save(temporary)
        os.chmod(temporary, usual_mode())  # mkstemp made it private (0600)
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            message = f"{target}: kann nicht geschrieben werden ({exc.strerror})"
            raise XlsxWriteError(message) from exc
        raise


def export_xlsx(plan: Plan, target: Path) -> None:
    try:
        book = build_workbook(plan)
    except IllegalCharacterError as exc:
        message = (
            f"{target}: ein Text enthält Steuerzeichen, die Excel nicht speichern kann ({exc})"
        )
        raise XlsxWriteError(message) from None
    save_workbook(book, target)


__all__ = ["XlsxWriteError", "build_workbook", "export_xlsx", "save_workbook"]
