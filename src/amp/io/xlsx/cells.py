"""Problems found in a workbook, each naming its sheet and cell in German."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CellProblem:
    sheet: str
    cell: str | None  # "E12"; None: the sheet as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}"


class XlsxImportError(Exception):
    """The workbook cannot be read into a plan; lists every problem found."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
