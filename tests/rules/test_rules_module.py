from datetime import date
from decimal import Decimal

import pytest

from amp.rules.legal_facts import legal_facts
from amp.rules.parameters import ParameterError, load_parameter


def test_the_municipal_share_is_read_with_its_reference() -> None:
    parameter = load_parameter("kommunaler_finanzierungsanteil")
    assert parameter.unit == "percent"
    entry = parameter.entry_at(date(2024, 6, 1))
    assert entry is not None
    assert entry.value == Decimal("15.2")
    assert "§ 46 Abs. 3" in entry.reference
    assert entry.verified is False
    assert parameter.entry_at(date(2010, 12, 31)) is None


def test_legal_facts_for_a_plan_year() -> None:
    assert legal_facts(2024).municipal_admin_share == Decimal("15.2")
    assert legal_facts(2010).municipal_admin_share is None


def test_an_unknown_parameter_is_a_clear_error() -> None:
    with pytest.raises(ParameterError, match="unbekannt"):
        load_parameter("gibt_es_nicht")
