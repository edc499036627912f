"""Writes inside a plan version: the one compare-and-set path for every edit (an amount, a
quantity, a measure's fields, a voucher grid), measures added and removed, workbook imports.

Every edit is compare-and-set against what the user saw, under a row lock, in one
transaction, with one audit entry per changed place (German label, old → new as the screen
showed them). Values beyond amp.core.limits are refused before anything is written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.timezone import localtime
from pydantic_core import to_jsonable_python

from amp.core import limits
from amp.core.budget import Quantity, QuantityUnit
from amp.core.edit import format_path, parse_path, replace_at, set_at, value_at
from amp.core.findings import ModelPath
from amp.core.measures import Measure
from amp.core.plan import Plan as CorePlan
from amp.core.plan import PlanStatus
from amp.io.document import plan_from_document, plan_to_document
from amp.io.references import reference_problems
from amp.io.xlsx.reader import slug, unique
from amp.web.plans.models import AuditEntry, Jobcenter, Plan, PlanVersion, Status
from amp.web.plans.services import EditError, audit, audited, new_version


def seen_form(value: Any) -> Any:
    """A value as JSON, the way a form carries what the user saw (exact: decimals as text)."""
    return to_jsonable_python(value)


@dataclass(frozen=True)
class FieldEdit:
    path: ModelPath
    label: str  # the place in German, for messages and the audit log
    seen: Any  # seen_form() of the value the user started from
    new: Any  # the new value, already of the model's type
    show: Callable[[Any], str]  # a value as the screen shows it, for the audit log
    # the place in the audit log where `path`'s positions would shift: ids, as `amp diff`
    logged_as: ModelPath | None = None

    @property
    def changes(self) -> bool:
        return not same(self.new, self.seen)


def same(value: Any, seen: Any) -> bool:
    """Whether a model value is what the form saw (seen_form); amounts compare as numbers."""
    if isinstance(value, Decimal) and isinstance(seen, str):
        try:
            return value == Decimal(seen)
        except InvalidOperation:
            return False
    return seen_form(value) == seen


class EditConflicts(EditError):
    """Someone else changed some of the fields since the user loaded the form."""

    def __init__(self, current: dict[ModelPath, Any]) -> None:
        self.current = current
        super().__init__("Werte wurden inzwischen von jemand anderem geändert.")


@dataclass(frozen=True)
class Guard:
    """What must still stand at a place for the edits to apply (e.g. the measure's id)."""

    path: ModelPath
    expected: Any
    message: str


def _locked_draft(version_id: int, guards: Sequence[Guard]) -> tuple[PlanVersion, CorePlan]:
    """The version, locked until the transaction ends, and its plan; checks it may change."""
    version = PlanVersion.objects.select_for_update().get(pk=version_id)
    if version.status != Status.ENTWURF:
        raise EditError("Nur ein Entwurf kann geändert werden.")
    core = version.core_plan()
    for guard in guards:
        try:
            found = value_at(core, guard.path)
        except LookupError:
            found = None
        if found != guard.expected:
            raise EditError(guard.message)
    return version, core


def _store(version: PlanVersion, plan: CorePlan) -> None:
    version.document = plan_to_document(plan)
    version.save(update_fields=["document"])


@transaction.atomic
def apply_edits(
    version_id: int, user: Any, edits: Sequence[FieldEdit], guards: Sequence[Guard] = ()
) -> int:
    """Write every changed field, or none: raises EditConflicts or EditError. Returns the count."""
    version, core = _locked_draft(version_id, guards)
    changed = [edit for edit in edits if edit.changes]
    current: dict[ModelPath, Any] = {}
    for edit in changed:
        try:
            current[edit.path] = value_at(core, edit.path)
        except LookupError:
            raise EditError(f"{edit.label}: diese Stelle gibt es nicht (mehr).") from None
    conflicts = {
        e.path: current[e.path]
        for e in changed
        if not same(current[e.path], e.seen) and not _unreadable_seen_empty(e, current[e.path])
    }
    if conflicts:
        raise EditConflicts(conflicts)
    beyond = [
        f"{edit.label}: {problem}"
        for edit in changed
        for _path, problem in limits.value_limit_problems(edit.new, edit.path)
    ]
    if beyond:
        raise EditError(f"{'; '.join(beyond)}. Nichts wurde gespeichert.")
    result = core
    for edit in changed:
        result = set_at(result, edit.path, edit.new)
    problems = reference_problems(result)
    if problems:
        raise EditError("; ".join(message for _path, message in problems))
    if not changed:
        return 0
    _store(version, result)
    for edit in changed:
        old, new = edit.show(current[edit.path]), edit.show(edit.new)
        audit(user, version, format_path(edit.logged_as or edit.path), old, new, label=edit.label)
    return len(changed)


def _unreadable_seen_empty(edit: FieldEdit, current: Any) -> bool:
    """A stored value beyond the limits is shown empty (amp.core.limit_findings): whoever
    saw it empty may overwrite it."""
    return edit.seen is None and bool(limits.value_limit_problems(current, edit.path))


def set_value(
    version_id: int, user: Any, path: ModelPath, seen: Any, new: Any, label: str = ""
) -> int:
    """One value by compare-and-set: `seen` and `new` are model values (a Decimal amount, a
    Quantity, or None for an empty cell); the audit log keeps them as `services.audited`."""
    edit = FieldEdit(path, label, seen_form(seen), new, audited)
    return apply_edits(version_id, user, [edit])


# ---------------------------------------------------------------- measures: add, remove


def _measures_path(table: int) -> ModelPath:
    return ("measure_tables", table, "measures")


@transaction.atomic
def add_measure(
    version_id: int, user: Any, table: int, table_id: str, measure: Measure, label: str
) -> str:
    """Append `measure` to a table under an id of its own (made unique); returns the id."""
    moved = f"{label}: die Tabelle gibt es so nicht mehr. Nichts wurde gespeichert."
    version, core = _locked_draft(
        version_id, [Guard(("measure_tables", table, "id"), table_id, moved)]
    )
    beyond = limits.value_limit_problems(measure, ("measure_tables", table, "measures", 0))
    if beyond:
        problems = "; ".join(f"{format_path(path[4:])}: {problem}" for path, problem in beyond)
        raise EditError(f"{label}: {problems}. Nichts wurde gespeichert.")
    taken = set(core.measures())
    ident = unique(slug(measure.name)[: limits.MAX_ID - 4], taken)
    added = dataclasses.replace(measure, id=ident)
    path = _measures_path(table)
    result = replace_at(core, path, lambda measures: (*measures, added))
    _store(version, result)
    logged = ("measure_tables", table_id, "measures", ident)
    audit(user, version, format_path(logged), None, "neu", label=label)
    return ident


def where_used(core: CorePlan, path: ModelPath) -> str:
    """A reference's place in German: the budget line, pathway or measure table it stands in."""
    if path[:2] == ("budget", "groups") and len(path) > 4:
        line = core.budget.groups[int(path[2])].lines[int(path[4])]
        return f"Finanzplanung, Zeile „{line.name}“"
    if path[:1] == ("pathways",):
        return f"Förderkette „{core.pathways[int(path[1])].name}“"
    if path[:1] == ("claims",):
        return f"Aussage in „{core.claims[int(path[1])].section}“"
    if path[:1] == ("measure_tables",):
        return f"Maßnahmentabelle „{core.measure_tables[int(path[1])].title}“"
    return format_path(path)


@transaction.atomic
def remove_measure(
    version_id: int, user: Any, table: int, index: int, measure_id: str, label: str
) -> None:
    """Remove a measure that nothing refers to any more (budget lines, pathways, successors)."""
    gone = f"{label}: die Maßnahme gibt es so nicht mehr. Nichts wurde gespeichert."
    path = (*_measures_path(table), index)
    version, core = _locked_draft(version_id, [Guard((*path, "id"), measure_id, gone)])
    result = replace_at(
        core, _measures_path(table), lambda ms: tuple(m for i, m in enumerate(ms) if i != index)
    )
    before = set(reference_problems(core))
    problems = [p for p in reference_problems(result) if p not in before]
    if problems:
        places = "; ".join(sorted({where_used(result, p) for p, _message in problems}))
        raise EditError(
            f"{label}: kann nicht entfernt werden, sie wird noch verwendet ({places}). "
            "Nichts wurde gespeichert."
        )
    _store(version, result)
    logged = ("measure_tables", value_at(core, (*path[:2], "id")), "measures", measure_id)
    audit(
        user, version, format_path(logged), value_at(core, (*path, "name")), "entfernt", label=label
    )


# ---------------------------------------------------------------- workbook imports


def _as_draft(document: dict[str, Any]) -> CorePlan:
    return dataclasses.replace(plan_from_document(document), status=PlanStatus.ENTWURF)


def _other_jobcenter(core: CorePlan, jobcenter: Jobcenter) -> str | None:
    if core.jobcenter.id == jobcenter.code:
        return None
    return (
        f"Die Arbeitsmappe gehört zum Jobcenter mit der Kennung „{core.jobcenter.id}“, "
        f"nicht zu {jobcenter.name} („{jobcenter.code}“); bitte in den Stammdaten die "
        "Jobcenter-Kennung prüfen."
    )


def belongs_to(core: CorePlan, plan: Plan) -> str | None:
    """None when the imported plan is one of `plan`'s versions, else why not (German)."""
    other = _other_jobcenter(core, plan.jobcenter)
    if other:
        return other
    if core.year != plan.year:
        return f"Die Arbeitsmappe ist für {core.year}, dieser Plan für {plan.year} (Planjahr)."
    return None


@transaction.atomic
def import_as_version(
    version_id: int, user: Any, document: dict[str, Any], name: str
) -> PlanVersion:
    """A new draft of the plan of `version_id` from an imported workbook's plan document."""
    parent = PlanVersion.objects.select_for_update().get(pk=version_id)
    core = _as_draft(document)
    problem = belongs_to(core, parent.plan)
    if problem:
        raise EditError(problem)
    created = new_version(parent.plan, core, user, parent=parent, label=core.version.label)
    note = f"importiert aus der Arbeitsmappe {name} (Vergleich mit Version {parent.number})"
    audit(user, created, "", None, note, label="Import")
    return created


def new_plan_problem(core: CorePlan, jobcenter: Jobcenter) -> str | None:
    """None when the imported plan can become a new plan of `jobcenter`, else why not."""
    other = _other_jobcenter(core, jobcenter)
    if other:
        return other
    if Plan.objects.filter(jobcenter=jobcenter, year=core.year).exists():
        return (
            f"Für {core.year} gibt es schon einen Plan von {jobcenter.name}; die Arbeitsmappe "
            "bitte dort als neuen Stand importieren."
        )
    return None


@transaction.atomic
def import_as_plan(
    jobcenter_id: int, user: Any, document: dict[str, Any], name: str
) -> PlanVersion:
    """A new plan (version 1, a draft) of the Jobcenter from an imported workbook."""
    jobcenter = Jobcenter.objects.select_for_update().get(pk=jobcenter_id)
    core = _as_draft(document)
    problem = new_plan_problem(core, jobcenter)
    if problem:
        raise EditError(problem)
    plan = Plan.objects.create(jobcenter=jobcenter, year=core.year)
    created = new_version(plan, core, user, parent=None, label=core.version.label)
    audit(user, created, "", None, f"neuer Plan aus der Arbeitsmappe {name}", label="Import")
    return created


# ---------------------------------------------------------------- Verlauf: take one change back

REVERTIBLE = re.compile(
    r"^budget\.groups\[\d+\]\.lines\[\d+\]\."
    r"(amounts\.(plan_prev|forecast_prev|commitments|plan)|quantity)$"
)


def revertible(entry: AuditEntry) -> bool:
    """An amount or a quantity of a budget line, written by a web edit or a scenario."""
    return bool(entry.version_id and REVERTIBLE.match(entry.path or ""))


def _model_value(path: ModelPath, stored: Any) -> Any:
    """A value as `audited` stored it, back as the model's type (Decimal, Quantity, None)."""
    if stored is None:
        return None
    if path[-1] == "quantity":
        unit = stored.get("unit")
        return Quantity(
            value=stored.get("value"),
            unit=QuantityUnit(unit) if unit else None,
            approximate=bool(stored.get("approximate")),
            open=bool(stored.get("open")),
        )
    return Decimal(str(stored))


def revert_entry(version_id: int, user: Any, entry: AuditEntry, place: str) -> None:
    """Take back one change as a new, audited edit, by compare-and-set: only while the
    place still holds what the change wrote; raises EditConflicts or EditError otherwise."""
    if entry.version_id != version_id or not revertible(entry):
        raise EditError("Diese Änderung lässt sich hier nicht zurücknehmen.")
    path = parse_path(entry.path)
    wrote, before = _model_value(path, entry.new), _model_value(path, entry.old)
    with transaction.atomic():
        edit = FieldEdit(path, place, seen_form(wrote), before, audited)
        if not apply_edits(version_id, user, [edit]):
            raise EditError(f"{place}: steht schon auf dem Wert vor der Änderung.")
        version = PlanVersion.objects.get(pk=version_id)
        when = localtime(entry.at).strftime("%d.%m.%Y %H:%M:%S")
        audit(user, version, "", None, f"Änderung vom {when} zurückgenommen: {place}")
