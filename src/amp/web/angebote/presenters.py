"""What the offer screens show: matches with their reasons, the catalogue, the chains as
an SVG diagram with the same content as a list, and the gap report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from amp.core import formatting
from amp.core.offers import (
    Catalogue,
    ChainFinding,
    ChainProblem,
    Match,
    PlaceAvailability,
    ReasonKind,
    stage_items,
)
from amp.core.offers.chains import StageItem
from amp.core.offers.finder import ChainPosition, Fit
from amp.core.offers.model import OFFER_KIND_LABELS
from amp.core.pathways import Pathway
from amp.reports.offers import (
    FIT_LABELS,
    chain_text,
    hours_text,
    places_text,
    start_text,
    where_text,
)
from amp.web.angebote.selectors import Access
from amp.web.plans.models import Role

FIT_CSS = {Fit.PASST: "fit-ok", Fit.PRUEFEN: "fit-check", Fit.PASST_NICHT: "fit-no"}
STATE_LABELS = {
    "aktiv": "läuft",
    "noch nicht": "beginnt später",
    "abgelaufen": "laut Kette beendet",
    "beendet": "beendet",
    "unbekannt": "Angebot fehlt im Katalog",
    "extern": "Angebot Dritter",
}


def page(access: Access, active: str, on: date) -> dict[str, Any]:
    code = access.jobcenter.code
    tabs = [
        ("finder", "Angebot finden", reverse("angebote:finder", args=[code]), True),
        ("katalog", "Katalog", reverse("angebote:catalogue", args=[code]), False),
        ("ketten", "Förderketten", reverse("angebote:chains", args=[code]), False),
        ("luecken", "Lücken", reverse("angebote:gaps", args=[code]), False),
    ]
    if access.reads_audit:
        tabs.append(("protokoll", "Protokoll", reverse("angebote:audit", args=[code]), False))
    return {
        "access": access,
        "jobcenter": access.jobcenter,
        "version": access.version,
        "role": Role(access.role).label,
        "on": on,
        "on_text": formatting.day(on),
        "nav": [
            {"label": label, "url": url, "current": key == active}
            for key, label, url, search_only in tabs
            if access.can_search or not search_only
        ],
    }


def _reason(r: Any) -> dict[str, str]:
    return {"text": r.text, "reference": r.reference or ""}


def matches(found: Sequence[Match], catalogue: Catalogue, on: date) -> list[dict[str, Any]]:
    rows = []
    for m in found:
        o = m.offer
        rows.append(
            {
                "id": o.id,
                "name": o.name,
                "kind": OFFER_KIND_LABELS[o.kind],
                "fit": FIT_LABELS[m.fit],
                "fit_css": FIT_CSS[m.fit],
                "places": places_text(m.availability, o.unlimited),
                "free": m.free,
                "start": start_text(o, m.next_start, on),
                "where": where_text(o, catalogue),
                "hours": hours_text(o),
                "duration": o.duration or "",
                "provider": o.provider or "",
                "legal_basis": o.legal_basis or "",
                "description": o.description or o.audience or "",
                "met": [_reason(r) for r in m.reasons if r.kind is ReasonKind.MET],
                "missing": [_reason(r) for r in m.reasons if r.kind is ReasonKind.MISSING],
                "open": [
                    _reason(r) for r in m.reasons if r.kind in (ReasonKind.UNKNOWN, ReasonKind.NEED)
                ],
                "chain": [chain_text(p) for p in m.chain],
            }
        )
    return rows


def positions(found: Sequence[ChainPosition]) -> list[str]:
    return [chain_text(p) for p in found]


def catalogue_rows(
    catalogue: Catalogue, offers: Sequence[Any], places: Mapping[str, PlaceAvailability], on: date
) -> list[dict[str, Any]]:
    return [
        {
            "id": o.id,
            "name": o.name,
            "kind": OFFER_KIND_LABELS[o.kind],
            "legal_basis": o.legal_basis or "",
            "provider": o.provider or "",
            "where": where_text(o, catalogue),
            "places": places_text(places.get(o.id), o.unlimited),
            "start": start_text(o, o.next_start(on), on),
            "period": " bis ".join(
                x for x in (formatting.day(o.valid_from), formatting.day(o.valid_until)) if x
            ),
            "until": formatting.day(o.valid_until),
        }
        for o in offers
    ]


def _stage_status(findings: Sequence[ChainFinding], stage_id: str) -> tuple[str, str]:
    """The stage's worst finding as a word and a css class; "" when all is well."""
    kinds = {f.kind for f in findings if f.stage_id == stage_id}
    for kind, word, css in (
        (ChainProblem.GAP, "Lücke", "gap"),
        (ChainProblem.UNKNOWN_OFFER, "fehlendes Angebot", "gap"),
        (ChainProblem.ENDED_OFFER, "beendetes Angebot", "gap"),
        (ChainProblem.UNCLEAR, "Plätze ungeklärt", "unclear"),
    ):
        if kind in kinds:
            return word, css
    return "Platz vorhanden", "ok"


