"""The document as Word file (DOCX) for the district council's session system.

Written with python-docx from the same `Document` as the PDF and the HTML: real headings
(Überschrift 1–3, so Word's navigation and the council system's outline work), lists,
tables with a header row that repeats on every page, charts as pictures with their
alternative text (Word's "Alternativtext") and the data of the chart below them, wide
tables on landscape pages, and German as the language of the text. Word has no SVG the
session systems can all show, so the charts are drawn as PNG by Typst from the same SVG.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from amp.reports import html
from amp.reports.chapters import (
    TABLE_DIRECTIVE,
    Block,
    Bound,
    Directive,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
)
from amp.reports.document import Document, column_text
from amp.reports.tables import RowKind, TableView
from amp.reports.typst_pdf import typst_string

LANGUAGE = "de-DE"
RED = RGBColor(0xB0, 0x3A, 0x2E)


def chart_png(svg: str) -> bytes:
    """A chart's SVG as PNG (Typst draws it; no other image library needed)."""
    import typst

    source = (
        '#set page(width: auto, height: auto, margin: 4pt)\n#set text(font: "DejaVu Sans")\n'
        f'#image(bytes({typst_string(svg)}), format: "svg")'
    )
    result = typst.compile(source.encode("utf-8"), format="png", ppi=150)
    return result if isinstance(result, bytes) else result[0]


def _set_language(docx: Any) -> None:
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption"):
        style = docx.styles[style_name]
        r_pr = style.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        r_pr.append(lang)
    docx.core_properties.language = LANGUAGE


def _runs(paragraph: Any, inlines: Iterable[Inline]) -> None:
    for item in inlines:
        run = paragraph.add_run(item.text)
        if not isinstance(item, Bound):
            run.bold = item.strong or None
            run.italic = item.emphasis or None


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _widths(docx: Any, table: Any, weights: list[float]) -> None:
    """Column widths in proportion to `weights`, over the width of the current page."""
    section = docx.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    whole = sum(weights)
    widths = [int(usable * weight / whole) for weight in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the table grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cells, which Word follows


def _table(docx: Any, view: TableView, extra: list[str] | None) -> None:
    docx.add_paragraph(view.title, style="Caption")
    columns = list(view.columns)
    numeric = list(view.numeric) if view.numeric else [False] * len(columns)
    if extra:
        columns.insert(1, "Rechtsgrundlage")
        numeric.insert(1, False)
    table = docx.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, title in zip(header.cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for index, row in enumerate(view.rows):
        texts: list[tuple[str, str]] = [
            (column_text(view, i, c), html.printed_text(c) if c.deviates else "")
            for i, c in enumerate(row.cells)
        ]
        if extra:
            texts.insert(1, (extra[index] if index < len(extra) else "", ""))
        cells = table.add_row().cells
        for column, (cell, (text, printed)) in enumerate(zip(cells, texts, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = row.kind in (RowKind.GROUP, RowKind.TOTAL) or None
            if numeric[column]:
                paragraph.alignment = 2  # right
            if printed:
                small = cell.add_paragraph().add_run(f"gedruckt: {printed}")
                small.font.size = Pt(6.5)
                small.font.color.rgb = RED
    # the row's name widest, other text wider than numbers (as in the PDF)
    _widths(docx, table, [1.0 if n else (2.2 if i == 0 else 1.3) for i, n in enumerate(numeric)])
    for note in view.notes:
        docx.add_paragraph(note).runs[0].font.size = Pt(7.5)


def _chart(docx: Any, figure: html.Figure) -> None:
    docx.add_picture(BytesIO(chart_png(figure.svg)), width=Cm(16))
    picture = docx.inline_shapes[-1]._inline
    picture.docPr.set("descr", f"{figure.caption} Daten: {figure.alt}")
    picture.docPr.set("title", figure.caption)
    docx.add_paragraph(figure.caption, style="Caption")
    data = docx.add_paragraph()
    data.add_run("Daten der Grafik: ").bold = True
    data.add_run(figure.alt)


def _blocks(docx: Any, blocks: Iterable[Block], doc: Document, depth: int = 0) -> None:
    items = list(blocks)
    for index, block in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        previous = items[index - 1] if index else None
        if isinstance(block, Heading):
            if doc.on_landscape(following):  # onto the landscape page of its table
                _orientation(docx, landscape=True)
            _runs(docx.add_heading(level=min(block.level, 9)), block.inlines)
        elif isinstance(block, Paragraph):
            style = None
            _runs(docx.add_paragraph(style=style), block.inlines)
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            if depth:
                style += " 2"
            for item in block.items:
                first, *rest = item or (Paragraph(()),)
                if isinstance(first, Paragraph):
                    _runs(docx.add_paragraph(style=style), first.inlines)
                else:
                    rest = [first, *rest]
                _blocks(docx, rest, doc, depth + 1)
        elif isinstance(block, Directive):
            if block.kind == TABLE_DIRECTIVE:
                wide = doc.on_landscape(block)
                if wide and not isinstance(previous, Heading):
                    _orientation(docx, landscape=True)
                _table(docx, doc.tables[block.key], doc.extras.get(block.key))
                if wide:
                    _orientation(docx, landscape=False)
            else:
                _chart(docx, doc.charts[block.key])


def _orientation(docx: Any, landscape: bool) -> None:
    section = docx.add_section(WD_SECTION.NEW_PAGE)
    wanted = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if section.orientation != wanted:
        section.orientation = wanted
        section.page_width, section.page_height = section.page_height, section.page_width


def docx_bytes(doc: Document) -> bytes:
    docx = new_docx()
    _set_language(docx)
    docx.core_properties.title = doc.title
    docx.core_properties.author = doc.jobcenter
    docx.core_properties.subject = f"{doc.jobcenter}, Stand {doc.as_of}"
    docx.styles["Normal"].font.name = "DejaVu Sans"
    docx.styles["Normal"].font.size = Pt(10)

    docx.add_paragraph(doc.jobcenter + (f" · {doc.region}" if doc.region else ""))
    docx.add_paragraph(doc.title, style="Title")
    facts = [
        ("Jobcenter", doc.jobcenter),
        ("Planjahr", str(doc.year)),
        ("Stand", doc.as_of),
        ("Status", doc.status),
        *([("Fassung", doc.label)] if doc.label else []),
        ("Erstellt", f"{doc.created} mit amp"),
    ]
    for label, value in facts:
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    docx.add_paragraph(
        "Alle Zahlen im Text und in den Tabellen kommen aus den Daten des Plans. Der Anhang "
        f"listet alle {len(doc.findings)} Befunde der Prüfung, auch wo eine Zahl im Text "
        "gegenüber der Vorlage geändert wurde."
    )
    for chapter in doc.chapters:
        docx.add_page_break()  # type: ignore[no-untyped-call]
        _blocks(docx, chapter.blocks, doc)

    if doc.annex:
        docx.add_page_break()  # type: ignore[no-untyped-call]
        docx.add_heading("Tabellen und Übersichten", level=1)
        for section in doc.annex:
            if section.wide:
                _orientation(docx, landscape=True)
            docx.add_heading(section.title, level=2)
            for view in section.tables:
                _table(docx, view, section.extra.get(view.key))
            for chain in section.chains:
                docx.add_heading(chain.title, level=3)
                for stage in chain.stages:
                    docx.add_paragraph(style="List Number").add_run(stage.name).bold = True
                    for offer, validity in stage.offers:
                        text = f"{offer} ({validity})" if validity else offer
                        docx.add_paragraph(text, style="List Bullet 2")
            for figure in section.figures:
                _chart(docx, figure)
            if section.wide:
                _orientation(docx, landscape=False)

    _orientation(docx, landscape=True)
    docx.add_heading("Anhang: Befunde der Prüfung", level=1)
    if doc.findings:
        docx.add_paragraph(
            f"{len(doc.findings)} Befunde, davon {doc.deviations} mit gedrucktem und "
            "berechnetem Wert. Text und Tabellen zeigen die berechneten Werte."
        )
        columns = ("Nr.", "Schwere", "Fundstelle und Befund", "gedruckt", "berechnet", "Differenz")
        docx.add_paragraph("Befunde", style="Caption")
        table = docx.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        _repeat_header(table.rows[0])
        for cell, title in zip(table.rows[0].cells, columns, strict=True):
            cell.paragraphs[0].add_run(title).bold = True
        for f in doc.findings:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(f.number), f.severity
            where = cells[2].paragraphs[0]
            where.add_run(f.where).bold = True
            where.add_run(f" [{f.rule}] ").font.size = Pt(7)
            cells[2].add_paragraph(f.message)
            if f.note:
                cells[2].add_paragraph().add_run(f.note).italic = True
            cells[3].text, cells[4].text, cells[5].text = f.printed, f.computed, f.difference
        _widths(docx, table, [0.6, 1.2, 8.0, 1.8, 1.8, 1.8])
    else:
        docx.add_paragraph("Keine Befunde: alle nachgerechneten Zahlen stimmen.")
    buffer = BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def write_docx(doc: Document, output: Path) -> None:
    output.write_bytes(docx_bytes(doc))
