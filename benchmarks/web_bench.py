"""Load benchmark of the web app (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/web_bench.py [PATH ...] [--users 20] [--duration 60]

Sets up a fresh PostgreSQL database `amp_bench` (127.0.0.1:5432, user postgres) with the
example plan (published version plus a draft) and one logged-in planner per simulated user
(sessions made in advance: password hashing is no page load), serves the app with gunicorn
as in production (collected static files, no debug), and lets locust's users read the
given pages on loopback, pausing like a person between two pages. PATH is a URL path;
`{entwurf}` and `{beschlossen}` stand for the ids of the draft and the published version
(default: the overview and the budget screen of the draft). Prints request count,
failures and percentiles per page and the server's CPU time per page.
Target: p95 < 200 ms with 20 users.
The database amp_bench is left behind for a look; the next run replaces it.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024"
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "amp_bench"
DEFAULT_PATHS = ["/staende/{entwurf}/", "/staende/{entwurf}/budget/"]
TARGET_P95_MS = 200
# idle keep-alive connections must outlive a user's pause, or gunicorn closes them while
# the client sends its next request (connection reset); behind nginx this is nginx's job
KEEP_ALIVE = 10


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def amp_manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "amp"), "manage", *args], env=env, check=True)


def fill(env: dict[str, str], users: int) -> tuple[dict[str, int], list[str]]:
    """Migrations, static files, the example and one logged-in planner per user.

    Returns the version ids and the planners' session keys.
    """
    amp_manage(env, "migrate", "--verbosity", "0")
    amp_manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    amp_manage(env, "plan_import", str(EXAMPLE))
    script = f"""
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from amp.web.plans import services
from amp.web.plans.models import Membership, PlanVersion
published = PlanVersion.objects.get()
draft = services.branch(published.pk, None)
print(published.pk, draft.pk)
for n in range(1, {users} + 1):
    user = User.objects.create_user(username=f"planung{{n:02d}}")
    Membership.objects.create(user=user, jobcenter=published.plan.jobcenter, role="planung")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(session.session_key)
"""
    published, draft, *sessions = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return {"beschlossen": int(published), "entwurf": int(draft)}, sessions


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "amp.web.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            str(KEEP_ALIVE),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/anmelden/", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn ist nicht gestartet.")


def warm_up(port: int, path: str, session: str) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"sessionid={session}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """CPU time used so far by gunicorn's master and workers (user + system)."""
    master = psutil.Process(server.pid)
    total = 0.0
    for process in [master, *master.children(recursive=True)]:
        times = process.cpu_times()
        total += times.user + times.system
    return total


def run_locust(
    env: dict[str, str],
    port: int,
    paths: list[str],
    sessions: list[str],
    args: argparse.Namespace,
    out: Path,
) -> Path:
    locust_env = {
        **env,
        "AMP_BENCH_PATHS": " ".join(paths),
        "AMP_BENCH_SESSIONS": " ".join(sessions),
        "AMP_BENCH_THINK": args.think,
    }
    subprocess.run(
        [
            str(BIN / "locust"),
            "--locustfile",
            str(Path(__file__).with_name("web_locustfile.py")),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.duration}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(out / "locust"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        env=locust_env,
        check=False,  # locust exits 1 on failed requests; the table below shows them
    )
    return out / "locust_stats.csv"


def report(stats: Path, paths: list[str]) -> bool:
    """Prints the percentiles per page; True when every page meets the target."""
    with stats.open() as lines:
        rows = {row["Name"]: row for row in csv.DictReader(lines)}
    print(
        f"\n{'Seite':40} {'Anfragen':>8} {'Fehler':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}"
    )
    met = True
    for name in [*paths, "Aggregated"]:
        row = rows.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        failures = int(row["Failure Count"])
        if name != "Aggregated":
            met = met and p95 < TARGET_P95_MS and failures == 0
        print(
            f"{name:40} {row['Request Count']:>8} {failures:>6} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6} {float(row['Max Response Time']):>6.0f}"
        )
    print(
        f"(Millisekunden; Ziel p95 < {TARGET_P95_MS} ms: {'erreicht' if met else 'NICHT erreicht'})"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS, help="URL-Pfade")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60, help="Sekunden Last")
    parser.add_argument("--think", default="1-3", help="Pause zwischen zwei Seiten, MIN-MAX s")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-Prozesse")
    parser.add_argument("--threads", type=int, default=4, help="Threads je Prozess")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    recreate_database()
    with tempfile.TemporaryDirectory(prefix="amp-bench-") as temporary:
        return measure(args, Path(temporary))


def measure(args: argparse.Namespace, data_dir: Path) -> int:
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "AMP_SECRET_KEY": "benchmark-only-not-secret",
        "AMP_DATA_DIR": str(data_dir),
        "AMP_SECURE_COOKIES": "0",  # plain http on loopback
        "DJANGO_SETTINGS_MODULE": "amp.web.settings",
    }
    ids, sessions = fill(env, args.users)
    paths = [p.format(**ids) for p in args.paths]
    server = start_server(env, args.port, args.workers, args.threads)
    try:
        for path in paths:  # one request per page and worker process: start-up is no load
            for _ in range(args.workers):
                warm_up(args.port, path, sessions[0])
        cpu_before = server_cpu_seconds(server)
        stats = run_locust(env, args.port, paths, sessions, args, data_dir)
        cpu = server_cpu_seconds(server) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    met = report(stats, paths)
    with stats.open() as lines:
        requests = sum(int(r["Request Count"]) for r in csv.DictReader(lines) if r["Name"] in paths)
    if requests:
        print(f"Server-CPU je Seite: {cpu / requests * 1000:.0f} ms (gunicorn, alle Prozesse)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
