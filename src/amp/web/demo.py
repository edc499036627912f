"""The demo: a fresh SQLite database with the example plan and four demo users.

`amp demo` calls `configure` (environment, before Django starts), `prepare` (migrations,
example, users, Kennzahlen from synthetic microdata) and then serves with Django's
development server on 127.0.0.1.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from amp.core.plan import PlanStatus

DEMO_PASSWORD = "demo"
DEMO_USERS = (
    ("admin", "admin", "Administration"),
    ("planung", "planung", "Planung"),
    ("leitung", "leitung", "Leitung"),
    ("beirat", "beirat", "Beirat"),
    ("integration", "integration", "Integrationsfachkraft"),
    ("fallmanagement", "fallmanagement", "Fallmanagement"),
)


# the operator of the installation (Betrieb): creates Jobcenters, sees no plan by this alone
DEMO_OPERATOR = ("betrieb", "Betrieb")


def configure(data_dir: Path | None = None) -> Path:
    """Point Django at a fresh SQLite file in demo mode; returns the data directory."""
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="amp-demo-"))
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    directory = data_dir
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "amp.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["AMP_DEMO"] = "1"
    os.environ["AMP_DATA_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "amp.web.settings"
    return directory


def prepare(plan_dir: Path, kpi_dir: Path | None = None, land: bool = False) -> None:
    """Migrate, load the example as a published version plus a draft (and its Vollzug, where
    the plan directory has one), create demo users;
    with `kpi_dir`, load the Kennzahlen of that microdata (marked as synthetic demo data);
    with `land`, the Land NRW with the Jobcenter EN and synthetic Jobcenters (amp.web.land.demo)
    and its read-only Land user."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.db import transaction

    from amp.web.plans import services
    from amp.web.plans.models import Membership

    if not settings.DEMO:
        raise RuntimeError("Demo-Benutzer mit Passwort 'demo' gibt es nur im Demo-Modus.")
    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        users = get_user_model()
        for username, _role, _label in DEMO_USERS:
            user = users.objects.create_user(username=username)
            user.set_password(DEMO_PASSWORD)  # weak on purpose: demo mode only
            user.save()
        operator = users.objects.create_user(username=DEMO_OPERATOR[0])
        operator.set_password(DEMO_PASSWORD)  # weak on purpose: demo mode only
        operator.save()
        operator.user_permissions.add(
            Permission.objects.get(codename="betrieb", content_type__app_label="plans")
        )
        version = services.import_plan(plan_dir)
        if version.status == PlanStatus.ENTWURF:
            version = services.approve(version.pk, None)
        services.branch(version.pk, None)
        for username, role, _label in DEMO_USERS:
            Membership.objects.create(
                user=users.objects.get(username=username),
                jobcenter=version.plan.jobcenter,
                role=role,
            )
    if (plan_dir / "vollzug" / "vollzug.yaml").is_file():
        from amp.web.vollzug.services import load_directory

        load_directory(version, plan_dir / "vollzug")  # the ledger at its Stand 31.10.2024
    if (plan_dir / "massnahmen").is_dir():
        from amp.web.massnahmen.services import load_directory as load_measures

        load_measures(version.plan.jobcenter, plan_dir / "massnahmen")  # contracts, flows
    if kpi_dir is not None:
        from amp.web.kennzahlen.demo_data import demo_label
        from amp.web.kennzahlen.loading import load

        load(kpi_dir, label=demo_label())
    if land:
        from amp.web.land import demo as land_demo

        land_demo.load(version, plan_dir, DEMO_PASSWORD, kpi=kpi_dir is not None)


def applicant_link() -> str:
    """A personal Online-Fallclearing link for a demo applicant (path with token)."""
    from django.urls import reverse

    from amp.web.fallclearing import services as clearing
    from amp.web.fallclearing.selectors import Access
    from amp.web.plans.models import Jobcenter, Role

    jobcenter = Jobcenter.objects.order_by("pk").first()
    assert jobcenter is not None
    access = Access(jobcenter, str(Role.INTEGRATION))
    [(_link, token)] = clearing.create_links(access, ["DEMO-1"], clearing.DEFAULT_DAYS, None)
    return reverse("fallclearing-public:start", args=[token])


def banner(port: int, applicant: str | None = None, land: bool = False) -> str:
    logins = ", ".join(
        f"{name} / {DEMO_PASSWORD} ({label})"
        for name, label in [*((n, label) for n, _r, label in DEMO_USERS), DEMO_OPERATOR]
    )
    if land:
        from amp.web.land.demo import LAND_USER

        logins += f", {LAND_USER[0]} / {DEMO_PASSWORD} ({LAND_USER[1]})"
    text = f"amp läuft auf http://127.0.0.1:{port} – Anmeldungen: {logins}"
    if applicant:
        text += (
            f"\nOnline-Fallclearing für eine Antragstellerin: http://127.0.0.1:{port}{applicant}"
        )
    return text + "\nBeenden mit Strg+C."


def serve(plan_dir: Path, port: int) -> None:
    configure()
    import django

    django.setup()
    from amp.web.kennzahlen.demo_data import demo_data

    prepare(plan_dir, demo_data(), land=True)
    from django.core.management import call_command

    print(banner(port, applicant_link(), land=True), flush=True)
    # stopping with SIGTERM, too, removes the temporary database (atexit)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)
