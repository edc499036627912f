"""Chapters of the Arbeitsmarktprogramm: Markdown files in the plan's folder `kapitel/`.

A chapter is CommonMark (parsed by markdown-it-py) with two additions:

* a **bound figure** `[rund 2,1 Mio. Euro]{funding.2024.pat}`: the figure as the text reads
  it, then the Kennziffer it restates (or `{rueckgang_prozent: A, B}`, `{summe: A, B}` …,
  the operations of the claims). The document prints the value the data yields, at the
  written precision; a written figure that does not hold becomes a finding.
  `[500 Millionen Euro]{extern}` marks a figure deliberately not taken from the plan.
* a **directive** alone in a paragraph: `::tabelle finanzplanung` places a table view of
  `amp.reports.tables`, `::grafik zielgruppen` a chart.

A number typed into the prose that looks like a figure of the plan (an amount, a
percentage, or a count the plan contains) gets a Hinweis "nicht an die Daten gebunden".
The result is a small tree of blocks and inlines that the HTML, Typst and DOCX writers
render alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from amp.core.bound_figures import NUMBER, UNIT_WORDS, parse_number, parse_written, show
from amp.core.claims import ClaimUnit, Operation, Reference
from amp.core.figures import CLAIM_UNITS, Figure, describe, evaluate, result_unit
from amp.core.findings import Finding, Location, Severity
from amp.core.money import presentable, round_half_up
from amp.core.problems import InputProblems, Place, Problem
from amp.core.units import Unit

CHAPTER_DIR = "kapitel"
CHAPTER_TABLE = "Kapitel"  # Location.table of chapter findings

# rule ids of the findings chapters produce (registered for the catalogue in RULES)
RULE_BOUND = "text.bound_figure"
RULE_UNBOUND = "text.unbound_figure"
RULES = {
    RULE_BOUND: (
        Severity.WARNING,
        "Gebundene Zahl im Kapiteltext passt nicht zu den Daten; gedruckt wird der Wert "
        "aus den Daten",
    ),
    RULE_UNBOUND: (Severity.NOTE, "Zahl im Kapiteltext nicht an die Daten gebunden"),
}

EXTERNAL = "extern"
TABLE_DIRECTIVE, CHART_DIRECTIVE = "tabelle", "grafik"
_DIRECTIVE = re.compile(r"^::(tabelle|grafik)\s+([\w.-]+)\s*$")
_BOUND = re.compile(r"\[([^\[\]\n]+)\]\{([^{}\n]+)\}")
_OPERATIONS = {op.value: op for op in Operation}


# ---- the tree ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    strong: bool = False
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Bound:
    """A bound figure as printed: the text the data yields."""

    text: str
    written: str  # what the chapter file says
    reference: Reference | None  # None for `{extern}`
    held: bool = True


Inline = Text | Bound


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 = the chapter's title
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain(self.inlines)


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # "tabelle" or "grafik"
    key: str


Block = Heading | Paragraph | ListBlock | Directive


@dataclass(frozen=True, slots=True)
class Chapter:
    file: str
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Heading):
                return block.text
        return self.file

    @property
    def id(self) -> str:
        return "kapitel-" + re.sub(r"[^a-z0-9]+", "-", Path(self.file).stem.lower()).strip("-")


def plain(inlines: tuple[Inline, ...]) -> str:
    return "".join(i.text for i in inlines)


@dataclass(frozen=True, slots=True)
class Source:
    """A chapter file's text and where it came from."""

    file: str  # shown in messages, e.g. "kapitel/03-finanzen.md"
    text: str


