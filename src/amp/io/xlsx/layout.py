"""The layout of an amp workbook: sheet names, header rows and column positions.

Export, import and the blank template share these definitions, so that what the export
writes is exactly what the import expects.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

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

TITLE_FONT = Font(bold=True, size=13)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
SUM_FONT = Font(bold=True)
PRINTED_FONT = Font(italic=True, color="666666")
NOTE_FONT = Font(italic=True, size=9, color="555555")


def col(index: int) -> str:
    return get_column_letter(index)


def start_sheet(
    sheet: Worksheet, title: str, note: str, headers: tuple[str, ...], widths: dict[int, int]
) -> None:
    """Title, note and header row, frozen header, landscape print fitted to the page width."""
    sheet["A1"] = title
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = note
    sheet["A2"].font = NOTE_FONT
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, index, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, len(headers) + 1):
        sheet.column_dimensions[col(index)].width = widths.get(index, 16)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    footer = sheet.oddFooter
    if footer is not None:
        footer.center.text = "&A – Seite &P von &N"
