"""What the offer screens read and who may see it.

Every member of a Jobcenter reads its offers, Förderketten and gaps from the published plan
(Planung, Leitung and Administration fall back to the newest draft while nothing is
published). The finder – casework about one person – is for every role but the Beirat.
Anyone else gets 404: the Jobcenter's existence stays hidden.

Free places: `place_availability` is the one place that decides where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.http import Http404

from amp.core.offers import Catalogue, PlaceAvailability
from amp.core.offers.places import with_occupancy
from amp.io.offers import finder_day, plan_catalogue, planned_places
from amp.web.angebote.models import OfferAudit
from amp.web.plans.derived import derived
from amp.web.plans.models import PUBLISHED, Jobcenter, Membership, PlanVersion, Role
from amp.web.plans.selectors import AnyUser, visible_versions

# casework on one person: not the Beirat's task (it reads catalogue, chains and gaps)
FINDER_ROLES = (Role.ADMIN, Role.PLANUNG, Role.LEITUNG, Role.INTEGRATION, Role.FALLMANAGEMENT)


@dataclass(frozen=True)
class Access:
    jobcenter: Jobcenter
    role: str
    version: PlanVersion

    @property
    def can_search(self) -> bool:
        return self.role in FINDER_ROLES

    @property
    def reads_audit(self) -> bool:
        """Who answers a person's request for information (Auskunft) about searches."""
        return self.role == Role.ADMIN


def today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def _best(versions: list[PlanVersion], year: int) -> PlanVersion | None:
    published = [v for v in versions if v.status in PUBLISHED]
    pool = published or versions
    if not pool:
        return None
    same_year = [v for v in pool if v.plan.year == year]
    return max(same_year or pool, key=lambda v: (v.plan.year, v.number))


def access(user: AnyUser, code: str) -> Access:
    if not user.is_authenticated:
        raise Http404("Diese Angebote gibt es nicht.")
    membership = (
        Membership.objects.filter(user=user, jobcenter__code=code)
        .select_related("jobcenter")
        .first()
    )
    if membership is None:
        raise Http404("Diese Angebote gibt es nicht.")
    # the documents stay in the database until the catalogue needs one (derived, cached)
    visible = visible_versions(user).filter(plan__jobcenter=membership.jobcenter)
    versions = list(visible.defer("document"))
    version = _best(versions, today().year)
    if version is None:
        raise Http404("Für dieses Jobcenter gibt es noch keinen Plan.")
    return Access(membership.jobcenter, membership.role, version)


def audit_entries(access: Access, pseudonym: str) -> list[OfferAudit]:
    entries = OfferAudit.objects.filter(jobcenter=access.jobcenter).select_related("user")
    if pseudonym:
        entries = entries.filter(pseudonym=pseudonym)
    return list(entries.order_by("-at", "-id")[:500])


def role(user: AnyUser, jobcenter: Jobcenter) -> str | None:
    membership = Membership.objects.filter(user=user, jobcenter=jobcenter).first()
    return membership.role if membership else None


def jobcenters(user: AnyUser) -> list[Jobcenter]:
    if not user.is_authenticated:
        return []
    return list(Jobcenter.objects.filter(memberships__user=user).distinct().order_by("name"))


def catalogue(version: PlanVersion) -> Catalogue:
    return plan_catalogue(derived(version).plan)


def default_day(version: PlanVersion) -> date:
    return finder_day(version.plan.year, today())


def current_version(jobcenter: Jobcenter, year: int) -> PlanVersion | None:
    """The version offers are read from: the published one of `year`, else the newest."""
    found = PlanVersion.objects.filter(plan__jobcenter=jobcenter).select_related("plan")
    return _best(list(found.defer("document")), year)


def place_availability(jobcenter: Jobcenter, on: date) -> dict[str, PlaceAvailability]:
    """Places and free places per offer id on `on`: the one choice of their source.

    A measure with a contract running on `on` takes its places and free places from the
    occupancy of measure controlling (contracted places − participants − open
    Zuweisungen, with the Stand of the imported flows). Every other offer keeps the plan's
    places with the tables' Stand, free places unknown ("Plan"). The published plan of
    `on`'s year counts, else the newest published one.
    """
    from amp.web.massnahmen.selectors import free_places

    version = current_version(jobcenter, on.year)
    if version is None:
        return {}
    offers = catalogue(version)
    return with_occupancy(offers, planned_places(offers), free_places(jobcenter, on))