def read_sources(plan_dir: Path) -> list[Source]:
    """The chapter files of a plan directory, in file-name order (01-…, 02-…)."""
    folder = plan_dir / CHAPTER_DIR
    if not folder.is_dir():
        return []
    return [
        Source(f"{CHAPTER_DIR}/{path.name}", path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.md"))
    ]


# ---- parsing ------------------------------------------------------------------------------


def _bound_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _BOUND.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("bound_figure", "", 0)
        token.content = match.group(1)
        token.meta = {"spec": match.group(2)}
    state.pos = match.end()
    return True


def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.disable(["image", "html_inline", "html_block"])
    md.inline.ruler.before("link", "bound_figure", _bound_rule)
    return md


@dataclass
class _Context:
    source: Source
    figures: dict[str, Figure]
    known: set[str]  # table and chart keys a directive may name
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    title: str = ""

    def place(self, line: int | None) -> Place:
        return Place(file=self.source.file, line=line)


def _reference(spec: str) -> Reference | str:
    """The Kennziffer(n) of a bound figure's braces, or a German error message."""
    operation, _, names = spec.partition(":")
    op = Operation.VALUE
    if names:
        if operation.strip() not in _OPERATIONS:
            allowed = ", ".join(_OPERATIONS)
            return f"unbekannte Operation „{operation.strip()}“ (erlaubt: {allowed})"
        op = _OPERATIONS[operation.strip()]
    else:
        names = spec
    figures = tuple(n.strip() for n in names.split(",") if n.strip())
    try:
        return Reference(figures, op)
    except ValueError as error:
        return str(error)


def _bound(token: Token, line: int | None, ctx: _Context) -> Inline:
    written_text = " ".join(token.content.split())
    spec = token.meta["spec"].strip()
    if spec == EXTERNAL or spec.startswith(EXTERNAL + ":"):
        return Bound(written_text, written_text, None)
    written = parse_written(written_text)
    if written is None:
        ctx.problems.append(
            Problem(
                ctx.place(line),
                f"„{written_text}“ ist keine Zahl, die amp lesen kann "
                "(z. B. „rund 2,1 Mio. Euro“, „knapp 285“, „mehr als 10 %“)",
            )
        )
        return Text(written_text)
    reference = _reference(spec)
    if isinstance(reference, str):
        ctx.problems.append(Problem(ctx.place(line), reference))
        return Text(written_text)
    unknown = [n for n in reference.figures if n not in ctx.figures]
    if unknown:
        ctx.problems.append(
            Problem(
                ctx.place(line),
                "unbekannte Kennziffer " + ", ".join(f"„{n}“" for n in unknown) + " "
                "(alle Kennziffern: `amp show PLAN kennziffern`, docs/plan-format.md)",
            )
        )
        return Text(written_text)
    computed = evaluate(reference, ctx.figures)
    if computed is None:
        return Text(written_text)
    unit = result_unit(reference, ctx.figures)
    expected = CLAIM_UNITS[written.unit]
    if unit is not None and unit is not expected:
        ctx.problems.append(
            Problem(
                ctx.place(line),
                f"„{written_text}“ ist in {_unit_name(expected)} geschrieben, "
                f"{describe(reference, ctx.figures)} ist in {_unit_name(unit)}",
            )
        )
        return Text(written_text)
    shown = show(written, computed)
    if not shown.held or shown.text != written_text:
        severity, _ = RULES[RULE_BOUND]
        message = (
            f"„{written_text}“ passt nicht zu den Daten "
            if not shown.held
            else f"„{written_text}“ ist nach den Daten jetzt „{shown.text}“ "
        )
        ctx.findings.append(
            Finding(
                RULE_BOUND,
                severity if not shown.held else Severity.NOTE,
                Location(CHAPTER_TABLE, ctx.title or ctx.source.file, f"{ctx.source.file}:{line}"),
                message + f"({describe(reference, ctx.figures)}); das Dokument zeigt "
                f"„{shown.text}“.",
                written.stated,
                presentable(computed, expected, written.places),
                expected,
            )
        )
    return Bound(shown.text, written_text, reference, shown.held)


def _unit_name(unit: Unit) -> str:
    return {Unit.EUR: "Euro", Unit.PERCENT: "Prozent", Unit.COUNT: "Anzahl"}.get(unit, unit.value)


def _inlines(token: Token, ctx: _Context) -> tuple[Inline, ...]:
    line = token.map[0] + 1 if token.map else None
    result: list[Inline] = []
    strong = emphasis = 0
    for child in token.children or []:
        match child.type:
            case "text" | "code_inline":
                result.append(Text(child.content, strong > 0, emphasis > 0))
            case "softbreak" | "hardbreak":
                result.append(Text(" ", strong > 0, emphasis > 0))
            case "strong_open":
                strong += 1
            case "strong_close":
                strong -= 1
            case "em_open":
                emphasis += 1
            case "em_close":
                emphasis -= 1
            case "bound_figure":
                result.append(_bound(child, line, ctx))
            case _:  # links keep their text; the document links nowhere
                if child.content:
                    result.append(Text(child.content, strong > 0, emphasis > 0))
    merged: list[Inline] = []
    for inline in result:  # join neighbouring text of one style (fewer runs to write)
        last = merged[-1] if merged else None
        if (
            isinstance(inline, Text)
            and isinstance(last, Text)
            and (last.strong, last.emphasis) == (inline.strong, inline.emphasis)
        ):
            merged[-1] = Text(last.text + inline.text, last.strong, last.emphasis)
        else:
            merged.append(inline)
    return tuple(merged)


def _blocks(tokens: list[Token], start: int, end: int, ctx: _Context) -> list[Block]:
    blocks: list[Block] = []
    i = start
    while i < end:
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            inlines = _inlines(tokens[i + 1], ctx)
            if level == 1 and not ctx.title:
                ctx.title = plain(inlines)
            blocks.append(Heading(level, inlines))
            i += 3
        elif token.type == "paragraph_open":
            inline = tokens[i + 1]
            directive = _DIRECTIVE.match(inline.content.strip())
            if directive:
                kind, key = directive.groups()
                if f"{kind}:{key}" not in ctx.known:
                    line = inline.map[0] + 1 if inline.map else None
                    names = sorted(k.partition(":")[2] for k in ctx.known if k.startswith(kind))
                    ctx.problems.append(
                        Problem(
                            ctx.place(line),
                            f"unbekannte {'Tabelle' if kind == TABLE_DIRECTIVE else 'Grafik'} "
                            f"„{key}“ (vorhanden: {', '.join(names)})",
                        )
                    )
                else:
                    blocks.append(Directive(kind, key))
            else:
                blocks.append(Paragraph(_inlines(inline, ctx)))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            close = _matching(tokens, i)
            items: list[tuple[Block, ...]] = []
            j = i + 1
            while j < close:
                item_close = _matching(tokens, j)
                items.append(tuple(_blocks(tokens, j + 1, item_close, ctx)))
                j = item_close + 1
            blocks.append(ListBlock(token.type == "ordered_list_open", tuple(items)))
            i = close + 1
        elif token.type == "blockquote_open":
            close = _matching(tokens, i)
            blocks.extend(_blocks(tokens, i + 1, close, ctx))
            i = close + 1
        elif token.type in ("fence", "code_block"):
            blocks.append(Paragraph((Text(token.content.strip()),)))
            i += 1
        else:  # hr and anything else without text
            i += 1
    return blocks


def _matching(tokens: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


# ---- numbers nobody bound -----------------------------------------------------------------

_LOOSE = re.compile(
    r"(?<![\w.,§/-])(?P<word>(?:rund|rd\.|ca\.|knapp|bis zu|mehr als|mindestens|über)\s+)?"
    r"(?P<number>"
    + NUMBER
    + r")(?:\s*(?P<unit>"
    + "|".join(re.escape(u) for u in UNIT_WORDS)
    + r"))?(?![\w]|[.,]\d)(?=(?P<after>\s+\S+)|)"
)
# what a legal reference or a date puts before a number: no figure of the plan
_NOT_A_FIGURE_BEFORE = re.compile(r"(§§?|Abs\.|Nr\.|Satz|Art\.|Kapitel|Stufe|Los)\s*$")
_TIME_WORDS = ("Jahr", "Monat", "Woche", "Tag", "Stunde", "Prozentpunkt", "Uhr")


def _plan_values(figures: dict[str, Figure]) -> dict[Unit, list[Decimal]]:
    values: dict[Unit, list[Decimal]] = {}
    for figure in figures.values():
        values.setdefault(figure.unit, []).append(figure.value)
    return values


def _looks_like_plan(
    number: Decimal, places: int, unit: Unit, plan: dict[Unit, list[Decimal]]
) -> bool:
    return any(round_half_up(v, places) == number for v in plan.get(unit, []) if v != 0)


def unbound_numbers(text: str) -> Iterator[tuple[str, Decimal, Unit, int, bool]]:
    """Numbers in plain prose that may be figures of a plan.

    Yields (as written, value in the figure's unit, unit, decimal places, rounded), where
    `rounded` says a rounding word stands before it. Leaves out dates (31.12.2024), legal
    references (§ 16 Abs. 1) and durations (24 Monate).
    """
    for match in _LOOSE.finditer(text):
        if _NOT_A_FIGURE_BEFORE.search(text[: match.start()]):
            continue
        unit_word = match.group("unit") or ""
        after = (match.group("after") or "").strip()
        if not unit_word and (not after[:1].isupper() or after.startswith(_TIME_WORDS)):
            continue  # a count is followed by what it counts ("285 Arbeitsgelegenheiten")
        claim_unit = UNIT_WORDS[unit_word] if unit_word else ClaimUnit.COUNT
        number = parse_number(match.group("number"))
        exponent = number.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        written = text[match.start() : match.end("unit") if unit_word else match.end("number")]
        yield (
            written,
            number.scaleb(claim_unit.scale),
            CLAIM_UNITS[claim_unit],
            places - claim_unit.scale,
            bool(match.group("word")),
        )


def _check_unbound(blocks: list[Block], ctx: _Context, lines: dict[int, int]) -> None:
    plan = _plan_values(ctx.figures)
    for block_id, text in _texts(blocks):
        for written, value, unit, places, rounded in unbound_numbers(text):
            if unit is Unit.COUNT and (value < 10 or (1900 <= value <= 2100 and places == 0)):
                continue  # small, or a year
            like_plan = _looks_like_plan(value, places, unit, plan)
            # money is always the plan's business; a share or a count where it is one of
            # the plan's values, or stated with a rounding word ("knapp 285 Plätze")
            if unit is not Unit.EUR and not like_plan and not rounded:
                continue
            severity, _ = RULES[RULE_UNBOUND]
            ctx.findings.append(
                Finding(
                    RULE_UNBOUND,
                    severity,
                    Location(
                        CHAPTER_TABLE,
                        ctx.title or ctx.source.file,
                        f"{ctx.source.file}:{lines.get(block_id, 0)}",
                    ),
                    f"„{written}“ ist nicht an die Daten gebunden: als gebundene Zahl "
                    f"schreiben (z. B. [{written}]{{Kennziffer}}) oder als "
                    f"[{written}]{{extern}} kennzeichnen.",
                    None,
                    None,
                    unit,
                )
            )


def _texts(blocks: list[Block]) -> Iterator[tuple[int, str]]:
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            # bound figures are replaced by a placeholder, so their digits are not counted
            yield (
                id(block),
                "".join(i.text if isinstance(i, Text) else " ◊ " for i in block.inlines),
            )
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _texts(list(item))


def _block_lines(tokens: list[Token], blocks: list[Block]) -> dict[int, int]:
    """Line of each paragraph and heading, in document order (for Hinweis locations)."""
    starts = [
        t.map[0] + 1
        for t in tokens
        if t.type == "inline" and t.map and not _DIRECTIVE.match(t.content.strip())
    ]
    ids: list[int] = []

    def walk(items: list[Block]) -> None:
        for block in items:
            if isinstance(block, Heading | Paragraph):
                ids.append(id(block))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(list(item))

    walk(blocks)
    return dict(zip(ids, starts, strict=False))


def parse_chapters(
    sources: list[Source], figures: dict[str, Figure], known: set[str]
) -> tuple[list[Chapter], list[Finding]]:
    """The chapters with their figures bound, and the findings of their text.

    `known` holds "tabelle:KEY" and "grafik:KEY" for every table and chart a directive
    may place. Raises `InputProblems` with every problem of every chapter (unknown
    Kennziffer, unreadable figure, unknown directive); nothing is returned half-bound.
    """
    md = markdown()
    chapters: list[Chapter] = []
    findings: list[Finding] = []
    problems: list[Problem] = []
    for source in sources:
        ctx = _Context(source, figures, known)
        tokens = md.parse(source.text)
        blocks = _blocks(tokens, 0, len(tokens), ctx)
        if not any(isinstance(b, Heading) and b.level == 1 for b in blocks):
            problems.append(Problem(ctx.place(1), "das Kapitel braucht eine Überschrift „# Titel“"))
        _check_unbound(blocks, ctx, _block_lines(tokens, blocks))
        problems.extend(ctx.problems)
        findings.extend(ctx.findings)
        chapters.append(Chapter(source.file, tuple(blocks)))
    if problems:
        raise InputProblems(problems)
    return chapters, findings
