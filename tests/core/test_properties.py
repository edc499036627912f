"""Property tests: a consistent plan has no findings; one altered printed figure, one finding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amp.core.checks import check_plan
from amp.core.edit import replace_at
from amp.core.plan import Plan
from tests.support.plans import LAW, consistent_plans, printed_figures

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(consistent_plans())
def test_a_consistent_plan_has_no_findings(plan: Plan) -> None:
    assert check_plan(plan, LAW) == []


@SETTINGS
@given(consistent_plans(), st.data())
def test_one_altered_printed_figure_gives_exactly_one_finding_there(
    plan: Plan, data: st.DataObject
) -> None:
    path, step = data.draw(st.sampled_from(printed_figures(plan)), label="printed figure")
    sign = data.draw(st.sampled_from([1, -1]), label="direction")

    def alter(value: Decimal | int) -> Decimal | int:
        return value + sign * int(step) if isinstance(value, int) else value + sign * step

    altered = replace_at(plan, path, alter)
    findings = check_plan(altered, LAW)
    assert [f.location.path for f in findings] == [path]
