"""Locate the input files and check them before any figure is computed.

Checks run in DuckDB over the files read as text, so that every problem can be named with
file, row and column, whichever engine computes the figures afterwards.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from amp.core import limits
from amp.core.problems import InputProblems, Place, Problem
from amp.kpi.schema import FALSE_WORDS, TABLES, TRUE_WORDS, ColType, Column, Table

MAX_REPORTED = 10
"""Problems listed per check; the total count is always given."""


def file_problem(file: str, row: int | None, column: str | None, message: str) -> Problem:
    """A problem of an input file: file, row (the header being row 1) and column."""
    return Problem(Place(file=file, row=row, column=column), message)


class InputError(InputProblems):
    """Unreadable or invalid input; carries every problem, each naming its place in German."""


@dataclass
class InputFiles:
    directory: Path
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def has_spells(self) -> bool:
        return "zeitraeume" in self.files


def locate(directory: Path) -> InputFiles:
    if not directory.is_dir():
        raise InputError([file_problem(str(directory), None, None, "Eingabeverzeichnis fehlt")])
    found = InputFiles(directory)
    missing: list[Problem] = []
    for table in TABLES:
        candidates = [directory / f"{table.name}.parquet", directory / f"{table.name}.csv"]
        existing = [c for c in candidates if c.exists()]
        if existing:
            found.files[table.name] = existing[0]
        elif not table.optional:
            missing.append(
                file_problem(
                    str(directory),
                    None,
                    None,
                    f"Datei {table.name}.parquet oder {table.name}.csv fehlt ({table.description})",
                )
            )
    if missing:
        raise InputError(missing)
    return found


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(
            [file_problem(str(path), 1, None, f"nicht lesbar (UTF-8-CSV erwartet): {exc}")]
        ) from exc


def _source_sql(path: Path) -> str:
    quoted = str(path).replace("'", "''")
    if path.suffix == ".csv":
        names = [n.strip() for n in _csv_header(path)]
        columns = ", ".join("'" + n.replace("'", "''") + "': 'VARCHAR'" for n in names)
        return (
            f"read_csv('{quoted}', auto_detect = false, header = true, delim = ',', "
            f"quote = '\"', escape = '\"', columns = {{{columns}}})"
        )
    return f"read_parquet('{quoted}')"


def _read_error(path: Path, exc: duckdb.Error) -> InputError:
    text = str(exc)
    line = re.search(r"Line: (\d+)", text)
    if line and "Expected Number of Columns" in text:
        return InputError(
            [
                file_problem(
                    str(path), int(line.group(1)), None, "nicht lesbar: falsche Zahl von Feldern"
                )
            ]
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    return InputError(
        [
            file_problem(
                str(path), int(line.group(1)) if line else None, None, f"nicht lesbar: {first}"
            )
        ]
    )


SourceTypes = dict[str, dict[str, str]]
"""table name -> column -> type as the source file declares it."""


def register_raw(con: duckdb.DuckDBPyConnection, inputs: InputFiles) -> SourceTypes:
    """Create views chk_<table>: the file's columns (CSV: text; Parquet: as typed in the
    file) plus _zeile, the row in the file (CSV: line, counting the header as line 1);
    and scan_<table>, the same without _zeile, which Parquet reads faster."""
    types: SourceTypes = {}
    for table in TABLES:
        path = inputs.files.get(table.name)
        if path is None:
            continue
        try:
            described = con.execute(f"DESCRIBE SELECT * FROM {_source_sql(path)}").fetchall()
        except duckdb.Error as exc:
            raise _read_error(path, exc) from exc
        names = {str(r[0]): str(r[1]) for r in described}
        types[table.name] = names
        missing = [c.name for c in table.columns if c.required and c.name not in names]
        if missing:
            raise InputError(
                [file_problem(str(path), None, c, "Pflichtspalte fehlt") for c in missing]
            )
        try:
            if path.suffix == ".csv":
                cols = [
                    f'"{c.name}"' if c.name in names else f'CAST(NULL AS VARCHAR) AS "{c.name}"'
                    for c in table.columns
                ]
                # CSV has no row numbers of its own: number the lines once (line 1 = header)
                con.execute(
                    f"CREATE OR REPLACE TEMP TABLE raw_{table.name} AS "
                    f"SELECT {', '.join(cols)}, CAST(row_number() OVER () + 1 AS BIGINT) AS _zeile "
                    f"FROM {_source_sql(path)}"
                )
            else:
                quoted = str(path).replace("'", "''")
                typed = [
                    f'"{c.name}"' if c.name in names else f'CAST(NULL AS VARCHAR) AS "{c.name}"'
                    for c in table.columns
                ]
                con.execute(
                    f"CREATE OR REPLACE TEMP VIEW chk_{table.name} AS "
                    f"SELECT {', '.join(typed)}, CAST(file_row_number + 1 AS BIGINT) AS _zeile "
                    f"FROM read_parquet('{quoted}', file_row_number = true)"
                )
                con.execute(
                    f"CREATE OR REPLACE TEMP VIEW scan_{table.name} AS "
                    f"SELECT {', '.join(typed)} FROM read_parquet('{quoted}')"
                )
                continue
            for view in ("chk", "scan"):
                con.execute(
                    f"CREATE OR REPLACE TEMP VIEW {view}_{table.name} AS "
                    f"SELECT * FROM raw_{table.name}"
                )
            types[table.name] = {c.name: "VARCHAR" for c in table.columns}
        except duckdb.Error as exc:
            raise _read_error(path, exc) from exc
    return types


NATIVE_TYPES = {
    ColType.DATE: ("DATE",),
    ColType.BOOL: ("BOOLEAN",),
    ColType.INT: ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"),
    ColType.MONEY: ("DECIMAL",),
}


# amp.core.limits: ASCII digits only, 12 before the point and 2 after; counts up to 9 digits
MONEY_PATTERN = f"[0-9]{{1,{limits.MAX_WHOLE_DIGITS}}}(\\.[0-9]{{1,{limits.MAX_DECIMALS}}})?"
COUNT_PATTERN = f"-?[0-9]{{1,{limits.MAX_COUNT_DIGITS}}}"


def _is_native(type_: ColType, source: str) -> bool:
    return any(source.startswith(t) for t in NATIVE_TYPES.get(type_, ()))


def _words(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _outside(expr: str, low: int, high: int) -> str:
    """True when expr is no integer or outside [low, high] (never NULL)."""
    return f"COALESCE(TRY_CAST({expr} AS INTEGER) NOT BETWEEN {low} AND {high}, TRUE)"


def _bad_value_condition(
    name: str, expr: str, type_: ColType, allowed: tuple[str, ...]
) -> tuple[str, str]:
    """SQL condition that is true for a bad non-empty value, and the German message."""
    v = f"trim({expr})"
    if type_ is ColType.MONTH:
        return (
            f"length({v}) NOT IN (7, 10) OR substr({v}, 5, 1) <> '-'"
            f" OR substr({v}, 6, 1) NOT IN ('0', '1')"
            f" OR {_outside(f'substr({v}, 6, 2)', 1, 12)}"
            f" OR {_outside(f'substr({v}, 1, 4)', 1900, 2200)}",
            "kein gültiger Monat (erwartet JJJJ-MM)",
        )
    if type_ is ColType.DATE:
        return (
            f"NOT regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"
            f" OR TRY_CAST({v} AS DATE) IS NULL"
            f" OR {_outside(f'substr({v}, 1, 4)', 1900, 2200)}",
            "kein gültiges Datum (erwartet JJJJ-MM-TT, ein existierender Tag)",
        )
    if type_ is ColType.BOOL:
        return (
            f"lower({v}) NOT IN ({_words(TRUE_WORDS)}, {_words(FALSE_WORDS)})",
            "kein Wahrheitswert (erwartet ja/nein, true/false oder 1/0)",
        )
    if type_ is ColType.INT:
        return (
            f"TRY_CAST({v} AS INTEGER) IS NULL"
            f" OR TRY_CAST({v} AS INTEGER) NOT BETWEEN 1900 AND 2200"
            if name == "geburtsjahr"
            else f"NOT regexp_full_match({v}, '{COUNT_PATTERN}')",
            "keine plausible ganze Zahl (Geburtsjahr 1900–2200)"
            if name == "geburtsjahr"
            else "keine ganze Zahl",
        )
    if type_ is ColType.MONEY:
        return (
            f"NOT regexp_full_match({v}, '{MONEY_PATTERN}')",
            "kein Betrag (erwartet z. B. 563.00: nicht negativ, Punkt als Dezimaltrennzeichen,"
            " höchstens zwei Nachkommastellen)",
        )
    if allowed:
        return (
            f"lower({v}) NOT IN ({_words(allowed)})",
            f"unzulässiger Wert (erlaubt: {', '.join(allowed)})",
        )
    return ("FALSE", "")


def _collect(
    con: duckdb.DuckDBPyConnection,
    file: str,
    sql: str,
    column: str | None,
    message: str,
    with_value: bool = True,
) -> list[Problem]:
    rows = con.execute(sql).fetchall()
    problems = []
    for row in rows[:MAX_REPORTED]:
        detail = f"{message}: „{row[1]}“" if with_value and len(row) > 1 else message
        problems.append(file_problem(file, int(row[0]), column, detail))
    if len(rows) > MAX_REPORTED:
        problems.append(
            file_problem(file, None, column, f"{message}: insgesamt {len(rows)} Zeilen betroffen")
        )
    return problems


def _few_values(col: Column, source: dict[str, str]) -> bool:
    """Months, yes/no and coded text have few distinct values: their checks run once per
    distinct value instead of once per row (typed Parquet columns need no text checks)."""
    if _is_native(col.type, source.get(col.name, "")):
        return False
    return col.few_values or col.type in (ColType.MONTH, ColType.BOOL) or bool(col.allowed)


Check = tuple[str, str | None, str | None, str, bool]
"""(condition true for a bad row, value column or None, column, message, on distinct values)"""


def _as_date(name: str, source: dict[str, str]) -> str:
    """A date column for comparisons: typed dates as they are, text parsed (NULL if bad)."""
    if source.get(name, "VARCHAR") == "DATE":
        return f'"{name}"'
    return f'TRY_CAST(trim(CAST("{name}" AS VARCHAR)) AS DATE)'


def _row_checks(table: Table, source: dict[str, str]) -> list[Check]:
    checks: list[Check] = []
    for col in table.columns:
        kind = source.get(col.name, "VARCHAR")
        native = _is_native(col.type, source.get(col.name, ""))
        few = _few_values(col, source)
        quoted = f'"{col.name}"'
        if kind != "VARCHAR" and not native:
            quoted = f'CAST("{col.name}" AS VARCHAR)'  # only where a check needs the text
        if col.required:
            empty = (
                f'"{col.name}" IS NULL'
                if kind != "VARCHAR"
                else f"{quoted} IS NULL OR trim({quoted}) = ''"
            )
            checks.append((empty, None, col.name, "Wert fehlt", few))
        if native:
            # typed Parquet columns are valid by construction; only ranges remain to check
            if col.type is ColType.MONEY:
                checks.append((f"{quoted} < 0", quoted, col.name, "negativer Betrag", False))
                ceiling = f"{quoted} >= 1e{limits.MAX_WHOLE_DIGITS}"
                beyond = (
                    f"Betrag zu groß (höchstens {limits.MAX_WHOLE_DIGITS} Stellen vor dem Komma)"
                )
                checks.append((ceiling, quoted, col.name, beyond, False))
            elif col.type is ColType.INT:
                _cond, message = _bad_value_condition(col.name, quoted, col.type, col.allowed)
                checks.append(
                    (f"{quoted} NOT BETWEEN 1900 AND 2200", quoted, col.name, message, False)
                )
            continue
        cond, message = _bad_value_condition(col.name, quoted, col.type, col.allowed)
        if message:
            checks.append(
                (
                    f"{quoted} IS NOT NULL AND trim({quoted}) <> '' AND ({cond})",
                    quoted,
                    col.name,
                    message,
                    few,
                )
            )
    if table.name == "zeitraeume":
        checks.append(
            (
                f"{_as_date('ende', source)} < {_as_date('beginn', source)}",
                "ende",
                "ende",
                "Ende liegt vor dem Beginn",
                False,
            )
        )
    if table.name == "ereignisse":
        checks.append(
            (
                f"{_as_date('erfasst_am', source)} < {_as_date('datum', source)}",
                "erfasst_am",
                "erfasst_am",
                "Erfassung liegt vor dem Ereignis",
                False,
            )
        )
    return checks


def _count_failures(
    con: duckdb.DuckDBPyConnection, table: Table, source: dict[str, str], checks: list[Check]
) -> list[int]:
    """Rows failing each check, in one scan of the file.

    The scan groups by the few-valued columns and counts the per-row failures within each
    group; the checks of the few-valued columns then run on that small grouped table,
    grp_<table>, which the duplicate check reuses.
    (SUM(CASE) rather than FILTER: DuckDB folds conditions that the Parquet statistics
    already decide, such as IS NULL on a column without nulls.)"""
    raw = f"scan_{table.name}"
    grouped = [f'"{c.name}"' for c in table.columns if _few_values(c, source)]
    per_row = [
        f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END) AS _c{i}"
        for i, (cond, _v, _c, _m, few) in enumerate(checks)
        if not few
    ]
    group_by = f" GROUP BY {', '.join(grouped)}" if grouped else ""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE grp_{table.name} AS "
        f"SELECT {', '.join([*grouped, 'count(*) AS _n', *per_row])} FROM {raw}{group_by}"
    )
    totals = [
        f"sum(_n) FILTER (WHERE {cond})" if few else f"sum(_c{i})"
        for i, (cond, _v, _c, _m, few) in enumerate(checks)
    ]
    row = con.execute(f"SELECT {', '.join(totals)} FROM grp_{table.name}").fetchone() or ()
    return [int(n or 0) for n in row]


def _key_expr(column: str, source_type: str, col_type: ColType) -> str:
    """A key column as the computation sees it: trimmed text; a month by its first seven
    characters, so that 2024-01 and 2024-01-15 are the same month."""
    expr = f"trim({column})" if source_type == "VARCHAR" else column
    if col_type is ColType.MONTH:
        expr = f"substr(CAST({expr} AS VARCHAR), 1, 7)"
    return expr


def _key_exprs(table: Table, source: dict[str, str]) -> list[str]:
    return [_key_expr(f'"{k}"', source.get(k, "VARCHAR"), table.column(k).type) for k in table.key]


def _month_key(expr: str) -> str:
    """Month number of a valid month text (YYYY-MM, optionally -DD)."""
    return f"(CAST(substr({expr}, 1, 4) AS INTEGER) * 12 + CAST(substr({expr}, 6, 2) AS INTEGER))"


def _has_duplicates(
    con: duckdb.DuckDBPyConnection, table: Table, source: dict[str, str], values_valid: bool
) -> bool:
    """Whether any key occurs twice.

    For (person, month) keys of a file whose months are valid, a GROUP BY person and block
    of 63 months replaces the far costlier GROUP BY over every key: each month is one bit,
    looked up once per distinct month text, and a group holds a month twice exactly when
    it has more rows than bits set."""
    raw = f"scan_{table.name}"
    keys = _key_exprs(table, source)
    last = table.column(table.key[-1])
    if values_valid and len(keys) == 2 and last.type is ColType.MONTH:
        month = _month_key(_key_expr("v", source.get(last.name, "VARCHAR"), last.type))
        offset = f"({month} - MIN({month}) OVER ())"
        # the distinct months are already in the grouped table of the value checks
        months = f"grp_{table.name}" if _few_values(last, source) else raw
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE bits_{table.name} AS "
            f"SELECT v, {offset} // 63 AS block, "
            f"CAST(1 AS BIGINT) << CAST({offset} % 63 AS INTEGER) AS bit "
            f'FROM (SELECT DISTINCT "{last.name}" AS v FROM {months})'
        )
        blocks = con.execute(f"SELECT max(block) FROM bits_{table.name}").fetchone()
        group = keys[0] if blocks is None or not blocks[0] else f"{keys[0]}, block"
        sql = (
            "SELECT count(*) FROM ("
            "SELECT count(*) <> bit_count(bit_or(bit)) AS dup "
            f'FROM {raw} JOIN bits_{table.name} ON "{last.name}" = v '
            f"GROUP BY {group}) WHERE dup"
        )
    else:
        key = ", ".join(keys)
        sql = f"SELECT count(*) FROM (SELECT {key} FROM {raw} GROUP BY {key} HAVING count(*) > 1)"
    found = con.execute(sql).fetchone()
    return bool(found and found[0])


def check_table(
    con: duckdb.DuckDBPyConnection, table: Table, path: Path, source: dict[str, str]
) -> list[Problem]:
    """All checks of one file in two scans (values, keys); details only for failures."""
    file = str(path)
    raw = f"chk_{table.name}"
    checks = _row_checks(table, source)
    counts = _count_failures(con, table, source, checks)
    problems: list[Problem] = []
    for (cond, value, column, message, _few), count in zip(checks, counts, strict=True):
        if count:
            select = f"_zeile, {value}" if value else "_zeile"
            problems += _collect(
                con,
                file,
                f"SELECT {select} FROM {raw} WHERE {cond} ORDER BY _zeile",
                column,
                message,
                with_value=value is not None,
            )
    if _has_duplicates(con, table, source, values_valid=not problems):
        keys = _key_exprs(table, source)
        key = ", ".join(keys)
        key_text = ", ".join(f"CAST({k} AS VARCHAR)" for k in keys)
        problems += _collect(
            con,
            file,
            f"SELECT _zeile, k FROM (SELECT _zeile, concat_ws(' / ', {key_text}) AS k, "
            f"count(*) OVER (PARTITION BY {key}) AS n FROM {raw}) WHERE n > 1 ORDER BY _zeile",
            None,
            f"doppelter Eintrag für ({', '.join(table.key)})",
        )
    con.execute(f"DROP TABLE grp_{table.name}")
    return problems


def validate(con: duckdb.DuckDBPyConnection, inputs: InputFiles) -> SourceTypes:
    """Register views chk_<table> and raise InputError listing every problem found.

    Returns the column types of the sources (all VARCHAR for CSV)."""
    types = register_raw(con, inputs)
    problems: list[Problem] = []
    for table in TABLES:
        path = inputs.files.get(table.name)
        if path is not None:
            problems += check_table(con, table, path, types[table.name])
    if problems:
        raise InputError(problems)
    n = con.execute("SELECT count(*) FROM scan_panel").fetchone()
    if n is None or n[0] == 0:
        raise InputError(
            [file_problem(str(inputs.files["panel"]), None, None, "enthält keine Zeilen")]
        )
    return types
