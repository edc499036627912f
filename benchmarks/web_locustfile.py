"""Locust users for benchmarks/web_bench.py: each reads the given pages in a session of its own.

Read from the environment (web_bench.py sets it): AMP_BENCH_PATHS (space-separated URL
paths), AMP_BENCH_SESSIONS (space-separated session keys of logged-in planners, made in
advance so that password hashing does not count as page load), AMP_BENCH_THINK ("MIN-MAX"
seconds a person pauses between two pages).
"""

from __future__ import annotations

import os
import random
from urllib.parse import urlsplit

from locust import HttpUser, task

PATHS = os.environ["AMP_BENCH_PATHS"].split()
SESSIONS = os.environ["AMP_BENCH_SESSIONS"].split()
THINK_MIN, THINK_MAX = (float(s) for s in os.environ["AMP_BENCH_THINK"].split("-"))


class Planner(HttpUser):
    """A logged-in planner moving between the pages like a person."""

    def wait_time(self) -> float:
        return random.uniform(THINK_MIN, THINK_MAX)

    def on_start(self) -> None:
        if not SESSIONS:
            raise RuntimeError("mehr Benutzer als vorbereitete Sitzungen")
        host = urlsplit(self.host).hostname or ""
        self.client.cookies.set("sessionid", SESSIONS.pop(), domain=host, path="/")

    @task
    def read_a_page(self) -> None:
        self.client.get(random.choice(PATHS))
