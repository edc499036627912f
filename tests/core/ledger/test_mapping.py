"""The account mapping: a rule naming the cost center wins over one without; among rules of
one kind the first in the file counts. The lookups agree with reading the rules in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from amp.core.ledger.model import AccountMapping, MappingRule

accounts = st.sampled_from(["68511.004", "68511.005", "4711"])
cost_centers = st.none() | st.sampled_from(["KS1", "KS2"])
rules = st.lists(
    st.builds(
        MappingRule,
        account=accounts,
        line=st.sampled_from(["egz", "fbw", "agh"]),
        cost_center=cost_centers,
    ),
    max_size=8,
)


def read_in_order(mapping: AccountMapping, account: str, cost_center: str | None) -> str | None:
    general: str | None = None
    for rule in mapping.rules:
        if rule.account != account:
            continue
        if rule.cost_center is None:
            general = general or rule.line
        elif rule.cost_center == cost_center:
            return rule.line
    return general


@given(rules, accounts, cost_centers)
def test_the_lookup_agrees_with_reading_the_rules_in_order(
    found: list[MappingRule], account: str, cost_center: str | None
) -> None:
    mapping = AccountMapping(tuple(found))
    assert mapping.line_of(account, cost_center) == read_in_order(mapping, account, cost_center)


def test_cost_center_wins_and_unmapped_is_none() -> None:
    mapping = AccountMapping(
        (MappingRule("4711", "egz"), MappingRule("4711", "fbw", "KS1"), MappingRule("4711", "agh"))
    )
    assert mapping.line_of("4711") == "egz"
    assert mapping.line_of("4711", "KS1") == "fbw"
    assert mapping.line_of("4711", "KS2") == "egz"
    assert mapping.line_of("9999") is None
    assert mapping == AccountMapping(mapping.rules)  # the lookups do not take part in equality
