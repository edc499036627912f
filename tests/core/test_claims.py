"""How printed qualifiers are honoured (docs/plan-format.md, Aussagen)."""

from decimal import Decimal

import pytest

from amp.core.claims import Claim, ClaimUnit, Qualifier, Reference, holds

D = Decimal


@pytest.mark.parametrize(
    ("qualifier", "stated", "places", "computed", "expected"),
    [
        (Qualifier.EXAKT, D("18.64"), 2, D("18.636"), True),
        (Qualifier.EXAKT, D("18.64"), 2, D("18.644"), True),
        (Qualifier.EXAKT, D("18.64"), 2, D("18.645"), False),  # rounds half up to 18.65
        (Qualifier.EXAKT, D("10"), 0, D("9.19"), False),
        (Qualifier.EXAKT, D("2100000"), -5, D("2061599"), True),  # "2,1 Mio." = 2.061.599 rounded
        (Qualifier.RUND, D("4500000"), -5, D("4579986.80"), True),  # within 5 %
        (Qualifier.RUND, D("100000"), 0, D("126000"), False),  # 26 % off
        (Qualifier.RUND, D("2000000"), 0, D("2100000"), True),  # exactly 5 % off: still rund
        (Qualifier.RUND, D("2000000"), 0, D("2100001"), False),
        (Qualifier.RUND, D("2000000"), -6, D("2499999"), True),  # "2 Mio." is stated to the million
        (Qualifier.RUND, D("2000000"), -6, D("2500000"), False),
        (Qualifier.CA, D("25"), 0, D("25"), True),
        (Qualifier.KNAPP, D("285"), 0, D("284"), True),
        (Qualifier.KNAPP, D("285"), 0, D("290"), False),  # knapp means just below
        (Qualifier.KNAPP, D("285"), 0, D("200"), False),  # far below is not knapp
        (Qualifier.BIS_ZU, D("150"), 0, D("150"), True),
        (Qualifier.BIS_ZU, D("150"), 0, D("151"), False),
        (Qualifier.MEHR_ALS, D("10"), 0, D("9.19"), False),
        (Qualifier.MEHR_ALS, D("10"), 0, D("10.01"), True),
        (Qualifier.MINDESTENS, D("10"), 0, D("10"), True),
    ],
)
def test_qualifiers(
    qualifier: Qualifier, stated: Decimal, places: int, computed: Decimal, expected: bool
) -> None:
    assert holds(qualifier, stated, places, computed) is expected


def test_a_claim_in_millions_is_compared_in_euros_at_its_printed_precision() -> None:
    claim = Claim("c", "rd. 2,1 Mio. Euro", "3", D("2.1"), ClaimUnit.MIO_EUR, Reference(("x",)))
    assert (claim.stated, claim.places) == (D("2100000"), -5)


def test_a_reference_needs_the_right_number_of_figures() -> None:
    with pytest.raises(ValueError, match="genau 2"):
        Reference(("a",), op="rueckgang")  # type: ignore[arg-type]
