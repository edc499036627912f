"""The law as one value: every legal parameter, loaded and checked once at the edge and
handed to calculators, eligibility and the legal facts of the checks (as GETTSIM and
OpenFisca pass their parameters in instead of reading them from a global).

The code names the parameters it uses through `Key`, never through free strings; building
a `Law` fails at once when a key has no parameter in the files, so a misspelt or removed
name shows at load (and in tests/rules/test_law.py), not when a calculator runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache

from amp.rules.parameters import Parameter, ParameterError, Value, all_parameters


class Key(StrEnum):
    """The address (FILE or FILE.NAME) of every parameter the code reads."""

    PENSION = "sozialversicherung.rv"
    HEALTH = "sozialversicherung.kv"
    HEALTH_EXTRA = "sozialversicherung.kv_zusatzbeitrag"
    CARE = "sozialversicherung.pv"
    MINIMUM_WAGE = "mindestlohn"
    STANDARD_NEED = "regelbedarf"
    STANDARD_NEED_LEVELS = "regelbedarfsstufen"
    MUNICIPAL_SHARE = "kommunaler_finanzierungsanteil"
    TAAM_RATES = "sgb2_16i.foerdersaetze"
    TAAM_MAX_MONTHS = "sgb2_16i.hoechstdauer"
    TAAM_MIN_AGE = "sgb2_16i.mindestalter"
    TAAM_BENEFIT_YEARS = "sgb2_16i.leistungsbezug_jahre"
    TAAM_BENEFIT_YEARS_EXCEPTION = "sgb2_16i.leistungsbezug_jahre_ausnahme"
    TAAM_PAT = "sgb2_16i_pat.pauschalen"
    EVL_RATES = "sgb2_16e.foerdersaetze"
    EVL_MAX_MONTHS = "sgb2_16e.hoechstdauer"
    EVL_MIN_UNEMPLOYED = "sgb2_16e.mindestdauer_arbeitslosigkeit"
    EVL_MIN_CONTRACT = "sgb2_16e.mindestdauer_arbeitsverhaeltnis"
    ESG_MAX_MONTHS = "sgb2_16b_einstiegsgeld.hoechstdauer"
    ESG_BASE = "sgb2_16b_einstiegsgeld.grundbetrag"
    ESG_LONG_UNEMPLOYED = "sgb2_16b_einstiegsgeld.zuschlag_langzeitarbeitslos"
    ESG_PER_PERSON = "sgb2_16b_einstiegsgeld.zuschlag_je_person"
    ESG_CAP = "sgb2_16b_einstiegsgeld.obergrenze"
    EGZ_RATE = "sgb3_egz.regel_satz"
    EGZ_MONTHS = "sgb3_egz.regel_dauer"
    EGZ_OLDER_MIN_AGE = "sgb3_egz.aeltere_mindestalter"
    EGZ_OLDER_MONTHS = "sgb3_egz.aeltere_dauer"
    EGZ_DISABLED_RATE = "sgb3_egz.behinderte_satz"
    EGZ_DISABLED_MONTHS = "sgb3_egz.behinderte_dauer"
    EGZ_SEVERELY_DISABLED_MONTHS = "sgb3_egz.schwerbehinderte_dauer"
    EGZ_REDUCTION = "sgb3_egz.minderung"
    BONUS = "sgb2_16j_buergergeldbonus.betrag"
    TRAINING_ALLOWANCE = "sgb3_87a_weiterbildung.weiterbildungsgeld"
    TRAINING_BONUS_INTERMEDIATE = "sgb3_87a_weiterbildung.praemie_zwischenpruefung"
    TRAINING_BONUS_FINAL = "sgb3_87a_weiterbildung.praemie_abschlusspruefung"
    FBW_BY_JOBCENTER = "fbw_reha_zustaendigkeit.fbw"
    RESIDENCE_GRANT = "aufenthg_104c.erteilung"
    RESIDENCE_CUTOFF = "aufenthg_104c.stichtag"
    RESIDENCE_YEARS = "aufenthg_104c.voraufenthalt_jahre"
    RESIDENCE_CONVICTIONS = "aufenthg_104c.straftaten_tagessaetze"


@dataclass(frozen=True)
class Law:
    """Every legal parameter by its address; complete for every `Key` by construction."""

    parameters: Mapping[str, Parameter]

    def __post_init__(self) -> None:
        missing = [key.value for key in Key if key.value not in self.parameters]
        if missing:
            raise ParameterError.saying(
                "Rechtsparameter fehlen in den Parameterdateien: " + ", ".join(missing)
            )
        for address, parameter in self.parameters.items():
            if parameter.responsible is not None and parameter.responsible not in self.parameters:
                raise ParameterError.saying(
                    f"{address}: 'responsible' verweist auf den unbekannten Rechtsparameter "
                    f"„{parameter.responsible}“"
                )

    def __getitem__(self, key: Key) -> Parameter:
        return self.parameters[key.value]

    def value(self, key: Key, day: date) -> Value | None:
        return self[key].value_at(day)

    def number(self, key: Key, day: date) -> Decimal | None:
        """A numeric value in force on `day`, else None."""
        value = self.value(key, day)
        return value if isinstance(value, Decimal) else None

    def pair(self, key: Key, day: date) -> tuple[Decimal, Decimal] | None:
        value = self.value(key, day)
        return (value[0], value[1]) if isinstance(value, tuple) and len(value) == 2 else None

    def find(self, address: str) -> Parameter | None:
        """A parameter named by the user (a plan's rule, a command argument)."""
        return self.parameters.get(address)

    def __iter__(self) -> Iterator[tuple[str, Parameter]]:
        return iter(self.parameters.items())

    def responsibility(self, address: str) -> Parameter | None:
        """The parameter saying when the Jobcenter pays what `address` describes, if the
        file names one (e.g. Weiterbildungsgeld: the Agentur pays for eLb from 2025)."""
        parameter = self.parameters.get(address)
        if parameter is None or parameter.responsible is None:
            return None
        return self.parameters[parameter.responsible]


@cache
def load_law() -> Law:
    """The law from the parameter files; call it at the edge (commands, web, checks)."""
    return Law(dict(all_parameters()))
