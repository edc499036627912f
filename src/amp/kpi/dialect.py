"""The few spots where DuckDB and Spark SQL spell things differently."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str

    def days_since_epoch(self, expr: str) -> str:
        """Day number of a DATE (or NULL) since 1970-01-01."""
        if self.name == "duckdb":
            return f"date_diff('day', DATE '1970-01-01', {expr})"
        return f"datediff({expr}, DATE '1970-01-01')"


DUCKDB = Dialect("duckdb")
SPARK = Dialect("spark")
