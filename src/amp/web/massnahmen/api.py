"""The measures in the JSON API (the endpoints themselves are in amp.web.plans.api, the one
API): occupancy, tender calendar and vouchers in the shapes of `amp massnahmen … --format
json`; free places for every role that reads them."""

from __future__ import annotations

from typing import Any

from amp.core.money import round_half_up
from amp.core.occupancy import occupancy, tender_calendar, voucher_status
from amp.core.occupancy.occupancy import YearOccupancy
from amp.core.occupancy.tenders import TENDER_STATUS_LABELS
from amp.core.periods import Month
from amp.io.occupancy.planning import voucher_goals
from amp.web.massnahmen import presenters, selectors
from amp.web.plans.selectors import AnyUser


def _text(value: Any) -> str | None:
    return None if value is None else str(round_half_up(value))


def measures_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    access = selectors.access(user, code, year)
    ctx = selectors.context(access)
    on = selectors.stand(ctx.data, year)
    names = presenters.names(ctx)
    table = occupancy(ctx.data.contracts, ctx.data.events, Month(year, 1), Month.of(on))
    free = selectors.free_places(access.jobcenter, on)
    return {
        "jobcenter": access.jobcenter.code,
        "jahr": year,
        "stand": on.isoformat(),
        "synthetisch": ctx.data.synthetic,
        "belegung": [
            {
                "massnahme": m,
                "name": names.get(m, m),
                "auslastung": _text(y.occupancy),
                "durchschnittsbestand": _text(y.average_stock),
                "eintritte": y.entries,
                "nichtantrittsquote": _text(y.no_show_rate),
                "abbruchquote": _text(y.dropout_rate),
                "kosten": str(y.cost),
                "frei": free[m].free if m in free else None,
            }
            for m, y in ((m, YearOccupancy(m, rows)) for m, rows in table.items())
        ],
        "ausschreibungen": [
            {
                "datum": i.due.isoformat(),
                "vertrag": i.contract.id,
                "massnahme": i.contract.measure,
                "stand": TENDER_STATUS_LABELS[i.status],
                "warnung": i.alert,
                "text": i.text,
            }
            for i in tender_calendar(ctx.data.contracts, year, on)
        ],
        "gutscheine": [
            {
                "art": r.goal.kind.value,
                "ziel": r.goal.goal,
                "geplant": r.year.planned,
                "ausgegeben": r.year.issued,
                "eingeloest": r.year.redeemed,
                "einloesequote": _text(r.year.redemption_rate),
            }
            for r in voucher_status(voucher_goals(ctx.plan), ctx.data.vouchers, year, on)
        ],
    }


def free_places_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    access = selectors.access(user, code, year, free_places_only=True)
    data = selectors.measure_data(access.jobcenter)
    on = selectors.stand(data, year)
    places = selectors.free_places(access.jobcenter, on)
    return {
        "jobcenter": access.jobcenter.code,
        "stand": on.isoformat(),
        "plaetze": {
            m: {"plaetze": f.places, "besetzt": f.occupied, "frei": f.free}
            for m, f in places.items()
        },
    }
