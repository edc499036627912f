"""How amp's sheets look: fonts, fills, frozen header and print setup.

Kept apart from `layout` (which sheet and column holds what) so that code that only
needs the layout, like the German labels of a diff, does not load openpyxl.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from amp.io.xlsx.layout import FIRST_ROW, HEADER_ROW, col

TITLE_FONT = Font(bold=True, size=13)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
SUM_FONT = Font(bold=True)
PRINTED_FONT = Font(italic=True, color="666666")
NOTE_FONT = Font(italic=True, size=9, color="555555")


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
