"""The example plan that ships with amp: the Arbeitsmarktprogramm 2024 of Jobcenter EN.

It is package data (src/amp/examples/), so an installed amp finds it as well as a checkout.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent / "examples"
DEMO_PLAN = EXAMPLES / "jobcenter-en-2024"
