"""Problems found in a workbook, each naming its sheet and cell in German."""

from __future__ import annotations

from amp.core.problems import InputProblems, Place, Problem


def cell_problem(sheet: str, cell: str | None, message: str) -> Problem:
    """A problem in a sheet's cell ("E12"), or in the sheet as a whole (cell None)."""
    return Problem(Place(sheet=sheet, cell=cell), message)


def file_problem(file: str, message: str) -> Problem:
    """A problem with the workbook file itself (missing, not a workbook, damaged)."""
    return Problem(Place(file=file), message)


class XlsxImportError(InputProblems):
    """The workbook cannot be read into a plan; carries every problem found."""
