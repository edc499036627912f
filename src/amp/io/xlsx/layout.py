"""The layout of an amp workbook: sheet names, header rows and column positions.

Export, import and the blank template share these definitions, so that what the export
writes is exactly what the import expects.
"""

from __future__ import annotations

from amp.core.budget import COLUMN_LABELS, Column

FORMAT_VERSION = "amp-xlsx 1"

# sheet names (Excel allows at most 31 characters)
STAMMDATEN = "Stammdaten"
INSTRUMENTE = "Instrumente"
FINANZPLANUNG = "Finanzplanung"
ZIELGRUPPEN = "Zielgruppen"
MITTEL = "Mittelausstattung"
MASSNAHMEN = "Maßnahmen"
BILDUNGSZIELE = "Bildungsziele"
AVGS = "AVGS"
AUSSAGEN = "Aussagen"
BASE = "_amp"  # hidden: the complete plan as YAML, for everything no sheet shows

HEADER_ROW = 3  # row 1: title, row 2: notes, row 3: column headers, data from row 4
FIRST_ROW = HEADER_ROW + 1
SHEET_ROWS = 1_048_576  # Excel's (and LibreOffice's) last row: totals in the template reach it

MONEY = '#,##0.00 "€"'
PERCENT = "0.00 %"
NUMBER = "#,##0"
PERCENT_NUMBER = '0.00 "%"'  # a share printed as a number of percent (18.64)
DATE = "DD.MM.YYYY"

YES = "ja"

# Stammdaten: one row per field, label in column A, value in column B
STAMMDATEN_ROWS: tuple[tuple[str, str], ...] = (
    ("jobcenter.id", "Jobcenter-Kennung"),
    ("jobcenter.name", "Jobcenter"),
    ("jobcenter.kind", "Trägerform (zkT oder gE)"),
    ("jobcenter.region", "Region"),
    ("year", "Planjahr"),
    ("version.as_of", "Stand"),
    ("version.label", "Bezeichnung des Stands"),
    ("status", "Status (entwurf, beschlossen, fortgeschrieben)"),
)

INSTRUMENT_HEADERS = (
    "ID",
    "Bezeichnung",
    "Rechtsgrundlage",
    "Pflichtleistung",
    "Hinweis",
    "Rechtsparameter",
    "geplanter Satz (%)",
)

# Finanzplanung: the kind of each row stands in column A
ROW_GROUP, ROW_LINE, ROW_SUM, ROW_PRINTED, ROW_SUBTOTAL, ROW_TOTAL = (
    "Gruppe",
    "Zeile",
    "Summe",
    "gedruckt",
    "Summenzeile",
    "Gesamt",
)
MEASURES_OR_GROUPS = "Maßnahmen / Gruppen"  # a line's measures, a Summenzeile's groups
MONEY_COLUMNS: tuple[Column, ...] = tuple(Column)
BUDGET_HEADERS: tuple[str, ...] = (
    "Art",
    "ID",
    "Bezeichnung",
    "Instrument",
    "Zielgruppe",
    *(COLUMN_LABELS[c] for c in MONEY_COLUMNS),
    "Anteil an der Planung",
    "Menge",
    "Einheit (P, F, E)",
    "ca.",
    "offen",
    MEASURES_OR_GROUPS,
    "Lesart",
)
B = {name: index + 1 for index, name in enumerate(BUDGET_HEADERS)}  # header → column number
MONEY_COL: dict[Column, int] = {c: B[COLUMN_LABELS[c]] for c in MONEY_COLUMNS}

ROW_KINDS = (ROW_GROUP, ROW_LINE, ROW_SUM, ROW_PRINTED, ROW_SUBTOTAL, ROW_TOTAL)

ROW_TARGET_GROUP = "Zielgruppe"
TARGET_HEADERS = (
    "Art",
    "ID",
    "Bezeichnung",
    "Betrag",
    "Anteil",
    "Betrag gedruckt",
    "Anteil gedruckt (%)",
)
T = {name: index + 1 for index, name in enumerate(TARGET_HEADERS)}

