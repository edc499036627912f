"""An import killed half-way leaves nothing behind: no half-written plan in the database,
no upload data on disk, and a left-over upload folder is gone at the next start.

The server runs in a child process on a SQLite file (the embedded default). The child
uploads a workbook, confirms the preview, and is killed (SIGKILL, no clean-up of any kind)
while the new version is being written; a second child then starts as the server would
and counts what is there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from amp.example import DEMO_PLAN

SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from pathlib import Path

    from django.contrib.auth.models import User
    from amp.web.plans import services
    from amp.web.plans.models import Membership
    published = services.import_plan(Path(__import__("sys").argv[1]))
    user = User.objects.create_user(username="planung")
    Membership.objects.create(user=user, jobcenter=published.plan.jobcenter, role="planung")
    print(published.pk)
    """
)

IMPORT = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from amp.web.plans import plan_edits

    def stalled_audit(*args, **kwargs):
        print("MITTEN IM SCHREIBEN", flush=True)  # inside the transaction of the import
        time.sleep(600)

    plan_edits.audit = stalled_audit
    pk = int(sys.argv[1])
    client = Client()
    client.force_login(User.objects.get(username="planung"))
    workbook = client.get(f"/staende/{pk}/arbeitsmappe.xlsx").content
    upload = SimpleUploadedFile("plan.xlsx", workbook)
    preview = client.post(f"/staende/{pk}/import/", {"arbeitsmappe": upload})
    assert preview.status_code == 200, preview.status_code
    print("VORSCHAU", flush=True)
    token = client.session["amp-import"]["token"]
    client.post(f"/staende/{pk}/import/uebernehmen/", {"token": token})
    print("NICHT ERREICHT", flush=True)
    """
)

COUNT = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from amp.web.plans.models import AuditEntry, Plan, PlanVersion
    changes = AuditEntry.objects.filter(version__isnull=False).count()  # logins aside
    counts = [Plan.objects.count(), PlanVersion.objects.count(), changes]
    print(json.dumps(counts))
    """
)

EXAMPLE = DEMO_PLAN


def _env(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amp.web.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'amp.sqlite3'}",
        "AMP_DATA_DIR": str(tmp_path / "daten"),
        "AMP_SECRET_KEY": "test-only-not-secret",
        "AMP_SECURE_COOKIES": "0",
        "AMP_ALLOWED_HOSTS": "testserver",
        "AMP_DEMO": "1",  # static files from the packages, as in development
        "TMPDIR": str(scratch),
    }


def _run(script: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def _leftover(directory: Path) -> Path:
    """An upload folder as earlier versions of amp left it when killed during an import."""
    folder = directory / "amp-import-abgebrochen"
    folder.mkdir()
    (folder / "arbeitsmappe.xlsx").write_bytes(b"PK\x03\x04 hochgeladen")
    two_hours_ago = time.time() - 7200
    os.utime(folder, (two_hours_ago, two_hours_ago))
    return folder


def test_an_import_killed_while_writing_leaves_nothing_behind(tmp_path: Path) -> None:
    env = _env(tmp_path)
    published = _run(SETUP, env, str(EXAMPLE))
    before = json.loads(_run(COUNT, env))
    leftover = _leftover(Path(env["TMPDIR"]))  # an older amp killed during an import
    child = subprocess.Popen(
        [sys.executable, "-c", IMPORT, published],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
            if line.startswith("MITTEN IM SCHREIBEN"):
                break
        if lines[-2:] != ["VORSCHAU", "MITTEN IM SCHREIBEN"]:
            child.kill()
            raise AssertionError((lines, child.communicate(timeout=30)[1][-3000:]))
        # the start removed the old folder; the upload was read in memory and left nothing
        assert list(Path(env["TMPDIR"]).iterdir()) == []
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # the next start: the database holds exactly what it held before the import began
    leftover = _leftover(Path(env["TMPDIR"]))
    after = json.loads(_run(COUNT, env))
    assert after == before
    assert not leftover.exists()  # removed at start-up
    assert list(Path(env["TMPDIR"]).iterdir()) == []
