"""Import a workbook (exported by amp or filled from the template) back into a plan.

The visible sheets win; the hidden sheet `_amp` supplies whatever no sheet shows. Every
problem is collected with sheet and cell, in German; a workbook with a problem yields no
plan. Total formulas are not read as data: amp sums the rows itself and reports, as notes,
a total formula that no longer covers its rows or whose stored result differs.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import TypeAdapter, ValidationError

from amp.core.budget import Column
from amp.core.findings import ModelPath
from amp.core.money import round_half_up
from amp.core.plan import Plan
from amp.formatting import money
from amp.io.model_schema import enforce_known_keys, german_message
from amp.io.plan_dir import format_path
from amp.io.references import reference_problems
from amp.io.xlsx.cells import CellProblem, XlsxImportError
from amp.io.xlsx.export import subtotal_formula
from amp.io.xlsx.layout import (
    AUSSAGEN,
    AVGS,
    AVGS_HEADERS,
    BASE,
    BILDUNGSZIELE,
    BUDGET_HEADERS,
    FINANZPLANUNG,
    FIRST_ROW,
    FORMAT_VERSION,
    FUNDING_FIELDS,
    FUNDING_LABEL_HEADER,
    HEADER_ROW,
    INSTRUMENT_HEADERS,
    INSTRUMENTE,
    MASSNAHMEN,
    MEASURE_HEADERS,
    MEASURES_OR_GROUPS,
    MITTEL,
    MONEY_COL,
    ROW_CATEGORY,
    ROW_GROUP,
    ROW_ITEM,
    ROW_LINE,
    ROW_MEASURE,
    ROW_PRINTED,
    ROW_SUBTOTAL,
    ROW_SUM,
    ROW_TARGET_GROUP,
    ROW_TOTAL,
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
from amp.io.yaml_source import YamlError, parse_yaml

CENT = Decimal("0.01")
_NO = {"nein", "n", "no", "false", "falsch", "0", ""}
_YES = {YES, "j", "x", "yes", "true", "wahr", "1"}


@dataclass
class ImportResult:
    plan: Plan
    notes: list[CellProblem] = field(default_factory=list)  # worth a look, but no error


def _adapter() -> TypeAdapter[Plan]:
    enforce_known_keys(Plan)
    return TypeAdapter(Plan)


def import_xlsx(path: Path) -> ImportResult:
    """Read a workbook into a plan; raises XlsxImportError listing every problem."""
    try:
        formulas = load_workbook(path)
        values = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise XlsxImportError([CellProblem(str(path), None, "die Datei gibt es nicht")]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        problem = CellProblem(str(path), None, f"keine lesbare Excel-Datei (.xlsx) ({exc})")
        raise XlsxImportError([problem]) from None
    return _Reader(formulas, values).read()


class _Reader:
    def __init__(self, formulas: Workbook, values: Workbook) -> None:
        self.formulas = formulas
        self.values = values
        self.problems: list[CellProblem] = []
        self.notes: list[CellProblem] = []
        self.cells: dict[ModelPath, tuple[str, str]] = {}

    # --- cells -------------------------------------------------------------------------

    def _problem(self, sheet: Worksheet, row: int, column: int, message: str) -> None:
        self.problems.append(CellProblem(sheet.title, f"{col(column)}{row}", message))

    def _raw(self, sheet: Worksheet, row: int, column: int, path: ModelPath | None) -> Any:
        """The cell's value; a formula's stored result; None for an empty cell."""
        if path is not None:
            self.cells[path] = (sheet.title, f"{col(column)}{row}")
        cell = sheet.cell(row, column)
        value = cell.value
        if cell.data_type == "f":
            stored = self.values[sheet.title].cell(row, column).value
            if stored is None:
                self._problem(
                    sheet,
                    row,
                    column,
                    f"Formel {value} ohne gespeichertes Ergebnis (Datei in Excel speichern "
                    "oder einen Wert eintragen)",
                )
                return None
            return stored
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, sheet: Worksheet, row: int, column: int, path: ModelPath | None = None) -> Any:
        value = self._raw(sheet, row, column, path)
        if value is None:
            return None
        if isinstance(value, datetime | date):
            return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def number(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        path: ModelPath | None,
        kind: str = "money",
        base: Any = None,
    ) -> Any:
        """A money amount (to the cent), an integer count or a decimal; None when empty."""
        value = self._raw(sheet, row, column, path)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            shown = value.isoformat() if isinstance(value, datetime | date) else str(value)
            self._problem(sheet, row, column, f"Text statt Zahl ('{shown}')")
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            self._problem(sheet, row, column, "keine endliche Zahl")
            return None
        if kind == "int":
            if number != number.to_integral_value():
                self._problem(sheet, row, column, f"keine ganze Zahl ({value})")
                return None
            return int(number)
        if kind == "money":
            if round_half_up(number, 2) != number:
                self._problem(
                    sheet, row, column, f"mehr als zwei Nachkommastellen ({value}); Cent angeben"
                )
                return None
            number = number.quantize(CENT)
        if base is not None and not isinstance(base, bool) and Decimal(base) == number:
            return base  # keep the written form (e.g. the printed precision 18.60)
        return number

    def flag(self, sheet: Worksheet, row: int, column: int, path: ModelPath) -> bool:
        value = self._raw(sheet, row, column, path)
        if value is None or value is False:
            return False
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in _YES:
            return True
        if text not in _NO:
            self._problem(sheet, row, column, f"„ja“ oder leer erwartet ('{value}')")
        return False

    # --- sheets ------------------------------------------------------------------------

    def sheet(self, name: str, headers: tuple[str, ...] | None, required: bool) -> Worksheet | None:
        if name not in self.formulas.sheetnames:
            if required:
                self.problems.append(CellProblem(name, None, "das Blatt fehlt"))
            return None
        sheet = self.formulas[name]
        for index, header in enumerate(headers or (), start=1):
            found = sheet.cell(HEADER_ROW, index).value
            if str(found or "").strip() != header:
                shown = f" (gefunden: '{found}')" if found not in (None, "") else ""
                self._problem(
                    sheet, HEADER_ROW, index, f"die Spaltenüberschrift „{header}“ fehlt{shown}"
                )
                return None
        return sheet

    def rows(self, sheet: Worksheet, width: int) -> list[int]:
        """The data rows that hold anything."""
        return [
            row
            for row in range(FIRST_ROW, sheet.max_row + 1)
            if any(
                sheet.cell(row, c).value not in (None, "")
                and not str(sheet.cell(row, c).value).isspace()
                for c in range(1, width + 1)
            )
        ]

    def title(self, sheet: Worksheet, path: ModelPath) -> Any:
        return self.text(sheet, 1, 1, path)

    # --- the plan ------------------------------------------------------------------------

    def read(self) -> ImportResult:
        base = self._base()
        data: dict[str, Any] = copy.deepcopy(base)
        self._stammdaten(data)
        self._instruments(data)
        self._budget(data, base.get("budget") or {})
        self._target_groups(data, base.get("target_groups"))
        self._funding(data, base.get("funding"))
        self._measures(data, base.get("measure_tables") or [])
        self._vouchers(data, base.get("training_vouchers"))
        self._avgs(data, base.get("avgs"))
        self._claim_cells(base.get("claims") or [])
        if self.problems:
            raise XlsxImportError(self.problems)
        try:
            plan = _adapter().validate_python(data)
        except ValidationError as exc:
            problems = []
            for error in exc.errors():
                path = tuple(p for p in error["loc"] if isinstance(p, str | int))
                problems.append(self._locate(path, german_message(error)))
            raise XlsxImportError(problems) from None
        semantic = [self._locate(path, message) for path, message in reference_problems(plan)]
        if semantic:
            raise XlsxImportError(semantic)
        return ImportResult(plan, self.notes)

    def _locate(self, path: ModelPath, message: str) -> CellProblem:
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                sheet, cell = self.cells[path[:end]]
                return CellProblem(sheet, cell, message)
        if BASE in self.formulas.sheetnames:
            where = f"in den Plandaten ohne eigenes Blatt, {format_path(path)}"
            return CellProblem(BASE, None, f"{message} ({where})")
        return CellProblem("Arbeitsmappe", None, f"{format_path(path)}: {message}")

    def _claim_cells(self, claims: list[dict[str, Any]]) -> None:
        """Claims are read from the plan data; their rows on the Aussagen sheet name them."""
        if AUSSAGEN not in self.formulas.sheetnames:
            return
        sheet = self.formulas[AUSSAGEN]
        rows = {sheet.cell(row, 1).value: row for row in range(FIRST_ROW, sheet.max_row + 1)}
        for index, claim in enumerate(claims):
            row = rows.get(claim.get("id"))
            if row is None:
                continue
            self.cells[("claims", index)] = (AUSSAGEN, f"A{row}")
            self.cells[("claims", index, "refers_to")] = (AUSSAGEN, f"G{row}")
            shown = sheet.cell(row, 4).value
            stated = claim.get("value")
            is_number = isinstance(shown, int | float) and not isinstance(shown, bool)
            if is_number and stated is not None and Decimal(repr(shown)) != Decimal(stated):
                message = (
                    f"geänderter Wert {shown} wird nicht übernommen: Aussagen sind Zitate "
                    "des Dokuments und werden nur in claims.yaml bearbeitet"
                )
                self.notes.append(CellProblem(AUSSAGEN, f"D{row}", message))

    def _base(self) -> dict[str, Any]:
        if BASE not in self.formulas.sheetnames:
            if AUSSAGEN in self.formulas.sheetnames:  # an export, not the blank template
                message = (
                    f"das ausgeblendete Blatt {BASE} fehlt: was kein Blatt zeigt (Aussagen, "
                    "Förderketten, Laufzeiten, Ziele …) wird nicht übernommen"
                )
                self.notes.append(CellProblem(BASE, None, message))
            return {}
        sheet = self.formulas[BASE]
        if sheet.cell(2, 1).value != FORMAT_VERSION:
            self.problems.append(
                CellProblem(BASE, "A2", f"unbekannte Formatversion (erwartet: {FORMAT_VERSION})")
            )
            return {}
        chunks = [sheet.cell(row, 1).value for row in range(3, sheet.max_row + 1)]
        text = "".join(c for c in chunks if isinstance(c, str))
        try:
            document = parse_yaml(text, Path(BASE))
        except YamlError as exc:
            self.problems.append(CellProblem(BASE, None, f"Plandaten beschädigt ({exc.message})"))
            return {}
        return document.data if isinstance(document.data, dict) else {}

    def _stammdaten(self, data: dict[str, Any]) -> None:
        sheet = self.sheet(STAMMDATEN, ("Angabe", "Wert"), required=True)
        if sheet is None:
            return
        found = {
            str(sheet.cell(row, 1).value).strip(): row
            for row in range(FIRST_ROW, sheet.max_row + 1)
            if sheet.cell(row, 1).value
        }
        values: dict[str, Any] = {}
        for key, label in STAMMDATEN_ROWS:
            row = found.get(label)
            if row is None:
                self.problems.append(CellProblem(STAMMDATEN, None, f"die Angabe „{label}“ fehlt"))
                continue
            path = tuple(key.split("."))
            if key in {"jobcenter.name", "version.as_of"}:  # where a missing section is named
                self.cells[path[:1]] = (sheet.title, f"B{row}")
            if key == "year":
                values[key] = self.number(sheet, row, 2, path, "int")
            elif key == "version.as_of":
                raw = self._raw(sheet, row, 2, path)
                values[key] = raw.date() if isinstance(raw, datetime) else raw
            else:
                values[key] = self.text(sheet, row, 2, path)
        if not values.get("jobcenter.id") and values.get("jobcenter.name"):
            values["jobcenter.id"] = _slug(str(values["jobcenter.name"]))
        # every field of these sections stands on the sheet: the sheet replaces them whole
        data["jobcenter"], data["version"] = {}, {}
        for key, value in values.items():
            section, _, name = key.rpartition(".")
            target = data[section] if section else data
            if value is None:
                target.pop(name, None)
            else:
                target[name] = value

    def _instruments(self, data: dict[str, Any]) -> None:
        sheet = self.sheet(INSTRUMENTE, INSTRUMENT_HEADERS, required=True)
        if sheet is None:
            return
        result = []
        for index, row in enumerate(self.rows(sheet, len(INSTRUMENT_HEADERS))):
            path: ModelPath = ("instruments", index)
            self.cells[path] = (sheet.title, f"A{row}")
            entry = {
                "id": self.text(sheet, row, 1, (*path, "id")),
                "name": self.text(sheet, row, 2, (*path, "name")),
                "legal_basis": self.text(sheet, row, 3, (*path, "legal_basis")),
                "mandatory": self.flag(sheet, row, 4, (*path, "mandatory")),
                "note": self.text(sheet, row, 5, (*path, "note")),
            }
            result.append(_compact(entry))
        data["instruments"] = result

    def _budget(self, data: dict[str, Any], base: dict[str, Any]) -> None:
        sheet = self.sheet(FINANZPLANUNG, BUDGET_HEADERS, required=True)
        if sheet is None:
            return
        budget = {k: v for k, v in base.items() if k not in {"title", "groups", "totals"}}
        budget["title"] = self.title(sheet, ("budget", "title"))
        groups: list[dict[str, Any]] = []
        totals: list[dict[str, Any]] = []
        sum_rows: dict[str, int] = {}
        line_rows: list[int] = []
        group_lines: list[tuple[int, dict[str, Any]]] = []
        used_ids: set[str] = set()
        printed_for: dict[str, Any] | None = None  # the group or Summenzeile a "gedruckt" row is of
        for row in self.rows(sheet, len(BUDGET_HEADERS)):
            kind = self.text(sheet, row, B["Art"])
            if kind == ROW_GROUP:
                path: ModelPath = ("budget", "groups", len(groups))
                self.cells[path] = (sheet.title, f"B{row}")
                groups.append(
                    {
                        "id": self.text(sheet, row, B["ID"], (*path, "id")),
                        "name": self.text(sheet, row, B["Bezeichnung"], (*path, "name")),
                        "lines": [],
                    }
                )
                group_lines = []
                printed_for = groups[-1]
            elif kind in {ROW_LINE, ROW_SUM, ROW_PRINTED} and printed_for is None:
                self._problem(sheet, row, B["Art"], f"„{kind}“ vor der ersten Gruppe")
            elif kind == ROW_LINE:
                g = len(groups) - 1
                path = ("budget", "groups", g, "lines", len(groups[g]["lines"]))
                line = self._line(sheet, row, path, used_ids)
                groups[g]["lines"].append(line)
                group_lines.append((row, line))
                line_rows.append(row)
            elif kind == ROW_SUM:
                sum_rows[str(groups[-1].get("id"))] = row
                self._check_sum(sheet, row, group_lines, groups[-1].get("name"))
            elif kind == ROW_PRINTED and printed_for is not None:
                if printed_for in totals:
                    path = ("budget", "totals", totals.index(printed_for), "printed")
                    printed_for["printed"] = self._amounts(sheet, row, path)
                else:
                    path = ("budget", "groups", len(groups) - 1, "printed_total")
                    groups[-1]["printed_total"] = self._amounts(sheet, row, path)
            elif kind == ROW_SUBTOTAL:
                totals.append(self._subtotal(sheet, row, len(totals), groups, sum_rows))
                printed_for = totals[-1]
            elif kind == ROW_TOTAL:
                all_lines = [line for g in groups for line in g["lines"]]
                self._check_total(sheet, row, line_rows, all_lines)
            else:
                allowed = ", ".join(
                    (ROW_GROUP, ROW_LINE, ROW_SUM, ROW_PRINTED, ROW_SUBTOTAL, ROW_TOTAL)
                )
                self._problem(
                    sheet, row, B["Art"], f"unbekannte Art '{kind or ''}' (erlaubt: {allowed})"
                )
        budget["groups"] = groups
        if totals:
            budget["totals"] = totals
        data["budget"] = budget

    def _subtotal(
        self,
        sheet: Worksheet,
        row: int,
        index: int,
        groups: list[dict[str, Any]],
        sum_rows: dict[str, int],
    ) -> dict[str, Any]:
        path: ModelPath = ("budget", "totals", index)
        self.cells[path] = (sheet.title, f"B{row}")
        listed = self.text(sheet, row, B[MEASURES_OR_GROUPS], (*path, "groups")) or ""
        ids = [g.strip() for g in str(listed).split(",") if g.strip()]
        for k in range(len(ids)):
            self.cells[(*path, "groups", k)] = (sheet.title, f"{col(B[MEASURES_OR_GROUPS])}{row}")
        label = self.text(sheet, row, B["Bezeichnung"], (*path, "label"))
        chosen = [g for g in groups if g.get("id") in ids]
        for column, index_ in MONEY_COL.items():
            computed = sum(
                (
                    line["amounts"].get(column.value) or Decimal(0)
                    for g in chosen
                    for line in g["lines"]
                ),
                Decimal(0),
            )
            expected = subtotal_formula(col(index_), tuple(ids), sum_rows)
            covers = f"die Summen der Gruppen {', '.join(ids)}"
            self._compare_formula(sheet, row, index_, expected, covers, computed)
        return {
            "id": self.text(sheet, row, B["ID"], (*path, "id")),
            "label": label,
            "groups": ids,
            "printed": {},
        }

    def _line(
        self, sheet: Worksheet, row: int, path: ModelPath, used_ids: set[str]
    ) -> dict[str, Any]:
        self.cells[path] = (sheet.title, f"B{row}")
        name = self.text(sheet, row, B["Bezeichnung"], (*path, "name"))
        ident = self.text(sheet, row, B["ID"], (*path, "id"))
        if ident is None and name:
            ident = _unique(_slug(str(name)), used_ids)
        if ident is not None:
            used_ids.add(str(ident))
        instrument = self.text(sheet, row, B["Instrument"], (*path, "instrument"))
        if instrument is None:
            self._problem(sheet, row, B["Instrument"], "Zeile ohne Instrument")
        line: dict[str, Any] = {
            "id": ident,
            "name": name,
            "instrument": instrument,
            "amounts": self._amounts(sheet, row, (*path, "amounts")),
            "target_group": self.text(sheet, row, B["Zielgruppe"], (*path, "target_group")),
            "reading": self.text(sheet, row, B["Lesart"], (*path, "reading")),
        }
        quantity = {
            "value": self.number(sheet, row, B["Menge"], (*path, "quantity", "value"), "int"),
            "unit": self.text(sheet, row, B["Einheit (P, F, E)"], (*path, "quantity", "unit")),
            "approximate": self.flag(sheet, row, B["ca."], (*path, "quantity", "approximate")),
            "open": self.flag(sheet, row, B["offen"], (*path, "quantity", "open")),
        }
        if any(v not in (None, False) for v in quantity.values()):
            line["quantity"] = _compact(quantity)
        measures = self.text(sheet, row, B[MEASURES_OR_GROUPS], (*path, "measures"))
        if measures:
            line["measures"] = [m.strip() for m in str(measures).split(",") if m.strip()]
        return _compact(line)

    def _amounts(self, sheet: Worksheet, row: int, path: ModelPath) -> dict[str, Any]:
        self.cells[path] = (sheet.title, f"{col(MONEY_COL[Column.PLAN])}{row}")
        found = {
            column.value: self.number(sheet, row, index, (*path, column.value))
            for column, index in MONEY_COL.items()
        }
        return _compact(found)

    def _check_sum(
        self,
        sheet: Worksheet,
        row: int,
        lines: list[tuple[int, dict[str, Any]]],
        group: Any,
    ) -> None:
        if not lines:
            return
        first, last = lines[0][0], lines[-1][0]
        for column, index in MONEY_COL.items():
            letter = col(index)
            computed = sum(
                (line["amounts"].get(column.value) or Decimal(0) for _, line in lines), Decimal(0)
            )
            expected = f"=SUM({letter}{first}:{letter}{last})"
            covers = f"die Zeilen {first} bis {last} der Gruppe „{group}“"
            self._compare_formula(sheet, row, index, expected, covers, computed)

    def _check_total(
        self, sheet: Worksheet, row: int, line_rows: list[int], lines: list[dict[str, Any]]
    ) -> None:
        last = row - 1
        for column, index in MONEY_COL.items():
            letter = col(index)
            computed = sum(
                (line["amounts"].get(column.value) or Decimal(0) for line in lines), Decimal(0)
            )
            expected = (
                f'=SUMIF($A${FIRST_ROW}:$A${last},"{ROW_LINE}",{letter}{FIRST_ROW}:{letter}{last})'
            )
            if not line_rows:
                continue
            self._compare_formula(sheet, row, index, expected, "alle Zeilen", computed)

    def _compare_formula(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        expected: str,
        covers: str,
        computed: Decimal,
    ) -> None:
        where = CellProblem(sheet.title, f"{col(column)}{row}", "")
        found = sheet.cell(row, column).value
        shown = money(computed)
        if not (isinstance(found, str) and found.startswith("=")):
            message = (
                f"hier stand eine Summenformel, jetzt {found!r}; amp rechnet mit der Summe "
                f"der Zeilen ({shown})"
            )
            self.notes.append(CellProblem(where.sheet, where.cell, message))
            return
        if _normal(found) != _normal(expected):
            message = (
                f"die Summenformel {found} erfasst nicht {covers} (erwartet {expected}); "
                f"amp rechnet mit den Zeilenwerten ({shown})"
            )
            self.notes.append(CellProblem(where.sheet, where.cell, message))
        stored = self.values[sheet.title].cell(row, column).value
        is_number = isinstance(stored, int | float) and not isinstance(stored, bool)
        if is_number and round_half_up(Decimal(repr(stored)), 2) != computed:
            message = (
                f"Excel zeigt {money(Decimal(repr(stored)))}, die Zeilen ergeben {shown}; "
                "amp übernimmt die Zeilenwerte"
            )
            self.notes.append(CellProblem(where.sheet, where.cell, message))

    def _target_groups(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(ZIELGRUPPEN, TARGET_HEADERS, required=False)
        if sheet is None:
            return
        table = {k: v for k, v in (base or {}).items() if not k.startswith("printed_total")}
        table.pop("groups", None)
        table["title"] = self.title(sheet, ("target_groups", "title"))
        old = {g.get("id"): g for g in (base or {}).get("groups", [])}
        groups: list[dict[str, Any]] = []
        for row in self.rows(sheet, len(TARGET_HEADERS)):
            kind = self.text(sheet, row, T["Art"])
            if kind == ROW_TARGET_GROUP:
                path: ModelPath = ("target_groups", "groups", len(groups))
                self.cells[path] = (sheet.title, f"B{row}")
                ident = self.text(sheet, row, T["ID"], (*path, "id"))
                before = old.get(ident, {})
                entry = {
                    "id": ident,
                    "name": self.text(sheet, row, T["Bezeichnung"], (*path, "name")),
                    "printed_amount": self.number(
                        sheet,
                        row,
                        T["Betrag gedruckt"],
                        (*path, "printed_amount"),
                        base=before.get("printed_amount"),
                    ),
                    "printed_share": self.number(
                        sheet,
                        row,
                        T["Anteil gedruckt (%)"],
                        (*path, "printed_share"),
                        "decimal",
                        before.get("printed_share"),
                    ),
                }
                groups.append(_compact(entry))
            elif kind == ROW_SUM:
                table["printed_total_amount"] = self.number(
                    sheet,
                    row,
                    T["Betrag gedruckt"],
                    ("target_groups", "printed_total_amount"),
                    base=(base or {}).get("printed_total_amount"),
                )
                table["printed_total_share"] = self.number(
                    sheet,
                    row,
                    T["Anteil gedruckt (%)"],
                    ("target_groups", "printed_total_share"),
                    "decimal",
                    (base or {}).get("printed_total_share"),
                )
            else:
                self._problem(
                    sheet,
                    row,
                    T["Art"],
                    f"unbekannte Art '{kind or ''}' (erlaubt: {ROW_TARGET_GROUP}, {ROW_SUM})",
                )
        if groups or base is not None:
            table["groups"] = groups
            data["target_groups"] = _compact(table)

    def _funding(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(MITTEL, (FUNDING_LABEL_HEADER,), required=False)
        if sheet is None:
            return
        found = {
            str(sheet.cell(row, 1).value).strip(): row
            for row in range(FIRST_ROW, sheet.max_row + 1)
            if sheet.cell(row, 1).value
        }
        rows: dict[str, int] = {}
        for key, label in FUNDING_FIELDS:
            if label not in found:
                self.problems.append(CellProblem(MITTEL, None, f"die Zeile „{label}“ fehlt"))
            else:
                rows[key] = found[label]
        if len(rows) < len(FUNDING_FIELDS):
            return
        old = {y.get("year"): y for y in (base or {}).get("years", [])}
        years: list[dict[str, Any]] = []
        column = 2
        while sheet.cell(HEADER_ROW, column).value not in (None, ""):
            path: ModelPath = ("funding", "years", len(years))
            self.cells[path] = (sheet.title, f"{col(column)}{HEADER_ROW}")
            year = self.number(sheet, HEADER_ROW, column, (*path, "year"), "int")
            before = old.get(year, {})
            entry: dict[str, Any] = {"year": year, "printed": {}}
            for key, _ in FUNDING_FIELDS:
                if key.startswith("="):
                    continue
                row = rows[key]
                if key == "label":
                    entry["label"] = self.text(sheet, row, column, (*path, "label"))
                elif key.startswith("printed."):
                    name = key.removeprefix("printed.")
                    entry["printed"][name] = self.number(
                        sheet, row, column, (*path, "printed", name)
                    )
                else:
                    entry[key] = self.number(sheet, row, column, (*path, key), base=before.get(key))
            entry["printed"] = _compact(entry["printed"])
            years.append(_compact(entry))
            column += 1
        if years or base is not None:
            title = self.title(sheet, ("funding", "title"))
            data["funding"] = {"title": title, "years": years}

    def _measures(self, data: dict[str, Any], base: list[dict[str, Any]]) -> None:
        sheet = self.sheet(MASSNAHMEN, MEASURE_HEADERS, required=False)
        if sheet is None:
            return
        old_tables = {t.get("id"): t for t in base}
        tables: dict[str, dict[str, Any]] = {}
        for row in self.rows(sheet, len(MEASURE_HEADERS)):
            kind = self.text(sheet, row, M["Art"])
            table_id = self.text(sheet, row, M["Tabelle"])
            if table_id is None:
                self._problem(sheet, row, M["Tabelle"], "die Tabelle fehlt")
                continue
            if table_id not in tables:
                before = old_tables.get(table_id, {"id": table_id, "title": table_id})
                table = {k: v for k, v in before.items() if k != "printed_total_places"}
                table["measures"] = []
                tables[table_id] = table
            table = tables[table_id]
            t = list(tables).index(table_id)
            self.cells[("measure_tables", t)] = (sheet.title, f"B{row}")
            if kind == ROW_MEASURE:
                self._measure(sheet, row, t, table, old_tables.get(table_id, {}))
            elif kind == ROW_PRINTED:
                table["printed_total_places"] = self.number(
                    sheet, row, M["Plätze"], ("measure_tables", t, "printed_total_places"), "int"
                )
            elif kind != ROW_SUM:
                allowed = ", ".join((ROW_MEASURE, ROW_SUM, ROW_PRINTED))
                self._problem(
                    sheet, row, M["Art"], f"unbekannte Art '{kind or ''}' (erlaubt: {allowed})"
                )
        data["measure_tables"] = list(tables.values())

    def _measure(
        self, sheet: Worksheet, row: int, t: int, table: dict[str, Any], base: dict[str, Any]
    ) -> None:
        path: ModelPath = ("measure_tables", t, "measures", len(table["measures"]))
        self.cells[path] = (sheet.title, f"C{row}")
        ident = self.text(sheet, row, M["ID"], (*path, "id"))
        before: dict[str, Any] = next(
            (m for m in base.get("measures", []) if m.get("id") == ident), {}
        )
        entry = copy.deepcopy(before)
        places = dict(entry.get("places") or {})
        places.update(
            value=self.number(sheet, row, M["Plätze"], (*path, "places", "value"), "int"),
            approximate=self.flag(sheet, row, M["ca."], (*path, "places", "approximate")),
            hour_based=self.flag(sheet, row, M["stundenbasiert"], (*path, "places", "hour_based")),
        )
        entry.update(
            id=ident,
            name=self.text(sheet, row, M["Bezeichnung"], (*path, "name")),
            legal_basis=self.text(sheet, row, M["Rechtsgrundlage"], (*path, "legal_basis")),
            places=_compact(places),
            target_group=self.text(sheet, row, M["Zielgruppe"], (*path, "target_group")),
        )
        table["measures"].append(_compact(entry))

    def _vouchers(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(BILDUNGSZIELE, VOUCHER_HEADERS, required=False)
        if sheet is None:
            return
        old = {g.get("id"): g for g in (base or {}).get("goals", [])}
        goals: list[dict[str, Any]] = []
        for row in self.rows(sheet, len(VOUCHER_HEADERS)):
            path: ModelPath = ("training_vouchers", "goals", len(goals))
            self.cells[path] = (sheet.title, f"A{row}")
            ident = self.text(sheet, row, V["ID"], (*path, "id"))
            entry = copy.deepcopy(old.get(ident, {}))
            number: Callable[..., Any] = self.number
            entry.update(
                id=ident,
                name=self.text(sheet, row, V["Bildungsziel"], (*path, "name")),
                kind=self.text(sheet, row, V["Art (Fortbildung, Umschulung)"], (*path, "kind")),
                field=self.text(sheet, row, V["Bildungsbereich"], (*path, "field")),
                quarters=[
                    number(sheet, row, V["1. Quartal"] + q, (*path, "quarters", q), "int")
                    for q in range(4)
                ],
                printed_total=number(
                    sheet, row, V["Summe gedruckt"], (*path, "printed_total"), "int"
                ),
                duration_months=number(
                    sheet,
                    row,
                    V["Dauer (Monate)"],
                    (*path, "duration_months"),
                    "decimal",
                    entry.get("duration_months"),
                ),
            )
            goals.append(_compact(entry))
        if goals or base is not None:
            vouchers = dict(base or {})
            vouchers["title"] = self.title(sheet, ("training_vouchers", "title"))
            vouchers["goals"] = goals
            data["training_vouchers"] = vouchers

    def _avgs(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(AVGS, AVGS_HEADERS, required=False)
        if sheet is None:
            return
        old = {c.get("id"): c for c in (base or {}).get("categories", [])}
        categories: list[dict[str, Any]] = []
        plan = {k: v for k, v in (base or {}).items() if k not in {"categories", "printed_total"}}
        for row in self.rows(sheet, len(AVGS_HEADERS)):
            kind = self.text(sheet, row, A["Art"])
            if kind == ROW_CATEGORY:
                path: ModelPath = ("avgs", "categories", len(categories))
                self.cells[path] = (sheet.title, f"B{row}")
                ident = self.text(sheet, row, A["Kategorie"], (*path, "id"))
                entry = {k: v for k, v in old.get(ident, {}).items() if k == "reading"}
                entry.update(
                    id=ident,
                    name=self.text(sheet, row, A["Bezeichnung"], (*path, "name")),
                    legal_reference=self.text(
                        sheet,
                        row,
                        A["Rechtsgrundlage / Unterrichtseinheiten"],
                        (*path, "legal_reference"),
                    ),
                    printed_count=self.number(
                        sheet, row, A["Anzahl gedruckt"], (*path, "printed_count"), "int"
                    ),
                    items=[],
                )
                categories.append(entry)
            elif kind == ROW_ITEM and categories:
                c = len(categories) - 1
                path = ("avgs", "categories", c, "items", len(categories[c]["items"]))
                self.cells[path] = (sheet.title, f"C{row}")
                item = {
                    "name": self.text(sheet, row, A["Bezeichnung"], (*path, "name")),
                    "count": self.number(sheet, row, A["Anzahl"], (*path, "count"), "int"),
                    "teaching_units": self.text(
                        sheet,
                        row,
                        A["Rechtsgrundlage / Unterrichtseinheiten"],
                        (*path, "teaching_units"),
                    ),
                    "units_min": self.number(sheet, row, A["UE von"], (*path, "units_min"), "int"),
                    "units_max": self.number(sheet, row, A["UE bis"], (*path, "units_max"), "int"),
                }
                categories[c]["items"].append(_compact(item))
            elif kind == ROW_SUM:
                plan["printed_total"] = self.number(
                    sheet, row, A["Anzahl gedruckt"], ("avgs", "printed_total"), "int"
                )
            else:
                allowed = ", ".join((ROW_CATEGORY, ROW_ITEM, ROW_SUM))
                where = "vor der ersten Kategorie" if kind == ROW_ITEM else f"'{kind or ''}'"
                self._problem(sheet, row, A["Art"], f"unbekannte Art {where} (erlaubt: {allowed})")
        if categories or base is not None:
            plan["title"] = self.title(sheet, ("avgs", "title"))
            plan["categories"] = [
                {k: v for k, v in _compact(c).items() if k != "items" or v} for c in categories
            ]
            data["avgs"] = plan


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty cells and unset flags, as a hand-written plan file would."""
    return {k: v for k, v in entry.items() if v is not None and v is not False}


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower().translate(table)).strip("_")
    return slug[:40] or "zeile"


def _unique(ident: str, used: set[str]) -> str:
    candidate, n = ident, 2
    while candidate in used:
        candidate, n = f"{ident}_{n}", n + 1
    return candidate


def _normal(formula: str) -> str:
    return formula.replace("$", "").replace(" ", "").upper()