# Mittelausstattung: one row per field, one column per year (header: the year)
FUNDING_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "Bezeichnung der Spalte"),
    ("admin_federal", "Verwaltungsmittel Bund (ohne kommunalen Anteil)"),
    ("transfer_to_admin", "Umschichtung aus dem Eingliederungstitel"),
    ("admin_municipal", "Kommunaler Finanzierungsanteil"),
    ("=admin_total", "Verwaltungsmittel insgesamt"),
    ("integration_federal", "Eingliederungsmittel Bund (ohne JobPerspektive)"),
    ("jobperspektive", "JobPerspektive (§ 16e SGB II a. F.)"),
    ("=integration_federal_total", "Eingliederungsmittel Bund"),
    ("=integration_available", "Eingliederungsmittel Bund zur Verfügung"),
    ("recoveries_memo", "Rückforderungen (nachrichtlich)"),
    ("pat", "Passiv-Aktiv-Transfer (PAT)"),
    ("municipal_integration", "Kommunale Eingliederungsleistungen (§ 16a SGB II)"),
    ("printed.admin_total", "gedruckt: Verwaltungsmittel insgesamt"),
    ("printed.integration_federal_total", "gedruckt: Eingliederungsmittel Bund"),
    ("printed.transfer_deducted", "gedruckt: abzgl. Umschichtung"),
    ("printed.integration_available", "gedruckt: Eingliederungsmittel zur Verfügung"),
)
FUNDING_LABEL_HEADER = "Position"
# rows a plan may leave out (the blank template has none of them): absent means zero or empty
FUNDING_OPTIONAL = frozenset(
    {
        "transfer_to_admin",
        "=admin_total",
        "jobperspektive",
        "=integration_federal_total",
        "=integration_available",
        "recoveries_memo",
        "pat",
        "municipal_integration",
        "printed.admin_total",
        "printed.integration_federal_total",
        "printed.transfer_deducted",
        "printed.integration_available",
    }
)
# the blank template's generic rows: any Jobcenter's own funding, nothing of another one's
FUNDING_TEMPLATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("label", "Bezeichnung der Spalte"),
    ("admin_federal", "Verwaltungsmittel Bund (ohne kommunalen Anteil)"),
    ("admin_municipal", "Kommunaler Finanzierungsanteil"),
    ("=admin_total", "Verwaltungsmittel insgesamt"),
    ("integration_federal", "Eingliederungsmittel Bund (Zuweisung)"),
    ("pat", "Passiv-Aktiv-Transfer (PAT)"),
    ("municipal_integration", "Kommunale Eingliederungsleistungen (§ 16a SGB II)"),
)
# other labels under which the import finds a row
FUNDING_ALIASES: dict[str, str] = {
    "Eingliederungsmittel Bund (Zuweisung)": "integration_federal",
}

ROW_MEASURE = "Maßnahme"
MEASURE_HEADERS = (
    "Art",
    "Tabelle",
    "ID",
    "Bezeichnung",
    "Rechtsgrundlage",
    "Plätze",
    "ca.",
    "stundenbasiert",
    "Zielgruppe",
)
M = {name: index + 1 for index, name in enumerate(MEASURE_HEADERS)}

VOUCHER_HEADERS = (
    "ID",
    "Bildungsziel",
    "Art (Fortbildung, Umschulung)",
    "Bildungsbereich",
    "1. Quartal",
    "2. Quartal",
    "3. Quartal",
    "4. Quartal",
    "Summe",
    "Summe gedruckt",
    "Dauer (Monate)",
)
V = {name: index + 1 for index, name in enumerate(VOUCHER_HEADERS)}

ROW_CATEGORY, ROW_ITEM = "Kategorie", "Position"
AVGS_HEADERS = (
    "Art",
    "Kategorie",
    "Bezeichnung",
    "Rechtsgrundlage / Unterrichtseinheiten",
    "UE von",
    "UE bis",
    "Anzahl",
    "Anzahl gedruckt",
)
A = {name: index + 1 for index, name in enumerate(AVGS_HEADERS)}

CLAIM_HEADERS = ("ID", "Abschnitt", "Aussage", "Wert", "Einheit", "Zusatz", "Kennziffern")


def col(index: int) -> str:
    """The column letters of a 1-based column number: 1 → A, 27 → AA (as Excel names them)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
