"""Problems with input: one shape for every file, sheet, table and form amp reads.

A *finding* says that a readable plan does not add up; a *problem* says that some input
could not be read at all (broken YAML, text where a number belongs, an unknown column).
Every reader reports all problems of an input at once by raising `InputProblems`, and
nothing is kept of an input that has problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """Where a problem is, in the words of the input it was found in.

    Only the parts that apply are set: a YAML file has file, line and path; a workbook
    sheet and cell; a CSV file file, row and column; a web form the field's label.
    """

    file: str | None = None
    line: int | None = None  # 1-based line of a text file
    path: str | None = None  # position inside a structured file, e.g. "groups[0].lines[2]"
    sheet: str | None = None
    cell: str | None = None  # "E12"
    row: int | None = None  # 1-based row of a table file, the header being row 1
    column: str | None = None  # a table's column header
    field: str | None = None  # a form field's label

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.sheet:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.cell:
            parts.append(f"Zelle {self.cell}")
        if self.row is not None:
            parts.append(f"Zeile {self.row}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        if self.field:
            parts.append(f"Feld „{self.field}“")
        text = ", ".join(parts)
        if self.path:
            text = f"{text} ({self.path})" if text else self.path
        return text

    def as_dict(self) -> dict[str, str | int]:
        """The parts that are set, for the JSON shape of a problem."""
        return {
            name: value
            for name in self.__slots__
            if (value := getattr(self, name)) is not None and value != ""
        }


@dataclass(frozen=True, slots=True)
class Problem:
    place: Place
    message: str  # German, a whole sentence or phrase a user can act on

    def __str__(self) -> str:
        where = str(self.place)
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of a problem (docs/befehle.md): place's parts, place as text, message;
        the keys are English like those of a finding in `amp check --format json`."""
        return {"place": self.place.as_dict(), "where": str(self.place), "message": self.message}


class InputProblems(Exception):
    """Input that cannot be read; carries every problem found, never only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("InputProblems needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))
