"""Import a workbook (exported by amp or filled from the template) back into a plan.

The visible sheets win; the hidden sheet `_amp` supplies whatever no sheet shows. Every
problem is collected with sheet and cell, in German; a workbook with a problem yields no
plan. Total formulas are not read as data: amp sums the rows itself and reports, as notes,
a total formula that no longer covers its rows or whose stored result differs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import TypeAdapter, ValidationError

from amp.core.edit import format_path
from amp.core.findings import ModelPath
from amp.core.formatting import fixed
from amp.core.limits import plan_limit_problems
from amp.core.plan import Plan
from amp.core.problems import InputProblems, Problem
from amp.io.model_schema import enforce_known_keys, german_message
from amp.io.references import reference_problems
from amp.io.xlsx.budget_sheet import BudgetSheetReader
from amp.io.xlsx.cells import XlsxImportError, cell_problem, file_problem
from amp.io.xlsx.layout import (
    AUSSAGEN,
    AVGS,
    AVGS_HEADERS,
    BASE,
    BILDUNGSZIELE,
    FIRST_ROW,
    FORMAT_VERSION,
    FUNDING_ALIASES,
    FUNDING_FIELDS,
    FUNDING_LABEL_HEADER,
    FUNDING_OPTIONAL,
    HEADER_ROW,
    INSTRUMENT_HEADERS,
    INSTRUMENTE,
    MASSNAHMEN,
    MEASURE_HEADERS,
    MITTEL,
    ROW_CATEGORY,
    ROW_ITEM,
    ROW_MEASURE,
    ROW_PRINTED,
    ROW_SUM,
    ROW_TARGET_GROUP,
    STAMMDATEN,
    STAMMDATEN_ROWS,
    TARGET_HEADERS,
    VOUCHER_HEADERS,
    ZIELGRUPPEN,
    A,
    M,
    T,
    V,
    col,
)
from amp.io.xlsx.preflight import check_workbook
from amp.io.xlsx.reader import compact, slug
from amp.io.yaml_source import YamlError, parse_yaml

# the hidden sheet's plan data: the demo plan writes 63.000 characters
MAX_BASE_CHARS = 2_000_000


@dataclass
class ImportResult:
    plan: Plan
    notes: list[Problem] = field(default_factory=list)  # worth a look, but no error


def _adapter() -> TypeAdapter[Plan]:
    enforce_known_keys(Plan)
    return TypeAdapter(Plan)


def import_xlsx(path: Path) -> ImportResult:
    """Read a workbook into a plan; raises XlsxImportError listing every problem."""
    if not path.is_file():
        missing = "ist keine Datei" if path.exists() else "die Datei gibt es nicht"
        raise XlsxImportError([file_problem(str(path), missing)])
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        message = (
            "keine Excel-Arbeitsmappe (.xlsx); ältere .xls-Dateien in Excel als .xlsx speichern"
        )
        raise XlsxImportError([file_problem(str(path), message)])
    return read_workbook(path, str(path))


def read_workbook(source: Path | IO[bytes], name: str) -> ImportResult:
    """Read a workbook (a file or its bytes, e.g. an upload kept in memory) into a plan.

    The archive is checked first (sizes, packing, rows, cells, no DTD, no external links);
    only a workbook within these limits is parsed. `name` names the file in problems.
    """
    try:
        check_workbook(source, name)
    except InputProblems as exc:
        raise XlsxImportError(exc.problems) from None
    try:
        formulas = load_workbook(_rewound(source))
        values = load_workbook(_rewound(source), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        problem = file_problem(name, f"keine lesbare Excel-Datei (.xlsx) ({exc})")
        raise XlsxImportError([problem]) from None
    return _Reader(formulas, values).read()


def _rewound(source: Path | IO[bytes]) -> Path | IO[bytes]:
    if not isinstance(source, Path):
        source.seek(0)
    return source


class _Reader(BudgetSheetReader):
    # --- the plan ------------------------------------------------------------------------

    def read(self) -> ImportResult:
        self._merged_cells()
        if self.problems:
            raise XlsxImportError(self.problems)
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
        semantic = [
            self._locate(path, message)
            for path, message in (*reference_problems(plan), *plan_limit_problems(plan))
        ]
        if semantic:
            raise XlsxImportError(semantic)
        return ImportResult(plan, self.notes)

    def _merged_cells(self) -> None:
        """Merged cells in the data rows would hide values (only the first cell keeps one)."""
        for sheet in self.formulas.worksheets:
            if sheet.title == BASE:
                continue
            for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
                if merged.max_row < FIRST_ROW:
                    continue  # title and header rows: merging them hides no value
                first = f"{col(merged.min_col)}{merged.min_row}"
                self.problems.append(
                    cell_problem(
                        sheet.title,
                        first,
                        f"verbundene Zellen {merged.coord}: amp liest jede Zelle einzeln, nur "
                        f"{first} behält ihren Wert, die anderen wären leer. Bitte die "
                        "Verbindung aufheben (Start → Verbinden und zentrieren) und jeden Wert "
                        "in seine eigene Zelle schreiben",
                    )
                )

    def _locate(self, path: ModelPath, message: str) -> Problem:
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                sheet, cell = self.cells[path[:end]]
                return cell_problem(sheet, cell, message)
        if BASE in self.formulas.sheetnames:
            where = f"in den Plandaten ohne eigenes Blatt, {format_path(path)}"
            return cell_problem(BASE, None, f"{message} ({where})")
        return cell_problem("Arbeitsmappe", None, f"{format_path(path)}: {message}")

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
                typed = Decimal(repr(shown))
                places = max(0, -int(typed.as_tuple().exponent))
                message = (
                    f"geänderter Wert {fixed(typed, places)} wird nicht übernommen: "
                    "Aussagen sind Zitate "
                    "des Dokuments und werden nur in claims.yaml bearbeitet"
                )
                self.notes.append(cell_problem(AUSSAGEN, f"D{row}", message))

    def _base(self) -> dict[str, Any]:
        if BASE not in self.formulas.sheetnames:
            if AUSSAGEN in self.formulas.sheetnames:  # an export, not the blank template
                message = (
                    f"das ausgeblendete Blatt {BASE} fehlt: was kein Blatt zeigt (Aussagen, "
                    "Förderketten, Laufzeiten, Ziele …) wird nicht übernommen"
                )
                self.notes.append(cell_problem(BASE, None, message))
            return {}
        sheet = self.formulas[BASE]
        if sheet.cell(2, 1).value != FORMAT_VERSION:
            self.problems.append(
                cell_problem(BASE, "A2", f"unbekannte Formatversion (erwartet: {FORMAT_VERSION})")
            )
            return {}
        chunks = [sheet.cell(row, 1).value for row in range(3, sheet.max_row + 1)]
        text = "".join(c for c in chunks if isinstance(c, str))
        if len(text) > MAX_BASE_CHARS:
            message = (
                f"Plandaten mit {len(text):_} Zeichen; erlaubt sind höchstens "
                f"{MAX_BASE_CHARS:_} (die Datei stammt nicht aus amp)"
            ).replace("_", ".")
            self.problems.append(cell_problem(BASE, None, message))
            return {}
        try:
            document = parse_yaml(text, Path(BASE), trusted=False)
        except YamlError as exc:
            self.problems.append(cell_problem(BASE, None, f"Plandaten beschädigt ({exc.message})"))
            return {}
        return document.data if isinstance(document.data, dict) else {}

    def _stammdaten(self, data: dict[str, Any]) -> None:
        sheet = self.sheet(STAMMDATEN, ("Angabe", "Wert"), required=True)
        if sheet is None:
            return
        found = _rows_by_label(sheet)
        values: dict[str, Any] = {}
        for key, label in STAMMDATEN_ROWS:
            row = found.get(label)
            if row is None:
                self.problems.append(cell_problem(STAMMDATEN, None, f"die Angabe „{label}“ fehlt"))
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
                exact = key in {"jobcenter.name", "jobcenter.region", "version.label"}
                read = self.text if exact else self.key
                values[key] = read(sheet, row, 2, path)
        if not values.get("jobcenter.id") and values.get("jobcenter.name"):
            values["jobcenter.id"] = slug(str(values["jobcenter.name"]))
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
                "id": self.key(sheet, row, 1, (*path, "id")),
                "name": self.text(sheet, row, 2, (*path, "name")),
                "legal_basis": self.text(sheet, row, 3, (*path, "legal_basis")),
                "mandatory": self.flag(sheet, row, 4, (*path, "mandatory")),
                "note": self.text(sheet, row, 5, (*path, "note")),
                "rule": self.text(sheet, row, 6, (*path, "rule")),
                "planned_rate": self.number(sheet, row, 7, (*path, "planned_rate"), "decimal"),
            }
            result.append(compact(entry))
        data["instruments"] = result

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
            kind = self.key(sheet, row, T["Art"])
            if kind == ROW_TARGET_GROUP:
                path: ModelPath = ("target_groups", "groups", len(groups))
                self.cells[path] = (sheet.title, f"B{row}")
                ident = self.key(sheet, row, T["ID"], (*path, "id"))
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
                groups.append(compact(entry))
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
            data["target_groups"] = compact(table)

    def _funding(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(MITTEL, (FUNDING_LABEL_HEADER,), required=False)
        if sheet is None:
            return
        found = _rows_by_label(sheet)
        for alias, key in FUNDING_ALIASES.items():
            if alias in found:
                found.setdefault(dict(FUNDING_FIELDS)[key], found[alias])
        rows: dict[str, int] = {}
        for key, label in FUNDING_FIELDS:
            if label in found:
                rows[key] = found[label]
            elif key not in FUNDING_OPTIONAL:
                self.problems.append(cell_problem(MITTEL, None, f"die Zeile „{label}“ fehlt"))
        if any(key not in rows for key, _ in FUNDING_FIELDS if key not in FUNDING_OPTIONAL):
            return
        old = {y.get("year"): y for y in (base or {}).get("years", [])}
        years: list[dict[str, Any]] = []
        column = 2
        while sheet.cell(HEADER_ROW, column).value not in (None, ""):
            filled = [r for k, r in rows.items() if not k.startswith("=") and k != "label"]
            if all(self._raw(sheet, r, column, None) is None for r in filled):
                column += 1  # a year without any amount: nothing to plan with, left out
                continue
            path: ModelPath = ("funding", "years", len(years))
            self.cells[path] = (sheet.title, f"{col(column)}{HEADER_ROW}")
            year = self.number(sheet, HEADER_ROW, column, (*path, "year"), "int")
            before = old.get(year, {})
            entry: dict[str, Any] = {"year": year, "printed": {}}
            for key, _ in FUNDING_FIELDS:
                if key.startswith("=") or key not in rows:
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
            entry["printed"] = compact(entry["printed"])
            # special funds have no row in the sheet: they stay as the base had them
            entry["special_funds"] = before.get("special_funds")
            years.append(compact(entry))
            column += 1
        if years or (base is not None and base.get("years")):
            title = self.title(sheet, ("funding", "title"))
            data["funding"] = {"title": title, "years": years}

    def _measures(self, data: dict[str, Any], base: list[dict[str, Any]]) -> None:
        sheet = self.sheet(MASSNAHMEN, MEASURE_HEADERS, required=False)
        if sheet is None:
            return
        old_tables = {t.get("id"): t for t in base}
        tables: dict[str, dict[str, Any]] = {}
        for row in self.rows(sheet, len(MEASURE_HEADERS)):
            kind = self.key(sheet, row, M["Art"])
            table_id = self.key(sheet, row, M["Tabelle"])
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
        ident = self.key(sheet, row, M["ID"], (*path, "id"))
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
            places=compact(places),
            target_group=self.key(sheet, row, M["Zielgruppe"], (*path, "target_group")),
        )
        table["measures"].append(compact(entry))

    def _vouchers(self, data: dict[str, Any], base: dict[str, Any] | None) -> None:
        sheet = self.sheet(BILDUNGSZIELE, VOUCHER_HEADERS, required=False)
        if sheet is None:
            return
        old = {g.get("id"): g for g in (base or {}).get("goals", [])}
        goals: list[dict[str, Any]] = []
        for row in self.rows(sheet, len(VOUCHER_HEADERS)):
            path: ModelPath = ("training_vouchers", "goals", len(goals))
            self.cells[path] = (sheet.title, f"A{row}")
            ident = self.key(sheet, row, V["ID"], (*path, "id"))
            entry = copy.deepcopy(old.get(ident, {}))
            number: Callable[..., Any] = self.number
            entry.update(
                id=ident,
                name=self.text(sheet, row, V["Bildungsziel"], (*path, "name")),
                kind=self.key(sheet, row, V["Art (Fortbildung, Umschulung)"], (*path, "kind")),
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
            goals.append(compact(entry))
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
            kind = self.key(sheet, row, A["Art"])
            if kind == ROW_CATEGORY:
                path: ModelPath = ("avgs", "categories", len(categories))
                self.cells[path] = (sheet.title, f"B{row}")
                ident = self.key(sheet, row, A["Kategorie"], (*path, "id"))
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
                categories[c]["items"].append(compact(item))
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
                {k: v for k, v in compact(c).items() if k != "items" or v} for c in categories
            ]
            data["avgs"] = plan


def _rows_by_label(sheet: Worksheet) -> dict[str, int]:
    """Row number of each label in column A, for sheets that are read by their labels."""
    return {
        str(sheet.cell(row, 1).value).strip(): row
        for row in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }
