"""The document as a tagged PDF (PDF/UA-1), typeset by Typst through its Python package.

Typst writes the structure tree itself: headings (H1…), paragraphs, lists, tables with
header cells (TH), figures with their alternative text, the language (`de`), the title
in the metadata and bookmarks from the headings; with `pdf_standards=["ua-1"]` it refuses
to write a PDF that breaks a rule of PDF/UA-1 it can check (e.g. an image without alt
text). Every text goes into the Typst source as a string literal, so no character of a
plan can be read as Typst markup. Nothing is fetched: the only fonts are DejaVu Sans
(system) and Typst's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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

NBSP = "\u00a0"
BLUE, RED, GROUP_FILL, HEAD_FILL = "#1f5f99", "#b03a2e", "#f3f6f9", "#e8eef4"


def typst_string(text: str) -> str:
    """A Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "") + '"'


_s = typst_string  # short, for the markup below


def _inline(item: Inline) -> str:
    if isinstance(item, Bound):  # a figure is not broken across lines ("2,1 Mio. €")
        return f"#{_s(item.text.replace(' ', NBSP))}"
    text = f"#{_s(item.text)}"
    if item.strong:
        text = f"#strong[{text}]"
    if item.emphasis:
        text = f"#emph[{text}]"
    return text


def _inlines(items: Iterable[Inline]) -> str:
    return "".join(_inline(i) for i in items)


def _table(view: TableView, extra: list[str] | None) -> str:
    columns = list(view.columns)
    numeric = list(view.numeric) if view.numeric else [False] * len(columns)
    if extra:
        columns.insert(1, "Rechtsgrundlage")
        numeric.insert(1, False)
    aligns = ", ".join("right" if n else "left" for n in numeric)
    # text columns wider than number columns; the first (the row's name) widest
    widths = ", ".join(
        "1fr" if n else ("2.2fr" if i == 0 else "1.3fr") for i, n in enumerate(numeric)
    )
    head = ", ".join(f"[#strong[#{_s(c)}]]" for c in columns)
    cells: list[str] = []
    for index, row in enumerate(view.rows):
        fill = f", fill: rgb({_s(GROUP_FILL)})" if row.kind is RowKind.GROUP else ""
        bold = row.kind in (RowKind.GROUP, RowKind.TOTAL)
        texts: list[str] = []
        for column, cell in enumerate(row.cells):
            body = f"#{_s(column_text(view, column, cell))}"
            if bold:
                body = f"#strong[{body}]"
            if cell.deviates:
                printed = _s("gedruckt: " + html.printed_text(cell))
                body += f"#linebreak()#text(size: 6.5pt, fill: rgb({_s(RED)}))[#{printed}]"
            texts.append(body)
        if extra:
            texts.insert(1, f"#text(size: 7pt)[#{_s(extra[index] if index < len(extra) else '')}]")
        cells.extend(f"table.cell({fill.lstrip(', ')})[{t}]" if fill else f"[{t}]" for t in texts)
    notes = "".join(
        f"#par[#text(size: 7.5pt, fill: luma(80))[#{_s(note)}]]\n" for note in view.notes
    )
    return (
        f"#figure(kind: table, supplement: none, caption: figure.caption(position: top)"
        f"[#{_s(view.title)}], table(columns: ({widths},), align: ({aligns},),"
        f" table.header(repeat: true, {head}),\n  {', '.join(cells)}))\n{notes}"
    )


def _chart(figure: html.Figure) -> str:
    return (
        f'#figure(image(bytes({_s(figure.svg)}), format: "svg", width: 100%, '
        f"alt: {_s(figure.caption + ' Daten: ' + figure.alt)}), "
        f"caption: [#{_s(figure.caption)}])\n"
        f"#par[#text(size: 7pt)[#strong[Daten der Grafik:] #{_s(figure.alt)}]]\n"
    )


def _blocks(blocks: Iterable[Block], doc: Document, shift: int = 0) -> str:
    out: list[str] = []
    items = list(blocks)
    for index, block in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(block, Heading) and doc.on_landscape(following):
            continue  # goes onto the landscape page with the table it introduces
        if isinstance(block, Heading):
            out.append(f"#heading(level: {block.level + shift})[{_inlines(block.inlines)}]\n")
        elif isinstance(block, Paragraph):
            out.append(f"#par[{_inlines(block.inlines)}]\n")
        elif isinstance(block, ListBlock):
            kind = "enum" if block.ordered else "list"
            entries = ", ".join(f"[{_blocks(item, doc, shift).strip()}]" for item in block.items)
            out.append(f"#{kind}({entries})\n")
        elif isinstance(block, Directive):
            if block.kind == TABLE_DIRECTIVE:
                table = _table(doc.tables[block.key], doc.extras.get(block.key))
                if doc.on_landscape(block):
                    previous = items[index - 1] if index else None
                    if isinstance(previous, Heading):
                        level, text = previous.level + shift, _inlines(previous.inlines)
                        table = f"#heading(level: {level})[{text}]\n{table}"
                    table = f"#page(flipped: true)[\n{table}]\n"
                out.append(table)
            else:
                out.append(_chart(doc.charts[block.key]))
    return "".join(out)


