"""What a version's screens derive from its plan document, computed once per document.

Checking a plan and building its tables costs about as much as rendering the whole page,
and a document changes far less often than it is read. Results are kept per process, keyed
by a digest of the document itself, so an edit (a new document) can never be served stale
results and no invalidation is needed.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from amp.core.checks import check_plan
from amp.core.findings import Finding
from amp.core.limit_findings import limit_findings
from amp.core.plan import Plan as CorePlan
from amp.reports.tables import TableView, all_tables, overview
from amp.rules.legal_facts import legal_facts
from amp.web.plans.models import PlanVersion

KEPT = 64  # documents per process; the example's results take well under 1 MB


@dataclass(frozen=True)
class Derived:
    plan: CorePlan
    findings: tuple[Finding, ...]
    overview: TableView
    tables: tuple[TableView, ...]


_kept: OrderedDict[str, Derived] = OrderedDict()
_lock = threading.Lock()


def document_digest(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _compute(version: PlanVersion) -> Derived:
    """The plan as stored; values beyond amp's limits become error findings and are left
    out of everything computed (see amp.core.limit_findings)."""
    core, beyond = limit_findings(version.core_plan())
    return Derived(
        plan=core,
        findings=(*beyond, *check_plan(core, legal_facts(core.year))),
        overview=overview(core),
        tables=tuple(all_tables(core)),
    )


def derived(version: PlanVersion) -> Derived:
    """The checked plan, its findings and tables; shared read-only between requests."""
    key = document_digest(version.document)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    computed = _compute(version)  # outside the lock: two first readers may both compute
    with _lock:
        _kept[key] = computed
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return computed
