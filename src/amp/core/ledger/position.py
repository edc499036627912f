"""Per plan line and month: plan, actual (cumulative), open commitments, free amount and
Ausschöpfung; the availability check of a new commitment; lines ahead of or behind pace.

    open commitment = its payments planned in the year − bookings of the year against it,
                      never below zero nor above its payments in the year,
                      zero once it is settled or dissolved
    free            = plan − actual − open commitments

so that actual + open + free = plan holds for every line and month by construction, and no
euro is counted both as actual and as open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.core.findings import Finding, Location, Severity
from amp.core.ledger.model import Commitment, Fund, Ledger
from amp.core.ledger.series import history_profiles
from amp.core.ledger.text import eur
from amp.core.money import ZERO, Money, percent
from amp.core.periods import MONTH_NAMES, Month
from amp.core.units import Unit


class Pace(StrEnum):
    AHEAD = "voraus"
    BEHIND = "zurueck"
    USUAL = "ueblich"
    UNKNOWN = "unbekannt"


PACE_LABELS = {
    Pace.AHEAD: "schneller als üblich",
    Pace.BEHIND: "langsamer als üblich",
    Pace.USUAL: "im üblichen Tempo",
    Pace.UNKNOWN: "kein Vorjahresverlauf",
}

# a line is flagged when its Ausschöpfung differs from the usual share by more than this
PACE_THRESHOLD_POINTS = Decimal(10)


@dataclass(frozen=True, slots=True)
class MonthPosition:
    month: Month
    plan: Money
    actual: Money  # cumulative from January to the end of the month (or the Stand)
    open: Money  # open commitments at the end of the month
    free: Money  # plan − actual − open

    @property
    def exhaustion(self) -> Decimal | None:
        """Ausschöpfung in %: (actual + open) of plan; None where the plan is zero."""
        return percent(self.actual + self.open, self.plan)

    @property
    def spent_share(self) -> Decimal | None:
        """Mittelabfluss in %: actual of plan."""
        return percent(self.actual, self.plan)


@dataclass(frozen=True, slots=True)
class LinePosition:
    line: str
    name: str
    fund: Fund
    months: tuple[MonthPosition, ...]  # January up to the Stand month
    pace: Pace
    usual_share: Decimal | None  # usual cumulative Mittelabfluss in % at the Stand month
    profile_years: tuple[int, ...]

    @property
    def current(self) -> MonthPosition:
        return self.months[-1]


@dataclass(frozen=True, slots=True)
class UnmappedAccount:
    account: str
    cost_center: str | None
    bookings: int
    amount: Money


@dataclass(frozen=True, slots=True)
class FundPosition:
    fund: Fund
    available: Money  # allocation and its changes, less transfer to admin, plus receipts
    planned: Money  # sum of the plans of its lines
    actual: Money
    open: Money

    @property
    def free(self) -> Money:
        return self.available - self.actual - self.open

    @property
    def unplanned(self) -> Money:
        return self.available - self.planned


@dataclass(frozen=True, slots=True)
class YearPosition:
    year: int
    stand: date
    lines: tuple[LinePosition, ...]
    totals: tuple[MonthPosition, ...]
    funds: tuple[FundPosition, ...]
    unmapped: tuple[UnmappedAccount, ...]
    findings: tuple[Finding, ...]

    def line(self, line_id: str) -> LinePosition:
        return next(p for p in self.lines if p.line == line_id)


def months_until(year: int, stand: date) -> tuple[Month, ...]:
    if stand.year < year:
        return ()
    last = 12 if stand.year > year else stand.month
    return tuple(Month(year, n) for n in range(1, last + 1))


def _month_end(month: Month, stand: date) -> date:
    return min(month.last_day, stand)


def open_amounts(
    commitment: Commitment,
    year: int,
    booked_by_month: list[Money],
    months: tuple[Month, ...],
    stand: date,
) -> list[Money]:
    """The commitment's open amount in `year` at the end of each month: its payments planned
    in the year less the bookings of the year against it, not below zero and (after a
    Storno of an earlier year's payment) not above what it plans in the year."""
    planned = commitment.amount_in_year(year)
    result: list[Money] = []
    booked = ZERO
    for month in months:
        booked += booked_by_month[month.month - 1]
        binds = commitment.binds_at(_month_end(month, stand))
        result.append(min(planned, max(ZERO, planned - booked)) if binds else ZERO)
    return result


def position(
    ledger: Ledger, year: int, stand: date, *, pace_threshold: Decimal = PACE_THRESHOLD_POINTS
) -> YearPosition:
    """The ledger of `year` as it stands at the end of `stand`."""
    months = months_until(year, stand)
    if not months:
        raise ValueError(f"Der Stand {stand:%d.%m.%Y} liegt vor dem Jahr {year}.")
    known_lines = {line.id for line in ledger.lines}
    commitments = {c.id: c for c in ledger.commitments}
    actual: dict[str, list[Money]] = defaultdict(lambda: [ZERO] * 12)
    against: dict[str, list[Money]] = defaultdict(lambda: [ZERO] * 12)
    unmapped: dict[tuple[str, str | None], list[Money]] = {}
    findings: list[Finding] = []
    for booking in ledger.bookings:
        if booking.day.year != year or booking.day > stand:
            continue
        index = booking.day.month - 1
        line = ledger.line_of_booking(booking)
        if booking.commitment is not None:
            commitment = commitments.get(booking.commitment)
            if commitment is None:
                findings.append(
                    _finding(
                        "vollzug.bindung_unbekannt",
                        Severity.WARNING,
                        booking.id,
                        f"Die Buchung {booking.id} nennt die Bindung {booking.commitment}, die es "
                        "nicht gibt; sie zählt als Ist ohne Bindung.",
                    )
                )
            else:
                against[commitment.id][index] += booking.amount
                if line is not None and line != commitment.line:
                    findings.append(
                        _finding(
                            "vollzug.bindung_andere_zeile",
                            Severity.WARNING,
                            booking.id,
                            f"Die Buchung {booking.id} ist über ihr Konto der Zeile „{line}“ "
                            f"zugeordnet, ihre Bindung {commitment.id} aber der Zeile "
                            f"„{commitment.line}“.",
                        )
                    )
        if line is None or line not in known_lines:
            key = (booking.account, booking.cost_center)
            bucket = unmapped.setdefault(key, [ZERO, ZERO])
            bucket[0] += 1
            bucket[1] += booking.amount
            continue
        actual[line][index] += booking.amount

    open_by_line: dict[str, list[Money]] = defaultdict(lambda: [ZERO] * len(months))
    for commitment in ledger.commitments:
        if commitment.amount_in_year(year) == ZERO:
            continue
        if commitment.line not in known_lines:
            findings.append(
                _finding(
                    "vollzug.bindung_ohne_zeile",
                    Severity.ERROR,
                    commitment.id,
                    f"Die Bindung {commitment.id} nennt die Planzeile „{commitment.line}“, "
                    "die es nicht gibt.",
                )
            )
            continue
        amounts = open_amounts(
            commitment, year, against.get(commitment.id, [ZERO] * 12), months, stand
        )
        target = open_by_line[commitment.line]
        for i, value in enumerate(amounts):
            target[i] += value

    profiles = history_profiles(ledger, range(year - 3, year))
    line_positions: list[LinePosition] = []
    for entry in ledger.lines:
        cumulative = ZERO
        rows: list[MonthPosition] = []
        for i, month in enumerate(months):
            cumulative += actual[entry.id][month.month - 1]
            plan = ledger.plan_of(year, entry.id, _month_end(month, stand))
            opened = open_by_line[entry.id][i]
            rows.append(MonthPosition(month, plan, cumulative, opened, plan - cumulative - opened))
        profile, used = profiles.get(entry.id, ([], ()))
        usual = profile[months[-1].month - 1] * 100 if profile else None
        line_positions.append(
            LinePosition(
                entry.id,
                entry.name,
                entry.fund,
                tuple(rows),
                _pace(rows[-1].spent_share, usual, pace_threshold),
                usual,
                used,
            )
        )

    for (account, cost_center), (count, amount) in sorted(
        unmapped.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        where = account if cost_center is None else f"{account} / {cost_center}"
        findings.append(
            _finding(
                "vollzug.konto_ohne_zeile",
                Severity.ERROR,
                where,
                f"Das Konto {where} ist keiner Planzeile zugeordnet: {int(count)} Buchung(en) über "
                f"{eur(amount)} zählen in keiner Zeile. Bitte die Kontenzuordnung ergänzen.",
                computed=amount,
            )
        )
    totals = tuple(
        MonthPosition(
            month,
            sum((p.months[i].plan for p in line_positions), ZERO),
            sum((p.months[i].actual for p in line_positions), ZERO),
            sum((p.months[i].open for p in line_positions), ZERO),
            sum((p.months[i].free for p in line_positions), ZERO),
        )
        for i, month in enumerate(months)
    )
    return YearPosition(
        year,
        stand,
        tuple(line_positions),
        totals,
        _funds(ledger, year, stand, line_positions),
        tuple(
            UnmappedAccount(a, c, int(n), amount)
            for (a, c), (n, amount) in sorted(unmapped.items(), key=lambda kv: kv[0][0])
        ),
        tuple(findings),
    )


def _pace(share: Decimal | None, usual: Decimal | None, threshold: Decimal) -> Pace:
    if share is None or usual is None:
        return Pace.UNKNOWN
    if share - usual > threshold:
        return Pace.AHEAD
    if usual - share > threshold:
        return Pace.BEHIND
    return Pace.USUAL


def _funds(
    ledger: Ledger, year: int, stand: date, lines: list[LinePosition]
) -> tuple[FundPosition, ...]:
    result: list[FundPosition] = []
    for fund in Fund:
        members = [p for p in lines if p.fund is fund]
        entries = [e for e in ledger.funds if e.fund is fund and e.day.year == year]
        if not members and not entries:
            continue
        result.append(
            FundPosition(
                fund,
                sum((e.effect for e in entries if e.day <= stand), ZERO),
                sum((p.current.plan for p in members), ZERO),
                sum((p.current.actual for p in members), ZERO),
                sum((p.current.open for p in members), ZERO),
            )
        )
    return tuple(result)


def _finding(
    rule: str, severity: Severity, row: str, message: str, computed: Money | None = None
) -> Finding:
    return Finding(rule, severity, Location("Vollzug", row), message, computed=computed)


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a new commitment may exceed its line's free amount with only a warning:
    a share of the line's plan and/or an absolute amount; where both are set the smaller
    limit applies (as in SAP's tolerance profiles). Beyond it the check reports an error."""

    percent: Decimal | None = None
    absolute: Money | None = None

    def limit(self, plan: Money) -> Money:
        limits = []
        if self.percent is not None:
            limits.append(plan * self.percent / 100)
        if self.absolute is not None:
            limits.append(self.absolute)
        return min(limits) if limits else ZERO


def check_availability(
    line: LinePosition,
    amount_in_year: Money,
    tolerance: Tolerance,
    commitment_id: str = "neu",
    taken: Money = ZERO,
) -> Finding | None:
    """The availability check of a new commitment: None if the line's free amount (less
    what other new commitments took before it) covers the commitment's payments in the
    year; a warning within the tolerance; an error beyond."""
    current = line.current
    free = current.free - taken
    excess = amount_in_year - free
    if excess <= ZERO:
        return None
    month = MONTH_NAMES[current.month.month - 1]
    within = excess <= tolerance.limit(current.plan)
    return Finding(
        "vollzug.verfuegbarkeit",
        Severity.WARNING if within else Severity.ERROR,
        Location("Vollzug", line.line, "frei"),
        f"Die Bindung {commitment_id} braucht im Jahr {eur(amount_in_year)}, frei sind in der "
        f"Zeile „{line.name}“ (Stand {month}) nur {eur(free)}: {eur(excess)} mehr als "
        + ("verfügbar, innerhalb der Toleranz." if within else "verfügbar, über der Toleranz."),
        printed=amount_in_year,
        computed=free,
        unit=Unit.EUR,
    )


def check_new_commitments(
    result: YearPosition, commitments: Iterable[Commitment], tolerance: Tolerance
) -> list[Finding]:
    """The availability check for several new commitments in turn: each one uses up the
    free amount of its line for the next. Lines the position does not know are skipped
    (the position reports them)."""
    used: dict[str, Money] = defaultdict(lambda: ZERO)
    known = {p.line: p for p in result.lines}
    findings: list[Finding] = []
    for commitment in commitments:
        line = known.get(commitment.line)
        amount = commitment.amount_in_year(result.year)
        if line is None or amount <= ZERO:
            continue
        finding = check_availability(line, amount, tolerance, commitment.id, used[line.line])
        if finding is not None:
            findings.append(finding)
        used[line.line] += amount
    return findings
