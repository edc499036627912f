"""What every screen of one plan version shares: header, role, the navigation between screens."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from amp.core.findings import Finding, ModelPath
from amp.web.plans import selectors
from amp.web.plans.models import PlanVersion, Role
from amp.web.plans.presenters.shown import shown_finding

# (key, label, URL name, needs the right to branch); screens whose URL name is not (yet)
# defined are left out, so the Maßnahmen and Gutscheine screens appear once they exist
SCREENS: tuple[tuple[str, str, str, bool], ...] = (
    ("overview", "Überblick", "plans:version", False),
    ("budget", "Budget", "plans:budget", False),
    ("measures", "Maßnahmen", "plans:measures", False),
    ("vouchers", "Gutscheine", "plans:vouchers", False),
    ("tables", "Tabellen", "plans:tables", False),
    ("chapters", "Kapitel", "plans:chapters", False),
    ("versions", "Stände und Vergleich", "plans:versions", False),
    ("scenario", "Szenario", "plans:scenario", True),
    ("history", "Verlauf", "plans:history", False),
)

# where the report tables page shows a part of the plan (anchor of its table)
TABLE_ANCHORS = {
    "funding": "t-mittelausstattung",
    "municipal_services": "t-kommunal",
    "training_vouchers": "t-bildungsziele",
    "avgs": "t-avgs",
    "targets": "t-ziele",
    "claims": "t-aussagen",
}


def optional_url(name: str, pk: int) -> str | None:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def version_nav(version: PlanVersion, role: str, active: str) -> list[dict[str, Any]]:
    items = []
    for key, label, url_name, needs_branch in SCREENS:
        allowed = selectors.can_preview_scenario if key == "scenario" else selectors.can_branch
        if needs_branch and not allowed(role):
            continue
        url = optional_url(url_name, version.pk)
        if url is not None:
            items.append({"key": key, "label": label, "url": url, "current": key == active})
    # the execution of the plan's year (its own screens, per Jobcenter and year)
    plan = version.plan
    items.append(
        {
            "key": "vollzug",
            "label": "Vollzug",
            "url": reverse("vollzug:overview", args=[plan.jobcenter.code, plan.year]),
            "current": False,
        }
    )
    # measures and vouchers of the plan's year (occupancy, tenders, vouchers, Bilanz)
    items.append(
        {
            "key": "massnahmen",
            "label": "Maßnahmen im Jahr",
            "url": reverse("massnahmen:overview", args=[plan.jobcenter.code, plan.year]),
            "current": False,
        }
    )
    return items


def version_page(version: PlanVersion, role: str, active: str) -> dict[str, Any]:
    """The context every version screen starts from."""
    return {
        "version": version,
        "role": Role(role).label,
        "nav": version_nav(version, role, active),
        "editable": selectors.can_edit(role, version),
        "can_approve": selectors.can_approve(role, version),
        "can_branch": selectors.can_branch(role),
    }


def finding_link(version: PlanVersion, path: ModelPath) -> str:
    """The screen (and the place on it) where the figure of a finding can be seen or fixed."""
    pk = version.pk
    head = path[0] if path else ""
    if head == "budget":
        budget = reverse("plans:budget", args=[pk])
        if len(path) >= 5 and path[1] == "groups" and path[3] == "lines":
            return f"{budget}#zeile-{path[2]}-{path[4]}"
        if len(path) >= 3 and path[1] == "groups":
            return f"{budget}#gruppe-{path[2]}"
        if len(path) >= 2 and path[1] == "balance":
            return reverse("plans:version", args=[pk]) + "#mittel"
        return f"{budget}#summen"
    if head == "target_groups":
        return reverse("plans:version", args=[pk]) + "#anteile"
    tables = reverse("plans:tables", args=[pk])
    anchor = TABLE_ANCHORS.get(str(head))
    return f"{tables}#{anchor}" if anchor else tables


def shown_findings(version: PlanVersion, findings: list[Finding]) -> list[dict[str, str]]:
    return [{**shown_finding(f), "link": finding_link(version, f.location.path)} for f in findings]
