"""The single SQL definition of the monthly base series, run unchanged on DuckDB and Spark.

Every figure (K1 … K3E4) is a ratio of sums of these base series (see figures.py). The SQL
below is written in the portable subset both engines understand; the only dialect-specific
spot is the date arithmetic in `Dialect.days_since_epoch`.

Input views, created by the engine with `normalize_sql` from the files (typed columns:
text, month as 'YYYY-MM' text, DATE, BOOLEAN, INT, DECIMAL(14, 2)):
    n_panel, n_zeitraeume (optional), n_ereignisse, n_beschaeftigung
plus the small table `months(m, st, year)`: month key, day number of its Stichtag (last day
of the month) and calendar year.
"""

from __future__ import annotations

from dataclasses import dataclass

from amp.kpi.dialect import Dialect
from amp.kpi.params import Params
from amp.kpi.schema import EVENT_KINDS, INTEGRATION_KINDS, TRUE_WORDS, ColType, Table, month_text

GROUPS: dict[str, str] = {
    "insgesamt": "1 = 1",
    "maenner": "sex = 'm'",
    "frauen": "sex = 'w'",
    "u25": "u25 = 1",
}
"""Breakdowns. u25 is a local extra, not part of the Verordnung."""

LOCAL_GROUPS = frozenset({"u25"})

POPULATIONS: dict[str, str] = {"": "1 = 1", "_ae": "single = 1", "_lzb": "lzb = 1"}


@dataclass(frozen=True)
class Metric:
    name: str
    predicate: str
    value: str | None = None
    """Column summed; None counts rows."""
    populations: tuple[str, ...] = ("",)


@dataclass(frozen=True)
class Aggregate:
    """One GROUP BY over a prepared view; every metric is computed for every group.

    The rows are first counted (and value columns summed) per Jobcenter, month and `dims`,
    the few columns the predicates use; the many conditional sums then run on that small
    table instead of on every person-month."""

    name: str
    source: str
    month_expr: str
    dims: tuple[str, ...]
    metrics: tuple[Metric, ...]
    rows: str | None = None
    """Column saying how many person-months a source row stands for (pre-grouped source);
    None: one each."""

    def columns(self) -> list[str]:
        return [
            f"{metric.name}{pop}__{group}"
            for metric in self.metrics
            for pop in metric.populations
            for group in GROUPS
        ]


def _month(expr: str) -> str:
    return f"(CAST(substr({expr}, 1, 4) AS INT) * 12 + CAST(substr({expr}, 6, 2) AS INT) - 1)"


def _flag(expr: str) -> str:
    return f"(CASE WHEN {expr} THEN 1 ELSE 0 END)"


def _date_month(expr: str) -> str:
    return f"(year({expr}) * 12 + month({expr}) - 1)"


TEXT_TYPES = ("", "VARCHAR", "STRING")


def _normalize(col_type: ColType, name: str, source_type: str, native_id: bool) -> str:
    """Expression turning a source column (text, or typed as in Parquet) into its typed form."""
    x = f"`{name}`"
    text = source_type.upper() in TEXT_TYPES
    if col_type in (ColType.TEXT, ColType.MONTH):
        if name == "person_id" and native_id:
            return x
        return f"trim({x})" if text else f"CAST({x} AS STRING)"
    if col_type is ColType.DATE:
        if source_type.upper() == "DATE":
            return x
        inner = f"NULLIF(trim({x}), '')" if text else f"CAST({x} AS STRING)"
        return f"CAST({inner} AS DATE)"
    if col_type is ColType.BOOL:
        if source_type.upper() == "BOOLEAN":
            return x
        if text:
            words = ", ".join(f"'{w}'" for w in TRUE_WORDS)
            return f"(lower(trim({x})) IN ({words}))"
        return f"(CAST({x} AS INT) = 1)"
    target = "INT" if col_type is ColType.INT else "DECIMAL(14, 2)"
    return f"CAST({f'trim({x})' if text else x} AS {target})"


