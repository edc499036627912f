"""Reading the Finanzplanung sheet: groups, lines, printed totals and subtotal rows, with
the sheet's own sum formulas compared against the rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from amp.core.budget import Column
from amp.core.findings import ModelPath
from amp.io.xlsx.export import subtotal_formula
from amp.io.xlsx.layout import (
    BUDGET_HEADERS,
    FINANZPLANUNG,
    FIRST_ROW,
    MEASURES_OR_GROUPS,
    MONEY_COL,
    ROW_GROUP,
    ROW_LINE,
    ROW_PRINTED,
    ROW_SUBTOTAL,
    ROW_SUM,
    ROW_TOTAL,
    B,
    col,
)
from amp.io.xlsx.reader import CellReader, compact, slug, unique


class BudgetSheetReader(CellReader):
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
            kind = self.key(sheet, row, B["Art"])
            if kind == ROW_GROUP:
                path: ModelPath = ("budget", "groups", len(groups))
                self.cells[path] = (sheet.title, f"B{row}")
                groups.append(
                    {
                        "id": self.key(sheet, row, B["ID"], (*path, "id")),
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
        # the sheet has no column for a line's related figures: they stay as the base had them
        related = {
            line.get("id"): line["related"]
            for group in base.get("groups", [])
            for line in group.get("lines", [])
            if line.get("related")
        }
        for group in groups:
            for line in group["lines"]:
                if line.get("id") in related:
                    line["related"] = related[line["id"]]
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
            "id": self.key(sheet, row, B["ID"], (*path, "id")),
            "label": label,
            "groups": ids,
            "printed": {},
        }

    def _line(
        self, sheet: Worksheet, row: int, path: ModelPath, used_ids: set[str]
    ) -> dict[str, Any]:
        self.cells[path] = (sheet.title, f"B{row}")
        name = self.text(sheet, row, B["Bezeichnung"], (*path, "name"))
        ident = self.key(sheet, row, B["ID"], (*path, "id"))
        if ident is None and name:
            ident = unique(slug(str(name)), used_ids)
        if ident is not None:
            used_ids.add(str(ident))
        instrument = self.key(sheet, row, B["Instrument"], (*path, "instrument"))
        if instrument is None:
            self._problem(sheet, row, B["Instrument"], "Zeile ohne Instrument")
        line: dict[str, Any] = {
            "id": ident,
            "name": name,
            "instrument": instrument,
            "amounts": self._amounts(sheet, row, (*path, "amounts")),
            "target_group": self.key(sheet, row, B["Zielgruppe"], (*path, "target_group")),
            "reading": self.text(sheet, row, B["Lesart"], (*path, "reading")),
        }
        quantity = {
            "value": self.number(sheet, row, B["Menge"], (*path, "quantity", "value"), "int"),
            "unit": self.key(sheet, row, B["Einheit (P, F, E)"], (*path, "quantity", "unit")),
            "approximate": self.flag(sheet, row, B["ca."], (*path, "quantity", "approximate")),
            "open": self.flag(sheet, row, B["offen"], (*path, "quantity", "open")),
        }
        if any(v not in (None, False) for v in quantity.values()):
            line["quantity"] = compact(quantity)
        measures = self.text(sheet, row, B[MEASURES_OR_GROUPS], (*path, "measures"))
        if measures:
            line["measures"] = [m.strip() for m in str(measures).split(",") if m.strip()]
        return compact(line)

    def _amounts(self, sheet: Worksheet, row: int, path: ModelPath) -> dict[str, Any]:
        self.cells[path] = (sheet.title, f"{col(MONEY_COL[Column.PLAN])}{row}")
        found = {
            column.value: self.number(sheet, row, index, (*path, column.value))
            for column, index in MONEY_COL.items()
        }
        return compact(found)

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
