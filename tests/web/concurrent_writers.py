"""Ten planners save the same budget cell at the same moment, through the whole request path.

Run as a program (a fresh Django on the database in DATABASE_URL, e.g. an SQLite file) or
called from a test that already has a database; prints or returns how each save ended.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

from amp.example import DEMO_PLAN

WRITERS = 10


def race(writers: int = WRITERS) -> dict[str, Any]:
    """Set up a draft and `writers` planners, let them save at once; the outcome."""
    from django.contrib.auth.models import User
    from django.db import connections
    from django.test import Client

    from amp.core.edit import value_at
    from amp.web.plans import services
    from amp.web.plans.models import AuditEntry, Membership, Role

    example = DEMO_PLAN
    draft = services.branch(services.import_plan(example).pk, None)
    path = services.amount_path(0, 1, services.Column.PLAN)
    seen = str(value_at(draft.core_plan(), path))
    clients = []
    for n in range(writers):
        user = User.objects.create_user(username=f"planer-{n}")
        Membership.objects.create(user=user, jobcenter=draft.plan.jobcenter, role=Role.PLANUNG)
        client = Client()
        client.force_login(user)
        clients.append(client)
    connections.close_all()
    start = threading.Barrier(writers)
    answers: list[tuple[int, str]] = []

    def save(n: int) -> None:
        data = {"gruppe": "0", "zeile": "1", "gesehen": seen, "betrag": f"{1000 + n},00"}
        start.wait()
        try:
            response = clients[n].post(f"/staende/{draft.pk}/betrag/", data)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    audit = AuditEntry.objects.filter(version=draft, path__startswith="budget").count()
    return {
        "statuses": sorted(status for status, _ in answers),
        "conflicts": sum("Konflikt" in body for _, body in answers),
        "audit": audit,
    }


def main() -> int:
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amp.web.settings_test")
    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    outcome = race()
    print(json.dumps({**outcome, "journal_mode": mode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