def normalize_sql(
    table: Table, source: str, types: dict[str, str], native_id: bool, quote: str = "`"
) -> str:
    """SELECT of one input table in its typed form; `types` maps column -> source type."""
    parts = []
    for col in table.columns:
        expr = _normalize(col.type, col.name, types.get(col.name, ""), native_id)
        parts.append(f"{expr.replace('`', quote)} AS {col.name}")
    return f"SELECT {', '.join(parts)} FROM {source}"


def _in(kinds: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{k}'" for k in kinds) + ")"


PM_FEATURES = (
    "sex",
    "u25",
    "single",
    "lzb",
    "measure",
    "prev_same",
    "prev_lzb",
    "next_same",
    "next_lzb",
)
"""Columns of pm that the stock and exit aggregates group by."""


@dataclass(frozen=True)
class Step:
    """A prepared view; `keep` ones are materialized because later steps read them more
    than once or join them, the others are plain views read where they are used."""

    name: str
    sql: str
    keep: bool = True


def _age_under(params: Params) -> str:
    return f"(CASE WHEN {_year('monat')} - geburtsjahr < {params.u25_age} THEN 1 ELSE 0 END)"


def _year(expr: str) -> str:
    return f"CAST(substr({expr}, 1, 4) AS INT)"


def _month_filter(month_range: tuple[int, int] | None) -> str:
    """Panel months as a range of the month text (YYYY-MM, maybe with a day), which
    compares in calendar order and is cheaper than parsing every month first."""
    if month_range is None:
        return "1 = 1"
    return f"monat >= '{month_text(month_range[0])}' AND monat < '{month_text(month_range[1] + 1)}'"


def staging_steps(
    dialect: Dialect,
    params: Params,
    has_spells: bool,
    month_range: tuple[int, int] | None = None,
) -> list[Step]:
    """Prepared views in dependency order; each engine creates them in turn.

    month_range limits the panel to the months one reporting month needs (see
    engines.rows_needed); the base series are then valid only for that reporting month."""
    w = params.waiting_months
    in_range = _month_filter(month_range)
    steps: list[Step] = [
        Step(
            "p",
            f"""
            SELECT person_id,
                   jobcenter AS jc,
                   {_month("monat")} AS m,
                   lower(geschlecht) AS sex,
                   {_age_under(params)} AS u25,
                   {_flag("alleinerziehend")} AS single,
                   {_flag("massnahme")} AS measure
            FROM n_panel WHERE elb AND {in_range}""",
            keep=False,
        ),
        Step(
            "ev_m",
            f"""
            SELECT person_id, m,
                   MAX(CASE WHEN kind IN {_in(INTEGRATION_KINDS)} THEN 1 ELSE 0 END) AS has_int,
                   MAX(CASE WHEN kind = 'svb' THEN 1 ELSE 0 END) AS has_sv,
                   MAX(CASE WHEN kind = 'geringfuegig' THEN 1 ELSE 0 END) AS has_gb,
                   MAX(CASE WHEN kind = 'oeffentlich_gefoerdert' THEN 1 ELSE 0 END) AS has_oeff
            FROM (
                SELECT person_id,
                       {_date_month("datum")} AS m,
                       lower(art) AS kind,
                       {_date_month("erfasst_am")} AS rec_m
                FROM n_ereignisse
            ) e
            WHERE kind IN {_in(EVENT_KINDS)} AND (rec_m IS NULL OR rec_m <= m + {w})
            GROUP BY person_id, m""",
        ),
        Step(
            "svb_run",
            f"""
            SELECT person_id, m,
                   COUNT(*) OVER (PARTITION BY person_id ORDER BY m
                                  RANGE BETWEEN CURRENT ROW AND {params.continuity_months - 1}
                                  FOLLOWING) AS run
            FROM (
                SELECT DISTINCT person_id, {_month("monat")} AS m
                FROM n_beschaeftigung
            ) b""",
        ),
    ]
    if has_spells:
        days0 = dialect.days_since_epoch("beginn")
        days1 = dialect.days_since_epoch("ende")
        window = params.lzb_window_days - 1

        def overlap(spell: str) -> str:
            """Days of a spell within the LZB window ending on the Stichtag mo.st."""
            return (
                f"GREATEST(0, LEAST({spell}.d1, mo.st) - GREATEST({spell}.d0, mo.st - {window})"
                " + 1)"
            )

        columns = "e.person_id, e.jc, e.m, e.sex, e.u25, e.single, e.measure"
        steps += [
            # one row per person; a person with a single spell (the usual case) needs no
            # merging, and the person-months need no aggregation over spells
            Step(
                "sp",
                f"""
                SELECT person_id, MIN(d0) AS d0, MAX(d1) AS d1, COUNT(*) AS n
                FROM (
                    SELECT person_id,
                           {days0} AS d0,
                           CASE WHEN ende IS NULL THEN 99999999 ELSE {days1} END AS d1
                    FROM n_zeitraeume
                ) s0
                GROUP BY person_id""",
            ),
            # merged spells of persons with several (overlaps count once)
            Step(
                "ms",
                f"""
                SELECT person_id, MIN(d0) AS d0, MAX(d1) AS d1
                FROM (
                    SELECT person_id, d0, d1,
                           SUM(CASE WHEN prev_max IS NULL OR d0 > prev_max + 1 THEN 1 ELSE 0 END)
                               OVER (PARTITION BY person_id ORDER BY d0, d1
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS grp
                    FROM (
                        SELECT person_id, d0, d1,
                               MAX(d1) OVER (PARTITION BY person_id ORDER BY d0, d1
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                                   AS prev_max
                        FROM (
                            SELECT person_id,
                                   {days0} AS d0,
                                   CASE WHEN ende IS NULL THEN 99999999 ELSE {days1} END AS d1
                            FROM n_zeitraeume
                            WHERE person_id IN (SELECT person_id FROM sp WHERE n > 1)
                        ) s0
                    ) s1
                ) s2
                GROUP BY person_id, grp""",
            ),
            # eLb days in the window up to the Stichtag per person-month; a person without
            # spells, or whose spells all lie outside the window, has 0 (the outer-joined
            # NULLs must not reach LEAST/GREATEST, which skip NULLs on both engines)
            Step(
                "pld",
                f"""
                SELECT {columns},
                       CASE WHEN sp.d0 IS NULL THEN 0 ELSE {overlap("sp")} END AS lzb_days
                FROM p e
                JOIN months mo ON mo.m = e.m
                LEFT JOIN sp ON sp.person_id = e.person_id
                WHERE COALESCE(sp.n, 1) = 1
                UNION ALL
                SELECT {columns},
                       COALESCE(SUM(CASE WHEN ms.d0 IS NULL THEN 0 ELSE {overlap("ms")} END), 0)
                           AS lzb_days
                FROM p e
                JOIN months mo ON mo.m = e.m
                JOIN sp ON sp.person_id = e.person_id AND sp.n > 1
                LEFT JOIN ms ON ms.person_id = e.person_id AND ms.d0 <= mo.st
                            AND ms.d1 >= mo.st - {window}
                GROUP BY {columns}""",
                keep=False,
            ),
            Step(
                "pl",
                f"""
                SELECT pld.*,
                       CASE WHEN lzb_days >= {params.lzb_min_days} THEN 1 ELSE 0 END AS lzb
                FROM pld""",
                keep=False,
            ),
        ]
    else:
        steps.append(
            Step(
                "pl",
                f"""
                SELECT p.*,
                       CASE WHEN COUNT(*) OVER (PARTITION BY person_id ORDER BY m
                                 RANGE BETWEEN {params.lzb_window_months - 1} PRECEDING
                                 AND CURRENT ROW) >= {params.lzb_min_months}
                            THEN 1 ELSE 0 END AS lzb
                FROM p""",
                keep=False,
            )
        )
    steps.append(
        Step(
            "pm",
            """
            SELECT person_id, jc, m, sex, u25, single, measure, lzb,
                   CASE WHEN lag_m = m - 1 AND lag_jc = jc THEN 1 ELSE 0 END AS prev_same,
                   CASE WHEN lead_m = m + 1 AND lead_jc = jc THEN 1 ELSE 0 END AS next_same,
                   CASE WHEN lag_m = m - 1 AND lag_lzb = 1 THEN 1 ELSE 0 END AS prev_lzb,
                   CASE WHEN lead_m = m + 1 AND lead_lzb = 1 THEN 1 ELSE 0 END AS next_lzb
            FROM (
                SELECT person_id, jc, m, sex, u25, single, measure, lzb,
                       LAG(m) OVER (PARTITION BY person_id ORDER BY m) AS lag_m,
                       LAG(jc) OVER (PARTITION BY person_id ORDER BY m) AS lag_jc,
                       LAG(lzb) OVER (PARTITION BY person_id ORDER BY m) AS lag_lzb,
                       LEAD(m) OVER (PARTITION BY person_id ORDER BY m) AS lead_m,
                       LEAD(jc) OVER (PARTITION BY person_id ORDER BY m) AS lead_jc,
                       LEAD(lzb) OVER (PARTITION BY person_id ORDER BY m) AS lead_lzb
                FROM pl
            ) x""",
        )
    )
    # Person-months with an event in the month or the next: every integration metric needs
    # one, so the other person-months are left out before the joins.
    # K2E3 (cont) looks at the six months that follow the month of the integration (§ 5 Abs. 2
    # Nr. 3 VO): from m + 2 for an integration in the counting month m + 1, from m + 1 for a
    # new entrant's integration in its entry month m.
    steps.append(
        Step(
            "pi",
            f"""
            SELECT pm.jc, pm.m, pm.sex, pm.u25, pm.single, pm.lzb,
                   CASE WHEN COALESCE(e1.has_int, 0) = 1
                          OR (pm.prev_same = 0 AND COALESCE(e0.has_int, 0) = 1)
                        THEN 1 ELSE 0 END AS f_int,
                   CASE WHEN COALESCE(e1.has_sv, 0) = 1
                          OR (pm.prev_same = 0 AND COALESCE(e0.has_sv, 0) = 1)
                        THEN 1 ELSE 0 END AS f_sv,
                   CASE WHEN COALESCE(e1.has_gb, 0) = 1
                          OR (pm.prev_same = 0 AND COALESCE(e0.has_gb, 0) = 1)
                        THEN 1 ELSE 0 END AS f_gb,
                   CASE WHEN COALESCE(e1.has_oeff, 0) = 1
                          OR (pm.prev_same = 0 AND COALESCE(e0.has_oeff, 0) = 1)
                        THEN 1 ELSE 0 END AS f_oeff,
                   CASE WHEN COALESCE(CASE WHEN COALESCE(e1.has_sv, 0) = 1 THEN r1.run
                                           ELSE r0.run END, 0) = {params.continuity_months}
                        THEN 1 ELSE 0 END AS cont
            FROM pm
            JOIN (SELECT person_id, m FROM ev_m UNION SELECT person_id, m - 1 AS m FROM ev_m) c
                ON c.person_id = pm.person_id AND c.m = pm.m
            LEFT JOIN ev_m e1 ON e1.person_id = pm.person_id AND e1.m = pm.m + 1
            LEFT JOIN ev_m e0 ON e0.person_id = pm.person_id AND e0.m = pm.m
            LEFT JOIN svb_run r1 ON r1.person_id = pm.person_id AND r1.m = pm.m + 2
            LEFT JOIN svb_run r0 ON r0.person_id = pm.person_id AND r0.m = pm.m + 1""",
            keep=False,
        )
    )
    # person-months counted once by every feature that stock and exits ask about, so that
    # both aggregates read a small table instead of pm twice
    steps.append(
        Step(
            "pmg",
            f"""
            SELECT jc, m, {", ".join(PM_FEATURES)}, COUNT(*) AS n
            FROM pm GROUP BY jc, m, {", ".join(PM_FEATURES)}""",
        )
    )
    steps.append(
        Step(
            "pmoney",
            f"""
            SELECT jobcenter AS jc, {_month("monat")} AS m, lower(geschlecht) AS sex,
                   {_age_under(params)} AS u25, llu, luh,
                   CASE WHEN llu > 0 THEN 1 ELSE 0 END AS has_llu,
                   CASE WHEN luh > 0 THEN 1 ELSE 0 END AS has_luh
            FROM n_panel WHERE {in_range}""",
            keep=False,
        )
    )
    return steps


AGGREGATES: tuple[Aggregate, ...] = (
    Aggregate(
        name="stock",
        source="pmg",
        rows="n",
        month_expr="m",
        dims=("sex", "u25", "single", "lzb", "measure", "prev_same", "prev_lzb"),
        metrics=(
            Metric("elb_n", "1 = 1", populations=("", "_ae", "_lzb")),
            Metric("lzb_measure", "lzb = 1 AND measure = 1"),
            Metric("elb_entries", "prev_same = 0"),
            Metric("lzb_entries", "lzb = 1 AND prev_lzb = 0"),
        ),
    ),
    Aggregate(
        name="exits",
        source="pmg",
        rows="n",
        month_expr="m + 1",
        dims=("sex", "u25", "lzb", "next_same", "next_lzb"),
        metrics=(
            Metric("elb_exits", "next_same = 0"),
            Metric("lzb_exits", "lzb = 1 AND next_lzb = 0"),
        ),
    ),
    Aggregate(
        name="integrations",
        source="pi",
        month_expr="m + 1",
        dims=("sex", "u25", "single", "lzb", "f_int", "f_sv", "cont", "f_gb", "f_oeff"),
        metrics=(
            Metric("int", "f_int = 1", populations=("", "_ae", "_lzb")),
            Metric("int_sv", "f_sv = 1"),
            Metric("int_sv_cont", "f_sv = 1 AND cont = 1"),
            Metric("gb", "f_gb = 1"),
            Metric("oeff", "f_oeff = 1"),
        ),
    ),
    Aggregate(
        name="money",
        source="pmoney",
        month_expr="m",
        dims=("sex", "u25", "has_llu", "has_luh"),
        metrics=(
            Metric("llu", "1 = 1", value="llu"),
            Metric("luh", "1 = 1", value="luh"),
            Metric("llu_n", "has_llu = 1"),
            Metric("luh_n", "has_luh = 1"),
        ),
    ),
)


def aggregate_sql(agg: Aggregate, jobcenter: str | None) -> str:
    values = sorted({m.value for m in agg.metrics if m.value is not None})
    inner = ", ".join(
        ["jc", f"{agg.month_expr} AS mm", *agg.dims]
        + ["COUNT(*) AS n_rows" if agg.rows is None else f"SUM({agg.rows}) AS n_rows"]
        + [f"SUM({v}) AS sum_{v}" for v in values]
    )
    where = ""
    if jobcenter is not None:
        escaped = jobcenter.replace("'", "''")
        where = f"WHERE jc = '{escaped}'"
    parts = []
    for metric in agg.metrics:
        total = "n_rows" if metric.value is None else f"sum_{metric.value}"
        for pop in metric.populations:
            for group, group_pred in GROUPS.items():
                cond = f"({group_pred}) AND ({metric.predicate}) AND ({POPULATIONS[pop]})"
                parts.append(
                    f"SUM(CASE WHEN {cond} THEN {total} ELSE 0 END) AS {metric.name}{pop}__{group}"
                )
    return (
        f"SELECT jc, mm, {', '.join(parts)} FROM ("
        f"SELECT {inner} FROM {agg.source} {where} "
        f"GROUP BY jc, {agg.month_expr}, {', '.join(agg.dims)}"
        ") g GROUP BY jc, mm"
    )
