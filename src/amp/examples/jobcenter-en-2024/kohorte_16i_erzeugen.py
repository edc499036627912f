"""Erzeugt die synthetische § 16i-Kohorte `kohorte_16i.csv` (Annahmen: kohorte_16i.md).

Deterministisch, ohne Zufall: `python3 kohorte_16i_erzeugen.py > kohorte_16i.csv`.
"""

from __future__ import annotations

import calendar
from datetime import date

# Eintritte je Jahr (Bestand Anfang 2024: 74 + 18 + 18 + 20 + 20 = 150) und geplante
# Eintritte 2024, die die 74 Austritte nach fünf Jahren ersetzen.
ENTRIES = {2019: 74, 2020: 18, 2021: 18, 2022: 20, 2023: 20}
PLANNED_2024 = 74
HOUSEHOLDS = ["single"] * 4 + ["single_one_child"] * 1 + ["other"] * 5
TARIFF_WAGE = "14.50"  # zwei von drei Stellen bei tarifgebundenen Arbeitgebern (Annahme)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def last_day(start: date, months: int) -> date:
    return date.fromordinal(add_months(start, months).toordinal() - 1)


def approved_until(start: date) -> date:
    """Bewilligungen bis 2020 über die vollen 60 Monate, ab 2021 je 24 Monate; eine
    abgelaufene Zweijahresbewilligung ist einmal um 24 Monate verlängert."""
    if start.year <= 2020:
        return last_day(start, 60)
    end = last_day(start, 24)
    if end < date(2023, 11, 6):  # Stand des Plans
        end = last_day(start, 48)
    return end


def main() -> None:
    print("# Synthetische § 16i-Kohorte des Jobcenters EN, Stand 06.11.2023 (kohorte_16i.md)")
    print("id,start,approved_until,hours_per_week,household,hourly_wage,status")
    number = 0
    for year, count in [*ENTRIES.items(), (2024, PLANNED_2024)]:
        for i in range(count):
            number += 1
            # Eintritte eines Jahrgangs von Februar bis Januar des Folgejahres verteilt, so
            # dass genau die 74 Stellen des Jahrgangs 2019 die Höchstdauer 2024 erreichen;
            # geplante Eintritte 2024 ersetzen die Austritte von Januar bis Dezember
            offset = 0 if year == 2024 else 1
            start = add_months(date(year, 1, 1), offset + (i * 12) // count)
            planned = year == 2024
            until = last_day(start, 24) if planned else approved_until(start)
            hours = "39" if number % 20 else "30"
            wage = TARIFF_WAGE if number % 3 else ""
            household = HOUSEHOLDS[number % len(HOUSEHOLDS)]
            status = "geplant" if planned else "bewilligt"
            print(f"16i-{number:03d},{start},{until},{hours},{household},{wage},{status}")


if __name__ == "__main__":
    main()