def _findings(doc: Document) -> str:
    out = ["#heading(level: 1)[#" + _s("Anhang: Befunde der Prüfung") + "]\n"]
    if not doc.findings:
        out.append("#par[#" + _s("Keine Befunde: alle nachgerechneten Zahlen stimmen.") + "]\n")
        return "".join(out)
    out.append(
        "#par[#"
        + _s(
            f"{len(doc.findings)} Befunde, davon {doc.deviations} mit gedrucktem und "
            "berechnetem Wert. Text und Tabellen zeigen die berechneten Werte."
        )
        + "]\n"
    )
    head = ", ".join(
        f"[#strong[#{_s(c)}]]"
        for c in ("Nr.", "Schwere", "Fundstelle und Befund", "gedruckt", "berechnet", "Differenz")
    )
    cells = []
    for f in doc.findings:
        cells += [
            f"[#{_s(str(f.number))}]",
            f"[#{_s(f.severity)}]",
            f"[#strong[#{_s(f.where)}] #text(size: 6.5pt)[#{_s('[' + f.rule + ']')}]"
            f"#linebreak()#{_s(f.message)}"
            + (f"#linebreak()#emph[#{_s(f.note)}]" if f.note else "")
            + "]",
            f"[#{_s(f.printed)}]",
            f"[#{_s(f.computed)}]",
            f"[#{_s(f.difference)}]",
        ]
    out.append(
        "#figure(kind: table, supplement: none, caption: figure.caption(position: top)"
        "[#" + _s("Befunde") + "], text(size: 7.5pt, table(columns: (auto, auto, 1fr, auto, "
        "auto, auto), align: (right, left, left, right, right, right), "
        f"table.header(repeat: true, {head}),\n  {', '.join(cells)})))\n"
    )
    return "".join(out)


def _annex(doc: Document) -> str:
    if not doc.annex:
        return ""
    out = ["#heading(level: 1)[#" + _s("Tabellen und Übersichten") + "]\n"]
    for section in doc.annex:
        body = [f"#heading(level: 2)[#{_s(section.title)}]\n"]
        for view in section.tables:
            body.append(_table(view, section.extra.get(view.key)))
        for chain in section.chains:
            body.append(f"#heading(level: 3)[#{_s(chain.title)}]\n")
            stages = []
            for stage in chain.stages:
                offers = ", ".join(
                    f"[#{_s(offer)}" + (f" #text(size: 8pt)[#{_s('(' + v + ')')}]]" if v else "]")
                    for offer, v in stage.offers
                )
                stages.append(f"[#strong[#{_s(stage.name)}] #list({offers})]")
            body.append(f"#enum({', '.join(stages)})\n")
        for figure in section.figures:
            body.append(_chart(figure))
        text = "".join(body)
        if section.wide:
            out.append(f"#page(flipped: true)[\n{text}]\n")
        else:
            out.append(text)
    return "".join(out)


def typst_source(doc: Document) -> str:
    """The whole document as Typst markup (text only in string literals)."""
    footer = _s(doc.title)
    lines = [
        f"#set document(title: {_s(doc.title)}, author: {_s(doc.jobcenter)})",
        '#set text(lang: "de", region: "DE", font: "DejaVu Sans", size: 9pt)',
        "#set par(justify: false, leading: 0.6em, spacing: 0.9em)",
        '#set page(paper: "a4", margin: (x: 16mm, top: 18mm, bottom: 20mm), '
        "footer: context { if counter(page).get().first() > 1 { set text(size: 7pt, "
        f"fill: luma(100)); {footer}; h(1fr); "
        '"Seite " + str(counter(page).get().first()) + " von " + '
        "str(counter(page).final().first()) } })",
        f"#show heading.where(level: 1): it => {{ pagebreak(weak: true); set text(size: 14pt, "
        f"fill: rgb({_s(BLUE)})); block(below: 0.8em, it) }}",
        "#show heading.where(level: 2): set text(size: 11pt)",
        "#show heading.where(level: 3): set text(size: 10pt)",
        "#show figure: set block(breakable: true)",
        '#show figure.caption: set text(size: 8.5pt, weight: "bold")',
        "#set table(stroke: (x: none, y: 0.5pt + luma(200)), inset: (x: 3pt, y: 2pt))",
        f"#show table.cell.where(y: 0): set table.cell(fill: rgb({_s(HEAD_FILL)}))",
        "#show table: set text(size: 7.5pt)",
        # title page
        f"#v(30mm)#text(size: 12pt, fill: luma(90))[#{_s(doc.jobcenter)}"
        + (f"#{_s(' · ' + doc.region)}" if doc.region else "")
        + "]",
        f'#par[#text(size: 22pt, weight: "bold")[#{_s(doc.title)}]]',
        "#grid(columns: (8em, auto), row-gutter: 5pt, "
        + ", ".join(
            f"[#strong[#{_s(k)}]], [#{_s(v)}]"
            for k, v in [
                ("Jobcenter", doc.jobcenter),
                ("Planjahr", str(doc.year)),
                ("Stand", doc.as_of),
                ("Status", doc.status),
                *([("Fassung", doc.label)] if doc.label else []),
                ("Erstellt", f"{doc.created} mit amp"),
            ]
        )
        + ")",
        "#v(2em)#par[#"
        + _s(
            "Alle Zahlen im Text und in den Tabellen kommen aus den Daten des Plans. Der "
            f"Anhang listet alle {len(doc.findings)} Befunde der Prüfung, auch wo eine Zahl "
            "im Text gegenüber der Vorlage geändert wurde."
        )
        + "]",
        "#pagebreak()",
        f"#outline(title: [#{_s('Inhalt')}], depth: 2)",
    ]
    body = [_blocks(chapter.blocks, doc) for chapter in doc.chapters]
    return "\n".join(lines) + "\n" + "".join(body) + _annex(doc) + _findings(doc)


def pdf_bytes(doc: Document) -> bytes:
    import typst  # the compiler is loaded only where a PDF is written

    result = typst.compile(typst_source(doc).encode("utf-8"), pdf_standards=["ua-1"])
    assert isinstance(result, bytes)
    return result


def write_pdf(doc: Document, output: Path) -> None:
    output.write_bytes(pdf_bytes(doc))
