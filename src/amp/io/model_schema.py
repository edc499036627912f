"""What pydantic needs to read the core model from files, and German words for its errors.

`amp.core` holds plain dataclasses and knows nothing of pydantic. Here they are marked to
reject unknown keys (a typo in a plan file must not be silently ignored), and pydantic's
error types are rendered as German messages.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from pydantic import ConfigDict
from pydantic_core import ErrorDetails

_STRICT = ConfigDict(extra="forbid")


def enforce_known_keys(root: type) -> None:
    """Mark `root` and every dataclass reachable from its fields as forbidding extra keys."""
    seen: set[type] = set()
    pending: list[Any] = [root]
    while pending:
        candidate = pending.pop()
        if dataclasses.is_dataclass(candidate) and isinstance(candidate, type):
            if candidate in seen:
                continue
            seen.add(candidate)
            candidate.__pydantic_config__ = _STRICT  # type: ignore[attr-defined]
            pending.extend(typing.get_type_hints(candidate, include_extras=True).values())
        else:
            pending.extend(typing.get_args(candidate))
            origin = typing.get_origin(candidate)
            if origin is not None and origin is not types.UnionType:
                pending.append(origin)


def _allowed(ctx: dict[str, Any]) -> str:
    expected = str(ctx.get("expected", ""))
    return expected.replace(" or ", ", ").replace("'", "")


_NO_DATE = "kein gültiges Datum (als JJJJ-MM-TT schreiben, z. B. 2024-03-31)"
_MESSAGES: dict[str, str] = {
    "missing": "Pflichtangabe fehlt",
    "extra_forbidden": "unbekannter Schlüssel",
    "unexpected_keyword_argument": "unbekannter Schlüssel",
    "decimal_parsing": "keine Zahl (Beträge als 1234.56 schreiben, ohne Tausenderpunkte)",
    "decimal_type": "keine Zahl (Beträge als 1234.56 schreiben, ohne Tausenderpunkte)",
    "decimal_max_places": "zu viele Nachkommastellen",
    "int_parsing": "keine ganze Zahl",
    "int_from_float": "keine ganze Zahl",
    "int_type": "keine ganze Zahl",
    "string_type": "Text erwartet",
    "bool_parsing": "ja oder nein (true/false) erwartet",
    "bool_type": "ja oder nein (true/false) erwartet",
    "date_parsing": _NO_DATE,
    "date_from_datetime_parsing": _NO_DATE,
    "date_type": _NO_DATE,
    "list_type": "eine Liste erwartet",
    "tuple_type": "eine Liste erwartet",
    "dict_type": "ein Abschnitt mit Schlüssel: Wert-Paaren erwartet",
    "dataclass_type": "ein Abschnitt mit Schlüssel: Wert-Paaren erwartet",
    "dataclass_exact_type": "ein Abschnitt mit Schlüssel: Wert-Paaren erwartet",
    "model_type": "ein Abschnitt mit Schlüssel: Wert-Paaren erwartet",
    "finite_number": "keine endliche Zahl",
}


def _german_number(value: Any) -> str:
    """A number as a German reader writes it: -5000.00 → "-5.000,00 €" (an amount with
    cents), -5 → "-5"."""
    from decimal import Decimal, InvalidOperation

    from amp.core import formatting

    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if "." in str(value) or isinstance(value, float):
        return formatting.money(number)
    return formatting.count(number)


def german_message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "greater_than_equal":
        return (
            f"darf nicht negativ sein (Wert: {_german_number(error['input'])})"
            if ctx.get("ge") == 0
            else (f"muss mindestens {ctx.get('ge')} sein")
        )
    if kind in {"too_short", "too_long"}:
        return f"falsche Anzahl von Einträgen (erwartet: {ctx.get('min_length')})"
    if kind in {"enum", "literal_error"}:
        return f"unzulässiger Wert '{error['input']}' (erlaubt: {_allowed(ctx)})"
    if kind in {"value_error", "assertion_error"}:
        cause = ctx.get("error")
        return str(cause) if cause is not None else "ungültiger Wert"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    return f"ungültiger Wert ({error['msg']})"