def chain_svg(pathway: Pathway, stages: Sequence[dict[str, Any]]) -> str:
    """The chain top to bottom: one box per stage with its status in words, arrows between.

    A picture of the list beside it (role img, title and description); the status is
    written, and a gap is drawn dashed, never told by colour alone.
    """
    width, box, step = 560, 60, 92
    height = step * len(stages) - (step - box) + 8
    title_id, desc_id = f"kette-{pathway.id}-titel", f"kette-{pathway.id}-beschreibung"
    desc = "; ".join(f"Stufe {s['number']}: {s['name']} ({s['status']})" for s in stages)
    parts = [
        f'<svg class="chain-diagram" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(pathway.name)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    for i, s in enumerate(stages):
        y = 4 + i * step
        dash = ' stroke-dasharray="8 5"' if s["css"] == "gap" else ""
        fill = {"gap": "#fdecea", "unclear": "#fff8e1", "ok": "#e8f5e9"}[s["css"]]
        parts.append(
            f'<rect x="4" y="{y}" width="{width - 8}" height="{box}" rx="6" fill="{fill}" '
            f'stroke="#1a1a1a" stroke-width="2"{dash}/>'
        )
        parts.append(
            f'<text x="20" y="{y + 25}" font-size="16" font-weight="bold" fill="#1a1a1a">'
            f"{s['number']}. {escape(s['name'])}</text>"
        )
        parts.append(
            f'<text x="20" y="{y + 47}" font-size="14" fill="#1a1a1a">{escape(s["summary"])}</text>'
        )
        if i + 1 < len(stages):
            x, top, bottom = width // 2, y + box, y + step
            parts.append(
                f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom - 8}" stroke="#1a1a1a" '
                'stroke-width="2"/>'
            )
            parts.append(
                f'<polygon points="{x - 6},{bottom - 10} {x + 6},{bottom - 10} {x},{bottom - 1}" '
                'fill="#1a1a1a"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _item_places(catalogue: Catalogue, item: StageItem) -> str:
    offer = catalogue.get(item.offer_id) if item.offer_id else None
    return places_text(item.availability, offer.unlimited) if offer else ""


def _dated(item: StageItem) -> str:
    parts = []
    if item.valid_from:
        parts.append(f"ab {formatting.day(item.valid_from)}")
    if item.valid_until:
        parts.append(f"bis {formatting.day(item.valid_until)}")
    return " ".join(parts)


def chains(
    catalogue: Catalogue,
    places: Mapping[str, PlaceAvailability],
    findings: Sequence[ChainFinding],
    on: date,
) -> list[dict[str, Any]]:
    result = []
    for pathway in catalogue.pathways:
        mine = [f for f in findings if f.pathway_id == pathway.id]
        stages = []
        for n, stage in enumerate(pathway.stages, start=1):
            items = stage_items(catalogue, pathway.id, stage.id, places, on)
            status, css = _stage_status(mine, stage.id)
            active = sum(it.state == "aktiv" for it in items)
            stages.append(
                {
                    "id": stage.id,
                    "number": n,
                    "name": stage.name,
                    "status": status,
                    "css": css,
                    "summary": f"{active} von {len(items)} Angeboten laufen – {status}",
                    "items": [
                        {
                            "name": it.name,
                            "state": STATE_LABELS[it.state],
                            "places": _item_places(catalogue, it),
                            "dated": _dated(it),
                        }
                        for it in items
                    ],
                }
            )
        result.append(
            {
                "id": pathway.id,
                "name": pathway.name,
                "audience": pathway.audience,
                "stages": stages,
                "svg": chain_svg(pathway, stages),
                "accompanying": [a.name for a in pathway.accompanying],
            }
        )
    return result


def gaps(findings: Sequence[ChainFinding]) -> list[dict[str, Any]]:
    order = {
        ChainProblem.GAP: 0,
        ChainProblem.UNKNOWN_OFFER: 1,
        ChainProblem.ENDED_OFFER: 2,
        ChainProblem.UNCLEAR: 3,
    }
    return [
        {
            "kind": f.kind.value,
            "serious": f.kind is not ChainProblem.UNCLEAR,
            "pathway": f.pathway_name,
            "stage": f.stage_name,
            "message": f.message,
        }
        for f in sorted(findings, key=lambda f: order[f.kind])
    ]


def _attrs(pairs: Mapping[str, str | None]) -> str:
    return "".join(
        f' {key}="{escape(value)}"' if value != "" else f" {key}"
        for key, value in pairs.items()
        if value is not None
    )


def field_html(bound: Any) -> SafeString:
    """One field of the finder as label, control and error: the markup of plans/_field.html
    written directly (the form has twenty fields; Django's widget templates would render
    every select option as its own template)."""
    field, name = bound.field, bound.html_name
    ident = bound.auto_id
    errors = list(bound.errors)
    error_id = f"{ident}-fehler"
    common = {
        "name": name,
        "id": ident,
        "aria-invalid": "true" if errors else None,
        "aria-describedby": error_id if errors else None,
    }
    value = bound.value()
    label = f'<label for="{ident}">{escape(str(field.label))}</label>'
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        control = (
            f"<input{_attrs({'type': 'checkbox', **common, 'checked': '' if value else None})}>"
        )
        body = f"{control} {label}"
    elif isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(str(v))}"{" selected" if str(v) == chosen else ""}>'
            f"{escape(str(text))}</option>"
            for v, text in field.choices
        )
        body = f"{label} <select{_attrs(common)}>{options}</select>"
    else:
        kind = "number" if isinstance(widget, forms.NumberInput) else "text"
        extra = {k: str(v) for k, v in widget.attrs.items() if k != "aria-describedby"}
        text = "" if value is None else str(value)
        body = f"{label} <input{_attrs({'type': kind, **common, **extra, 'value': text})}>"
    shown = "".join(f'<p class="field-error" id="{error_id}">{escape(e)}</p>' for e in errors)
    css = "field invalid" if errors else "field"
    return mark_safe(f'<div class="{css}">{body}{shown}</div>')


def form_fields(form: Any) -> dict[str, SafeString]:
    return {name: field_html(form[name]) for name in form.fields if name != "voraussetzungen"}
