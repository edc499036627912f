"""Synthetic microdata for the demo: generated once into a cache directory, then reused.

The directory name carries a hash of the specification and of the generator's source, so
a changed generator never serves stale data. Generation writes into a temporary directory
first and renames it at the end: a half-written cache never exists.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from amp.core import formatting
from amp.kpi import synth
from amp.kpi.synth import SynthSpec
from amp.web.kennzahlen.page import month_words

DEMO_SPEC = SynthSpec(jobcenters=1, elb=20_000, months=36, seed=1, first_month="2022-01")
"""One Jobcenter "EN" at the scale of the Jobcenter EN (about 20.000 eLb), 2022-01 … 2024-12:
the newest reporting month past the waiting time is September 2024, in the plan year."""


def default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "amp"


def _key(spec: SynthSpec) -> str:
    digest = hashlib.sha256(repr(spec).encode())
    digest.update(Path(synth.__file__).read_bytes())
    return digest.hexdigest()[:16]


def demo_data(cache: Path | None = None, spec: SynthSpec = DEMO_SPEC) -> Path:
    """The directory with the demo's microdata; generated when it is not there yet."""
    base = cache or default_cache()
    target = base / f"demo-kennzahlen-{_key(spec)}"
    if (target / "panel.parquet").exists():
        return target
    base.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".demo-kennzahlen-", dir=base))
    try:
        synth.generate(spec, scratch)
        scratch.rename(target)
    except OSError:
        if not (target / "panel.parquet").exists():  # not a parallel start that won the race
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def demo_label(spec: SynthSpec = DEMO_SPEC) -> str:
    return (
        "Demo: synthetische Testdaten (amp kpi synth, Startwert "
        f"{spec.seed}, rund {formatting.count(spec.elb)} erwerbsfähige Leistungsberechtigte, "
        f"{spec.months} Monate ab {month_words(spec.first_month)}) – keine echten Zahlen "
        "des Jobcenters."
    )
